package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"govbuy"
)

var _ govbuy.SettlementService = (*DB)(nil)

const settingTenderThreshold = "tender_threshold_fen"

// ContractSettlement works out where a contract's money stands, period by
// period, from its plan, assessments and payments, with its compliance hints.
func (db *DB) ContractSettlement(ctx context.Context, contractID int64) (*govbuy.ContractSettlement, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("contract settlement", err)
	}
	defer tx.Rollback()
	s, err := settleContract(ctx, tx, contractID)
	return s, wrapErr("contract settlement", err)
}

func settleContract(ctx context.Context, q queryer, contractID int64) (*govbuy.ContractSettlement, error) {
	row, err := findContractWhere(ctx, q, "c.id = ?", contractID)
	if err != nil {
		return nil, err
	}
	plan, err := findPlan(ctx, q, contractID)
	if err != nil {
		return nil, err
	}
	assessments, err := findAssessments(ctx, q, contractID)
	if err != nil {
		return nil, err
	}
	payments, err := findPaymentsOf(ctx, q, contractID)
	if err != nil {
		return nil, err
	}
	s := &govbuy.ContractSettlement{Contract: *row, Plan: plan, Amount: row.Amount}
	s.Periods = settlePeriods(&row.Contract, plan, assessments, payments)
	for _, p := range s.Periods {
		if p.Assessed() {
			s.PayableToDate += p.Payable
			s.Withheld += p.Deduction()
		}
	}
	for _, p := range payments {
		s.Paid += p.Amount
	}
	s.Balance = s.Amount - s.Paid
	s.Hints, err = contractHints(ctx, q, &row.Contract)
	return s, err
}

// settlePeriods lays out the periods of the contract's budget year. A
// contract without a plan is not paid by score: it shows as one period, the
// year, whose payable is the contract amount.
func settlePeriods(c *govbuy.Contract, plan *govbuy.AssessmentPlan, as []govbuy.Assessment, ps []govbuy.Payment) []govbuy.PeriodSettlement {
	year := c.BudgetYear()
	paid := map[string]govbuy.Money{}
	for _, p := range ps {
		paid[p.Period] += p.Amount
	}
	if plan == nil {
		var all govbuy.Money
		for _, p := range ps {
			all += p.Amount
		}
		return []govbuy.PeriodSettlement{{
			Period: strconv.Itoa(year), Base: c.Amount, Payable: c.Amount, Paid: all,
			Explanation: "未设置考核方案，按合同金额" + c.Amount.String() + "元支付",
		}}
	}
	scores := map[string]govbuy.Score{}
	for _, a := range as {
		scores[a.Period] = a.Score
	}
	var out []govbuy.PeriodSettlement
	for _, period := range plan.Period.Periods(year) {
		p := govbuy.PeriodSettlement{Period: period, Base: plan.Installment(c.Amount, year, period), Paid: paid[period]}
		if score, ok := scores[period]; ok {
			p.Score = &score
			p.Grade = plan.Bands.Grade(score)
			p.Payable = plan.Rule.Payable(p.Base, score)
			p.Explanation = plan.Rule.Explain(period, score, p.Grade, p.Base)
		} else {
			p.Payable = p.Base
			p.Explanation = govbuy.PeriodLabel(period) + "尚未考核，可按基数" + p.Base.String() + "元预付，考核后按得分结算"
		}
		out = append(out, p)
	}
	return out
}

func findPaymentsOf(ctx context.Context, q queryer, contractID int64) ([]govbuy.Payment, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+paymentColumns+" FROM payments WHERE contract_id = ? ORDER BY date, id", contractID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []govbuy.Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// contractHints runs the compliance checks on a contract with its
// contractor's qualifications and last year's grade, and marks the hints
// someone has acknowledged.
func contractHints(ctx context.Context, q queryer, c *govbuy.Contract) ([]govbuy.Hint, error) {
	k, err := findContractorByID(ctx, q, c.ContractorID)
	if err != nil {
		return nil, err
	}
	standing, err := contractorStanding(ctx, q, c.ContractorID)
	if err != nil {
		return nil, err
	}
	threshold, err := tenderThreshold(ctx, q)
	if err != nil {
		return nil, err
	}
	hints := govbuy.ComplianceHints(govbuy.HintInput{
		Contract: c, Contractor: k, PrevGrade: standing.GradeIn(c.BudgetYear() - 1), TenderThreshold: threshold,
	})
	acks, err := hintAcks(ctx, q, c.ID)
	if err != nil {
		return nil, err
	}
	for i := range hints {
		hints[i].Acknowledged = acks[hints[i].Rule]
	}
	if hints == nil {
		hints = []govbuy.Hint{}
	}
	return hints, nil
}

func tenderThreshold(ctx context.Context, q queryer) (govbuy.Money, error) {
	v, err := getSetting(ctx, q, settingTenderThreshold)
	if err != nil || v == "" {
		return govbuy.DefaultTenderThreshold, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return govbuy.DefaultTenderThreshold, nil
	}
	return govbuy.Money(n), nil
}

func hintAcks(ctx context.Context, q queryer, contractID int64) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT rule, reason FROM hint_acks WHERE contract_id = ?", contractID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	acks := map[string]string{}
	for rows.Next() {
		var rule, reason string
		if err := rows.Scan(&rule, &reason); err != nil {
			return nil, err
		}
		acks[rule] = reason
	}
	return acks, rows.Err()
}

