package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"govbuy"
)

const contractorColumns = `k.id, k.name, k.type, k.credit_code, k.code_override, k.legal_rep,
	k.phone, k.address, k.bank, k.account, k.notes, k.pending, k.version`

func scanContractor(s interface{ Scan(...any) error }, c *govbuy.Contractor, extra ...any) error {
	return s.Scan(append([]any{&c.ID, &c.Name, &c.Type, &c.CreditCode, &c.CodeOverride, &c.LegalRep,
		&c.Phone, &c.Address, &c.Bank, &c.Account, &c.Notes, pendingCol{&c.Pending}, &c.Version}, extra...)...)
}

// pendingCol reads a 待补充 mark, stored as the names of its fields.
type pendingCol struct{ set *govbuy.FieldSet }

func (p pendingCol) Scan(v any) error {
	switch t := v.(type) {
	case string:
		*p.set = govbuy.ParseFieldSet(t)
	case []byte:
		*p.set = govbuy.ParseFieldSet(string(t))
	case nil:
		*p.set = govbuy.FieldSet{}
	default:
		return fmt.Errorf("pending: unexpected %T", v)
	}
	return nil
}

// contractorSortColumns are the sort keys a contractor list accepts.
var contractorSortColumns = map[string]string{
	"id":          "k.id",
	"name":        byPinyin("k.name"),
	"type":        "k.type",
	"credit_code": "k.credit_code",
	"contracts":   "COALESCE(s.n, 0)",
	"amount":      "COALESCE(s.amount, 0)",
}

// FindContractors lists contractors with their contract count and amount and
// their qualifications. With f.Year set it lists those with a contract of
// that budget year, and the figures cover that year only.
func (db *DB) FindContractors(ctx context.Context, f govbuy.ContractorFilter) ([]govbuy.ContractorRow, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, wrapErr("find contractors", err)
	}
	defer tx.Rollback()
	rows, n, err := findContractors(ctx, tx, f)
	return rows, n, wrapErr("find contractors", err)
}

// contractorWhere turns a contractor filter into the conditions of the
// count (on contractors k alone) and of the page (which joins the contract
// figures s), as unitWhere does for units.
func contractorWhere(f govbuy.ContractorFilter) (count, page where) {
	var w where
	w.search(f.Search, "k.name"+like, "k.credit_code"+like, "k.legal_rep"+like, "k.phone"+like, "k.address"+like, "k.notes"+like)
	if f.Type != "" {
		w.add("k.type = ?", string(f.Type))
	}
	count, page = w.clone(), w.clone()
	if f.Year != 0 {
		count.add("k.id IN (SELECT contractor_id FROM contracts WHERE year = ?)", f.Year)
		page.add("s.n > 0")
	}
	return count, page
}

// SumContractors totals the contract amount of every contractor f
// matches, over the same year as the list's figures.
func (db *DB) SumContractors(ctx context.Context, f govbuy.ContractorFilter) (govbuy.ListTotals, error) {
	_, page := contractorWhere(f)
	from, args := contractFigures("contractors k", "k.id", "contractor_id", f.Year)
	var amount govbuy.Money
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(SUM(s.amount), 0) FROM "+from+page.sql(),
		append(args, page.args...)...).Scan(&amount)
	return govbuy.ListTotals{"amount": amount}, wrapErr("sum contractors", err)
}

func findContractors(ctx context.Context, q queryer, f govbuy.ContractorFilter) ([]govbuy.ContractorRow, int, error) {
	count, page := contractorWhere(f)
	total, err := countRows(ctx, q, "SELECT COUNT(*) FROM contractors k"+count.sql(), count.args...)
	if err != nil {
		return nil, 0, err
	}
	limit, limitArgs := limitOffset(f.Limit, f.Offset)
	from, args := contractFigures("contractors k", "k.id", "contractor_id", f.Year)
	args = append(append(args, page.args...), limitArgs...)
	query := "SELECT " + contractorColumns + ", COALESCE(s.n, 0), COALESCE(s.amount, 0) FROM " + from + page.sql() +
		orderBy(contractorSortColumns, f.Sort, "name", f.Desc, "k.id") + limit
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []govbuy.ContractorRow{}
	for rows.Next() {
		var r govbuy.ContractorRow
		if err := scanContractor(rows, &r.Contractor, &r.Contracts, &r.Amount); err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, attachQualifications(ctx, q, out)
}

// attachQualifications loads the qualifications of a page of contractors in
// one query rather than one per row.
func attachQualifications(ctx context.Context, q queryer, list []govbuy.ContractorRow) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	index := make(map[int64]int, len(list))
	for i, r := range list {
		ids[i] = r.ID
		index[r.ID] = i
	}
	idJSON, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `
		SELECT contractor_id, kind, level, number, issuer, expiry FROM qualifications
		WHERE contractor_id IN (SELECT value FROM json_each(?))
		ORDER BY contractor_id, position, id`, string(idJSON))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		qual, err := scanQualification(rows, &id)
		if err != nil {
			return err
		}
		r := &list[index[id]]
		r.Qualifications = append(r.Qualifications, qual)
	}
	return rows.Err()
}

