// Package app is the window of 政府购买服务管理: a navigation list of screens
// (one file each) over the store's services, a status bar, and the offer to
// load the demo district into an empty database. Every store call runs off
// the UI goroutine and its result is applied with fyne.Do.
package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// Services is what the window needs from the store. Each screen depends on
// the narrowest part of it.
type Services interface {
	govbuy.UnitService
	govbuy.ContractorService
	govbuy.CatalogService
	govbuy.ContractService
	govbuy.AssessmentService
	govbuy.InspectionService
	govbuy.PaymentService
	govbuy.SettlementService
	govbuy.WorkbenchService
	reportSource
	govbuy.ImportService
	govbuy.MappingPresets
	settingsStore
	standardsStore
	govbuy.FeeStandardService
	govbuy.RequirementService
	govbuy.DistrictService
	govbuy.TreasuryService
	govbuy.SupplementService
	noticeSource
}

// UI is the main window and its screens.
type UI struct {
	// OnLoadDemo, when set, loads the demo district, replacing all data
	// when replace is set (the store lets only an administrator, once roles
	// are on). While the database holds no contract, the window offers to
	// load it on the first-run page; 设置 offers to replace the data with
	// it, confirmed by typing the district's name. It runs off the UI
	// goroutine.
	OnLoadDemo func(replace bool) error
	// FirstRun, when set, opens an empty database on the first-run page
	// (the district's profile, then import, start empty or the demo), and
	// asks a database with records but no district for its profile.
	FirstRun bool
	// SystemFileDialogs, when set, opens and saves files through the
	// system's own dialogs where it has them (cmd sets it; the tests'
	// headless driver uses the window's own).
	SystemFileDialogs bool
	// OnFirstLoad, when set, is called once, off the UI goroutine, when the
	// first screen and the status bar have shown their data: the window is
	// usable. make bench times start-up with it.
	OnFirstLoad func()
	// OnPrintPaymentForm writes the payment approval form asked for into a
	// PDF file and returns its path; the 支付 screen hands it to the system
	// to print. It runs off the UI goroutine. Without it the 支付 screen
	// offers no printing.
	OnPrintPaymentForm func(FormRequest) (string, error)

	fa       fyne.App
	sh       *shell
	svc      Services
	nav      *widget.List
	screens  []navItem
	current  int
	stack    *fyne.Container
	root     *fyne.Container // the screens, or the first-run page in their place
	main     fyne.CanvasObject
	first    *firstRun
	district *widget.Label
	counts   *widget.Label
	offered  bool // the first-run page or the district was offered once; never nag again
}

// shell is what every screen gets from the window around it.
type shell struct {
	ctx   context.Context
	win   fyne.Window
	prefs fyne.Preferences // the person's own, kept on this PC: the window's language
	// systemDialogs: files are chosen in the system's own dialogs.
	systemDialogs bool
	tasks         *tasks
	changed       func() // after a write: refresh the counts and the other lists
}

// screen is one page of the navigation.
type screen interface {
	view() fyne.CanvasObject
	reload()
}

type navItem struct {
	title  string
	icon   fyne.Resource
	screen screen
	stale  bool // must reload when next shown
	// live: a list reloaded in place when others change the data; the
	// other screens hold what the officer is typing and wait until shown.
	live bool
}

