package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// assessmentStore is what the 考核 screen needs.
type assessmentStore interface {
	contractFinder
	govbuy.AssessmentService
	govbuy.InspectionService
	FindCatalog(ctx context.Context) ([]govbuy.CatalogItem, error)
	yearKeeper
}

// assessmentsScreen enters a contract's score for a period, criterion by
// criterion, and shows the total, grade and payable amount as they are
// typed, worked out by the same domain rules the store applies on save. A
// criterion left blank is 未评分: no total shows until every one is scored,
// and a save names those left.
type assessmentsScreen struct {
	sh       *shell
	svc      assessmentStore
	contract *picker
	period   *widget.Select
	planInfo *widget.Label
	planBtn  *widget.Button
	deducted *widget.Label // what the period's inspections took off, read only
	// form holds the criteria, the total and the rest, built afresh for
	// each plan; live is the total, grade and payable in it, in red when
	// the score pays nothing.
	form     *fieldForm
	formBox  *fyne.Container
	live     *messageLine
	assessor *widget.Entry
	date     *dateField
	remarks  *widget.Entry
	entry    fyne.CanvasObject // the scores and the rest, shown once there is a plan
	history  *widget.Label
	visits   *fyne.Container // the contract's inspections
	body     *fyne.Container // everything under the contract picker, scrolled
	inspect  *widget.Button
	save     *widget.Button
	banner   *closedBanner // the contract's year is closed
	// saved confirms the last save (of lastSave's period, at its time) once
	// the contract is read back: an update that changes nothing shows no
	// other sign.
	saved    *widget.Label
	lastSave struct {
		period string
		at     time.Time
	}

	row         *govbuy.ContractRow
	loading     int64  // the contract asked for last: an older load is dropped
	wantPeriod  string // the period to choose once the contract is read
	plan        *govbuy.AssessmentPlan
	catalog     string // the contract's catalog code, whose template a new plan starts from
	done        []govbuy.Assessment
	inspections []govbuy.Inspection
	rows        []*criterionRow
	// whole takes the score as one figure when the plan has no criteria
	// (nil otherwise): such a plan is scored, not taken for 0 分 (差).
	whole   *widget.Entry
	tried   bool // a save of the period was tried: criteria left blank are problems now
	content fyne.CanvasObject
}

// criterionRow is one criterion's score and the reason for points deducted;
// its problems show under them.
type criterionRow struct {
	criterion     govbuy.Criterion
	score, reason *widget.Entry
	field         *formField
}

func newAssessmentsScreen(sh *shell, svc assessmentStore) *assessmentsScreen {
	s := &assessmentsScreen{sh: sh, svc: svc}
	s.contract = newContractPicker(sh, svc)
	s.contract.onChanged = func(c choice) { s.loadContract(c.id) }
	s.period = newSelect(nil, func(string) { s.fillPeriod() })
	s.period.PlaceHolder = lang.L("Choose a period")
	s.planInfo = wrappedLabel(lang.L("Choose a contract to assess."))
	s.planBtn = widget.NewButton(lang.L("Assessment plan"), func() { s.editPlan() })
	s.planBtn.Disable()
	s.deducted = wrappedLabel("")
	s.deducted.Importance = widget.WarningImportance
	s.deducted.Hide()
	s.formBox = container.NewStack()
	s.history = wrappedLabel("")
	s.visits = container.NewVBox()
	s.inspect = widget.NewButtonWithIcon(lang.L("Record an inspection"), theme.ContentAddIcon(), func() { s.newInspection() })
	s.inspect.Disable()
	s.save = widget.NewButton(lang.L("Save assessment"), s.saveAssessment)
	s.save.Importance = widget.HighImportance
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	s.entry = container.NewVBox(s.deducted, s.formBox, container.NewHBox(s.save, s.saved))
	s.entry.Hide()
	period := container.NewGridWrap(fyne.NewSize(170, s.period.MinSize().Height), s.period)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("Period")), period, s.planBtn), s.contract.view)
	s.banner = newClosedBanner(sh, svc, s.reload, func(closed bool) { enableIf(s.save, !closed) })
	s.body = container.NewVBox(s.banner.box, s.planInfo, s.entry,
		heading(lang.L("Inspections")), container.NewHBox(s.inspect), s.visits,
		heading(lang.L("Recorded assessments")), s.history)
	s.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.body))
	return s
}

