package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// demoWorkbench opens the window on the demo district on 15 January 2025,
// with the fourth quarter of the first rural-road section left unpaid, so
// every kind of work the demo can have is on the workbench.
func demoWorkbench(t *testing.T) (*UI, *store.DB, *workbenchScreen) {
	t.Helper()
	u, db := newTestUI(t, func(u *UI, db *store.DB) {
		loadDemo(t)(u, db)
		ctx := context.Background()
		ps, err := db.FindPayments(ctx, contractID(t, db, roadSection))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(ps, func(p govbuy.Payment) bool { return p.Period == "2024Q4" })
		if i < 0 {
			t.Fatalf("no 2024Q4 payment of %s: %+v", roadSection, ps)
		}
		if err := db.DeletePayment(ctx, ps[i].ID); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return time.Date(2025, 1, 15, 9, 30, 0, 0, time.UTC) }
	})
	return u, db, screenOf[*workbenchScreen](t, u)
}

// roadSection is the demo's first rural-road section, assessed and paid
// by quarter.
const roadSection = "YX2024-042"

// shownTexts lists the text of every label and button under o that is
// shown: o and everything above it visible.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	visit(o, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		}
		return true
	})
	return out
}

func shows(o fyne.CanvasObject, text string) bool {
	return slices.ContainsFunc(shownTexts(o), func(s string) bool { return strings.Contains(s, text) })
}

// tapRow taps row of a list's table, as an officer clicks an item.
func tapRow(t *testing.T, u *UI, table *widget.Table, row int) {
	t.Helper()
	var cell *rowCell
	walk(table, func(o fyne.CanvasObject) {
		if c, ok := o.(*rowCell); ok && c.row == row && c.Visible() && cell == nil {
			cell = c
		}
	})
	if cell == nil {
		t.Fatalf("row %d of the list is not drawn", row)
	}
	onUI(u, func() { test.Tap(cell) })
	waitIdle(t, u)
}

// tapItem brings a list's tab forward and taps its row.
func tapItem(t *testing.T, u *UI, g *dueGroup, row int) {
	t.Helper()
	onUI(u, func() { screenOf[*workbenchScreen](t, u).tabs.Select(g.tab) })
	tapRow(t, u, g.table.table, row+g.table.top()) // under the 合计 row of a money list
}

// current is the screen in front.
func current(u *UI) screen { return u.screens[u.current].screen }

