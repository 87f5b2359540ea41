package govbuy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// InspectionKind says whether an inspection (督查) was announced.
type InspectionKind string

const (
	InspectionScheduled   InspectionKind = "定期督查"
	InspectionUnannounced InspectionKind = "随机抽查"
)

// InspectionKinds lists the kinds in form order.
var InspectionKinds = []InspectionKind{InspectionScheduled, InspectionUnannounced}

// Deduction is points taken off one criterion of the contract's assessment
// scheme for something an inspection found.
type Deduction struct {
	Criterion string `json:"criterion"`
	Points    Score  `json:"points"`
	Finding   string `json:"finding"`
}

// Inspection is one visit to a contract's work (督查): when, by whom, what
// was found, the photos or files kept as evidence (paths), and the points
// it takes off the assessment of Period.
type Inspection struct {
	ID          int64          `json:"id"`
	Version     int64          `json:"-"` // see StaleRecord
	ContractID  int64          `json:"contract_id"`
	Period      string         `json:"period"`
	Date        time.Time      `json:"date"`
	Kind        InspectionKind `json:"kind"`
	Inspectors  string         `json:"inspectors"`
	Findings    string         `json:"findings,omitempty"`
	Attachments []string       `json:"attachments,omitempty"`
	Deductions  []Deduction    `json:"deductions,omitempty"`
}

// Normalize cleans an inspection before it is stored: who inspected, each
// deduction's finding, and the attachments' paths (blank ones dropped).
func (in *Inspection) Normalize() {
	in.Inspectors = CleanText(in.Inspectors)
	var clean []string
	for _, a := range in.Attachments {
		if a = strings.TrimSpace(a); a != "" {
			clean = append(clean, a)
		}
	}
	in.Attachments = clean
	in.Deductions = slices.Clone(in.Deductions)
	for i := range in.Deductions {
		in.Deductions[i].Finding = CleanText(in.Deductions[i].Finding)
	}
}

// Validate checks a normalised inspection against the contract's
// assessment plan (nil when it has none), changing nothing: a date inside
// its period, who inspected, and deductions naming a criterion of the plan
// without taking more points than the criterion holds.
func (in *Inspection) Validate(plan *AssessmentPlan) error {
	var v ValidationErrors
	if in.ContractID == 0 {
		v = append(v, Invalidf(FieldContract, "请选择合同"))
	}
	p, ok := ParsePeriodCode(in.Period)
	switch {
	case !ok:
		v = append(v, Invalidf(FieldPeriod, "无法识别的期间“%s”", in.Period))
	case in.Date.IsZero():
		v = append(v, Invalidf(FieldInspectDate, "不能为空"))
	case !p.Contains(in.Date):
		v = append(v, Invalidf(FieldInspectDate, "%s不在%s内", FormatDate(in.Date), PeriodLabel(in.Period)))
	}
	if !containsKind(InspectionKinds, in.Kind) {
		v = append(v, Invalidf(FieldInspectKind, "请选择定期督查或随机抽查"))
	}
	if isBlank(in.Inspectors) {
		v = append(v, Invalidf(FieldInspectors, "不能为空"))
	}
	v = append(v, checkLengths(nameField(FieldInspectors, in.Inspectors), noteField(FieldFindings, in.Findings))...)
	for _, a := range in.Attachments {
		v = append(v, checkLengths(noteField(FieldAttachments, a))...)
	}
	return append(v, in.checkDeductions(plan, nil)...).Err()
}

// checkDeductions wants each deduction on a criterion of the plan, with a
// finding, and no criterion losing more than it holds once the points
// already taken (by other inspections of the period) are counted.
func (in *Inspection) checkDeductions(plan *AssessmentPlan, taken map[string]Score) ValidationErrors {
	if len(in.Deductions) == 0 {
		return nil
	}
	if plan == nil || len(plan.Criteria) == 0 {
		return ValidationErrors{Invalidf(FieldDeductions, "合同尚未设置考核细则，无法按指标扣分")}
	}
	var v ValidationErrors
	sum := map[string]Score{}
	for c, p := range taken {
		sum[c] = p
	}
	for _, d := range in.Deductions {
		max, known := plan.points(d.Criterion)
		sum[d.Criterion] += d.Points
		switch {
		case !known:
			v = append(v, Invalidf(FieldDeductions, "“%s”不是本合同考核细则中的指标", d.Criterion))
		case d.Points <= 0:
			v = append(v, Invalidf(FieldDeductions, "“%s”的扣分应大于0", d.Criterion))
		case isBlank(d.Finding):
			v = append(v, Invalidf(FieldDeductions, "“%s”扣%s分，请写明督查发现的问题", d.Criterion, d.Points))
		case sum[d.Criterion] > max:
			v = append(v, Invalidf(FieldDeductions, "“%s”共扣%s分，超过该项分值%s分", d.Criterion, sum[d.Criterion], max))
		}
		v = append(v, checkLengths(noteField(FieldDeductions, d.Finding))...)
	}
	return v
}