func scanQualification(s interface{ Scan(...any) error }, contractorID *int64) (govbuy.Qualification, error) {
	var q govbuy.Qualification
	var expiry string
	if err := s.Scan(contractorID, &q.Kind, &q.Level, &q.Number, &q.Issuer, &expiry); err != nil {
		return q, err
	}
	var err error
	q.Expiry, err = parseDate(expiry)
	return q, err
}

// FindContractorByID returns one contractor with its qualifications.
func (db *DB) FindContractorByID(ctx context.Context, id int64) (*govbuy.Contractor, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("find contractor", err)
	}
	defer tx.Rollback()
	c, err := findContractorByID(ctx, tx, id)
	return c, wrapErr("find contractor", err)
}

func findContractorByID(ctx context.Context, q queryer, id int64) (*govbuy.Contractor, error) {
	c, err := findContractorWhere(ctx, q, "k.id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("承接主体", id)
	}
	return c, err
}

// findContractorWhere returns the first contractor (lowest id) matching cond,
// with its qualifications, or sql.ErrNoRows.
func findContractorWhere(ctx context.Context, q queryer, cond string, args ...any) (*govbuy.Contractor, error) {
	var c govbuy.Contractor
	row := q.QueryRowContext(ctx, "SELECT "+contractorColumns+" FROM contractors k WHERE "+cond+" ORDER BY k.id LIMIT 1", args...)
	if err := scanContractor(row, &c); err != nil {
		return nil, err
	}
	quals, err := findQualifications(ctx, q, c.ID)
	if err != nil {
		return nil, err
	}
	c.Qualifications = quals
	return &c, nil
}

