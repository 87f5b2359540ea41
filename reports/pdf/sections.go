package pdf

import (
	"strconv"
	"strings"

	"govbuy"
	"govbuy/reports/internal/figures"
)

const (
	titleSizePt   = 18
	headingSizePt = 12
	bodySizePt    = 11
	tableSizePt   = 8.5
	ledgerSizePt  = 7
)

// titleBlock writes the report's title, centred.
func (d *pdfDoc) titleBlock() {
	d.setFont(styleBold, titleSizePt)
	d.centred(figures.Title(d.r))
	d.y += 4
}

// centred writes text centred on the page, wrapped if it must be.
func (d *pdfDoc) centred(s string) {
	lh := d.lineHeight()
	w := d.contentWidth()
	for _, line := range d.wrap(clean(s), w, w) {
		d.need(lh)
		d.text(pageMargin+(w-d.textWidth(line))/2, d.y, lh, line)
		d.y += lh
	}
}

// narrative writes the report's paragraphs with the customary two-character
// first-line indent.
func (d *pdfDoc) narrative() {
	for _, p := range d.r.Narrative {
		d.paragraph(p, styleReg, bodySizePt, 2)
	}
}

// paragraph writes text wrapped to the page width; each line of the text
// starts a paragraph indented by indentEm (in place of any spaces the
// writer indented it with).
func (d *pdfDoc) paragraph(text, style string, sizePt, indentEm float64) {
	d.setFont(style, sizePt)
	lh := d.lineHeight()
	w := d.contentWidth()
	indent := indentEm * d.em()
	for _, para := range strings.Split(text, "\n") {
		para = strings.TrimLeft(para, " 　")
		for i, line := range d.wrap(clean(para), w-indent, w) {
			d.need(lh)
			x := pageMargin
			if i == 0 {
				x += indent
			}
			d.text(x, d.y, lh, line)
			d.y += lh
		}
		d.y += lh / 3
	}
}

// heading writes a section heading, keeping it on the page of the content
// that follows (next mm of it).
func (d *pdfDoc) heading(text string, sizePt, next float64) {
	d.setFont(styleBold, sizePt)
	lh := d.lineHeight()
	w := d.contentWidth()
	lines := d.wrap(clean(text), w, w)
	d.y += lh / 3
	d.need(float64(len(lines))*lh + next)
	for _, line := range lines {
		d.text(pageMargin, d.y, lh, line)
		d.y += lh
	}
}

// totals writes the headline figures, then the amount paid in figures and
// in words, as payment documents state it.
func (d *pdfDoc) totals() {
	d.heading("一、总体情况", headingSizePt, 30)
	tb := d.newTable([]pdfColumn{{"项目", 70, 'L'}, {"数值", 60, 'R'}}, bodySizePt-1)
	for _, f := range figures.Totals(d.r) {
		tb.row([]string{f.Label, figureText(f)}, false)
	}
	tb.finish()
	d.paragraph(figures.PaidStatement(d.r), styleBold, bodySizePt, 0)
}

// figureText writes a headline figure as the PDF prints amounts.
func figureText(f figures.Figure) string {
	switch f.Shown {
	case figures.AsYuan:
		return f.Amount.String()
	case figures.AsWan:
		return f.Amount.Wan()
	case figures.AsText:
		return f.Text
	}
	return strconv.Itoa(f.Count)
}

// breakdownTables writes one table per breakdown, amounts right-aligned,
// with a 合计 row.
func (d *pdfDoc) breakdownTables() {
	d.heading("二、分类统计", headingSizePt, 30)
	numbers := []string{"（一）", "（二）", "（三）", "（四）", "（五）"}
	for i, b := range figures.Breakdowns(d.r) {
		d.heading(numbers[i%len(numbers)]+"按"+b.Heading+"统计", bodySizePt, 20)
		d.breakdownTable(b)
	}
}

func (d *pdfDoc) breakdownTable(b figures.Breakdown) {
	cols := []pdfColumn{
		{b.Heading, 42, 'L'}, {"合同数", 12, 'R'}, {"合同金额\n（万元）", 22, 'R'},
		{"已支付（元）", 28, 'R'}, {"已支付\n（万元）", 20, 'R'}, {"占比", 16, 'R'},
		{"上年支付\n（万元）", 20, 'R'}, {"增减\n（万元）", 20, 'R'},
	}
	t := d.newTable(cols, tableSizePt)
	total := figures.Sum(b.Rows)
	cells := make([]string, len(cols))
	line := func(g govbuy.ReportGroup) []string {
		cells[0], cells[1], cells[2] = g.Name, strconv.Itoa(g.Contracts), g.ContractAmount.Wan()
		cells[3], cells[4], cells[5] = g.Paid.String(), g.Paid.Wan(), figures.SharePercent(g.Paid, total.Paid)
		cells[6], cells[7] = g.PrevPaid.Wan(), (g.Paid - g.PrevPaid).Wan()
		return cells
	}
	for _, g := range b.Rows {
		t.row(line(g), false)
	}
	t.row(line(total), true)
	t.finish()
}

