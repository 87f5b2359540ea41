package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// contractServices is what the contracts screen needs: the contracts, and
// the units, contractors and catalogue a contract refers to.
type contractServices interface {
	govbuy.ContractService
	FindUnits(ctx context.Context, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error)
	FindContractors(ctx context.Context, f govbuy.ContractorFilter) ([]govbuy.ContractorRow, int, error)
	FindCatalog(ctx context.Context) ([]govbuy.CatalogItem, error)
	RequirementGaps(ctx context.Context, c *govbuy.Contract) (missing []string, reason string, err error)
	unitEditor
	contractorEditor
	feeLibrary
	detailStore
}

// contractsScreen lists the purchase contracts and edits them.
type contractsScreen struct {
	sh         *shell
	svc        contractServices
	list       *listTable[govbuy.ContractRow]
	search     *widget.Entry
	year       *widget.Select
	unit       *picker
	contractor *picker
	kind       *widget.Select
	status     *widget.Select
	method     *widget.Select
	content    fyne.CanvasObject
}

// kindLabels are the kinds as officers name them, in form order.
var kindLabels = []string{govbuy.KindPost.Label(), govbuy.KindProject.Label()}

func newContractsScreen(sh *shell, svc contractServices) *contractsScreen {
	s := &contractsScreen{sh: sh, svc: svc}
	s.list = newListTable(sh.ctx, sh.tasks, contractColumns(), "number")
	s.list.onSort = s.reload
	s.list.onOpen = func(r govbuy.ContractRow) { s.showDetails(r) }
	s.list.firstStep = lang.L("No contract yet. Register the purchasing unit and the contractor first, then press Add to enter a contract; or import the ledger you kept under Import.")
	s.list.filtered = func() bool {
		return entryText(s.search) != "" || s.unit.selected.id != 0 || s.contractor.selected.id != 0 ||
			slices.ContainsFunc([]*widget.Select{s.year, s.kind, s.status, s.method}, func(f *widget.Select) bool { return filterValue(f) != "" })
	}
	s.search = newSearchEntry(sh, lang.L("Search number, title, unit, contractor"), s.reload)
	s.year = newYearFilter(s.reload)
	s.unit = newPicker(sh, lang.L("Choose a unit"), lang.L("All units"), true, s.findUnits)
	s.unit.onChanged = func(choice) { s.reload() }
	s.contractor = newPicker(sh, lang.L("Choose a contractor"), lang.L("All contractors"), true, s.findContractors)
	s.contractor.onChanged = func(choice) { s.reload() }
	s.kind = newFilter(lang.L("Posts and projects"), kindLabels, s.reload)
	s.status = newFilter(lang.L("All statuses"), stringsOf(govbuy.Statuses), s.reload)
	s.method = newFilter(lang.L("All methods"), stringsOf(govbuy.Methods), s.reload)
	filters := []fyne.CanvasObject{s.year, s.unit.view, s.contractor.view, s.kind, s.status, s.method}
	details := widget.NewButtonWithIcon(lang.L("Details"), theme.InfoIcon(), func() { withSelected(sh, s.list, s.showDetails) })
	del := guardDelete(sh, s.list, func(ctx context.Context, r govbuy.ContractRow) error {
		return svc.ContractDeleteRefusal(ctx, r.ID)
	}, s.confirmDelete)
	s.content = s.list.view(toolbarWith(s.search, filters,
		func() { s.showForm(newContractRow()) },
		func() { withSelected(sh, s.list, func(r govbuy.ContractRow) { s.showForm(r) }) }, del, details))
	return s
}

// newContractRow is the starting point of a new contract: this year's, in
// progress, paid from the budget, as most are.
func newContractRow() govbuy.ContractRow {
	return govbuy.ContractRow{Contract: govbuy.Contract{
		Year: time.Now().Year(), Status: govbuy.StatusActive, Funding: govbuy.FundBudget,
	}}
}

