package app

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// qualificationLevels are the levels a requirement can ask for at least,
// on the domain's two scales (一级 above 三级, 甲级 above 丙级).
var qualificationLevels = govbuy.QualificationLevels()

// requirementRow is a requirement with the name of its catalog item.
type requirementRow struct {
	govbuy.Requirement
	name string
}

func (s *standardsScreen) requirementTab() fyne.CanvasObject {
	s.reqs = newListTable(s.sh.ctx, s.sh.tasks, requirementColumns(), "")
	s.reqs.onSort = s.reloadRequirements
	s.reqs.onOpen = func(r requirementRow) { s.showRequirementForm(r.Requirement) }
	s.reqSearch = newSearchEntry(s.sh, lang.L("Search catalogue item"), s.reloadRequirements)
	return s.reqs.view(toolbar(s.reqSearch, nil,
		func() { s.showRequirementForm(govbuy.Requirement{}) },
		func() { withSelected(s.sh, s.reqs, func(r requirementRow) { s.showRequirementForm(r.Requirement) }) },
		func() { withSelected(s.sh, s.reqs, s.confirmDeleteRequirement) }))
}

func requirementColumns() []column[requirementRow] {
	type row = requirementRow
	return []column[row]{
		{title: lang.L("Catalogue item"), width: 240, value: func(r row) string { return r.CatalogCode + " " + r.name }},
		{title: lang.L("Applies to"), width: 110, value: func(r row) string { return appliesTo(r.Kind) }},
		{title: lang.L("Contractor types"), width: 260, value: func(r row) string { return typesText(r.Types) }},
		{title: lang.L("Qualification"), width: 260, value: func(r row) string { return strings.TrimSpace(r.QualKind + " " + r.MinLevel) }},
		{title: lang.L("Licence"), width: 200, value: func(r row) string { return r.Licence }},
	}
}

func appliesTo(k govbuy.Kind) string {
	if k == "" {
		return lang.L("Posts and projects")
	}
	return k.Label()
}

func typesText(ts []govbuy.ContractorType) string {
	if len(ts) == 0 {
		return lang.L("Any type")
	}
	return strings.Join(stringsOf(ts), "、")
}

func (s *standardsScreen) reloadRequirements() {
	search := entryText(s.reqSearch)
	s.reqs.reload(wholeList(s.requirementRows, func(r requirementRow) bool {
		return containsText(search, r.CatalogCode, r.name)
	}), nil)
}

// requirementRows reads the requirements with their catalog items' names.
func (s *standardsScreen) requirementRows(ctx context.Context) ([]requirementRow, error) {
	items, err := s.svc.FindCatalog(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(items))
	for _, it := range items {
		names[it.Code] = it.Name
	}
	reqs, err := s.svc.FindRequirements(ctx)
	rows := make([]requirementRow, len(reqs))
	for i, r := range reqs {
		rows[i] = requirementRow{Requirement: r, name: names[r.CatalogCode]}
	}
	return rows, err
}

func (s *standardsScreen) confirmDeleteRequirement(r requirementRow) {
	confirmDelete(s.sh, lang.L("Delete the requirement of “{{.Item}}”?", map[string]any{"Item": r.CatalogCode + " " + r.name}),
		func() error { return s.svc.DeleteRequirement(s.sh.ctx, r.CatalogCode) }, s.requirementsChanged)
}

// requirementsChanged follows a write: contracts' hints rest on it.
func (s *standardsScreen) requirementsChanged() {
	s.reloadRequirements()
	s.sh.changed()
}

// requirementForm edits what a catalog item asks of its contractor. The
// catalog item is the requirement's key: it is chosen for a new one only.
type requirementForm struct {
	*formDialog
	items                []govbuy.CatalogItem // in option order
	code                 string               // the requirement's item, kept until the catalogue arrives
	catalog              *widget.Select
	kind                 *widget.RadioGroup
	types                *widget.CheckGroup
	qual, level, licence *widget.Select
}

