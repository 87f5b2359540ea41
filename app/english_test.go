package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy/store"
)

// allowedWords are the Latin words a Chinese office reads as they are:
// file formats and standards, the language's own name in the language
// choice, and ID.
var allowedWords = map[string]bool{
	"PDF": true, "Excel": true, "WPS": true, "CSV": true, "OCDS": true, "ID": true, "English": true,
	"xlsx": true, "xls": true, "xlsm": true, "csv": true, "db": true,
}

var (
	// latinToken is a run of letters and digits: one with a digit is a
	// number or an identifier (YX2024, 2024Q1), not a word.
	latinToken = regexp.MustCompile(`[A-Za-z0-9]+`)
	// absolutePath is a file's path, which is data, not the window's words.
	absolutePath = regexp.MustCompile(`/[^\s“”，。：、（）]*`)
)

// englishWords lists the words of text a Chinese reader would not read.
func englishWords(text string) []string {
	var out []string
	for _, tok := range latinToken.FindAllString(absolutePath.ReplaceAllString(text, ""), -1) {
		if len(tok) >= 2 && !strings.ContainsAny(tok, "0123456789") && !allowedWords[tok] {
			out = append(out, tok)
		}
	}
	return out
}

// walkVisible visits what a person sees under o, leaving out skip; it
// does not look inside labels, buttons and entries, whose text is their own.
func walkVisible(o fyne.CanvasObject, skip map[fyne.CanvasObject]bool, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() || skip[o] {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *widget.Label, *widget.Button, *widget.Entry:
	case *fyne.Container:
		for _, c := range x.Objects {
			walkVisible(c, skip, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkVisible(c, skip, fn)
		}
	}
}

// visibleTexts lists what a person sees under o: the text of labels,
// buttons, drawn text, and the placeholders of empty entries; what was
// typed or loaded into an entry is the person's data.
func visibleTexts(o fyne.CanvasObject, skip map[fyne.CanvasObject]bool) []string {
	var out []string
	walkVisible(o, skip, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Entry:
			if x.Text == "" {
				out = append(out, x.PlaceHolder)
			}
		}
	})
	return out
}

// visibleButtons are the buttons a person can press under o.
func visibleButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	walkVisible(o, nil, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && !b.Disabled() {
			out = append(out, b)
		}
	})
	return out
}

// englishChecker collects what English it finds, and where.
type englishChecker struct {
	t    *testing.T
	u    *UI
	seen map[string]bool
	skip map[fyne.CanvasObject]bool // data shown as it is stored
}

func (c *englishChecker) check(where string, o fyne.CanvasObject) {
	for _, text := range visibleTexts(o, c.skip) {
		if words := englishWords(text); len(words) > 0 && !c.seen[where+text] {
			c.seen[where+text] = true
			c.t.Errorf("%s shows English %q in %q", where, words, text)
		}
	}
}

// overlays checks every dialog and pop-up open now, then presses each
// icon-only button in them (the date fields' calendars), and closes them.
func (c *englishChecker) overlays(where string) {
	waitIdle(c.t, c.u)
	list := c.u.Window().Canvas().Overlays().List()
	for _, o := range list {
		c.check(where, o)
	}
	for _, o := range list {
		for _, b := range visibleButtons(o) {
			if b.Text == "" && b.Icon != nil {
				test.Tap(b)
				waitIdle(c.t, c.u)
				if top := c.u.Window().Canvas().Overlays().Top(); top != o {
					c.check(where+" → "+b.Icon.Name(), top)
				}
				break
			}
		}
	}
	c.closeOverlays()
}

func (c *englishChecker) closeOverlays() {
	for top := c.u.Window().Canvas().Overlays().Top(); top != nil; top = c.u.Window().Canvas().Overlays().Top() {
		onUI(c.u, func() { c.u.Window().Canvas().Overlays().Remove(top) })
	}
}

// pressAll presses every button of the view shown now and checks what each
// opens; a press that writes only writes to the test's database.
func (c *englishChecker) pressAll(where string, view fyne.CanvasObject) {
	c.check(where, view)
	for _, b := range visibleButtons(view) {
		if !b.Visible() || b.Disabled() {
			continue
		}
		test.Tap(b)
		c.overlays(where + " → " + b.Text)
	}
}

