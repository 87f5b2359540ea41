package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/store"
)

// TestMain runs the tests under an English-speaking system: the window is
// Chinese whatever the system's locale, so every test that reads Chinese
// text holds that to account.
func TestMain(m *testing.M) {
	os.Unsetenv("LC_ALL")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LANGUAGE", "en_US:en")
	os.Setenv("LANG", "en_US.UTF-8")
	os.Exit(m.Run())
}

var _ Services = (*store.DB)(nil)

// newTestUI builds the window over a fresh database; setup runs before the
// window starts.
func newTestUI(t *testing.T, setup func(*UI, *store.DB)) (*UI, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "govbuy.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	u := New(govbuy.WithActor(context.Background(), "test"), a, db)
	t.Cleanup(func() { waitIdle(t, u) }) // before the database closes
	if setup != nil {
		setup(u, db)
	}
	u.Start()
	waitIdle(t, u)
	return u, db
}

// waitIdle waits until no store call, debounce or result is pending.
func waitIdle(t *testing.T, u *UI) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for u.sh.tasks.pending.Load() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("background work did not finish within 10s")
		}
		time.Sleep(time.Millisecond)
	}
}

// onUI runs fn as the UI goroutine would: never at the same time as a result
// being applied. Fyne's test driver applies results on worker goroutines, so
// typing into a search box, whose debounced reload may fire mid-word, needs
// this; other steps run after waitIdle, when no worker is left.
func onUI(u *UI, fn func()) {
	u.sh.tasks.applying.Lock()
	defer u.sh.tasks.applying.Unlock()
	fn()
}

// showScreen brings nav item i forward and waits for its list.
func showScreen(t *testing.T, u *UI, i int) {
	t.Helper()
	u.nav.Select(i)
	waitIdle(t, u)
}

// walk visits o and everything it draws, visible or not; it does not look
// inside labels and buttons, whose text is their own.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *widget.Label, *widget.Button:
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// texts lists the text of every label, text and button under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		}
	})
	return out
}

// hasText reports whether some text under o contains s.
func hasText(o fyne.CanvasObject, s string) bool {
	for _, x := range texts(o) {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// button finds the visible button labelled text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// overlay is the topmost dialog of the window.
func overlay(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// mustCreate stores a unit, a contractor and a contract between them.
func mustCreate(t *testing.T, db *store.DB) (*govbuy.Unit, *govbuy.Contractor, *govbuy.Contract) {
	t.Helper()
	ctx := context.Background()
	unit := &govbuy.Unit{Name: "区交通运输局", Kind: govbuy.UnitAdministrative}
	if err := db.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	k := &govbuy.Contractor{Name: "云溪路桥养护有限公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341L"}
	if err := db.CreateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
	c := &govbuy.Contract{
		Number: "YX-2024-001", Year: 2024, UnitID: unit.ID, ContractorID: k.ID, Kind: govbuy.KindProject,
		Title: "农村公路养护", Method: govbuy.MethodOpenTender, Amount: govbuy.Yuan(1_200_000),
		Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31),
	}
	if err := db.CreateContract(ctx, c); err != nil {
		t.Fatal(err)
	}
	return unit, k, c
}
