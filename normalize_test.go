package govbuy_test

import (
	"reflect"
	"testing"

	"govbuy"
)

// normalizing is one record as a person typed or pasted it: untidy text,
// blanks that take defaults, bands out of order, items without their total.
type normalizing[T any] struct {
	typed     func() T
	normalize func(*T)
	validate  func(*T) error
	want      T // the record normalised
}

// check runs the three promises of a record's Normalize and Validate:
// Validate leaves the record as it found it, whatever it says about it;
// Normalize puts it in the stored form; the stored form is valid.
func (n normalizing[T]) check(t *testing.T) {
	got, typed := n.typed(), n.typed()
	_ = n.validate(&got) // an untidy record may well be refused; it must not be changed
	if !reflect.DeepEqual(got, typed) {
		t.Errorf("Validate changed the record:\n got %+v\nwant %+v", got, typed)
	}
	n.normalize(&got)
	if !reflect.DeepEqual(got, n.want) {
		t.Errorf("Normalize:\n got %+v\nwant %+v", got, n.want)
	}
	if reflect.DeepEqual(typed, n.want) {
		t.Error("the typed record is normal already, so it proves nothing about Validate")
	}
	if err := n.validate(&got); err != nil {
		t.Errorf("the normalised record is refused: %v", err)
	}
}

func TestNormalizeAndValidate(t *testing.T) {
	start := govbuy.Day(2024, 1, 1)
	bands := func(mins ...govbuy.Score) []govbuy.Band {
		out := make([]govbuy.Band, len(mins))
		for i, m := range mins {
			out[i] = govbuy.Band{Min: m, Rate: govbuy.Rate(7000 + int(m))}
		}
		return out
	}
	plan := roadScheme()
	ins := []govbuy.Inspection{{ID: 7, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14), Kind: govbuy.InspectionUnannounced,
		Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 35, Finding: "路面积土未清理"}}}}
	deductions := govbuy.DeductionsOf(ins, "2024Q2")
	items := func(first string) []govbuy.ItemScore {
		return []govbuy.ItemScore{{Criterion: "路面保洁", Score: 265, Reason: first}, {Criterion: "路肩边沟", Score: 250},
			{Criterion: "桥涵构造物", Score: 200}, {Criterion: "安全设施", Score: 150}, {Criterion: "内业资料", Score: 100}}
	}
	tests := []struct {
		name  string
		check func(*testing.T)
	}{
		{"contract", normalizing[govbuy.Contract]{
			typed: func() govbuy.Contract {
				return govbuy.Contract{Number: " YX2024-001 ", Title: "农村公路\n日常养护", UnitID: 1, ContractorID: 2,
					Kind: govbuy.KindProject, Method: govbuy.MethodConsultation, Amount: 98_000_000, Start: start}
			},
			normalize: (*govbuy.Contract).Normalize, validate: (*govbuy.Contract).Validate,
			want: govbuy.Contract{Number: "YX2024-001", Year: 2024, Title: "农村公路 日常养护", UnitID: 1, ContractorID: 2,
				Kind: govbuy.KindProject, Method: govbuy.MethodConsultation, Amount: 98_000_000, Start: start,
				Funding: govbuy.FundBudget, Status: govbuy.StatusActive},
		}.check},
		{"contractor", normalizing[govbuy.Contractor]{
			typed: func() govbuy.Contractor {
				return govbuy.Contractor{Name: " 云溪公路养护有限公司\u200b", Type: govbuy.TypeEnterprise, CreditCode: "９１１１0000 600037341l"}
			},
			normalize: (*govbuy.Contractor).Normalize, validate: (*govbuy.Contractor).Validate,
			want: govbuy.Contractor{Name: "云溪公路养护有限公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341L"},
		}.check},
		{"unit", normalizing[govbuy.Unit]{
			typed:     func() govbuy.Unit { return govbuy.Unit{Name: "区民政局\t", Code: "91110000600037341l"} },
			normalize: (*govbuy.Unit).Normalize, validate: (*govbuy.Unit).Validate,
			want: govbuy.Unit{Name: "区民政局", Kind: govbuy.UnitAdministrative, Code: "91110000600037341L"},
		}.check},
		{"payment", normalizing[govbuy.Payment]{
			typed: func() govbuy.Payment {
				return govbuy.Payment{ContractID: 1, Date: start, Amount: 100, Voucher: " 记-12 ", Notes: "第一期\r\n", OverReason: " 含上季度补付"}
			},
			normalize: (*govbuy.Payment).Normalize, validate: (*govbuy.Payment).Validate,
			want: govbuy.Payment{ContractID: 1, Date: start, Amount: 100, Voucher: "记-12", Notes: "第一期", OverReason: "含上季度补付"},
		}.check},
		{"catalog item", normalizing[govbuy.CatalogItem]{
			typed: func() govbuy.CatalogItem {
				return govbuy.CatalogItem{Code: " B03", Name: "农村公路\u3000养护服务 "}
			},
			normalize: (*govbuy.CatalogItem).Normalize, validate: (*govbuy.CatalogItem).Validate,
			want: govbuy.CatalogItem{Code: "B03", Name: "农村公路 养护服务"},
		}.check},
		{"payment rule", normalizing[govbuy.PaymentRule]{
			typed: func() govbuy.PaymentRule {
				return govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: bands(600, 950, 850)}
			},
			normalize: (*govbuy.PaymentRule).Normalize, validate: (*govbuy.PaymentRule).Validate,
			want: govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: bands(950, 850, 600)},
		}.check},
		{"assessment plan", normalizing[govbuy.AssessmentPlan]{
			typed: func() govbuy.AssessmentPlan {
				return govbuy.AssessmentPlan{Period: govbuy.PeriodYear, Rule: govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: bands(600, 900)}}
			},
			normalize: (*govbuy.AssessmentPlan).Normalize, validate: (*govbuy.AssessmentPlan).Validate,
			want: govbuy.AssessmentPlan{Period: govbuy.PeriodYear, Bands: govbuy.DefaultGradeBands,
				Rule: govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: bands(900, 600)}},
		}.check},
		{"assessment", normalizing[govbuy.Assessment]{
			typed: func() govbuy.Assessment {
				return govbuy.Assessment{ContractID: 1, Period: "2024Q2", Assessor: " 李娜 ", Items: items("")}
			},
			normalize: func(a *govbuy.Assessment) { a.Normalize(plan, deductions) },
			validate:  func(a *govbuy.Assessment) error { return a.Validate(plan, deductions) },
			want: govbuy.Assessment{ContractID: 1, Period: "2024Q2", Assessor: "李娜", Score: 965,
				Items: items("2024-05-14随机抽查：路面积土未清理，扣3.5分")},
		}.check},
		{"inspection", normalizing[govbuy.Inspection]{
			typed: func() govbuy.Inspection {
				return govbuy.Inspection{ContractID: 1, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14), Kind: govbuy.InspectionUnannounced,
					Inspectors: "张伟、 李娜\n", Attachments: []string{" 照片1.jpg ", " "},
					Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 30, Finding: "路面\t积土 "}}}
			},
			normalize: (*govbuy.Inspection).Normalize,
			validate:  func(in *govbuy.Inspection) error { return in.Validate(plan) },
			want: govbuy.Inspection{ContractID: 1, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14), Kind: govbuy.InspectionUnannounced,
				Inspectors: "张伟、 李娜", Attachments: []string{"照片1.jpg"},
				Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 30, Finding: "路面 积土"}}},
		}.check},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