func (s *assessmentsScreen) view() fyne.CanvasObject { return s.content }

func (s *assessmentsScreen) reload() {
	if s.row != nil {
		s.loadContract(s.row.ID)
	}
}

// open shows contract c with period chosen, as the workbench asks.
func (s *assessmentsScreen) open(c choice, period string) {
	s.contract.show(c)
	s.wantPeriod = period
	s.loadContract(c.id)
}

// loadContract reads the contract, its plan, its assessments, its
// inspections and its catalog item. The period chosen stays chosen when
// the same contract is read again after a write.
func (s *assessmentsScreen) loadContract(id int64) {
	ctx := s.sh.ctx
	s.loading = id
	s.sh.tasks.run(func() func() {
		row, err := s.svc.FindContractByID(ctx, id)
		var plan *govbuy.AssessmentPlan
		var done []govbuy.Assessment
		if err == nil {
			plan, err = s.svc.FindPlan(ctx, id)
			if govbuy.ErrorKindOf(err) == govbuy.ENotFound {
				plan, err = nil, nil
			}
		}
		if err == nil {
			done, err = s.svc.FindAssessments(ctx, id)
		}
		var inspections []govbuy.Inspection
		if err == nil {
			inspections, err = s.svc.FindInspections(ctx, id)
		}
		var items []govbuy.CatalogItem
		if err == nil {
			items, err = s.svc.FindCatalog(ctx)
		}
		return func() {
			if id != s.loading {
				return
			}
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			same := s.row != nil && s.row.ID == row.ID
			s.row, s.plan, s.done, s.inspections = row, plan, done, inspections
			s.catalog = ""
			for _, it := range items {
				if it.ID == row.CatalogID {
					s.catalog = it.Code
				}
			}
			s.showInspections()
			s.showPlan(same)
			s.banner.check(row.Year)
		}
	})
}

// showPlan lays out the plan's criteria and periods, or offers to set up a
// plan when the contract has none. keepPeriod keeps the chosen period.
func (s *assessmentsScreen) showPlan(keepPeriod bool) {
	want := s.wantPeriod
	s.wantPeriod = ""
	s.rows, s.whole = nil, nil
	s.showHistory()
	s.planBtn.Enable()
	if s.plan == nil {
		s.planInfo.SetText(lang.L("This contract has no assessment plan yet: set one up first."))
		s.planBtn.Importance = widget.HighImportance
		s.planBtn.Refresh()
		s.period.SetOptions(nil)
		s.entry.Hide()
		return
	}
	s.planBtn.Importance = widget.MediumImportance
	s.planBtn.Refresh()
	p := s.plan
	s.planInfo.SetText(lang.L("Assessed every {{.Period}}; {{.Rule}}", map[string]any{"Period": string(p.Period), "Rule": p.Rule.Describe()}))
	s.buildForm(p)
	periods := p.Period.Periods(s.row.BudgetYear())
	labels := make([]string, len(periods))
	for i, code := range periods {
		labels[i] = govbuy.PeriodLabel(code)
	}
	s.entry.Show()
	choose := 0
	if i := slices.Index(labels, s.period.Selected); keepPeriod && i >= 0 {
		choose = i
	}
	if i := slices.Index(periods, want); i >= 0 {
		choose = i
	}
	s.period.SetOptions(labels)
	if s.period.SelectedIndex() == choose {
		s.fillPeriod() // the rows are new: fill them though the choice stays
	} else {
		s.period.SetSelectedIndex(choose)
	}
}

