package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// rowTexts are the texts of the drawn cells of a table row, left to right.
func rowTexts(table *widget.Table, row int) []string {
	var cells []*rowCell
	walk(table, func(o fyne.CanvasObject) {
		if c, ok := o.(*rowCell); ok && c.row == row && c.Visible() {
			cells = append(cells, c)
		}
	})
	slices.SortFunc(cells, func(a, b *rowCell) int { return int(a.Position().X - b.Position().X) })
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.label.Text
	}
	return out
}

// The 合计 row under the header sums the money of every row the filter
// matches, from the store, and follows the filter.
func TestListsShowTheTotalOfTheirFilter(t *testing.T) {
	u, db := demoUI(t)
	all := govbuy.Money(mustCount(t, db, "SELECT SUM(amount) FROM contracts")).String()
	paid := govbuy.Money(mustCount(t, db, "SELECT SUM(amount) FROM payments")).String()
	y2024 := govbuy.Money(mustCount(t, db, "SELECT SUM(amount) FROM contracts WHERE year = 2024")).String()
	s := showScreen[*contractsScreen](t, u)
	amount := slices.IndexFunc(s.list.cols, func(c column[govbuy.ContractRow]) bool { return c.total == "amount" })

	onUI(u, func() { s.year.SetSelectedIndex(0) }) // all years
	waitIdle(t, u)
	got := rowTexts(s.list.table, 0)
	if len(got) < amount+2 || got[0] != "合计" || got[amount] != all || got[amount+1] != paid {
		t.Errorf("合计 row %q, want 合计 … %s %s", got, all, paid)
	}
	onUI(u, func() { s.year.SetSelected("2024") })
	waitIdle(t, u)
	if got := rowTexts(s.list.table, 0); len(got) <= amount || got[amount] != y2024 {
		t.Errorf("2024 合计 row %q, want amount %s", got, y2024)
	}
	// The 合计 row is no contract: a tap selects nothing.
	tapRow(t, u, s.list.table, 0)
	if _, ok := s.list.selectedRow(); ok {
		t.Error("tapping the 合计 row selected a contract")
	}
	tapRow(t, u, s.list.table, 1)
	if r, ok := s.list.selectedRow(); !ok || rowTexts(s.list.table, 1)[0] != r.Number {
		t.Errorf("tapping the first contract selected %+v", r)
	}

	units := showScreen[*unitsScreen](t, u)
	if got := rowTexts(units.list.table, 0); got[0] != "合计" || got[len(got)-1] != all {
		t.Errorf("units 合计 row %q, want %s", got, all)
	}
}

// A report breakdown's 合计 row is the report's own totals.
func TestReportBreakdownHasTheYearsTotals(t *testing.T) {
	u, _, s := demoReportScreen(t)
	onUI(u, func() {
		walk(s.view(), func(o fyne.CanvasObject) {
			if tabs, ok := o.(*container.AppTabs); ok {
				tabs.SelectIndex(1) // 分类汇总
			}
		})
		s.groups.SetSelectedIndex(0)
	})
	waitIdle(t, u)
	got := rowTexts(s.table.table, 0)
	if len(got) < 4 || got[0] != "合计" || got[3] != "40,293,000.00" {
		t.Errorf("合计 row %q, want paid 40,293,000.00", got)
	}
	if prev := govbuy.GroupTotals(s.rows)["prev_paid"].String(); got[len(got)-1] != prev {
		t.Errorf("合计 of last year's payments %q, want %s", got[len(got)-1], prev)
	}
}

// misaligned lists the columns of money (titled in 元) that do not sit
// right.
func misaligned[T any](cols []column[T]) []string {
	var out []string
	for _, c := range cols {
		if strings.Contains(c.title, "元") && c.align != fyne.TextAlignTrailing {
			out = append(out, c.title)
		}
	}
	return out
}

func TestAmountsSitRightInEveryList(t *testing.T) {
	newTestUI(t, nil) // the translations
	report := &reportScreen{}
	tests := []struct {
		name string
		bad  []string
	}{
		{"contracts", misaligned(contractColumns())},
		{"units", misaligned(unitColumns())},
		{"contractors", misaligned(contractorColumns())},
		{"payment periods", misaligned(periodColumns())},
		{"report breakdowns", misaligned(report.groupColumns())},
		{"workbench payments", misaligned(payColumns())},
		{"workbench approvals", misaligned(approvalColumns())},
	}
	for _, tt := range tests {
		if len(tt.bad) > 0 {
			t.Errorf("%s: amounts not right-aligned in %q", tt.name, tt.bad)
		}
	}
}

