package app

import (
	"errors"
	"image/color"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// workbenchLimit is how many items of each list the screen holds: a
// table scrolls through them, and the rest of a long list is counted and
// shown on asking, so 100,000 unpaid periods never make 100,000 rows.
const workbenchLimit = 200

// workbenchLinks open the screens that settle the workbench's items, and
// the first steps of an empty database. The window sets them.
type workbenchLinks struct {
	assess     func(c choice, period string)
	pay        func(c choice, period string)
	contract   func(id int64, edit bool) // its details (hints) or its editor
	contractor func(id int64)
	addUnit    func()
	importer   func()
	// demo returns how to load the demo district, nil when the window
	// cannot.
	demo func() func()
}

// workbenchScreen (工作台) is the first screen: the year at a glance above
// a tab for each list of what is due, titled with its count, each item one
// tap from the screen that settles it. Tabs give every list the height the
// window has left, one scrolling table each, with no page scrolling around
// them to catch the mouse wheel.
type workbenchScreen struct {
	sh    *shell
	svc   govbuy.WorkbenchService
	links workbenchLinks
	limit int // items held of each list: workbenchLimit

	year     *widget.Select
	choosing bool // the screen sets the year itself: no reload
	// chosen: the officer chose the year; until then the screen follows
	// the store's pick, which moves to the latest year as data arrives.
	chosen   bool
	closed   *widget.Label
	status   *widget.Label
	figures  []*widget.Label // contracts, amount, payable, paid, share
	chart    *fyne.Container
	body     fyne.CanvasObject // the glance and the lists, hidden while the database is empty
	empty    fyne.CanvasObject // the first steps of an empty database
	demoB    *widget.Button
	tabs     *container.AppTabs
	groups   map[govbuy.DueKind]*dueGroup
	blocking *dueGroup // what blocks closing the year
	content  fyne.CanvasObject

	model *govbuy.Workbench
}

func newWorkbenchScreen(sh *shell, svc govbuy.WorkbenchService, links workbenchLinks) *workbenchScreen {
	s := &workbenchScreen{sh: sh, svc: svc, links: links, limit: workbenchLimit, groups: map[govbuy.DueKind]*dueGroup{}}
	s.year = newSelect(nil, func(string) {
		if !s.choosing {
			s.chosen = true
			s.reload()
		}
	})
	s.closed = widget.NewLabel(lang.L("(closed)"))
	s.closed.Importance = widget.WarningImportance
	s.closed.Hide()
	s.status = widget.NewLabel(lang.L("Loading…"))
	top := container.NewHBox(widget.NewLabel(lang.L("Year")), s.year, s.closed, s.status)

	s.chart = container.NewGridWithColumns(12)
	s.tabs = container.NewAppTabs()
	for _, g := range s.dueGroups() {
		s.tabs.Append(g.tab)
	}
	s.blocking = s.newGroup(lang.L("Before closing the year"), "", "", blockerColumns(s.kindTitle),
		func(w *govbuy.Workbench) *govbuy.DueList { return w.Blockers.All() })
	s.tabs.Append(s.blocking.tab)
	s.body = container.NewBorder(s.glance(), nil, nil, nil, s.tabs)
	s.empty = s.firstSteps()
	s.empty.Hide()
	s.content = container.NewBorder(top, nil, nil, nil, container.NewStack(s.body, container.NewVScroll(s.empty)))
	return s
}

// dueGroups builds the lists of what is due, in the order of their tabs.
func (s *workbenchScreen) dueGroups() []*dueGroup {
	specs := []struct {
		kind                govbuy.DueKind
		title, about, empty string
		cols                []column[govbuy.DueItem]
	}{
		{govbuy.DueAssess, lang.L("To assess"),
			lang.L("Periods that have ended without a score, the longest first. Tap one to enter its assessment."),
			lang.L("No period that has ended is waiting for its assessment."), assessColumns()},
		{govbuy.DuePay, lang.L("To pay"),
			lang.L("Periods whose payable is settled and not fully paid. Tap one to record its payment."),
			lang.L("Everything payable so far is paid."), payColumns()},
		{govbuy.DueApprove, lang.L("To approve"),
			lang.L("Payments above the approval amount waiting for a reviewer. Tap one to approve it on the payments screen."),
			lang.L("No payment is waiting for approval."), approvalColumns()},
		{govbuy.DueContractEnd, lang.L("Contracts ending"),
			lang.L("Contracts in progress that end within 60 days. Tap one to open the contract."),
			lang.L("No contract in progress ends within 60 days."), endingColumns()},
		{govbuy.DueQualification, lang.L("Qualifications running out"),
			lang.L("Qualifications that expire within 60 days, and those expired while a contract of theirs runs. Tap one to open the contractor."),
			lang.L("No contractor's qualification expires within 60 days."), qualificationColumns()},
		{govbuy.DueHint, lang.L("Compliance hints"),
			lang.L("Compliance hints nobody has acknowledged. Tap one to open the contract, where a hint is checked and acknowledged."),
			lang.L("Every compliance hint has been acknowledged."), hintColumns()},
		{govbuy.DuePending, lang.L("To complete"),
			lang.L("Records imported from ledgers that lacked some fields. Tap one to open its form and fill them in."),
			lang.L("No imported record is waiting to be completed."), pendingColumns()},
	}
	out := make([]*dueGroup, len(specs))
	for i, sp := range specs {
		g := s.newGroup(sp.title, sp.about, sp.empty, sp.cols, func(w *govbuy.Workbench) *govbuy.DueList { return w.Due[sp.kind] })
		s.groups[sp.kind] = g
		out[i] = g
	}
	return out
}

// kindTitle names an item's kind as its tab does.
func (s *workbenchScreen) kindTitle(k govbuy.DueKind) string { return s.groups[k].title }

// glance lays out the year's figures above the chart of payments by month.
func (s *workbenchScreen) glance() fyne.CanvasObject {
	captions := []string{lang.L("Contracts of the year"), lang.L("Contract amount (yuan)"), lang.L("Payable (yuan)"),
		lang.L("Paid (yuan)"), lang.L("Share of the payable paid")}
	cells := make([]fyne.CanvasObject, len(captions))
	for i, c := range captions {
		caption := widget.NewLabel(c)
		caption.Alignment = fyne.TextAlignCenter
		value := widget.NewLabel("")
		value.Alignment = fyne.TextAlignCenter
		value.TextStyle.Bold = true
		s.figures = append(s.figures, value)
		cells[i] = container.NewVBox(caption, value)
	}
	return container.NewVBox(container.NewGridWithColumns(len(cells), cells...),
		widget.NewLabel(lang.L("Paid by month (ten-thousand yuan)")), s.chart)
}

// firstSteps is what an empty database's workbench offers: the demo
// district, an import of the old ledgers, or a first unit.
func (s *workbenchScreen) firstSteps() fyne.CanvasObject {
	s.demoB = widget.NewButtonWithIcon(lang.L("Load the demo district"), theme.DownloadIcon(), func() {
		if load := s.links.demo(); load != nil {
			load()
		}
	})
	s.demoB.Importance = widget.HighImportance
	importB := widget.NewButtonWithIcon(lang.L("Import ledgers"), theme.UploadIcon(), s.links.importer)
	unitB := widget.NewButtonWithIcon(lang.L("Add a unit"), theme.ContentAddIcon(), s.links.addUnit)
	return container.NewVBox(
		heading(lang.L("Nothing is recorded yet")),
		wrappedLabel(lang.L("Start with one of these: load the demo district to look around, import the ledgers you kept in Excel or WPS, or add the first purchasing unit and enter its contracts.")),
		container.NewHBox(s.demoB, importB, unitB))
}

func (s *workbenchScreen) view() fyne.CanvasObject { return s.content }

// reload reads the workbench of the year the officer chose, else of the
// year the store picks (the latest with contracts).
func (s *workbenchScreen) reload() {
	year := 0
	if s.chosen {
		year, _ = strconv.Atoi(s.year.Selected)
	}
	ctx, limit := s.sh.ctx, s.limit
	s.sh.tasks.run(func() func() {
		w, err := s.svc.Workbench(ctx, year, limit)
		return func() {
			if err != nil {
				s.status.SetText(lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)}))
				s.status.Importance = widget.DangerImportance
				s.status.Refresh()
				return
			}
			s.show(w)
		}
	})
}