// showRequirementForm opens the editor; a requirement without a catalog
// code is a new one.
func (s *standardsScreen) showRequirementForm(r govbuy.Requirement) *requirementForm {
	none := lang.L("None")
	f := &requirementForm{
		code:    r.CatalogCode,
		catalog: newSelect(nil, nil),
		kind:    widget.NewRadioGroup([]string{lang.L("Posts and projects"), govbuy.KindPost.Label(), govbuy.KindProject.Label()}, nil),
		types:   widget.NewCheckGroup(stringsOf(govbuy.ContractorTypes), nil),
		qual:    newSelect(append([]string{none}, govbuy.QualificationKinds...), nil),
		level:   newSelect(append([]string{lang.L("Any level")}, qualificationLevels...), nil),
		licence: newSelect(append([]string{none}, govbuy.QualificationKinds...), nil),
	}
	f.fill(r)
	form := newFieldForm()
	form.add(lang.L("Catalogue item"), f.catalog, "服务类别")
	form.add(lang.L("Applies to"), f.kind, "适用范围")
	form.add(lang.L("Contractor types (none ticked: any)"), f.types, "主体类型")
	form.add(lang.L("Qualification"), f.qual, "资质要求")
	form.add(lang.L("Minimum level"), f.level, "资质等级")
	form.add(lang.L("Licence"), f.licence, "许可证")
	form.check = problemsOf(f.read)
	title := lang.L("New service requirement")
	if r.CatalogCode != "" {
		title = lang.L("Edit service requirement")
	}
	f.formDialog = newFormDialog(s.sh.win, title, form, fyne.NewSize(680, 640), func() { s.saveRequirement(f) })
	f.loadCatalog(s.sh, s.svc)
	return f
}

func (f *requirementForm) fill(r govbuy.Requirement) {
	f.catalog.PlaceHolder = lang.L("Loading…")
	f.kind.Horizontal = true
	f.kind.SetSelected(appliesTo(r.Kind))
	f.types.SetSelected(stringsOf(r.Types))
	f.qual.SetSelectedIndex(slices.Index(govbuy.QualificationKinds, r.QualKind) + 1)
	f.level.SetSelectedIndex(slices.Index(qualificationLevels, r.MinLevel) + 1)
	f.licence.SetSelectedIndex(slices.Index(govbuy.QualificationKinds, r.Licence) + 1)
	if r.CatalogCode != "" {
		f.catalog.Disable()
	}
}

// loadCatalog offers every catalog item, categories too: a category's
// requirement applies to the items under it that have none of their own.
func (f *requirementForm) loadCatalog(sh *shell, svc standardsStore) {
	sh.tasks.run(func() func() {
		items, err := svc.FindCatalog(sh.ctx)
		return func() {
			if err != nil {
				f.catalog.PlaceHolder = lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)})
				f.catalog.Refresh()
				return
			}
			f.items = items
			options := make([]string, len(items))
			for i, it := range items {
				options[i] = it.Code + " " + it.Name
			}
			f.catalog.PlaceHolder = lang.L("Choose…")
			f.catalog.SetOptions(options)
			if i := slices.IndexFunc(items, func(it govbuy.CatalogItem) bool { return it.Code == f.code }); i >= 0 {
				f.catalog.SetSelectedIndex(i)
			}
		}
	})
}

// requirement reads the editor; a select left at its first option asks
// for nothing, and one with no catalog item chosen is refused by
// Requirement.Validate.
func (f *requirementForm) requirement() *govbuy.Requirement {
	r := &govbuy.Requirement{CatalogCode: f.code}
	if i := f.catalog.SelectedIndex(); i >= 0 && f.items != nil {
		r.CatalogCode = f.items[i].Code
	}
	if k, err := govbuy.ParseKind(f.kind.Selected); err == nil {
		r.Kind = k
	}
	for _, t := range f.types.Selected {
		r.Types = append(r.Types, govbuy.ContractorType(t))
	}
	pick := func(sel *widget.Select, options []string) string {
		if i := sel.SelectedIndex(); i > 0 {
			return options[i-1]
		}
		return ""
	}
	r.QualKind = pick(f.qual, govbuy.QualificationKinds)
	r.MinLevel = pick(f.level, qualificationLevels)
	r.Licence = pick(f.licence, govbuy.QualificationKinds)
	return r
}

// read is the requirement with every problem a save would find before
// writing.
func (f *requirementForm) read() (*govbuy.Requirement, govbuy.ValidationErrors) {
	r := f.requirement()
	return r, validate(r, nil)
}

func (s *standardsScreen) saveRequirement(f *requirementForm) {
	r, found := f.read()
	f.submit(s.sh.tasks, found, func() error {
		return s.svc.SaveRequirement(s.sh.ctx, r)
	}, s.requirementsChanged)
}
