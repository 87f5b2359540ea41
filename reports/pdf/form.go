package pdf

import (
	"errors"
	"io"
	"strings"

	"govbuy"
)

// WritePaymentForm writes the 政府购买服务费用支付审批表 of one contract and
// period on one A4 portrait page, to print, sign and stamp: the title, who
// issues the form with its number and the date, then a ruled
// grid as on a paper form (labels shaded) with the parties and bank
// account, the contract, the period's score, grade and payment rule, the
// base, payable, deduction and payments in figures, the amount requested
// (or, on the form of a recorded payment, paid, with its date and voucher)
// in figures and in words and how it was computed, and an approval row each
// for 经办人, 部门负责人, 财政审核 and 分管领导 with room for an opinion, a
// signature and a date.
//
// Long names and explanations wrap inside their cells (never losing a
// character); the approval rows give up height first and the grid's text
// gets smaller (down to 6.5 pt) only when the page needs it, so the form
// stays on one page. Text too long even for that keeps its usual size and
// continues on further pages, numbered, rather than being cut off.
func WritePaymentForm(w io.Writer, f *govbuy.PaymentForm) error {
	if f == nil {
		return errors.New("pdf: payment form: no form")
	}
	return write(w, "payment form", paymentFormTitle, func(d *pdfDoc) {
		d.addPage("P")
		d.paymentForm(f)
		if d.pdf.PageNo() > 1 {
			d.finishFooters()
		}
	})
}

const paymentFormTitle = "政府购买服务费用支付审批表"

// Layout of the payment form: sizes in pt, lengths in mm (A4 portrait, the
// grid as wide as the page's writing area).
const (
	pfTitlePt    = 18   // 小二
	pfTextPt     = 10.5 // 五号: the header line and the grid, unless it must shrink
	pfMinTextPt  = 6.5  // the grid's text at the smallest
	pfNotePt     = 9
	pfLabelW     = 38.0 // each label column; the two value columns share the rest
	pfPadX       = 1.6
	pfPadY       = 1.2
	pfRowH       = 9.0  // a row's least height at pfTextPt, leaving room to write
	pfOpinionMin = 18.0 // an approval row's least height ...
	pfOpinionMax = 32.0 // ... and its height when the page has room
	pfRuleW      = 0.2  // the grid's rules
	pfFrameW     = 0.5  // its outer frame
	pfShade      = 235  // grey of the label cells (0 black, 255 white)
	pfNoteGap    = 2.0
	pfSlack      = 0.01 // rounding allowed when content fills the page exactly
)

// pfKind is what a cell of the form holds, which sets its look.
type pfKind uint8

const (
	pfLabel        pfKind = iota // shaded, centred
	pfText                       // left-aligned
	pfAmount                     // figures, right-aligned
	pfStrong                     // bold, left-aligned
	pfStrongAmount               // bold figures, right-aligned
)

func (k pfKind) style() string {
	if k == pfStrong || k == pfStrongAmount {
		return styleBold
	}
	return styleReg
}

type pfCell struct {
	text  string // a line break in it is kept
	width float64
	kind  pfKind
	lines []string // text wrapped to width; see layoutForm
}

type pfRow struct {
	cells []pfCell
	sign  bool    // an approval row: empty for the opinion, with a signature line
	n     int     // lines of its tallest cell
	h     float64 // its height
}

// paymentFormRows lays out the grid's content: two label–value pairs to a
// row, and rows of their own for the rule, the amount in words and the
// explanation.
func paymentFormRows(f *govbuy.PaymentForm, width float64) []pfRow {
	valueW := (width - 2*pfLabelW) / 2
	pair := func(l1, v1 string, k1 pfKind, l2, v2 string, k2 pfKind) pfRow {
		return pfRow{cells: []pfCell{
			{text: l1, width: pfLabelW, kind: pfLabel}, {text: v1, width: valueW, kind: k1},
			{text: l2, width: pfLabelW, kind: pfLabel}, {text: v2, width: valueW, kind: k2},
		}}
	}
	span := func(label, value string, k pfKind) pfRow {
		return pfRow{cells: []pfCell{
			{text: label, width: pfLabelW, kind: pfLabel}, {text: value, width: width - pfLabelW, kind: k},
		}}
	}
	money := func(l1 string, m1 govbuy.Money, l2 string, m2 govbuy.Money, k2 pfKind) pfRow {
		return pair(l1, m1.String(), pfAmount, l2, m2.String(), k2)
	}
	period, score, grade := "—", "—", "—"
	if f.Period != "" {
		period = govbuy.PeriodLabel(f.Period)
	}
	if f.Score != nil {
		score = f.Score.String()
		if f.Grade != "" {
			grade = string(f.Grade)
		}
	}
	rows := []pfRow{
		pair("购买主体", f.Unit, pfText, "承接主体", f.Contractor, pfText),
		pair("开户银行", f.Bank, pfText, "银行账号", f.Account, pfText),
		pair("合同编号", f.ContractNumber, pfText, "合同名称", f.ContractTitle, pfText),
		pair("合同金额（元）", f.ContractAmount.String(), pfAmount, "考核期间", period, pfText),
		pair("考核得分", score, pfText, "考核等级", grade, pfText),
		span("支付规则", f.Rule, pfText),
		money("本期基数（元）", f.Base, "应付金额（元）", f.Payable, pfAmount),
	}
	if f.Recorded() {
		voucher := f.Voucher
		if voucher == "" {
			voucher = "—"
		}
		rows = append(rows,
			money("考核扣减（元）", f.Deduction, "本期此前已付（元）", f.PaidBefore, pfAmount),
			money("累计已付（元）\n（含本次）", f.PaidToDate, "本次支付（元）", f.Amount, pfStrongAmount),
			pair("支付日期", f.Date.Format("2006年1月2日"), pfText, "凭证号", voucher, pfText))
	} else {
		rows = append(rows,
			money("考核扣减（元）", f.Deduction, "本期已付（元）", f.PaidBefore, pfAmount),
			money("累计已付（元）", f.PaidToDate, "本次申请支付（元）", f.Amount, pfStrongAmount))
	}
	rows = append(rows,
		span("本次支付金额\n（大写）", f.Amount.Words(), pfStrong),
		span("计算说明", f.Explanation, pfText))
	for _, who := range []string{"经办人", "部门负责人", "财政审核", "分管领导"} {
		r := span(who+"意见", "", pfText)
		r.sign = true
		rows = append(rows, r)
	}
	return rows
}