// show lays out a loaded workbench. The first time, the first list with
// something due comes forward.
func (s *workbenchScreen) show(w *govbuy.Workbench) {
	first := s.model == nil
	s.model = w
	s.status.SetText("")
	s.chooseYear(w)
	showIf(s.empty, len(w.Years) == 0)
	showIf(s.body, len(w.Years) > 0)
	showIf(s.demoB, s.links.demo() != nil)
	s.showGlance(w.Glance)
	for kind, g := range s.groups {
		g.show(w.Due[kind])
	}
	s.blocking.about.SetText(w.Blockers.Summary())
	s.blocking.show(w.Blockers.All())
	s.tabs.Refresh()
	if first {
		for _, k := range govbuy.DueKinds {
			if w.Due[k].Total > 0 {
				s.tabs.Select(s.groups[k].tab)
				break
			}
		}
	}
}

// chooseYear offers the years with contracts and this year, and shows the
// workbench's year as chosen.
func (s *workbenchScreen) chooseYear(w *govbuy.Workbench) {
	years := slices.Clone(w.Years)
	if !slices.Contains(years, w.Today.Year()) {
		years = append(years, w.Today.Year())
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	options := make([]string, len(years))
	for i, y := range years {
		options[i] = strconv.Itoa(y)
	}
	s.choosing = true
	s.year.SetOptions(options)
	s.year.SetSelected(strconv.Itoa(w.Glance.Year))
	s.choosing = false
	showIf(s.closed, w.Glance.Closed)
}

func (s *workbenchScreen) showGlance(g govbuy.YearGlance) {
	share := "—"
	if r, ok := g.SharePaid(); ok {
		share = r.String()
	}
	values := []string{groupDigits(g.Contracts), g.ContractAmount.String(), g.Payable.String(), g.Paid.String(), share}
	for i, v := range values {
		s.figures[i].SetText(v)
	}
	s.drawChart(g.PaidByMonth)
}

// chartHeight is the height of the tallest month's bar.
const chartHeight = 90

// drawChart draws the payments of each month as a bar scaled to the
// largest month, with the figure in 万元 above and the month below; the
// bars are canvas rectangles, as the report screen's chart.
func (s *workbenchScreen) drawChart(months [12]govbuy.Money) {
	top := slices.Max(months[:])
	s.chart.RemoveAll()
	for i, m := range months {
		h := float32(0)
		if top > 0 {
			h = float32(int64(m)*chartHeight/int64(top)) + 1
		}
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(28, h))
		room := canvas.NewRectangle(color.Transparent)
		room.SetMinSize(fyne.NewSize(0, chartHeight+1))
		column := container.NewStack(room, container.NewVBox(layout.NewSpacer(), container.NewCenter(bar)))
		figure := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		if m != 0 {
			figure.Text = m.Wan() // a month without payments is its flat bar
		}
		figure.TextSize = theme.CaptionTextSize()
		figure.Alignment = fyne.TextAlignCenter
		month := widget.NewLabel(lang.L("Month {{.Month}}", map[string]any{"Month": i + 1}))
		month.Alignment = fyne.TextAlignCenter
		s.chart.Add(container.NewBorder(figure, month, nil, nil, column))
	}
	s.chart.Refresh()
}

