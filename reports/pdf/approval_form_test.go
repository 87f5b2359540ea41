package pdf_test

import (
	"strings"
	"testing"

	"govbuy"
)

func TestPaymentFormShowsEveryFigureAndName(t *testing.T) {
	score := govbuy.Score(865)
	long := "云溪区公路事业发展中心农村公路日常养护管理与应急抢通保障服务承接单位联合体（牵头单位：云溪路桥养护工程有限公司）"
	tests := []struct {
		name string
		form govbuy.PaymentForm
		want []string
	}{
		{"assessed quarter", govbuy.PaymentForm{
			District: "云溪区", Unit: "云溪区公路事业发展中心", Contractor: "云溪路桥养护工程有限公司",
			Bank: "中国农业银行云溪支行", Account: "2238510123000000000", ContractNumber: "YX2024-042",
			ContractTitle: "农村公路日常养护（一标段）", ContractAmount: 98_000_000, Period: "2024Q2", Score: &score,
			Grade: govbuy.GradeGood, Rule: "按得分比例支付", Base: 24_500_000, Payable: 21_192_500, Deduction: 3_307_500,
			Amount: 21_192_500, PaidToDate: 24_000_000,
			Explanation: "2024年第2季度得分86.5（良），按比例支付86.5%：本期基数245,000.00元，应付211,925.00元，扣减33,075.00元",
			Date:        govbuy.Day(2024, 7, 5),
		}, []string{"政府购买服务费用支付审批表", "云溪区公路事业发展中心", "云溪路桥养护工程有限公司", "2238510123000000000",
			"2024年第2季度", "86.5", "良", "245,000.00", "211,925.00", "33,075.00", "人民币贰拾壹万壹仟玖佰贰拾伍元整",
			"经办人意见", "部门负责人意见", "财政审核意见", "分管领导意见", "按得分比例支付"}},
		{"not yet assessed, long names", govbuy.PaymentForm{
			Unit: long, Contractor: long, ContractNumber: "YX2024-043", ContractTitle: long, Period: "2024Q3",
			Rule: "按得分比例支付", Base: 23_000_000, Payable: 23_000_000, Amount: 23_000_000,
			Explanation: strings.Repeat("2024年第3季度尚未考核，可按基数230,000.00元预付，考核后按得分结算。", 4),
			Date:        govbuy.Day(2024, 10, 8),
		}, []string{long, "人民币贰拾叁万元整", "230,000.00", "2024年第3季度尚未考核"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The explanation wraps: a character lost at a break fails.
			checkFormText(t, &tt.form, append(tt.want, tt.form.Explanation), nil)
		})
	}
}

// checkFormText writes the form on one page and checks that every reader
// finds each of want in its text and none of lack.
func checkFormText(t *testing.T, f *govbuy.PaymentForm, want, lack []string) {
	t.Helper()
	d := formPDF(t, f)
	if n := len(d.Pages); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
	for reader, pages := range d.readings(t) {
		text := squeeze(strings.Join(pages, ""))
		for _, w := range want {
			if !strings.Contains(text, squeeze(w)) {
				t.Errorf("%s: form lacks %q", reader, w)
			}
		}
		for _, w := range lack {
			if strings.Contains(text, squeeze(w)) {
				t.Errorf("%s: form shows %q", reader, w)
			}
		}
	}
}

// The form of a recorded payment is the document of that payment: its
// number, the amount paid in figures and in words, its date and voucher.
// A form before payment says its number comes with the payment.
func TestPaymentFormOfARecordedPayment(t *testing.T) {
	score := govbuy.Score(880)
	asking := govbuy.PaymentForm{
		District: "云溪区", Unit: "云溪区公路事业发展中心", Contractor: "云溪路桥养护工程有限公司", ContractNumber: "YX2024-042",
		ContractTitle: "农村公路日常养护（一标段）", ContractAmount: 98_000_000, Period: "2024Q2", Score: &score,
		Grade: govbuy.GradeGood, Rule: "按得分比例支付", Base: 24_500_000, Payable: 21_560_000, Deduction: 2_940_000,
		PaidBefore: 10_000_000, Amount: 11_560_000, PaidToDate: 10_000_000, Date: govbuy.Day(2024, 7, 18),
		Explanation: "2024年第2季度得分88（良），按比例支付88%：本期基数245,000.00元，应付215,600.00元，扣减29,400.00元",
	}
	paid := asking
	paid.PaymentID, paid.Number, paid.Voucher = 41, govbuy.FormNumber{Year: 2024, Seq: 9}, "记-0720"
	paid.PaidToDate, paid.Date = 21_560_000, govbuy.Day(2024, 7, 20)
	tests := []struct {
		name       string
		form       govbuy.PaymentForm
		want, lack []string
	}{
		{"paid", paid, []string{"编号：2024-0009", "日期：2024年7月20日", "本次支付（元）", "115,600.00", "人民币壹拾壹万伍仟陆佰元整",
			"本期此前已付（元）", "100,000.00", "累计已付（元）（含本次）", "215,600.00", "支付日期", "2024年7月20日", "凭证号", "记-0720"},
			[]string{"待付款后编号", "本次申请支付"}},
		{"asking", asking, []string{"编号：待付款后编号", "日期：2024年7月18日", "本次申请支付（元）", "115,600.00", "人民币壹拾壹万伍仟陆佰元整"},
			[]string{"凭证号", "本期此前已付"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFormText(t, &tt.form, tt.want, tt.lack) })
	}
}
