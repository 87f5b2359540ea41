package govbuy_test

import (
	"maps"
	"testing"

	"govbuy"
)

// wantPeriod is what one period of a settlement must show.
type wantPeriod struct {
	code          string
	base          govbuy.Money
	score         govbuy.Score // -1: not assessed
	grade         govbuy.Grade
	payable, paid govbuy.Money
	explanation   string
}

// wantTotals are a settlement's figures in total.
type wantTotals struct {
	payable, toDate, paid, withheld, balance govbuy.Money
}

func quarterly(rule govbuy.PaymentRule) *govbuy.AssessmentPlan {
	return &govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter, Bands: govbuy.DefaultGradeBands, Rule: rule}
}

func scores(byPeriod ...any) []govbuy.Assessment {
	var out []govbuy.Assessment
	for i := 0; i < len(byPeriod); i += 2 {
		out = append(out, govbuy.Assessment{Period: byPeriod[i].(string), Score: govbuy.Score(byPeriod[i+1].(int))})
	}
	return out
}

func paid(byPeriod ...any) []govbuy.Payment {
	var out []govbuy.Payment
	for i := 0; i < len(byPeriod); i += 2 {
		out = append(out, govbuy.Payment{Period: byPeriod[i].(string), Amount: govbuy.Money(byPeriod[i+1].(int))})
	}
	return out
}

const (
	q3Unassessed = "2024年第3季度尚未考核，按基数245,000.00元预付上限，考核后按得分结算"
	q4Unassessed = "2024年第4季度尚未考核，按基数245,000.00元预付上限，考核后按得分结算"
)