// pfPiece is a piece of a fill-in line: text, then a blank left for the
// hand, underlined or not.
type pfPiece struct {
	text  string
	blank float64
	rule  bool
}

// signatureLine is the line at the foot of an approval row.
var signatureLine = []pfPiece{{"签字：", 36, false}, {"日期：", 12, false}, {"年", 7, false}, {"月", 7, false}, {"日", 0, false}}

// paymentForm draws the form on the current page.
func (d *pdfDoc) paymentForm(f *govbuy.PaymentForm) {
	width := d.contentWidth()
	d.y = pageMargin + 2
	d.setFont(styleBold, pfTitlePt)
	d.centred(paymentFormTitle)
	d.y += 1.5
	d.formHeader(f, width)
	d.y += 1.5

	rows := paymentFormRows(f, width)
	limit := d.pageHeight() - pageMargin
	d.setFont(styleReg, pfNotePt)
	noteH := pfNoteGap + d.lineHeight()
	// The approval rows give up height first, then the grid's text
	// shrinks. Text that would not fit even at the smallest size keeps the
	// usual size and continues on the next page.
	size, opinionH := pfTextPt, pfOpinionMax
	for s := pfTextPt; s >= pfMinTextPt; s -= 0.5 {
		dataH := d.layoutForm(rows, s)
		if room := limit - noteH - d.y - dataH; room >= 4*pfOpinionMin-pfSlack {
			size, opinionH = s, min(pfOpinionMax, room/4)
			break
		}
	}
	d.layoutForm(rows, size)
	g := &pfGrid{d: d, x: pageMargin, w: width, top: d.y, limit: limit, sizePt: size}
	d.pdf.SetLineWidth(pfRuleW)
	for i := range rows {
		r := &rows[i]
		if r.sign {
			r.h = max(r.h, opinionH)
		}
		g.row(r)
	}
	g.frame()

	d.setFont(styleReg, pfNotePt)
	if d.y+noteH > limit+pfSlack {
		d.breakPage()
		d.setFont(styleReg, pfNotePt)
	}
	d.text(pageMargin, d.y+pfNoteGap, d.lineHeight(), "本表一式两份，购买主体与财政部门各存一份。")
	d.y += noteH
}

// formHeader writes who issues the form on the left, and on the right the
// form's number (待付款后编号 until the payment is recorded) and the date,
// on one line when they fit.
func (d *pdfDoc) formHeader(f *govbuy.PaymentForm, width float64) {
	d.setFont(styleReg, pfTextPt)
	lh := d.lineHeight()
	issuer := "填报单位：" + f.Unit
	switch {
	case f.Bureau != "":
		issuer = f.Bureau + "制"
	case f.District != "":
		issuer = govbuy.DefaultBureau(f.District) + "制"
	}
	right := []pfPiece{{"编号：" + f.NumberText(), 4, false}}
	if f.Date.IsZero() {
		right = append(right, pfPiece{"日期：", 12, false}, pfPiece{"年", 7, false}, pfPiece{"月", 7, false}, pfPiece{"日", 0, false})
	} else {
		right = append(right, pfPiece{"日期：" + f.Date.Format("2006年1月2日"), 0, false})
	}
	rightW := d.piecesWidth(right)
	issuer = clean(issuer)
	if d.textWidth(issuer)+8+rightW <= width {
		d.text(pageMargin, d.y, lh, issuer)
	} else {
		for _, line := range d.wrap(issuer, width, width) {
			d.text(pageMargin, d.y, lh, line)
			d.y += lh
		}
	}
	d.pieces(pageMargin+width-rightW, d.y, lh, right)
	d.y += lh
}

