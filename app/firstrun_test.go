package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// firstRunUI opens the window as govbuy does, on a database setup fills.
func firstRunUI(t *testing.T, setup func(*UI, *store.DB)) (*UI, *store.DB) {
	t.Helper()
	return newTestUI(t, func(u *UI, db *store.DB) {
		u.FirstRun = true
		u.OnLoadDemo = func(replace bool) error { return db.LoadDataset(context.Background(), assets.Demo(), replace) }
		if setup != nil {
			setup(u, db)
		}
	})
}

// fillDistrict types a profile into the form as a person would.
func fillDistrict(u *UI, f *districtForm, name, year string) {
	onUI(u, func() {
		f.name.SetText(name)
		f.year.SetText(year)
	})
}

func profileOf(t *testing.T, db *store.DB) govbuy.DistrictProfile {
	t.Helper()
	p, err := db.DistrictProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// An empty database opens on the first-run page; each choice keeps the
// district's profile and does what it says.
func TestFirstRunChoices(t *testing.T) {
	for _, tt := range []struct {
		choice string
		check  func(t *testing.T, u *UI)
	}{
		{"从空白开始", func(t *testing.T, u *UI) {
			if _, ok := u.screens[u.current].screen.(*unitsScreen); !ok {
				t.Errorf("starting empty shows screen %d", u.current)
			}
		}},
		{"导入旧台账", func(t *testing.T, u *UI) {
			if _, ok := u.screens[u.current].screen.(*importScreen); !ok {
				t.Errorf("importing shows screen %d, not 导入", u.current)
			}
		}},
	} {
		t.Run(tt.choice, func(t *testing.T) {
			u, db := firstRunUI(t, nil)
			if u.first == nil || !hasText(u.root, "然后选择如何开始：") {
				t.Fatalf("no first-run page: %q", texts(u.root))
			}
			fillDistrict(u, u.first.form, "山南区", "2025")
			if got := u.first.form.bureau.Text; got != "山南区财政局" {
				t.Errorf("bureau filled in as %q", got)
			}
			test.Tap(button(t, u.root, tt.choice))
			waitIdle(t, u)
			want := govbuy.DistrictProfile{Name: "山南区", Bureau: "山南区财政局", FirstYear: 2025}
			if got := profileOf(t, db); got != want {
				t.Errorf("profile %+v, want %+v", got, want)
			}
			if u.root.Objects[0] != u.main {
				t.Error("the screens did not come back")
			}
			if got := u.Window().Title(); got != "政府购买服务管理 — 山南区" {
				t.Errorf("title %q", got)
			}
			if got := u.district.Text; got != "山南区财政局" {
				t.Errorf("status bar names %q", got)
			}
			tt.check(t, u)
		})
	}
}

// A bureau written by hand is kept when the district's name changes, and
// a bad profile is refused with each field named, the page left open.
func TestFirstRunRefusesABadProfile(t *testing.T) {
	u, db := firstRunUI(t, nil)
	f := u.first.form
	onUI(u, func() { f.bureau.SetText("山南区财政局（国资办）") })
	fillDistrict(u, f, "", "1999")
	if f.bureau.Text != "山南区财政局（国资办）" {
		t.Errorf("a bureau of the person's own became %q", f.bureau.Text)
	}
	test.Tap(button(t, u.root, "从空白开始"))
	waitIdle(t, u)
	for _, want := range []string{"区县名称：不能为空", "首个预算年度：应为2000至2100之间的年份"} {
		if !hasText(f.problems, want) {
			t.Errorf("problems %q lack %q", f.problems.Text, want)
		}
	}
	if p := profileOf(t, db); p != (govbuy.DistrictProfile{}) {
		t.Errorf("a refused profile was kept: %+v", p)
	}
	if u.root.Objects[0] == u.main {
		t.Error("the page closed on a refused profile")
	}
}

// The demo needs no profile: it brings its own district.
func TestFirstRunLoadsTheDemo(t *testing.T) {
	u, db := firstRunUI(t, nil)
	test.Tap(button(t, u.root, "载入示例区县"))
	waitIdle(t, u)
	if _, n, err := db.FindContracts(context.Background(), govbuy.ContractFilter{Limit: 1}); err != nil || n == 0 {
		t.Fatalf("demo not loaded: %d contracts, %v", n, err)
	}
	if got := u.Window().Title(); got != "政府购买服务管理 — "+assets.DemoDistrict {
		t.Errorf("title %q", got)
	}
	if u.root.Objects[0] != u.main || screenOf[*workbenchScreen](t, u).model == nil || screenOf[*workbenchScreen](t, u).model.Glance.Contracts != 75 {
		t.Error("the screens did not come back with the demo's workbench")
	}
}

// A database with records but no district is asked for one, once.
func TestRecordsWithoutDistrictAskForIt(t *testing.T) {
	u, db := firstRunUI(t, func(_ *UI, db *store.DB) { mustCreate(t, db) })
	dlg := overlay(t, u)
	if !hasText(dlg, "报表标题须写明区县，请填写本区信息。") {
		t.Fatalf("no question for the district: %q", texts(dlg))
	}
	onUI(u, func() { findEntry(t, dlg).SetText("山南区") })
	test.Tap(button(t, dlg, "保存"))
	waitIdle(t, u)
	if p := profileOf(t, db); p.Name != "山南区" || p.Bureau != "山南区财政局" {
		t.Errorf("profile %+v", p)
	}
	if u.root.Objects[0] != u.main {
		t.Error("a database with records opened on the first-run page")
	}
}

// 设置 → 本区信息 changes the profile, and the report model and the title
// follow it.
func TestSettingsChangeTheDistrict(t *testing.T) {
	u, db := demoUI(t)
	s := settingsOf(t, u)
	f := s.district
	if f.name.Text != assets.DemoDistrict || f.bureau.Text != "云溪区财政局" {
		t.Fatalf("settings show %q %q", f.name.Text, f.bureau.Text)
	}
	fillDistrict(u, f, "云溪新区", "2024")
	test.Tap(button(t, s.view(), "保存"))
	waitIdle(t, u)
	r, err := db.Report(context.Background(), 2024)
	if err != nil || r.District != "云溪新区" {
		t.Errorf("report district %q, %v", r.District, err)
	}
	if got := u.Window().Title(); got != "政府购买服务管理 — 云溪新区" {
		t.Errorf("title %q", got)
	}
	if got := profileOf(t, db).Bureau; got != "云溪新区财政局" {
		t.Errorf("bureau %q", got)
	}
}

// The window's language is the person's preference, applied at the next
// start.
func TestSettingsKeepTheWindowsLanguage(t *testing.T) {
	u, _ := newTestUI(t, nil)
	s := settingsOf(t, u)
	var language *widget.Select
	walk(s.view(), func(o fyne.CanvasObject) {
		if sel, ok := o.(*widget.Select); ok && len(sel.Options) == 2 && sel.Options[1] == "English" {
			language = sel
		}
	})
	if language == nil || language.Selected != "中文" {
		t.Fatalf("no language choice showing 中文: %+v", language)
	}
	onUI(u, func() { language.SetSelected("English") })
	if got := languageOf(u.sh.prefs); got != english {
		t.Errorf("preference gives %+v", got)
	}
	if !hasText(s.view(), "下次启动时改用所选语言。") {
		t.Error("no word that the change waits for the next start")
	}
}

// settingsOf shows 设置 on its 本区信息 tab and returns it.
func settingsOf(t *testing.T, u *UI) *settingsScreen {
	t.Helper()
	s := showScreen[*settingsScreen](t, u)
	tabs := s.content.(*container.AppTabs)
	onUI(u, func() { tabs.SelectIndex(len(tabs.Items) - 1) })
	return s
}
