package app

import (
	"context"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/width"

	"govbuy"
)

// planSaver stores a contract's assessment plan.
type planSaver interface {
	SavePlan(ctx context.Context, p *govbuy.AssessmentPlan) error
}

// planForm edits a contract's assessment plan (考核方案): how often it is
// assessed, the criteria with their points — which must add up to 100, so
// their sum shows as they are typed —, the grade bands and the payment rule
// with only the parameters its kind uses. Problems show beside their
// fields, under the domain's field names.
type planForm struct {
	*formDialog
	contractID   int64
	version      int64 // of the stored plan the form opened, 0 for none
	period       *widget.Select
	criteria     *pairRows
	sum          *widget.Label
	grades       [3]*widget.Entry // the lowest score of 优, 良 and 中
	rule         *widget.Select
	floor        *widget.Entry
	threshold    *widget.Entry
	withheld     *widget.Entry
	bands        *pairRows
	installments *installmentRows
	// ruleFields are the rows of each rule kind's parameters, shown only
	// for their kind; ruleField says what the rule typed so far pays.
	ruleFields map[govbuy.RuleKind]*formField
	ruleField  *formField
}

// showPlanForm opens the editor of plan for the contract row; done runs
// after it is saved.
func showPlanForm(sh *shell, svc planSaver, row *govbuy.ContractRow, plan *govbuy.AssessmentPlan, done func()) *planForm {
	f := &planForm{
		contractID: row.ID,
		version:    plan.Version,
		period:     newSelect(stringsOf(govbuy.PeriodKinds), nil),
		sum:        widget.NewLabel(""),
		rule:       newSelect(ruleLabels(), nil),
		floor:      widget.NewEntry(), threshold: widget.NewEntry(), withheld: widget.NewEntry(),
		installments: newInstallmentRows(row.BudgetYear()),
	}
	f.criteria = newPairRows(lang.L("Criterion"), lang.L("Points"), nil)
	f.bands = newPairRows(lang.L("From score"), lang.L("Pay %"), nil)
	for i := range f.grades {
		f.grades[i] = widget.NewEntry()
	}
	f.fill(plan)

	form := newFieldForm()
	form.add(lang.L("Assessment period"), f.period, "考核周期")
	form.add(lang.L("Criteria"), container.NewVBox(f.criteria.view, f.sum), "考核指标")
	form.add(lang.L("Grade bands"), f.gradeRow(), "等级分界")
	f.ruleField = form.add(lang.L("Payment rule"), f.rule, "支付规则")
	f.ruleFields = map[govbuy.RuleKind]*formField{
		govbuy.RuleProportional: form.add(lang.L("Floor (%)"), f.floor, "保底比例"),
		govbuy.RuleBanded:       form.add(lang.L("Score bands"), f.bands.view, "支付档次"),
		govbuy.RuleThreshold:    form.add(lang.L("Full pay from (points)"), f.threshold, "达标分数"),
		govbuy.RuleWithheld:     form.add(lang.L("Withheld (%)"), f.withheld, "考核金比例"),
	}
	form.add(lang.L("Installments (yuan)"), f.installments.view, "分期金额")
	f.period.OnChanged = func(string) { f.installments.setKind(govbuy.PeriodKind(f.period.Selected)) }
	f.criteria.onChanged = func() {
		f.showSum()
		form.changed()
	}
	f.bands.onChanged = func() {
		f.describeRule()
		form.changed()
	}
	f.rule.OnChanged = func(string) { f.showRuleFields() }
	for _, e := range []*widget.Entry{f.floor, f.threshold, f.withheld} {
		e.OnChanged = func(string) { f.describeRule() }
	}
	f.installments.setKind(plan.Period)
	f.showRuleFields()
	f.showSum()
	form.check = problemsOf(f.read)

	f.formDialog = newFormDialog(sh.win, lang.L("Assessment plan"), form, fyne.NewSize(760, 700), func() {
		p, found := f.read()
		f.submit(sh.tasks, found, func() error { return svc.SavePlan(sh.ctx, p) }, done)
	})
	return f
}

// read is the plan with every problem a save would find before writing.
func (f *planForm) read() (*govbuy.AssessmentPlan, govbuy.ValidationErrors) {
	p, found := f.plan()
	return p, withDomainProblems(p, found)
}

