package store

import (
	"context"
	"database/sql"
	"errors"

	"govbuy"
)

const unitColumns = `u.id, u.name, u.code, u.kind, u.public_class, u.contact, u.phone, u.address, u.notes, u.version`

func scanUnit(s interface{ Scan(...any) error }, u *govbuy.Unit, extra ...any) error {
	return s.Scan(append([]any{&u.ID, &u.Name, &u.Code, &u.Kind, &u.Class, &u.Contact, &u.Phone, &u.Address, &u.Notes, &u.Version}, extra...)...)
}

// unitSortColumns are the sort keys a unit list accepts.
var unitSortColumns = map[string]string{
	"id":        "u.id",
	"name":      byPinyin("u.name"),
	"code":      "u.code",
	"kind":      "u.kind",
	"contracts": "COALESCE(s.n, 0)",
	"amount":    "COALESCE(s.amount, 0)",
}

// FindUnits lists units with their contract count and amount. With f.Year
// set it lists the units that have a contract of that budget year, and the
// figures cover that year only.
func (db *DB) FindUnits(ctx context.Context, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, wrapErr("find units", err)
	}
	defer tx.Rollback()
	rows, n, err := findUnits(ctx, tx, f)
	return rows, n, wrapErr("find units", err)
}

// unitWhere turns a unit filter into the conditions of the count (on units
// u alone) and of the page (which joins the contract figures s). With a
// year, the list holds those with a contract of that year: the count asks
// that of the contracts' year index, the page reads it from the figures it
// joins anyway.
func unitWhere(f govbuy.UnitFilter) (count, page where) {
	var w where
	w.search(f.Search, "u.name"+like, "u.code"+like, "u.contact"+like, "u.notes"+like)
	if f.Kind != "" {
		w.add("u.kind = ?", string(f.Kind))
	}
	count, page = w.clone(), w.clone()
	if f.Year != 0 {
		count.add("u.id IN (SELECT unit_id FROM contracts WHERE year = ?)", f.Year)
		page.add("s.n > 0")
	}
	return count, page
}

func findUnits(ctx context.Context, q queryer, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error) {
	count, page := unitWhere(f)
	total, err := countRows(ctx, q, "SELECT COUNT(*) FROM units u"+count.sql(), count.args...)
	if err != nil {
		return nil, 0, err
	}
	limit, limitArgs := limitOffset(f.Limit, f.Offset)
	from, args := contractFigures("units u", "u.id", "unit_id", f.Year)
	args = append(append(args, page.args...), limitArgs...)
	query := "SELECT " + unitColumns + ", COALESCE(s.n, 0), COALESCE(s.amount, 0) FROM " + from + page.sql() +
		orderBy(unitSortColumns, f.Sort, "name", f.Desc, "u.id") + limit
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []govbuy.UnitRow{}
	for rows.Next() {
		var r govbuy.UnitRow
		if err := scanUnit(rows, &r.Unit, &r.Contracts, &r.Amount); err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// SumUnits totals the contract amount of every unit f matches, over the
// same year as the list's figures.
func (db *DB) SumUnits(ctx context.Context, f govbuy.UnitFilter) (govbuy.ListTotals, error) {
	_, page := unitWhere(f)
	from, args := contractFigures("units u", "u.id", "unit_id", f.Year)
	var amount govbuy.Money
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(SUM(s.amount), 0) FROM "+from+page.sql(),
		append(args, page.args...)...).Scan(&amount)
	return govbuy.ListTotals{"amount": amount}, wrapErr("sum units", err)
}

// contractFigures returns a FROM clause joining table to its contract count
// (s.n) and amount (s.amount), over contracts of year (all years when 0).
func contractFigures(table, idCol, fkCol string, year int) (string, []any) {
	inner := "SELECT " + fkCol + ", COUNT(*) AS n, SUM(amount) AS amount FROM contracts"
	var args []any
	if year != 0 {
		inner += " WHERE year = ?"
		args = append(args, year)
	}
	inner += " GROUP BY " + fkCol
	return table + " LEFT JOIN (" + inner + ") s ON s." + fkCol + " = " + idCol, args
}

// FindUnitByID returns one unit.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (*govbuy.Unit, error) {
	u, err := findUnitByID(ctx, db.read, id)
	return u, wrapErr("find unit", err)
}

