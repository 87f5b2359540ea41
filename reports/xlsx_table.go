package reports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"govbuy"
)

// cellKind is how a column's values are written and formatted.
type cellKind int

const (
	kindText  cellKind = iota // string cell, never a formula
	kindCount                 // integer, #,##0
	kindYuan                  // govbuy.Money in 元, #,##0.00
	kindWan                   // govbuy.Money in 万元, exact, #,##0.00
	kindShare                 // decimal fraction text, 0.00%
	kindScore                 // score text ("86.5"), 0.0
)

// column is one column of a list sheet over rows of type T.
type column[T any] struct {
	header   string
	kind     cellKind
	maxWidth int          // width cap in character units; longer text wraps
	value    func(*T) any // string, int or govbuy.Money by kind; nil leaves the cell empty
}

// listSheet is a sheet holding one table: a header row, one row per item and
// an optional total row below them, outside the autofilter.
type listSheet[T any] struct {
	name  string
	cols  []column[T]
	rows  []T
	total []excelize.Cell // nil for no total row
}

const (
	minColWidth  = 6
	cellPadding  = 2 // character units around the text
	headerHeight = 30
)

// writeListSheet streams a list sheet: the ledger can hold 100,000
// contracts, which excelize's in-memory cells could not take in reasonable
// time and memory.
func writeListSheet[T any](x *workbook, s listSheet[T]) error {
	if _, err := x.f.NewSheet(s.name); err != nil {
		return err
	}
	// sheetPr is written when the stream starts: fit-to-page goes first.
	if err := x.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	widths := listWidths(s.cols, s.rows)
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(w)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(len(s.cols))
	if err := x.f.AutoFilter(s.name, fmt.Sprintf("A1:%s%d", lastCol, len(s.rows)+1), nil); err != nil {
		return err
	}
	if err := x.printSetup(s.name, sum(widths) > landscapeWidth, true); err != nil {
		return err
	}
	if err := streamRows(x, sw, s); err != nil {
		return err
	}
	return sw.Flush()
}

func streamRows[T any](x *workbook, sw *excelize.StreamWriter, s listSheet[T]) error {
	cells := make([]any, len(s.cols))
	for i, c := range s.cols {
		cells[i] = excelize.Cell{StyleID: x.st.header, Value: c.header}
	}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: headerHeight}); err != nil {
		return err
	}
	for i := range s.rows {
		for j, c := range s.cols {
			cells[j] = x.cell(c.kind, c.value(&s.rows[i]))
		}
		if err := sw.SetRow(cellName(1, i+2), cells); err != nil {
			return err
		}
	}
	if s.total == nil {
		return nil
	}
	for j := range cells {
		cells[j] = s.total[j]
	}
	return sw.SetRow(cellName(1, len(s.rows)+2), cells)
}

// cell is a value as a styled cell. Amounts become exact decimal text in a
// numeric style, which numberZip writes as a number.
func (x *workbook) cell(kind cellKind, v any) excelize.Cell {
	switch kind {
	case kindCount:
		return excelize.Cell{StyleID: x.st.count, Value: v}
	case kindYuan:
		return excelize.Cell{StyleID: x.st.yuan, Value: moneyCellValue(v, yuanText)}
	case kindWan:
		return excelize.Cell{StyleID: x.st.yuan, Value: moneyCellValue(v, wanText)}
	case kindShare:
		return excelize.Cell{StyleID: x.st.share, Value: emptyAsNil(v)}
	case kindScore:
		return excelize.Cell{StyleID: x.st.score, Value: emptyAsNil(v)}
	}
	return excelize.Cell{StyleID: x.st.text, Value: v}
}

func moneyCellValue(v any, text func(govbuy.Money) string) any {
	if m, ok := v.(govbuy.Money); ok {
		return text(m)
	}
	return nil
}

// emptyAsNil leaves a numeric cell without a value (but with its border)
// rather than holding an empty string.
func emptyAsNil(v any) any {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	return v
}

// sumCell is a total cell: a SUM over the rows above, carrying the value it
// computes as its cached result so that viewers which do not recalculate
// show the same figure as those which do.
func sumCell(style, col, rows int, cached any) excelize.Cell {
	if rows == 0 {
		return excelize.Cell{StyleID: style, Value: cached}
	}
	name, _ := excelize.ColumnNumberToName(col)
	return excelize.Cell{
		StyleID: style,
		Formula: fmt.Sprintf("SUM(%s2:%s%d)", name, name, rows+1),
		Value:   cached,
	}
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// landscapeWidth is about what fits across portrait A4 at 100 %: wider
// sheets print landscape before being scaled down to the page width.
const landscapeWidth = 100

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
			w = max(w, valueWidth(c.kind, c.value(&rows[i])))
		}
		widths[j] = min(max(w+cellPadding, minColWidth), c.maxWidth)
	}
	return widths
}

// valueWidth is the displayed width of a value: amounts as formatted.
func valueWidth(kind cellKind, v any) int {
	switch v := v.(type) {
	case string:
		if kind == kindShare {
			return len("100.00%")
		}
		return displayWidth(v)
	case int:
		return len(fmt.Sprint(v)) * 4 / 3 // with thousands separators
	case govbuy.Money:
		if kind == kindWan {
			return len(v.Wan())
		}
		return len(v.String())
	}
	return 0
}

// displayWidth counts East Asian wide and full-width characters as two
// units, others as one: how wide text shows in a spreadsheet column.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// maxLineWidth is the width of the longest line of s; header cells keep
// their line breaks.
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
