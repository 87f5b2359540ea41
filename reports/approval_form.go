package reports

import (
	"errors"
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"

	"govbuy"
	"govbuy/assets"
)

// Layout of the approval form, in mm on A4 portrait.
const (
	formLeft      = 18.0
	formWidth     = 174.0
	formLabelW    = 40.0
	formRowH      = 9.0
	formTextPt    = 10.5
	formLineH     = 5.6
	formOpinionH  = 22.0
	formCellInset = 2.0
)

// WritePaymentForm writes the 政府购买服务费用支付审批表 of one contract and
// period: one A4 page with the parties and bank account, the contract, the
// period's score, grade and payment rule, base, payable, deduction and the
// amount requested in figures and in words, how it was computed, and the
// approval rows with lines for signatures and dates.
func WritePaymentForm(w io.Writer, f *govbuy.PaymentForm) error {
	if f == nil {
		return errors.New("reports: payment form: no form")
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(formLeft, 15, formLeft)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes(fontFamily, styleReg, assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, styleBold, assets.FontBold)
	pdf.SetTitle("政府购买服务费用支付审批表", true)
	pdf.SetCreator("govbuy", true)
	pdf.AddPage()
	form := &approvalForm{pdf: pdf, f: f}
	form.header()
	form.figures()
	form.approvals()
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("reports: payment form: %w", err)
	}
	return nil
}

type approvalForm struct {
	pdf *gofpdf.Fpdf
	f   *govbuy.PaymentForm
}

func (a *approvalForm) header() {
	p, f := a.pdf, a.f
	p.SetFont(fontFamily, styleBold, 18)
	p.SetXY(formLeft, 18)
	p.CellFormat(formWidth, 10, "政府购买服务费用支付审批表", "", 1, "C", false, 0, "")
	p.SetFont(fontFamily, styleReg, 10)
	p.SetXY(formLeft, 31)
	p.CellFormat(formWidth/2, 6, "填报单位："+f.Unit, "", 0, "L", false, 0, "")
	p.CellFormat(formWidth/2, 6, "填报日期："+f.Date.Format("2006年1月2日"), "", 1, "R", false, 0, "")
	p.SetY(39)
}

// figures writes the grid of the form's facts, two label–value pairs a row
// where they fit and one spanning row where the value is long.
func (a *approvalForm) figures() {
	f := a.f
	score, grade := "—", "—"
	if f.Score != nil {
		score, grade = f.Score.String(), string(f.Grade)
	}
	a.pair("购买主体", f.Unit, "承接主体", f.Contractor)
	a.pair("开户银行", f.Bank, "银行账号", f.Account)
	a.span("合同编号", f.ContractNumber)
	a.span("合同名称", f.ContractTitle)
	a.pair("考核期间", govbuy.PeriodLabel(f.Period), "考核得分", score)
	a.pair("考核等级", grade, "支付规则", f.Rule)
	a.amounts("合同金额（元）", f.ContractAmount, "本期基数（元）", f.Base)
	a.amounts("应付金额（元）", f.Payable, "考核扣减（元）", f.Deduction)
	a.amounts("本期已付（元）", f.PaidBefore, "累计已付（元）", f.PaidToDate)
	a.row([]formCell{{text: "本次申请支付（元）", width: formLabelW, label: true}, {text: f.Amount.String(), width: formWidth - formLabelW, right: true}})
	a.span("本次支付金额（大写）", f.Amount.Words())
	a.span("计算说明", f.Explanation)
}

// amounts writes a row of two sums of money, right-aligned as on paper.
func (a *approvalForm) amounts(l1 string, m1 govbuy.Money, l2 string, m2 govbuy.Money) {
	half := formWidth / 2
	a.row([]formCell{{text: l1, width: formLabelW, label: true}, {text: m1.String(), width: half - formLabelW, right: true},
		{text: l2, width: formLabelW, label: true}, {text: m2.String(), width: half - formLabelW, right: true}})
}

// pair writes one row of two label–value pairs.
func (a *approvalForm) pair(l1, v1, l2, v2 string) {
	half := formWidth / 2
	a.row([]formCell{{text: l1, width: formLabelW, label: true}, {text: v1, width: half - formLabelW},
		{text: l2, width: formLabelW, label: true}, {text: v2, width: half - formLabelW}})
}

// span writes one label with a value across the rest of the row.
func (a *approvalForm) span(label, value string) {
	a.row([]formCell{{text: label, width: formLabelW, label: true}, {text: value, width: formWidth - formLabelW}})
}

type formCell struct {
	text  string
	width float64
	label bool // shaded and centred
	right bool // an amount
}

// row draws bordered cells side by side, wrapping each text by measured
// width (never gofpdf's MultiCell, which drops a character at each break in
// Chinese) and growing the row to its tallest cell.
func (a *approvalForm) row(cells []formCell) {
	p := a.pdf
	p.SetFont(fontFamily, styleReg, formTextPt)
	lines := make([][]string, len(cells))
	h := formRowH
	for i, c := range cells {
		lines[i] = wrapText(clean(c.text), c.width-2*formCellInset, c.width-2*formCellInset, func(r rune) float64 {
			return p.GetStringWidth(string(r))
		})
		h = max(h, float64(len(lines[i]))*formLineH+2*formCellInset)
	}
	x, y := formLeft, p.GetY()
	for i, c := range cells {
		style := "D"
		if c.label {
			p.SetFillColor(236, 239, 243)
			style = "FD"
		}
		p.Rect(x, y, c.width, h, style)
		top := y + (h-float64(len(lines[i]))*formLineH)/2
		for j, line := range lines[i] {
			p.SetXY(x+formCellInset, top+float64(j)*formLineH)
			align := "L"
			switch {
			case c.label:
				align = "C"
			case c.right:
				align = "R"
			}
			p.CellFormat(c.width-2*formCellInset, formLineH, line, "", 0, align, false, 0, "")
		}
		x += c.width
	}
	p.SetY(y + h)
}

// approvals writes the four opinion rows with space to sign and date.
func (a *approvalForm) approvals() {
	p := a.pdf
	for _, who := range []string{"经办人", "部门负责人", "财政审核", "分管领导"} {
		y := p.GetY()
		p.SetFillColor(236, 239, 243)
		p.Rect(formLeft, y, formLabelW, formOpinionH, "FD")
		p.Rect(formLeft+formLabelW, y, formWidth-formLabelW, formOpinionH, "D")
		p.SetFont(fontFamily, styleReg, formTextPt)
		p.SetXY(formLeft, y)
		p.CellFormat(formLabelW, formOpinionH, who+"意见", "", 0, "C", false, 0, "")
		p.SetFont(fontFamily, styleReg, 9.5)
		p.SetXY(formLeft+formLabelW, y+formOpinionH-7)
		p.CellFormat(formWidth-formLabelW-4, 6, "签字：                          日期：      年    月    日", "", 0, "R", false, 0, "")
		p.SetY(y + formOpinionH)
	}
	p.SetFont(fontFamily, styleReg, 9)
	p.SetXY(formLeft, p.GetY()+3)
	p.CellFormat(formWidth, 5, "本表一式两份，购买主体与财政部门各存一份。", "", 1, "L", false, 0, "")
}