// Under an English-speaking system (TestMain), no screen, tab, dialog,
// pop-up or calendar the window opens shows an English word: every button
// of every screen is pressed, on the demo district with a row selected,
// and the first-run page and the question for a missing district are
// looked at too.
func TestNoEnglishAnywhere(t *testing.T) {
	u, _ := demoUI(t)
	u.OnLoadDemo = func(bool) error { return nil }
	u.OnPrintPaymentForm = func(FormRequest) (string, error) { return "", nil }
	// The file dialog lists the home folder: give it one with the office's
	// own folders, not the test machine's.
	home := t.TempDir()
	for _, dir := range []string{"桌面", "文档", "下载", "台账"} {
		if err := os.Mkdir(filepath.Join(home, dir), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", home)
	c := &englishChecker{t: t, u: u, seen: map[string]bool{}, skip: map[fyne.CanvasObject]bool{}}
	// The audit log's records (operations, objects, before and after as
	// stored) are issue 12 item 4, reworked apart; its tab's own words are
	// checked. Drop this once that lands.
	for _, it := range u.screens {
		if s, ok := it.screen.(*settingsScreen); ok {
			c.skip[s.log] = true
		}
	}
	c.check("window title", widget.NewLabel(u.Window().Title()))
	for i, it := range u.screens {
		u.nav.Select(i) // every screen in turn
		waitIdle(t, u)
		view := it.screen.view()
		selectFirstRow(u, view)
		waitIdle(t, u)
		tabs := appTabs(view)
		if tabs == nil {
			c.pressAll(it.title, view)
			continue
		}
		for j, item := range tabs.Items {
			onUI(u, func() { tabs.SelectIndex(j) })
			waitIdle(t, u)
			c.pressAll(it.title+" / "+item.Text, item.Content)
		}
	}

	first, _ := firstRunUI(t, nil)
	c = &englishChecker{t: t, u: first, seen: map[string]bool{}}
	c.check("first-run page", first.root)
	asked, _ := firstRunUI(t, func(_ *UI, db *store.DB) { mustCreate(t, db) })
	c = &englishChecker{t: t, u: asked, seen: map[string]bool{}}
	c.overlays("the question for the district")
}

// selectFirstRow selects the first row of the screen's lists, so buttons
// that act on a selected row open what they open.
func selectFirstRow(u *UI, o fyne.CanvasObject) {
	walkVisible(o, nil, func(o fyne.CanvasObject) {
		if t, ok := o.(*widget.Table); ok {
			onUI(u, func() { t.Select(widget.TableCellID{Row: 0, Col: 0}) })
		}
	})
}

// appTabs is the screen's tabs, if it has them.
func appTabs(o fyne.CanvasObject) *container.AppTabs {
	tabs, _ := o.(*container.AppTabs)
	return tabs
}

// The checker itself finds the English it is for, and passes the words a
// Chinese office reads.
func TestEnglishWords(t *testing.T) {
	for text, want := range map[string]string{
		"(Select one)":               "Select one",
		"December 2026":              "December",
		"Home":                       "Home",
		"导出Excel":                    "",
		"合同 YX2024-076，2024Q1":       "",
		"已导出 /tmp/TestX/001/报告.xlsx": "",
		"支持 .xlsx、.xls 和 WPS 保存的 CSV": "",
		"English": "",
		"a":       "",
		"OK":      "OK",
		"备份文件 govbuy-2026-12-04.db 已写入 D:": "govbuy",
	} {
		if got := strings.Join(englishWords(text), " "); got != want {
			t.Errorf("englishWords(%q) = %q, want %q", text, got, want)
		}
	}
}

// Fyne's widgets that speak English or ask 是/不 are not used: each has the
// window's own (newSelect, newCalendar, confirmAct, chooseFile). The walk
// above sees what the tests open; this sees every line.
func TestNoFyneWidgetThatSpeaksEnglish(t *testing.T) {
	banned := map[string]string{
		"widget.NewSelect": "newSelect", "widget.NewCalendar": "newCalendar", "widget.NewDateEntry": "newDateField",
		"dialog.NewConfirm": "confirmAct", "dialog.ShowConfirm": "confirmAct",
		"dialog.NewFileOpen": "chooseFile", "dialog.ShowFileOpen": "chooseFile", "dialog.NewFileSave": "chooseFile",
		"dialog.ShowFileSave": "chooseFile", "dialog.NewFolderOpen": "chooseFile", "dialog.ShowFolderOpen": "chooseFile",
	}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "select.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok {
				if use, bad := banned[pkg.Name+"."+sel.Sel.Name]; bad {
					t.Errorf("%s: %s.%s; use %s", fset.Position(sel.Pos()), pkg.Name, sel.Sel.Name, use)
				}
			}
			return true
		})
	}
}
