package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// unitsScreen lists the purchasing units (购买主体) and edits them.
type unitsScreen struct {
	sh      *shell
	svc     govbuy.UnitService
	list    *listTable[govbuy.UnitRow]
	search  *widget.Entry
	kind    *widget.Select
	year    *widget.Select
	content fyne.CanvasObject
}

func newUnitsScreen(sh *shell, svc govbuy.UnitService) *unitsScreen {
	s := &unitsScreen{sh: sh, svc: svc}
	s.list = newListTable(sh.ctx, sh.tasks, unitColumns(), "name")
	s.list.onSort = s.reload
	s.list.onOpen = func(r govbuy.UnitRow) { s.showForm(r.Unit) }
	s.list.firstStep = lang.L("No purchasing unit yet. Press Add to register the first one, or import the ledger you kept under Import.")
	s.list.filtered = func() bool {
		return entryText(s.search) != "" || filterValue(s.kind) != "" || filterValue(s.year) != ""
	}
	s.search = newSearchEntry(sh, lang.L("Search name, code, contact"), s.reload)
	s.kind = newFilter(lang.L("All kinds"), stringsOf(govbuy.UnitKinds), s.reload)
	s.year = newYearFilter(s.reload)
	del := guardDelete(sh, s.list, func(ctx context.Context, r govbuy.UnitRow) error {
		return svc.UnitDeleteRefusal(ctx, r.ID)
	}, s.confirmDelete)
	s.content = s.list.view(toolbarWith(s.search, []fyne.CanvasObject{s.kind, s.year},
		func() { s.showForm(govbuy.Unit{Kind: govbuy.UnitAdministrative}) },
		func() { withSelected(sh, s.list, func(r govbuy.UnitRow) { s.showForm(r.Unit) }) }, del))
	return s
}

func unitColumns() []column[govbuy.UnitRow] {
	return []column[govbuy.UnitRow]{
		{title: lang.L("Unit name"), sort: "name", width: 260, value: func(r govbuy.UnitRow) string { return r.Name }},
		{title: lang.L("Unit kind"), sort: "kind", width: 150, value: func(r govbuy.UnitRow) string { return r.KindLabel() }},
		{title: lang.L("Credit code"), sort: "code", width: 190, value: func(r govbuy.UnitRow) string { return r.Code }},
		{title: lang.L("Contact"), width: 90, value: func(r govbuy.UnitRow) string { return r.Contact }},
		{title: lang.L("Phone"), width: 130, value: func(r govbuy.UnitRow) string { return r.Phone }},
		{title: lang.L("Contract count"), sort: "contracts", width: 70, align: fyne.TextAlignTrailing,
			value: func(r govbuy.UnitRow) string { return strconv.Itoa(r.Contracts) }},
		amountColumn(lang.L("Contract amount (yuan)"), "amount", "amount", func(r govbuy.UnitRow) govbuy.Money { return r.Amount }),
	}
}

func (s *unitsScreen) view() fyne.CanvasObject { return s.content }

// reload queries the units with the current search, filters and sort.
func (s *unitsScreen) reload() {
	f := govbuy.UnitFilter{
		Search: entryText(s.search),
		Kind:   govbuy.UnitKind(filterValue(s.kind)),
		Year:   yearValue(s.year),
		Sort:   s.list.sortKey,
		Desc:   s.list.desc,
	}
	s.list.reload(func(ctx context.Context, offset, limit int) ([]govbuy.UnitRow, int, error) {
		page := f
		page.Offset, page.Limit = offset, limit
		return s.svc.FindUnits(ctx, page)
	}, func(ctx context.Context) (govbuy.ListTotals, error) { return s.svc.SumUnits(ctx, f) })
}

// unitEditor is what the unit form writes through, from the units screen
// or from a contract's picker.
type unitEditor interface {
	CreateUnit(ctx context.Context, u *govbuy.Unit) error
	UpdateUnit(ctx context.Context, u *govbuy.Unit) error
}

// unitForm is the editor of one unit.
type unitForm struct {
	*formDialog
	// id and version are the record's as the form opened it: a save
	// carries the version, so one that someone else changed since is
	// refused (govbuy.StaleRecord) with what was typed still in the form.
	id, version                                int64
	name, code, contact, phone, address, notes *widget.Entry
	kind, class                                *widget.Select
	classField, phoneField                     *formField
}

// showForm opens the editor; a unit without ID is a new one.
func (s *unitsScreen) showForm(u govbuy.Unit) *unitForm {
	return showUnitForm(s.sh, s.svc, u, func(*govbuy.Unit) { s.saved() })
}