func (d *pdfDoc) piecesWidth(ps []pfPiece) float64 {
	var w float64
	for _, p := range ps {
		w += d.textWidth(p.text) + p.blank
	}
	return w
}

// pieces draws a fill-in line in a line box lh high from x, top.
func (d *pdfDoc) pieces(x, top, lh float64, ps []pfPiece) {
	for _, p := range ps {
		d.text(x, top, lh, p.text)
		x += d.textWidth(p.text)
		if p.rule && p.blank > 0 {
			d.line(x+0.5, top+lh-0.8, x+p.blank-1.5, top+lh-0.8)
		}
		x += p.blank
	}
}

// pfLineHeight is the height of a line of the grid's text at sizePt.
func pfLineHeight(sizePt float64) float64 { return sizePt * ptToMM * tableSpacing }

// layoutForm wraps the text of every cell at sizePt, sets each row's height
// and returns the height of the rows other than the approval rows.
func (d *pdfDoc) layoutForm(rows []pfRow, sizePt float64) float64 {
	lh := pfLineHeight(sizePt)
	minH := pfRowH * sizePt / pfTextPt
	var total float64
	for i := range rows {
		r := &rows[i]
		r.n = 1
		for j := range r.cells {
			c := &r.cells[j]
			d.setFont(c.kind.style(), sizePt)
			avail := c.width - 2*pfPadX
			c.lines = c.lines[:0]
			for _, para := range strings.Split(c.text, "\n") {
				c.lines = append(c.lines, d.wrap(clean(para), avail, avail)...)
			}
			r.n = max(r.n, len(c.lines))
		}
		r.h = max(minH, float64(r.n)*lh+2*pfPadY)
		if !r.sign {
			total += r.h
		}
	}
	return total
}

// pfGrid draws the form's rows one below the other. Should the rows not
// fit on the page (text far beyond any real form's), the grid continues on
// the next, splitting a row taller than a page between its lines.
type pfGrid struct {
	d      *pdfDoc
	x, w   float64
	top    float64 // top of the grid's part on this page
	limit  float64 // bottom of the writing area
	sizePt float64
}

func (g *pfGrid) row(r *pfRow) {
	d := g.d
	lh := pfLineHeight(g.sizePt)
	minH := pfRowH * g.sizePt / pfTextPt
	for from := 0; ; {
		h := r.h
		if from > 0 {
			h = max(minH, float64(r.n-from)*lh+2*pfPadY)
		}
		if d.y+h <= g.limit+pfSlack {
			g.draw(r, from, r.n-from, h)
			return
		}
		fit := int((g.limit - d.y - 2*pfPadY) / lh)
		if d.y > g.top && (r.sign || fit < 1 || h <= g.limit-pageMargin) {
			g.nextPage() // the row fits on a page of its own
			continue
		}
		k := max(1, min(fit, r.n-from-1))
		g.draw(r, from, k, float64(k)*lh+2*pfPadY)
		from += k
		g.nextPage()
	}
}

// draw draws lines from..from+k of a row's cells in a row h high, each
// cell's lines centred vertically, then the row's rules.
func (g *pfGrid) draw(r *pfRow, from, k int, h float64) {
	d := g.d
	lh := pfLineHeight(g.sizePt)
	y := d.y
	x := g.x
	for _, c := range r.cells {
		if c.kind == pfLabel {
			d.fillRect(x, y, c.width, h, pfShade, pfShade, pfShade)
		}
		x += c.width
	}
	x = g.x
	for _, c := range r.cells {
		lines := c.lines[min(from, len(c.lines)):]
		lines = lines[:min(k, len(lines))]
		d.setFont(c.kind.style(), g.sizePt)
		top := y + (h-float64(len(lines))*lh)/2
		for j, line := range lines {
			lx := x + pfPadX
			switch c.kind {
			case pfLabel:
				lx = x + (c.width-d.textWidth(line))/2
			case pfAmount, pfStrongAmount:
				lx = x + c.width - pfPadX - d.textWidth(line)
			}
			d.text(lx, top+float64(j)*lh, lh, line)
		}
		x += c.width
	}
	if r.sign && from+k >= r.n {
		d.setFont(styleReg, g.sizePt)
		w := d.piecesWidth(signatureLine)
		d.pieces(g.x+g.w-6-w, y+h-lh-2.5, lh, signatureLine)
	}
	d.line(g.x, y, g.x+g.w, y)
	d.line(g.x, y+h, g.x+g.w, y+h)
	x = g.x
	for _, c := range r.cells[:len(r.cells)-1] {
		x += c.width
		d.line(x, y, x, y+h)
	}
	d.y = y + h
}

func (g *pfGrid) nextPage() {
	g.frame()
	g.d.breakPage()
	g.top = g.d.y
	g.d.pdf.SetLineWidth(pfRuleW)
}

// frame draws the outer frame of the grid's part on this page.
func (g *pfGrid) frame() {
	if g.d.y <= g.top {
		return
	}
	g.d.pdf.SetLineWidth(pfFrameW)
	g.d.pdf.Rect(g.x, g.top, g.w, g.d.y-g.top, "D")
	g.d.pdf.SetLineWidth(pfRuleW)
}
