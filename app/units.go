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
	s.search = newSearchEntry(sh, lang.L("Search name, code, contact"), s.reload)
	s.kind = newFilter(lang.L("All kinds"), stringsOf(govbuy.UnitKinds), s.reload)
	s.year = newYearFilter(s.reload)
	s.content = s.list.view(toolbar(s.search, []fyne.CanvasObject{s.kind, s.year},
		func() { s.showForm(govbuy.Unit{Kind: govbuy.UnitAdministrative}) },
		func() { withSelected(sh, s.list, func(r govbuy.UnitRow) { s.showForm(r.Unit) }) },
		func() { withSelected(sh, s.list, s.confirmDelete) }))
	return s
}

func unitColumns() []column[govbuy.UnitRow] {
	return []column[govbuy.UnitRow]{
		{title: lang.L("Unit name"), sort: "name", width: 260, value: func(r govbuy.UnitRow) string { return r.Name }},
		{title: lang.L("Unit kind"), sort: "kind", width: 90, value: func(r govbuy.UnitRow) string { return string(r.Kind) }},
		{title: lang.L("Credit code"), sort: "code", width: 190, value: func(r govbuy.UnitRow) string { return r.Code }},
		{title: lang.L("Contact"), width: 90, value: func(r govbuy.UnitRow) string { return r.Contact }},
		{title: lang.L("Phone"), width: 130, value: func(r govbuy.UnitRow) string { return r.Phone }},
		{title: lang.L("Contract count"), sort: "contracts", width: 70, align: fyne.TextAlignTrailing,
			value: func(r govbuy.UnitRow) string { return strconv.Itoa(r.Contracts) }},
		{title: lang.L("Contract amount (yuan)"), sort: "amount", width: 150, align: fyne.TextAlignTrailing,
			value: func(r govbuy.UnitRow) string { return r.Amount.String() }},
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
	})
}

// unitForm is the editor of one unit.
type unitForm struct {
	*formDialog
	id                                int64
	name, code, contact, phone, notes *widget.Entry
	kind                              *widget.Select
}

// showForm opens the editor; a unit without ID is a new one.
func (s *unitsScreen) showForm(u govbuy.Unit) *unitForm {
	f := &unitForm{
		id:      u.ID,
		name:    widget.NewEntry(),
		code:    widget.NewEntry(),
		contact: widget.NewEntry(),
		phone:   widget.NewEntry(),
		notes:   widget.NewMultiLineEntry(),
		kind:    newSelect(stringsOf(govbuy.UnitKinds), nil),
	}
	f.name.SetText(u.Name)
	f.code.SetText(u.Code)
	f.code.SetPlaceHolder(lang.L("Optional"))
	f.contact.SetText(u.Contact)
	f.phone.SetText(u.Phone)
	f.notes.SetText(u.Notes)
	f.kind.SetSelected(string(u.Kind))

	form := newFieldForm()
	form.add(lang.L("Unit name"), f.name, "单位名称")
	form.add(lang.L("Unit kind"), f.kind, "单位类型")
	form.add(lang.L("Credit code"), f.code, "统一社会信用代码")
	form.add(lang.L("Contact"), f.contact, "联系人")
	form.add(lang.L("Phone"), f.phone, "联系电话")
	form.add(lang.L("Notes"), f.notes, "备注")
	title := lang.L("New unit")
	if u.ID != 0 {
		title = lang.L("Edit unit")
	}
	f.formDialog = newFormDialog(s.sh.win, title, form, fyne.NewSize(620, 520), func() { s.save(f) })
	return f
}

func (s *unitsScreen) save(f *unitForm) {
	u := &govbuy.Unit{
		ID:      f.id,
		Name:    f.name.Text,
		Code:    entryText(f.code),
		Kind:    govbuy.UnitKind(f.kind.Selected),
		Contact: entryText(f.contact),
		Phone:   entryText(f.phone),
		Notes:   entryText(f.notes),
	}
	f.submit(s.sh.tasks, validate(u, nil), func() error {
		if u.ID == 0 {
			return s.svc.CreateUnit(s.sh.ctx, u)
		}
		return s.svc.UpdateUnit(s.sh.ctx, u)
	}, s.saved)
}

// saved refreshes this list and tells the window that data changed.
func (s *unitsScreen) saved() {
	s.reload()
	s.sh.changed()
}

func (s *unitsScreen) confirmDelete(r govbuy.UnitRow) {
	confirmDelete(s.sh, lang.L("Delete the unit “{{.Name}}”?", map[string]any{"Name": r.Name}),
		func() error { return s.svc.DeleteUnit(s.sh.ctx, r.ID) }, s.saved)
}
