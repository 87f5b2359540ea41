package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"govbuy"
)

// settingTenderThreshold holds the open-tender threshold in fen; without it
// the hints use govbuy.DefaultTenderThreshold (200万元).
const settingTenderThreshold = "tender_threshold_fen"

// ContractSettlement reads a contract, its plan, assessments and payments,
// and returns where its money stands as govbuy.Settle works it out, with
// its compliance hints.
func (db *DB) ContractSettlement(ctx context.Context, contractID int64) (*govbuy.ContractSettlement, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("contract settlement", err)
	}
	defer tx.Rollback()
	s, err := settleContract(ctx, tx, contractID)
	if err != nil {
		return nil, wrapErr("contract settlement", err)
	}
	if s.Hints, err = contractHints(ctx, tx, &s.Contract.Contract); err != nil {
		return nil, wrapErr("contract settlement", err)
	}
	return s, nil
}

// settleContract returns the contract's money by period and in total,
// without hints (a payment check needs only the figures).
func settleContract(ctx context.Context, q queryer, contractID int64) (*govbuy.ContractSettlement, error) {
	row, err := findContractWhere(ctx, q, "c.id = ?", contractID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("合同", contractID)
	}
	if err != nil {
		return nil, err
	}
	return settleRow(ctx, q, row)
}

func settleRow(ctx context.Context, q queryer, row *govbuy.ContractRow) (*govbuy.ContractSettlement, error) {
	in, err := readSettlementInputs(ctx, q, row.ID)
	if err != nil {
		return nil, err
	}
	return in.settle(row, 0), nil
}

// settlementInputs are what a contract's settlement is worked out from.
type settlementInputs struct {
	plan        *govbuy.AssessmentPlan
	assessments []govbuy.Assessment
	payments    []govbuy.Payment
}

func readSettlementInputs(ctx context.Context, q queryer, contractID int64) (*settlementInputs, error) {
	var in settlementInputs
	var err error
	if in.plan, err = findPlan(ctx, q, contractID); err != nil {
		return nil, err
	}
	if in.assessments, err = findAssessments(ctx, q, contractID); err != nil {
		return nil, err
	}
	if in.payments, err = findPaymentsOf(ctx, q, contractID); err != nil {
		return nil, err
	}
	return &in, nil
}

// settle settles the contract of row as govbuy.Settle does, or with
// paymentID not 0 as it stood once that payment was made.
func (in *settlementInputs) settle(row *govbuy.ContractRow, paymentID int64) *govbuy.ContractSettlement {
	var s govbuy.Settlement
	if paymentID == 0 {
		s = govbuy.Settle(&row.Contract, in.plan, in.assessments, in.payments)
	} else {
		s = govbuy.SettleThrough(&row.Contract, in.plan, in.assessments, in.payments, paymentID)
	}
	return &govbuy.ContractSettlement{Contract: *row, Settlement: s, Hints: []govbuy.Hint{}}
}

