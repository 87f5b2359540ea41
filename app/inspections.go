package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// showInspections lists the contract's inspections (督查) on the 考核
// screen, each with its edit and delete buttons.
func (s *assessmentsScreen) showInspections() {
	s.inspect.Enable()
	s.visits.RemoveAll()
	if len(s.inspections) == 0 {
		s.visits.Add(widget.NewLabel(lang.L("No inspection recorded yet.")))
	}
	for _, in := range s.inspections {
		edit := widget.NewButton(lang.L("Edit"), func() { s.showInspectionForm(in) })
		del := widget.NewButton(lang.L("Delete"), func() { s.confirmDeleteInspection(in) })
		s.visits.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), wrappedLabel(inspectionLine(in))))
	}
	// The list's height changed: the page lays out again, or the new lines
	// would draw over the heading below them.
	s.body.Refresh()
}

// inspectionLine is one inspection: when, how, for which period, by whom,
// what it found and took off, and how much evidence is kept.
func inspectionLine(in govbuy.Inspection) string {
	parts := []string{govbuy.FormatDate(in.Date), string(in.Kind), govbuy.PeriodLabel(in.Period), in.Inspectors}
	if f := strings.Join(strings.Fields(in.Findings), " "); f != "" {
		parts = append(parts, f)
	}
	for _, d := range in.Deductions {
		parts = append(parts, lang.L("{{.Criterion}} −{{.Points}} points", map[string]any{"Criterion": d.Criterion, "Points": d.Points.String()}))
	}
	if n := len(in.Attachments); n > 0 {
		parts = append(parts, lang.L("{{.Count}} attachments", map[string]any{"Count": n}))
	}
	return strings.Join(parts, "　")
}

// inspectionPeriods are the periods an inspection can count towards: the
// plan's, or the contract's year while it has no plan.
func (s *assessmentsScreen) inspectionPeriods() (govbuy.PeriodKind, []string) {
	kind := govbuy.PeriodYear
	if s.plan != nil {
		kind = s.plan.Period
	}
	return kind, kind.Periods(s.row.BudgetYear())
}

// newInspection starts an inspection of the chosen contract, dated today
// when today falls within one of its periods, else for the chosen period,
// dated as govbuy.PeriodDate dates it: a past period's last day.
func (s *assessmentsScreen) newInspection() *inspectionForm {
	if s.row == nil {
		return nil
	}
	in := govbuy.Inspection{ContractID: s.row.ID, Period: s.periodCode(), Kind: govbuy.InspectionScheduled}
	kind, periods := s.inspectionPeriods()
	today := time.Now()
	if slices.Contains(periods, kind.PeriodOf(today)) {
		in.Period = kind.PeriodOf(today)
	}
	if in.Period != "" {
		in.Date = govbuy.PeriodDate(in.Period, today)
	}
	return s.showInspectionForm(in)
}

func (s *assessmentsScreen) confirmDeleteInspection(in govbuy.Inspection) {
	id := s.row.ID
	confirmDelete(s.sh, lang.L("Delete the inspection of {{.Date}}?", map[string]any{"Date": govbuy.FormatDate(in.Date)}),
		func() error { return s.svc.DeleteInspection(s.sh.ctx, in.ID, in.Version) },
		func() {
			s.sh.changed()
			s.loadContract(id)
		})
}

// inspectionForm edits one inspection: its period follows the date typed
// until another is chosen, and its deductions name the plan's criteria.
type inspectionForm struct {
	*formDialog
	in          govbuy.Inspection // id and contract
	kind        govbuy.PeriodKind
	periods     []string
	period, how *widget.Select
	date        *dateField
	inspectors  *widget.Entry
	findings    *widget.Entry
	attachments *attachmentList
	deductions  *deductionRows
}

