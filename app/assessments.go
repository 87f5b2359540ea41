package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// assessmentStore is what the 考核 screen needs.
type assessmentStore interface {
	contractFinder
	govbuy.AssessmentService
	FindCatalog(ctx context.Context) ([]govbuy.CatalogItem, error)
}

// assessmentsScreen enters a contract's score for a period, criterion by
// criterion, and shows the total, grade and payable amount as they are
// typed, worked out by the same domain rules the store applies on save.
type assessmentsScreen struct {
	sh       *shell
	svc      assessmentStore
	contract *picker
	period   *widget.Select
	planInfo *widget.Label
	planBtn  *widget.Button
	items    *fyne.Container
	live     *widget.Label
	assessor *widget.Entry
	date     *dateField
	remarks  *widget.Entry
	history  *widget.Label
	save     *widget.Button

	row     *govbuy.ContractRow
	plan    *govbuy.AssessmentPlan
	catalog string // the contract's catalog code, whose template a new plan starts from
	done    []govbuy.Assessment
	scores  []*widget.Entry
	reasons []*widget.Entry
	content fyne.CanvasObject
}

func newAssessmentsScreen(sh *shell, svc assessmentStore) *assessmentsScreen {
	s := &assessmentsScreen{sh: sh, svc: svc}
	s.contract = newContractPicker(sh, svc)
	s.contract.onChanged = func(c choice) { s.loadContract(c.id) }
	s.period = widget.NewSelect(nil, func(string) { s.fillPeriod() })
	s.period.PlaceHolder = lang.L("Choose a period")
	s.planInfo = widget.NewLabel(lang.L("Choose a contract to assess."))
	s.planInfo.Wrapping = fyne.TextWrapWord
	s.planBtn = widget.NewButton(lang.L("Assessment plan"), s.editPlan)
	s.items = container.NewVBox()
	s.live = widget.NewLabel("")
	s.live.Wrapping = fyne.TextWrapWord
	s.live.TextStyle.Bold = true
	s.assessor = widget.NewEntry()
	s.date = newDateField(sh.win)
	s.remarks = widget.NewEntry()
	s.history = widget.NewLabel("")
	s.history.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButton(lang.L("Save assessment"), s.saveAssessment)
	s.save.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("Period")), s.period, s.planBtn), s.contract.view)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Assessor"), s.assessor),
		widget.NewFormItem(lang.L("Assessment date"), s.date.view),
		widget.NewFormItem(lang.L("Remarks"), s.remarks))
	body := container.NewVBox(s.planInfo, s.items, s.live, form, container.NewHBox(s.save), widget.NewSeparator(), s.history)
	s.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
	return s
}

func (s *assessmentsScreen) view() fyne.CanvasObject { return s.content }

func (s *assessmentsScreen) reload() {
	if s.row != nil {
		s.loadContract(s.row.ID)
	}
}

// loadContract reads the contract, its plan and its assessments.
func (s *assessmentsScreen) loadContract(id int64) {
	ctx := s.sh.ctx
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
		var items []govbuy.CatalogItem
		if err == nil {
			items, err = s.svc.FindCatalog(ctx)
		}
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			s.row, s.plan, s.done = row, plan, done
			s.catalog = ""
			for _, it := range items {
				if it.ID == row.CatalogID {
					s.catalog = it.Code
				}
			}
			s.showPlan()
		}
	})
}

func (s *assessmentsScreen) showPlan() {
	s.items.RemoveAll()
	s.scores, s.reasons = nil, nil
	s.showHistory()
	if s.plan == nil {
		s.planInfo.SetText(lang.L("This contract has no assessment plan yet: set one up first."))
		s.period.SetOptions(nil)
		s.live.SetText("")
		return
	}
	p := s.plan
	s.planInfo.SetText(lang.L("Assessed every {{.Period}}; {{.Rule}}", map[string]any{"Period": string(p.Period), "Rule": p.Rule.Describe()}))
	for _, c := range p.Criteria {
		score, reason := widget.NewEntry(), widget.NewEntry()
		score.SetPlaceHolder(c.Points.String())
		reason.SetPlaceHolder(lang.L("Reason for points deducted"))
		score.OnChanged = func(string) { s.update() }
		reason.OnChanged = func(string) { s.update() }
		s.scores, s.reasons = append(s.scores, score), append(s.reasons, reason)
		label := widget.NewLabel(lang.L("{{.Name}} ({{.Points}} points)", map[string]any{"Name": c.Name, "Points": c.Points.String()}))
		s.items.Add(container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(220, 36), label),
			container.NewGridWrap(fyne.NewSize(90, 36), score)), nil, reason))
	}
	periods := p.Period.Periods(s.row.BudgetYear())
	labels := make([]string, len(periods))
	for i, code := range periods {
		labels[i] = govbuy.PeriodLabel(code)
	}
	s.period.SetOptions(labels)
	s.period.SetSelectedIndex(0)
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