// buildForm lays out the plan's criteria, the live total and the rest in a
// form of their own: every row keeps its place whatever its messages say.
func (s *assessmentsScreen) buildForm(p *govbuy.AssessmentPlan) {
	s.form = newFieldForm()
	for _, c := range p.Criteria {
		r := &criterionRow{criterion: c, score: widget.NewEntry(), reason: widget.NewEntry()}
		r.score.SetPlaceHolder(lang.L("Unscored"))
		r.reason.SetPlaceHolder(lang.L("Reason for points deducted"))
		height := r.score.MinSize().Height
		label := lang.L("{{.Name}} ({{.Points}} points)", map[string]any{"Name": c.Name, "Points": c.Points.String()})
		r.field = s.form.add(label, leftThen(container.NewGridWrap(fyne.NewSize(90, height), r.score), r.reason), govbuy.Field(c.Name))
		s.rows = append(s.rows, r)
	}
	s.live = newMessageLine(2)
	if len(p.Criteria) == 0 {
		s.whole = widget.NewEntry()
		s.whole.SetPlaceHolder(lang.L("Unscored"))
		height := s.whole.MinSize().Height
		s.form.add(lang.L("Score (out of 100)"), container.NewGridWrap(fyne.NewSize(90, height), s.whole), govbuy.FieldScore)
		s.form.add(lang.L("Payable"), s.live)
	} else {
		s.form.add(lang.L("Total"), s.live, govbuy.FieldScore)
	}
	s.assessor, s.date, s.remarks = widget.NewEntry(), newDateField(s.sh.win), widget.NewEntry()
	s.form.add(lang.L("Assessor"), s.assessor, "考核人")
	s.form.add(lang.L("Assessment date"), s.date.view, "考核日期")
	s.form.add(lang.L("Remarks"), s.remarks, "备注")
	for _, e := range append(s.entries(), s.assessor, s.date.entry, s.remarks) {
		e.OnChanged = func(string) { s.update() }
	}
	s.formBox.Objects = []fyne.CanvasObject{s.form.content()}
	s.formBox.Refresh()
}

// entries are the score and reason entries, criterion by criterion, or
// the one score of a plan without criteria.
func (s *assessmentsScreen) entries() []*widget.Entry {
	if s.whole != nil {
		return []*widget.Entry{s.whole}
	}
	var out []*widget.Entry
	for _, r := range s.rows {
		out = append(out, r.score, r.reason)
	}
	return out
}

func (s *assessmentsScreen) periodCode() string {
	if s.plan == nil || s.period.SelectedIndex() < 0 {
		return ""
	}
	return s.plan.Period.Periods(s.row.BudgetYear())[s.period.SelectedIndex()]
}

// existing is the stored assessment of the chosen period, if any.
func (s *assessmentsScreen) existing() *govbuy.Assessment {
	code := s.periodCode()
	for i := range s.done {
		if s.done[i].Period == code {
			return &s.done[i]
		}
	}
	return nil
}

// fillPeriod shows the stored scores of the chosen period, or starts a
// new assessment from what the period's inspections took off: a criterion
// they deducted from shows its reduced score with their findings as the
// reason; the others are left empty, to be scored. A new assessment is
// dated as govbuy.PeriodDate dates it: a past period's last day.
func (s *assessmentsScreen) fillPeriod() {
	if s.plan == nil {
		return
	}
	a := s.existing()
	items := govbuy.SuggestItems(s.plan, s.periodDeductions())
	if a != nil {
		items = a.Items
	}
	for _, r := range s.rows {
		score, reason := "", ""
		for _, it := range items {
			if it.Criterion == r.criterion.Name && (a != nil || it.Reason != "") {
				score, reason = it.Score.String(), it.Reason
			}
		}
		r.score.SetText(score)
		r.reason.SetText(reason)
	}
	if s.whole != nil {
		s.whole.SetText("")
		if a != nil {
			s.whole.SetText(a.Score.String())
		}
	}
	s.showDeductions()
	s.tried = false
	s.assessor.SetText("")
	s.remarks.SetText("")
	s.date.set(govbuy.PeriodDate(s.periodCode(), time.Now()))
	s.save.SetText(lang.L("Save assessment"))
	if a != nil {
		s.assessor.SetText(a.Assessor)
		s.remarks.SetText(a.Remarks)
		s.date.set(a.Date)
		s.save.SetText(lang.L("Save changes"))
	}
	s.saved.SetText("")
	if s.lastSave.period != "" && s.lastSave.period == s.periodCode() {
		s.saved.SetText(lang.L("Saved at {{.Time}}", map[string]any{"Time": s.lastSave.at.Format("15:04")}))
	}
	s.lastSave.period = ""
	s.update()
}