// openItem goes to the screen that settles an item.
func (s *workbenchScreen) openItem(it govbuy.DueItem) {
	c := contractChoice(it.ContractID, it.ContractNumber, it.ContractTitle)
	switch it.Kind {
	case govbuy.DueAssess:
		s.links.assess(c, it.Period)
	case govbuy.DuePay, govbuy.DueApprove:
		s.links.pay(c, it.Period)
	case govbuy.DueContractEnd:
		s.links.contract(it.ContractID, true)
	case govbuy.DueQualification:
		s.links.contractor(it.ContractorID)
	case govbuy.DueHint:
		s.links.contract(it.ContractID, false)
	case govbuy.DuePending:
		if it.ContractID == 0 {
			s.links.contractor(it.ContractorID)
		} else {
			s.links.contract(it.ContractID, true)
		}
	}
}

// dueGroup is one list of the workbench, in a tab titled with its count:
// what the list holds, or a sentence when nothing is due; a table of the
// items it holds; and the way to the whole list when it holds only the
// first.
type dueGroup struct {
	sh    *shell
	svc   govbuy.WorkbenchService
	title string
	tab   *container.TabItem
	about *widget.Label
	none  *widget.Label
	items []govbuy.DueItem
	// totals is the 合计 of the whole list, not only of the items shown.
	totals govbuy.ListTotals
	table  *sheet[govbuy.DueItem]
	more   *widget.Label
	all    *widget.Button
	cols   []column[govbuy.DueItem]
	open   func(govbuy.DueItem)
	full   func(*govbuy.Workbench) *govbuy.DueList
}