// fillPeriod shows the stored scores of the chosen period, or empty entries.
func (s *assessmentsScreen) fillPeriod() {
	a := s.existing()
	for i, c := range s.plan.Criteria {
		score, reason := "", ""
		if a != nil {
			for _, it := range a.Items {
				if it.Criterion == c.Name {
					score, reason = it.Score.String(), it.Reason
				}
			}
		}
		s.scores[i].SetText(score)
		s.reasons[i].SetText(reason)
	}
	s.assessor.SetText("")
	s.remarks.SetText("")
	s.date.set(time.Now())
	if a != nil {
		s.assessor.SetText(a.Assessor)
		s.remarks.SetText(a.Remarks)
		s.date.set(a.Date)
	}
	s.update()
}

// assessment reads the entries into an assessment, with the problems of
// entries that are not scores.
func (s *assessmentsScreen) assessment() (*govbuy.Assessment, error) {
	a := &govbuy.Assessment{ContractID: s.row.ID, Period: s.periodCode(), Assessor: s.assessor.Text, Remarks: s.remarks.Text}
	if old := s.existing(); old != nil {
		a.ID = old.ID
	}
	var problems govbuy.ValidationErrors
	for i, c := range s.plan.Criteria {
		text := strings.TrimSpace(s.scores[i].Text)
		score := c.Points // an empty entry means full marks
		if text != "" {
			v, err := govbuy.ParseScore(text)
			if err != nil {
				problems = append(problems, govbuy.Invalidf(c.Name, "%s", govbuy.ErrorMessage(err)))
				continue
			}
			score = v
		}
		a.Items = append(a.Items, govbuy.ItemScore{Criterion: c.Name, Score: score, Reason: s.reasons[i].Text})
	}
	if d, problem := s.date.date("考核日期"); problem != nil {
		problems = append(problems, problem)
	} else {
		a.Date = d
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return a, a.Validate(s.plan)
}

// update shows the total, grade and payable of what is typed so far.
func (s *assessmentsScreen) update() {
	if s.plan == nil || s.periodCode() == "" {
		return
	}
	a, err := s.assessment()
	if err != nil {
		s.live.SetText(govbuy.ErrorMessage(err))
		s.live.Importance = widget.DangerImportance
		s.live.Refresh()
		return
	}
	base := s.plan.Installment(s.row.Amount, s.row.BudgetYear(), a.Period)
	s.live.Importance = widget.MediumImportance
	s.live.SetText(s.plan.Rule.Explain(a.Period, a.Score, s.plan.Bands.Grade(a.Score), base))
}

func (s *assessmentsScreen) saveAssessment() {
	if s.plan == nil || s.row == nil {
		return
	}
	a, err := s.assessment()
	if err != nil {
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
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			s.sh.changed()
			s.loadContract(s.row.ID)
		}
	})
}

func (s *assessmentsScreen) showHistory() {
	if len(s.done) == 0 {
		s.history.SetText(lang.L("No assessment recorded yet."))
		return
	}
	var lines []string
	for _, a := range s.done {
		grade := govbuy.DefaultGradeBands.Grade(a.Score)
		if s.plan != nil {
			grade = s.plan.Bands.Grade(a.Score)
		}
		lines = append(lines, govbuy.PeriodLabel(a.Period)+"　"+a.Score.String()+"（"+string(grade)+"）　"+a.Assessor+"　"+govbuy.FormatDate(a.Date))
	}
	s.history.SetText(lang.L("Recorded assessments:") + "\n" + strings.Join(lines, "\n"))
}

// planFields are the plan editor's entries. Lists are written one item a
// line ("名称=分值", "95=100" for a band, "2024Q1=245000" for an
// installment), which is quick to type and to paste from a scheme.
type planFields struct {
	period, rule                                    *widget.Select
	criteria, grades, payBands, installments, param *widget.Entry
}

