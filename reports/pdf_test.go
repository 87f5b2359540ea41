package reports_test

import (
	"bytes"
	"testing"

	"govbuy"
	"govbuy/reports"
	"govbuy/reports/internal/pdfcheck"
	"govbuy/reports/internal/reporttest"
)

// TestPDFWritersDelegate: the writers callers know by reports' names write
// the same documents as the pdf package's.
func TestPDFWritersDelegate(t *testing.T) {
	score := govbuy.Score(865)
	form := &govbuy.PaymentForm{Unit: "示例区人民政府办公室", Contractor: "张三", Period: "2024Q2", Score: &score,
		Amount: 21_192_500, Explanation: "按得分比例支付86.5%"}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"report":       func(b *bytes.Buffer) error { return reports.WritePDF(b, reporttest.Sample()) },
		"payment form": func(b *bytes.Buffer) error { return reports.WritePaymentForm(b, form) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := pdfcheck.Check(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.Pages) == 0 || len(f.Pages[0].Text) == 0 {
			t.Errorf("%s: no text on page 1", name)
		}
	}
}
