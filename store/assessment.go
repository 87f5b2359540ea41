package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"govbuy"
)

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
	var version int64
	err := q.QueryRowContext(ctx, `SELECT period, criteria, bands, rule, installments, version FROM plans WHERE contract_id = ?`,
		contractID).Scan(&period, &criteria, &bands, &rule, &installments, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := &govbuy.AssessmentPlan{ContractID: contractID, Version: version, Period: govbuy.PeriodKind(period)}
	if err := decodePlanJSON(p, criteria, bands, rule, installments); err != nil {
		return nil, fmt.Errorf("plan of contract %d: %w", contractID, err)
	}
	return p, nil
}

// SavePlan normalises, validates and stores a contract's plan, replacing
// any earlier one.
func (db *DB) SavePlan(ctx context.Context, p *govbuy.AssessmentPlan) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("save plan", err)
	}
	defer tx.Rollback()
	c, err := findContract(ctx, tx, p.ContractID)
	if err != nil {
		return wrapErr("save plan", err)
	}
	if err := checkInstallments(p, c); err != nil {
		return err
	}
	if err := checkPlanKeepsAssessments(ctx, tx, p, c); err != nil {
		return wrapErr("save plan", err)
	}
	before, err := findPlan(ctx, tx, p.ContractID)
	if err != nil {
		return wrapErr("save plan", err)
	}
	if err := writePlan(ctx, tx, p, before != nil); err != nil {
		return wrapErr("save plan", err)
	}
	action := actionUpdate
	if before == nil {
		action = actionCreate
	}
	if err := tx.audit(ctx, action, "plan", p.ContractID, c.Number, before, p); err != nil {
		return wrapErr("save plan", err)
	}
	if before == nil {
		return commit(tx, "save plan")
	}
	return commitVersion(tx, "save plan", &p.Version)
}

// checkInstallments refuses installments of periods the plan does not have
// in the contract's budget year, negative ones, and a set that adds up to
// more than the contract amount: the periods left unset would get a
// negative base.
func checkInstallments(p *govbuy.AssessmentPlan, c *govbuy.Contract) error {
	periods := p.Period.Periods(c.BudgetYear())
	var sum govbuy.Money
	for code, m := range p.Installments {
		if !slices.Contains(periods, code) {
			return govbuy.Invalidf("分期金额", "%s不是本合同的考核期间（按%s考核）", govbuy.PeriodLabel(code), p.Period)
		}
		if m < 0 {
			return govbuy.Invalidf("分期金额", "%s的金额不能为负数", govbuy.PeriodLabel(code))
		}
		sum += m
	}
	if sum > c.Amount {
		return govbuy.Invalidf("分期金额", "各期金额合计%s元，超过合同金额%s元", sum, c.Amount)
	}
	return nil
}

