package app

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column describes one column of a list: its header, the store's sort key
// for it and how a row shows in it.
type column[T any] struct {
	title string // already translated
	sort  string // the Sort value the store's Find* call understands
	width float32
	align fyne.TextAlign
	value func(T) string
}

// doubleTapWindow is how close two taps on one row must be to open it.
const doubleTapWindow = 500 * time.Millisecond

// listTable is the paged, sortable list every screen shows: a widget.Table
// fed by a pager, a header row whose buttons sort, whole-row selection, a
// double tap to open a row and a "共 N 条" count.
type listTable[T any] struct {
	cols   []column[T]
	pager  *pager[T]
	table  *widget.Table
	count  *widget.Label
	note   *widget.Label // beside the count: what the screen says of the selected row
	onSort func()        // the sort changed: the screen queries again
	onOpen func(T)       // a row was double-tapped
	// onSelect follows the selection of a loaded row, onDeselect its end
	// (a new query forgets it); either may be nil.
	onSelect   func(T)
	onDeselect func()

	sortKey  string
	desc     bool
	selected int // row index, -1 for none
	lastTap  time.Time
}

func newListTable[T any](ctx context.Context, t *tasks, cols []column[T], sortKey string) *listTable[T] {
	l := &listTable[T]{cols: cols, sortKey: sortKey, selected: -1}
	l.count = widget.NewLabel("")
	l.note = widget.NewLabel("")
	l.note.Importance = widget.WarningImportance
	l.note.Truncation = fyne.TextTruncateEllipsis
	l.pager = newPager[T](ctx, t, l.loaded)
	l.table = widget.NewTable(l.length, l.createCell, l.updateCell)
	l.table.ShowHeaderRow = true
	l.table.CreateHeader = l.createHeader
	l.table.UpdateHeader = l.updateHeader
	for i, c := range cols {
		l.table.SetColumnWidth(i, c.width)
	}
	return l
}

// reload runs a new query and forgets the selection, which indexed the old
// result.
func (l *listTable[T]) reload(fetch fetchFunc[T]) {
	l.deselect()
	l.pager.reset(fetch)
}

func (l *listTable[T]) deselect() {
	l.selected = -1
	if l.onDeselect != nil {
		l.onDeselect()
	}
}

// selectedRow returns the selected row when it is loaded.
func (l *listTable[T]) selectedRow() (T, bool) {
	if l.selected < 0 {
		var zero T
		return zero, false
	}
	return l.pager.row(l.selected)
}

func (l *listTable[T]) loaded(err error) {
	if err != nil {
		l.count.Importance = widget.DangerImportance
		l.count.SetText(lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)}))
		return
	}
	if l.selected >= l.pager.len() {
		l.deselect()
	}
	l.count.Importance = widget.MediumImportance
	l.count.SetText(lang.L("Total {{.Count}} rows", map[string]any{"Count": groupDigits(l.pager.len())}))
	l.table.Refresh()
}

func (l *listTable[T]) length() (int, int) {
	return l.pager.len(), len(l.cols)
}

func (l *listTable[T]) createCell() fyne.CanvasObject {
	return newRowCell(l.tapped)
}

func (l *listTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*rowCell)
	c.row = id.Row
	text := ""
	if r, ok := l.pager.row(id.Row); ok {
		text = l.cols[id.Col].value(r)
	}
	c.set(text, l.cols[id.Col].align, id.Row == l.selected)
}

func (l *listTable[T]) createHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	b.Importance = widget.LowImportance
	return b
}

func (l *listTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := l.cols[id.Col]
	b.SetText(col.title)
	switch {
	case col.sort == "" || col.sort != l.sortKey:
		b.SetIcon(nil)
	case l.desc:
		b.SetIcon(theme.MoveDownIcon())
	default:
		b.SetIcon(theme.MoveUpIcon())
	}
	b.OnTapped = nil
	if col.sort != "" {
		b.OnTapped = func() { l.sortBy(col.sort) }
	}
}

// sortBy sorts on a column, or flips the order when it is the sorted one.
func (l *listTable[T]) sortBy(key string) {
	if key == l.sortKey {
		l.desc = !l.desc
	} else {
		l.sortKey, l.desc = key, false
	}
	l.table.ScrollToTop()
	l.onSort()
}

// tapped selects the row; a second tap on it soon after opens it. Cells
// handle taps themselves so a whole row highlights, not one cell.
func (l *listTable[T]) tapped(row int) {
	now := time.Now()
	again := row == l.selected && now.Sub(l.lastTap) < doubleTapWindow
	l.selected, l.lastTap = row, now
	l.table.Refresh()
	r, ok := l.pager.row(row)
	if ok && !again && l.onSelect != nil {
		l.onSelect(r)
	}
	if ok && again && l.onOpen != nil {
		l.onOpen(r)
	}
}

// view lays the table out above its count and note.
func (l *listTable[T]) view(toolbar fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(toolbar, container.NewBorder(nil, nil, l.count, nil, l.note), nil, nil, l.table)
}

// rowCell is a table cell that paints the selection across its row and
// reports taps to the list.
type rowCell struct {
	widget.BaseWidget
	row   int
	label *widget.Label
	bg    *canvas.Rectangle
	onTap func(row int)
}

func newRowCell(onTap func(int)) *rowCell {
	c := &rowCell{label: widget.NewLabel(""), bg: canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), onTap: onTap}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.bg.Hide()
	c.ExtendBaseWidget(c)
	return c
}

func (c *rowCell) set(text string, align fyne.TextAlign, selected bool) {
	c.label.Alignment = align
	c.label.SetText(text)
	if selected {
		c.bg.Show()
	} else {
		c.bg.Hide()
	}
}

func (c *rowCell) Tapped(*fyne.PointEvent) { c.onTap(c.row) }

func (c *rowCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label))
}

// groupDigits writes n with thousands separators, as officers read counts.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