// appendixTitle numbers the lists appended to the report (附表1, 附表2)
// when there is more than one.
func (d *pdfDoc) appendixTitle(list string) string {
	if len(d.r.Warnings) == 0 || len(d.r.Contracts) == 0 {
		return "附表：" + figures.ListTitle(d.r, list)
	}
	n := "1"
	if list == figures.LedgerList {
		n = "2"
	}
	return "附表" + n + "：" + figures.ListTitle(d.r, list)
}

// hintList writes the compliance hints the narrative says are listed
// (合规提示清单) on portrait pages: each hint's contract and unit, the
// rule or article it cites and what it says.
func (d *pdfDoc) hintList() {
	hints := figures.Hints(d.r)
	if len(hints) == 0 {
		return
	}
	d.addPage("P")
	d.heading(d.appendixTitle(figures.HintList), headingSizePt, 20)
	cols := []pdfColumn{
		{"序号", 10, 'C'}, {"合同编号", 24, 'L'}, {"购买主体", 35, 'L'}, {"依据", 33, 'L'}, {"提示内容", 78, 'L'},
	}
	t := d.newTable(cols, tableSizePt)
	cells := make([]string, len(cols))
	for _, h := range hints {
		cells[0], cells[1], cells[2], cells[3], cells[4] = strconv.Itoa(h.No), h.Contract, h.Unit, h.Rule, h.Message
		t.row(cells, false)
	}
	t.finish()
}

// ledger writes the contract ledger on landscape pages, the header
// repeated on each.
func (d *pdfDoc) ledger() {
	if len(d.r.Contracts) == 0 {
		return
	}
	d.addPage("L")
	d.heading(d.appendixTitle(figures.LedgerList), headingSizePt, 20)
	// The workbook has every column; the printed ledger leaves out 应付 and
	// 资金来源 (资金来源 has its own figures.Breakdown) so that names get the room
	// to stay on one line, which keeps a large year to fewer pages.
	cols := []pdfColumn{
		{"合同编号", 25, 'L'}, {"年度", 8, 'C'}, {"购买主体", 38, 'L'}, {"承接主体", 38, 'L'},
		{"项目名称", 44, 'L'}, {"类型", 8, 'C'}, {"服务类别", 24, 'L'}, {"购买方式", 14, 'L'},
		{"人数", 8, 'R'}, {"合同金额\n（元）", 22, 'R'}, {"本年支付\n（元）", 22, 'R'},
		{"得分", 8, 'R'}, {"等级", 8, 'C'},
	}
	t := d.newTable(cols, ledgerSizePt)
	cells := make([]string, len(cols))
	var heads int
	var amount, paid govbuy.Money
	for i := range d.r.Contracts {
		c := &d.r.Contracts[i]
		cells[0], cells[1], cells[2], cells[3] = c.Number, strconv.Itoa(c.Year), c.Unit, c.Contractor
		cells[4], cells[5], cells[6], cells[7] = c.Title, c.Kind.Label(), c.Category, string(c.Method)
		cells[8] = ""
		if c.Headcount != 0 {
			cells[8] = strconv.Itoa(c.Headcount)
		} else if c.Pending.Has(govbuy.FieldHeadcount) {
			cells[8] = "待补充"
		}
		cells[9], cells[10], cells[11], cells[12] = c.Amount.String(), c.Paid.String(), figures.ScoreText(c.Score), string(c.Grade)
		t.row(cells, false)
		heads += c.Headcount
		paid += c.Paid
		if c.Year == d.r.Year {
			amount += c.Amount
		}
	}
	for i := range cells {
		cells[i] = ""
	}
	cells[0], cells[8], cells[9], cells[10] = "合计", strconv.Itoa(heads), amount.String(), paid.String()
	t.row(cells, true)
	t.finish()
	year := strconv.Itoa(d.r.Year)
	d.paragraph("注：合计行的合同金额只计"+year+"年度的合同；本年支付为"+year+"年内支付的金额，含以前年度合同在本年的支付。",
		styleReg, ledgerSizePt+1, 0)
}