// newGroup builds a list titled title, explained by about, saying empty
// when nothing is due; full picks its whole list from a workbench read
// without a limit.
func (s *workbenchScreen) newGroup(title, about, empty string, cols []column[govbuy.DueItem],
	full func(*govbuy.Workbench) *govbuy.DueList) *dueGroup {
	g := &dueGroup{sh: s.sh, svc: s.svc, title: title, cols: cols, open: s.openItem, full: full}
	g.about = wrappedLabel(about)
	g.none = widget.NewLabel(empty)
	g.none.Importance = widget.SuccessImportance
	g.table = withDueTotals(newSheet(cols, func() []govbuy.DueItem { return g.items }, g.open), func() govbuy.ListTotals { return g.totals })
	g.more = widget.NewLabel("")
	g.all = widget.NewButton(lang.L("Show all"), func() { g.showAll(s.model.Glance.Year) })
	top := container.NewVBox(g.about, g.none)
	g.tab = container.NewTabItem(title, container.NewBorder(top, container.NewHBox(g.more, g.all), nil, nil, g.table.view))
	return g
}

// show fills the group from its list.
func (g *dueGroup) show(l *govbuy.DueList) {
	g.items, g.totals = l.Items, l.Totals
	g.tab.Text = g.heading(l.Total)
	showIf(g.none, l.Total == 0 && g.none.Text != "")
	showIf(g.table.view, len(l.Items) > 0)
	g.table.refresh()
	g.table.table.ScrollToTop()
	g.more.SetText(lang.L("{{.Count}} more not listed here", map[string]any{"Count": groupDigits(l.More())}))
	showIf(g.more, l.More() > 0)
	showIf(g.all, l.More() > 0)
}

// heading is the list's title with its count.
func (g *dueGroup) heading(n int) string {
	return lang.L("{{.Title}} ({{.Count}})", map[string]any{"Title": g.title, "Count": groupDigits(n)})
}

// showAll reads the whole list in the background and shows it in a
// dialog; its table draws only the rows in view, however long the list.
func (g *dueGroup) showAll(year int) {
	ctx := g.sh.ctx
	g.all.Disable()
	g.sh.tasks.run(func() func() {
		w, err := g.svc.Workbench(ctx, year, 0)
		return func() {
			g.all.Enable()
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), g.sh.win)
				return
			}
			l := g.full(w)
			var dlg dialog.Dialog
			table := withDueTotals(newSheet(g.cols, func() []govbuy.DueItem { return l.Items }, func(it govbuy.DueItem) {
				dlg.Hide()
				g.open(it)
			}), func() govbuy.ListTotals { return l.Totals })
			dlg = dialog.NewCustom(g.heading(l.Total), lang.L("Close"), table.view, g.sh.win)
			dlg.Resize(fyne.NewSize(1100, 620))
			dlg.Show()
		}
	})
}

// withDueTotals gives a list with money columns its 合计 row; lists of
// dates and hints have none.
func withDueTotals(s *sheet[govbuy.DueItem], totals func() govbuy.ListTotals) *sheet[govbuy.DueItem] {
	if slices.ContainsFunc(s.cols, func(c dueColumn) bool { return c.total != "" }) {
		return s.withTotals(totals)
	}
	return s
}

// The columns of each list. Titles are translated when the screen is
// built.
type dueColumn = column[govbuy.DueItem]

const right = fyne.TextAlignTrailing

func dueContractColumns() []dueColumn {
	return []dueColumn{
		{title: lang.L("Contract number"), width: 130, value: func(it govbuy.DueItem) string { return it.ContractNumber }},
		{title: lang.L("Title"), width: 220, value: func(it govbuy.DueItem) string { return it.ContractTitle }},
	}
}

func periodColumn() dueColumn {
	return dueColumn{title: lang.L("Period"), width: 140, value: func(it govbuy.DueItem) string { return govbuy.PeriodLabel(it.Period) }}
}

func dateColumn(title string) dueColumn {
	return dueColumn{title: title, width: 110, value: func(it govbuy.DueItem) string { return govbuy.FormatDate(it.Date) }}
}

// moneyColumn is an amount column with its 合计 under the DueList.Totals
// key total.
func moneyColumn(title, total string, m func(govbuy.DueItem) govbuy.Money) dueColumn {
	return amountColumn(title, "", total, m)
}

func assessColumns() []dueColumn {
	return append(dueContractColumns(), periodColumn(), dateColumn(lang.L("Ended on")),
		dueColumn{title: lang.L("Days since"), width: 90, align: right, value: func(it govbuy.DueItem) string { return strconv.Itoa(it.Days) }})
}