func TestSettle(t *testing.T) {
	// 980,000.00 yuan assessed by quarter: 245,000.00 a quarter.
	const amount = govbuy.Money(98_000_000)
	banded := govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 950, Rate: 10000}, {Min: 850, Rate: 9800}, {Min: 600, Rate: 9000}}}
	tests := []struct {
		name        string
		amount      govbuy.Money
		plan        *govbuy.AssessmentPlan
		assessments []govbuy.Assessment
		payments    []govbuy.Payment
		periods     []wantPeriod
		others      []wantPeriod
		totals      wantTotals
	}{
		{
			name: "proportional with a floor; Q1 paid in part, Q2 paid over", amount: amount,
			plan:        quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional, Floor: 9000}),
			assessments: scores("2024Q1", 865, "2024Q2", 950),
			payments:    paid("2024Q1", 10_000_000, "2024Q2", 25_000_000),
			periods: []wantPeriod{
				{"2024Q1", 24_500_000, 865, govbuy.GradeGood, 22_050_000, 10_000_000,
					"2024年第1季度得分86.5（良），按90%支付：本期基数245,000.00元，应付220,500.00元，扣减24,500.00元"},
				{"2024Q2", 24_500_000, 950, govbuy.GradeExcellent, 23_275_000, 25_000_000,
					"2024年第2季度得分95（优），按比例支付95%：本期基数245,000.00元，应付232,750.00元，扣减12,250.00元"},
				{"2024Q3", 24_500_000, -1, "", 24_500_000, 0, q3Unassessed},
				{"2024Q4", 24_500_000, -1, "", 24_500_000, 0, q4Unassessed},
			},
			totals: wantTotals{payable: 94_325_000, toDate: 45_325_000, paid: 35_000_000, withheld: 3_675_000, balance: 63_000_000},
		},
		{
			name: "banded, one score below the lowest band", amount: amount,
			plan:        quarterly(banded),
			assessments: scores("2024Q1", 880, "2024Q2", 550),
			periods: []wantPeriod{
				{"2024Q1", 24_500_000, 880, govbuy.GradeGood, 24_010_000, 0,
					"2024年第1季度得分88（良），按98%支付：本期基数245,000.00元，应付240,100.00元，扣减4,900.00元"},
				{"2024Q2", 24_500_000, 550, govbuy.GradePoor, 0, 0,
					"2024年第2季度得分55（差），低于最低档60分，不支付：本期基数245,000.00元，应付0.00元，扣减245,000.00元"},
				{"2024Q3", 24_500_000, -1, "", 24_500_000, 0, q3Unassessed},
				{"2024Q4", 24_500_000, -1, "", 24_500_000, 0, q4Unassessed},
			},
			totals: wantTotals{payable: 73_010_000, toDate: 24_010_000, withheld: 24_990_000, balance: amount},
		},
		{
			name: "full above a threshold, in proportion below it", amount: amount,
			plan:        quarterly(govbuy.PaymentRule{Kind: govbuy.RuleThreshold, Threshold: 900}),
			assessments: scores("2024Q2", 800, "2024Q1", 920),
			periods: []wantPeriod{
				{"2024Q1", 24_500_000, 920, govbuy.GradeExcellent, 24_500_000, 0,
					"2024年第1季度得分92（优），按100%支付：本期基数245,000.00元，应付245,000.00元，扣减0.00元"},
				{"2024Q2", 24_500_000, 800, govbuy.GradeGood, 19_600_000, 0,
					"2024年第2季度得分80（良），按80%支付：本期基数245,000.00元，应付196,000.00元，扣减49,000.00元"},
				{"2024Q3", 24_500_000, -1, "", 24_500_000, 0, q3Unassessed},
				{"2024Q4", 24_500_000, -1, "", 24_500_000, 0, q4Unassessed},
			},
			totals: wantTotals{payable: 93_100_000, toDate: 44_100_000, withheld: 4_900_000, balance: amount},
		},
		{
			name: "a withheld share released by score", amount: amount,
			plan:        quarterly(govbuy.PaymentRule{Kind: govbuy.RuleWithheld, Withheld: 2000}),
			assessments: scores("2024Q1", 800),
			payments:    paid("2024Q1", 23_520_000),
			periods: []wantPeriod{
				{"2024Q1", 24_500_000, 800, govbuy.GradeGood, 23_520_000, 23_520_000,
					"2024年第1季度得分80（良），按96%支付：本期基数245,000.00元，应付235,200.00元，扣减9,800.00元"},
				{"2024Q2", 24_500_000, -1, "", 24_500_000, 0, "2024年第2季度尚未考核，按基数245,000.00元预付上限，考核后按得分结算"},
				{"2024Q3", 24_500_000, -1, "", 24_500_000, 0, q3Unassessed},
				{"2024Q4", 24_500_000, -1, "", 24_500_000, 0, q4Unassessed},
			},
			totals: wantTotals{payable: 97_020_000, toDate: 23_520_000, paid: 23_520_000, withheld: 980_000, balance: 74_480_000},
		},
		{
			name: "full pay whatever the score, by half year", amount: amount,
			plan: &govbuy.AssessmentPlan{Period: govbuy.PeriodHalf, Bands: govbuy.DefaultGradeBands,
				Rule: govbuy.PaymentRule{Kind: govbuy.RuleFull}},
			assessments: scores("2024H1", 600),
			periods: []wantPeriod{
				{"2024H1", 49_000_000, 600, govbuy.GradeFair, 49_000_000, 0,
					"2024年上半年得分60（中），按100%支付：本期基数490,000.00元，应付490,000.00元，扣减0.00元"},
				{"2024H2", 49_000_000, -1, "", 49_000_000, 0, "2024年下半年尚未考核，按基数490,000.00元预付上限，考核后按得分结算"},
			},
			totals: wantTotals{payable: amount, toDate: 49_000_000, balance: amount},
		},
		{
			name: "a set installment, the rest shared with the odd fen first", amount: 98_000_002,
			plan: &govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter, Bands: govbuy.DefaultGradeBands,
				Rule: govbuy.PaymentRule{Kind: govbuy.RuleProportional}, Installments: map[string]govbuy.Money{"2024Q1": 30_000_000}},
			periods: []wantPeriod{
				{"2024Q1", 30_000_000, -1, "", 30_000_000, 0, "2024年第1季度尚未考核，按基数300,000.00元预付上限，考核后按得分结算"},
				{"2024Q2", 22_666_668, -1, "", 22_666_668, 0, "2024年第2季度尚未考核，按基数226,666.68元预付上限，考核后按得分结算"},
				{"2024Q3", 22_666_667, -1, "", 22_666_667, 0, "2024年第3季度尚未考核，按基数226,666.67元预付上限，考核后按得分结算"},
				{"2024Q4", 22_666_667, -1, "", 22_666_667, 0, "2024年第4季度尚未考核，按基数226,666.67元预付上限，考核后按得分结算"},
			},
			totals: wantTotals{payable: 98_000_002, balance: 98_000_002},
		},
		{
			name: "no plan, not assessed, paid in part", amount: 12_000_000,
			payments: paid("", 3_000_000),
			periods: []wantPeriod{
				{"2024", 12_000_000, -1, "", 12_000_000, 3_000_000, "未设置考核方案，按合同金额120,000.00元支付"},
			},
			totals: wantTotals{payable: 12_000_000, toDate: 12_000_000, paid: 3_000_000, balance: 9_000_000},
		},
		{
			name: "no plan: every payment counts to the year, paid over; scores change nothing", amount: 12_000_000,
			assessments: scores("2024Q2", 700, "2024", 855, "2024Q1", 550),
			payments:    paid("2024", 3_000_000, "", 2_000_000, "2024Q2", 9_000_000),
			periods: []wantPeriod{
				{"2024", 12_000_000, 855, govbuy.GradeGood, 12_000_000, 14_000_000,
					"2024年度得分85.5（良）；未设置考核方案，按合同金额120,000.00元支付"},
			},
			others: []wantPeriod{
				{"2024Q1", 0, 550, govbuy.GradePoor, 0, 0, "2024年第1季度得分55（差），不是本合同的结算期间，不改变应付金额"},
				{"2024Q2", 0, 700, govbuy.GradeFair, 0, 0, "2024年第2季度得分70（中），不是本合同的结算期间，不改变应付金额"},
			},
			totals: wantTotals{payable: 12_000_000, toDate: 12_000_000, paid: 14_000_000, balance: -2_000_000},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := govbuy.Contract{Year: 2024, Amount: tt.amount}
			s := govbuy.Settle(&c, tt.plan, tt.assessments, tt.payments)
			checkPeriods(t, "period", s.Periods, tt.periods)
			checkPeriods(t, "other", s.Others, tt.others)
			got := wantTotals{s.Payable, s.PayableToDate, s.Paid, s.Withheld, s.Balance}
			if got != tt.totals || s.Amount != tt.amount {
				t.Errorf("totals %+v of %s, want %+v of %s", got, s.Amount, tt.totals, tt.amount)
			}
		})
	}
}

