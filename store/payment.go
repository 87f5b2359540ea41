package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"govbuy"
)

// selectPayments reads payments with the numbers of their approval forms.
const selectPayments = `
	SELECT p.id, p.contract_id, p.date, p.amount, p.period, p.voucher, p.account, p.notes, p.over_reason,
	       COALESCE(f.year, 0), COALESCE(f.seq, 0)
	FROM payments p LEFT JOIN payment_forms f ON f.payment_id = p.id`

func scanPayment(s interface{ Scan(...any) error }) (govbuy.Payment, error) {
	var p govbuy.Payment
	var date string
	if err := s.Scan(&p.ID, &p.ContractID, &date, &p.Amount, &p.Period, &p.Voucher, &p.Account, &p.Notes, &p.OverReason,
		&p.Form.Year, &p.Form.Seq); err != nil {
		return p, err
	}
	var err error
	p.Date, err = parseDate(date)
	return p, err
}

// FindPayments returns a contract's payments by date, each with the
// number of its approval form.
func (db *DB) FindPayments(ctx context.Context, contractID int64) ([]govbuy.Payment, error) {
	ps, err := findPaymentsOf(ctx, db.read, contractID)
	if err != nil {
		return nil, wrapErr("find payments", err)
	}
	if ps == nil {
		ps = []govbuy.Payment{}
	}
	return ps, nil
}

func findPayment(ctx context.Context, q queryer, id int64) (*govbuy.Payment, error) {
	p, err := scanPayment(q.QueryRowContext(ctx, selectPayments+" WHERE p.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("支付记录", id)
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// CreatePayment validates and stores a payment, setting p.ID; a payment
// that needs approval is stored as a request and comes back PendingApproval.
// On a contract paid by score the payment names one of the plan's periods; a payment that
// takes its period's paid above what the period makes payable, or the
// contract's total paid above its amount, needs an OverReason, which is
// stored with it. Imports obey the same rules (see importPayments); dataset
// loads, an administrator's act, record history as it was.
func (db *DB) CreatePayment(ctx context.Context, p *govbuy.Payment) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if err := normalizePeriod(&p.Period); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("create payment", err)
	}
	defer tx.Rollback()
	if err := checkPaymentFits(ctx, tx, p); err != nil {
		return wrapErr("create payment", err)
	}
	// Above the approval amount, with roles on, the payment waits for a
	// second person instead (maker–checker).
	limit, err := approvalLimit(ctx, tx)
	if err != nil {
		return wrapErr("create payment", err)
	}
	if govbuy.NeedsApproval(p.Amount, limit) {
		if err := requestApproval(ctx, tx, p); err != nil {
			return wrapErr("create payment", err)
		}
		return commit(tx, "request payment")
	}
	if err := insertPayment(ctx, tx, p); err != nil {
		return wrapErr("create payment", err)
	}
	if err := tx.auditOfContract(ctx, actionCreate, "payment", p.ID, p.ContractID, p.Form.Title(), nil, p); err != nil {
		return wrapErr("create payment", err)
	}
	return commit(tx, "create payment")
}

// checkPaymentFits refuses a payment for a missing contract, one without a
// period on a contract paid by score, and one that pays more than the
// period's payable amount or the contract's balance without a stated reason.
// A contract stored without an amount (0) has no balance to check against.
func checkPaymentFits(ctx context.Context, tx *writeTx, p *govbuy.Payment) error {
	if err := checkPaymentPeriod(ctx, tx, p); err != nil {
		return err
	}
	var amount, paid int64
	err := tx.QueryRowContext(ctx, `
		SELECT c.amount, (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE contract_id = c.id)
		FROM contracts c WHERE c.id = ?`, p.ContractID).Scan(&amount, &paid)
	if errors.Is(err, sql.ErrNoRows) {
		return govbuy.Invalidf("合同", "未找到ID为%d的合同", p.ContractID)
	}
	if err != nil {
		return err
	}
	return p.CheckBalance(govbuy.Money(amount), govbuy.Money(paid))
}

// checkPaymentPeriod holds a payment on a contract paid by score (a plan
// whose rule is not "full") to one of the plan's periods, and any payment
// that names a period of a plan to what that period makes payable: the
// rule's amount for its score once assessed, else its base, so paying ahead
// of the assessment up to the installment needs no reason.
func checkPaymentPeriod(ctx context.Context, tx *writeTx, p *govbuy.Payment) error {
	plan, err := findPlan(ctx, tx, p.ContractID)
	if err != nil || plan == nil {
		return err
	}
	if p.Period == "" {
		if plan.Rule.Kind == govbuy.RuleFull {
			return nil
		}
		return govbuy.Invalidf("考核期间", "按考核结果付款的合同须选择考核期间")
	}
	s, err := settleContract(ctx, tx, p.ContractID)
	if err != nil {
		return err
	}
	period, ok := s.Period(p.Period)
	if !ok {
		return govbuy.Invalidf("考核期间", "%s不是本合同的考核期间（%s）", govbuy.PeriodLabel(p.Period), periodLabels(s.Periods))
	}
	if over := period.Paid + p.Amount - period.Payable; over > 0 && p.OverReason == "" {
		return govbuy.Invalidf("超付原因", "本期应付%s元，已付%s元，本次%s元，超出%s元，请填写超付原因",
			period.Payable, period.Paid, p.Amount, over)
	}
	return nil
}

// normalizePeriod turns a period as typed ("2024年第2季度") into its code;
// an empty period stays empty.
func normalizePeriod(period *string) error {
	if strings.TrimSpace(*period) == "" {
		*period = ""
		return nil
	}
	code, err := govbuy.ParsePeriod(*period)
	if err != nil {
		return err
	}
	*period = code
	return nil
}

const insertPaymentSQL = `
	INSERT INTO payments (contract_id, date, amount, period, voucher, account, notes, over_reason, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertPayment stores p and sets the number its approval form was given
// (the database numbers every payment inserted).
func insertPayment(ctx context.Context, tx *writeTx, p *govbuy.Payment) error {
	if err := insertPaymentWith(ctx, txExec{tx, insertPaymentSQL}, tx.stamp(), p); err != nil {
		return err
	}
	return tx.QueryRowContext(ctx, "SELECT year, seq FROM payment_forms WHERE payment_id = ?", p.ID).Scan(&p.Form.Year, &p.Form.Seq)
}

func insertPaymentWith(ctx context.Context, ex execer, stamp string, p *govbuy.Payment) error {
	res, err := ex.ExecContext(ctx, p.ContractID, dateText(p.Date), int64(p.Amount), p.Period, p.Voucher,
		p.Account, p.Notes, p.OverReason, stamp)
	if err != nil {
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

// DeletePayment removes a payment (a wrongly entered one; the audit log
// keeps what it was).
func (db *DB) DeletePayment(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete payment", err)
	}
	defer tx.Rollback()
	before, err := findPayment(ctx, tx, id)
	if err != nil {
		return wrapErr("delete payment", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM payments WHERE id = ?", id); err != nil {
		return wrapErr("delete payment", err)
	}
	if err := tx.auditOfContract(ctx, actionDelete, "payment", id, before.ContractID, before.Form.Title(), before, nil); err != nil {
		return wrapErr("delete payment", err)
	}
	return commit(tx, "delete payment")
}