// Columns fit what they hold: a long name shows whole up to the column's
// limit, a year column takes no more than its year.
func TestColumnsFitTheirContent(t *testing.T) {
	long := "云溪县农村公路管理养护服务中心"
	u, db := newTestUI(t, nil)
	ctx := context.Background()
	unit := &govbuy.Unit{Name: long, Kind: govbuy.UnitPublic}
	if err := db.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*unitsScreen](t, u)
	name := s.list.widths[0]
	if want := textWidth(long, false); name < want || name > s.list.cols[0].width {
		t.Errorf("name column %.0f wide, want at least %.0f for %s", name, want, long)
	}
	cs := showScreen[*contractsScreen](t, u)
	year := slices.IndexFunc(cs.list.cols, func(c column[govbuy.ContractRow]) bool { return c.sort == "year" })
	if w := cs.list.widths[year]; w > cs.list.cols[year].headerWidth()+1 || w < textWidth("2024", false) {
		t.Errorf("year column %.0f wide, header needs %.0f", w, cs.list.cols[year].headerWidth())
	}
}

// A cut cell shows its whole text while the mouse rests on it; a cell that
// shows whole does not.
func TestCutCellShowsItsWholeTextOnHover(t *testing.T) {
	u, db := newTestUI(t, nil)
	unit, k, _ := mustCreate(t, db)
	long := strings.Repeat("农村公路日常养护及应急抢险", 4)
	c := &govbuy.Contract{Number: "YX-2024-009", Year: 2024, UnitID: unit.ID, ContractorID: k.ID, Kind: govbuy.KindProject,
		Title: long, Method: govbuy.MethodOpenTender, Amount: govbuy.Yuan(1000), Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31)}
	if err := db.CreateContract(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*contractsScreen](t, u)
	var title, number *rowCell
	walk(s.list.table, func(o fyne.CanvasObject) {
		if cell, ok := o.(*rowCell); ok && cell.Visible() {
			switch cell.label.Text {
			case long:
				title = cell
			case "YX-2024-009":
				number = cell
			}
		}
	})
	if title == nil || number == nil {
		t.Fatal("the contract's cells are not drawn")
	}
	onUI(u, func() { number.MouseIn(&desktop.MouseEvent{}) })
	if s.list.tip.shown() {
		t.Errorf("a whole number shows a tip %q", s.list.tip.text.Text)
	}
	onUI(u, func() { title.MouseIn(&desktop.MouseEvent{}) })
	if !s.list.tip.shown() || s.list.tip.text.Text != long {
		t.Errorf("tip shown %v with %q, want the whole title", s.list.tip.shown(), s.list.tip.text.Text)
	}
	// Just under the cell (or just above it at the bottom of the list).
	d := fyne.CurrentApp().Driver()
	cellY := d.AbsolutePositionForObject(title).Y - d.AbsolutePositionForObject(s.list.tip.layer).Y
	if y := s.list.tip.bg.Position().Y; y != cellY+title.Size().Height && y != cellY-s.list.tip.bg.Size().Height {
		t.Errorf("tip at y %.0f, the cell at %.0f to %.0f", y, cellY, cellY+title.Size().Height)
	}
	onUI(u, func() { title.MouseOut() })
	if s.list.tip.shown() {
		t.Error("the tip stays after the mouse left")
	}
}

// A filter select is held as wide as its longest option, so the chosen
// filter reads whole instead of "全部主…".
func TestFilterSelectShowsItsLongestOption(t *testing.T) {
	newTestUI(t, nil) // the translations
	long := "事业单位（公益二类）"
	sel := widget.NewSelect([]string{"全部", long}, nil)
	held := wideEnough(sel)
	if w, want := held.MinSize().Width, textWidth(long, false)+theme.IconInlineSize(); w < want {
		t.Errorf("filter %.0f wide, %q needs %.0f", w, long, want)
	}
}
