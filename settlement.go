package govbuy

import (
	"context"
	"time"
)

// PeriodSettlement is where one assessment period of a contract stands: its
// base, the score if assessed, what that makes payable, and what was paid.
type PeriodSettlement struct {
	Period  string `json:"period"`
	Base    Money  `json:"base_fen"`
	Score   *Score `json:"score,omitempty"`
	Grade   Grade  `json:"grade,omitempty"`
	Payable Money  `json:"payable_fen"` // the base until the period is assessed
	Paid    Money  `json:"paid_fen"`
	// Explanation says how Payable came about, in the words of
	// PaymentRule.Explain, or that the period awaits its assessment.
	Explanation string `json:"explanation"`
}

// Assessed reports whether the period has its score.
func (p PeriodSettlement) Assessed() bool { return p.Score != nil }

// Deduction is what the score took off the base.
func (p PeriodSettlement) Deduction() Money {
	if !p.Assessed() {
		return 0
	}
	return p.Base - p.Payable
}

// ContractSettlement is a contract's money by period and in total, what its
// screen and payment form show.
type ContractSettlement struct {
	Contract ContractRow        `json:"contract"`
	Plan     *AssessmentPlan    `json:"plan,omitempty"`
	Periods  []PeriodSettlement `json:"periods"`
	Amount   Money              `json:"amount_fen"`
	// PayableToDate sums the payable amounts of assessed periods.
	PayableToDate Money `json:"payable_to_date_fen"`
	Paid          Money `json:"paid_fen"`
	// Withheld is what assessments have deducted so far.
	Withheld Money  `json:"withheld_fen"`
	Balance  Money  `json:"balance_fen"` // amount − paid
	Hints    []Hint `json:"hints"`
}

// Period returns the settlement of one period, if the contract has it.
func (s *ContractSettlement) Period(code string) (PeriodSettlement, bool) {
	for _, p := range s.Periods {
		if p.Period == code {
			return p, true
		}
	}
	return PeriodSettlement{}, false
}

// YearStanding is a contractor's assessments in one year.
type YearStanding struct {
	Year        int   `json:"year"`
	Assessments int   `json:"assessments"`
	Average     Score `json:"average"` // rounded half up to a tenth
	Grade       Grade `json:"grade"`
}

// Standing is a contractor's record: the latest grade and each year's average.
type Standing struct {
	ContractorID int64          `json:"contractor_id"`
	LatestPeriod string         `json:"latest_period,omitempty"`
	LatestScore  *Score         `json:"latest_score,omitempty"`
	LatestGrade  Grade          `json:"latest_grade,omitempty"`
	Years        []YearStanding `json:"years"`
}

// GradeIn returns the contractor's grade for a year, empty when not assessed.
func (s *Standing) GradeIn(year int) Grade {
	for _, y := range s.Years {
		if y.Year == year {
			return y.Grade
		}
	}
	return ""
}

// PaymentForm is the model of the 政府购买服务费用支付审批表 for one contract
// and period: everything the printed form shows.
type PaymentForm struct {
	District       string    `json:"district"`
	Unit           string    `json:"unit"`
	Contractor     string    `json:"contractor"`
	Bank           string    `json:"bank"`
	Account        string    `json:"account"`
	ContractNumber string    `json:"contract_number"`
	ContractTitle  string    `json:"contract_title"`
	ContractAmount Money     `json:"contract_amount_fen"`
	Period         string    `json:"period"`
	Score          *Score    `json:"score,omitempty"`
	Grade          Grade     `json:"grade,omitempty"`
	Rule           string    `json:"rule"`
	Base           Money     `json:"base_fen"`
	Payable        Money     `json:"payable_fen"`
	Deduction      Money     `json:"deduction_fen"`
	PaidBefore     Money     `json:"paid_before_fen"` // already paid for the period
	Amount         Money     `json:"amount_fen"`      // requested now: payable − paid before
	PaidToDate     Money     `json:"paid_to_date_fen"`
	Explanation    string    `json:"explanation"`
	Date           time.Time `json:"date"`
}

// SettlementService answers what is payable and where contracts stand.
type SettlementService interface {
	ContractSettlement(ctx context.Context, contractID int64) (*ContractSettlement, error)
	ContractorStanding(ctx context.Context, contractorID int64) (*Standing, error)
	AcknowledgeHint(ctx context.Context, contractID int64, rule, reason string) error
	PaymentForm(ctx context.Context, contractNumber, period string) (*PaymentForm, error)
}
