package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"govbuy"
)

// contractRowColumns reads a ContractRow from contracts c joined with units
// u, contractors k and catalog cat; scanContractRow reads them in order.
const contractRowColumns = `c.id, c.number, c.year, c.unit_id, c.contractor_id, COALESCE(c.catalog_id, 0),
	c.kind, c.title, c.headcount, c.method, c.amount, c.start_date, c.end_date, c.funding,
	c.fee_basis, COALESCE(c.fee_standard_id, 0), c.fee_quantity, c.fee_base, c.fee_share,
	c.status, c.notes, c.pending, c.version, u.name, k.name, k.type, COALESCE(cat.name, ''),
	(SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.contract_id = c.id), ` + recordColumns

const contractRowJoins = ` JOIN units u ON u.id = c.unit_id
	JOIN contractors k ON k.id = c.contractor_id
	LEFT JOIN catalog cat ON cat.id = c.catalog_id`

func scanContractRow(s interface{ Scan(...any) error }) (govbuy.ContractRow, error) {
	var r govbuy.ContractRow
	var start, end string
	var rec recordDates
	err := s.Scan(&r.ID, &r.Number, &r.Year, &r.UnitID, &r.ContractorID, &r.CatalogID,
		&r.Kind, &r.Title, &r.Headcount, &r.Method, &r.Amount, &start, &end, &r.Funding,
		&r.FeeBasis, &r.FeeStandardID, &r.FeeQuantity, &r.FeeBase, &r.FeeShare, &r.Status, &r.Notes, pendingCol{&r.Pending}, &r.Version, &r.UnitName, &r.ContractorName, &r.ContractorType, &r.CatalogName,
		&r.Paid, &rec.award, &rec.sign, &rec.publish, &r.PublishMedia, &rec.filing, &r.FilingNo, &rec.intent, &rec.procure, &r.TermReason,
		&r.ProjectNo, &r.Place, &r.Spec)
	if err != nil {
		return r, err
	}
	if r.Start, err = parseDate(start); err != nil {
		return r, err
	}
	if r.End, err = parseDate(end); err != nil {
		return r, err
	}
	return r, rec.into(&r.PublicRecord)
}

// contractSortColumns are the sort keys a contract list accepts (the
// ContractRow columns); each needs the joins its expression names.
var contractSortColumns = map[string]string{
	"id":         "c.id",
	"number":     "c.number",
	"year":       "c.year",
	"unit":       byPinyin("u.name"),
	"contractor": byPinyin("k.name"),
	"title":      "c.title",
	"kind":       "c.kind",
	"category":   "cat.name",
	"method":     "c.method",
	"headcount":  "c.headcount",
	"amount":     "c.amount",
	"paid":       "(SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.contract_id = c.id)",
	"start":      "c.start_date",
	"end":        "c.end_date",
	"funding":    "c.funding",
	"status":     "c.status",
}

// FindContracts lists contracts with names and money joined in. It counts
// on the contracts table alone, picks the page's ids in the requested order
// (joining only what the sort key names), and only then joins names and sums
// payments for those few rows, so a page of 50 out of 100,000 stays fast.
func (db *DB) FindContracts(ctx context.Context, f govbuy.ContractFilter) ([]govbuy.ContractRow, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, wrapErr("find contracts", err)
	}
	defer tx.Rollback()
	rows, n, err := findContracts(ctx, tx, f)
	return rows, n, wrapErr("find contracts", err)
}