func checkPeriods(t *testing.T, what string, got []govbuy.PeriodSettlement, want []wantPeriod) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d %ss, want %d: %+v", len(got), what, len(want), got)
	}
	for i, w := range want {
		p := got[i]
		score := govbuy.Score(-1)
		if p.Assessed() {
			score = *p.Score
		}
		if p.Period != w.code || p.Base != w.base || score != w.score || p.Grade != w.grade || p.Payable != w.payable || p.Paid != w.paid {
			t.Errorf("%s %d = %s base %s score %s %s payable %s paid %s, want %+v",
				what, i, p.Period, p.Base, score, p.Grade, p.Payable, p.Paid, w)
		}
		if p.Explanation() != w.explanation {
			t.Errorf("%s %s explains\n%s\nwant\n%s", what, p.Period, p.Explanation(), w.explanation)
		}
	}
}

func TestSettleTakesTheBudgetYearFromTheStart(t *testing.T) {
	c := govbuy.Contract{Amount: 100, Start: govbuy.Day(2023, 3, 1)}
	s := govbuy.Settle(&c, quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional}), nil, nil)
	if len(s.Periods) != 4 || s.Periods[0].Period != "2023Q1" || s.Periods[0].Base != 25 {
		t.Errorf("periods %+v", s.Periods)
	}
}