func contractColumns() []column[govbuy.ContractRow] {
	type row = govbuy.ContractRow
	// Money comes before the descriptive columns so it shows without
	// scrolling sideways; names have room to show whole at 1366 wide.
	return []column[row]{
		{title: lang.L("Contract number"), sort: "number", width: 130, value: func(r row) string { return r.Number }},
		{title: lang.L("Year"), sort: "year", width: 50, value: func(r row) string { return strconv.Itoa(r.Year) }},
		{title: lang.L("Purchasing unit"), sort: "unit", width: 240, value: func(r row) string { return r.UnitName }},
		{title: lang.L("Contractor"), sort: "contractor", width: 260, value: func(r row) string { return r.ContractorName }},
		{title: lang.L("Title"), sort: "title", width: 160, value: func(r row) string { return r.Title }},
		{title: lang.L("Kind"), sort: "kind", width: 50, value: func(r row) string { return r.Kind.Label() }},
		amountColumn(lang.L("Amount (yuan)"), "amount", "amount", func(r row) govbuy.Money { return r.Amount }),
		amountColumn(lang.L("Paid (yuan)"), "paid", "paid", func(r row) govbuy.Money { return r.Paid }),
		{title: lang.L("Method"), sort: "method", width: 90, value: func(r row) string { return string(r.Method) }},
		{title: lang.L("Category"), sort: "category", width: 140, value: func(r row) string { return r.CatalogName }},
		{title: lang.L("Start"), sort: "start", width: 100, value: func(r row) string { return govbuy.FormatDate(r.Start) }},
		{title: lang.L("End"), sort: "end", width: 100, value: func(r row) string { return govbuy.FormatDate(r.End) }},
		{title: lang.L("Status"), sort: "status", width: 70, value: func(r row) string { return string(r.Status) }},
	}
}

func (s *contractsScreen) view() fyne.CanvasObject { return s.content }

// reload queries the contracts with the current search, filters and sort.
func (s *contractsScreen) reload() {
	f := govbuy.ContractFilter{
		Search:       entryText(s.search),
		Year:         yearValue(s.year),
		UnitID:       s.unit.selected.id,
		ContractorID: s.contractor.selected.id,
		Status:       govbuy.Status(filterValue(s.status)),
		Method:       govbuy.Method(filterValue(s.method)),
		Sort:         s.list.sortKey,
		Desc:         s.list.desc,
	}
	if k := filterValue(s.kind); k != "" {
		f.Kind, _ = govbuy.ParseKind(k)
	}
	s.list.reload(func(ctx context.Context, offset, limit int) ([]govbuy.ContractRow, int, error) {
		page := f
		page.Offset, page.Limit = offset, limit
		return s.svc.FindContracts(ctx, page)
	}, func(ctx context.Context) (govbuy.ListTotals, error) { return s.svc.SumContracts(ctx, f) })
}

func (s *contractsScreen) findUnits(ctx context.Context, text string) ([]choice, error) {
	rows, _, err := s.svc.FindUnits(ctx, govbuy.UnitFilter{Search: text, Sort: "name", Limit: pickLimit})
	out := make([]choice, len(rows))
	for i, r := range rows {
		out[i] = choice{id: r.ID, label: r.Name, detail: string(r.Kind)}
	}
	return out, err
}

func (s *contractsScreen) findContractors(ctx context.Context, text string) ([]choice, error) {
	rows, _, err := s.svc.FindContractors(ctx, govbuy.ContractorFilter{Search: text, Sort: "name", Limit: pickLimit})
	out := make([]choice, len(rows))
	for i, r := range rows {
		out[i] = choice{id: r.ID, label: r.Name, detail: string(r.Type) + "　" + r.CreditCode}
	}
	return out, err
}

