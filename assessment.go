package govbuy

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Criterion is one line of an assessment scheme (考核细则) with the points
// it carries; the points of a plan add up to 100.
type Criterion struct {
	Name   string `json:"name"`
	Points Score  `json:"points"`
}

// AssessmentPlan says how a contract is assessed and paid: how often, on
// which criteria, with which grade bands, and by which payment rule.
type AssessmentPlan struct {
	ContractID int64       `json:"contract_id"`
	Version    int64       `json:"-"` // see StaleRecord
	Period     PeriodKind  `json:"period"`
	Criteria   []Criterion `json:"criteria"`
	Bands      GradeBands  `json:"bands"`
	Rule       PaymentRule `json:"rule"`
	// Installments set the base of particular periods; periods not listed
	// share what is left of the contract amount evenly.
	Installments map[string]Money `json:"installments,omitempty"`
}

// Normalize gives a plan without grade bands the default ones and orders
// its rule's bands.
func (p *AssessmentPlan) Normalize() {
	if p.Bands == (GradeBands{}) {
		p.Bands = DefaultGradeBands
	}
	p.Rule.Normalize()
}

// Validate checks a normalised plan, changing nothing: criteria summing to
// 100, sane bands, a valid rule.
func (p *AssessmentPlan) Validate() error {
	var v ValidationErrors
	if !containsKind(PeriodKinds, p.Period) {
		v = append(v, Invalidf(FieldPeriodKind, "请选择考核周期（月、季、半年、年、一次）"))
	}
	var sum Score
	for i, c := range p.Criteria {
		if isBlank(c.Name) {
			v = append(v, Invalidf(FieldCriteria, "第%d项指标缺少名称", i+1))
		}
		v = append(v, checkLengths(nameField(FieldCriteria, c.Name))...)
		if c.Points <= 0 {
			v = append(v, Invalidf(FieldCriteria, "“%s”的分值应大于0", c.Name))
		}
		sum += c.Points
	}
	if len(p.Criteria) > 0 && sum != MaxScore {
		v = append(v, Invalidf(FieldCriteria, "各项分值合计应为100分，实际为%s分", sum))
	}
	if err := p.Bands.Validate(); err != nil {
		v = append(v, asError(err))
	}
	if err := p.Rule.Validate(); err != nil {
		v = append(v, asError(err))
	}
	return v.Err()
}

// Installment is the base amount of one period: a set installment, else an
// even share of what the unset periods of the year have left (see bases).
func (p *AssessmentPlan) Installment(amount Money, year int, period string) Money {
	if m, ok := p.Installments[period]; ok {
		return m
	}
	periods := p.Period.Periods(year)
	if i := slices.Index(periods, period); i >= 0 {
		return p.bases(amount, periods)[i]
	}
	return 0
}

// bases are the base amounts of a year's periods, in order: the set
// installments, and an even share of what they leave for the others. The
// remainder fen go to the earliest unset periods so the shares add up to
// the amount exactly.
func (p *AssessmentPlan) bases(amount Money, periods []string) []Money {
	out := make([]Money, len(periods))
	rest, open := amount, 0
	for i, code := range periods {
		if m, ok := p.Installments[code]; ok {
			out[i], rest = m, rest-m
		} else {
			open++
		}
	}
	if open == 0 {
		return out
	}
	share, extra := rest/Money(open), rest%Money(open)
	for i, code := range periods {
		if _, ok := p.Installments[code]; ok {
			continue
		}
		out[i] = share
		if extra > 0 {
			out[i]++
			extra--
		}
	}
	return out
}

// PlanBands are the grade bands of a contract's plan, or the default bands
// for a contract without one.
func PlanBands(plan *AssessmentPlan) GradeBands {
	if plan == nil {
		return DefaultGradeBands
	}
	return plan.Bands
}

// ItemScore is the score given on one criterion, with the reason for any
// points deducted.
type ItemScore struct {
	Criterion string `json:"criterion"`
	Score     Score  `json:"score"`
	Reason    string `json:"reason,omitempty"`
}

// Assessment is the scored result of one assessment period of a contract
// (考核). Period is "2024Q2", "2024H1", "2024", "2024-03".
type Assessment struct {
	ID         int64       `json:"id"`
	Version    int64       `json:"-"` // see StaleRecord
	ContractID int64       `json:"contract_id"`
	Period     string      `json:"period"`
	Items      []ItemScore `json:"items,omitempty"`
	Score      Score       `json:"score"`
	Date       time.Time   `json:"date,omitzero"`
	Assessor   string      `json:"assessor,omitempty"`
	Remarks    string      `json:"remarks,omitempty"`
	// Deductions are what the period's inspections took off, read with the
	// assessment so its score can be traced to what was found.
	Deductions []InspectionDeduction `json:"inspection_deductions,omitempty"`
}