// read turns the entries into an assessment, totalled by the domain, with
// every problem found. ok is false while some score cannot count towards a
// total (blank, unreadable, or above its criterion's points): no total,
// grade or payable can be shown then. A missing reason leaves them showing.
func (s *assessmentsScreen) read() (a *govbuy.Assessment, ok bool, found govbuy.ValidationErrors) {
	a = &govbuy.Assessment{ContractID: s.row.ID, Period: s.periodCode(), Assessor: s.assessor.Text, Remarks: s.remarks.Text}
	if old := s.existing(); old != nil {
		a.ID, a.Version = old.ID, old.Version
	}
	ok = true
	for _, r := range s.rows {
		score, given, problem := readScore(r.score, govbuy.Field(r.criterion.Name))
		if problem != nil {
			found = append(found, problem)
		}
		if !given {
			ok = false // blank is 未评分: the plan names it below
			continue
		}
		ok = ok && score <= r.criterion.Points
		a.Items = append(a.Items, govbuy.ItemScore{Criterion: r.criterion.Name, Score: score, Reason: r.reason.Text})
	}
	if s.whole != nil {
		score, given, problem := readScore(s.whole, govbuy.FieldScore)
		if problem != nil {
			found = append(found, problem)
		}
		a.Score, ok = score, given && score <= govbuy.MaxScore
	}
	if d, problem := s.date.date("考核日期"); problem != nil {
		found = append(found, problem)
	} else {
		a.Date = d
	}
	// What could not be read is not also 未评分: the domain's problems are
	// added for the other fields only.
	return a, ok, withDomainProblems(checkFunc(func() error { return s.validate(a) }), found)
}

// readScore reads a score entry, criterion's or whole; given is false
// while it is blank (未评分, see unscored) or unreadable (the problem, at
// field).
func readScore(e *widget.Entry, field govbuy.Field) (score govbuy.Score, given bool, problem *govbuy.Error) {
	text := entryText(e)
	if text == "" {
		return 0, false, nil
	}
	score, err := govbuy.ParseScore(text)
	if err != nil {
		return 0, false, govbuy.Invalidf(field, "%s", problems(err)[0].Message)
	}
	return score, true, nil
}

// unscored names what is left to score: the criteria left blank, or the
// score itself when a plan without criteria has none yet.
func (s *assessmentsScreen) unscored(items []govbuy.ItemScore) govbuy.ValidationErrors {
	if s.whole == nil {
		return s.plan.Unscored(items)
	}
	if entryText(s.whole) != "" {
		return nil
	}
	return govbuy.ValidationErrors{govbuy.Invalidf(govbuy.FieldScore, "未评分，请填写得分（满分%s分）", govbuy.MaxScore)}
}

// validate checks a against the plan and the period's inspections; with
// nothing scored at all every criterion is 未评分 (or the score, when the
// plan has no criteria), where Validate would take the assessment for a
// bare total of 0 分.
func (s *assessmentsScreen) validate(a *govbuy.Assessment) error {
	deductions := s.periodDeductions()
	a.Normalize(s.plan, deductions)
	err := a.Validate(s.plan, deductions)
	if len(a.Items) > 0 {
		return err
	}
	v := s.unscored(nil)
	if err != nil {
		v = append(v, problems(err)...)
	}
	return v.Err()
}