func findContracts(ctx context.Context, q queryer, f govbuy.ContractFilter) ([]govbuy.ContractRow, int, error) {
	w := contractWhere(f)
	sortKey := f.Sort
	if _, ok := contractSortColumns[sortKey]; !ok {
		sortKey = "number"
	}
	total, err := countRows(ctx, q, "SELECT COUNT(*) FROM contracts c"+w.sql(), w.args...)
	if err != nil {
		return nil, 0, err
	}

	page, pageArgs := limitOffset(f.Limit, f.Offset)
	order := orderBy(contractSortColumns, sortKey, "number", f.Desc, "c.id")
	from := "contracts c" + contractJoinsFor(sortKey == "unit", sortKey == "contractor", sortKey == "category")
	// The outer query repeats the order: it can, since it joins every table
	// a sort key names, and SQLite does not promise to keep a subquery's order.
	query := "SELECT " + contractRowColumns + " FROM (SELECT c.id FROM " + from + w.sql() + order + page +
		") pg JOIN contracts c ON c.id = pg.id" + contractRowJoins + order
	rows, err := q.QueryContext(ctx, query, append(w.args, pageArgs...)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []govbuy.ContractRow{}
	for rows.Next() {
		r, err := scanContractRow(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// SumContracts totals the amount and the payments of every contract f
// matches, in one read so the two agree.
func (db *DB) SumContracts(ctx context.Context, f govbuy.ContractFilter) (govbuy.ListTotals, error) {
	w := contractWhere(f)
	args := append(append([]any{}, w.args...), w.args...)
	var amount, paid govbuy.Money
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(SUM(c.amount), 0) FROM contracts c`+w.sql()+`),
		(SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.contract_id IN (SELECT c.id FROM contracts c`+w.sql()+`))`,
		args...).Scan(&amount, &paid)
	return govbuy.ListTotals{"amount": amount, "paid": paid}, wrapErr("sum contracts", err)
}

// contractWhere turns a contract filter into conditions on contracts c
// alone. The search matches the unit, contractor and catalog names through
// id sets that SQLite builds once per query, instead of joining three tables
// to every contract row.
func contractWhere(f govbuy.ContractFilter) where {
	var w where
	if f.Year != 0 {
		w.add("c.year = ?", f.Year)
	}
	if f.UnitID != 0 {
		w.add("c.unit_id = ?", f.UnitID)
	}
	if f.ContractorID != 0 {
		w.add("c.contractor_id = ?", f.ContractorID)
	}
	if f.Kind != "" {
		w.add("c.kind = ?", string(f.Kind))
	}
	if f.Status != "" {
		w.add("c.status = ?", string(f.Status))
	}
	if f.Method != "" {
		w.add("c.method = ?", string(f.Method))
	}
	w.search(f.Search, "c.number"+like, "c.title"+like,
		"c.unit_id IN (SELECT id FROM units WHERE name"+like+")",
		"c.contractor_id IN (SELECT id FROM contractors WHERE name"+like+")",
		"c.catalog_id IN (SELECT id FROM catalog WHERE name"+like+")")
	return w
}

// contractJoinsFor returns the joins to units, contractors and catalog that
// sorting the page needs; the others are left out because each costs a
// lookup per row.
func contractJoinsFor(unit, contractor, catalog bool) string {
	var b strings.Builder
	if unit {
		b.WriteString(" JOIN units u ON u.id = c.unit_id")
	}
	if contractor {
		b.WriteString(" JOIN contractors k ON k.id = c.contractor_id")
	}
	if catalog {
		b.WriteString(" LEFT JOIN catalog cat ON cat.id = c.catalog_id")
	}
	return b.String()
}

// FindContractByID returns one contract with names and money joined in.
func (db *DB) FindContractByID(ctx context.Context, id int64) (*govbuy.ContractRow, error) {
	r, err := findContractWhere(ctx, db.read, "c.id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("合同", id)
	}
	return r, wrapErr("find contract", err)
}

// FindContractByNumber returns the contract with the given number.
func (db *DB) FindContractByNumber(ctx context.Context, number string) (*govbuy.ContractRow, error) {
	number = govbuy.CleanText(number)
	r, err := findContractWhere(ctx, db.read, "c.number = ?", number)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到编号为“%s”的合同", number)
	}
	return r, wrapErr("find contract", err)
}

func findContractWhere(ctx context.Context, q queryer, cond string, args ...any) (*govbuy.ContractRow, error) {
	row := q.QueryRowContext(ctx, "SELECT "+contractRowColumns+" FROM contracts c"+contractRowJoins+" WHERE "+cond, args...)
	r, err := scanContractRow(row)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// findContract returns the stored contract id.
func findContract(ctx context.Context, q queryer, id int64) (*govbuy.Contract, error) {
	r, err := contractRecord(ctx, q, id)
	if err != nil {
		return nil, err
	}
	return &r.Contract, nil
}

// contractRecord is the stored contract id as the audit log keeps it: with
// the names of its unit, contractor and service category, which its ids
// alone would not tell an auditor.
func contractRecord(ctx context.Context, q queryer, id int64) (*govbuy.ContractRow, error) {
	r, err := findContractWhere(ctx, q, "c.id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("合同", id)
	}
	return r, err
}

// auditContract records a change to contract id, before being its record
// beforehand (nil for a new contract); the record after is read back.
func (tx *writeTx) auditContract(ctx context.Context, action string, id int64, before *govbuy.ContractRow) error {
	after, err := contractRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	return tx.audit(ctx, action, "contract", id, after.Number, before, after)
}

// CreateContract normalises, validates and stores a new contract, setting
// c.ID.
func (db *DB) CreateContract(ctx context.Context, c *govbuy.Contract) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("create contract", err)
	}
	defer tx.Rollback()
	if err := checkContractRefs(ctx, tx, c); err != nil {
		return wrapErr("create contract", err)
	}
	if err := checkRequirement(ctx, tx, c, false); err != nil {
		return wrapErr("create contract", err)
	}
	if err := checkFeeStandard(ctx, tx, c); err != nil {
		return wrapErr("create contract", err)
	}
	if err := insertContract(ctx, tx, c); err != nil {
		return wrapErr("create contract", err)
	}
	if err := keepRequirementReason(ctx, tx, c); err != nil {
		return wrapErr("create contract", err)
	}
	if err := tx.auditContract(ctx, actionCreate, c.ID, nil); err != nil {
		return wrapErr("create contract", err)
	}
	return commit(tx, "create contract")
}

// checkContractRefs makes sure the unit, contractor and catalog item a
// contract names exist, so the officer learns which one is wrong rather than
// seeing a bare foreign-key failure.
func checkContractRefs(ctx context.Context, tx *writeTx, c *govbuy.Contract) error {
	var v govbuy.ValidationErrors
	checks := []struct {
		table string
		field govbuy.Field
		what  string
		id    int64
	}{
		{"units", govbuy.FieldUnit, "单位", c.UnitID},
		{"contractors", govbuy.FieldContractor, "承接主体", c.ContractorID},
		{"catalog", govbuy.FieldCatalog, "目录项", c.CatalogID},
	}
	for _, ch := range checks {
		if ch.id == 0 {
			continue
		}
		// table comes from the fixed list above, never from input.
		n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM "+ch.table+" WHERE id = ?", ch.id)
		if err != nil {
			return err
		}
		if n == 0 {
			v = append(v, govbuy.Invalidf(ch.field, "未找到ID为%d的%s", ch.id, ch.what))
		}
	}
	return v.Err()
}

// contractColumns are the columns of insertContractSQL, in the order of
// insertContractArgs. defaulted marks a column whose default is what a
// contract without that field binds (empty text, 0 or NULL), so a multi-row
// INSERT whose contracts all lack it may leave it out.
var contractColumns = [...]struct {
	name      string
	defaulted bool
}{
	{"number", false}, {"year", false}, {"unit_id", false}, {"contractor_id", false}, {"catalog_id", true},
	{"kind", false}, {"title", false}, {"headcount", true}, {"method", false}, {"amount", true},
	{"start_date", true}, {"end_date", true}, {"funding", false}, {"fee_basis", true}, {"fee_standard_id", true},
	{"fee_quantity", true}, {"fee_base", true}, {"fee_share", true}, {"status", false}, {"notes", true},
	{"pending", true}, {"created_at", false}, {"updated_at", false}, {"import_batch_id", true},
	{"award_date", true}, {"sign_date", true}, {"publish_date", true}, {"publish_media", true}, {"filing_date", true},
	{"filing_no", true}, {"intent_date", true}, {"procure_date", true}, {"term_reason", true},
	{"project_no", true}, {"place", true}, {"spec", true},
}

// allContractColumns selects every column of contractColumns.
const allContractColumns = 1<<len(contractColumns) - 1

// insertContractSQL is shared by single saves and the prepared statement of
// dataset loads.
var insertContractSQL = insertContractsSQL(allContractColumns, 1, false)

// insertContractsSQL inserts n contracts into the columns the bits of used
// select; returning, it gives back each one's id and number (in no
// promised order: the numbers, unique, tell them apart).
func insertContractsSQL(used uint64, n int, returning bool) string {
	var names []string
	for i, col := range contractColumns {
		if used&(1<<i) != 0 {
			names = append(names, col.name)
		}
	}
	row := "(" + strings.Repeat("?, ", len(names)-1) + "?)"
	q := "INSERT INTO contracts (" + strings.Join(names, ", ") + ") VALUES " + strings.Repeat(row+", ", n-1) + row
	if returning {
		q += " RETURNING id, number"
	}
	return q
}

// insertContractArgs are the values of insertContractSQL; batch is the
// import that writes the contract, 0 for any other save.
func insertContractArgs(c *govbuy.Contract, stamp string, batch int64) []any {
	return []any{c.Number, c.Year, c.UnitID, c.ContractorID, nullID(c.CatalogID), string(c.Kind), c.Title, c.Headcount,
		string(c.Method), int64(c.Amount), dateText(c.Start), dateText(c.End), string(c.Funding), c.FeeBasis,
		nullID(c.FeeStandardID), c.FeeQuantity, int64(c.FeeBase), int(c.FeeShare), string(c.Status), c.Notes, c.Pending.String(), stamp, stamp, nullID(batch),
		dateText(c.AwardDate), dateText(c.SignDate), dateText(c.PublishDate), c.PublishMedia, dateText(c.FilingDate), c.FilingNo,
		dateText(c.IntentDate), dateText(c.ProcureDate), c.TermReason, c.ProjectNo, c.Place, c.Spec}
}

// execer runs a statement: a *writeTx for one row, a prepared *sql.Stmt for many.
type execer interface {
	ExecContext(ctx context.Context, args ...any) (sql.Result, error)
}

// txExec adapts a transaction and a query to execer.
type txExec struct {
	tx    *writeTx
	query string
}

func (e txExec) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	return e.tx.ExecContext(ctx, e.query, args...)
}

func insertContract(ctx context.Context, tx *writeTx, c *govbuy.Contract) error {
	return insertContractWith(ctx, txExec{tx, insertContractSQL}, tx.stamp(), 0, c)
}

func insertContractWith(ctx context.Context, ex execer, stamp string, batch int64, c *govbuy.Contract) error {
	res, err := ex.ExecContext(ctx, insertContractArgs(c, stamp, batch)...)
	if err != nil {
		return contractNumberConflict(err, c.Number)
	}
	c.Version = 1 // the first version of a new record
	c.ID, err = res.LastInsertId()
	return err
}

func contractNumberConflict(err error, number string) error {
	if isUniqueViolation(err, "contracts.number") {
		return govbuy.Errorf(govbuy.EConflict, "合同编号", "合同编号“%s”已存在", number)
	}
	return err
}

// UpdateContract normalises, validates and saves a contract's changes.
func (db *DB) UpdateContract(ctx context.Context, c *govbuy.Contract) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("update contract", err)
	}
	defer tx.Rollback()
	before, err := contractRecord(ctx, tx, c.ID)
	if err != nil {
		return wrapErr("update contract", err)
	}
	if err := checkContractRefs(ctx, tx, c); err != nil {
		return wrapErr("update contract", err)
	}
	if err := checkPlanStillFits(ctx, tx, c); err != nil {
		return wrapErr("update contract", err)
	}
	if err := checkRequirement(ctx, tx, c, true); err != nil {
		return wrapErr("update contract", err)
	}
	if err := checkFeeStandard(ctx, tx, c); err != nil {
		return wrapErr("update contract", err)
	}
	if err := updateContract(ctx, tx, c); err != nil {
		return wrapErr("update contract", err)
	}
	if err := keepRequirementReason(ctx, tx, c); err != nil {
		return wrapErr("update contract", err)
	}
	if err := tx.auditContract(ctx, actionUpdate, c.ID, before); err != nil {
		return wrapErr("update contract", err)
	}
	return commitVersion(tx, "update contract", &c.Version)
}

// checkPlanStillFits refuses a change of amount or budget year that the
// contract's plan no longer fits: installments above the new amount, or
// assessed periods outside the new year.
func checkPlanStillFits(ctx context.Context, tx *writeTx, c *govbuy.Contract) error {
	plan, err := findPlan(ctx, tx, c.ID)
	if err != nil || plan == nil {
		return err
	}
	if err := checkInstallments(plan, c); err != nil {
		return err
	}
	return checkPlanKeepsAssessments(ctx, tx, plan, c)
}

func updateContract(ctx context.Context, tx *writeTx, c *govbuy.Contract) error {
	res, err := tx.ExecContext(ctx, `
		UPDATE contracts SET number = ?, year = ?, unit_id = ?, contractor_id = ?, catalog_id = ?, kind = ?,
			title = ?, headcount = ?, method = ?, amount = ?, start_date = ?, end_date = ?, funding = ?,
			fee_basis = ?, fee_standard_id = ?, fee_quantity = ?, fee_base = ?, fee_share = ?, status = ?, notes = ?, pending = ?, updated_at = ?,
			award_date = ?, sign_date = ?, publish_date = ?, publish_media = ?, filing_date = ?, filing_no = ?,
			intent_date = ?, procure_date = ?, term_reason = ?, project_no = ?, place = ?, spec = ?, `+bumpVersion+`
		WHERE id = ? AND version = ?`,
		c.Number, c.Year, c.UnitID, c.ContractorID, nullID(c.CatalogID), string(c.Kind),
		c.Title, c.Headcount, string(c.Method), int64(c.Amount), dateText(c.Start), dateText(c.End), string(c.Funding),
		c.FeeBasis, nullID(c.FeeStandardID), c.FeeQuantity, int64(c.FeeBase), int(c.FeeShare), string(c.Status), c.Notes, c.Pending.String(), tx.stamp(),
		dateText(c.AwardDate), dateText(c.SignDate), dateText(c.PublishDate), c.PublishMedia, dateText(c.FilingDate), c.FilingNo,
		dateText(c.IntentDate), dateText(c.ProcureDate), c.TermReason, c.ProjectNo, c.Place, c.Spec, govbuy.ActorFrom(ctx), c.ID, c.Version)
	if err != nil {
		return contractNumberConflict(err, c.Number)
	}
	return tx.checkSaved(ctx, res, contractVersions, c.ID)
}

// DeleteContract removes a contract that has no payments and no
// assessments, with its assessment plan and hint acknowledgements, which
// have no meaning without it (the audit row keeps the contract).
func (db *DB) DeleteContract(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete contract", err)
	}
	defer tx.Rollback()
	before, err := contractRecord(ctx, tx, id)
	if err != nil {
		return wrapErr("delete contract", err)
	}
	if err := tx.checkRead(ctx, contractVersions, id, before.Version, version); err != nil {
		return wrapErr("delete contract", err)
	}
	if err := contractDeleteRule.refusal(ctx, tx, id); err != nil {
		return wrapErr("delete contract", err)
	}
	for _, q := range []string{"DELETE FROM plans WHERE contract_id = ?", "DELETE FROM hint_acks WHERE contract_id = ?",
		"DELETE FROM contract_supplements WHERE contract_id = ?",
		"DELETE FROM contracts WHERE id = ?"} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return wrapErr("delete contract", err)
		}
	}
	if err := tx.audit(ctx, actionDelete, "contract", id, before.Number, before, nil); err != nil {
		return wrapErr("delete contract", err)
	}
	return commit(tx, "delete contract")
}

// ContractNumbers lists every stored contract number, so an importer can
// check a large ledger against memory instead of one query per row.
func (db *DB) ContractNumbers(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	err := eachRow(ctx, db.read, "SELECT number FROM contracts", func(rows *sql.Rows) error {
		var n string
		err := rows.Scan(&n)
		out[n] = true
		return err
	})
	return out, wrapErr("contract numbers", err)
}
