package main

import (
	"fmt"
	"io"

	"govbuy"
	"govbuy/reports"
)

// runPaymentForm writes the printable payment approval form of one contract
// and period.
func runPaymentForm(e *env, args []string) int {
	fs := newFlags(e, "payment-form")
	number := fs.String("contract", "", "合同编号（必填）")
	period := fs.String("period", "", "考核期间，例如 2024Q2、2024H1、2024（不按考核付款的合同可省略）")
	pdfPath := fs.String("pdf", "", "写出的PDF文件（必填）")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	if *number == "" || *pdfPath == "" {
		fmt.Fprintln(e.stderr, "用法: govbuy payment-form --contract 合同编号 [--period 期间] --pdf 文件")
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	form, err := db.PaymentForm(e.ctx, *number, *period)
	if err != nil {
		return fail(e, "payment-form", err)
	}
	if err := reports.WriteFile(*pdfPath, func(w io.Writer) error { return reports.WritePaymentForm(w, form) }); err != nil {
		fmt.Fprintf(e.stderr, "govbuy payment-form: %s\n", govbuy.ErrorMessage(err))
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "已写出支付审批表 %s：本次支付%s元（%s）\n", *pdfPath, form.Amount, form.Amount.Words())
	return exitOK
}