// showInspectionForm opens the editor; an inspection without ID is a new
// one.
func (s *assessmentsScreen) showInspectionForm(in govbuy.Inspection) *inspectionForm {
	f := &inspectionForm{in: in, date: newDateField(s.sh.win), inspectors: entryWith(in.Inspectors),
		how: newSelect(stringsOf(govbuy.InspectionKinds), nil), findings: widget.NewMultiLineEntry()}
	f.kind, f.periods = s.inspectionPeriods()
	labels := make([]string, len(f.periods))
	for i, code := range f.periods {
		labels[i] = govbuy.PeriodLabel(code)
	}
	f.period = newSelect(labels, nil)
	f.period.SetSelectedIndex(slices.Index(f.periods, in.Period))
	f.date.set(in.Date)
	f.date.entry.OnChanged = func(string) { f.dateChanged() }
	f.how.SetSelected(string(in.Kind))
	f.findings.Wrapping = fyne.TextWrapWord
	f.findings.SetMinRowsVisible(3)
	f.findings.SetText(in.Findings)
	f.attachments = newAttachmentList(s.sh, in.Attachments)
	f.deductions = newDeductionRows(s.plan, in.Deductions)

	form := newFieldForm()
	form.add(lang.L("Inspection date"), f.date.view, "督查日期")
	form.add(lang.L("Period"), f.period, "考核期间")
	form.add(lang.L("Inspection kind"), f.how, "督查方式")
	form.add(lang.L("Inspectors"), f.inspectors, "督查人员")
	form.add(lang.L("Findings"), f.findings, "督查发现")
	form.add(lang.L("Attachments"), f.attachments.view, "附件")
	form.add(lang.L("Deductions"), f.deductions.view, "扣分")
	plan := s.plan
	form.check = problemsOf(func() (*govbuy.Inspection, govbuy.ValidationErrors) { return f.read(plan) })
	f.deductions.onChanged = form.changed
	title := lang.L("New inspection")
	if in.ID != 0 {
		title = lang.L("Edit inspection")
	}
	f.formDialog = newFormDialog(s.sh.win, title, form, fyne.NewSize(820, 680), func() { s.saveInspection(f, plan) })
	return f
}

// dateChanged moves the period to the one the date falls in.
func (f *inspectionForm) dateChanged() {
	t, err := parseDate(f.date.entry.Text)
	if err != nil || t.IsZero() {
		return
	}
	if i := slices.Index(f.periods, f.kind.PeriodOf(t)); i >= 0 {
		f.period.SetSelectedIndex(i)
	}
}

// inspection reads the editor, with the problems of what it cannot read.
func (f *inspectionForm) inspection() (*govbuy.Inspection, govbuy.ValidationErrors) {
	in := &govbuy.Inspection{ID: f.in.ID, Version: f.in.Version, ContractID: f.in.ContractID, Kind: govbuy.InspectionKind(f.how.Selected),
		Inspectors: entryText(f.inspectors), Findings: strings.TrimSpace(f.findings.Text),
		Attachments: slices.Clone(f.attachments.paths)}
	if i := f.period.SelectedIndex(); i >= 0 {
		in.Period = f.periods[i]
	}
	var found govbuy.ValidationErrors
	var bad *govbuy.Error
	if in.Date, bad = f.date.date("督查日期"); bad != nil {
		found = append(found, bad)
	}
	in.Deductions, found = f.deductions.read(found)
	return in, found
}

// checkFunc stands where a record's Validate is expected, for a check that
// needs more than the record: an inspection is checked against its plan.
type checkFunc func() error

func (c checkFunc) Validate() error { return c() }

// read is the inspection with every problem a save would find before
// writing, checked against plan.
func (f *inspectionForm) read(plan *govbuy.AssessmentPlan) (*govbuy.Inspection, govbuy.ValidationErrors) {
	in, found := f.inspection()
	in.Normalize()
	return in, withDomainProblems(checkFunc(func() error { return in.Validate(plan) }), found)
}

func (s *assessmentsScreen) saveInspection(f *inspectionForm, plan *govbuy.AssessmentPlan) {
	in, found := f.read(plan)
	f.submit(s.sh.tasks, found, func() error {
		if in.ID == 0 {
			return s.svc.CreateInspection(s.sh.ctx, in)
		}
		return s.svc.UpdateInspection(s.sh.ctx, in)
	}, func() {
		s.sh.changed()
		s.loadContract(in.ContractID)
	})
}

// deductionRows edits the points an inspection takes off, one row per
// criterion of the plan it concerns, with what was found there.
type deductionRows struct {
	criteria  []string
	rows      []*deductionRow
	box       *fyne.Container
	view      fyne.CanvasObject
	onChanged func() // a row was changed, added or removed; may be nil
}

type deductionRow struct {
	criterion       *widget.Select
	points, finding *widget.Entry
	view            fyne.CanvasObject
}

func newDeductionRows(plan *govbuy.AssessmentPlan, ds []govbuy.Deduction) *deductionRows {
	r := &deductionRows{box: container.NewVBox()}
	if plan != nil {
		for _, c := range plan.Criteria {
			r.criteria = append(r.criteria, c.Name)
		}
	}
	add := widget.NewButtonWithIcon(lang.L("Add deduction"), theme.ContentAddIcon(), func() { r.add(govbuy.Deduction{}) })
	add.Importance = widget.LowImportance
	r.view = container.NewVBox(r.box, container.NewHBox(add))
	for _, d := range ds {
		r.add(d)
	}
	return r
}

