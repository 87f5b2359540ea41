package govbuy_test

import (
	"testing"

	"govbuy"
)

// 第八条: a 公益一类事业单位 is refused as a contractor, on the type field,
// naming the article; the other types of 第六条 are accepted.
func TestContractorTypeArticle8(t *testing.T) {
	tests := []struct {
		typ     govbuy.ContractorType
		message string
	}{
		{govbuy.TypeEnterprise, ""},
		{govbuy.TypeSocialOrg, ""},
		{govbuy.TypePublicClass2, ""},
		{govbuy.TypePublicCommercial, ""},
		{govbuy.TypeRuralCollective, ""},
		{govbuy.TypeGrassroots, ""},
		{govbuy.TypeIndividual, ""},
		{govbuy.TypePublicClass1, "主体类型：公益一类事业单位不得作为政府购买服务的承接主体（《政府购买服务管理办法》第八条）"},
		{"", "主体类型：请选择主体类型（企业、社会组织、个人等）"},
		{"合伙企业", "主体类型：请选择主体类型（企业、社会组织、个人等）"},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ), func(t *testing.T) {
			c := govbuy.Contractor{Name: "云溪区某单位", Type: tt.typ}
			err := c.Validate()
			if got := govbuy.ErrorMessage(err); got != tt.message {
				t.Errorf("Validate() = %q, want %q", got, tt.message)
			}
			if tt.message != "" && govbuy.ErrorField(err) != "主体类型" {
				t.Errorf("problem on field %q, want 主体类型", govbuy.ErrorField(err))
			}
			if got := govbuy.ErrorMessage(tt.typ.CheckType()); got != tt.message {
				t.Errorf("CheckType() = %q, want %q", got, tt.message)
			}
		})
	}
}