// tabTitles lists the workbench's tabs as they read.
func tabTitles(wb *workbenchScreen) []string {
	var out []string
	for _, it := range wb.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

func TestWorkbenchIsTheFirstScreenAndShowsTheDemo(t *testing.T) {
	u, db, wb := demoWorkbench(t)
	if current(u) != wb {
		t.Fatalf("the window opened on %T", current(u))
	}
	r, err := db.Report(context.Background(), assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	tot := r.Totals
	for _, want := range []string{
		"2024", "75", tot.ContractAmount.String(), tot.Payable.String(), tot.Paid.String(), "按月支付（万元）", "12月",
		// The first list with something due is in front.
		"已结束而尚未考核的期间", "YX2024-075", "2024年第1季度",
	} {
		if !shows(wb.view(), want) {
			t.Errorf("the workbench does not show %q; it shows %q", want, shownTexts(wb.view()))
		}
	}
	tabs := []string{"待考核（4）", "待支付（1）", "待审批（0）", "合同到期（0）", "资质到期（0）", "合规提示（32）", "待补充（0）", "结账前待办（5）"}
	if got := tabTitles(wb); !slices.Equal(got, tabs) {
		t.Errorf("tabs %q, want %q", got, tabs)
	}
	if got := wb.blocking.about.Text; got != "2024年度尚有4个期间未考核、1个期间未付清。" {
		t.Errorf("before closing: %q", got)
	}
	// An empty list says so; a list with items shows them instead.
	empty := map[govbuy.DueKind]string{
		govbuy.DueApprove:       "没有待审批的付款。",
		govbuy.DueContractEnd:   "没有60天内到期的执行中合同。",
		govbuy.DueQualification: "没有60天内到期或已过期的承接主体资质。",
		govbuy.DuePending:       "没有待补充的导入记录。",
	}
	for _, k := range govbuy.DueKinds {
		g := wb.groups[k]
		if want, ok := empty[k]; g.none.Visible() != ok || g.table.view.Visible() == ok || (ok && g.none.Text != want) {
			t.Errorf("%s: sentence %q shown %v, table shown %v", k, g.none.Text, g.none.Visible(), g.table.view.Visible())
		}
	}
	if shows(wb.view(), "还没有任何记录") || shows(wb.view(), "另有") {
		t.Errorf("the workbench shows %q", shownTexts(wb.view()))
	}
	// 4,029.30万 less the unpaid quarter, of 4,029.30万 payable.
	if share, _ := wb.model.Glance.SharePaid(); !shows(wb.view(), share.String()) || share >= govbuy.FullRate {
		t.Errorf("share paid %s not shown", share)
	}
	pay := wb.groups[govbuy.DuePay].items
	if len(pay) != 1 || pay[0].ContractNumber != roadSection || pay[0].Period != "2024Q4" || pay[0].Paid != 0 || pay[0].Payable == 0 {
		t.Errorf("unpaid: %+v", pay)
	}
}

func TestWorkbenchItemOpensTheAssessmentOfItsPeriod(t *testing.T) {
	u, _, wb := demoWorkbench(t)
	g := wb.groups[govbuy.DueAssess]
	if g.items[2].Period != "2024Q3" {
		t.Fatalf("third item %+v", g.items[2])
	}
	tapItem(t, u, g, 2)
	s, ok := current(u).(*assessmentsScreen)
	if !ok {
		t.Fatalf("the tap opened %T", current(u))
	}
	if s.contract.button.Text != "YX2024-075 机关后勤服务岗位" || s.period.Selected != "2024年第3季度" || s.periodCode() != "2024Q3" {
		t.Errorf("考核 shows %q, period %q", s.contract.button.Text, s.period.Selected)
	}
	if s.row == nil || s.row.Number != "YX2024-075" {
		t.Errorf("contract loaded: %+v", s.row)
	}
}

func TestWorkbenchItemOpensThePaymentOfItsPeriod(t *testing.T) {
	u, _, wb := demoWorkbench(t)
	tapItem(t, u, wb.groups[govbuy.DuePay], 0)
	s, ok := current(u).(*paymentsScreen)
	if !ok {
		t.Fatalf("the tap opened %T", current(u))
	}
	if s.settlement == nil || s.settlement.Contract.Number != roadSection || s.period.Selected != "2024年第4季度" {
		t.Fatalf("支付 shows %+v, period %q", s.settlement, s.period.Selected)
	}
	p, _ := s.settlement.Period("2024Q4")
	if want := "本期应付未付" + p.Outstanding().String() + "元"; s.amount.PlaceHolder != want || p.Outstanding() == 0 {
		t.Errorf("amount suggests %q, want %q", s.amount.PlaceHolder, want)
	}
	if !strings.HasPrefix(s.contract.button.Text, roadSection+" ") {
		t.Errorf("contract picker shows %q", s.contract.button.Text)
	}
	// Back on the workbench after paying the quarter, it is off the list.
	onUI(u, func() {
		s.amount.SetText(p.Outstanding().String())
		s.savePayment()
	})
	waitIdle(t, u)
	showScreen[*workbenchScreen](t, u)
	if g := wb.groups[govbuy.DuePay]; g.tab.Text != "待支付（0）" || !g.none.Visible() || g.none.Text != "目前应付的款项均已付清。" {
		t.Errorf("after paying, the list reads %q, %q", g.tab.Text, g.none.Text)
	}
}

func TestWorkbenchHintOpensItsContract(t *testing.T) {
	u, _, wb := demoWorkbench(t)
	g := wb.groups[govbuy.DueHint]
	tapItem(t, u, g, 0)
	if _, ok := current(u).(*contractsScreen); !ok {
		t.Fatalf("the tap opened %T", current(u))
	}
	dlg := overlay(t, u)
	if !hasText(dlg, "合规提示") || !hasText(dlg, g.items[0].Subject[strings.Index(g.items[0].Subject, "：")+len("："):]) {
		t.Errorf("the contract's details show %q", texts(dlg))
	}
}

// A long list shows its first items and the way to all of them.
func TestWorkbenchLongListShowsAll(t *testing.T) {
	u, _, wb := demoWorkbench(t)
	onUI(u, func() {
		wb.limit = 10
		wb.reload()
	})
	waitIdle(t, u)
	g := wb.groups[govbuy.DueHint]
	onUI(u, func() { wb.tabs.Select(g.tab) })
	if len(g.items) != 10 || g.tab.Text != "合规提示（32）" || !shows(wb.view(), "另有22项未在此列出") {
		t.Fatalf("hints hold %d, show %q", len(g.items), shownTexts(wb.view()))
	}
	onUI(u, func() { test.Tap(button(t, wb.view(), "查看全部")) })
	waitIdle(t, u)
	dlg := overlay(t, u)
	var table *widget.Table
	walk(dlg, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Table); ok {
			table = x
		}
	})
	if table == nil {
		t.Fatalf("the whole list shows %q", texts(dlg))
	}
	if rows, _ := table.Length(); rows != 32 {
		t.Errorf("the whole list has %d rows, want 32", rows)
	}
	tapRow(t, u, table, 0)
	if _, ok := current(u).(*contractsScreen); !ok {
		t.Errorf("a row of the whole list opened %T", current(u))
	}
}