// contractForm is the editor of one contract. Units, contractors and the
// catalogue item are picked from lists rather than typed.
type contractForm struct {
	*formDialog
	id, version                                             int64 // as the form opened the record
	number, year, title, headcount, amount, feeBasis, notes *widget.Entry
	unit, contractor                                        *picker
	catalog                                                 *catalogSelect
	kind                                                    *widget.RadioGroup
	method, funding, status                                 *widget.Select
	start, end                                              *dateField
	// pending are the fields the contract was imported without (待补充):
	// kept until filled in here, so saving another change does not ask
	// for what the ledger never had.
	pending     govbuy.FieldSet
	requirement *widget.Entry
	// reasonField is always there, in the tab order, so a gap found in the
	// background never moves a field or takes the next keystroke; what the
	// contractor lacks shows as its note.
	reasonField *formField
	gapsAsked   int // the latest check; older answers are dropped
	pricing     *contractPricing
	record      *recordFields
}

// showForm opens the editor; a contract without ID is a new one.
func (s *contractsScreen) showForm(r govbuy.ContractRow) *contractForm {
	c := r.Contract
	f := s.newContractForm(c)
	f.fill(r)
	form := f.layout()
	s.wire(f, form)
	form.check = problemsOf(f.read)

	title := lang.L("New contract")
	if c.ID != 0 {
		title = lang.L("Edit contract")
	}
	f.formDialog = newFormDialog(s.sh.win, title, form, fyne.NewSize(720, 700), func() { s.save(f) })
	f.catalog.load(s.sh, s.svc)
	f.pricing.load(s.sh, s.svc, f.reprice)
	return f
}

// newContractForm makes the editor's widgets for contract c.
func (s *contractsScreen) newContractForm(c govbuy.Contract) *contractForm {
	f := &contractForm{
		id:          c.ID,
		version:     c.Version,
		number:      entryWith(c.Number),
		year:        entryWith(""),
		title:       entryWith(c.Title),
		headcount:   entryWith(""),
		amount:      entryWith(""),
		feeBasis:    entryWith(c.FeeBasis),
		notes:       widget.NewMultiLineEntry(),
		unit:        newPicker(s.sh, lang.L("Choose a unit"), lang.L("Choose…"), false, s.findUnits),
		contractor:  newPicker(s.sh, lang.L("Choose a contractor"), lang.L("Choose…"), false, s.findContractors),
		catalog:     newCatalogSelect(c.CatalogID),
		kind:        widget.NewRadioGroup(kindLabels, nil),
		method:      newSelect(stringsOf(govbuy.Methods), nil),
		funding:     newSelect(stringsOf(govbuy.FundingSources), nil),
		status:      newSelect(stringsOf(govbuy.Statuses), nil),
		start:       newDateField(s.sh.win),
		end:         newDateField(s.sh.win),
		requirement: widget.NewEntry(),
		pricing:     newContractPricing(c),
		record:      newRecordFields(s.sh.win, c.PublicRecord),
	}
	f.requirement.SetPlaceHolder(lang.L("Only when the contractor does not meet the service's requirements"))
	f.headcount.SetPlaceHolder(lang.L("Posts only"))
	return f
}

// layout lays the fields out in the order an officer fills a contract
// in, each with its field name for the messages under it.
func (f *contractForm) layout() *fieldForm {
	form := newFieldForm()
	form.add(lang.L("Contract number"), f.number, "合同编号")
	form.add(lang.L("Year"), f.year, "年度")
	form.add(lang.L("Purchasing unit"), f.unit.view, "购买主体")
	form.add(lang.L("Contractor"), f.contractor.view, "承接主体")
	form.add(lang.L("Catalogue item"), f.catalog.sel, "服务类别")
	f.reasonField = form.add(lang.L("Reason to go ahead"), f.requirement, "不符合要求的理由").roomFor(2)
	form.add(lang.L("Kind"), f.kind, "类型")
	form.add(lang.L("Title"), f.title, "项目名称")
	form.add(lang.L("Headcount"), f.headcount, "岗位人数")
	form.add(lang.L("Method"), f.method, "购买方式")
	form.add(lang.L("Amount (yuan)"), f.amount, "合同金额")
	form.add(lang.L("Start"), f.start.view, "开始日期")
	form.add(lang.L("End"), f.end.view, "结束日期")
	form.add(lang.L("Funding source"), f.funding, "资金来源")
	form.add(lang.L("Fee basis"), f.feeBasis, "收费依据")
	f.pricing.addTo(form)
	form.add(lang.L("Status"), f.status, "状态")
	form.add(lang.L("Notes"), f.notes, "备注")
	f.record.addTo(form)
	return form
}

