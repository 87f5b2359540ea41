package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"govbuy"
)

var _ govbuy.AssessmentService = (*DB)(nil)

// FindPlan returns a contract's assessment plan, ENotFound when it has none.
func (db *DB) FindPlan(ctx context.Context, contractID int64) (*govbuy.AssessmentPlan, error) {
	p, err := findPlan(ctx, db.read, contractID)
	if err != nil {
		return nil, wrapErr("find plan", err)
	}
	if p == nil {
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "该合同尚未设置考核方案")
	}
	return p, nil
}

// findPlan returns nil and no error when the contract has no plan.
func findPlan(ctx context.Context, q queryer, contractID int64) (*govbuy.AssessmentPlan, error) {
	var period, criteria, bands, rule, installments string
	err := q.QueryRowContext(ctx, `SELECT period, criteria, bands, rule, installments FROM plans WHERE contract_id = ?`,
		contractID).Scan(&period, &criteria, &bands, &rule, &installments)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := &govbuy.AssessmentPlan{ContractID: contractID, Period: govbuy.PeriodKind(period)}
	for _, f := range []struct {
		text string
		into any
	}{{criteria, &p.Criteria}, {bands, &p.Bands}, {rule, &p.Rule}, {installments, &p.Installments}} {
		if err := json.Unmarshal([]byte(f.text), f.into); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// SavePlan validates and stores a contract's plan, replacing any earlier one.
func (db *DB) SavePlan(ctx context.Context, p *govbuy.AssessmentPlan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("save plan", err)
	}
	defer tx.Rollback()
	if _, err := findContract(ctx, tx, p.ContractID); err != nil {
		return wrapErr("save plan", err)
	}
	before, err := findPlan(ctx, tx, p.ContractID)
	if err != nil {
		return wrapErr("save plan", err)
	}
	if err := upsertPlan(ctx, tx, p); err != nil {
		return wrapErr("save plan", err)
	}
	action := actionUpdate
	if before == nil {
		action = actionCreate
	}
	if err := tx.audit(ctx, action, "plan", p.ContractID, before, p); err != nil {
		return wrapErr("save plan", err)
	}
	return commit(tx, "save plan")
}

func upsertPlan(ctx context.Context, tx *writeTx, p *govbuy.AssessmentPlan) error {
	enc := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	installments := p.Installments
	if installments == nil {
		installments = map[string]govbuy.Money{}
	}
	criteria := p.Criteria
	if criteria == nil {
		criteria = []govbuy.Criterion{}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO plans (contract_id, period, criteria, bands, rule, installments, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (contract_id) DO UPDATE SET period = excluded.period, criteria = excluded.criteria,
			bands = excluded.bands, rule = excluded.rule, installments = excluded.installments,
			updated_at = excluded.updated_at`,
		p.ContractID, string(p.Period), enc(criteria), enc(p.Bands), enc(p.Rule), enc(installments), tx.stamp())
	return err
}

const assessmentColumns = `id, contract_id, period, items, score, date, assessor, remarks`

func scanAssessment(s interface{ Scan(...any) error }) (govbuy.Assessment, error) {
	var a govbuy.Assessment
	var items, date string
	if err := s.Scan(&a.ID, &a.ContractID, &a.Period, &items, &a.Score, &date, &a.Assessor, &a.Remarks); err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(items), &a.Items); err != nil {
		return a, err
	}
	var err error
	a.Date, err = parseDate(date)
	return a, err
}

// FindAssessments returns a contract's assessments in period order.
func (db *DB) FindAssessments(ctx context.Context, contractID int64) ([]govbuy.Assessment, error) {
	out, err := findAssessments(ctx, db.read, contractID)
	return out, wrapErr("find assessments", err)
}

func findAssessments(ctx context.Context, q queryer, contractID int64) ([]govbuy.Assessment, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+assessmentColumns+" FROM assessments WHERE contract_id = ? ORDER BY period", contractID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []govbuy.Assessment{}
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func findAssessment(ctx context.Context, q queryer, id int64) (*govbuy.Assessment, error) {
	a, err := scanAssessment(q.QueryRowContext(ctx, "SELECT "+assessmentColumns+" FROM assessments WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("考核记录", id)
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// CreateAssessment validates an assessment against its contract's plan,
// totals its criterion scores and stores it. A second assessment of the same
// period is refused: the first is to be corrected instead.
func (db *DB) CreateAssessment(ctx context.Context, a *govbuy.Assessment) error {
	return db.writeAssessment(ctx, "create assessment", a, actionCreate)
}

// UpdateAssessment corrects a stored assessment.
func (db *DB) UpdateAssessment(ctx context.Context, a *govbuy.Assessment) error {
	return db.writeAssessment(ctx, "update assessment", a, actionUpdate)
}

func (db *DB) writeAssessment(ctx context.Context, op string, a *govbuy.Assessment, action string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr(op, err)
	}
	defer tx.Rollback()
	if err := checkAssessment(ctx, tx, a); err != nil {
		return wrapErr(op, err)
	}
	var before *govbuy.Assessment
	if action == actionUpdate {
		if before, err = findAssessment(ctx, tx, a.ID); err != nil {
			return wrapErr(op, err)
		}
		err = updateAssessment(ctx, tx, a)
	} else {
		err = insertAssessment(ctx, tx, a, 0)
	}
	if err != nil {
		if isUniqueViolation(err, "assessments.contract_id") {
			return govbuy.Errorf(govbuy.EConflict, "考核期间", "%s已有考核记录，请修改原记录", govbuy.PeriodLabel(a.Period))
		}
		return wrapErr(op, err)
	}
	if err := tx.audit(ctx, action, "assessment", a.ID, before, a); err != nil {
		return wrapErr(op, err)
	}
	return commit(tx, op)
}

// checkAssessment validates a against the contract's plan: the criteria and
// their points, and a period that belongs to the contract's budget year.
func checkAssessment(ctx context.Context, tx queryer, a *govbuy.Assessment) error {
	c, err := findContract(ctx, tx, a.ContractID)
	if err != nil {
		return err
	}
	plan, err := findPlan(ctx, tx, a.ContractID)
	if err != nil {
		return err
	}
	if err := a.Validate(plan); err != nil {
		return err
	}
	if plan != nil && !slices.Contains(plan.Period.Periods(c.BudgetYear()), a.Period) {
		return govbuy.Invalidf("考核期间", "%s不是本合同的考核期间（按%s考核）", govbuy.PeriodLabel(a.Period), plan.Period)
	}
	return nil
}

func insertAssessment(ctx context.Context, tx *writeTx, a *govbuy.Assessment, batch int64) error {
	items, err := json.Marshal(nonNilItems(a.Items))
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO assessments (contract_id, period, items, score, date, assessor, remarks, import_batch_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ContractID, a.Period, string(items), int(a.Score), dateText(a.Date), a.Assessor, a.Remarks,
		nullID(batch), tx.stamp(), tx.stamp())
	if err != nil {
		return err
	}
	a.ID, err = res.LastInsertId()
	return err
}

func updateAssessment(ctx context.Context, tx *writeTx, a *govbuy.Assessment) error {
	items, err := json.Marshal(nonNilItems(a.Items))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE assessments SET contract_id = ?, period = ?, items = ?, score = ?, date = ?, assessor = ?,
			remarks = ?, updated_at = ? WHERE id = ?`,
		a.ContractID, a.Period, string(items), int(a.Score), dateText(a.Date), a.Assessor, a.Remarks, tx.stamp(), a.ID)
	return err
}

func nonNilItems(items []govbuy.ItemScore) []govbuy.ItemScore {
	if items == nil {
		return []govbuy.ItemScore{}
	}
	return items
}

// DeleteAssessment removes an assessment, refused while payments were made
// against its period: they rest on its score.
func (db *DB) DeleteAssessment(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete assessment", err)
	}
	defer tx.Rollback()
	before, err := findAssessment(ctx, tx, id)
	if err != nil {
		return wrapErr("delete assessment", err)
	}
	n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM payments WHERE contract_id = ? AND period = ?", before.ContractID, before.Period)
	if err != nil {
		return wrapErr("delete assessment", err)
	}
	if n > 0 {
		return govbuy.Errorf(govbuy.EConflict, "", "%s已按该考核结果支付%d笔，不能删除；如需更正请修改考核记录", govbuy.PeriodLabel(before.Period), n)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM assessments WHERE id = ?", id); err != nil {
		return wrapErr("delete assessment", err)
	}
	if err := tx.audit(ctx, actionDelete, "assessment", id, before, nil); err != nil {
		return wrapErr("delete assessment", err)
	}
	return commit(tx, "delete assessment")
}