// describeRule says beside the rule what it pays, as the plan's summary
// will — below the lowest band too — once what is typed can be read.
func (f *planForm) describeRule() {
	r := govbuy.PaymentRule{Kind: f.ruleKind()}
	if len(f.readRule(&r)) > 0 {
		f.ruleField.setNote("", widget.LowImportance)
		return
	}
	r.Normalize()
	if r.Validate() != nil {
		f.ruleField.setNote("", widget.LowImportance)
		return
	}
	f.ruleField.setNote(r.Describe(), widget.LowImportance)
}

func ruleLabels() []string {
	out := make([]string, len(govbuy.RuleKinds))
	for i, k := range govbuy.RuleKinds {
		out[i] = k.Label()
	}
	return out
}

// fill puts a plan into the editor's widgets.
func (f *planForm) fill(p *govbuy.AssessmentPlan) {
	f.period.SetSelected(string(p.Period))
	for _, c := range p.Criteria {
		f.criteria.add(c.Name, c.Points.String())
	}
	bands := p.Bands
	if bands == (govbuy.GradeBands{}) {
		bands = govbuy.DefaultGradeBands
	}
	for i, s := range []govbuy.Score{bands.Excellent, bands.Good, bands.Fair} {
		f.grades[i].SetText(s.String())
	}
	f.rule.SetSelected(p.Rule.Kind.Label())
	// Parameters of other kinds are 0: left empty, with a usual value as
	// the placeholder, rather than a 0 nobody means.
	if p.Rule.Floor > 0 {
		f.floor.SetText(percentText(p.Rule.Floor))
	}
	if p.Rule.Threshold > 0 {
		f.threshold.SetText(p.Rule.Threshold.String())
	}
	if p.Rule.Withheld > 0 {
		f.withheld.SetText(percentText(p.Rule.Withheld))
	}
	f.floor.SetPlaceHolder("0")
	f.threshold.SetPlaceHolder("60")
	f.withheld.SetPlaceHolder("5")
	for _, b := range p.Rule.Bands {
		f.bands.add(b.Min.String(), percentText(b.Rate))
	}
	f.installments.fill(p.Installments)
}

// gradeRow lays the three grade bounds side by side: "优 ≥ 90  良 ≥ 80  中 ≥ 60".
func (f *planForm) gradeRow() fyne.CanvasObject {
	row := container.NewGridWithColumns(3)
	for i, g := range []govbuy.Grade{govbuy.GradeExcellent, govbuy.GradeGood, govbuy.GradeFair} {
		row.Add(container.NewBorder(nil, nil, widget.NewLabel(string(g)+" ≥"), nil, f.grades[i]))
	}
	return row
}

// showRuleFields shows the parameters of the chosen rule kind only; a
// banded rule starts with one empty band, whose placeholders say what goes
// where.
func (f *planForm) showRuleFields() {
	kind := f.ruleKind()
	for k, ff := range f.ruleFields {
		ff.setVisible(k == kind)
	}
	if kind == govbuy.RuleBanded && len(f.bands.rows) == 0 {
		f.bands.add("", "")
	}
	f.describeRule()
}

func (f *planForm) ruleKind() govbuy.RuleKind {
	if i := f.rule.SelectedIndex(); i >= 0 {
		return govbuy.RuleKinds[i]
	}
	return ""
}

// showSum shows what the criteria add up to, in red until it is 100.
func (f *planForm) showSum() {
	var sum govbuy.Score
	f.criteria.each(func(_ int, _, points string) {
		if v, err := govbuy.ParseScore(points); err == nil {
			sum += v
		}
	})
	args := map[string]any{"Sum": sum.String()}
	if sum == govbuy.MaxScore {
		f.sum.Importance = widget.SuccessImportance
		f.sum.SetText(lang.L("Total {{.Sum}} points", args))
		return
	}
	f.sum.Importance = widget.DangerImportance
	f.sum.SetText(lang.L("Total {{.Sum}} points; they must add up to 100", args))
}

