package reports

import (
	"io"

	"govbuy"
	"govbuy/reports/pdf"
)

// WritePDF writes the report for printing on A4; see pdf.WriteReport.
func WritePDF(w io.Writer, r *govbuy.Report) error { return pdf.WriteReport(w, r) }

// WritePaymentForm writes the payment approval form of one contract and
// period on A4; see pdf.WritePaymentForm.
func WritePaymentForm(w io.Writer, f *govbuy.PaymentForm) error { return pdf.WritePaymentForm(w, f) }