// CheckAgainst refuses deductions that, with those other inspections of
// the same period already took, exceed a criterion's points.
func (in *Inspection) CheckAgainst(plan *AssessmentPlan, others []Inspection) error {
	taken := map[string]Score{}
	for _, o := range others {
		if o.ID == in.ID || o.Period != in.Period {
			continue
		}
		for _, d := range o.Deductions {
			taken[d.Criterion] += d.Points
		}
	}
	return in.checkDeductions(plan, taken).Err()
}

// points returns the points a criterion of the plan carries.
func (p *AssessmentPlan) points(criterion string) (Score, bool) {
	for _, c := range p.Criteria {
		if c.Name == criterion {
			return c.Points, true
		}
	}
	return 0, false
}

// PeriodOf returns the code of the period of kind that day falls in.
func (k PeriodKind) PeriodOf(day time.Time) string {
	for _, code := range k.Periods(day.Year()) {
		if p, _ := ParsePeriodCode(code); p.Contains(day) {
			return code
		}
	}
	return fmt.Sprint(day.Year())
}

// InspectionDeduction is one deduction as it reaches an assessment: which
// inspection found it, so a score can be traced to what was found.
type InspectionDeduction struct {
	InspectionID int64          `json:"inspection_id"`
	Date         time.Time      `json:"date"`
	Kind         InspectionKind `json:"kind"`
	Deduction
}

// DeductionsOf lists the deductions of the inspections of a period, in the
// order the inspections are given.
func DeductionsOf(ins []Inspection, period string) []InspectionDeduction {
	var out []InspectionDeduction
	for _, in := range ins {
		if in.Period != period {
			continue
		}
		for _, d := range in.Deductions {
			out = append(out, InspectionDeduction{InspectionID: in.ID, Date: in.Date, Kind: in.Kind, Deduction: d})
		}
	}
	return out
}

// Text is the deduction as an assessment's reason cites it:
// "2024-05-14随机抽查：路面坑槽未及时修补，扣3分".
func (d InspectionDeduction) Text() string {
	return fmt.Sprintf("%s%s：%s，扣%s分", FormatDate(d.Date), d.Kind, d.Finding, d.Points)
}

// SuggestItems scores each criterion of the plan at its points less what
// the period's inspections took off, with the findings as the reason; the
// assessment form starts from it.
func SuggestItems(plan *AssessmentPlan, deductions []InspectionDeduction) []ItemScore {
	if plan == nil {
		return nil
	}
	items := make([]ItemScore, len(plan.Criteria))
	for i, c := range plan.Criteria {
		items[i] = ItemScore{Criterion: c.Name, Score: c.Points}
		var reasons []string
		for _, d := range deductions {
			if d.Criterion == c.Name {
				items[i].Score -= d.Points
				reasons = append(reasons, d.Text())
			}
		}
		items[i].Reason = strings.Join(reasons, "；")
	}
	return items
}

// checkInspections wants the assessment to take off at least what the
// period's inspections found: per criterion when it is scored item by item,
// else on the total. A deduction the inspections explain needs no other
// reason (Normalize cites them in the item's).
func (a *Assessment) checkInspections(plan *AssessmentPlan, deductions []InspectionDeduction) ValidationErrors {
	if len(deductions) == 0 {
		return nil
	}
	var v ValidationErrors
	if len(a.Items) == 0 {
		var total Score
		for _, d := range deductions {
			total += d.Points
		}
		if a.Score > MaxScore-total {
			v = append(v, Invalidf(FieldScore, "本期督查共扣%s分，得分不能高于%s分", total, MaxScore-total))
		}
		return v
	}
	suggested := SuggestItems(plan, deductions)
	for _, it := range a.Items {
		for _, s := range suggested {
			if s.Criterion == it.Criterion && s.Reason != "" && it.Score > s.Score {
				v = append(v, Invalidf(Field(it.Criterion), "督查已扣分（%s），该项得分不能高于%s分", s.Reason, s.Score))
			}
		}
	}
	return v
}

// inspectionReasons are the findings the period's inspections cite, by
// criterion: what an item's reason must carry for its score to be traced.
func inspectionReasons(plan *AssessmentPlan, deductions []InspectionDeduction) map[string]string {
	if len(deductions) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, s := range SuggestItems(plan, deductions) {
		if s.Reason != "" {
			out[s.Criterion] = s.Reason
		}
	}
	return out
}

func joinReasons(a, b string) string {
	if b = CleanText(b); b == "" {
		return a
	}
	return a + "；" + b
}

// InspectionService keeps inspections.
type InspectionService interface {
	// FindInspections lists a contract's inspections by date.
	FindInspections(ctx context.Context, contractID int64) ([]Inspection, error)
	// CreateInspection validates in against its contract's plan (EInvalid)
	// and stores it, setting in.ID. Its deductions reach the period's
	// assessment, so deductions in a period already assessed are EConflict.
	CreateInspection(ctx context.Context, in *Inspection) error
	// UpdateInspection corrects a stored inspection on the same terms: its
	// deductions only while their period is not assessed.
	UpdateInspection(ctx context.Context, in *Inspection) error
	// DeleteInspection removes an inspection, EConflict while its
	// deductions count in a period already assessed, and StaleRecord when it
	// is no longer at the version the caller read.
	DeleteInspection(ctx context.Context, id, version int64) error
}