func findUnitByID(ctx context.Context, q queryer, id int64) (*govbuy.Unit, error) {
	var u govbuy.Unit
	err := scanUnit(q.QueryRowContext(ctx, "SELECT "+unitColumns+" FROM units u WHERE u.id = ?", id), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("单位", id)
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// FindUnitByCode looks a unit up by normalised code first, then by name
// (its own, or a former name an import recorded); ENotFound when neither
// matches. The unit comes with its former names.
func (db *DB) FindUnitByCode(ctx context.Context, code, name string) (*govbuy.NamedUnit, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("find unit by code", err)
	}
	defer tx.Rollback()
	u, err := findUnitByCode(ctx, tx, govbuy.NormalizeCode(code), govbuy.CleanText(name))
	return u, wrapErr("find unit by code", err)
}

func findUnitByCode(ctx context.Context, q queryer, code, name string) (*govbuy.NamedUnit, error) {
	var u govbuy.NamedUnit
	err := sql.ErrNoRows
	if code != "" {
		err = scanUnit(q.QueryRowContext(ctx, "SELECT "+unitColumns+" FROM units u WHERE u.code = ? ORDER BY u.id LIMIT 1", code), &u.Unit)
	}
	if errors.Is(err, sql.ErrNoRows) && name != "" {
		err = scanUnit(q.QueryRowContext(ctx, "SELECT "+unitColumns+` FROM units u
			WHERE u.name = ? OR u.id IN (SELECT unit_id FROM unit_names WHERE name = ?) ORDER BY u.name <> ?, u.id LIMIT 1`,
			name, name, name), &u.Unit)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到代码为%s或名称为“%s”的单位", code, name)
	}
	if err != nil {
		return nil, err
	}
	u.FormerNames, err = formerNames(ctx, q, "SELECT name FROM unit_names WHERE unit_id = ? ORDER BY id", u.ID)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// CreateUnit normalises, validates and stores a new unit, setting u.ID.
func (db *DB) CreateUnit(ctx context.Context, u *govbuy.Unit) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("create unit", err)
	}
	defer tx.Rollback()
	if err := createUnit(ctx, tx, u); err != nil {
		return wrapErr("create unit", err)
	}
	if err := tx.audit(ctx, actionCreate, "unit", u.ID, u.Name, nil, u); err != nil {
		return wrapErr("create unit", err)
	}
	return commit(tx, "create unit")
}

func createUnit(ctx context.Context, tx *writeTx, u *govbuy.Unit) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO units (name, code, kind, public_class, contact, phone, address, notes, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Name, u.Code, string(u.Kind), string(u.Class), u.Contact, u.Phone, u.Address, u.Notes, tx.stamp(), tx.stamp())
	if err != nil {
		return unitNameConflict(err, u.Name)
	}
	u.Version = 1 // the first version of a new record
	u.ID, err = res.LastInsertId()
	return err
}

func unitNameConflict(err error, name string) error {
	if isUniqueViolation(err, "units.name") {
		return govbuy.Errorf(govbuy.EConflict, "单位名称", "“%s”已存在", name)
	}
	return err
}

// UpdateUnit normalises, validates and saves the unit's changes.
func (db *DB) UpdateUnit(ctx context.Context, u *govbuy.Unit) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("update unit", err)
	}
	defer tx.Rollback()
	before, err := findUnitByID(ctx, tx, u.ID)
	if err != nil {
		return wrapErr("update unit", err)
	}
	if err := updateUnit(ctx, tx, u); err != nil {
		return wrapErr("update unit", err)
	}
	if err := tx.audit(ctx, actionUpdate, "unit", u.ID, u.Name, before, u); err != nil {
		return wrapErr("update unit", err)
	}
	return commitVersion(tx, "update unit", &u.Version)
}

func updateUnit(ctx context.Context, tx *writeTx, u *govbuy.Unit) error {
	res, err := tx.ExecContext(ctx, `
		UPDATE units SET name = ?, code = ?, kind = ?, public_class = ?, contact = ?, phone = ?, address = ?, notes = ?, updated_at = ?,
			`+bumpVersion+`
		WHERE id = ? AND version = ?`,
		u.Name, u.Code, string(u.Kind), string(u.Class), u.Contact, u.Phone, u.Address, u.Notes, tx.stamp(),
		govbuy.ActorFrom(ctx), u.ID, u.Version)
	if err != nil {
		return unitNameConflict(err, u.Name)
	}
	return tx.checkSaved(ctx, res, unitVersions, u.ID)
}

// DeleteUnit removes a unit that no contract refers to.
func (db *DB) DeleteUnit(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete unit", err)
	}
	defer tx.Rollback()
	before, err := findUnitByID(ctx, tx, id)
	if err != nil {
		return wrapErr("delete unit", err)
	}
	if err := tx.checkRead(ctx, unitVersions, id, before.Version, version); err != nil {
		return wrapErr("delete unit", err)
	}
	if err := unitDeleteRule.refusal(ctx, tx, id); err != nil {
		return wrapErr("delete unit", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM units WHERE id = ?", id); err != nil {
		return wrapErr("delete unit", err)
	}
	if err := tx.audit(ctx, actionDelete, "unit", id, before.Name, before, nil); err != nil {
		return wrapErr("delete unit", err)
	}
	return commit(tx, "delete unit")
}
