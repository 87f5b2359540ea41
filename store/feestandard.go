package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"govbuy"
)

// settingFeeDeparture holds, in basis points, how far a contract amount may
// depart from its fee standard's price before it is a hint; without it the
// hints use govbuy.DefaultFeeDeparture (10 %).
const settingFeeDeparture = "fee_departure_bp"

// FindFeeStandards returns the fee-standard library by name.
func (db *DB) FindFeeStandards(ctx context.Context) ([]govbuy.FeeStandard, error) {
	out, err := feeStandardList(ctx, db.read)
	return out, wrapErr("find fee standards", err)
}

// feeStandardList reads the whole library, by name; it is small (dozens of
// entries), so the hints of many contracts read it once.
func feeStandardList(ctx context.Context, q queryer) ([]govbuy.FeeStandard, error) {
	out := []govbuy.FeeStandard{}
	err := eachRow(ctx, q, "SELECT id, version, body FROM fee_standards ORDER BY name", func(rows *sql.Rows) error {
		var id, version int64
		var body string
		if err := rows.Scan(&id, &version, &body); err != nil {
			return err
		}
		f, err := decodeFeeStandard(id, version, body)
		if err == nil {
			out = append(out, *f)
		}
		return err
	})
	return out, err
}

// feeStandardsByID is the library keyed by id, for the hints.
func feeStandardsByID(ctx context.Context, q queryer) (map[int64]*govbuy.FeeStandard, error) {
	list, err := feeStandardList(ctx, q)
	m := make(map[int64]*govbuy.FeeStandard, len(list))
	for i := range list {
		m[list[i].ID] = &list[i]
	}
	return m, err
}

func decodeFeeStandard(id, version int64, body string) (*govbuy.FeeStandard, error) {
	var f govbuy.FeeStandard
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		return nil, err
	}
	f.ID, f.Version = id, version
	return &f, nil
}

// findFeeStandard reads one standard; nil for id 0.
func findFeeStandard(ctx context.Context, q queryer, id int64) (*govbuy.FeeStandard, error) {
	if id == 0 {
		return nil, nil
	}
	var body string
	var version int64
	if err := q.QueryRowContext(ctx, "SELECT version, body FROM fee_standards WHERE id = ?", id).Scan(&version, &body); err != nil {
		return nil, notFoundIfNoRows(err, "收费标准", id)
	}
	return decodeFeeStandard(id, version, body)
}

// SaveFeeStandard validates and stores a standard: a new one when f.ID is
// 0 (setting it), else a change to a stored one. Names are unique.
func (db *DB) SaveFeeStandard(ctx context.Context, f *govbuy.FeeStandard) error {
	if err := f.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("save fee standard", err)
	}
	defer tx.Rollback()
	var before *govbuy.FeeStandard
	if f.ID != 0 {
		if before, err = findFeeStandard(ctx, tx, f.ID); err != nil {
			return wrapErr("save fee standard", err)
		}
		if err := refusePricingClosedYears(ctx, tx, before, f); err != nil {
			return wrapErr("save fee standard", err)
		}
	}
	if err := upsertFeeStandard(ctx, tx, f); err != nil {
		return wrapErr("save fee standard", err)
	}
	action := actionCreate
	if before != nil {
		action = actionUpdate
	}
	if err := tx.audit(ctx, action, "fee_standard", f.ID, f.Name, before, f); err != nil {
		return wrapErr("save fee standard", err)
	}
	if before == nil {
		return commit(tx, "save fee standard")
	}
	return commitVersion(tx, "save fee standard", &f.Version)
}

// refusePricingClosedYears refuses a change to how a standard prices while
// it prices contracts of a closed year: their prices and hints would move
// after the books were closed. A revised standard is a new entry; the name,
// source and date may still be corrected.
func refusePricingClosedYears(ctx context.Context, q queryer, before, after *govbuy.FeeStandard) error {
	if before.PricesLike(after) {
		return nil
	}
	var years []string
	err := eachRow(ctx, q, `SELECT DISTINCT c.year FROM contracts c JOIN closed_years y ON y.year = c.year
		WHERE c.fee_standard_id = ? ORDER BY c.year`, func(rows *sql.Rows) error {
		var y int
		err := rows.Scan(&y)
		years = append(years, strconv.Itoa(y))
		return err
	}, before.ID)
	if err != nil || len(years) == 0 {
		return err
	}
	return govbuy.Errorf(govbuy.EConflict, "计价方式", "“%s”已为已结账的%s年度的合同计价，不能再改其计价；标准调整时请新增一条收费标准",
		before.Name, strings.Join(years, "、"))
}