// The period table's 合计 adds up its rows: a payment naming no period
// counts to the contract's paid but to no row, so not to the 合计 either.
func TestSettlementPeriodTotals(t *testing.T) {
	c := govbuy.Contract{Year: 2024, Amount: 98_000_000}
	banded := govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 950, Rate: 10000}, {Min: 850, Rate: 9800}, {Min: 600, Rate: 9000}}}
	s := govbuy.Settle(&c, quarterly(banded), scores("2024Q1", 960, "2024Q2", 900),
		paid("2024Q1", 24_500_000, "2024Q2", 20_000_000, "", 1_000_000))
	want := govbuy.ListTotals{"base": 98_000_000, "payable": 24_500_000 + 24_010_000 + 2*24_500_000, "paid": 44_500_000}
	if got := s.PeriodTotals(); !maps.Equal(got, want) {
		t.Errorf("period totals %v, want %v", got, want)
	}
	if s.Paid != 45_500_000 {
		t.Errorf("paid %s, want the unnamed payment too", s.Paid)
	}
}

func TestPeriodOutstanding(t *testing.T) {
	tests := []struct {
		payable, paid, want govbuy.Money
	}{
		{22_050_000, 10_000_000, 12_050_000}, // paid in part
		{22_050_000, 22_050_000, 0},          // settled
		{23_275_000, 25_000_000, 0},          // paid over: nothing more, never negative
	}
	for _, tt := range tests {
		p := govbuy.PeriodSettlement{Payable: tt.payable, Paid: tt.paid}
		if got := p.Outstanding(); got != tt.want {
			t.Errorf("payable %s paid %s: outstanding %s, want %s", tt.payable, tt.paid, got, tt.want)
		}
	}
}

func TestSettlementRule(t *testing.T) {
	tests := []struct {
		plan *govbuy.AssessmentPlan
		want string
	}{
		{nil, "未设置考核方案，全额支付"},
		{quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional, Floor: 9000}), "按得分比例支付，最低支付90%"},
		{quarterly(govbuy.PaymentRule{Kind: govbuy.RuleFull}), "全额支付"},
	}
	for _, tt := range tests {
		s := govbuy.Settle(&govbuy.Contract{Year: 2024, Amount: 100}, tt.plan, nil, nil)
		if got := s.Rule(); got != tt.want {
			t.Errorf("rule %q, want %q", got, tt.want)
		}
	}
}

