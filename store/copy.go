package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"govbuy"
)

// Copying a whole database between the two stores — a file's district into
// an empty server database (govbuy migrate), a server database into a file
// (its backup) — reads one snapshot of the source and writes every row into
// the destination in one transaction: the destination has all of it or
// none. Ids are kept, so audit rows, batches and form numbers still point at
// their records.

// copiedTables lists every table of the schema in an order that inserts
// each row after the rows it references. closed_years comes last: the
// closed-year rules would refuse the rows of a closed year copied after it.
// schema_migrations is not copied: the destination has its own.
var copiedTables = []string{
	"settings", "import_batches", "units", "unit_names", "contractors", "qualifications",
	"contractor_names", "catalog", "fee_standards", "contracts",
	"contract_supplements", "plans", "assessments", "inspections", "hint_acks",
	"payments", "payment_form_counters", "payment_forms", "payment_requests",
	"audit_log", "users", "requirements", "calendar_days", "closed_years",
}

// seededTables are the tables a new database's migrations fill (the
// default catalog; payments' form numbers as payments are inserted): the
// copy replaces what they hold with the source's rows.
var seededTables = []string{"payment_forms", "payment_form_counters", "catalog"}

// CopyCounts is how many rows of each table a copy wrote.
type CopyCounts map[string]int

// copyAll copies every table of src (read in tx) into dst's transaction.
func copyAll(ctx context.Context, src *sql.Tx, dst *writeTx) (CopyCounts, error) {
	counts := CopyCounts{}
	for _, t := range copiedTables {
		if err := clearSeeded(ctx, dst, t); err != nil {
			return nil, err
		}
		n, err := copyTable(ctx, src, dst, t)
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", t, err)
		}
		counts[t] = n
	}
	return counts, nil
}

// clearSeeded empties a seeded table just before its turn; form numbers
// are emptied after the payments whose inserts made them.
func clearSeeded(ctx context.Context, dst *writeTx, table string) error {
	if !slices.Contains(seededTables, table) {
		return nil
	}
	if table == "catalog" {
		return clearCatalog(ctx, dst)
	}
	_, err := dst.ExecContext(ctx, "DELETE FROM "+table)
	return err
}

// clearCatalog deletes the catalog leaves first: an item is referenced by
// its children, and the reference is checked row by row.
func clearCatalog(ctx context.Context, dst *writeTx) error {
	for {
		res, err := dst.ExecContext(ctx, `DELETE FROM catalog WHERE id NOT IN
			(SELECT parent_id FROM catalog WHERE parent_id IS NOT NULL)`)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
	}
}

// catalogParentsFirst reads the catalog a level at a time, as its rows
// reference each other.
const catalogParentsFirst = `WITH RECURSIVE level(id, depth) AS (
	SELECT id, 0 FROM catalog WHERE parent_id IS NULL
	UNION ALL
	SELECT c.id, l.depth + 1 FROM catalog c JOIN level l ON c.parent_id = l.id
) SELECT catalog.* FROM catalog JOIN level ON level.id = catalog.id ORDER BY level.depth, catalog.id`

// copyTable copies one table by the source's column names, many rows to
// an INSERT: a server answers each statement over the network, and a
// district's 100,000 contracts one by one took minutes.
func copyTable(ctx context.Context, src *sql.Tx, dst *writeTx, table string) (int, error) {
	query := "SELECT * FROM " + table
	if table == "catalog" {
		query = catalogParentsFirst
	}
	rows, err := src.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	b := &rowBatch{tx: dst, table: table, cols: cols, max: max(1, maxParams/len(cols))}
	ptrs := make([]any, len(cols))
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if err := b.add(ctx, vals); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, b.flush(ctx)
}

// maxParams keeps a batch's parameters under both stores' limits
// (SQLite's 32,766, PostgreSQL's 65,535).
const maxParams = 30000

// rowBatch gathers rows into one multi-row INSERT.
type rowBatch struct {
	tx    *writeTx
	table string
	cols  []string
	max   int // rows per statement
	args  []any
	rows  int
}

func (b *rowBatch) add(ctx context.Context, vals []any) error {
	b.args = append(b.args, vals...)
	b.rows++
	if b.rows < b.max {
		return nil
	}
	return b.flush(ctx)
}