func upsertFeeStandard(ctx context.Context, tx *writeTx, f *govbuy.FeeStandard) error {
	f.Name = govbuy.CleanText(f.Name)
	body, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if f.ID != 0 {
		res, err := tx.ExecContext(ctx, "UPDATE fee_standards SET name = ?, body = ?, updated_at = ?, "+bumpVersion+" WHERE id = ? AND version = ?",
			f.Name, string(body), tx.stamp(), govbuy.ActorFrom(ctx), f.ID, f.Version)
		if err != nil {
			return feeNameConflict(err, f.Name)
		}
		return tx.checkSaved(ctx, res, feeVersions, f.ID)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO fee_standards (name, body, updated_at) VALUES (?, ?, ?)",
		f.Name, string(body), tx.stamp())
	if err != nil {
		return feeNameConflict(err, f.Name)
	}
	f.Version = 1 // the first version of a new record
	f.ID, err = res.LastInsertId()
	return err
}

func feeNameConflict(err error, name string) error {
	if isUniqueViolation(err, "fee_standards.name") {
		return govbuy.Errorf(govbuy.EConflict, "标准名称", "收费标准“%s”已存在", name)
	}
	return err
}

// DeleteFeeStandard removes a standard no contract is priced by.
func (db *DB) DeleteFeeStandard(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete fee standard", err)
	}
	defer tx.Rollback()
	before, err := findFeeStandard(ctx, tx, id)
	if err != nil {
		return wrapErr("delete fee standard", err)
	}
	if before == nil {
		return notFound("收费标准", id)
	}
	if err := tx.checkRead(ctx, feeVersions, id, before.Version, version); err != nil {
		return wrapErr("delete fee standard", err)
	}
	if err := feeStandardDeleteRule.refusal(ctx, tx, id); err != nil {
		return wrapErr("delete fee standard", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM fee_standards WHERE id = ?", id); err != nil {
		return wrapErr("delete fee standard", err)
	}
	if err := tx.audit(ctx, actionDelete, "fee_standard", id, before.Name, before, nil); err != nil {
		return wrapErr("delete fee standard", err)
	}
	return commit(tx, "delete fee standard")
}

// checkFeeStandard wants the standard a contract names to exist and to have
// what it charges on.
func checkFeeStandard(ctx context.Context, tx *writeTx, c *govbuy.Contract) error {
	f, err := findFeeStandard(ctx, tx, c.FeeStandardID)
	if govbuy.ErrorKindOf(err) == govbuy.ENotFound {
		return govbuy.Invalidf("收费标准", "未找到ID为%d的收费标准", c.FeeStandardID)
	}
	if err != nil || f == nil {
		return err
	}
	return f.CheckContract(c)
}

// ContractPrice prices a contract by its fee standard, with the working;
// nil when no standard prices it.
func (db *DB) ContractPrice(ctx context.Context, c *govbuy.Contract) (*govbuy.Price, error) {
	f, err := findFeeStandard(ctx, db.read, c.FeeStandardID)
	if err != nil || f == nil {
		return nil, wrapErr("contract price", err)
	}
	return govbuy.PriceOf(f, c), nil
}

// MaxFeeDeparture returns how far a contract amount may depart from its
// standard's price before it is a hint.
func (db *DB) MaxFeeDeparture(ctx context.Context) (govbuy.Rate, error) {
	r, err := maxFeeDeparture(ctx, db.read)
	return r, wrapErr("fee departure", err)
}

// SetMaxFeeDeparture sets it (recorded in the audit log); 0 goes back to
// the default. Only an administrator may: widening it silences the
// 收费标准 hint for every contract, as raising a threshold would.
func (db *DB) SetMaxFeeDeparture(ctx context.Context, r govbuy.Rate) error {
	if r < 0 || r > govbuy.FullRate {
		return govbuy.Invalidf("允许偏离比例", "应在0%%–100%%之间")
	}
	value := ""
	if r > 0 {
		value = strconv.Itoa(int(r))
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置收费标准允许偏离比例")
	if err != nil {
		return wrapErr("set fee departure", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingFeeDeparture, value); err != nil {
		return wrapErr("set fee departure", err)
	}
	return commit(tx, "set fee departure")
}

// maxFeeDeparture reads the setting; a missing or unreadable value falls
// back to the default, since a hint must never fail a screen.
func maxFeeDeparture(ctx context.Context, q queryer) (govbuy.Rate, error) {
	v, err := getSetting(ctx, q, settingFeeDeparture)
	if err != nil || v == "" {
		return govbuy.DefaultFeeDeparture, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return govbuy.DefaultFeeDeparture, nil
	}
	return govbuy.Rate(n), nil
}