// update shows the total, grade and payable of what is typed so far —
// in red when the score pays nothing — and each problem beside its
// criterion. Criteria still blank are listed instead of a total; they are
// problems of their own once a save was tried.
func (s *assessmentsScreen) update() {
	if s.plan == nil || s.periodCode() == "" {
		return
	}
	a, ok, found := s.read()
	unscored := s.unscored(a.Items)
	if !s.tried {
		found = slices.DeleteFunc(found, func(e *govbuy.Error) bool { return slices.ContainsFunc(unscored, sameProblem(e)) })
	}
	s.form.live(found)
	switch {
	case len(unscored) > 0:
		s.live.set(unscoredText(unscored), widget.WarningImportance)
	case !ok:
		s.live.set("", widget.MediumImportance)
	default:
		// The period's payable depends on its own score alone, so settling
		// the score being typed is enough to preview it.
		st := govbuy.Settle(&s.row.Contract, s.plan, []govbuy.Assessment{*a}, nil)
		p, _ := st.Period(a.Period)
		importance := widget.MediumImportance
		if s.plan.Rule.PaysNothingAt(a.Score) {
			importance = widget.DangerImportance
		}
		s.live.set(p.Explanation(), importance)
	}
}

// sameProblem matches a problem of the same field and message as e.
func sameProblem(e *govbuy.Error) func(*govbuy.Error) bool {
	return func(x *govbuy.Error) bool { return x.Field == e.Field && x.Message == e.Message }
}

// unscoredText lists the criteria not scored yet: 未评分：路面保洁、安全设施.
func unscoredText(unscored govbuy.ValidationErrors) string {
	names := make([]string, len(unscored))
	for i, e := range unscored {
		names[i] = string(e.Field)
	}
	return lang.L("Unscored: {{.Criteria}}", map[string]any{"Criteria": strings.Join(names, "、")})
}

func (s *assessmentsScreen) saveAssessment() {
	if s.plan == nil || s.row == nil {
		return
	}
	s.tried = true
	a, _, found := s.read()
	if len(found) > 0 {
		s.update()
		return
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		write := s.svc.CreateAssessment
		if a.ID != 0 {
			write = s.svc.UpdateAssessment
		}
		err := write(ctx, a)
		return func() {
			if err != nil {
				s.form.show(err)
				return
			}
			s.lastSave.period, s.lastSave.at = a.Period, time.Now()
			s.sh.changed()
			s.loadContract(s.row.ID)
		}
	})
}

// periodDeductions are what the inspections of the chosen period took off.
func (s *assessmentsScreen) periodDeductions() []govbuy.InspectionDeduction {
	return govbuy.DeductionsOf(s.inspections, s.periodCode())
}

// showDeductions lists the period's deductions above the total: the
// assessment must take them off, and they are changed on the inspection.
func (s *assessmentsScreen) showDeductions() {
	var lines []string
	for _, d := range s.periodDeductions() {
		lines = append(lines, d.Criterion+"："+d.Text())
	}
	s.deducted.SetText(lang.L("Taken off by this period's inspections:") + "\n" + strings.Join(lines, "\n"))
	showIf(s.deducted, len(lines) > 0)
}

func (s *assessmentsScreen) showHistory() {
	var lines []string
	for _, a := range s.done {
		lines = append(lines, assessmentLine(a, s.plan))
	}
	s.history.SetText(orNone(lines, lang.L("No assessment recorded yet.")))
}

// editPlan sets up or changes the contract's plan; a new plan starts from
// the template of the contract's catalog item.
func (s *assessmentsScreen) editPlan() *planForm {
	if s.row == nil {
		return nil
	}
	p := s.plan
	if p == nil {
		t := govbuy.PlanTemplate(s.catalog)
		p = &t
	}
	id := s.row.ID
	return showPlanForm(s.sh, s.svc, s.row, p, func() {
		s.sh.changed()
		s.loadContract(id)
	})
}
