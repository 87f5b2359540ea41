package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// contractorsScreen lists the contractors (承接主体) and edits them.
type contractorsScreen struct {
	sh      *shell
	svc     contractorStore
	list    *listTable[govbuy.ContractorRow]
	search  *widget.Entry
	typ     *widget.Select
	year    *widget.Select
	content fyne.CanvasObject
}

// contractorStore keeps contractors and knows their assessment record.
type contractorStore interface {
	govbuy.ContractorService
	ContractorStanding(ctx context.Context, contractorID int64) (*govbuy.Standing, error)
}

func newContractorsScreen(sh *shell, svc contractorStore) *contractorsScreen {
	s := &contractorsScreen{sh: sh, svc: svc}
	s.list = newListTable(sh.ctx, sh.tasks, contractorColumns(), "name")
	s.list.onSort = s.reload
	s.list.onOpen = func(r govbuy.ContractorRow) { s.showForm(r.Contractor) }
	s.list.firstStep = lang.L("No contractor yet. Press Add to register one, or add it from the contract form's picker as you enter the contract.")
	s.list.filtered = func() bool { return entryText(s.search) != "" || filterValue(s.typ) != "" || filterValue(s.year) != "" }
	s.search = newSearchEntry(sh, lang.L("Search name, code, legal representative"), s.reload)
	s.typ = newFilter(lang.L("All types"), stringsOf(govbuy.ContractorTypes), s.reload)
	s.year = newYearFilter(s.reload)
	del := guardDelete(sh, s.list, func(ctx context.Context, r govbuy.ContractorRow) error {
		return svc.ContractorDeleteRefusal(ctx, r.ID)
	}, s.confirmDelete)
	s.content = s.list.view(toolbarWith(s.search, []fyne.CanvasObject{s.typ, s.year},
		func() { s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise}) },
		func() { withSelected(sh, s.list, func(r govbuy.ContractorRow) { s.showForm(r.Contractor) }) }, del))
	return s
}

func contractorColumns() []column[govbuy.ContractorRow] {
	return []column[govbuy.ContractorRow]{
		{title: lang.L("Name"), sort: "name", width: 260, value: func(r govbuy.ContractorRow) string { return r.Name }},
		{title: lang.L("Contractor type"), sort: "type", width: 150, value: func(r govbuy.ContractorRow) string { return string(r.Type) }},
		{title: lang.L("Credit code / ID number"), sort: "credit_code", width: 190, value: func(r govbuy.ContractorRow) string { return r.CreditCode }},
		{title: lang.L("Code check"), width: 130, value: codeMark},
		{title: lang.L("Legal representative"), width: 90, value: func(r govbuy.ContractorRow) string { return r.LegalRep }},
		{title: lang.L("Phone"), width: 120, value: func(r govbuy.ContractorRow) string { return r.Phone }},
		{title: lang.L("Contract count"), sort: "contracts", width: 70, align: fyne.TextAlignTrailing,
			value: func(r govbuy.ContractorRow) string { return strconv.Itoa(r.Contracts) }},
		amountColumn(lang.L("Contract amount (yuan)"), "amount", "amount", func(r govbuy.ContractorRow) govbuy.Money { return r.Amount }),
	}
}

// codeMark marks a contractor kept with a code that fails its check, which
// is only ever kept with a reason: the list must not pass it off as sound.
func codeMark(r govbuy.ContractorRow) string {
	if r.CodeProblem() != nil {
		return lang.L("Code failed its check")
	}
	return ""
}

func (s *contractorsScreen) view() fyne.CanvasObject { return s.content }

// reload queries the contractors with the current search, filters and sort.
func (s *contractorsScreen) reload() {
	f := govbuy.ContractorFilter{
		Search: entryText(s.search),
		Type:   govbuy.ContractorType(filterValue(s.typ)),
		Year:   yearValue(s.year),
		Sort:   s.list.sortKey,
		Desc:   s.list.desc,
	}
	s.list.reload(func(ctx context.Context, offset, limit int) ([]govbuy.ContractorRow, int, error) {
		page := f
		page.Offset, page.Limit = offset, limit
		return s.svc.FindContractors(ctx, page)
	}, func(ctx context.Context) (govbuy.ListTotals, error) { return s.svc.SumContractors(ctx, f) })
}

