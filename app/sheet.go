package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// The pieces every table of the window shares, so each reads like a
// finance clerk's sheet: columns sized to what they hold, amounts on the
// right, a 合计 row summed by the store, and the whole of a cut cell on
// hover.

// column describes one column of a table: its header, the store's sort key
// for it and how a row shows in it.
type column[T any] struct {
	title string // already translated
	sort  string // the Sort value the store's Find* call understands
	// width is the most the column takes; it is fitted to its title and
	// values below that, so short columns leave room for names.
	width float32
	align fyne.TextAlign
	// total names the govbuy.ListTotals entry the 合计 row shows under the
	// column; such a column holds money and sits right.
	total string
	value func(T) string
}

// amountColumn is a right-aligned amount column, summed in the 合计 row
// under the ListTotals key total ("" for none).
func amountColumn[T any](title, sort, total string, m func(T) govbuy.Money) column[T] {
	return column[T]{title: title, sort: sort, width: 150, align: fyne.TextAlignTrailing, total: total,
		value: func(r T) string { return m(r).String() }}
}

// minColumnWidth keeps a column wide enough to click and to show "…".
const minColumnWidth = 44

// textWidth is the width a cell needs to show s whole: the label's own
// padding, and some slack because the window's renderer lays glyphs out a
// little wider than MeasureText says (seen under X11 at 1366×768: an exact
// fit still ended in "…").
func textWidth(s string, bold bool) float32 {
	w := fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width
	return w*1.06 + 2*theme.InnerPadding() + theme.Padding()
}

// headerWidth is what a column's title needs, with room for the sort arrow
// on a sortable column.
func (c column[T]) headerWidth() float32 {
	w := textWidth(c.title, true)
	if c.sort != "" {
		w += theme.IconInlineSize() + theme.Padding()
	}
	return w
}

// fitWidth is the width column c needs for its title and the values of
// rows, and for extra (the 合计) when given: at least minColumnWidth and the
// whole title, at most c.width unless the title needs more.
func fitWidth[T any](c column[T], rows []T, extra string) float32 {
	head := c.headerWidth()
	w := max(head, textWidth(extra, true))
	for _, r := range rows {
		w = max(w, textWidth(c.value(r), false))
	}
	return min(max(w, minColumnWidth), max(c.width, head, minColumnWidth))
}

// totalsLabel heads the 合计 row.
func totalsLabel() string { return lang.L("Total") }

// cellTip shows the whole text of a cut cell while the mouse rests on it.
// It lies on a layer over its table that takes no events, so the cell under
// it keeps its hover and taps.
type cellTip struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *canvas.Text
}

func newCellTip() *cellTip {
	t := &cellTip{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.layer = container.NewWithoutLayout(t.bg, t.text)
	t.hide()
	return t
}

// over stacks the tip's layer on a table.
func (t *cellTip) over(table fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(table, t.layer)
}

// show puts text under cell, kept inside the layer's width.
func (t *cellTip) show(cell fyne.CanvasObject, text string) {
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(cell).Subtract(d.AbsolutePositionForObject(t.layer))
	pad := theme.InnerPadding()
	t.text.Text = text
	t.text.TextSize = theme.TextSize()
	size := t.text.MinSize().Add(fyne.NewSquareSize(2 * pad))
	x := max(0, min(at.X, t.layer.Size().Width-size.Width))
	y := at.Y + cell.Size().Height
	if y+size.Height > t.layer.Size().Height {
		y = at.Y - size.Height // no room below: above the cell
	}
	t.bg.Move(fyne.NewPos(x, y))
	t.bg.Resize(size)
	t.text.Move(fyne.NewPos(x+pad, y+pad))
	t.text.Resize(t.text.MinSize())
	t.bg.Show()
	t.text.Show()
	t.layer.Refresh()
}

// hide hides the tip but not its layer, which must stay placed over the
// table for the next tip to find where it is.
func (t *cellTip) hide() {
	t.bg.Hide()
	t.text.Hide()
}

// shown reports whether a tip is up.
func (t *cellTip) shown() bool { return t.text.Visible() }

// rowCell is a table cell that paints the selection across its row,
// reports taps to its table and shows its whole text on hover when cut.
type rowCell struct {
	widget.BaseWidget
	row   int
	label *widget.Label
	bg    *canvas.Rectangle
	onTap func(row int)
	tip   *cellTip // nil: the table shows no tips
}

var _ desktop.Hoverable = (*rowCell)(nil)

func newRowCell(onTap func(int), tip *cellTip) *rowCell {
	c := &rowCell{label: widget.NewLabel(""), bg: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), onTap: onTap, tip: tip}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.bg.Hide()
	c.ExtendBaseWidget(c)
	return c
}