// AcknowledgeHint records why a hint on a contract is accepted.
func (db *DB) AcknowledgeHint(ctx context.Context, contractID int64, rule, reason string) error {
	reason = govbuy.CleanText(reason)
	if reason == "" {
		return govbuy.Invalidf("理由", "请填写确认理由")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("acknowledge hint", err)
	}
	defer tx.Rollback()
	if _, err := findContract(ctx, tx, contractID); err != nil {
		return wrapErr("acknowledge hint", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO hint_acks (contract_id, rule, reason, actor, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (contract_id, rule) DO UPDATE SET reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
		contractID, rule, reason, govbuy.ActorFrom(ctx), tx.stamp()); err != nil {
		return wrapErr("acknowledge hint", err)
	}
	after := map[string]string{"rule": rule, "reason": reason}
	if err := tx.audit(ctx, actionUpdate, "hint", contractID, nil, after); err != nil {
		return wrapErr("acknowledge hint", err)
	}
	return commit(tx, "acknowledge hint")
}

// ContractorStanding averages a contractor's assessments by year.
func (db *DB) ContractorStanding(ctx context.Context, contractorID int64) (*govbuy.Standing, error) {
	s, err := contractorStanding(ctx, db.read, contractorID)
	return s, wrapErr("contractor standing", err)
}

func contractorStanding(ctx context.Context, q queryer, contractorID int64) (*govbuy.Standing, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT a.period, a.score FROM assessments a JOIN contracts c ON c.id = a.contract_id
		WHERE c.contractor_id = ? ORDER BY a.period`, contractorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &govbuy.Standing{ContractorID: contractorID, Years: []govbuy.YearStanding{}}
	sums := map[int]int64{}
	counts := map[int]int{}
	for rows.Next() {
		var period string
		var score govbuy.Score
		if err := rows.Scan(&period, &score); err != nil {
			return nil, err
		}
		y := govbuy.YearOfPeriod(period)
		sums[y] += int64(score)
		counts[y]++
		if laterPeriod(period, s.LatestPeriod) {
			s.LatestPeriod, s.LatestScore = period, &score
			s.LatestGrade = govbuy.DefaultGradeBands.Grade(score)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for y, n := range counts {
		avg := govbuy.Score((sums[y]*2 + int64(n)) / (2 * int64(n)))
		s.Years = append(s.Years, govbuy.YearStanding{Year: y, Assessments: n, Average: avg, Grade: govbuy.DefaultGradeBands.Grade(avg)})
	}
	slices.SortFunc(s.Years, func(a, b govbuy.YearStanding) int { return a.Year - b.Year })
	return s, nil
}

// laterPeriod orders periods by their last day, so a year's assessment
// ("2024") counts as later than its quarters.
func laterPeriod(a, b string) bool {
	if b == "" {
		return true
	}
	ea, _ := govbuy.PeriodEnd(a)
	eb, _ := govbuy.PeriodEnd(b)
	return !ea.Before(eb)
}

// PaymentForm gathers what the payment approval form of one contract and
// period shows; the amount requested is what the period still has payable.
func (db *DB) PaymentForm(ctx context.Context, contractNumber, period string) (*govbuy.PaymentForm, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("payment form", err)
	}
	defer tx.Rollback()
	f, err := paymentForm(ctx, tx, db, contractNumber, period)
	return f, wrapErr("payment form", err)
}

func paymentForm(ctx context.Context, tx *sql.Tx, db *DB, number, period string) (*govbuy.PaymentForm, error) {
	row, err := findContractWhere(ctx, tx, "c.number = ?", number)
	if err != nil {
		return nil, err
	}
	s, err := settleContract(ctx, tx, row.ID)
	if err != nil {
		return nil, err
	}
	if period == "" && len(s.Periods) == 1 {
		period = s.Periods[0].Period
	}
	p, ok := s.Period(period)
	if !ok {
		return nil, govbuy.Invalidf("考核期间", "合同“%s”没有考核期间“%s”", number, period)
	}
	k, err := findContractorByID(ctx, tx, row.ContractorID)
	if err != nil {
		return nil, err
	}
	district, err := getSetting(ctx, tx, settingDistrict)
	if err != nil {
		return nil, err
	}
	f := &govbuy.PaymentForm{
		District: district, Unit: row.UnitName, Contractor: k.Name, Bank: k.Bank, Account: k.Account,
		ContractNumber: row.Number, ContractTitle: row.Title, ContractAmount: row.Amount,
		Period: p.Period, Score: p.Score, Grade: p.Grade, Rule: "全额支付",
		Base: p.Base, Payable: p.Payable, Deduction: p.Deduction(), PaidBefore: p.Paid,
		Amount: max(p.Payable-p.Paid, 0), PaidToDate: s.Paid, Explanation: p.Explanation, Date: db.Now(),
	}
	if s.Plan != nil {
		f.Rule = s.Plan.Rule.Describe()
	}
	return f, nil
}