// contractorEditor is what the contractor form writes through, from the
// contractors screen or from a contract's picker.
type contractorEditor interface {
	CreateContractor(ctx context.Context, c *govbuy.Contractor) error
	UpdateContractor(ctx context.Context, c *govbuy.Contractor) error
	ContractorStanding(ctx context.Context, contractorID int64) (*govbuy.Standing, error)
}

// contractorForm is the editor of one contractor.
type contractorForm struct {
	*formDialog
	id, version                                          int64 // as the form opened the record
	name, code, override, legalRep, phone, address, bank *widget.Entry
	account, notes                                       *widget.Entry
	typ                                                  *widget.Select
	quals                                                *qualEditor
	typeField, codeField, overrideField, phoneField      *formField
	tried                                                bool // a save was attempted
}

// contractorStanding shows a contractor's latest grade and yearly
// averages, loaded in the background; a 差 year is what flags its next
// contract.
func contractorStanding(sh *shell, svc contractorEditor, id int64) fyne.CanvasObject {
	label := widget.NewLabel("…")
	label.Wrapping = fyne.TextWrapWord
	ctx := sh.ctx
	sh.tasks.run(func() func() {
		st, err := svc.ContractorStanding(ctx, id)
		return func() { label.SetText(standingText(st, err)) }
	})
	return label
}

func standingText(st *govbuy.Standing, err error) string {
	switch {
	case err != nil:
		return errorText(err)
	case st.LatestScore == nil:
		return lang.L("Not assessed yet")
	}
	parts := []string{lang.L("Latest: {{.Period}} {{.Score}} ({{.Grade}})", map[string]any{
		"Period": govbuy.PeriodLabel(st.LatestPeriod), "Score": st.LatestScore.String(), "Grade": string(st.LatestGrade)})}
	for _, y := range st.Years {
		parts = append(parts, lang.L("{{.Year}}: average {{.Average}} ({{.Grade}}) over {{.Count}} assessments", map[string]any{
			"Year": y.Year, "Average": y.Average.String(), "Grade": string(y.Grade), "Count": y.Assessments}))
	}
	return strings.Join(parts, "\n")
}

// open shows contractor id's editor, as the workbench asks.
func (s *contractorsScreen) open(id int64) {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		k, err := s.svc.FindContractorByID(ctx, id)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			s.showForm(*k)
		}
	})
}

// showForm opens the editor; a contractor without ID is a new one.
func (s *contractorsScreen) showForm(c govbuy.Contractor) *contractorForm {
	return showContractorForm(s.sh, s.svc, c, func(*govbuy.Contractor) { s.saved() })
}