func (r *deductionRows) add(d govbuy.Deduction) {
	row := &deductionRow{criterion: newSelect(r.criteria, nil), points: widget.NewEntry(), finding: entryWith(d.Finding)}
	row.criterion.PlaceHolder = lang.L("Criterion")
	row.criterion.SetSelected(d.Criterion)
	if d.Points != 0 {
		row.points.SetText(d.Points.String())
	}
	row.points.SetPlaceHolder(lang.L("Points"))
	row.finding.SetPlaceHolder(lang.L("What was found"))
	remove := newTapIcon(theme.DeleteIcon(), func() { r.remove(row) })
	row.criterion.OnChanged = func(string) { r.changed() }
	row.points.OnChanged = func(string) { r.changed() }
	row.finding.OnChanged = func(string) { r.changed() }
	height := row.points.MinSize().Height
	left := container.NewHBox(container.NewGridWrap(fyne.NewSize(180, height), row.criterion),
		container.NewGridWrap(fyne.NewSize(70, height), row.points))
	row.view = container.New(layout.NewBorderLayout(nil, nil, left, remove), left, row.finding, remove)
	r.rows = append(r.rows, row)
	r.box.Add(row.view)
	r.changed()
}

func (r *deductionRows) remove(row *deductionRow) {
	r.rows = slices.DeleteFunc(r.rows, func(x *deductionRow) bool { return x == row })
	r.box.Remove(row.view)
	r.changed()
}

func (r *deductionRows) changed() {
	if r.onChanged != nil {
		r.onChanged()
	}
}

// read returns the rows that are not blank, adding to found the points it
// cannot read, numbered as the officer sees the rows.
func (r *deductionRows) read(found govbuy.ValidationErrors) ([]govbuy.Deduction, govbuy.ValidationErrors) {
	var out []govbuy.Deduction
	for i, row := range r.rows {
		d := govbuy.Deduction{Criterion: row.criterion.Selected, Finding: entryText(row.finding)}
		text := entryText(row.points)
		if d.Criterion == "" && d.Finding == "" && text == "" {
			continue
		}
		if text != "" {
			v, err := govbuy.ParseScore(text)
			if err != nil {
				found = append(found, govbuy.Invalidf("扣分", "第%d行的扣分“%s”无法识别", i+1, text))
			}
			d.Points = v
		}
		out = append(out, d)
	}
	return out, found
}

// attachmentList keeps the photos and files kept as an inspection's
// evidence, by path: chosen in a file dialog or pasted, each openable in
// the system's viewer.
type attachmentList struct {
	sh    *shell
	paths []string
	box   *fyne.Container
	path  *widget.Entry
	view  fyne.CanvasObject
}

func newAttachmentList(sh *shell, paths []string) *attachmentList {
	a := &attachmentList{sh: sh, paths: slices.Clone(paths), box: container.NewVBox(), path: widget.NewEntry()}
	a.path.SetPlaceHolder(lang.L("Paste a file's path"))
	add := widget.NewButton(lang.L("Add the path"), func() {
		a.add(a.path.Text)
		a.path.SetText("")
	})
	choose := widget.NewButtonWithIcon(lang.L("Choose a file…"), theme.FolderOpenIcon(), a.choose)
	a.view = container.NewVBox(a.box, container.NewBorder(nil, nil, nil, container.NewHBox(add, choose), a.path))
	a.redraw()
	return a
}

// add keeps a path once; Windows' 复制文件地址 wraps it in quotes.
func (a *attachmentList) add(path string) {
	path = strings.Trim(strings.TrimSpace(path), `"`)
	if path == "" || slices.Contains(a.paths, path) {
		return
	}
	a.paths = append(a.paths, path)
	a.redraw()
}

func (a *attachmentList) remove(path string) {
	a.paths = slices.DeleteFunc(a.paths, func(p string) bool { return p == path })
	a.redraw()
}

func (a *attachmentList) redraw() {
	a.box.RemoveAll()
	for _, p := range a.paths {
		label := widget.NewLabel(p)
		label.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButton(lang.L("Open"), func() { a.open(p) })
		remove := widget.NewButton(lang.L("Remove"), func() { a.remove(p) })
		a.box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, remove), label))
	}
}

func (a *attachmentList) choose() {
	chooseFile(a.sh, openRequest(lang.L("Add attachment")), a.add)
}

// open shows the file in the system's viewer, as printing does; a file
// moved or on a drive not connected is said so here rather than by the
// viewer.
func (a *attachmentList) open(path string) {
	a.sh.tasks.run(func() func() {
		_, err := os.Stat(path)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(lang.L("File not found: {{.Path}}", map[string]any{"Path": path})), a.sh.win)
				return
			}
			u, err := url.Parse(storage.NewFileURI(path).String())
			if err == nil {
				err = fyne.CurrentApp().OpenURL(u)
			}
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s: %w", path, err), a.sh.win)
			}
		}
	})
}