// checkPlanKeepsAssessments refuses a plan whose periods leave out a period
// already assessed, which would no longer be settled anywhere.
func checkPlanKeepsAssessments(ctx context.Context, tx *writeTx, p *govbuy.AssessmentPlan, c *govbuy.Contract) error {
	stored, err := findAssessments(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	periods := p.Period.Periods(c.BudgetYear())
	for _, a := range stored {
		if !slices.Contains(periods, a.Period) {
			return govbuy.Errorf(govbuy.EConflict, "考核周期", "已有%s的考核记录，不属于按%s考核的期间；请先修改或删除该考核记录",
				govbuy.PeriodLabel(a.Period), p.Period)
		}
	}
	return checkPlanKeepsInspections(ctx, tx, p, periods)
}

// checkPlanKeepsInspections refuses a plan that leaves out the period or
// the criterion of a recorded inspection's deduction.
func checkPlanKeepsInspections(ctx context.Context, tx *writeTx, p *govbuy.AssessmentPlan, periods []string) error {
	ins, err := findInspections(ctx, tx, p.ContractID)
	if err != nil {
		return err
	}
	for _, in := range ins {
		if !slices.Contains(periods, in.Period) {
			return govbuy.Errorf(govbuy.EConflict, "考核周期", "%s的督查记录不属于按%s考核的期间；请先修改或删除该督查记录",
				govbuy.FormatDate(in.Date), p.Period)
		}
		for _, d := range in.Deductions {
			if !slices.ContainsFunc(p.Criteria, func(c govbuy.Criterion) bool { return c.Name == d.Criterion }) {
				return govbuy.Errorf(govbuy.EConflict, "考核指标", "%s的督查按“%s”扣分，考核细则不能去掉该指标",
					govbuy.FormatDate(in.Date), d.Criterion)
			}
		}
	}
	return nil
}

// writePlan stores p as the contract's plan: a new one, or (stored) in
// place of the one of p.Version. A contract's first plan saved by someone
// else since the form opened without one is refused as any other change.
func writePlan(ctx context.Context, tx *writeTx, p *govbuy.AssessmentPlan, stored bool) error {
	installments := p.Installments
	if installments == nil {
		installments = map[string]govbuy.Money{}
	}
	criteria := p.Criteria
	if criteria == nil {
		criteria = []govbuy.Criterion{}
	}
	// Money inside the JSON stays integer fen (Money has no JSON form of
	// its own); scores are written as points by Score.MarshalJSON.
	var text [4]string
	for i, v := range []any{criteria, p.Bands, p.Rule, installments} {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode plan: %w", err)
		}
		text[i] = string(b)
	}
	if !stored {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO plans (contract_id, period, criteria, bands, rule, installments, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ContractID, string(p.Period), text[0], text[1], text[2], text[3], tx.stamp(), govbuy.ActorFrom(ctx))
		p.Version = 1 // the first version of a new plan
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE plans SET period = ?, criteria = ?, bands = ?, rule = ?, installments = ?, updated_at = ?, `+bumpVersion+`
		WHERE contract_id = ? AND version = ?`,
		string(p.Period), text[0], text[1], text[2], text[3], tx.stamp(), govbuy.ActorFrom(ctx), p.ContractID, p.Version)
	if err != nil {
		return err
	}
	return tx.checkSaved(ctx, res, planVersions, p.ContractID)
}

const assessmentColumns = `id, contract_id, period, items, score, date, assessor, remarks, version`

func scanAssessment(s interface{ Scan(...any) error }) (govbuy.Assessment, error) {
	var a govbuy.Assessment
	var items, date string
	if err := s.Scan(&a.ID, &a.ContractID, &a.Period, &items, &a.Score, &date, &a.Assessor, &a.Remarks, &a.Version); err != nil {
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

// findAssessments reads a contract's assessments with the deductions of
// their periods' inspections.
func findAssessments(ctx context.Context, q queryer, contractID int64) ([]govbuy.Assessment, error) {
	out := []govbuy.Assessment{}
	err := eachRow(ctx, q, "SELECT "+assessmentColumns+" FROM assessments WHERE contract_id = ? ORDER BY period", func(rows *sql.Rows) error {
		a, err := scanAssessment(rows)
		out = append(out, a)
		return err
	}, contractID)
	if err != nil || len(out) == 0 {
		return out, err
	}
	ins, err := findInspections(ctx, q, contractID)
	for i := range out {
		out[i].Deductions = govbuy.DeductionsOf(ins, out[i].Period)
	}
	return out, err
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
		if before.ContractID != a.ContractID || before.Period != a.Period {
			if err := refuseIfPaid(ctx, tx, before, "改为其他期间"); err != nil {
				return wrapErr(op, err)
			}
		}
		err = updateAssessment(ctx, tx, a)
	} else {
		err = insertAssessment(ctx, tx, a)
	}
	if err != nil {
		if isUniqueViolation(err, "assessments.contract_id") {
			return govbuy.Errorf(govbuy.EConflict, "考核期间", "%s已有考核记录，请修改原记录", govbuy.PeriodLabel(a.Period))
		}
		return wrapErr(op, err)
	}
	if err := tx.auditOfContract(ctx, action, "assessment", a.ID, a.ContractID, govbuy.PeriodLabel(a.Period), before, a); err != nil {
		return wrapErr(op, err)
	}
	if action == actionCreate {
		return commit(tx, op)
	}
	return commitVersion(tx, op, &a.Version)
}

// checkAssessment validates a against the contract's plan: the criteria and
// their points, and a period that belongs to the contract's budget year.
func checkAssessment(ctx context.Context, tx queryer, a *govbuy.Assessment) error {
	if a.ContractID == 0 {
		a.Normalize(nil, nil)
		return a.Validate(nil, nil) // says 请选择合同, with anything else amiss
	}
	c, err := findContract(ctx, tx, a.ContractID)
	if govbuy.ErrorKindOf(err) == govbuy.ENotFound {
		return govbuy.Invalidf("合同", "未找到ID为%d的合同", a.ContractID)
	}
	if err != nil {
		return err
	}
	plan, err := findPlan(ctx, tx, a.ContractID)
	if err != nil {
		return err
	}
	if code, err := govbuy.ParsePeriod(a.Period); err == nil {
		a.Period = code // "2024年第2季度" as typed; Validate reports what does not parse
	}
	a.Remarks = govbuy.CleanText(a.Remarks)
	if err := refuseSecondAssessment(ctx, tx, a); err != nil {
		return err
	}
	deductions, err := periodDeductions(ctx, tx, a.ContractID, a.Period)
	if err != nil {
		return err
	}
	a.Normalize(plan, deductions)
	if err := a.Validate(plan, deductions); err != nil {
		return err
	}
	if plan != nil && !slices.Contains(plan.Period.Periods(c.BudgetYear()), a.Period) {
		return govbuy.Invalidf("考核期间", "%s不是本合同的考核期间（按%s考核）", govbuy.PeriodLabel(a.Period), plan.Period)
	}
	return nil
}

// refuseSecondAssessment says a period is assessed already before anything
// else about the new score, which would be beside the point.
func refuseSecondAssessment(ctx context.Context, q queryer, a *govbuy.Assessment) error {
	n, err := countRows(ctx, q, "SELECT COUNT(*) FROM assessments WHERE contract_id = ? AND period = ? AND id <> ?", a.ContractID, a.Period, a.ID)
	if err != nil || n == 0 {
		return err
	}
	return govbuy.Errorf(govbuy.EConflict, "考核期间", "%s已有考核记录，请修改原记录", govbuy.PeriodLabel(a.Period))
}

func insertAssessment(ctx context.Context, tx *writeTx, a *govbuy.Assessment) error {
	items, err := json.Marshal(nonNil(a.Items))
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO assessments (contract_id, period, items, score, date, assessor, remarks, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ContractID, a.Period, string(items), int(a.Score), dateText(a.Date), a.Assessor, a.Remarks,
		tx.stamp(), tx.stamp())
	if err != nil {
		return err
	}
	a.Version = 1 // the first version of a new record
	a.ID, err = res.LastInsertId()
	return err
}

func updateAssessment(ctx context.Context, tx *writeTx, a *govbuy.Assessment) error {
	items, err := json.Marshal(nonNil(a.Items))
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE assessments SET contract_id = ?, period = ?, items = ?, score = ?, date = ?, assessor = ?,
			remarks = ?, updated_at = ?, `+bumpVersion+` WHERE id = ? AND version = ?`,
		a.ContractID, a.Period, string(items), int(a.Score), dateText(a.Date), a.Assessor, a.Remarks, tx.stamp(),
		govbuy.ActorFrom(ctx), a.ID, a.Version)
	if err != nil {
		return err
	}
	return tx.checkSaved(ctx, res, assessmentVersions, a.ID)
}