// A record Validate sees without Normalize is judged as it is: blanks
// that only take their defaults in Normalize, and bands out of order,
// are refused rather than quietly fixed.
func TestValidateJudgesTheRecordAsItIs(t *testing.T) {
	c := govbuy.Contract{Number: "YX2024-001", Title: "农村公路日常养护", UnitID: 1, ContractorID: 2, Kind: govbuy.KindProject,
		Method: govbuy.MethodConsultation, Start: govbuy.Day(2024, 1, 1)}
	u := govbuy.Unit{Name: "区民政局"}
	r := govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 600, Rate: 7000}, {Min: 900, Rate: 10000}}}
	a := govbuy.Assessment{ContractID: 1, Period: "2024Q2", Score: 1000, Items: []govbuy.ItemScore{{Criterion: "路面保洁", Score: 300}}}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"contract", c.Validate(), "资金来源：请选择资金来源；状态：请选择状态；年度：请填写年度（1990–2100）"},
		{"unit", u.Validate(), "单位类型：请选择单位类型"},
		{"payment rule", r.Validate(), "支付档次：第2档起点90分高于上一档的60分，请从高分到低分排列"},
		{"assessment", a.Validate(nil, nil), "得分：应为各项得分之和30分"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := govbuy.ErrorMessage(tt.err); got != tt.want {
				t.Errorf("Validate() = %q, want %q", got, tt.want)
			}
		})
	}
}