// showContractorForm opens the editor of c; saved runs with the stored
// contractor once the save succeeds.
func showContractorForm(sh *shell, svc contractorEditor, c govbuy.Contractor, saved func(*govbuy.Contractor)) *contractorForm {
	f := &contractorForm{
		id:       c.ID,
		version:  c.Version,
		name:     entryWith(c.Name),
		code:     entryWith(c.CreditCode),
		override: entryWith(c.CodeOverride),
		legalRep: entryWith(c.LegalRep),
		phone:    entryWith(c.Phone),
		address:  entryWith(c.Address),
		bank:     entryWith(c.Bank),
		account:  entryWith(c.Account),
		notes:    widget.NewMultiLineEntry(),
		typ:      newSelect(stringsOf(govbuy.ContractorTypes), nil),
		quals:    newQualEditor(sh.win, c.Qualifications),
	}
	f.notes.SetText(c.Notes)
	f.typ.SetSelected(string(c.Type))
	f.override.SetPlaceHolder(lang.L("Only when the code fails its check: why it is kept"))

	form := newFieldForm()
	form.add(lang.L("Name"), f.name, "名称")
	f.typeField = form.add(lang.L("Contractor type"), f.typ, "主体类型")
	f.codeField = form.add("", f.code, "统一社会信用代码", "身份证号")
	f.codeField.reserveLabel(lang.L("Unified social credit code"), lang.L("ID card number"))
	f.overrideField = form.add(lang.L("Reason to keep"), f.override, "代码说明")
	form.add(lang.L("Legal representative"), f.legalRep, "法定代表人")
	f.phoneField = form.add(lang.L("Phone"), f.phone, "联系电话")
	form.add(lang.L("Address"), f.address, "地址")
	form.add(lang.L("Bank"), f.bank, "开户银行")
	form.add(lang.L("Account"), f.account, "银行账号")
	form.add(lang.L("Qualifications"), f.quals.view, "资质")
	form.add(lang.L("Notes"), f.notes, "备注")
	if c.ID != 0 {
		form.add(lang.L("Assessment record"), contractorStanding(sh, svc, c.ID))
	}
	form.check = problemsOf(f.read)
	f.quals.onChanged = form.changed
	f.checkCode()
	f.checkPhone()
	f.code.OnChanged = func(string) { f.checkCode() }
	f.typ.OnChanged = func(string) { f.checkCode() }
	f.phone.OnChanged = func(string) { f.checkPhone() }

	title := lang.L("New contractor")
	if c.ID != 0 {
		title = lang.L("Edit contractor")
	}
	f.formDialog = newFormDialog(sh.win, title, form, fyne.NewSize(920, 680), func() { f.saveTo(sh, svc, saved) })
	return f
}

func entryWith(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	return e
}

// checkCode names the code field for the type, refuses a type 第八条 bars
// as soon as it is chosen and, when the code fails its check, says why: a
// failed check is an error the officer may override with the reason below,
// never one passed over in silence. A code still being typed is left alone
// until a save is tried.
func (f *contractorForm) checkCode() {
	c := f.contractor()
	if c.Type.IsIndividual() {
		f.codeField.label.SetText(lang.L("ID card number"))
	} else {
		f.codeField.label.SetText(lang.L("Unified social credit code"))
	}
	f.typeField.setNote(messageOf(c.Type.CheckType()), widget.DangerImportance)
	problem := c.CodeProblem()
	if problem != nil && (f.tried || utf8.RuneCountInString(c.CreditCode) >= 18) {
		f.codeField.setNote(messageOf(problem), widget.DangerImportance)
		return
	}
	f.codeField.setNote("", widget.DangerImportance)
}

// checkPhone warns beside the phone of a number that does not look like
// one; it is kept all the same.
func (f *contractorForm) checkPhone() {
	f.phoneField.setNote(messageOf(govbuy.PhoneProblem(entryText(f.phone))), widget.WarningImportance)
}

// messageOf is the message of a domain error without its field, which the
// form shows beside; "" for nil.
func messageOf(err error) string {
	if err == nil {
		return ""
	}
	return problems(err)[0].Message
}

// contractor reads the form; the reason to keep a code counts only while
// the code fails its check.
func (f *contractorForm) contractor() *govbuy.Contractor {
	c := &govbuy.Contractor{
		ID:         f.id,
		Version:    f.version,
		Name:       f.name.Text,
		Type:       govbuy.ContractorType(f.typ.Selected),
		CreditCode: govbuy.NormalizeCode(f.code.Text),
		LegalRep:   entryText(f.legalRep),
		Phone:      entryText(f.phone),
		Address:    entryText(f.address),
		Bank:       entryText(f.bank),
		Account:    entryText(f.account),
		Notes:      entryText(f.notes),
	}
	if c.CodeProblem() != nil {
		c.CodeOverride = entryText(f.override)
	}
	return c
}

// read is the contractor with its qualifications and every problem a save
// would find before writing.
func (f *contractorForm) read() (*govbuy.Contractor, govbuy.ValidationErrors) {
	c := f.contractor()
	quals, found := f.quals.values()
	c.Qualifications = quals
	return c, validate(c, found)
}