// Normalize puts an assessment in the form it is stored in, given its
// plan (nil when the contract has none) and the deductions of the
// period's inspections: the assessor's name cleaned, each item the
// inspections took points off citing them in its reason (so its score can
// be traced to what was found), and the score, when scored item by item,
// the items' total.
func (a *Assessment) Normalize(plan *AssessmentPlan, deductions []InspectionDeduction) {
	a.Assessor = CleanText(a.Assessor)
	if len(a.Items) == 0 {
		return
	}
	a.Items = slices.Clone(a.Items)
	cited := inspectionReasons(plan, deductions)
	a.Score = 0
	for i := range a.Items {
		it := &a.Items[i]
		if r := cited[it.Criterion]; r != "" && !strings.Contains(it.Reason, r) {
			it.Reason = joinReasons(r, it.Reason)
		}
		a.Score += it.Score
	}
}

// Validate checks a normalised assessment against its plan and the
// deductions of the period's inspections, changing nothing.
func (a *Assessment) Validate(plan *AssessmentPlan, deductions []InspectionDeduction) error {
	var v ValidationErrors
	if a.ContractID == 0 {
		v = append(v, Invalidf(FieldContract, "请选择合同"))
	}
	if _, ok := ParsePeriodCode(a.Period); !ok {
		v = append(v, Invalidf(FieldPeriod, "无法识别的期间“%s”", a.Period))
	}
	v = append(v, a.checkInspections(plan, deductions)...)
	if len(a.Items) > 0 {
		unscored := plan.Unscored(a.Items)
		v = append(v, unscored...)
		v = append(v, a.checkItems(plan, deductions, len(unscored) > 0)...)
	}
	if len(v) == 0 && (a.Score < 0 || a.Score > MaxScore) {
		v = append(v, Invalidf(FieldScore, "应在0–100分之间"))
	}
	for _, it := range a.Items {
		v = append(v, checkLengths(noteField(Field(it.Criterion), it.Reason))...)
	}
	v = append(v, checkLengths(nameField(FieldAssessor, a.Assessor), noteField(FieldNotes, a.Remarks))...)
	return v.Err()
}

// Unscored names each criterion of the plan that items leave without a
// score: a criterion left blank is 未评分, never full marks, so an
// assessment scored item by item is refused until every criterion has its
// score. A nil plan has no criteria to miss.
func (p *AssessmentPlan) Unscored(items []ItemScore) ValidationErrors {
	if p == nil {
		return nil
	}
	var v ValidationErrors
	for _, c := range p.Criteria {
		if !slices.ContainsFunc(items, func(it ItemScore) bool { return it.Criterion == c.Name }) {
			v = append(v, Invalidf(Field(c.Name), "未评分，请填写得分（满分%s分）", c.Points))
		}
	}
	return v
}

// checkItems wants each item on a criterion of the plan, within its
// points, with a reason for points taken off (the inspections' findings
// are one), and — once every criterion is scored — the score to be the
// items' total.
func (a *Assessment) checkItems(plan *AssessmentPlan, deductions []InspectionDeduction, unscored bool) ValidationErrors {
	points := map[string]Score{}
	if plan != nil {
		for _, c := range plan.Criteria {
			points[c.Name] = c.Points
		}
	}
	cited := inspectionReasons(plan, deductions)
	var v ValidationErrors
	var total Score
	for _, it := range a.Items {
		max, known := points[it.Criterion]
		switch {
		case plan != nil && !known:
			v = append(v, Invalidf(Field(it.Criterion), "不是本合同考核细则中的指标"))
		case it.Score < 0:
			v = append(v, Invalidf(Field(it.Criterion), "得分不能为负数"))
		case known && it.Score > max:
			v = append(v, Invalidf(Field(it.Criterion), "得分%s超过该项分值%s", it.Score, max))
		case known && it.Score < max && isBlank(it.Reason) && cited[it.Criterion] == "":
			v = append(v, Invalidf(Field(it.Criterion), "扣%s分，请填写扣分原因", max-it.Score))
		}
		total += it.Score
	}
	if len(v) == 0 && !unscored && a.Score != total {
		v = append(v, Invalidf(FieldScore, "应为各项得分之和%s分", total))
	}
	return v
}

// AssessmentService keeps assessment plans and assessments.
type AssessmentService interface {
	// FindPlan is a contract's assessment plan; ENotFound when it has none.
	FindPlan(ctx context.Context, contractID int64) (*AssessmentPlan, error)
	// SavePlan normalises, validates (EInvalid) and stores a contract's plan,
	// replacing any earlier one; a plan that would orphan stored assessments or
	// inspections (their period or criterion gone) is EConflict.
	SavePlan(ctx context.Context, p *AssessmentPlan) error
	// FindAssessments lists a contract's assessments in period order.
	FindAssessments(ctx context.Context, contractID int64) ([]Assessment, error)
	// CreateAssessment validates a against its contract's plan (EInvalid),
	// totals its criterion scores and stores it, setting a.ID; a second
	// assessment of the same period is EConflict: the first is corrected instead.
	CreateAssessment(ctx context.Context, a *Assessment) error
	// UpdateAssessment corrects a stored assessment, on the same terms.
	UpdateAssessment(ctx context.Context, a *Assessment) error
	// DeleteAssessment removes an assessment: ENotFound when there is none,
	// EConflict while payments made against its period rest on its score,
	// and StaleRecord when it is no longer at the version the caller read.
	DeleteAssessment(ctx context.Context, id, version int64) error
}
