package pdf

import (
	"errors"
	"io"
	"strconv"

	"govbuy"
)

// WriteNotice writes a contract's notice (合同公告) on A4 portrait, in the
// order and with the headings of the 2020 format: the title centred, each
// numbered heading in bold with its value beside it, and the labelled
// lines of 合同主体 and 合同主要信息 indented under theirs, a long value
// wrapping under itself. Pages are numbered when there is more than one.
func WriteNotice(w io.Writer, n *govbuy.ContractNotice) error {
	if n == nil {
		return errors.New("pdf: notice: no notice")
	}
	return write(w, "notice", n.Title, func(d *pdfDoc) {
		d.addPage("P")
		d.setFont(styleBold, titleSizePt)
		d.centred(n.Title)
		d.y += 4
		for _, s := range n.Sections {
			d.noticeSection(s)
		}
		if d.pdf.PageNo() > 1 {
			d.finishFooters()
		}
	})
}

// noticeIndentEm is how far a labelled line sits under its heading.
const noticeIndentEm = 2

func (d *pdfDoc) noticeSection(s govbuy.NoticeSection) {
	if s.Lines != nil {
		d.heading(s.Heading, bodySizePt, 2*d.lineHeight())
		d.setFont(styleReg, bodySizePt)
		for _, l := range s.Lines {
			d.labelled(noticeIndentEm*d.em(), l.Label+"：", l.Value)
		}
		return
	}
	d.setFont(styleBold, bodySizePt)
	d.y += d.lineHeight() / 3
	d.labelled(0, s.Heading+"：", s.Value)
}

// labelled writes label in the current style and value after it in the
// regular one, value's further lines hanging under its first; a label
// wider than half the page puts the value on the lines below.
func (d *pdfDoc) labelled(indent float64, label, value string) {
	lh := d.lineHeight()
	w := d.contentWidth() - indent
	style := d.style
	label, value = clean(label), clean(value)
	lw := d.textWidth(label)
	d.setFont(styleReg, d.sizePt)
	hang := lw
	if lw > w/2 {
		hang = 0
	}
	lines := d.wrap(value, w-lw, w-hang)
	d.need(lh)
	d.setFont(style, d.sizePt)
	d.text(pageMargin+indent, d.y, lh, label)
	d.setFont(styleReg, d.sizePt)
	for i, line := range lines {
		x := pageMargin + indent + hang
		if i == 0 {
			x = pageMargin + indent + lw
		} else {
			d.y += lh
			d.need(lh)
		}
		d.text(x, d.y, lh, line)
	}
	d.y += lh
}

// WriteDisclosure writes the year's disclosure table (财预〔2017〕87号
// 第五点) on A4 landscape: the title, the table with its header repeated
// on each page and a 合计 row, and a note on how the per-year funding is
// split. Every page is numbered.
func WriteDisclosure(w io.Writer, t *govbuy.Disclosure) error {
	if t == nil {
		return errors.New("pdf: disclosure: no table")
	}
	return write(w, "disclosure", t.Title(), func(d *pdfDoc) {
		d.addPage("L")
		d.setFont(styleBold, titleSizePt)
		d.centred(t.Title())
		d.paragraph("依据："+govbuy.DisclosureBasis+"。合同金额含本年度内签订的补充合同。", styleReg, tableSizePt+1, 0)
		d.disclosureTable(t)
		d.paragraph("注："+govbuy.FundingSplitNote, styleReg, tableSizePt+1, 0)
		d.finishFooters()
	})
}

func (d *pdfDoc) disclosureTable(t *govbuy.Disclosure) {
	cols := []pdfColumn{
		{"序号", 9, 'C'}, {"合同编号", 24, 'L'}, {"购买主体", 32, 'L'}, {"购买服务内容", 40, 'L'},
		{"购买方式", 15, 'L'}, {"承接主体", 34, 'L'}, {"合同金额\n（元）", 23, 'R'},
		{"分年财政资金安排", 33, 'L'}, {"合同期限", 22, 'L'}, {"绩效评价", 35, 'L'},
	}
	tb := d.newTable(cols, tableSizePt)
	cells := make([]string, len(cols))
	for i := range t.Rows {
		r := &t.Rows[i]
		cells[0], cells[1], cells[2], cells[3], cells[4] = strconv.Itoa(i+1), r.Number, r.Unit, r.Content, string(r.Method)
		cells[5], cells[6], cells[7], cells[8], cells[9] = r.Contractor, r.Amount.String(), r.FundingText(), r.TermText(), r.Performance
		tb.row(cells, false)
	}
	for i := range cells {
		cells[i] = ""
	}
	cells[0], cells[6] = "合计", t.Total.String()
	tb.row(cells, true)
	tb.finish()
}
