package reports

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"govbuy"
)

// cellKind is how a column's values are written and formatted.
type cellKind int

const (
	kindText  cellKind = iota // string cell, never a formula
	kindCount                 // int, #,##0
	kindYear                  // int, 0
	kindYuan                  // govbuy.Money in 元, #,##0.00
	kindWan                   // govbuy.Money in 万元, exact, #,##0.00
	kindShare                 // decimal fraction text, 0.00%
	kindScore                 // decimal score text ("86.5"), 0.0
)

// column is one column of a list sheet over rows of type T.
type column[T any] struct {
	header   string
	kind     cellKind
	maxWidth int // width cap in character units; longer text wraps
	value    func(*T) cell
}

// cell is a value of a list sheet: text for kindText, decimal text for
// kindShare and kindScore, n for the others (fen for amounts). The zero
// cell is empty.
type cell struct {
	text string
	n    int64
	set  bool
}

func textCell(s string) cell        { return cell{text: s, set: s != ""} }
func intCell(n int) cell            { return cell{n: int64(n), set: true} }
func moneyCell(m govbuy.Money) cell { return cell{n: int64(m), set: true} }
func decimalCell(s string) cell     { return cell{text: s, set: s != ""} }
func optionalInt(n int) cell        { return cell{n: int64(n), set: n != 0} }

// totalCell is a cell of a list sheet's total row.
type totalCell struct {
	style   int
	text    string // a string cell, when not a number
	number  string // exact decimal text of the value, cached for a formula
	formula string
}

// listSheet is a sheet holding one table: a header row, one row per item and
// an optional total row below them, outside the autofilter, and an optional
// line of text below that (the ledger's signatures).
type listSheet[T any] struct {
	name  string
	cols  []column[T]
	rows  []T
	total []totalCell // nil for no total row
	below string
	paper int // paperA4 when zero
	// budget, if set, is the most width units the columns may take in
	// all: text columns give up width, the widest first, to keep within it.
	budget int
}

const (
	minColWidth  = 6
	cellPadding  = 2 // character units around the text
	headerHeight = 30
)

// writeListSheet lays the sheet out through excelize and registers its rows
// to be written when the workbook is saved (see sheetZip).
func writeListSheet[T any](x *workbook, s listSheet[T]) error {
	if _, err := x.f.NewSheet(s.name); err != nil {
		return err
	}
	widths := listWidths(s.cols, s.rows)
	widenForTotals(widths, s.cols, s.total)
	if s.budget > 0 {
		narrowText(widths, s.cols, s.budget)
	}
	for i, w := range widths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.f.SetColWidth(s.name, name, name, float64(w)); err != nil {
			return err
		}
	}
	if err := x.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(s.cols))
	if err := x.f.AutoFilter(s.name, fmt.Sprintf("A1:%s%d", lastCol, len(s.rows)+1), nil); err != nil {
		return err
	}
	// after AutoFilter, which replaces the sheet's properties
	if err := x.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	pg := page{paper: cmp.Or(s.paper, paperA4), landscape: s.paper == paperA3 || sum(widths) > portraitA4Width}
	if err := x.printSetup(s.name, pg, true); err != nil {
		return err
	}
	return x.addRows(s.name, func(rw *rowWriter) { writeRows(x, rw, s, widths) })
}

// writeRows writes the header, the items and the total row.
func writeRows[T any](x *workbook, rw *rowWriter, s listSheet[T], widths []int) {
	rw.startRow(1, headerHeight)
	for _, c := range s.cols {
		rw.text(x.st.header, c.header)
	}
	rw.endRow()
	values := make([]cell, len(s.cols))
	for i := range s.rows {
		for j, c := range s.cols {
			values[j] = c.value(&s.rows[i])
		}
		rw.startRow(i+2, rowHeight(s.cols, values, widths))
		for j, c := range s.cols {
			x.writeValue(rw, c.kind, values[j])
		}
		rw.endRow()
	}
	if s.total != nil {
		rw.startRow(len(s.rows)+2, totalRowHeight(s.total, widths))
		for _, t := range s.total {
			x.writeTotal(rw, t)
		}
		rw.endRow()
	}
	if s.below != "" {
		// a blank row, then the line, tall enough to sign on
		rw.startRow(len(s.rows)+4, signRowHeight)
		rw.text(x.st.signLabel, s.below)
		rw.endRow()
	}
}

// writeValue writes one value in the style of its kind.
func (x *workbook) writeValue(rw *rowWriter, kind cellKind, v cell) {
	style := x.st.forKind(kind)
	switch {
	case !v.set:
		rw.empty(style)
	case kind == kindText:
		rw.text(style, v.text)
	case kind == kindShare || kind == kindScore:
		rw.number(style, v.text)
	case kind == kindYuan:
		rw.fixedPoint(style, v.n, 2, 2)
	case kind == kindWan:
		rw.fixedPoint(style, v.n, 6, 0)
	default:
		rw.fixedPoint(style, v.n, 0, 0)
	}
}

func (x *workbook) writeTotal(rw *rowWriter, t totalCell) {
	switch {
	case t.formula != "":
		rw.formula(t.style, t.formula, t.number)
	case t.number != "":
		rw.number(t.style, t.number)
	default:
		rw.text(t.style, t.text)
	}
}

// rowHeight is the height a row of table text needs for its wrapped text,
// or 0 when one line does. Excel does not grow rows to fit wrapped text on
// opening a file, and LibreOffice keeps a height once set, so the row says
// how tall it is.
func rowHeight[T any](cols []column[T], values []cell, widths []int) float64 {
	lines := 1
	for j, c := range cols {
		if c.kind == kindText {
			lines = max(lines, cellLines(values[j].text, widths[j]))
		}
	}
	return linesHeight(lines)
}

