package govbuy_test

import (
	"testing"

	"govbuy"
)

func TestPaymentRulePayable(t *testing.T) {
	banded := govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{
		{Min: 950, Rate: 10000}, {Min: 850, Rate: 9800}, {Min: 600, Rate: 9000}, {Min: 0, Rate: 7000},
	}}
	tests := []struct {
		name        string
		rule        govbuy.PaymentRule
		installment govbuy.Money
		score       govbuy.Score
		want        govbuy.Money
	}{
		{"proportional", govbuy.PaymentRule{Kind: govbuy.RuleProportional}, 245_000_00, 865, 211_925_00},
		{"proportional rounds half up", govbuy.PaymentRule{Kind: govbuy.RuleProportional}, 1_01, 865, 87},
		{"proportional floor", govbuy.PaymentRule{Kind: govbuy.RuleProportional, Floor: 8000}, 100_000_00, 550, 80_000_00},
		{"banded top", banded, 640_000_00, 960, 640_000_00},
		{"banded 98%", banded, 640_000_00, 925, 627_200_00},
		{"banded edge 85.0", banded, 640_000_00, 850, 627_200_00},
		{"banded 84.9", banded, 640_000_00, 849, 576_000_00},
		{"banded below 60", banded, 640_000_00, 599, 448_000_00},
		{"threshold full", govbuy.PaymentRule{Kind: govbuy.RuleThreshold, Threshold: 600}, 1000_00, 600, 1000_00},
		{"threshold below", govbuy.PaymentRule{Kind: govbuy.RuleThreshold, Threshold: 900}, 1000_00, 855, 855_00},
		{"withheld 5%", govbuy.PaymentRule{Kind: govbuy.RuleWithheld, Withheld: 500}, 1_000_000_00, 865, 993_250_00},
		{"full", govbuy.PaymentRule{Kind: govbuy.RuleFull}, 1234_56, 300, 1234_56},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.rule.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			if got := tt.rule.Payable(tt.installment, tt.score); got != tt.want {
				t.Errorf("Payable(%s, %s) = %s, want %s", tt.installment, tt.score, got, tt.want)
			}
		})
	}
}

func TestPaymentRuleExplain(t *testing.T) {
	r := govbuy.PaymentRule{Kind: govbuy.RuleProportional}
	got := r.Explain("2024Q2", 865, govbuy.GradeGood, 245_000_00)
	want := "2024年第2季度得分86.5（良），按比例支付86.5%：本期基数245,000.00元，应付211,925.00元，扣减33,075.00元"
	if got != want {
		t.Errorf("Explain =\n %s\nwant\n %s", got, want)
	}
	w := govbuy.PaymentRule{Kind: govbuy.RuleWithheld, Withheld: 500}
	if got := w.Explain("2024", 865, govbuy.GradeGood, 1_000_000_00); got != "2024年度得分86.5（良），按99.325%支付：本期基数1,000,000.00元，应付993,250.00元，扣减6,750.00元" {
		t.Errorf("withheld Explain = %s", got)
	}
}

// A plan's summary says what a score below its lowest band pays, and a
// period scored there is explained as paying nothing for that reason.
func TestPaymentRuleBelowTheLowestBand(t *testing.T) {
	tiers := govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 10000}, {Min: 800, Rate: 9500}, {Min: 600, Rate: 9000}}}
	withFloor := govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 10000}, {Min: 0, Rate: 7000}}}
	tests := []struct {
		name     string
		rule     govbuy.PaymentRule
		describe string
		score    govbuy.Score
		nothing  bool
		explain  string
	}{
		{"tiers 90/80/60 at 55", tiers, "按得分档次支付：90分以上支付100%，80分以上支付95%，60分以上支付90%，低于60分不支付", 550, true,
			"2024年第2季度得分55（差），低于最低档60分，不支付：本期基数100,000.00元，应付0.00元，扣减100,000.00元"},
		{"tiers 90/80/60 at 60", tiers, "按得分档次支付：90分以上支付100%，80分以上支付95%，60分以上支付90%，低于60分不支付", 600, false,
			"2024年第2季度得分60（中），按90%支付：本期基数100,000.00元，应付90,000.00元，扣减10,000.00元"},
		{"a band from 0 pays at every score", withFloor, "按得分档次支付：90分以上支付100%，0分以上支付70%", 100, false,
			"2024年第2季度得分10（差），按70%支付：本期基数100,000.00元，应付70,000.00元，扣减30,000.00元"},
		{"proportional pays at every score", govbuy.PaymentRule{Kind: govbuy.RuleProportional}, "按得分比例支付", 550, false,
			"2024年第2季度得分55（差），按比例支付55%：本期基数100,000.00元，应付55,000.00元，扣减45,000.00元"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.rule.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := tt.rule.Describe(); got != tt.describe {
				t.Errorf("Describe() = %s, want %s", got, tt.describe)
			}
			if got := tt.rule.PaysNothingAt(tt.score); got != tt.nothing {
				t.Errorf("PaysNothingAt(%s) = %v", tt.score, got)
			}
			grade := govbuy.DefaultGradeBands.Grade(tt.score)
			if got := tt.rule.Explain("2024Q2", tt.score, grade, 100_000_00); got != tt.explain {
				t.Errorf("Explain() = %s, want %s", got, tt.explain)
			}
		})
	}
}

