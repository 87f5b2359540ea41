package govbuy

import (
	"context"
	"fmt"
	"time"
)

// PeriodSettlement is where one period of a contract's settlement stands:
// its base, the score if assessed, what that makes payable, and what was
// paid. Settle makes them.
type PeriodSettlement struct {
	Period  string `json:"period"`
	Base    Money  `json:"base_fen"`
	Score   *Score `json:"score,omitempty"`
	Grade   Grade  `json:"grade,omitempty"`
	Payable Money  `json:"payable_fen"` // the base until the period is assessed
	Paid    Money  `json:"paid_fen"`
	// rule is the plan's payment rule, nil for a contract without a plan;
	// outside marks a scored period the contract is not settled by. The
	// explanation is written from them only when asked for: the annual
	// report settles every contract and shows none.
	rule    *PaymentRule
	outside bool
	// unnamed is the whole contract standing in for a period, for a
	// payment that names none of its plan's periods.
	unnamed bool
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

// Outstanding is what the period still has payable: its payable less what
// was paid, never below 0.
func (p PeriodSettlement) Outstanding() Money {
	return max(p.Payable-p.Paid, 0)
}

// Explanation says how Payable came about: in the words of
// PaymentRule.Explain once assessed, else that the period awaits its
// assessment; for a contract without a plan, that it is paid its amount.
func (p PeriodSettlement) Explanation() string {
	var scored string
	if p.Assessed() {
		scored = fmt.Sprintf("%s得分%s（%s）", PeriodLabel(p.Period), *p.Score, p.Grade)
	}
	switch {
	case p.unnamed:
		return fmt.Sprintf("未指定考核期间的支付，按合同金额%s元计", p.Base)
	case p.outside:
		return scored + "，不是本合同的结算期间，不改变应付金额"
	case p.rule == nil && p.Assessed():
		return scored + "；" + unplannedExplanation(p.Base)
	case p.rule == nil:
		return unplannedExplanation(p.Base)
	case p.Assessed():
		return p.rule.Explain(p.Period, *p.Score, p.Grade, p.Base)
	}
	return fmt.Sprintf("%s尚未考核，按基数%s元预付上限，考核后按得分结算", PeriodLabel(p.Period), p.Base)
}

func unplannedExplanation(amount Money) string {
	return fmt.Sprintf("未设置考核方案，按合同金额%s元支付", amount)
}

// Settlement is where a contract's money stands, period by period and in
// total, as Settle works it out from the contract, its plan, its
// assessments and its payments.
type Settlement struct {
	Plan    *AssessmentPlan    `json:"plan,omitempty"`
	Periods []PeriodSettlement `json:"periods"`
	// Others are the scored periods that are not among Periods — a quarter
	// imported for a contract without a plan, settled by year — with their
	// score and grade; nothing is payable on them.
	Others []PeriodSettlement `json:"others,omitempty"`
	Amount Money              `json:"amount_fen"`
	// Payable sums what every period makes payable as it stands: the rule's
	// amount where assessed, the base where not yet.
	Payable Money `json:"payable_fen"`
	// PayableToDate sums the payable amounts of assessed periods; a
	// contract without a plan is payable in full from the start.
	PayableToDate Money `json:"payable_to_date_fen"`
	Paid          Money `json:"paid_fen"`
	// Withheld is what assessments have deducted so far.
	Withheld Money `json:"withheld_fen"`
	Balance  Money `json:"balance_fen"` // amount − paid
}

// Period returns the settlement of one period, if the contract has it.
func (s *Settlement) Period(code string) (PeriodSettlement, bool) {
	for _, p := range s.Periods {
		if p.Period == code {
			return p, true
		}
	}
	return PeriodSettlement{}, false
}

// PeriodOf returns the period a payment counts to: the one it names, or
// the one period of a contract without a plan. A payment naming none of
// the plan's periods (a plan paying in full needs none) counts to the
// contract as a whole.
func (s *Settlement) PeriodOf(pay Payment) PeriodSettlement {
	if s.Plan == nil {
		return s.Periods[0]
	}
	if p, ok := s.Period(pay.Period); ok {
		return p
	}
	return PeriodSettlement{Base: s.Amount, Payable: s.Amount, Paid: s.Paid - s.paidInPeriods(), unnamed: true}
}

func (s *Settlement) paidInPeriods() Money {
	var paid Money
	for _, p := range s.Periods {
		paid += p.Paid
	}
	return paid
}

// LastPaymentOf returns the payment that settled period in full: its last
// payment, once nothing is outstanding on it. While something is, there is
// none (ok false), and the period's approval form asks for what is left.
func (s *Settlement) LastPaymentOf(period PeriodSettlement, payments []Payment) (last Payment, ok bool) {
	if period.Paid == 0 || period.Outstanding() > 0 {
		return Payment{}, false
	}
	for _, pay := range payments {
		if p := s.PeriodOf(pay); p.Period == period.Period && p.unnamed == period.unnamed {
			last, ok = pay, true
		}
	}
	return last, ok
}

// unplannedRule names the rule of a contract without a plan.
const unplannedRule = "未设置考核方案，全额支付"

// Rule is the contract's payment rule in words, as forms and reports state
// it.
func (s *Settlement) Rule() string {
	if s.Plan == nil {
		return unplannedRule
	}
	return s.Plan.Rule.Describe()
}

// ContractSettlement is a contract's settlement with the contract and its
// compliance hints: what its screen and payment form show.
type ContractSettlement struct {
	Contract ContractRow `json:"contract"`
	Settlement
	Hints []Hint `json:"hints"`
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
// and period: everything the printed form shows. Before a payment it asks
// for what the period has outstanding; once recorded, it is the document of
// that payment, with its number, date and voucher.
type PaymentForm struct {
	// Number is the form's number, given when the payment is recorded;
	// zero on a form asking for a payment.
	Number         FormNumber `json:"number,omitzero"`
	PaymentID      int64      `json:"payment_id,omitempty"`
	Voucher        string     `json:"voucher,omitempty"`
	District       string     `json:"district"`
	Bureau         string     `json:"bureau,omitempty"` // issues the form: 云溪区财政局
	Unit           string     `json:"unit"`
	Contractor     string     `json:"contractor"`
	Bank           string     `json:"bank"`
	Account        string     `json:"account"`
	ContractNumber string     `json:"contract_number"`
	ContractTitle  string     `json:"contract_title"`
	ContractAmount Money      `json:"contract_amount_fen"`
	Period         string     `json:"period"`
	Score          *Score     `json:"score,omitempty"`
	Grade          Grade      `json:"grade,omitempty"`
	Rule           string     `json:"rule"`
	Base           Money      `json:"base_fen"`
	Payable        Money      `json:"payable_fen"`
	Deduction      Money      `json:"deduction_fen"`
	PaidBefore     Money      `json:"paid_before_fen"` // paid for the period before this form's payment
	// Amount is what the form pays: requested now (payable − paid before),
	// or the recorded payment's amount.
	Amount Money `json:"amount_fen"`
	// PaidToDate is what the contract had paid: before the request, or
	// with the recorded payment.
	PaidToDate  Money     `json:"paid_to_date_fen"`
	Explanation string    `json:"explanation"`
	Date        time.Time `json:"date"` // the form's date: today's, or the payment's
}

// Recorded reports whether the form is the document of a recorded payment.
func (f *PaymentForm) Recorded() bool { return f.PaymentID != 0 }

// NumberText is the form's 编号 as printed: the number, or until the
// payment is recorded a note that it comes then.
func (f *PaymentForm) NumberText() string {
	if f.Number.IsZero() {
		return "待付款后编号"
	}
	return f.Number.String()
}

// NewPaymentForm is the approval form of one period of a contract's
// settlement, paying payee: the amount requested is what the period has
// outstanding.
func NewPaymentForm(s *ContractSettlement, p PeriodSettlement, payee *Contractor, district string, date time.Time) *PaymentForm {
	return &PaymentForm{
		District: district, Unit: s.Contract.UnitName, Contractor: payee.Name, Bank: payee.Bank, Account: payee.Account,
		ContractNumber: s.Contract.Number, ContractTitle: s.Contract.Title, ContractAmount: s.Contract.Amount,
		Period: p.Period, Score: p.Score, Grade: p.Grade, Rule: s.Rule(),
		Base: p.Base, Payable: p.Payable, Deduction: p.Deduction(), PaidBefore: p.Paid,
		Amount: p.Outstanding(), PaidToDate: s.Paid, Explanation: p.Explanation(), Date: date,
	}
}

// SettleThrough is Settle as the contract stood once the payment with id
// was made: with the payments before it in the order given (by date, then
// id) and itself, none after, so the form of a payment reads the same
// however many payments follow.
func SettleThrough(c *Contract, plan *AssessmentPlan, assessments []Assessment, payments []Payment, id int64) Settlement {
	through := payments
	for i, p := range payments {
		if p.ID == id {
			through = payments[:i+1]
			break
		}
	}
	return Settle(c, plan, assessments, through)
}

// NewRecordedPaymentForm is the approval form of a recorded payment pay,
// from the settlement of its contract through it (SettleThrough): the
// period it paid, what that period had been paid before it, the payment's
// amount, date, voucher and form number, and what the contract had paid
// with it.
func NewRecordedPaymentForm(s *ContractSettlement, pay Payment, payee *Contractor, district string) *PaymentForm {
	p := s.PeriodOf(pay)
	f := NewPaymentForm(s, p, payee, district, pay.Date)
	f.Number, f.PaymentID, f.Voucher = pay.Form, pay.ID, pay.Voucher
	f.Amount, f.PaidBefore = pay.Amount, p.Paid-pay.Amount
	if pay.Account != "" {
		f.Account = pay.Account
	}
	return f
}

// SettlementService answers what is payable and where contracts stand.
type SettlementService interface {
	// ContractSettlement is where a contract's money stands, as Settle works
	// it out from its plan, assessments and payments, with its compliance
	// hints; ENotFound when there is no such contract.
	ContractSettlement(ctx context.Context, contractID int64) (*ContractSettlement, error)
	// ContractorStanding grades a contractor by its assessments, year by
	// year; ENotFound when there is no such contractor.
	ContractorStanding(ctx context.Context, contractorID int64) (*Standing, error)
	// AcknowledgeHint records why the hint rule (Hint.Rule) on a contract is
	// accepted, replacing any earlier reason; no reason, or a hint that does
	// not apply to the contract now, is EInvalid.
	AcknowledgeHint(ctx context.Context, contractID int64, rule, reason string) error
	// PaymentForm is the approval form of a contract's period: what it has
	// outstanding, or once paid in full the form of its last payment.
	PaymentForm(ctx context.Context, contractNumber, period string) (*PaymentForm, error)
	// PaymentFormOf is the approval form of a recorded payment.
	PaymentFormOf(ctx context.Context, paymentID int64) (*PaymentForm, error)
}