// DeleteAssessment removes an assessment, refused while payments were made
// against its period: they rest on its score.
func (db *DB) DeleteAssessment(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete assessment", err)
	}
	defer tx.Rollback()
	before, err := findAssessment(ctx, tx, id)
	if err != nil {
		return wrapErr("delete assessment", err)
	}
	if err := tx.checkRead(ctx, assessmentVersions, id, before.Version, version); err != nil {
		return wrapErr("delete assessment", err)
	}
	if err := refuseIfPaid(ctx, tx, before, "删除"); err != nil {
		return wrapErr("delete assessment", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM assessments WHERE id = ?", id); err != nil {
		return wrapErr("delete assessment", err)
	}
	if err := tx.auditOfContract(ctx, actionDelete, "assessment", id, before.ContractID, govbuy.PeriodLabel(before.Period), before, nil); err != nil {
		return wrapErr("delete assessment", err)
	}
	return commit(tx, "delete assessment")
}

// refuseIfPaid refuses to take an assessment away from its period (verb:
// 删除, 改为其他期间) while payments of that period rest on its score; the
// score itself may still be corrected.
func refuseIfPaid(ctx context.Context, tx *writeTx, a *govbuy.Assessment, verb string) error {
	n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM payments WHERE contract_id = ? AND period = ?", a.ContractID, a.Period)
	if err != nil {
		return err
	}
	if n > 0 {
		return govbuy.Errorf(govbuy.EConflict, "", "%s已按该考核结果支付%d笔，不能%s；如需更正请修改得分", govbuy.PeriodLabel(a.Period), n, verb)
	}
	return nil
}