func (c *rowCell) set(text string, align fyne.TextAlign, selected, bold bool) {
	c.label.Alignment = align
	c.label.TextStyle.Bold = bold
	c.label.SetText(text)
	if selected {
		c.bg.Show()
	} else {
		c.bg.Hide()
	}
}

// cut reports whether the cell's text is wider than the cell shows.
func (c *rowCell) cut() bool {
	return c.label.Text != "" && textWidth(c.label.Text, c.label.TextStyle.Bold) > c.Size().Width
}

func (c *rowCell) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap(c.row)
	}
}

func (c *rowCell) MouseIn(*desktop.MouseEvent) {
	if c.tip != nil && c.cut() {
		c.tip.show(c, c.label.Text)
	}
}

func (c *rowCell) MouseMoved(*desktop.MouseEvent) {}

func (c *rowCell) MouseOut() {
	if c.tip != nil {
		c.tip.hide()
	}
}

func (c *rowCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label))
}

// sheet is a table of rows held in memory (a contract's periods, a
// report's groups, the workbench's lists) with the list's columns, cells
// and tips; its totals, when it has any, come with its rows from the store.
type sheet[T any] struct {
	cols   []column[T]
	rows   func() []T
	totals func() govbuy.ListTotals // nil: no 合计 row
	table  *widget.Table
	tip    *cellTip
	view   fyne.CanvasObject
}

// newSheet builds a sheet over rows; open, when not nil, is called with a
// tapped row.
func newSheet[T any](cols []column[T], rows func() []T, open func(T)) *sheet[T] {
	s := &sheet[T]{cols: cols, rows: rows, tip: newCellTip()}
	s.table = widget.NewTable(s.length, func() fyne.CanvasObject {
		return newRowCell(s.tapped(open), s.tip)
	}, s.updateCell)
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = true
		l.Alignment = cols[id.Col].align
		l.SetText(cols[id.Col].title)
	}
	s.view = s.tip.over(s.table)
	s.fit()
	return s
}

// withTotals adds the 合计 row, pinned under the header.
func (s *sheet[T]) withTotals(totals func() govbuy.ListTotals) *sheet[T] {
	s.totals = totals
	s.table.StickyRowCount = 1
	return s
}

// top is the number of rows above the data: the 合计 row.
func (s *sheet[T]) top() int {
	if s.totals != nil {
		return 1
	}
	return 0
}

func (s *sheet[T]) length() (int, int) { return len(s.rows()) + s.top(), len(s.cols) }

func (s *sheet[T]) tapped(open func(T)) func(int) {
	return func(row int) {
		if rows := s.rows(); open != nil && row >= s.top() && row-s.top() < len(rows) {
			open(rows[row-s.top()])
		}
	}
}

func (s *sheet[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*rowCell)
	c.row = id.Row
	col := s.cols[id.Col]
	if id.Row < s.top() {
		c.set(sumText(col, id.Col, s.totals()), col.align, false, true)
		return
	}
	if rows := s.rows(); id.Row-s.top() < len(rows) {
		c.set(col.value(rows[id.Row-s.top()]), col.align, false, false)
	}
}

// sumText is what the 合计 row shows under column i.
func sumText[T any](c column[T], i int, t govbuy.ListTotals) string {
	switch {
	case c.total != "" && t != nil:
		return t[c.total].String()
	case i == 0:
		return totalsLabel()
	}
	return ""
}

// refresh fits the columns to the rows now held and redraws.
func (s *sheet[T]) refresh() {
	s.fit()
	s.table.Refresh()
}

func (s *sheet[T]) fit() {
	rows := s.rows()
	for i, c := range s.cols {
		extra := ""
		if s.totals != nil {
			extra = sumText(c, i, s.totals())
		}
		s.table.SetColumnWidth(i, fitWidth(c, rows[:min(len(rows), fitSample)], extra))
	}
}

// fitSample is how many rows a column is fitted to: a page's worth shows
// the usual lengths; a longer value shows in its tip.
const fitSample = 200
