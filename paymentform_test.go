package govbuy_test

import (
	"testing"

	"govbuy"
)

func TestFormNumberText(t *testing.T) {
	for _, tt := range []struct {
		n           govbuy.FormNumber
		text, title string
	}{
		{govbuy.FormNumber{Year: 2024, Seq: 1}, "2024-0001", "审批表 2024-0001"},
		{govbuy.FormNumber{Year: 2025, Seq: 12345}, "2025-12345", "审批表 2025-12345"},
		{govbuy.FormNumber{}, "", "审批表 "},
	} {
		if got := tt.n.String(); got != tt.text {
			t.Errorf("%v: String %q, want %q", tt.n, got, tt.text)
		}
		if got := tt.n.Title(); got != tt.title {
			t.Errorf("%v: Title %q, want %q", tt.n, got, tt.title)
		}
		var back govbuy.FormNumber
		if err := back.UnmarshalText([]byte(tt.text)); err != nil || back != tt.n {
			t.Errorf("%q read back as %v, %v", tt.text, back, err)
		}
	}
	var n govbuy.FormNumber
	if err := n.UnmarshalText([]byte("2024-")); govbuy.ErrorMessage(err) != "审批表编号：无法识别的编号“2024-”（应为 2024-0001 的形式）" {
		t.Errorf("a broken number: %v", err)
	}
}

// The form of a recorded payment shows that payment, with what its period
// and its contract had been paid as it was made; a form before payment
// asks for what is outstanding and has no number yet.
func TestRecordedPaymentForm(t *testing.T) {
	c := &govbuy.ContractRow{Contract: govbuy.Contract{ID: 1, Number: "GL-1", Year: 2024, Amount: 98_000_000}, UnitName: "公路中心"}
	plan := quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional})
	payee := &govbuy.Contractor{Name: "路桥公司", Bank: "农行", Account: "111"}
	payments := []govbuy.Payment{
		{ID: 1, Period: "2024Q2", Amount: 10_000_000, Date: govbuy.Day(2024, 7, 5), Form: govbuy.FormNumber{Year: 2024, Seq: 7}, Voucher: "记-1"},
		{ID: 2, Period: "2024Q1", Amount: 24_500_000, Date: govbuy.Day(2024, 7, 6), Form: govbuy.FormNumber{Year: 2024, Seq: 8}},
		{ID: 3, Period: "2024Q2", Amount: 11_560_000, Date: govbuy.Day(2024, 7, 20), Form: govbuy.FormNumber{Year: 2024, Seq: 9}, Account: "222"},
		{ID: 4, Amount: 1_000, Date: govbuy.Day(2024, 8, 1), Form: govbuy.FormNumber{Year: 2024, Seq: 10}},
	}
	assessed := scores("2024Q2", 880)
	tests := []struct {
		name                                    string
		pay                                     govbuy.Payment
		period, number, account                 string
		amount, paidBefore, paidToDate, payable govbuy.Money
		explanationPrefix                       string
	}{
		{"first part of Q2", payments[0], "2024Q2", "2024-0007", "111", 10_000_000, 0, 10_000_000, 21_560_000, "2024年第2季度得分88（良）"},
		{"the rest of Q2, paid to another account", payments[2], "2024Q2", "2024-0009", "222", 11_560_000, 10_000_000, 46_060_000, 21_560_000, "2024年第2季度得分88"},
		{"a payment naming no period", payments[3], "", "2024-0010", "111", 1_000, 0, 46_061_000, 98_000_000, "未指定考核期间的支付，按合同金额980,000.00元计"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &govbuy.ContractSettlement{Contract: *c,
				Settlement: govbuy.SettleThrough(&c.Contract, plan, assessed, payments, tt.pay.ID)}
			f := govbuy.NewRecordedPaymentForm(s, tt.pay, payee, "云溪区")
			if !f.Recorded() || f.Period != tt.period || f.NumberText() != tt.number || f.Account != tt.account ||
				f.Amount != tt.amount || f.PaidBefore != tt.paidBefore || f.PaidToDate != tt.paidToDate || f.Payable != tt.payable ||
				!f.Date.Equal(tt.pay.Date) || f.Voucher != tt.pay.Voucher || f.PaymentID != tt.pay.ID ||
				len(f.Explanation) < len(tt.explanationPrefix) || f.Explanation[:len(tt.explanationPrefix)] != tt.explanationPrefix {
				t.Errorf("form %+v", f)
			}
		})
	}

	s := govbuy.Settle(&c.Contract, plan, assessed, payments)
	q2, _ := s.Period("2024Q2")
	if last, ok := s.LastPaymentOf(q2, payments); !ok || last.ID != 3 {
		t.Errorf("Q2 is paid in full by payment 3, got %v %v", last.ID, ok)
	}
	q3, _ := s.Period("2024Q3")
	if _, ok := s.LastPaymentOf(q3, payments); ok {
		t.Error("Q3 has nothing paid: no payment settled it")
	}
	cs := &govbuy.ContractSettlement{Contract: *c, Settlement: s}
	ask := govbuy.NewPaymentForm(cs, q3, payee, "云溪区", govbuy.Day(2024, 10, 8))
	if ask.Recorded() || ask.NumberText() != "待付款后编号" || ask.Amount != 24_500_000 {
		t.Errorf("form asking for Q3 %+v", ask)
	}
}
