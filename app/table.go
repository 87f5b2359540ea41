package app

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// doubleTapWindow is how close two taps on one row must be to open it.
const doubleTapWindow = 500 * time.Millisecond

// sumFunc totals a list's money columns over its whole filter, in the store.
type sumFunc func(ctx context.Context) (govbuy.ListTotals, error)

// listTable is the paged, sortable list every screen shows: a widget.Table
// fed by a pager, a header row whose buttons sort, a 合计 row pinned under
// it when a column is summed, whole-row selection, a double tap to open a
// row and a "共 N 条" count. Columns fit the header and the first page.
type listTable[T any] struct {
	ctx    context.Context
	tasks  *tasks
	cols   []column[T]
	pager  *pager[T]
	table  *widget.Table
	tip    *cellTip
	count  *widget.Label
	note   *widget.Label // beside the count: what the screen says of the selected row
	onSort func()        // the sort changed: the screen queries again
	onOpen func(T)       // a row was double-tapped
	// onSelect follows the selection of a loaded row, onDeselect its end
	// (a new query forgets it); either may be nil.
	onSelect   func(T)
	onDeselect func()
	// empty stands over an empty list: firstStep, what to do first, when
	// the list holds nothing; when filtered says the screen's search or
	// filters hide every row, to loosen them.
	empty     *widget.Label
	firstStep string
	filtered  func() bool

	totals  govbuy.ListTotals // of the current query; nil until summed
	sumGen  int               // bumped per query; older sums are dropped
	summed  bool              // some column has a 合计
	widths  []float32         // fitted so far; they only grow, so columns do not jump
	fitted  bool              // the current query's first page has been measured
	sortKey string
	desc    bool
	// selected is the selected data row, -1 for none.
	selected int
	lastTap  time.Time
}

func newListTable[T any](ctx context.Context, t *tasks, cols []column[T], sortKey string) *listTable[T] {
	l := &listTable[T]{ctx: ctx, tasks: t, cols: cols, sortKey: sortKey, selected: -1, tip: newCellTip()}
	l.count = widget.NewLabel("")
	l.note = widget.NewLabel("")
	l.note.Importance = widget.WarningImportance
	l.note.Truncation = fyne.TextTruncateEllipsis
	l.empty = widget.NewLabel("")
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()
	l.pager = newPager[T](ctx, t, l.loaded)
	l.table = widget.NewTable(l.length, l.createCell, l.updateCell)
	l.table.ShowHeaderRow = true
	l.table.CreateHeader = l.createHeader
	l.table.UpdateHeader = l.updateHeader
	for _, c := range cols {
		l.summed = l.summed || c.total != ""
	}
	if l.summed {
		l.table.StickyRowCount = 1
	}
	l.widths = make([]float32, len(cols))
	l.fit(nil)
	return l
}

// reload runs a new query and forgets the selection, which indexed the old
// result; sum, when the list has a 合计 row, totals the same query.
func (l *listTable[T]) reload(fetch fetchFunc[T], sum sumFunc) {
	l.deselect()
	l.fitted = false
	l.pager.reset(fetch)
	l.sumGen++
	if sum == nil {
		return
	}
	gen := l.sumGen
	l.tasks.run(func() func() {
		totals, err := sum(l.ctx)
		return func() {
			if gen != l.sumGen {
				return
			}
			l.totals = totals
			if err != nil {
				l.totals = nil // the count says the query failed
			}
			l.fit(nil)
			l.table.Refresh()
		}
	})
}

// top is the number of table rows above the data: the 合计 row.
func (l *listTable[T]) top() int {
	if l.summed {
		return 1
	}
	return 0
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
	if !l.fitted {
		// Once per query: the first page shows the usual lengths, and
		// measuring every page as it scrolls in would cost the UI time.
		rows := l.firstPage()
		l.fit(rows)
		l.fitted = len(rows) > 0
	}
	l.table.Refresh()
	l.showEmpty()
}

// showEmpty says what to do when the list shows no row.
func (l *listTable[T]) showEmpty() {
	switch {
	case l.pager.len() > 0:
		l.empty.Hide()
		return
	case l.filtered != nil && l.filtered():
		l.empty.SetText(lang.L("Nothing matches the search and filters: loosen them to see more."))
	default:
		l.empty.SetText(l.firstStep)
	}
	showIf(l.empty, l.empty.Text != "")
}

// firstPage is the loaded rows of the first page, which columns fit.
func (l *listTable[T]) firstPage() []T {
	var rows []T
	for i := range min(l.pager.len(), fitSample) {
		r, ok := l.pager.peek(i)
		if !ok {
			break
		}
		rows = append(rows, r)
	}
	return rows
}

// fit widens the columns to their titles, rows and totals, never narrows
// them: a new filter does not make the columns jump.
func (l *listTable[T]) fit(rows []T) {
	for i, c := range l.cols {
		extra := ""
		if l.summed {
			extra = sumText(c, i, l.totals)
		}
		if w := fitWidth(c, rows, extra); w > l.widths[i] {
			l.widths[i] = w
			l.table.SetColumnWidth(i, w)
		}
	}
}

func (l *listTable[T]) length() (int, int) {
	return l.pager.len() + l.top(), len(l.cols)
}

// createCell makes a cell whose taps select data rows; the 合计 row is not
// a row of the list and does not select.
func (l *listTable[T]) createCell() fyne.CanvasObject {
	return newRowCell(func(tableRow int) {
		if row := tableRow - l.top(); row >= 0 {
			l.tapped(row)
		}
	}, l.tip)
}

func (l *listTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*rowCell)
	c.row = id.Row
	col := l.cols[id.Col]
	if id.Row < l.top() {
		c.set(sumText(col, id.Col, l.totals), col.align, false, true)
		return
	}
	row := id.Row - l.top()
	text := ""
	if r, ok := l.pager.row(row); ok {
		text = col.value(r)
	}
	c.set(text, col.align, row == l.selected, false)
}

func (l *listTable[T]) createHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.IconPlacement = widget.ButtonIconTrailingText
	b.Importance = widget.LowImportance
	return b
}

func (l *listTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := l.cols[id.Col]
	b.Alignment = widget.ButtonAlignLeading
	if col.align == fyne.TextAlignTrailing {
		b.Alignment = widget.ButtonAlignTrailing // over the amounts it heads
	}
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

// tapped selects data row row; a second tap on it soon after opens it.
// Cells handle taps themselves so a whole row highlights, not one cell.
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
	// The sentence sits in the middle third, where the eye falls on an
	// empty list, and wraps within it.
	empty := container.NewGridWithRows(3, layout.NewSpacer(), container.NewGridWithColumns(3, layout.NewSpacer(), l.empty, layout.NewSpacer()))
	return container.NewBorder(toolbar, container.NewBorder(nil, nil, l.count, nil, l.note), nil, nil,
		container.NewStack(l.tip.over(l.table), empty))
}

// groupDigits writes n with thousands separators, as officers read counts.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