func findPaymentsOf(ctx context.Context, q queryer, contractID int64) ([]govbuy.Payment, error) {
	rows, err := q.QueryContext(ctx, selectPayments+" WHERE p.contract_id = ? ORDER BY p.date, p.id", contractID)
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

// contractHints runs the compliance checks on one contract with its
// contractor's qualifications and last year's grade, and marks the hints
// someone has acknowledged. It asks what loadHintBook asks of all
// contracts, for this one only.
func contractHints(ctx context.Context, q queryer, c *govbuy.Contract) ([]govbuy.Hint, error) {
	u, err := findUnitByID(ctx, q, c.UnitID)
	if err != nil {
		return nil, err
	}
	k, err := findContractorByID(ctx, q, c.ContractorID)
	if err != nil {
		return nil, err
	}
	prev, err := contractorGradeIn(ctx, q, c.ContractorID, c.BudgetYear()-1)
	if err != nil {
		return nil, err
	}
	threshold, err := tenderThreshold(ctx, q)
	if err != nil {
		return nil, err
	}
	req, err := requirementFor(ctx, q, c.CatalogID)
	if err != nil {
		return nil, err
	}
	fee, err := findFeeStandard(ctx, q, c.FeeStandardID)
	if err != nil {
		return nil, err
	}
	maxDeparture, err := maxFeeDeparture(ctx, q)
	if err != nil {
		return nil, err
	}
	hints := govbuy.ComplianceHints(govbuy.HintInput{Contract: c, Unit: u, Contractor: k, PrevGrade: prev, TenderThreshold: threshold,
		Requirement: req, FeeStandard: fee, MaxFeeDeparture: maxDeparture})
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

// contractorGradeIn grades a contractor's assessments of periods in year,
// "" when there are none.
func contractorGradeIn(ctx context.Context, q queryer, contractorID int64, year int) (govbuy.Grade, error) {
	from, to := strconv.Itoa(year), strconv.Itoa(year+1) // period codes of year sort in [from, to)
	var sum, n int64
	err := q.QueryRowContext(ctx, `
		SELECT COALESCE(SUM(a.score), 0), COUNT(*) FROM assessments a JOIN contracts c ON c.id = a.contract_id
		WHERE c.contractor_id = ? AND a.period >= ? AND a.period < ?`, contractorID, from, to).Scan(&sum, &n)
	if err != nil || n == 0 {
		return "", err
	}
	return govbuy.DefaultGradeBands.Grade(govbuy.AverageScore(sum, n)), nil
}

// tenderThreshold reads the setting; a missing or unreadable value falls
// back to the default, since a hint must never fail a screen.
func tenderThreshold(ctx context.Context, q queryer) (govbuy.Money, error) {
	v, err := getSetting(ctx, q, settingTenderThreshold)
	if err != nil || v == "" {
		return govbuy.DefaultTenderThreshold, err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n <= 0 {
		return govbuy.DefaultTenderThreshold, nil
	}
	return govbuy.Money(n), nil
}

func hintAcks(ctx context.Context, q queryer, contractID int64) (map[string]string, error) {
	acks := map[string]string{}
	err := eachRow(ctx, q, "SELECT rule, reason FROM hint_acks WHERE contract_id = ?", func(rows *sql.Rows) error {
		var rule, reason string
		err := rows.Scan(&rule, &reason)
		acks[rule] = reason
		return err
	}, contractID)
	return acks, err
}

// hintAck is an acknowledgement as the audit log records it.
type hintAck struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// AcknowledgeHint records why a hint on a contract is accepted (rule is the
// hint's code, Hint.Rule); acknowledging it again replaces the reason. The
// hint must apply to the contract now.
func (db *DB) AcknowledgeHint(ctx context.Context, contractID int64, rule, reason string) error {
	rule, reason = strings.TrimSpace(rule), govbuy.CleanText(reason)
	if reason == "" {
		return govbuy.Invalidf("理由", "请填写确认理由")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("acknowledge hint", err)
	}
	defer tx.Rollback()
	before, err := checkHintApplies(ctx, tx, contractID, rule)
	if err != nil {
		return wrapErr("acknowledge hint", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO hint_acks (contract_id, rule, reason, actor, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (contract_id, rule) DO UPDATE SET reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
		contractID, rule, reason, govbuy.ActorFrom(ctx), tx.stamp()); err != nil {
		return wrapErr("acknowledge hint", err)
	}
	if err := tx.auditOfContract(ctx, actionUpdate, "hint", contractID, contractID, "", before, hintAck{rule, reason}); err != nil {
		return wrapErr("acknowledge hint", err)
	}
	return commit(tx, "acknowledge hint")
}

// checkHintApplies refuses a hint the contract does not have, and returns
// the acknowledgement it replaces (nil when there is none).
func checkHintApplies(ctx context.Context, tx *writeTx, contractID int64, rule string) (*hintAck, error) {
	c, err := findContract(ctx, tx, contractID)
	if err != nil {
		return nil, err
	}
	hints, err := contractHints(ctx, tx, c)
	if err != nil {
		return nil, err
	}
	for _, h := range hints {
		if h.Rule != rule {
			continue
		}
		if h.Acknowledged == "" {
			return nil, nil
		}
		return &hintAck{rule, h.Acknowledged}, nil
	}
	return nil, govbuy.Invalidf("提示", "合同“%s”没有“%s”提示", c.Number, rule)
}

// ContractorStanding averages a contractor's assessments (of all its
// contracts) by the year of their period, rounded half up to a tenth and
// graded by govbuy.DefaultGradeBands, and gives the latest one.
func (db *DB) ContractorStanding(ctx context.Context, contractorID int64) (*govbuy.Standing, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("contractor standing", err)
	}
	defer tx.Rollback()
	if n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM contractors WHERE id = ?", contractorID); err != nil || n == 0 {
		if err == nil {
			err = notFound("承接主体", contractorID)
		}
		return nil, wrapErr("contractor standing", err)
	}
	s, err := contractorStanding(ctx, tx, contractorID)
	return s, wrapErr("contractor standing", err)
}

func contractorStanding(ctx context.Context, q queryer, contractorID int64) (*govbuy.Standing, error) {
	s := &govbuy.Standing{ContractorID: contractorID, Years: []govbuy.YearStanding{}}
	// From the contractor's contracts to their assessments (the contractor
	// index, then the assessments' unique index), by year of period.
	err := eachRow(ctx, q, `
		SELECT CAST(substr(a.period, 1, 4) AS INTEGER) AS y, SUM(a.score), COUNT(*)
		FROM contracts c JOIN assessments a ON a.contract_id = c.id
		WHERE c.contractor_id = ? GROUP BY y ORDER BY y`, func(rows *sql.Rows) error {
		var sum, n int64
		var y govbuy.YearStanding
		if err := rows.Scan(&y.Year, &sum, &n); err != nil {
			return err
		}
		y.Assessments, y.Average = int(n), govbuy.AverageScore(sum, n)
		y.Grade = govbuy.DefaultGradeBands.Grade(y.Average)
		s.Years = append(s.Years, y)
		return nil
	}, contractorID)
	if err != nil {
		return nil, err
	}
	return s, latestAssessment(ctx, q, s)
}

// latestAssessment fills the standing's latest period: the one that ends
// last (a year's assessment counts as later than its quarters), then the
// most recently entered.
func latestAssessment(ctx context.Context, q queryer, s *govbuy.Standing) error {
	return eachRow(ctx, q, `
		SELECT a.period, a.score FROM assessments a JOIN contracts c ON c.id = a.contract_id
		WHERE c.contractor_id = ? ORDER BY a.id`, func(rows *sql.Rows) error {
		var period string
		var score govbuy.Score
		if err := rows.Scan(&period, &score); err != nil {
			return err
		}
		if laterPeriod(period, s.LatestPeriod) {
			s.LatestPeriod, s.LatestScore = period, &score
			s.LatestGrade = govbuy.DefaultGradeBands.Grade(score)
		}
		return nil
	}, s.ContractorID)
}

// laterPeriod reports whether period a ends no earlier than b ("" is the
// earliest).
func laterPeriod(a, b string) bool {
	if b == "" {
		return true
	}
	ea, _ := govbuy.PeriodEnd(a)
	eb, _ := govbuy.PeriodEnd(b)
	return !ea.Before(eb)
}

// PaymentForm gathers what the payment approval form of one contract and
// period shows: the amount requested is what the period still has payable
// (never below 0); a period paid in full shows its last payment's form, as
// PaymentFormOf does. period may be a code or a label ("2024年第2季度"); it
// may be left empty for a contract with a single period.
func (db *DB) PaymentForm(ctx context.Context, contractNumber, period string) (*govbuy.PaymentForm, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("payment form", err)
	}
	defer tx.Rollback()
	f, err := db.paymentForm(ctx, tx, govbuy.CleanText(contractNumber), period)
	return f, wrapErr("payment form", err)
}

func (db *DB) paymentForm(ctx context.Context, tx *sql.Tx, number, period string) (*govbuy.PaymentForm, error) {
	row, err := findContractWhere(ctx, tx, "c.number = ?", number)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到编号为“%s”的合同", number)
	}
	if err != nil {
		return nil, err
	}
	in, err := readSettlementInputs(ctx, tx, row.ID)
	if err != nil {
		return nil, err
	}
	s := in.settle(row, 0)
	p, err := formPeriod(s, period)
	if err != nil {
		return nil, err
	}
	if last, ok := s.LastPaymentOf(p, in.payments); ok {
		return db.recordedForm(ctx, tx, row, in, last)
	}
	k, district, err := formParties(ctx, tx, row)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	form := govbuy.NewPaymentForm(s, p, k, district.Name, govbuy.Day(now.Year(), now.Month(), now.Day()))
	form.Bureau = district.Bureau
	return form, nil
}

// formParties reads who a form pays (the contract's contractor, with its
// bank account) and the district and finance bureau that issue it.
func formParties(ctx context.Context, tx *sql.Tx, row *govbuy.ContractRow) (*govbuy.Contractor, govbuy.DistrictProfile, error) {
	k, err := findContractorByID(ctx, tx, row.ContractorID)
	if err != nil {
		return nil, govbuy.DistrictProfile{}, err
	}
	district, err := districtProfile(ctx, tx)
	return k, district, err
}

// PaymentFormOf gathers the approval form of a recorded payment: that
// payment and its form's number, with its period's settlement as it stood
// when the payment was made.
func (db *DB) PaymentFormOf(ctx context.Context, paymentID int64) (*govbuy.PaymentForm, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("payment form", err)
	}
	defer tx.Rollback()
	f, err := db.paymentFormOf(ctx, tx, paymentID)
	return f, wrapErr("payment form", err)
}