// wire connects the fields that reprice the contract, check the
// contractor against the service's requirements, or add a unit or a
// contractor in place.
func (s *contractsScreen) wire(f *contractForm, form *fieldForm) {
	f.kind.OnChanged = func(string) {
		f.kindChanged()
		f.reprice()
	}
	f.kindChanged()
	for _, e := range []*widget.Entry{f.headcount, f.amount} {
		e.OnChanged = func(string) { f.reprice() }
	}
	// A qualification may lapse within the term: the dates count too, read
	// once typing pauses rather than at every keystroke.
	recheck := s.sh.tasks.debounced(searchDelay, func() { f.checkRequirement(s.sh, s.svc) })
	for _, e := range []*widget.Entry{f.start.entry, f.end.entry} {
		e.OnChanged = func(string) {
			f.reprice()
			recheck()
		}
	}
	f.pricing.onChanged(f.reprice)
	f.reprice()
	f.catalog.onPicked = func(it govbuy.CatalogItem) {
		if f.kind.Selected == "" && it.Kind != "" {
			f.kind.SetSelected(it.Kind.Label()) // the usual kind under this item
		}
		f.checkRequirement(s.sh, s.svc)
	}
	f.unit.onChanged = func(choice) { form.changed() }
	f.contractor.onChanged = func(choice) {
		f.checkRequirement(s.sh, s.svc)
		form.changed()
	}
	f.unit.onNew = func(name string) {
		showUnitForm(s.sh, s.svc, govbuy.Unit{Name: name, Kind: govbuy.UnitAdministrative}, func(u *govbuy.Unit) {
			f.unit.set(choice{id: u.ID, label: u.Name, detail: string(u.Kind)})
			s.sh.changed()
		})
	}
	f.contractor.onNew = func(name string) {
		showContractorForm(s.sh, s.svc, govbuy.Contractor{Name: name, Type: govbuy.TypeEnterprise}, func(k *govbuy.Contractor) {
			f.contractor.set(choice{id: k.ID, label: k.Name, detail: string(k.Type)})
			s.sh.changed()
		})
	}
}

// fill puts a contract into the form's widgets.
func (f *contractForm) fill(r govbuy.ContractRow) {
	c := r.Contract
	f.pending = c.Pending
	if c.Year != 0 {
		f.year.SetText(strconv.Itoa(c.Year))
	}
	if c.Headcount != 0 {
		f.headcount.SetText(strconv.Itoa(c.Headcount))
	}
	if c.ID != 0 {
		f.amount.SetText(c.Amount.String())
	}
	f.amount.SetPlaceHolder("12,345.00")
	f.year.SetPlaceHolder(lang.L("Empty: the year of the start date"))
	f.notes.SetText(c.Notes)
	if c.UnitID != 0 {
		f.unit.show(choice{id: c.UnitID, label: r.UnitName})
	}
	if c.ContractorID != 0 {
		f.contractor.show(choice{id: c.ContractorID, label: r.ContractorName})
	}
	if c.Kind != "" {
		f.kind.SetSelected(c.Kind.Label())
	}
	f.kind.Horizontal = true
	f.method.SetSelected(string(c.Method))
	f.funding.SetSelected(string(c.Funding))
	f.status.SetSelected(string(c.Status))
	f.start.set(c.Start)
	f.end.set(c.End)
}