// showUnitForm opens the editor of u; saved runs with the stored unit once
// the save succeeds.
func showUnitForm(sh *shell, svc unitEditor, u govbuy.Unit, saved func(*govbuy.Unit)) *unitForm {
	f := &unitForm{
		id:      u.ID,
		version: u.Version,
		name:    entryWith(u.Name),
		code:    entryWith(u.Code),
		contact: entryWith(u.Contact),
		phone:   entryWith(u.Phone),
		address: entryWith(u.Address),
		notes:   widget.NewMultiLineEntry(),
		kind:    newSelect(stringsOf(govbuy.UnitKinds), nil),
		class:   newSelect(stringsOf(govbuy.PublicClasses), nil),
	}
	f.code.SetPlaceHolder(lang.L("Optional"))
	f.notes.SetText(u.Notes)
	f.kind.SetSelected(string(u.Kind))
	f.class.SetSelected(string(u.Class))
	f.class.PlaceHolder = lang.L("Public institutions only")

	form := newFieldForm()
	form.add(lang.L("Unit name"), f.name, "单位名称")
	form.add(lang.L("Unit kind"), f.kind, "单位类型")
	f.classField = form.add(lang.L("Public institution class"), f.class, "事业单位类别").roomFor(2)
	form.add(lang.L("Credit code"), f.code, "统一社会信用代码")
	form.add(lang.L("Contact"), f.contact, "联系人")
	f.phoneField = form.add(lang.L("Phone"), f.phone, "联系电话")
	form.add(lang.L("Address"), f.address, govbuy.FieldAddress)
	form.add(lang.L("Notes"), f.notes, "备注")
	form.check = problemsOf(f.read)
	f.kind.OnChanged = func(string) { f.kindChanged() }
	f.class.OnChanged = func(string) { f.checkClass() }
	f.phone.OnChanged = func(string) {
		f.phoneField.setNote(messageOf(govbuy.PhoneProblem(entryText(f.phone))), widget.WarningImportance)
	}
	f.kindChanged()
	f.phone.OnChanged(f.phone.Text)
	title := lang.L("New unit")
	if u.ID != 0 {
		title = lang.L("Edit unit")
	}
	f.formDialog = newFormDialog(sh.win, title, form, fyne.NewSize(620, 560), func() { f.saveTo(sh, svc, saved) })
	return f
}

// kindChanged offers the class to a 事业单位 only; the row stays, so that
// choosing a kind moves no field.
func (f *unitForm) kindChanged() {
	public := f.kind.Selected == string(govbuy.UnitPublic)
	if !public && f.class.Selected != "" {
		f.class.ClearSelected()
	}
	enableIf(f.class, public)
	f.checkClass()
}

// checkClass flags a 公益一类 unit, which 第八条 bars from buying services:
// its contracts carry the hint.
func (f *unitForm) checkClass() {
	u, _ := f.read()
	f.classField.setNote(messageOf(u.ClassProblem()), widget.WarningImportance)
}

// read is the unit with every problem a save would find before writing.
func (f *unitForm) read() (*govbuy.Unit, govbuy.ValidationErrors) {
	u := &govbuy.Unit{
		ID:      f.id,
		Version: f.version,
		Name:    f.name.Text,
		Code:    entryText(f.code),
		Kind:    govbuy.UnitKind(f.kind.Selected),
		Class:   govbuy.PublicClass(f.class.Selected),
		Contact: entryText(f.contact),
		Phone:   entryText(f.phone),
		Address: entryText(f.address),
		Notes:   entryText(f.notes),
	}
	return u, validate(u, nil)
}

func (f *unitForm) saveTo(sh *shell, svc unitEditor, saved func(*govbuy.Unit)) {
	u, found := f.read()
	f.submit(sh.tasks, found, func() error {
		if u.ID == 0 {
			return svc.CreateUnit(sh.ctx, u)
		}
		return svc.UpdateUnit(sh.ctx, u)
	}, func() { saved(u) })
}

// saved refreshes this list and tells the window that data changed.
func (s *unitsScreen) saved() {
	s.reload()
	s.sh.changed()
}

func (s *unitsScreen) confirmDelete(r govbuy.UnitRow) {
	confirmDelete(s.sh, lang.L("Delete the unit “{{.Name}}”?", map[string]any{"Name": r.Name}),
		func() error { return s.svc.DeleteUnit(s.sh.ctx, r.ID, r.Version) }, s.saved)
}
