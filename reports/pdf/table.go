package pdf

import "strings"

// pdfColumn is one column of a PDF table.
type pdfColumn struct {
	header string
	width  float64 // mm
	align  byte    // 'L', 'C' or 'R'; amounts are right-aligned
}

// pdfTable draws a table row by row, wrapping text that does not fit inside
// its cell (the row grows) and repeating the header on each new page. The
// vertical rules of a page's part of the table are drawn when that part is
// finished: once per page rather than once per cell.
type pdfTable struct {
	d       *pdfDoc
	cols    []pdfColumn
	sizePt  float64
	x       float64 // left edge
	top     float64 // top of the table's part on this page
	headerH float64
	started bool
	lines   [][]string // the row's cells, wrapped; reused from row to row
	head    [][]string // the header's cells, wrapped
}

const (
	cellPadX = 1.2 // mm
	cellPadY = 0.6 // mm
)

// newTable starts a table centred on the page.
func (d *pdfDoc) newTable(cols []pdfColumn, sizePt float64) *pdfTable {
	t := &pdfTable{d: d, cols: cols, sizePt: sizePt,
		lines: make([][]string, len(cols)), head: make([][]string, len(cols))}
	t.x = pageMargin + (d.contentWidth()-t.width())/2
	return t
}

// lineHeight is the height of a line in a cell: tighter than running text,
// which keeps a large ledger to fewer pages.
func (t *pdfTable) lineHeight() float64 { return t.d.em() * tableSpacing }

func (t *pdfTable) width() float64 {
	var w float64
	for _, c := range t.cols {
		w += c.width
	}
	return w
}

// row draws one row; bold rows are totals. A row taller than what is left
// of the page moves to the next one, and a row taller than a whole page is
// split across pages, so no text is ever cut off.
func (t *pdfTable) row(cells []string, bold bool) {
	d := t.d
	style := styleReg
	if bold {
		style = styleBold
	}
	d.setFont(style, t.sizePt)
	n := t.layout(t.lines, cells)
	lh := t.lineHeight()
	if !t.started {
		t.header(float64(min(n, 3))*lh + 2*cellPadY)
		d.setFont(style, t.sizePt)
	}
	for from := 0; from < n; {
		fit := int((d.bottom() - d.y - 2*cellPadY) / lh)
		hasRows := d.y > t.top+t.headerH
		if hasRows && fit < n-from && (fit < 1 || n-from <= t.capacity()) {
			t.nextPage(style)
			continue
		}
		k := max(1, min(n-from, fit))
		h := float64(k)*lh + 2*cellPadY
		t.drawCells(t.lines, from, k, h, false)
		d.line(t.x, d.y+h, t.x+t.width(), d.y+h)
		d.y += h
		from += k
		if from < n {
			t.nextPage(style)
		}
	}
}

// capacity is how many lines of one row fit on a fresh page.
func (t *pdfTable) capacity() int {
	d := t.d
	return int((d.bottom() - pageMargin - t.headerH - 2*cellPadY) / t.lineHeight())
}

func (t *pdfTable) nextPage(style string) {
	t.finishPage()
	t.d.breakPage()
	t.header(0)
	t.d.setFont(style, t.sizePt)
}

// finish closes the table: its vertical rules and some space below.
func (t *pdfTable) finish() {
	if !t.started {
		t.header(0)
	}
	t.finishPage()
	t.d.y += 4
}

// layout wraps every cell into lines and returns the most lines a cell
// has. A line break in a cell's text is kept.
func (t *pdfTable) layout(lines [][]string, cells []string) int {
	d := t.d
	n := 1
	for i, c := range t.cols {
		avail := c.width - 2*cellPadX
		lines[i] = lines[i][:0]
		for text, more := cells[i], true; more; {
			var para string
			para, text, more = strings.Cut(text, "\n")
			s := clean(para)
			if d.textWidth(s) <= avail { // most cells: no need to wrap
				lines[i] = append(lines[i], s)
			} else {
				lines[i] = append(lines[i], d.wrap(s, avail, avail)...)
			}
		}
		n = max(n, len(lines[i]))
	}
	return n
}

// header draws the header row, first moving to a new page unless the
// header and rowH more fit on this one.
func (t *pdfTable) header(rowH float64) {
	d := t.d
	d.setFont(styleBold, t.sizePt)
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		cells[i] = c.header
	}
	n := t.layout(t.head, cells)
	h := float64(n)*t.lineHeight() + 2*cellPadY
	d.need(h + rowH)
	t.top, t.headerH, t.started = d.y, h, true
	d.fillRect(t.x, d.y, t.width(), h, 231, 230, 230)
	t.drawCells(t.head, 0, n, h, true)
	d.line(t.x, d.y, t.x+t.width(), d.y)
	d.line(t.x, d.y+h, t.x+t.width(), d.y+h)
	d.y += h
}

// drawCells writes lines from..from+k of every cell in a row part of
// height h, each cell's lines centred vertically.
func (t *pdfTable) drawCells(cells [][]string, from, k int, h float64, centre bool) {
	d := t.d
	lh := t.lineHeight()
	x := t.x
	for i, c := range t.cols {
		lines := cells[i][min(from, len(cells[i])):]
		lines = lines[:min(k, len(lines))]
		top := d.y + (h-float64(len(lines))*lh)/2
		for j, line := range lines {
			d.text(t.lineX(x, c, line, centre), top+float64(j)*lh, lh, line)
		}
		x += c.width
	}
}

func (t *pdfTable) lineX(x float64, c pdfColumn, line string, centre bool) float64 {
	align := c.align
	if centre {
		align = 'C'
	}
	switch align {
	case 'R':
		return x + c.width - cellPadX - t.d.textWidth(line)
	case 'C':
		return x + (c.width-t.d.textWidth(line))/2
	}
	return x + cellPadX
}

// finishPage draws the vertical rules of the table's part on this page.
func (t *pdfTable) finishPage() {
	d := t.d
	x := t.x
	d.line(x, t.top, x, d.y)
	for _, c := range t.cols {
		x += c.width
		d.line(x, t.top, x, d.y)
	}
}
