// Package pdf writes the annual report and the payment approval form as
// PDF files on A4, to print, sign and stamp. It is the only user of the PDF
// library: everything that draws goes through pdfDoc, and nothing outside
// this package sees the library's types.
package pdf