// checkRequirement shows, as the contractor, service and term are chosen,
// what the contractor lacks for the service's requirement — and the reason
// on record, or that one is needed to go ahead — rather than only when the
// contract is saved.
func (f *contractForm) checkRequirement(sh *shell, svc contractServices) {
	c, _ := f.contract()
	f.gapsAsked++
	asked := f.gapsAsked
	sh.tasks.run(func() func() {
		missing, reason, err := svc.RequirementGaps(sh.ctx, c)
		return func() {
			if asked != f.gapsAsked {
				return
			}
			f.reasonField.setNote(gapText(missing, reason, err), widget.WarningImportance)
		}
	})
}

// gapText says what the contractor lacks for the service, and the reason
// on record or that one is needed to go ahead; "" when it lacks nothing.
func gapText(missing []string, reason string, err error) string {
	switch {
	case err != nil:
		return errorText(err)
	case len(missing) == 0:
		return ""
	case reason != "":
		return lang.L("The contractor does not meet the service's requirements: {{.Missing}}. Reason on record: {{.Reason}}",
			map[string]any{"Missing": strings.Join(missing, "；"), "Reason": reason})
	}
	return lang.L("The contractor does not meet the service's requirements: {{.Missing}}. Give the reason here to go ahead.",
		map[string]any{"Missing": strings.Join(missing, "；")})
}

// reprice prices what is typed so far by the chosen fee standard.
func (f *contractForm) reprice() {
	c, _ := f.contract()
	f.pricing.show(c)
}

// kindChanged offers the headcount only for posts, the only kind that has
// one; the row stays, so choosing a kind moves no field.
func (f *contractForm) kindChanged() {
	enableIf(f.headcount, f.kind.Selected == govbuy.KindPost.Label())
}

// contract reads the form; values that cannot be read are reported against
// their fields, with the same field names the domain uses.
func (f *contractForm) contract() (*govbuy.Contract, govbuy.ValidationErrors) {
	var found govbuy.ValidationErrors
	c := &govbuy.Contract{
		ID:           f.id,
		Version:      f.version,
		Number:       f.number.Text,
		UnitID:       f.unit.selected.id,
		ContractorID: f.contractor.selected.id,
		CatalogID:    f.catalog.id(),
		Title:        f.title.Text,
		Method:       govbuy.Method(f.method.Selected),
		Funding:      govbuy.FundingSource(f.funding.Selected),
		FeeBasis:     entryText(f.feeBasis),
		Status:       govbuy.Status(f.status.Selected),
		Notes:        entryText(f.notes),

		RequirementReason: entryText(f.requirement),
		Pending:           f.pending,
	}
	if f.kind.Selected != "" {
		c.Kind, _ = govbuy.ParseKind(f.kind.Selected)
	}
	if t := entryText(f.year); t != "" {
		y, err := strconv.Atoi(t)
		if err != nil {
			found = append(found, govbuy.Invalidf("年度", "%s", lang.L("Write the year as four digits, e.g. 2024")))
		}
		c.Year = y
	}
	if t := entryText(f.headcount); t != "" && c.Kind == govbuy.KindPost {
		n, err := strconv.Atoi(t)
		if err != nil {
			found = append(found, govbuy.Invalidf("岗位人数", "%s", lang.L("Write the headcount as a whole number")))
		}
		c.Headcount = n
	}
	amount, err := govbuy.ParseMoney(f.amount.Text)
	if err != nil {
		found = append(found, govbuy.Invalidf("合同金额", "%s", problems(err)[0].Message))
	}
	c.Amount = amount
	var bad *govbuy.Error
	if c.Start, bad = f.start.date("开始日期"); bad != nil {
		found = append(found, bad)
	}
	if c.End, bad = f.end.date("结束日期"); bad != nil {
		found = append(found, bad)
	}
	r := &formReader{found: found}
	f.pricing.read(c, r)
	f.record.read(c, r)
	return c, r.found
}