func TestEmptyWorkbenchSaysWhatToDoFirst(t *testing.T) {
	u, _ := newTestUI(t, nil)
	wb := screenOf[*workbenchScreen](t, u)
	for _, want := range []string{"还没有任何记录", "导入旧台账", "新增单位"} {
		if !shows(wb.view(), want) {
			t.Errorf("the empty workbench does not show %q; it shows %q", want, shownTexts(wb.view()))
		}
	}
	for _, hidden := range []string{"载入示例数据", "按月支付（万元）", "已结束而尚未考核的期间"} {
		if shows(wb.view(), hidden) {
			t.Errorf("the empty workbench shows %q", hidden)
		}
	}
	onUI(u, func() { test.Tap(button(t, wb.view(), "新增单位")) })
	waitIdle(t, u)
	if _, ok := current(u).(*unitsScreen); !ok || !hasText(overlay(t, u), "单位名称") {
		t.Errorf("新增单位 opened %T", current(u))
	}
}

func TestEmptyWorkbenchLoadsTheDemo(t *testing.T) {
	u, _ := newTestUI(t, func(u *UI, db *store.DB) {
		u.OnLoadDemo = func(replace bool) error { return db.LoadDataset(context.Background(), assets.Demo(), replace) }
	})
	wb := screenOf[*workbenchScreen](t, u)
	onUI(u, func() { test.Tap(button(t, wb.view(), "载入示例区县")) })
	waitIdle(t, u)
	if wb.model == nil || wb.model.Glance.Year != assets.DemoYear || !slices.Contains(tabTitles(wb), "合规提示（32）") || shows(wb.view(), "还没有任何记录") {
		t.Errorf("after the demo, the workbench shows %q", shownTexts(wb.view()))
	}
}

// What blocks closing the year opens the same screens: the unpaid quarter,
// listed after the four unassessed ones, opens 支付 on it.
func TestWorkbenchBlockerOpensItsScreen(t *testing.T) {
	u, _, wb := demoWorkbench(t)
	g := wb.blocking
	if len(g.items) != 5 || g.items[4].Kind != govbuy.DuePay {
		t.Fatalf("before closing: %+v", g.items)
	}
	tapItem(t, u, g, 4)
	s, ok := current(u).(*paymentsScreen)
	if !ok {
		t.Fatalf("the tap opened %T", current(u))
	}
	if s.settlement == nil || s.settlement.Contract.Number != roadSection || s.period.Selected != "2024年第4季度" {
		t.Errorf("支付 shows %+v, period %q", s.settlement, s.period.Selected)
	}
}

// The money lists of the workbench and the period table of 支付 carry a
// 合计 row: the workbench's over the whole list, not only the rows kept, and
// 支付's over the contract's periods.
func TestWorkbenchAndPaymentPeriodsShowTheirTotals(t *testing.T) {
	u, _, wb := demoWorkbench(t)
	onUI(u, func() {
		wb.limit = 1
		wb.reload()
	})
	waitIdle(t, u)
	g := wb.groups[govbuy.DuePay]
	onUI(u, func() { wb.tabs.Select(g.tab) })
	outstanding := slices.IndexFunc(g.cols, func(c dueColumn) bool { return c.total == "outstanding" })
	if got, want := rowTexts(g.table.table, 0), g.totals["outstanding"].String(); len(got) <= outstanding || got[0] != "合计" ||
		got[outstanding] != want || g.totals["outstanding"] < g.items[0].Outstanding() {
		t.Errorf("待支付 合计 row %q, want 合计 … %s", got, want)
	}
	hints := wb.groups[govbuy.DueHint]
	if hints.table.totals != nil {
		t.Error("the hints, which hold no money, have a 合计 row")
	}

	tapItem(t, u, g, 0)
	s := current(u).(*paymentsScreen)
	waitIdle(t, u)
	tot := s.settlement.PeriodTotals()
	if got := rowTexts(s.periods.table, 0); len(got) < 6 || got[0] != "合计" || got[1] != tot["base"].String() ||
		got[4] != tot["payable"].String() || got[5] != tot["paid"].String() || tot["base"] == 0 {
		t.Errorf("支付 合计 row %q, want base %s payable %s paid %s", got, tot["base"], tot["payable"], tot["paid"])
	}
}