func payColumns() []dueColumn {
	return append(dueContractColumns(), periodColumn(),
		dueColumn{title: lang.L("Score"), width: 70, align: right, value: func(it govbuy.DueItem) string {
			if it.Score == nil {
				return "—"
			}
			return it.Score.String()
		}},
		moneyColumn(lang.L("Payable (yuan)"), "payable", func(it govbuy.DueItem) govbuy.Money { return it.Payable }),
		moneyColumn(lang.L("Paid (yuan)"), "paid", func(it govbuy.DueItem) govbuy.Money { return it.Paid }),
		moneyColumn(lang.L("Outstanding (yuan)"), "outstanding", govbuy.DueItem.Outstanding))
}

func approvalColumns() []dueColumn {
	return append(dueContractColumns(), periodColumn(),
		moneyColumn(lang.L("Payment amount (yuan)"), "amount", func(it govbuy.DueItem) govbuy.Money { return it.Amount }),
		dueColumn{title: lang.L("Asked by"), width: 100, value: func(it govbuy.DueItem) string { return it.Author }},
		dateColumn(lang.L("Asked on")))
}

func endingColumns() []dueColumn {
	return append(dueContractColumns(), dateColumn(lang.L("Ends on")),
		dueColumn{title: lang.L("Days left"), width: 90, align: right, value: func(it govbuy.DueItem) string { return strconv.Itoa(-it.Days) }})
}

func qualificationColumns() []dueColumn {
	return []dueColumn{
		{title: lang.L("Contractor"), width: 240, value: func(it govbuy.DueItem) string { return it.ContractorName }},
		{title: lang.L("Qualification"), width: 240, value: func(it govbuy.DueItem) string { return it.Subject }},
		dateColumn(lang.L("Expires on")),
		{title: lang.L("Where it stands"), width: 400, value: func(it govbuy.DueItem) string { return it.Label() }},
	}
}

// blockerColumns list what blocks closing the year together, each item's
// kind named by title.
func blockerColumns(title func(govbuy.DueKind) string) []dueColumn {
	kind := dueColumn{title: lang.L("Kind"), width: 90, value: func(it govbuy.DueItem) string { return title(it.Kind) }}
	return append([]dueColumn{kind}, standingColumns()...)
}

// standingColumns are a contract's period and where it stands.
func standingColumns() []dueColumn {
	return append(dueContractColumns(), periodColumn(),
		dueColumn{title: lang.L("Where it stands"), width: 560, value: govbuy.DueItem.Label})
}

func hintColumns() []dueColumn {
	return append(dueContractColumns(),
		dueColumn{title: lang.L("Hint"), width: 700, value: func(it govbuy.DueItem) string { return it.Subject }})
}

// pendingColumns name the record, contract or contractor, and the fields
// it lacks.
func pendingColumns() []dueColumn {
	return append(dueContractColumns(),
		dueColumn{title: lang.L("Contractor"), width: 240, value: func(it govbuy.DueItem) string { return it.ContractorName }},
		dueColumn{title: lang.L("To complete"), width: 300, value: func(it govbuy.DueItem) string { return it.Subject }})
}

// workbenchLinks opens, for an item of the workbench, the screen that
// settles it, brought forward in the navigation.
func (u *UI) workbenchLinks(units *unitsScreen, contractors *contractorsScreen, contracts *contractsScreen,
	assessments *assessmentsScreen, payments *paymentsScreen, imports *importScreen) workbenchLinks {
	return workbenchLinks{
		assess: func(c choice, period string) {
			u.goTo(assessments)
			assessments.open(c, period)
		},
		pay: func(c choice, period string) {
			u.goTo(payments)
			payments.open(c, period)
		},
		contract: func(id int64, edit bool) {
			u.goTo(contracts)
			contracts.open(id, edit)
		},
		contractor: func(id int64) {
			u.goTo(contractors)
			contractors.open(id)
		},
		addUnit: func() {
			u.goTo(units)
			units.showForm(govbuy.Unit{Kind: govbuy.UnitAdministrative})
		},
		importer: func() { u.goTo(imports) },
		demo: func() func() {
			if u.OnLoadDemo == nil {
				return nil
			}
			return func() { u.loadDemo(false) }
		},
	}
}

// goTo brings screen s forward, as choosing it in the navigation does.
func (u *UI) goTo(s screen) {
	for i := range u.screens {
		if u.screens[i].screen == s {
			u.nav.Select(i)
			return
		}
	}
}