func (b *rowBatch) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(b.cols)), ", ") + ")"
	insert := "INSERT INTO " + b.table + " (" + strings.Join(b.cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+", ", b.rows), ", ")
	if _, err := b.tx.ExecContext(ctx, insert, b.args...); err != nil {
		return err
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// countTables counts the rows of every copied table, for comparing a copy
// with its source.
func countTables(ctx context.Context, q queryer) (CopyCounts, error) {
	counts := CopyCounts{}
	for _, t := range copiedTables {
		n, err := countRows(ctx, q, "SELECT COUNT(*) FROM "+t)
		if err != nil {
			return nil, err
		}
		counts[t] = n
	}
	return counts, nil
}

// copyWithoutNumbering copies every table; on a server the payments keep
// the source's form numbers, copied with them, rather than be numbered
// again as they go in (and the numbers a copy clears are no deleted forms).
func (db *DB) copyWithoutNumbering(ctx context.Context, src *sql.Tx, tx *writeTx) (CopyCounts, error) {
	if !db.server {
		return copyAll(ctx, src, tx)
	}
	if err := numbering(ctx, tx, "DISABLE"); err != nil {
		return nil, err
	}
	counts, err := copyAll(ctx, src, tx)
	if err != nil {
		return nil, err
	}
	return counts, numbering(ctx, tx, "ENABLE")
}

func numbering(ctx context.Context, tx *writeTx, how string) error {
	for _, s := range []string{"ALTER TABLE payments " + how + " TRIGGER payments_form_number",
		"ALTER TABLE payment_forms " + how + " TRIGGER payment_forms_retired"} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// afterCopy brings a destination's id counters past the copied ids: a
// server's identities and SQLite's AUTOINCREMENT high-water mark, so no id
// the source ever gave out is given again (request numbers are never
// reused).
func (db *DB) afterCopy(ctx context.Context, tx *writeTx, requestsHigh int64) error {
	if !db.server {
		if _, err := tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'payment_requests'`, requestsHigh); err != nil {
			return err
		}
		// A file's counter is the year's last number given; a server's,
		// the highest number a deleted form had.
		_, err := tx.ExecContext(ctx, `INSERT INTO payment_form_counters (year, last)
			SELECT year, MAX(seq) FROM payment_forms GROUP BY year
			ON CONFLICT (year) DO UPDATE SET last = MAX(last, excluded.last)`)
		return err
	}
	for _, t := range copiedTables {
		var hasID bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id' AND is_identity = 'YES')`, t).Scan(&hasID); err != nil {
			return err
		}
		if !hasID {
			continue
		}
		high := "COALESCE(MAX(id), 0)"
		if t == "payment_requests" {
			high = fmt.Sprintf("GREATEST(COALESCE(MAX(id), 0), %d)", requestsHigh)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(
			"SELECT setval(pg_get_serial_sequence('%s', 'id'), GREATEST(%s, 1), %s > 0) FROM %s", t, high, high, t)); err != nil {
			return err
		}
	}
	return nil
}

// requestsHighWater is the highest request id src ever gave out.
func (db *DB) requestsHighWater(ctx context.Context, q queryer) (int64, error) {
	var n int64
	query := "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'payment_requests'), 0)"
	if db.server {
		query = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM payment_requests_id_seq"
	}
	err := q.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}

// MigrateInto copies this whole database into dst, a database just made
// (no unit, contractor, contract, payment, user or audit row of its own),
// and records the move in dst's audit log under from. It copies the users'
// password hashes and everything else, so once roles are on only an
// administrator may do it.
func (db *DB) MigrateInto(ctx context.Context, dst *DB, from string) (CopyCounts, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("migrate", err)
	}
	err = gate(ctx, tx, govbuy.ActAdminister, "迁移整个数据库")
	tx.Rollback()
	if err != nil {
		return nil, err
	}
	return db.copyInto(ctx, dst, from)
}

// copyInto copies this database into dst in one transaction of dst and
// checks that every table holds as many rows as here; a from that is not
// empty is recorded in dst's audit log (a backup, an exact copy, has none).
func (db *DB) copyInto(ctx context.Context, dst *DB, from string) (CopyCounts, error) {
	src, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("copy", err)
	}
	defer src.Rollback()
	high, err := db.requestsHighWater(ctx, src)
	if err != nil {
		return nil, wrapErr("copy", err)
	}
	tx, err := dst.beginWriteAnyone(ctx)
	if err != nil {
		return nil, wrapErr("copy", err)
	}
	defer tx.Rollback()
	if err := requireEmpty(ctx, tx, dst.path); err != nil {
		return nil, err
	}
	counts, err := dst.copyWithoutNumbering(ctx, src, tx)
	if err == nil {
		err = sameCounts(ctx, tx, counts)
	}
	if err == nil {
		err = dst.afterCopy(ctx, tx, high)
	}
	if err == nil && from != "" {
		err = tx.audit(ctx, actionLoad, "dataset", 0, "迁入自 "+from, nil, map[string]any{"from": from, "rows": counts})
	}
	if err != nil {
		return nil, wrapErr("copy", err)
	}
	return counts, commit(tx, "copy")
}

// requireEmpty refuses a destination that already holds a district.
func requireEmpty(ctx context.Context, tx *writeTx, where string) error {
	for _, t := range []string{"units", "contractors", "contracts", "payments", "users", "audit_log"} {
		n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM "+t)
		if err != nil {
			return wrapErr("copy", err)
		}
		if n > 0 {
			return govbuy.Errorf(govbuy.EConflict, "", "目标数据库“%s”不是空的（已有%s记录），不能迁入；请新建一个空数据库", where, t)
		}
	}
	return nil
}

// sameCounts checks, inside the copy's transaction, that every table holds
// the rows copied into it (the audit row of the copy is added after).
func sameCounts(ctx context.Context, tx *writeTx, want CopyCounts) error {
	got, err := countTables(ctx, tx)
	if err != nil {
		return err
	}
	for _, t := range copiedTables {
		if got[t] != want[t] {
			return fmt.Errorf("table %s has %d rows after the copy, %d copied", t, got[t], want[t])
		}
	}
	return nil
}