func TestPaymentRuleValidate(t *testing.T) {
	tests := []struct {
		name  string
		rule  govbuy.PaymentRule
		field govbuy.Field
	}{
		{"no kind", govbuy.PaymentRule{}, "支付规则"},
		{"no bands", govbuy.PaymentRule{Kind: govbuy.RuleBanded}, "支付档次"},
		{"overlapping bands", govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 10000}, {Min: 900, Rate: 9000}}}, "支付档次"},
		{"rate above 100%", govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 12000}}}, "支付档次"},
		{"lower band pays more", govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 9000}, {Min: 600, Rate: 9500}}}, "支付档次"},
		{"floor above 100%", govbuy.PaymentRule{Kind: govbuy.RuleProportional, Floor: 10001}, "保底比例"},
		{"no threshold", govbuy.PaymentRule{Kind: govbuy.RuleThreshold}, "达标分数"},
		{"withheld 0", govbuy.PaymentRule{Kind: govbuy.RuleWithheld}, "考核金比例"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rule.Validate()
			if govbuy.ErrorKindOf(err) != govbuy.EInvalid || govbuy.ErrorField(err) != tt.field {
				t.Errorf("Validate() = %v, want an invalid %s", err, tt.field)
			}
		})
	}
}

func TestInstallmentSplitsExactly(t *testing.T) {
	p := govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter}
	amount := govbuy.Money(1_000_001)
	var sum govbuy.Money
	want := []govbuy.Money{250_001, 250_000, 250_000, 250_000}
	for i, q := range p.Period.Periods(2024) {
		got := p.Installment(amount, 2024, q)
		if got != want[i] {
			t.Errorf("%s = %d, want %d", q, got, want[i])
		}
		sum += got
	}
	if sum != amount {
		t.Errorf("installments add to %d, want %d", sum, amount)
	}
	p.Installments = map[string]govbuy.Money{"2024Q4": 400_000}
	if got := p.Installment(amount, 2024, "2024Q1"); got != 200_001 {
		t.Errorf("with Q4 set, Q1 = %d, want 200001", got)
	}
}

func TestPlanValidate(t *testing.T) {
	p := govbuy.AssessmentPlan{
		Period:   govbuy.PeriodQuarter,
		Criteria: []govbuy.Criterion{{Name: "路面保洁", Points: 600}, {Name: "安全设施", Points: 300}},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleProportional},
	}
	p.Normalize() // the default grade bands
	err := p.Validate()
	if err == nil || govbuy.ErrorMessage(err) != "考核指标：各项分值合计应为100分，实际为90分" {
		t.Errorf("Validate() = %v", err)
	}
	p.Criteria[1].Points = 400
	if err := p.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
	p.Bands = govbuy.GradeBands{Excellent: 800, Good: 800, Fair: 600}
	if err := p.Validate(); err == nil {
		t.Error("overlapping grade bands accepted")
	}
}

func TestAssessmentTotalsItems(t *testing.T) {
	plan := &govbuy.AssessmentPlan{Criteria: []govbuy.Criterion{{Name: "路面保洁", Points: 600}, {Name: "安全设施", Points: 400}}}
	a := govbuy.Assessment{ContractID: 1, Period: "2024Q2", Items: []govbuy.ItemScore{
		{Criterion: "路面保洁", Score: 565, Reason: "督查发现路面积土"},
		{Criterion: "安全设施", Score: 300, Reason: "警示标志缺失"},
	}}
	a.Normalize(plan, nil)
	if err := a.Validate(plan, nil); err != nil {
		t.Fatal(err)
	}
	if a.Score != 865 {
		t.Errorf("Score = %s, want 86.5", a.Score)
	}
	// Each case scores both criteria properly but for its own item, which
	// replaces the one of the same criterion (or is added, when unknown);
	// a missing item is a criterion left blank.
	scored := func(it govbuy.ItemScore) []govbuy.ItemScore {
		items := []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}, {Criterion: "安全设施", Score: 400}}
		for i := range items {
			if items[i].Criterion == it.Criterion {
				items[i] = it
				return items
			}
		}
		return append(items, it)
	}
	bad := []struct {
		name  string
		items []govbuy.ItemScore
		msg   string
	}{
		{"above points", scored(govbuy.ItemScore{Criterion: "安全设施", Score: 410}), "安全设施：得分41超过该项分值40"},
		{"negative", scored(govbuy.ItemScore{Criterion: "安全设施", Score: -1}), "安全设施：得分不能为负数"},
		{"no reason", scored(govbuy.ItemScore{Criterion: "安全设施", Score: 380}), "安全设施：扣2分，请填写扣分原因"},
		{"unknown criterion", scored(govbuy.ItemScore{Criterion: "绿化", Score: 10}), "绿化：不是本合同考核细则中的指标"},
		{"blank criterion is not full marks", []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}}, "安全设施：未评分，请填写得分（满分40分）"},
		{"every blank criterion named", []govbuy.ItemScore{{Criterion: "绿化", Score: 10}},
			"路面保洁：未评分，请填写得分（满分60分）；安全设施：未评分，请填写得分（满分40分）；绿化：不是本合同考核细则中的指标"},
	}
	for _, tt := range bad {
		a := govbuy.Assessment{ContractID: 1, Period: "2024Q2", Items: tt.items}
		if err := a.Validate(plan, nil); err == nil || govbuy.ErrorMessage(err) != tt.msg {
			t.Errorf("%s: Validate() = %v, want %s", tt.name, err, tt.msg)
		}
	}
	// A total without items (a ledger's score) is not scored item by item.
	whole := govbuy.Assessment{ContractID: 1, Period: "2024", Score: 925}
	if err := whole.Validate(plan, nil); err != nil || whole.Score != 925 {
		t.Errorf("a total without items: %v, score %s", err, whole.Score)
	}
}
