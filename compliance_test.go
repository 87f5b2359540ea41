package govbuy_test

import (
	"testing"

	"govbuy"
)

func TestComplianceHints(t *testing.T) {
	start := govbuy.Day(2024, 1, 1)
	firm := &govbuy.Contractor{Name: "云溪路桥养护工程有限公司", Type: govbuy.TypeEnterprise}
	tests := []struct {
		name  string
		in    govbuy.HintInput
		rules []string
	}{
		{"post by open hiring", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindPost, Method: govbuy.MethodOpenHire, Headcount: 20, Start: start, End: govbuy.Day(2024, 12, 31)},
			Contractor: firm}, []string{"hiring"}},
		{"post through a dispatch agency", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindPost, Method: govbuy.MethodPostOutsource, Headcount: 8},
			Contractor: &govbuy.Contractor{Name: "云溪区睿博劳务派遣有限公司", Type: govbuy.TypeEnterprise}}, []string{"dispatch"}},
		{"two-year term", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender, Start: start, End: govbuy.Day(2025, 12, 31)},
			Contractor: firm}, []string{"term", "term_reason"}},
		{"two-year term with its 第二十四条 justification", govbuy.HintInput{
			Contract: &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender, Start: start, End: govbuy.Day(2025, 12, 31),
				PublicRecord: govbuy.PublicRecord{TermReason: "已纳入中期财政规划，服务需求稳定"}},
			Contractor: firm}, []string{"term"}},
		{"four-year term", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender, Start: start, End: govbuy.Day(2027, 12, 31)},
			Contractor: firm}, []string{"term3"}},
		{"excluded type", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender},
			Contractor: &govbuy.Contractor{Name: "某公益一类单位", Type: govbuy.TypePublicClass1}}, []string{"excluded"}},
		{"purchasing unit of public class 1", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender},
			Contractor: firm, Unit: &govbuy.Unit{Name: "云溪区某公益一类单位", Kind: govbuy.UnitPublic, Class: govbuy.ClassPublic1}},
			[]string{"excluded_unit"}},
		{"purchasing unit of public class 2", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender},
			Contractor: firm, Unit: &govbuy.Unit{Name: "云溪区某公益二类单位", Kind: govbuy.UnitPublic, Class: govbuy.ClassPublic2}}, nil},
		{"over threshold without tender", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodConsultation, Amount: 200_000_000},
			Contractor: firm}, []string{"tender"}},
		{"under threshold", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodConsultation, Amount: 199_999_999},
			Contractor: firm}, nil},
		{"graded poor last year", govbuy.HintInput{
			Contract:   &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender},
			Contractor: firm, PrevGrade: govbuy.GradePoor}, []string{"poor"}},
		{"contractor does not meet the service's requirement", govbuy.HintInput{
			Contract:    &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender, Start: start, End: govbuy.Day(2024, 12, 31)},
			Contractor:  firm,
			Requirement: &govbuy.Requirement{Kind: govbuy.KindProject, QualKind: "公路养护工程施工资质", MinLevel: "乙级"}}, []string{"requirement"}},
		{"a requirement for projects leaves posts alone", govbuy.HintInput{
			Contract:    &govbuy.Contract{Kind: govbuy.KindPost, Method: govbuy.MethodPostOutsource, Headcount: 3},
			Contractor:  firm,
			Requirement: &govbuy.Requirement{Kind: govbuy.KindProject, QualKind: "公路养护工程施工资质", MinLevel: "乙级"}}, nil},
		{"qualification lapses in the term", govbuy.HintInput{
			Contract: &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender, Start: start, End: govbuy.Day(2024, 12, 31)},
			Contractor: &govbuy.Contractor{Name: "蜀南景观园林有限公司", Type: govbuy.TypeEnterprise, Qualifications: []govbuy.Qualification{
				{Kind: "城市园林绿化企业资质", Level: "三级", Expiry: govbuy.Day(2024, 6, 30)},
			}}}, []string{"expired"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hints := govbuy.ComplianceHints(tt.in)
			var got []string
			for _, h := range hints {
				got = append(got, h.Rule)
				if h.Article == "" || h.Message == "" {
					t.Errorf("hint %s has no article or message", h.Rule)
				}
			}
			if len(got) != len(tt.rules) {
				t.Fatalf("rules = %v, want %v", got, tt.rules)
			}
			for i := range got {
				if got[i] != tt.rules[i] {
					t.Errorf("rules = %v, want %v", got, tt.rules)
				}
			}
		})
	}
}

func TestExcludedUnitHintNamesTheUnitAndArticle8(t *testing.T) {
	hints := govbuy.ComplianceHints(govbuy.HintInput{
		Contract: &govbuy.Contract{Kind: govbuy.KindProject, Method: govbuy.MethodOpenTender},
		Unit:     &govbuy.Unit{Name: "云溪区档案馆", Kind: govbuy.UnitPublic, Class: govbuy.ClassPublic1},
	})
	want := govbuy.Hint{Rule: "excluded_unit", Article: "第八条", Message: "购买主体“云溪区档案馆”为公益一类事业单位，不作为政府购买服务的购买主体"}
	if len(hints) != 1 || hints[0] != want {
		t.Errorf("hints = %+v, want %+v", hints, want)
	}
}