// New builds the window over svc, using fa's driver and applying the
// bundled-font theme to fa. Changes are recorded in the audit log as made by
// the actor in ctx (govbuy.WithActor). Nothing is loaded until Start.
func New(ctx context.Context, fa fyne.App, svc Services) *UI {
	loadTranslations(languageOf(fa.Preferences()))
	fa.Settings().SetTheme(newTheme())
	w := fa.NewWindow(lang.L("Government Purchase of Services"))
	restoreSize(w, fa.Preferences())
	u := &UI{fa: fa, svc: svc, current: -1}
	u.sh = &shell{ctx: ctx, win: w, prefs: fa.Preferences(), tasks: &tasks{}, changed: u.dataChanged}
	units, contractors, contracts := newUnitsScreen(u.sh, svc), newContractorsScreen(u.sh, svc), newContractsScreen(u.sh, svc)
	assessments := newAssessmentsScreen(u.sh, svc)
	payments := newPaymentsScreen(u.sh, svc, func() printFunc { return u.OnPrintPaymentForm })
	imports := newImportScreen(u.sh, svc)
	u.screens = []navItem{
		{title: lang.L("Workbench"), icon: theme.CalendarIcon(), screen: newWorkbenchScreen(u.sh, svc,
			u.workbenchLinks(units, contractors, contracts, assessments, payments, imports)), stale: true, live: true},
		{title: lang.L("Units"), icon: theme.HomeIcon(), screen: units, stale: true, live: true},
		{title: lang.L("Contractors"), icon: theme.AccountIcon(), screen: contractors, stale: true, live: true},
		{title: lang.L("Contracts"), icon: theme.DocumentIcon(), screen: contracts, stale: true, live: true},
		{title: lang.L("Assessments"), icon: theme.ListIcon(), screen: assessments, stale: true, live: true},
		{title: lang.L("Payments"), icon: theme.ConfirmIcon(), screen: payments, stale: true, live: true},
		{title: lang.L("Import"), icon: theme.UploadIcon(), screen: imports, stale: true},
		{title: lang.L("Treasury reconciliation"), icon: theme.SearchIcon(), screen: newReconcileScreen(u.sh, svc), stale: true},
		{title: lang.L("Reports"), icon: theme.DocumentPrintIcon(), screen: newReportScreen(u.sh, svc), stale: true},
		{title: lang.L("Standards"), icon: theme.GridIcon(), screen: newStandardsScreen(u.sh, svc), stale: true},
		{title: lang.L("Settings"), icon: theme.SettingsIcon(), screen: newSettingsScreen(u.sh, svc, u.confirmDemoReplace), stale: true},
	}
	u.main = u.layout()
	u.root = container.NewStack(u.main)
	w.SetContent(u.root)
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.sh.win }

// Start shows the window and loads the first screen and the status bar.
func (u *UI) Start() {
	u.sh.tasks.settled = u.OnFirstLoad
	u.sh.systemDialogs = u.SystemFileDialogs
	u.sh.win.Show()
	u.nav.Select(0)
	u.refreshStatus()
}

// ShowAndRun starts the window and runs the application until it quits.
func (u *UI) ShowAndRun() {
	u.Start()
	u.fa.Run()
}