func newPlanFields(p *govbuy.AssessmentPlan) *planFields {
	f := &planFields{
		period:   widget.NewSelect(stringsOf(govbuy.PeriodKinds), nil),
		criteria: widget.NewMultiLineEntry(), grades: widget.NewEntry(), payBands: widget.NewMultiLineEntry(),
		installments: widget.NewMultiLineEntry(), param: widget.NewEntry(),
	}
	kinds := make([]string, len(govbuy.RuleKinds))
	for i, k := range govbuy.RuleKinds {
		kinds[i] = k.Label()
	}
	f.rule = widget.NewSelect(kinds, nil)
	f.period.SetSelected(string(p.Period))
	f.rule.SetSelected(p.Rule.Kind.Label())
	var lines []string
	for _, c := range p.Criteria {
		lines = append(lines, c.Name+"="+c.Points.String())
	}
	f.criteria.SetText(strings.Join(lines, "\n"))
	f.grades.SetText(p.Bands.Excellent.String() + "," + p.Bands.Good.String() + "," + p.Bands.Fair.String())
	lines = nil
	for _, b := range p.Rule.Bands {
		lines = append(lines, b.Min.String()+"="+strings.TrimSuffix(b.Rate.String(), "%"))
	}
	f.payBands.SetText(strings.Join(lines, "\n"))
	lines = nil
	for code, m := range p.Installments {
		lines = append(lines, code+"="+m.String())
	}
	f.installments.SetText(strings.Join(lines, "\n"))
	switch p.Rule.Kind {
	case govbuy.RuleProportional:
		f.param.SetText(strings.TrimSuffix(p.Rule.Floor.String(), "%"))
	case govbuy.RuleThreshold:
		f.param.SetText(p.Rule.Threshold.String())
	case govbuy.RuleWithheld:
		f.param.SetText(strings.TrimSuffix(p.Rule.Withheld.String(), "%"))
	}
	f.param.SetPlaceHolder(lang.L("Floor %, threshold score or withheld %"))
	return f
}

func (f *planFields) form() *widget.Form {
	return widget.NewForm(
		widget.NewFormItem(lang.L("Assessment period"), f.period),
		widget.NewFormItem(lang.L("Criteria (name=points)"), f.criteria),
		widget.NewFormItem(lang.L("Grade bands (excellent, good, fair)"), f.grades),
		widget.NewFormItem(lang.L("Payment rule"), f.rule),
		widget.NewFormItem(lang.L("Rule parameter"), f.param),
		widget.NewFormItem(lang.L("Score bands (score=%)"), f.payBands),
		widget.NewFormItem(lang.L("Installments (period=yuan)"), f.installments))
}

// editPlan sets up or changes the contract's plan; a new plan starts from
// the template of the contract's catalog item.
func (s *assessmentsScreen) editPlan() {
	if s.row == nil {
		return
	}
	p := s.plan
	if p == nil {
		t := govbuy.PlanTemplate(s.catalog)
		p = &t
	}
	f := newPlanFields(p)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	dlg = dialog.NewCustomConfirm(lang.L("Assessment plan"), lang.L("Save"), lang.L("Cancel"), container.NewVScroll(container.NewVBox(f.form(), problem)), func(ok bool) {
		if !ok {
			return
		}
		next, err := f.plan(s.row.ID)
		if err == nil {
			err = next.Validate()
		}
		if err != nil {
			problem.SetText(govbuy.ErrorMessage(err))
			dlg.Show()
			return
		}
		s.savePlan(next)
	}, s.sh.win)
	dlg.Resize(fyne.NewSize(620, 640))
	dlg.Show()
}

// plan reads the editor into a plan, naming the field and line of anything
// it cannot read.
func (f *planFields) plan(contractID int64) (*govbuy.AssessmentPlan, error) {
	p := &govbuy.AssessmentPlan{ContractID: contractID, Period: govbuy.PeriodKind(f.period.Selected)}
	var err error
	if p.Criteria, err = readCriteria(f.criteria.Text); err != nil {
		return nil, err
	}
	if p.Bands, err = readGrades(f.grades.Text); err != nil {
		return nil, err
	}
	if f.rule.SelectedIndex() < 0 {
		return nil, govbuy.Invalidf("支付规则", "请选择支付规则")
	}
	p.Rule.Kind = govbuy.RuleKinds[f.rule.SelectedIndex()]
	if err := readRuleParam(&p.Rule, f.param.Text); err != nil {
		return nil, err
	}
	if p.Rule.Kind == govbuy.RuleBanded {
		if p.Rule.Bands, err = readPayBands(f.payBands.Text); err != nil {
			return nil, err
		}
	}
	p.Installments, err = readInstallments(f.installments.Text)
	return p, err
}

