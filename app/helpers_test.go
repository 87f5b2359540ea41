package app

import (
	"context"
	"database/sql"
	"net/url"
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

// mustCount runs query, a SELECT COUNT(*), on the database file itself and
// fails the test when it cannot: a check that nothing was written must not
// pass on a read that failed and counted nothing.
func mustCount(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	// A URI, so the '?' and '#' in test paths stay part of the file name.
	raw, err := sql.Open("sqlite", "file://"+(&url.URL{Path: filepath.ToSlash(db.Path())}).EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("count (%s): %v", query, err)
	}
	return n
}

// newTestShell is the window around a screen built alone, over services
// that need no database (package mock).
func newTestShell(t *testing.T) *shell {
	t.Helper()
	a := test.NewTempApp(t)
	loadTranslations(languageOf(a.Preferences()))
	a.Settings().SetTheme(newTheme())
	sh := &shell{ctx: govbuy.WithActor(context.Background(), "test"), win: a.NewWindow(""), prefs: a.Preferences(),
		tasks: &tasks{}, changed: func() {}}
	t.Cleanup(func() { waitTasks(t, sh.tasks) })
	return sh
}

// waitIdle waits until no store call, debounce or result is pending.
func waitIdle(t *testing.T, u *UI) {
	t.Helper()
	waitTasks(t, u.sh.tasks)
}

// waitTasks waits until none of tk's work is pending.
func waitTasks(t *testing.T, tk *tasks) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for tk.pending.Load() != 0 {
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

// showScreen brings the screen of type S forward, as the navigation does,
// waits for its list and returns it. Screens are found by their type, so
// a screen added to the navigation moves no test.
func showScreen[S screen](t *testing.T, u *UI) S {
	t.Helper()
	s := screenOf[S](t, u)
	u.goTo(s)
	waitIdle(t, u)
	return s
}

// screenOf finds the screen of type S in the navigation.
func screenOf[S screen](t *testing.T, u *UI) S {
	t.Helper()
	for _, it := range u.screens {
		if s, ok := it.screen.(S); ok {
			return s
		}
	}
	var none S
	t.Fatalf("no %T in the navigation", none)
	return none
}

// walk visits o and everything it draws, visible or not; it does not look
// inside labels and buttons, whose text is their own.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	visit(o, func(o fyne.CanvasObject) bool {
		fn(o)
		return true
	})
}

// visit calls fn on o and, while fn returns true, on everything o draws;
// it does not look inside labels and buttons.
func visit(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if o == nil || !fn(o) {
		return
	}
	switch x := o.(type) {
	case *widget.Label, *widget.Button:
	case *fyne.Container:
		for _, c := range x.Objects {
			visit(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			visit(c, fn)
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
