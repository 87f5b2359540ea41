package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"

	"govbuy"
)

const inspectionColumns = `id, contract_id, period, date, kind, inspectors, findings, attachments, deductions, version`

func scanInspection(s interface{ Scan(...any) error }) (govbuy.Inspection, error) {
	var in govbuy.Inspection
	var date, attachments, deductions string
	if err := s.Scan(&in.ID, &in.ContractID, &in.Period, &date, &in.Kind, &in.Inspectors, &in.Findings, &attachments, &deductions, &in.Version); err != nil {
		return in, err
	}
	if err := json.Unmarshal([]byte(attachments), &in.Attachments); err != nil {
		return in, err
	}
	if err := json.Unmarshal([]byte(deductions), &in.Deductions); err != nil {
		return in, err
	}
	var err error
	in.Date, err = parseDate(date)
	return in, err
}

// FindInspections returns a contract's inspections by date.
func (db *DB) FindInspections(ctx context.Context, contractID int64) ([]govbuy.Inspection, error) {
	out, err := findInspections(ctx, db.read, contractID)
	return out, wrapErr("find inspections", err)
}

func findInspections(ctx context.Context, q queryer, contractID int64) ([]govbuy.Inspection, error) {
	out := []govbuy.Inspection{}
	err := eachRow(ctx, q, "SELECT "+inspectionColumns+" FROM inspections WHERE contract_id = ? ORDER BY date, id", func(rows *sql.Rows) error {
		in, err := scanInspection(rows)
		out = append(out, in)
		return err
	}, contractID)
	return out, err
}

func findInspection(ctx context.Context, q queryer, id int64) (*govbuy.Inspection, error) {
	in, err := scanInspection(q.QueryRowContext(ctx, "SELECT "+inspectionColumns+" FROM inspections WHERE id = ?", id))
	if err != nil {
		return nil, notFoundIfNoRows(err, "督查记录", id)
	}
	return &in, nil
}

// CreateInspection validates an inspection against its contract's plan and
// stores it. Its deductions reach the period's assessment, so deductions
// in a period already assessed are refused: the assessment is changed
// first. A visit that found nothing may be recorded at any time.
func (db *DB) CreateInspection(ctx context.Context, in *govbuy.Inspection) error {
	return db.writeInspection(ctx, "create inspection", in, actionCreate)
}

// UpdateInspection corrects a stored inspection, on the same terms: its
// inspectors, findings, date and attachments may always be corrected, its
// deductions only while their period is not assessed.
func (db *DB) UpdateInspection(ctx context.Context, in *govbuy.Inspection) error {
	return db.writeInspection(ctx, "update inspection", in, actionUpdate)
}

func (db *DB) writeInspection(ctx context.Context, op string, in *govbuy.Inspection, action string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr(op, err)
	}
	defer tx.Rollback()
	var before *govbuy.Inspection
	if action == actionUpdate {
		if before, err = findInspection(ctx, tx, in.ID); err != nil {
			return wrapErr(op, err)
		}
	}
	if err := checkInspection(ctx, tx, in); err != nil {
		return wrapErr(op, err)
	}
	if err := refuseIfScoreChanges(ctx, tx, before, in); err != nil {
		return wrapErr(op, err)
	}
	if action == actionUpdate {
		err = updateInspection(ctx, tx, in)
	} else {
		err = insertInspection(ctx, tx, in)
	}
	if err != nil {
		return wrapErr(op, err)
	}
	if err := tx.auditOfContract(ctx, action, "inspection", in.ID, in.ContractID, govbuy.FormatDate(in.Date), before, in); err != nil {
		return wrapErr(op, err)
	}
	if action == actionCreate {
		return commit(tx, op)
	}
	return commitVersion(tx, op, &in.Version)
}

// checkInspection validates in against its contract's plan, the periods
// the plan assesses, and the points other inspections of the period took.
func checkInspection(ctx context.Context, tx queryer, in *govbuy.Inspection) error {
	in.Normalize()
	if in.ContractID == 0 {
		return in.Validate(nil) // says 请选择合同, with anything else amiss
	}
	c, err := findContract(ctx, tx, in.ContractID)
	if govbuy.ErrorKindOf(err) == govbuy.ENotFound {
		return govbuy.Invalidf("合同", "未找到ID为%d的合同", in.ContractID)
	}
	if err != nil {
		return err
	}
	plan, err := findPlan(ctx, tx, in.ContractID)
	if err != nil {
		return err
	}
	if code, err := govbuy.ParsePeriod(in.Period); err == nil {
		in.Period = code
	}
	if err := in.Validate(plan); err != nil {
		return err
	}
	if plan != nil && !slices.Contains(plan.Period.Periods(c.BudgetYear()), in.Period) {
		return govbuy.Invalidf("考核期间", "%s不是本合同的考核期间（按%s考核）", govbuy.PeriodLabel(in.Period), plan.Period)
	}
	others, err := findInspections(ctx, tx, in.ContractID)
	if err != nil {
		return err
	}
	return in.CheckAgainst(plan, others)
}