// eachLine calls fn with the two sides of every "a=b" line, numbered from 1.
func eachLine(text, field, example string, fn func(n int, a, b string) error) error {
	for i, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		a, b, ok := strings.Cut(strings.ReplaceAll(line, "＝", "="), "=")
		if !ok {
			return govbuy.Invalidf(field, "第%d行应写作“%s”", i+1, example)
		}
		if err := fn(i+1, strings.TrimSpace(a), strings.TrimSpace(b)); err != nil {
			return err
		}
	}
	return nil
}

func readCriteria(text string) ([]govbuy.Criterion, error) {
	var out []govbuy.Criterion
	err := eachLine(text, "考核指标", "路面保洁=30", func(n int, name, points string) error {
		v, err := govbuy.ParseScore(points)
		if err != nil {
			return govbuy.Invalidf("考核指标", "第%d行的分值“%s”无法识别", n, points)
		}
		out = append(out, govbuy.Criterion{Name: name, Points: v})
		return nil
	})
	return out, err
}

func readGrades(text string) (govbuy.GradeBands, error) {
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '，' || r == ' ' })
	if len(parts) != 3 {
		return govbuy.GradeBands{}, govbuy.Invalidf("等级分界", "应写作“90,80,60”（优、良、中的最低分）")
	}
	var v [3]govbuy.Score
	for i, s := range parts {
		score, err := govbuy.ParseScore(s)
		if err != nil {
			return govbuy.GradeBands{}, govbuy.Invalidf("等级分界", "无法识别“%s”", s)
		}
		v[i] = score
	}
	return govbuy.GradeBands{Excellent: v[0], Good: v[1], Fair: v[2]}, nil
}

// percentRate reads "98" or "98.5%" as a rate.
func percentRate(s string) (govbuy.Rate, bool) {
	v, err := govbuy.ParseScore(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	return govbuy.Rate(int(v) * 10), err == nil
}

func readRuleParam(r *govbuy.PaymentRule, text string) error {
	if text = strings.TrimSpace(text); text == "" {
		return nil
	}
	bad := govbuy.Invalidf("规则参数", "无法识别“%s”", text)
	switch r.Kind {
	case govbuy.RuleProportional, govbuy.RuleWithheld:
		rate, ok := percentRate(text)
		if !ok {
			return bad
		}
		if r.Kind == govbuy.RuleProportional {
			r.Floor = rate
		} else {
			r.Withheld = rate
		}
	case govbuy.RuleThreshold:
		v, err := govbuy.ParseScore(text)
		if err != nil {
			return bad
		}
		r.Threshold = v
	}
	return nil
}

func readPayBands(text string) ([]govbuy.Band, error) {
	var out []govbuy.Band
	err := eachLine(text, "支付档次", "95=100（95分以上支付100%）", func(n int, min, rate string) error {
		score, err := govbuy.ParseScore(min)
		r, ok := percentRate(rate)
		if err != nil || !ok {
			return govbuy.Invalidf("支付档次", "第%d行“%s=%s”无法识别", n, min, rate)
		}
		out = append(out, govbuy.Band{Min: score, Rate: r})
		return nil
	})
	return out, err
}

func readInstallments(text string) (map[string]govbuy.Money, error) {
	out := map[string]govbuy.Money{}
	err := eachLine(text, "分期金额", "2024Q1=245000", func(n int, period, amount string) error {
		code, err := govbuy.ParsePeriod(period)
		if err != nil {
			return govbuy.Invalidf("分期金额", "第%d行的期间“%s”无法识别", n, period)
		}
		m, err := govbuy.ParseMoney(amount)
		if err != nil {
			return govbuy.Invalidf("分期金额", "第%d行的金额“%s”无法识别", n, amount)
		}
		out[code] = m
		return nil
	})
	return out, err
}

func (s *assessmentsScreen) savePlan(p *govbuy.AssessmentPlan) {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		err := s.svc.SavePlan(ctx, p)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			s.loadContract(s.row.ID)
		}
	})
}