func (u *UI) layout() fyne.CanvasObject {
	u.nav = widget.NewList(
		func() int { return len(u.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(nil), widget.NewLabel("00000000"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(u.screens[i].icon)
			row.Objects[1].(*widget.Label).SetText(u.screens[i].title)
		})
	u.nav.OnSelected = u.show
	u.stack = container.NewStack()
	for _, s := range u.screens {
		v := s.screen.view()
		v.Hide()
		u.stack.Add(v)
	}
	u.district = widget.NewLabel("")
	u.district.TextStyle.Bold = true
	u.counts = widget.NewLabel("")
	status := container.NewBorder(widget.NewSeparator(), nil, u.district, u.counts)
	split := container.NewHSplit(u.nav, u.stack)
	split.Offset = 0.12
	return container.NewBorder(nil, status, nil, nil, split)
}

// showFirstRun puts the first-run page in place of the screens.
func (u *UI) showFirstRun() {
	u.first = newFirstRun(u)
	u.root.Objects = []fyne.CanvasObject{u.first.content}
	u.root.Refresh()
}

// showMain brings the screens back.
func (u *UI) showMain() {
	u.root.Objects = []fyne.CanvasObject{u.main}
	u.root.Refresh()
}

// showImport brings the screens back on 导入.
func (u *UI) showImport() {
	u.showMainOn(func(s screen) bool { _, ok := s.(*importScreen); return ok })
}

// showUnits brings the screens back on 单位, where entering by hand begins.
func (u *UI) showUnits() { u.showMainOn(func(s screen) bool { _, ok := s.(*unitsScreen); return ok }) }

// showMainOn brings the screens back on the one is picks.
func (u *UI) showMainOn(is func(screen) bool) {
	u.showMain()
	for i, it := range u.screens {
		if is(it.screen) {
			u.nav.Select(i)
			return
		}
	}
}

// show brings screen i forward, loading it on its first showing and after
// another screen changed data it lists.
func (u *UI) show(i int) {
	for j, o := range u.stack.Objects {
		if j == i {
			o.Show()
		} else {
			o.Hide()
		}
	}
	u.current = i
	if it := &u.screens[i]; it.stale {
		it.stale = false
		it.screen.reload()
	}
}

// FollowChanges keeps the window up to date with what others commit: other
// officers to a shared server database, another program to the file
// (changes signals it; nil follows nothing):
// the list on screen reloads in place with its search, filters and sort,
// the status bar is refreshed, and the other screens reload when next
// shown. Open forms, and what is typed into them, are left alone: a save
// over someone else's newer change is refused by the store instead. Signals
// are taken at most once a second, so another officer's import reloads the
// list once, not once per table.
func (u *UI) FollowChanges(changes <-chan struct{}) {
	if changes == nil {
		return
	}
	go func() {
		for range changes {
			fyne.Do(u.othersChanged)
			time.Sleep(time.Second)
		}
	}()
}

func (u *UI) othersChanged() {
	for i := range u.screens {
		u.screens[i].stale = true
	}
	if it := &u.screens[u.current]; it.live {
		it.stale = false
		it.screen.reload()
	}
	u.refreshStatus()
}

// dataChanged follows a write on the current screen: the others reload when
// next shown (a renamed unit shows in the contract list too).
func (u *UI) dataChanged() {
	for i := range u.screens {
		u.screens[i].stale = i != u.current
	}
	u.refreshStatus()
}

// refreshStatus loads the district and the record counts into the title
// and the status bar, and once opens the first-run page on an empty
// database, or asks a database with records for its missing district.
func (u *UI) refreshStatus() {
	ctx := u.sh.ctx
	u.sh.tasks.run(func() func() {
		district, err := u.svc.DistrictProfile(ctx)
		var units, contractors, contracts int
		if err == nil {
			_, units, err = u.svc.FindUnits(ctx, govbuy.UnitFilter{Limit: 1})
		}
		if err == nil {
			_, contractors, err = u.svc.FindContractors(ctx, govbuy.ContractorFilter{Limit: 1})
		}
		if err == nil {
			_, contracts, err = u.svc.FindContracts(ctx, govbuy.ContractFilter{Limit: 1})
		}
		return func() {
			if err != nil {
				u.counts.SetText(lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)}))
				return
			}
			u.sh.win.SetTitle(districtTitle(district))
			u.district.SetText(districtStatus(district))
			u.counts.SetText(lang.L("Units {{.Units}} · Contractors {{.Contractors}} · Contracts {{.Contracts}}", map[string]any{
				"Units": groupDigits(units), "Contractors": groupDigits(contractors), "Contracts": groupDigits(contracts),
			}))
			if district.Name == "" && u.FirstRun && !u.offered {
				u.offered = true
				if contracts == 0 {
					u.showFirstRun()
				} else {
					u.askDistrict()
				}
			}
		}
	})
}

// confirmDemoReplace asks the person to type the district's name before
// the demo district replaces all data: one click must not wipe a
// district's records. The store still decides who may.
func (u *UI) confirmDemoReplace() {
	if u.OnLoadDemo == nil {
		return
	}
	ctx := u.sh.ctx
	u.sh.tasks.run(func() func() {
		district, err := u.svc.District(ctx)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), u.sh.win)
				return
			}
			word := replaceWord(district)
			typed := widget.NewEntry()
			typed.Validator = func(s string) error {
				if govbuy.CleanText(s) != word {
					return errors.New(lang.L("Type {{.Word}} exactly", map[string]any{"Word": word}))
				}
				return nil
			}
			items := []*widget.FormItem{widget.NewFormItem(lang.L("Type {{.Word}} to confirm", map[string]any{"Word": word}), typed)}
			items[0].HintText = lang.L("Every unit, contractor, contract, assessment and payment will be deleted and replaced by the demo district.")
			dialog.ShowForm(lang.L("Replace all data with the demo district"), lang.L("Replace"), lang.L("Cancel"), items, func(ok bool) {
				if ok {
					u.loadDemo(true)
				}
			}, u.sh.win)
		}
	})
}

// replaceWord is what the person types to confirm replacing the data: the
// district's name, or 全部数据 before one is set.
func replaceWord(district string) string {
	if district == "" {
		return lang.L("all data")
	}
	return district
}

func (u *UI) loadDemo(replace bool) {
	wait := dialog.NewCustomWithoutButtons(lang.L("Loading the demo district…"), widget.NewProgressBarInfinite(), u.sh.win)
	wait.Show()
	u.sh.tasks.run(func() func() {
		err := u.OnLoadDemo(replace)
		return func() {
			wait.Hide()
			if err != nil {
				dialog.ShowInformation(lang.L("Demo district not loaded"), errorText(err), u.sh.win)
				return
			}
			u.dataChanged()
			u.screens[u.current].screen.reload()
		}
	})
}