func TestSettlementReportYear(t *testing.T) {
	proportional := quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional})
	proportional.Bands = govbuy.GradeBands{Excellent: 950, Good: 850, Fair: 700}
	score := func(s govbuy.Score) *govbuy.Score { return &s }
	tests := []struct {
		name     string
		year     int // the contract's budget year; the report is of 2024
		plan     *govbuy.AssessmentPlan
		scores   []govbuy.Assessment
		payments []govbuy.Payment
		rows     []govbuy.ReportAssessment
		payable  govbuy.Money
		score    *govbuy.Score
		grade    govbuy.Grade
	}{
		{
			name: "a contract of the year with a plan", year: 2024, plan: proportional,
			scores: scores("2024Q2", 900, "2024Q1", 800), payments: paid("2024Q1", 1_000),
			rows: []govbuy.ReportAssessment{
				{Contract: "C-1", Period: "2024Q1", Score: 800, Grade: govbuy.GradeFair, Base: 2_500, Payable: 2_000, Paid: 1_000, Rule: "按得分比例支付"},
				{Contract: "C-1", Period: "2024Q2", Score: 900, Grade: govbuy.GradeGood, Base: 2_500, Payable: 2_250, Paid: 0, Rule: "按得分比例支付"},
			},
			payable: 9_250, score: score(850), grade: govbuy.GradeGood, // 85 by the plan's bands
		},
		{
			name: "a contract of the year without a plan, its quarters in order before its year", year: 2024,
			scores: scores("2024", 905, "2024Q2", 700, "2024Q1", 600), payments: paid("", 4_000),
			rows: []govbuy.ReportAssessment{
				{Contract: "C-1", Period: "2024Q1", Score: 600, Grade: govbuy.GradeFair, Rule: "未设置考核方案，全额支付"},
				{Contract: "C-1", Period: "2024Q2", Score: 700, Grade: govbuy.GradeFair, Rule: "未设置考核方案，全额支付"},
				{Contract: "C-1", Period: "2024", Score: 905, Grade: govbuy.GradeExcellent, Base: 10_000, Payable: 10_000, Paid: 4_000, Rule: "未设置考核方案，全额支付"},
			},
			payable: 10_000, score: score(735), grade: govbuy.GradeFair, // 73.5
		},
		{
			name: "a contract of an earlier year paid in the year", year: 2023,
			scores: scores("2024", 950),
			rows: []govbuy.ReportAssessment{
				{Contract: "C-1", Period: "2024", Score: 950, Grade: govbuy.GradeExcellent, Rule: "未设置考核方案，全额支付"},
			},
			payable: 0, score: score(950), grade: govbuy.GradeExcellent,
		},
		{
			name: "not assessed in the year", year: 2024, plan: proportional,
			scores: scores("2025Q1", 900), payable: 10_000,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := govbuy.Settle(&govbuy.Contract{Year: tt.year, Amount: 10_000}, tt.plan, tt.scores, tt.payments)
			c := govbuy.ReportContract{Number: "C-1", Year: tt.year, Payable: 1, Grade: "优"}
			rows := s.ReportYear(&c, 2024)
			if len(rows) != len(tt.rows) {
				t.Fatalf("rows %+v, want %+v", rows, tt.rows)
			}
			for i := range rows {
				if rows[i] != tt.rows[i] {
					t.Errorf("row %d = %+v, want %+v", i, rows[i], tt.rows[i])
				}
			}
			if c.Payable != tt.payable || c.Grade != tt.grade || (c.Score == nil) != (tt.score == nil) || (c.Score != nil && *c.Score != *tt.score) {
				t.Errorf("line payable %s score %v grade %q, want %s %v %q", c.Payable, c.Score, c.Grade, tt.payable, tt.score, tt.grade)
			}
		})
	}
}

func TestNewPaymentForm(t *testing.T) {
	row := govbuy.ContractRow{Contract: govbuy.Contract{Number: "GL-1", Title: "农村公路养护", Year: 2024, Amount: 98_000_000}, UnitName: "区交通运输局"}
	s := &govbuy.ContractSettlement{Contract: row, Settlement: govbuy.Settle(&row.Contract,
		quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional}), scores("2024Q1", 865), paid("2024Q1", 10_000_000, "", 5_000_000))}
	payee := &govbuy.Contractor{Name: "路桥养护公司", Bank: "云溪农商行", Account: "6228"}
	day := govbuy.Day(2024, 4, 10)
	p, _ := s.Period("2024Q1")
	f := govbuy.NewPaymentForm(s, p, payee, "云溪区", day)
	want := govbuy.PaymentForm{
		District: "云溪区", Unit: "区交通运输局", Contractor: "路桥养护公司", Bank: "云溪农商行", Account: "6228",
		ContractNumber: "GL-1", ContractTitle: "农村公路养护", ContractAmount: 98_000_000, Period: "2024Q1",
		Score: p.Score, Grade: govbuy.GradeGood, Rule: "按得分比例支付", Base: 24_500_000, Payable: 21_192_500,
		Deduction: 3_307_500, PaidBefore: 10_000_000, Amount: 11_192_500, PaidToDate: 15_000_000,
		Explanation: "2024年第1季度得分86.5（良），按比例支付86.5%：本期基数245,000.00元，应付211,925.00元，扣减33,075.00元", Date: day,
	}
	if *f != want {
		t.Errorf("form\n%+v\nwant\n%+v", *f, want)
	}
}