func (db *DB) paymentFormOf(ctx context.Context, tx *sql.Tx, paymentID int64) (*govbuy.PaymentForm, error) {
	pay, err := findPayment(ctx, tx, paymentID)
	if err != nil {
		return nil, err
	}
	row, err := findContractWhere(ctx, tx, "c.id = ?", pay.ContractID)
	if err != nil {
		return nil, err
	}
	in, err := readSettlementInputs(ctx, tx, row.ID)
	if err != nil {
		return nil, err
	}
	return db.recordedForm(ctx, tx, row, in, *pay)
}

func (db *DB) recordedForm(ctx context.Context, tx *sql.Tx, row *govbuy.ContractRow, in *settlementInputs, pay govbuy.Payment) (*govbuy.PaymentForm, error) {
	k, district, err := formParties(ctx, tx, row)
	if err != nil {
		return nil, err
	}
	form := govbuy.NewRecordedPaymentForm(in.settle(row, pay.ID), pay, k, district.Name)
	form.Bureau = district.Bureau
	return form, nil
}

// formPeriod picks the settlement period a payment form is for.
func formPeriod(s *govbuy.ContractSettlement, period string) (govbuy.PeriodSettlement, error) {
	if strings.TrimSpace(period) == "" {
		if len(s.Periods) == 1 {
			return s.Periods[0], nil
		}
		return govbuy.PeriodSettlement{}, govbuy.Invalidf("考核期间", "合同“%s”按%s考核，请选择考核期间（%s）",
			s.Contract.Number, s.Plan.Period, periodLabels(s.Periods))
	}
	code, err := govbuy.ParsePeriod(period)
	if err != nil {
		return govbuy.PeriodSettlement{}, err
	}
	p, ok := s.Period(code)
	if !ok {
		return govbuy.PeriodSettlement{}, govbuy.Invalidf("考核期间", "合同“%s”没有考核期间“%s”（可选：%s）",
			s.Contract.Number, govbuy.PeriodLabel(code), periodLabels(s.Periods))
	}
	return p, nil
}

func periodLabels(ps []govbuy.PeriodSettlement) string {
	labels := make([]string, len(ps))
	for i, p := range ps {
		labels[i] = govbuy.PeriodLabel(p.Period)
	}
	return strings.Join(labels, "、")
}