// read is the contract with every problem a save would find before
// writing.
func (f *contractForm) read() (*govbuy.Contract, govbuy.ValidationErrors) {
	c, found := f.contract()
	return c, validate(c, found)
}

func (s *contractsScreen) save(f *contractForm) {
	c, found := f.read()
	f.submit(s.sh.tasks, found, func() error {
		if c.ID == 0 {
			return s.svc.CreateContract(s.sh.ctx, c)
		}
		return s.svc.UpdateContract(s.sh.ctx, c)
	}, s.saved)
}

// catalogSelect picks a catalogue item, shown as "B03 农村公路养护服务". Only
// leaf items are offered: a contract buys a service, not a whole category.
type catalogSelect struct {
	sel      *widget.Select
	items    []govbuy.CatalogItem // in option order
	initial  int64                // the contract's item, kept until the list arrives
	onPicked func(govbuy.CatalogItem)
}

func newCatalogSelect(initial int64) *catalogSelect {
	c := &catalogSelect{sel: newSelect(nil, nil), initial: initial}
	c.sel.PlaceHolder = lang.L("Loading…")
	c.sel.OnChanged = func(string) {
		if i := c.sel.SelectedIndex(); i >= 0 && c.onPicked != nil {
			c.onPicked(c.items[i])
		}
	}
	return c
}

// load fetches the catalogue in the background.
func (c *catalogSelect) load(sh *shell, svc contractServices) {
	sh.tasks.run(func() func() {
		items, err := svc.FindCatalog(sh.ctx)
		return func() { c.loaded(items, err) }
	})
}

func (c *catalogSelect) loaded(all []govbuy.CatalogItem, err error) {
	if err != nil {
		c.sel.PlaceHolder = lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)})
		c.sel.Refresh()
		return
	}
	parents := map[int64]bool{}
	for _, it := range all {
		parents[it.ParentID] = true
	}
	var options []string
	selected := -1
	for _, it := range all {
		if parents[it.ID] && it.ID != c.initial {
			continue
		}
		if it.ID == c.initial {
			selected = len(options)
		}
		c.items = append(c.items, it)
		options = append(options, it.Code+" "+it.Name)
	}
	c.sel.PlaceHolder = lang.L("Choose…")
	c.sel.SetOptions(options)
	if selected >= 0 {
		c.sel.SetSelectedIndex(selected)
	}
}

// id is the chosen item, 0 for none; the contract's own item until the
// catalogue has loaded, so an early save keeps it.
func (c *catalogSelect) id() int64 {
	if c.items == nil {
		return c.initial
	}
	if i := c.sel.SelectedIndex(); i >= 0 {
		return c.items[i].ID
	}
	return 0
}

func (s *contractsScreen) saved() {
	s.reload()
	s.sh.changed()
}

func (s *contractsScreen) confirmDelete(r govbuy.ContractRow) {
	confirmDelete(s.sh, lang.L("Delete the contract “{{.Number}}”?", map[string]any{"Number": r.Number}),
		func() error { return s.svc.DeleteContract(s.sh.ctx, r.ID, r.Version) }, s.saved)
}

// open shows contract id's details, where its hints are acknowledged, or
// its editor, as the workbench asks.
func (s *contractsScreen) open(id int64, edit bool) {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		r, err := s.svc.FindContractByID(ctx, id)
		return func() {
			switch {
			case err != nil:
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
			case edit:
				s.showForm(*r)
			default:
				s.showDetails(*r)
			}
		}
	})
}

// showDetails opens the contract's settlement, history and hints; its edit
// button leads on to the editor.
func (s *contractsScreen) showDetails(r govbuy.ContractRow) {
	showContractDetails(s.sh, s.svc, r, func() { s.showForm(r) })
}