// plan reads the editor into a plan, with the problems of what it could
// not read, each naming its field and row.
func (f *planForm) plan() (*govbuy.AssessmentPlan, govbuy.ValidationErrors) {
	p := &govbuy.AssessmentPlan{ContractID: f.contractID, Version: f.version, Period: govbuy.PeriodKind(f.period.Selected),
		Rule: govbuy.PaymentRule{Kind: f.ruleKind()}}
	var found govbuy.ValidationErrors
	f.criteria.each(func(n int, name, points string) {
		v, err := govbuy.ParseScore(points)
		if err != nil {
			found = append(found, govbuy.Invalidf("考核指标", "第%d项“%s”的分值“%s”无法识别", n, name, points))
		}
		p.Criteria = append(p.Criteria, govbuy.Criterion{Name: name, Points: v})
	})
	var bounds [3]govbuy.Score
	for i, e := range f.grades {
		v, err := govbuy.ParseScore(e.Text)
		if err != nil {
			found = append(found, govbuy.Invalidf("等级分界", "无法识别“%s”", entryText(e)))
		}
		bounds[i] = v
	}
	p.Bands = govbuy.GradeBands{Excellent: bounds[0], Good: bounds[1], Fair: bounds[2]}
	found = append(found, f.readRule(&p.Rule)...)
	var bad *govbuy.Error
	if p.Installments, bad = f.installments.values(); bad != nil {
		found = append(found, bad)
	}
	return p, found
}

// withDomainProblems adds the record's own problems to those found while
// reading it, except on fields already reported: what could not be read is
// 0 to the domain, which would then complain about the 0 as well.
func withDomainProblems(p interface{ Validate() error }, found govbuy.ValidationErrors) govbuy.ValidationErrors {
	reported := map[govbuy.Field]bool{}
	for _, e := range found {
		reported[e.Field] = true
	}
	for _, e := range validate(p, nil) {
		if !reported[e.Field] {
			found = append(found, e)
		}
	}
	return found
}

// readRule reads the parameters of the chosen kind; an empty entry is 0,
// which the rule's own check refuses where 0 makes no sense.
func (f *planForm) readRule(r *govbuy.PaymentRule) govbuy.ValidationErrors {
	var found govbuy.ValidationErrors
	rate := func(e *widget.Entry, field govbuy.Field) govbuy.Rate {
		v, ok := percentRate(e.Text)
		if !ok {
			found = append(found, govbuy.Invalidf(field, "无法识别“%s”", entryText(e)))
		}
		return v
	}
	switch r.Kind {
	case govbuy.RuleProportional:
		r.Floor = rate(f.floor, "保底比例")
	case govbuy.RuleWithheld:
		r.Withheld = rate(f.withheld, "考核金比例")
	case govbuy.RuleThreshold:
		v, err := govbuy.ParseScore(orZero(f.threshold.Text))
		if err != nil {
			found = append(found, govbuy.Invalidf("达标分数", "无法识别“%s”", entryText(f.threshold)))
		}
		r.Threshold = v
	case govbuy.RuleBanded:
		f.bands.each(func(n int, min, pay string) {
			score, err := govbuy.ParseScore(min)
			v, ok := percentRate(pay)
			if err != nil || !ok {
				found = append(found, govbuy.Invalidf("支付档次", "第%d档“%s分以上支付%s%%”无法识别", n, min, pay))
			}
			r.Bands = append(r.Bands, govbuy.Band{Min: score, Rate: v})
		})
	}
	return found
}

// percentRate reads "98", "98.5", "0.45" or "0.45%" (full-width too) as a
// rate; empty is 0. A rate is whole basis points, so a third decimal would
// be rounded away: it is refused instead, like a negative or a huge value.
func percentRate(s string) (govbuy.Rate, bool) {
	t := strings.TrimSuffix(width.Narrow.String(orZero(s)), "%")
	whole, frac, _ := strings.Cut(strings.TrimSpace(t), ".")
	if !isDigits(whole) || len(whole) > 6 || len(frac) > 2 || (frac != "" && !isDigits(frac)) {
		return 0, false
	}
	bp, _ := strconv.Atoi(whole + (frac + "00")[:2])
	return govbuy.Rate(bp), true
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// percentText writes a rate as the editor reads it back: 98.5 for 98.5 %.
func percentText(r govbuy.Rate) string { return strings.TrimSuffix(r.String(), "%") }

func orZero(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return "0"
	}
	return s
}

// pairRows edits a short list of two-part rows — a criterion and its
// points, a score band and its rate — with a button to add a row and one on
// each row to remove it.
type pairRows struct {
	hintA, hintB string
	rows         []*pairRow
	box          *fyne.Container
	view         fyne.CanvasObject
	onChanged    func() // a row was typed in, added or removed; may be nil
}