// refuseIfScoreChanges refuses a change that would alter the deductions an
// assessed period's score follows from: deductions added to, changed in,
// moved out of or deleted from such a period. before is nil for a new
// inspection, after nil for a deleted one.
func refuseIfScoreChanges(ctx context.Context, q queryer, before, after *govbuy.Inspection) error {
	if before != nil && after != nil && before.Period == after.Period && slices.Equal(before.Deductions, after.Deductions) {
		return nil
	}
	for _, in := range []*govbuy.Inspection{before, after} {
		if in == nil || len(in.Deductions) == 0 {
			continue
		}
		if err := refuseIfAssessed(ctx, q, in); err != nil {
			return err
		}
	}
	return nil
}

// refuseIfAssessed refuses to change the deductions of a period whose
// assessment is recorded: its score would no longer follow from them.
func refuseIfAssessed(ctx context.Context, q queryer, in *govbuy.Inspection) error {
	n, err := countRows(ctx, q, "SELECT COUNT(*) FROM assessments WHERE contract_id = ? AND period = ?", in.ContractID, in.Period)
	if err != nil || n == 0 {
		return err
	}
	return govbuy.Errorf(govbuy.EConflict, "考核期间", "%s的考核已录入，督查扣分须在考核前登记；请先删除该期考核记录，或把扣分直接写入考核", govbuy.PeriodLabel(in.Period))
}

func inspectionJSON(in *govbuy.Inspection) (attachments, deductions string, err error) {
	a, err := json.Marshal(nonNil(in.Attachments))
	if err != nil {
		return "", "", err
	}
	d, err := json.Marshal(nonNil(in.Deductions))
	return string(a), string(d), err
}

// nonNil stores an empty list as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func insertInspection(ctx context.Context, tx *writeTx, in *govbuy.Inspection) error {
	attachments, deductions, err := inspectionJSON(in)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO inspections (contract_id, period, date, kind, inspectors, findings, attachments, deductions, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.ContractID, in.Period, dateText(in.Date), string(in.Kind), in.Inspectors, in.Findings, attachments, deductions,
		tx.stamp(), tx.stamp())
	if err != nil {
		return err
	}
	in.Version = 1 // the first version of a new record
	in.ID, err = res.LastInsertId()
	return err
}

func updateInspection(ctx context.Context, tx *writeTx, in *govbuy.Inspection) error {
	attachments, deductions, err := inspectionJSON(in)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE inspections SET contract_id = ?, period = ?, date = ?, kind = ?, inspectors = ?, findings = ?,
			attachments = ?, deductions = ?, updated_at = ?, `+bumpVersion+` WHERE id = ? AND version = ?`,
		in.ContractID, in.Period, dateText(in.Date), string(in.Kind), in.Inspectors, in.Findings, attachments, deductions,
		tx.stamp(), govbuy.ActorFrom(ctx), in.ID, in.Version)
	if err != nil {
		return err
	}
	return tx.checkSaved(ctx, res, inspectionVersions, in.ID)
}

// DeleteInspection removes an inspection, unless its deductions count in a
// period already assessed.
func (db *DB) DeleteInspection(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete inspection", err)
	}
	defer tx.Rollback()
	before, err := findInspection(ctx, tx, id)
	if err != nil {
		return wrapErr("delete inspection", err)
	}
	if err := tx.checkRead(ctx, inspectionVersions, id, before.Version, version); err != nil {
		return wrapErr("delete inspection", err)
	}
	if err := refuseIfScoreChanges(ctx, tx, before, nil); err != nil {
		return wrapErr("delete inspection", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM inspections WHERE id = ?", id); err != nil {
		return wrapErr("delete inspection", err)
	}
	if err := tx.auditOfContract(ctx, actionDelete, "inspection", id, before.ContractID, govbuy.FormatDate(before.Date), before, nil); err != nil {
		return wrapErr("delete inspection", err)
	}
	return commit(tx, "delete inspection")
}

// periodDeductions lists what the inspections of a contract's period took
// off, for its assessment.
func periodDeductions(ctx context.Context, q queryer, contractID int64, period string) ([]govbuy.InspectionDeduction, error) {
	ins, err := findInspections(ctx, q, contractID)
	if err != nil {
		return nil, err
	}
	return govbuy.DeductionsOf(ins, period), nil
}