func (f *contractorForm) saveTo(sh *shell, svc contractorEditor, saved func(*govbuy.Contractor)) {
	f.tried = true
	c, found := f.read()
	f.checkCode()
	f.submit(sh.tasks, found, func() error {
		if c.ID == 0 {
			return svc.CreateContractor(sh.ctx, c)
		}
		return svc.UpdateContractor(sh.ctx, c)
	}, func() { saved(c) })
}

func (s *contractorsScreen) saved() {
	s.reload()
	s.sh.changed()
}

func (s *contractorsScreen) confirmDelete(r govbuy.ContractorRow) {
	confirmDelete(s.sh, lang.L("Delete the contractor “{{.Name}}”?", map[string]any{"Name": r.Name}),
		func() error { return s.svc.DeleteContractor(s.sh.ctx, r.ID, r.Version) }, s.saved)
}

// qualEditor edits a contractor's qualifications as a short list of rows.
type qualEditor struct {
	win       fyne.Window
	rows      []*qualRow
	box       *fyne.Container
	view      fyne.CanvasObject
	onChanged func() // a row was typed in, added or removed; may be nil
}

type qualRow struct {
	kind, level, number, issuer *widget.Entry
	expiry                      *dateField
	view                        fyne.CanvasObject
}

func newQualEditor(win fyne.Window, quals []govbuy.Qualification) *qualEditor {
	q := &qualEditor{win: win, box: container.NewVBox()}
	for _, v := range quals {
		q.addRow(v)
	}
	add := widget.NewButtonWithIcon(lang.L("Add qualification"), theme.ContentAddIcon(), func() { q.addRow(govbuy.Qualification{}) })
	add.Importance = widget.LowImportance
	q.view = container.NewVBox(q.box, container.NewHBox(add))
	return q
}

func (q *qualEditor) addRow(v govbuy.Qualification) {
	r := &qualRow{
		kind: entryWith(v.Kind), level: entryWith(v.Level), number: entryWith(v.Number),
		issuer: entryWith(v.Issuer), expiry: newDateField(q.win),
	}
	r.kind.SetPlaceHolder(lang.L("Qualification"))
	r.level.SetPlaceHolder(lang.L("Level"))
	r.number.SetPlaceHolder(lang.L("Certificate number"))
	r.issuer.SetPlaceHolder(lang.L("Issuer"))
	r.expiry.set(v.Expiry)
	r.expiry.entry.SetPlaceHolder(lang.L("Valid until"))
	remove := newTapIcon(theme.DeleteIcon(), func() { q.removeRow(r) })
	r.view = container.NewBorder(nil, nil, nil, remove,
		container.NewGridWithColumns(5, r.kind, r.level, r.number, r.issuer, r.expiry.view))
	for _, e := range []*widget.Entry{r.kind, r.level, r.number, r.issuer, r.expiry.entry} {
		e.OnChanged = func(string) { q.changed() }
	}
	q.rows = append(q.rows, r)
	q.box.Add(r.view)
	q.changed()
}

func (q *qualEditor) changed() {
	if q.onChanged != nil {
		q.onChanged()
	}
}

func (q *qualEditor) removeRow(r *qualRow) {
	for i, x := range q.rows {
		if x == r {
			q.rows = append(q.rows[:i], q.rows[i+1:]...)
			break
		}
	}
	q.box.Remove(r.view)
	q.changed()
}

// values reads the rows, skipping blank ones; an unreadable expiry date is
// reported against the qualifications.
func (q *qualEditor) values() ([]govbuy.Qualification, govbuy.ValidationErrors) {
	var out []govbuy.Qualification
	var found govbuy.ValidationErrors
	for _, r := range q.rows {
		v := govbuy.Qualification{
			Kind: entryText(r.kind), Level: entryText(r.level), Number: entryText(r.number), Issuer: entryText(r.issuer),
		}
		if v == (govbuy.Qualification{}) && entryText(r.expiry.entry) == "" {
			continue
		}
		exp, err := r.expiry.date("资质")
		if err != nil {
			err.Message = lang.L("Qualification {{.N}}: {{.Problem}}", map[string]any{"N": len(out) + 1, "Problem": err.Message})
			found = append(found, err)
		}
		v.Expiry = exp
		out = append(out, v)
	}
	return out, found
}
