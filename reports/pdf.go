package reports

import (
	"io"

	"govbuy"
	"govbuy/reports/pdf"
)

// WritePDF writes the report for printing on A4; see pdf.WriteReport. A
// report without its district is refused (govbuy.Report.CheckTitled).
func WritePDF(w io.Writer, r *govbuy.Report) error {
	if r != nil {
		if err := r.CheckTitled(); err != nil {
			return err
		}
	}
	return pdf.WriteReport(w, r)
}

// WritePaymentForm writes the payment approval form of one contract and
// period on A4; see pdf.WritePaymentForm.
func WritePaymentForm(w io.Writer, f *govbuy.PaymentForm) error { return pdf.WritePaymentForm(w, f) }