func findQualifications(ctx context.Context, q queryer, contractorID int64) ([]govbuy.Qualification, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT contractor_id, kind, level, number, issuer, expiry FROM qualifications
		WHERE contractor_id = ? ORDER BY position, id`, contractorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []govbuy.Qualification
	for rows.Next() {
		var id int64
		qual, err := scanQualification(rows, &id)
		if err != nil {
			return nil, err
		}
		out = append(out, qual)
	}
	return out, rows.Err()
}

// FindContractorByCode looks a contractor up by normalised credit code first,
// then by normalised name (exact match, its own or a former one); ENotFound
// when neither matches. The contractor comes with its former names.
func (db *DB) FindContractorByCode(ctx context.Context, code, name string) (*govbuy.Contractor, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("find contractor by code", err)
	}
	defer tx.Rollback()
	c, err := findContractorByCode(ctx, tx, code, name)
	return c, wrapErr("find contractor by code", err)
}

func findContractorByCode(ctx context.Context, q queryer, code, name string) (*govbuy.Contractor, error) {
	code, name = govbuy.NormalizeCode(code), govbuy.CleanText(name)
	if code != "" {
		c, err := findContractorWhere(ctx, q, "k.credit_code = ?", code)
		if !errors.Is(err, sql.ErrNoRows) {
			return withFormerNames(ctx, q, c, err)
		}
	}
	if name != "" {
		c, err := findContractorWhere(ctx, q, "k.name = ? OR k.id IN (SELECT contractor_id FROM contractor_names WHERE name = ?)", name, name)
		if !errors.Is(err, sql.ErrNoRows) {
			return withFormerNames(ctx, q, c, err)
		}
	}
	switch {
	case code != "" && name != "":
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到信用代码为%s或名称为“%s”的承接主体", code, name)
	case code != "":
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到信用代码为%s的承接主体", code)
	}
	return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到名称为“%s”的承接主体", name)
}

// withFormerNames adds a found contractor's former names (曾用名).
func withFormerNames(ctx context.Context, q queryer, c *govbuy.Contractor, err error) (*govbuy.Contractor, error) {
	if err != nil {
		return nil, err
	}
	c.FormerNames, err = formerNames(ctx, q, "SELECT name FROM contractor_names WHERE contractor_id = ? ORDER BY id", c.ID)
	return c, err
}

// formerNames lists the former names query finds for a contractor or unit.
func formerNames(ctx context.Context, q queryer, query string, id int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// CreateContractor normalises, validates and stores a new contractor and
// its qualifications, setting c.ID.
func (db *DB) CreateContractor(ctx context.Context, c *govbuy.Contractor) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("create contractor", err)
	}
	defer tx.Rollback()
	if err := createContractor(ctx, tx, c); err != nil {
		return wrapErr("create contractor", err)
	}
	if err := tx.audit(ctx, actionCreate, "contractor", c.ID, c.Name, nil, c); err != nil {
		return wrapErr("create contractor", err)
	}
	return commit(tx, "create contractor")
}

func createContractor(ctx context.Context, tx *writeTx, c *govbuy.Contractor) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO contractors (name, type, credit_code, code_override, legal_rep, phone, address,
			bank, account, notes, pending, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Name, string(c.Type), c.CreditCode, c.CodeOverride, c.LegalRep, c.Phone, c.Address,
		c.Bank, c.Account, c.Notes, c.Pending.String(), tx.stamp(), tx.stamp())
	if err != nil {
		return creditCodeConflict(ctx, tx, err, c)
	}
	c.Version = 1 // the first version of a new record
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return replaceQualifications(ctx, tx, c.ID, c.Qualifications)
}

// creditCodeConflict names the contractor already holding c's code:
// 统一社会信用代码：已被“某公司”使用.
func creditCodeConflict(ctx context.Context, tx *writeTx, err error, c *govbuy.Contractor) error {
	if !isUniqueViolation(err, "contractors.credit_code") {
		return err
	}
	// The holder is read apart from tx: on a server a failed statement ends
	// the transaction's use, and the holder was stored before it began.
	var holder string
	if qerr := tx.db.read.QueryRowContext(ctx, "SELECT name FROM contractors WHERE credit_code = ?", c.CreditCode).Scan(&holder); qerr != nil {
		return govbuy.Errorf(govbuy.EConflict, c.CodeField(), "%s已被其他承接主体使用", c.CreditCode)
	}
	return govbuy.Errorf(govbuy.EConflict, c.CodeField(), "已被“%s”使用", holder)
}

// replaceQualifications makes the stored qualifications of a contractor
// exactly quals, in order: they are saved with the contractor, not apart.
func replaceQualifications(ctx context.Context, tx *writeTx, contractorID int64, quals []govbuy.Qualification) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM qualifications WHERE contractor_id = ?", contractorID); err != nil {
		return err
	}
	for i, q := range quals {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO qualifications (contractor_id, position, kind, level, number, issuer, expiry)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			contractorID, i, govbuy.CleanText(q.Kind), govbuy.CleanText(q.Level), govbuy.CleanText(q.Number),
			govbuy.CleanText(q.Issuer), dateText(q.Expiry)); err != nil {
			return err
		}
	}
	return nil
}

// UpdateContractor normalises, validates and saves the contractor's
// changes, replacing its qualifications with c.Qualifications.
func (db *DB) UpdateContractor(ctx context.Context, c *govbuy.Contractor) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("update contractor", err)
	}
	defer tx.Rollback()
	before, err := findContractorByID(ctx, tx, c.ID)
	if err != nil {
		return wrapErr("update contractor", err)
	}
	if err := updateContractor(ctx, tx, c); err != nil {
		return wrapErr("update contractor", err)
	}
	if err := tx.audit(ctx, actionUpdate, "contractor", c.ID, c.Name, before, c); err != nil {
		return wrapErr("update contractor", err)
	}
	return commitVersion(tx, "update contractor", &c.Version)
}

func updateContractor(ctx context.Context, tx *writeTx, c *govbuy.Contractor) error {
	res, err := tx.ExecContext(ctx, `
		UPDATE contractors SET name = ?, type = ?, credit_code = ?, code_override = ?, legal_rep = ?,
			phone = ?, address = ?, bank = ?, account = ?, notes = ?, pending = ?, updated_at = ?, `+bumpVersion+`
		WHERE id = ? AND version = ?`,
		c.Name, string(c.Type), c.CreditCode, c.CodeOverride, c.LegalRep,
		c.Phone, c.Address, c.Bank, c.Account, c.Notes, c.Pending.String(), tx.stamp(),
		govbuy.ActorFrom(ctx), c.ID, c.Version)
	if err != nil {
		return creditCodeConflict(ctx, tx, err, c)
	}
	if err := tx.checkSaved(ctx, res, contractorVersions, c.ID); err != nil {
		return err
	}
	return replaceQualifications(ctx, tx, c.ID, c.Qualifications)
}

// DeleteContractor removes a contractor no contract refers to, with its
// qualifications.
func (db *DB) DeleteContractor(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete contractor", err)
	}
	defer tx.Rollback()
	before, err := findContractorByID(ctx, tx, id)
	if err != nil {
		return wrapErr("delete contractor", err)
	}
	if err := tx.checkRead(ctx, contractorVersions, id, before.Version, version); err != nil {
		return wrapErr("delete contractor", err)
	}
	if err := contractorDeleteRule.refusal(ctx, tx, id); err != nil {
		return wrapErr("delete contractor", err)
	}
	if err := deleteContractor(ctx, tx, id); err != nil {
		return wrapErr("delete contractor", err)
	}
	if err := tx.audit(ctx, actionDelete, "contractor", id, before.Name, before, nil); err != nil {
		return wrapErr("delete contractor", err)
	}
	return commit(tx, "delete contractor")
}

func deleteContractor(ctx context.Context, tx *writeTx, id int64) error {
	if err := replaceQualifications(ctx, tx, id, nil); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM contractors WHERE id = ?", id)
	return err
}
