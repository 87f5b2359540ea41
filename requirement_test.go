package govbuy_test

import (
	"errors"
	"slices"
	"testing"

	"govbuy"
)

func TestRequirementMissing(t *testing.T) {
	term := &govbuy.Contract{Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31)}
	green := govbuy.Requirement{CatalogCode: "E03", QualKind: "城市园林绿化企业资质", MinLevel: "三级"}
	road := govbuy.Requirement{CatalogCode: "B03", QualKind: "公路养护工程施工资质", MinLevel: "乙级", Types: []govbuy.ContractorType{govbuy.TypeEnterprise}}
	lab := govbuy.Requirement{CatalogCode: "D01", Licence: "医疗机构执业许可证"}
	firm := func(kind, level string, expiry int) *govbuy.Contractor {
		return &govbuy.Contractor{Name: "某公司", Type: govbuy.TypeEnterprise, Qualifications: []govbuy.Qualification{
			{Kind: kind, Level: level, Expiry: govbuy.Day(expiry, 6, 30)}}}
	}
	tests := []struct {
		name string
		req  govbuy.Requirement
		k    *govbuy.Contractor
		want []string
	}{
		{"二级 meets 三级 and above", green, firm("城市园林绿化企业资质", "二级", 2026), nil},
		{"三级 meets 三级", green, firm("城市园林绿化企业资质", "三级", 2026), nil},
		{"甲级 meets 乙级", road, firm("公路养护工程施工资质", "甲级", 2026), nil},
		{"丙级 is below 乙级", road, firm("公路养护工程施工资质", "丙级", 2026), []string{"公路养护工程施工资质为丙级，低于要求的乙级及以上"}},
		{"lapses within the term", road, firm("公路养护工程施工资质", "乙级", 2024), []string{"公路养护工程施工资质（乙级）于2024-06-30到期，早于合同结束"}},
		{"no such qualification", green, firm("公路养护工程施工资质", "甲级", 2026), []string{"缺少城市园林绿化企业资质"}},
		{"a social organisation may not", road, &govbuy.Contractor{Type: govbuy.TypeSocialOrg, Qualifications: []govbuy.Qualification{{Kind: "公路养护工程施工资质", Level: "甲级"}}},
			[]string{"主体类型为社会组织，该服务限企业承接"}},
		{"licence held", lab, firm("医疗机构执业许可证", "", 2027), nil},
		{"licence missing", lab, firm("工程造价咨询企业资质", "甲级", 2027), []string{"缺少有效的医疗机构执业许可证"}},
	}
	for _, tt := range tests {
		if got := tt.req.Missing(tt.k, term); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Missing = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRequirementValidate(t *testing.T) {
	bad := []struct {
		r     govbuy.Requirement
		field govbuy.Field
	}{
		{govbuy.Requirement{QualKind: "城市园林绿化企业资质"}, "服务类别"},
		{govbuy.Requirement{CatalogCode: "E03", QualKind: "不存在的资质"}, "资质要求"},
		{govbuy.Requirement{CatalogCode: "E03", QualKind: "城市园林绿化企业资质", MinLevel: "四星"}, "资质等级"},
		{govbuy.Requirement{CatalogCode: "E03", MinLevel: "一级"}, "资质等级"},
		{govbuy.Requirement{CatalogCode: "E03", Types: []govbuy.ContractorType{"外国机构"}}, "主体类型"},
	}
	for _, tt := range bad {
		var e *govbuy.Error
		if err := tt.r.Validate(); !errors.As(err, &e) || e.Kind != govbuy.EInvalid || e.Field != tt.field {
			t.Errorf("%+v: Validate() = %v, want a problem with %s", tt.r, err, tt.field)
		}
	}
	ok := govbuy.Requirement{CatalogCode: "B03", QualKind: "公路养护工程施工资质", MinLevel: "乙级"}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
}

func TestQualificationLevelsRunHighestFirst(t *testing.T) {
	want := []string{"特级", "一级", "二级", "三级", "甲级", "乙级", "丙级"}
	if got := govbuy.QualificationLevels(); !slices.Equal(got, want) {
		t.Errorf("QualificationLevels() = %v, want %v", got, want)
	}
}
