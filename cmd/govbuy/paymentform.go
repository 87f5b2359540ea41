package main

import (
	"fmt"
	"io"

	"govbuy"
	"govbuy/reports"
)

const paymentFormUsage = "用法: govbuy payment-form --contract 合同编号 [--period 期间] --pdf 文件\n" +
	"      govbuy payment-form --payment 支付记录ID --pdf 文件"

// runPaymentForm writes the printable payment approval form: of a recorded
// payment (--payment), or of a contract's period (--contract, --period):
// what it has outstanding, or once paid in full the form of its last
// payment.
func runPaymentForm(e *env, args []string) int {
	fs := newFlags(e, "payment-form")
	number := fs.String("contract", "", "合同编号")
	period := fs.String("period", "", "考核期间，例如 2024Q2、2024H1、2024（不按考核付款的合同可省略）")
	payment := fs.Int64("payment", 0, "支付记录的ID：打印这笔已记录支付的审批表")
	pdfPath := fs.String("pdf", "", "写出的PDF文件（必填）")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	if *pdfPath == "" || (*number == "") == (*payment == 0) || (*payment != 0 && *period != "") {
		fmt.Fprintln(e.stderr, paymentFormUsage)
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	form, err := findPaymentForm(e, db, *payment, *number, *period)
	if err != nil {
		return fail(e, "payment-form", err)
	}
	if err := reports.WriteFile(*pdfPath, func(w io.Writer) error { return reports.WritePaymentForm(w, form) }); err != nil {
		fmt.Fprintf(e.stderr, "govbuy payment-form: %s\n", govbuy.ErrorMessage(err))
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "已写出支付审批表 %s（编号：%s）：%s%s元（%s）\n", *pdfPath, form.NumberText(), amountWord(form), form.Amount, form.Amount.Words())
	return exitOK
}

// findPaymentForm is the form of a recorded payment when payment is set,
// else the form of the contract's period.
func findPaymentForm(e *env, forms govbuy.SettlementService, payment int64, number, period string) (*govbuy.PaymentForm, error) {
	if payment != 0 {
		return forms.PaymentFormOf(e.ctx, payment)
	}
	return forms.PaymentForm(e.ctx, number, period)
}

// amountWord says whether the form's amount was paid or is asked for.
func amountWord(f *govbuy.PaymentForm) string {
	if f.Recorded() {
		return "本次支付"
	}
	return "本次申请支付"
}
