// Package pdf writes the annual report and the payment approval form as
// PDF files on A4, to print, sign and stamp. It owns the PDF library: a
// copy of go-pdf/fpdf in internal/fpdf, patched where a large ledger costs
// (see its README), which the compiler lets no other package import, and
// whose types nothing outside this package sees.
package pdf