type pairRow struct {
	a, b *widget.Entry
	view fyne.CanvasObject
}

func newPairRows(hintA, hintB string, onChanged func()) *pairRows {
	r := &pairRows{hintA: hintA, hintB: hintB, box: container.NewVBox(), onChanged: onChanged}
	add := widget.NewButtonWithIcon(lang.L("Add row"), theme.ContentAddIcon(), func() { r.add("", "") })
	add.Importance = widget.LowImportance
	r.view = container.NewVBox(r.header(), r.box, container.NewHBox(add))
	return r
}

// header names the two columns above the rows, laid out as a row is, so
// the titles stay readable once the entries are filled and their
// placeholders gone.
func (r *pairRows) header() fyne.CanvasObject {
	titleA, titleB := widget.NewLabel(r.hintA), widget.NewLabel(r.hintB)
	titleB.Truncation = fyne.TextTruncateEllipsis
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(newTapIcon(theme.DeleteIcon(), nil).MinSize())
	return container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(110, titleB.MinSize().Height), titleB), gap), titleA)
}

func (r *pairRows) add(a, b string) {
	row := &pairRow{a: entryWith(a), b: entryWith(b)}
	row.a.SetPlaceHolder(r.hintA)
	row.b.SetPlaceHolder(r.hintB)
	row.a.OnChanged = func(string) { r.changed() }
	row.b.OnChanged = func(string) { r.changed() }
	remove := newTapIcon(theme.DeleteIcon(), func() { r.remove(row) })
	row.view = container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(110, row.b.MinSize().Height), row.b), remove), row.a)
	r.rows = append(r.rows, row)
	r.box.Add(row.view)
	r.changed()
}

func (r *pairRows) remove(row *pairRow) {
	for i, x := range r.rows {
		if x == row {
			r.rows = append(r.rows[:i], r.rows[i+1:]...)
			break
		}
	}
	r.box.Remove(row.view)
	r.changed()
}

func (r *pairRows) changed() {
	if r.onChanged != nil {
		r.onChanged()
	}
}

// each calls fn with every row that is not blank, numbered from 1 as the
// officer sees them.
func (r *pairRows) each(fn func(n int, a, b string)) {
	for i, row := range r.rows {
		a, b := entryText(row.a), entryText(row.b)
		if a != "" || b != "" {
			fn(i+1, a, b)
		}
	}
}

// installmentRows sets the base of particular periods of the contract's
// year, one entry per period; a period left empty shares what is left of
// the contract amount evenly with the other empty ones.
type installmentRows struct {
	year    int
	grid    *fyne.Container
	view    fyne.CanvasObject
	codes   []string
	entries map[string]*widget.Entry // by period code, kept across changes of kind
}

func newInstallmentRows(year int) *installmentRows {
	r := &installmentRows{year: year, grid: container.NewGridWithColumns(2), entries: map[string]*widget.Entry{}}
	note := widget.NewLabel(lang.L("Leave a period empty to share what is left evenly."))
	note.Importance = widget.LowImportance
	r.view = container.NewVBox(r.grid, note)
	return r
}

// setKind shows one entry per period of kind in the contract's year.
func (r *installmentRows) setKind(kind govbuy.PeriodKind) {
	r.codes = kind.Periods(r.year)
	r.grid.RemoveAll()
	for _, code := range r.codes {
		e := r.entry(code)
		r.grid.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(120, e.MinSize().Height), widget.NewLabel(govbuy.PeriodLabel(code))), nil, e))
	}
}

func (r *installmentRows) entry(code string) *widget.Entry {
	e, ok := r.entries[code]
	if !ok {
		e = widget.NewEntry()
		r.entries[code] = e
	}
	return e
}

func (r *installmentRows) fill(m map[string]govbuy.Money) {
	for code, amount := range m {
		r.entry(code).SetText(amount.String())
	}
}

// values reads the entries of the shown periods.
func (r *installmentRows) values() (map[string]govbuy.Money, *govbuy.Error) {
	out := map[string]govbuy.Money{}
	for _, code := range r.codes {
		text := entryText(r.entries[code])
		if text == "" {
			continue
		}
		m, err := govbuy.ParseMoney(text)
		if err != nil {
			return nil, govbuy.Invalidf("分期金额", "%s的金额“%s”无法识别", govbuy.PeriodLabel(code), text)
		}
		out[code] = m
	}
	return out, nil
}
