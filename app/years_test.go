package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// entryIn is the first entry of a dialog.
func entryIn(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no entry in the dialog")
	}
	return found
}

// A closed year is a banner over the 考核 and 支付 forms, not a refusal
// after the form is filled; the banner's 反结账 asks for a reason in a box
// wide enough to write it, and reopens the year.
func TestClosedYearIsABannerWithReopen(t *testing.T) {
	tests := []struct {
		name string
		open func(t *testing.T, u *UI, id int64) (*closedBanner, *widget.Button)
	}{
		{"支付", func(t *testing.T, u *UI, id int64) (*closedBanner, *widget.Button) {
			s := showScreen[*paymentsScreen](t, u)
			onUI(u, func() { s.load(id) })
			return s.banner, s.save
		}},
		{"考核", func(t *testing.T, u *UI, id int64) (*closedBanner, *widget.Button) {
			s := showScreen[*assessmentsScreen](t, u)
			onUI(u, func() { s.loadContract(id) })
			return s.banner, s.save
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, db := newTestUI(t, nil)
			_, _, c := mustCreate(t, db)
			ctx := context.Background()
			if err := db.CloseYear(ctx, 2024); err != nil {
				t.Fatal(err)
			}
			b, save := tt.open(t, u, c.ID)
			waitIdle(t, u)
			if !b.box.Visible() || !strings.Contains(b.text.Text, "2024年度已结账") || !b.reopen.Visible() || !save.Disabled() {
				t.Fatalf("banner shown %v %q, 反结账 shown %v, save disabled %v", b.box.Visible(), b.text.Text, b.reopen.Visible(), save.Disabled())
			}
			onUI(u, func() { test.Tap(b.reopen) })
			dlg := overlay(t, u)
			reason := entryIn(t, dlg)
			if w := reason.Size().Width; w < 400 {
				t.Errorf("reason box %.0f wide, want at least 400", w)
			}
			onUI(u, func() { test.Type(reason, "支付记错年度，需更正") })
			onUI(u, func() { test.Tap(button(t, dlg, "确认反结账")) })
			waitIdle(t, u)
			if years, _ := db.ClosedYears(ctx); len(years) != 0 {
				t.Errorf("closed years %v after 反结账", years)
			}
			if b.box.Visible() || save.Disabled() {
				t.Errorf("after 反结账 banner shown %v, save disabled %v", b.box.Visible(), save.Disabled())
			}
		})
	}
}

// Only those who may reopen a year see 反结账: a clerk sees the banner
// alone.
func TestClerkSeesNoReopen(t *testing.T) {
	ctx := govbuy.WithUser(context.Background(), &govbuy.User{Name: "小王", Role: govbuy.RoleClerk})
	if mayReopen(ctx) {
		t.Error("a clerk may reopen a year")
	}
	admin := govbuy.WithUser(context.Background(), &govbuy.User{Name: "老李", Role: govbuy.RoleAdmin})
	if !mayReopen(admin) || !mayReopen(context.Background()) {
		t.Error("an administrator, or anyone while roles are off, may not reopen")
	}
}

// Closing a year first lists what it would leave undone, in a dialog
// whose buttons name the act; nothing is closed until it is confirmed.
func TestClosingAYearListsWhatIsUndoneFirst(t *testing.T) {
	u, db := demoUI(t)
	ctx := context.Background()
	want, err := db.YearCloseBlockers(ctx, 2024, blockersShown)
	if err != nil || want.Empty() {
		t.Fatalf("the demo's 2024 has nothing undone (%v): the test needs some", err)
	}
	s := showScreen[*settingsScreen](t, u)
	onUI(u, func() {
		s.content.(*container.AppTabs).SelectIndex(1) // 年度结账
		s.year.SetSelected("2024")
	})
	onUI(u, func() { test.Tap(button(t, s.content, "年度结账…")) })
	waitIdle(t, u)
	dlg := overlay(t, u)
	if !hasText(dlg, want.Summary()) || !hasText(dlg, "取消") {
		t.Errorf("close dialog shows %q, want the summary %q", texts(dlg), want.Summary())
	}
	var listed []string
	walk(dlg, func(o fyne.CanvasObject) {
		if c, ok := o.(*rowCell); ok && c.Visible() {
			listed = append(listed, c.label.Text)
		}
	})
	if first := want.All().Items[0]; !slices.Contains(listed, first.ContractNumber) {
		t.Errorf("the dialog lists %q, not the first undone contract %s", listed, first.ContractNumber)
	}
	if years, _ := db.ClosedYears(ctx); len(years) != 0 {
		t.Fatalf("closed %v before confirming", years)
	}
	onUI(u, func() { test.Tap(button(t, dlg, "确认结账")) })
	waitIdle(t, u)
	if years, _ := db.ClosedYears(ctx); !slices.Equal(years, []int{2024}) {
		t.Errorf("closed years %v after confirming, want [2024]", years)
	}
}
