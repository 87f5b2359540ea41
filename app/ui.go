// Package app is the window of 政府购买服务管理: a navigation list of screens
// (one file each) over the store's services, a status bar, and the offer to
// load the demo district into an empty database. Every store call runs off
// the UI goroutine and its result is applied with fyne.Do.
package app

import (
	"context"
	"errors"

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
	reportSource
	govbuy.ImportService
	govbuy.MappingPresets
	settingsStore
	standardsStore
	ContractPrice(ctx context.Context, c *govbuy.Contract) (*govbuy.Price, error)
	RequirementGaps(ctx context.Context, c *govbuy.Contract) (missing []string, reason string, err error)
	// District names the district the database belongs to.
	District(ctx context.Context) (string, error)
}

// UI is the main window and its screens.
type UI struct {
	// OnLoadDemo, when set, loads the demo district, replacing all data
	// when replace is set (the store lets only an administrator, once roles
	// are on). While the database holds no contract, the window offers to
	// load it at start; 设置 offers to replace the data with it, confirmed
	// by typing the district's name. It runs off the UI goroutine.
	OnLoadDemo func(replace bool) error
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
	district *widget.Label
	counts   *widget.Label
	offered  bool // the demo was offered once; never nag again
}

// shell is what every screen gets from the window around it.
type shell struct {
	ctx     context.Context
	win     fyne.Window
	tasks   *tasks
	changed func() // after a write: refresh the counts and the other lists
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
}

// New builds the window over svc, using fa's driver and applying the
// bundled-font theme to fa. Changes are recorded in the audit log as made by
// the actor in ctx (govbuy.WithActor). Nothing is loaded until Start.
func New(ctx context.Context, fa fyne.App, svc Services) *UI {
	loadTranslations()
	fa.Settings().SetTheme(newTheme())
	w := fa.NewWindow(lang.L("Government Purchase of Services"))
	w.Resize(fyne.NewSize(1280, 800))
	u := &UI{fa: fa, svc: svc, current: -1}
	u.sh = &shell{ctx: ctx, win: w, tasks: &tasks{}, changed: u.dataChanged}
	u.screens = []navItem{
		{title: lang.L("Units"), icon: theme.HomeIcon(), screen: newUnitsScreen(u.sh, svc), stale: true},
		{title: lang.L("Contractors"), icon: theme.AccountIcon(), screen: newContractorsScreen(u.sh, svc), stale: true},
		{title: lang.L("Contracts"), icon: theme.DocumentIcon(), screen: newContractsScreen(u.sh, svc), stale: true},
		{title: lang.L("Assessments"), icon: theme.ListIcon(), screen: newAssessmentsScreen(u.sh, svc), stale: true},
		{title: lang.L("Payments"), icon: theme.ConfirmIcon(), screen: newPaymentsScreen(u.sh, svc, func() printFunc { return u.OnPrintPaymentForm }), stale: true},
		{title: lang.L("Import"), icon: theme.UploadIcon(), screen: newImportScreen(u.sh, svc), stale: true},
		{title: lang.L("Reports"), icon: theme.DocumentPrintIcon(), screen: newReportScreen(u.sh, svc), stale: true},
		{title: lang.L("Standards"), icon: theme.GridIcon(), screen: newStandardsScreen(u.sh, svc), stale: true},
		{title: lang.L("Settings"), icon: theme.SettingsIcon(), screen: newSettingsScreen(u.sh, svc, u.confirmDemoReplace), stale: true},
	}
	w.SetContent(u.layout())
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.sh.win }

// Start shows the window and loads the first screen and the status bar.
func (u *UI) Start() {
	u.sh.tasks.settled = u.OnFirstLoad
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

// dataChanged follows a write on the current screen: the others reload when
// next shown (a renamed unit shows in the contract list too).
func (u *UI) dataChanged() {
	for i := range u.screens {
		u.screens[i].stale = i != u.current
	}
	u.refreshStatus()
}

// refreshStatus loads the district name and the record counts, and offers
// the demo district once if there is no contract yet.
func (u *UI) refreshStatus() {
	ctx := u.sh.ctx
	u.sh.tasks.run(func() func() {
		district, err := u.svc.District(ctx)
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
			if district == "" {
				district = lang.L("District not set")
			}
			u.district.SetText(district)
			u.counts.SetText(lang.L("Units {{.Units}} · Contractors {{.Contractors}} · Contracts {{.Contracts}}", map[string]any{
				"Units": groupDigits(units), "Contractors": groupDigits(contractors), "Contracts": groupDigits(contracts),
			}))
			if contracts == 0 && !u.offered && u.OnLoadDemo != nil {
				u.offered = true
				u.offerDemo()
			}
		}
	})
}

// offerDemo asks whether to load the demo district into the empty database.
func (u *UI) offerDemo() {
	d := dialog.NewConfirm(lang.L("Empty database"), lang.L("The database is empty. Load the demo district?"),
		func(ok bool) {
			if ok {
				u.loadDemo(false)
			}
		}, u.sh.win)
	d.SetConfirmText(lang.L("Load demo data"))
	d.SetDismissText(lang.L("Not now"))
	d.Show()
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