// totalRowHeight is rowHeight for a total row, whose notes wrap too.
func totalRowHeight(total []totalCell, widths []int) float64 {
	lines := 1
	for j, t := range total {
		lines = max(lines, cellLines(t.text, widths[j]))
	}
	return linesHeight(lines)
}

func cellLines(text string, width int) int {
	if len(text) <= width-1 {
		return 1 // no wider than its length in bytes
	}
	return linesIn(text, width, tableSizePt)
}

func linesHeight(lines int) float64 {
	if lines == 1 {
		return 0
	}
	return float64(lines)*lineHeight(tableSizePt) + cellPadPt
}

// Text in a cell is measured in the units of column widths: displayWidth
// gives the width at bodySizePt (a Chinese character two units), and text
// at another size scales with it. Both the estimate of a character's width
// and the line height err on the generous side: a row a little too tall
// costs some white space, one too short hides text on paper.
const (
	lineHeightPt = 15 // one line of 宋体 at bodySizePt
	cellPadPt    = 3  // above and below the lines of a wrapped cell
	widthSlack   = 0.95
)

func lineHeight(sizePt float64) float64 { return math.Ceil(lineHeightPt * sizePt / bodySizePt) }

// linesIn is how many lines text at sizePt takes in a column width units
// wide, one unit of which is padding; widthSlack leaves room for fonts with
// digits wider than 宋体's half em.
func linesIn(text string, width int, sizePt float64) int {
	fits := float64(width-1) * bodySizePt / sizePt * widthSlack
	lines := 0
	for more := true; more; {
		var para string
		para, text, more = strings.Cut(text, "\n")
		lines += max(1, int(math.Ceil(float64(displayWidth(para))/fits)))
	}
	return lines
}

// sumCell is a total cell: a SUM over the rows above, carrying the value it
// computes as its cached result so that viewers which do not recalculate
// show the same figure as those which do.
func sumCell(style, col, rows int, cached string) totalCell {
	if rows == 0 {
		return totalCell{style: style, number: cached}
	}
	name, _ := excelize.ColumnNumberToName(col)
	return totalCell{style: style, formula: fmt.Sprintf("SUM(%s2:%s%d)", name, name, rows+1), number: cached}
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// minTextWidth is as narrow as narrowText makes a column: four Chinese
// characters a line.
const minTextWidth = 10

// narrowText takes width from the widest text columns, which wrap, until
// the columns fit budget or none is wider than minTextWidth.
func narrowText[T any](widths []int, cols []column[T], budget int) {
	for excess := sum(widths) - budget; excess > 0; excess-- {
		widest := -1
		for j, c := range cols {
			if c.kind == kindText && widths[j] > minTextWidth && (widest < 0 || widths[j] > widths[widest]) {
				widest = j
			}
		}
		if widest < 0 {
			return
		}
		widths[widest]--
	}
}

// widenForTotals makes room in a column for its total, a number as its
// column formats it, which cannot wrap (a cell too narrow shows ###).
func widenForTotals[T any](widths []int, cols []column[T], total []totalCell) {
	for j, t := range total {
		if t.number == "" {
			continue
		}
		whole, _, _ := strings.Cut(t.number, ".")
		w := len(whole) + (len(strings.TrimPrefix(whole, "-"))-1)/3 // with thousands separators
		switch cols[j].kind {
		case kindYuan, kindWan:
			w += len(".00")
		case kindShare:
			w = len("100.00%")
		}
		widths[j] = max(widths[j], w+cellPadding+1) // bold digits are wider
	}
}

// listWidths sizes each column to its longest text, header included,
// counting a Chinese character as two units, within [minColWidth, maxWidth].
func listWidths[T any](cols []column[T], rows []T) []int {
	widths := make([]int, len(cols))
	for j, c := range cols {
		w := maxLineWidth(c.header)
		for i := range rows {
			if w >= c.maxWidth {
				break
			}
			w = max(w, valueWidth(c.kind, c.value(&rows[i]), w))
		}
		widths[j] = min(max(w+cellPadding, minColWidth), c.maxWidth)
	}
	return widths
}

// valueWidth is the displayed width of a value, numbers as formatted, when
// it may be wider than atLeast.
func valueWidth(kind cellKind, v cell, atLeast int) int {
	switch {
	case !v.set:
		return 0
	case kind == kindShare:
		return len("100.00%")
	case kind == kindText || kind == kindScore:
		if len(v.text) <= atLeast {
			return 0 // text is no wider than its length in bytes
		}
		return displayWidth(v.text)
	}
	n := len(strconv.FormatInt(v.n, 10))
	switch kind {
	case kindYuan:
		n = max(1, n-2) + 3 // ".00"
	case kindWan:
		n = max(1, n-6) + 3
	case kindYear:
		return n
	}
	return n + (n-1)/3 // thousands separators
}

// displayWidth counts East Asian wide and full-width characters as two
// units, others as one: how wide text shows in a spreadsheet column.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeDisplayWidth(r)
	}
	return n
}

func runeDisplayWidth(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r >= 0x2E80 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return 2 // the usual CJK blocks, without a table lookup
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// maxLineWidth is the width of the longest line of s.
func maxLineWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, displayWidth(line))
	}
	return w
}

func sum(v []int) int {
	t := 0
	for _, n := range v {
		t += n
	}
	return t
}
