package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"govbuy"
)

var _ govbuy.ImportService = (*DB)(nil)

// batchTables are the tables an import writes, children first: the order
// an undo deletes in.
var batchTables = []string{"assessments", "payments", "contracts", "contractors", "units"}

// ImportDataset commits an import in one transaction and records it as a
// batch. Units and contractors already stored are matched by name and left
// unchanged; contracts the importer marked with an ID are updated; every row
// the import inserts is tagged with the batch, so UndoImport can find it.
func (db *DB) ImportDataset(ctx context.Context, ds *govbuy.Dataset, batch govbuy.ImportBatch) (*govbuy.ImportBatch, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, wrapErr("import", err)
	}
	defer tx.Rollback()
	b, err := importDataset(ctx, tx, ds, batch)
	if err != nil {
		return nil, wrapErr("import", err)
	}
	if err := commit(tx, "import"); err != nil {
		return nil, err
	}
	_ = db.optimize(ctx) // advisory, as after any large load
	return b, nil
}

func importDataset(ctx context.Context, tx *writeTx, ds *govbuy.Dataset, b govbuy.ImportBatch) (*govbuy.ImportBatch, error) {
	maxIDs, err := maxRowIDs(ctx, tx)
	if err != nil {
		return nil, err
	}
	l, err := newLoader(ctx, tx)
	if err != nil {
		return nil, err
	}
	l.keepStored = true
	var counts DatasetCounts
	steps := []func() error{
		func() error { return l.loadUnits(ctx, ds.Units, &counts) },
		func() error { return l.loadContractors(ctx, ds.Contractors, &counts) },
		func() error { return l.loadContracts(ctx, ds.Contracts, &counts) },
		func() error { return l.loadPayments(ctx, ds.Payments, &counts) },
		func() error { return l.loadAssessments(ctx, ds.Assessments, &counts) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	b.Actor, b.At = govbuy.ActorFrom(ctx), tx.now
	b.Counts = map[string]int{
		"units": counts.UnitsCreated, "contractors": counts.ContractorsCreated, "contracts": counts.Contracts,
		"updated": counts.ContractsUpdated, "assessments": counts.Assessments, "payments": counts.Payments,
	}
	if err := insertBatch(ctx, tx, &b); err != nil {
		return nil, err
	}
	if err := tagBatchRows(ctx, tx, b.ID, maxIDs); err != nil {
		return nil, err
	}
	return &b, tx.audit(ctx, actionCreate, "import", b.ID, nil, b)
}

// maxRowIDs notes each table's highest id before an import. The single
// writer inserts rows with ids above it, so the batch's rows are exactly
// those with a higher id.
func maxRowIDs(ctx context.Context, tx *writeTx) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, t := range batchTables {
		var id int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+t).Scan(&id); err != nil {
			return nil, err
		}
		ids[t] = id
	}
	return ids, nil
}

func tagBatchRows(ctx context.Context, tx *writeTx, batch int64, maxIDs map[string]int64) error {
	for _, t := range batchTables {
		if _, err := tx.ExecContext(ctx, "UPDATE "+t+" SET import_batch_id = ? WHERE id > ?", batch, maxIDs[t]); err != nil {
			return fmt.Errorf("tag %s: %w", t, err)
		}
	}
	return nil
}

func insertBatch(ctx context.Context, tx *writeTx, b *govbuy.ImportBatch) error {
	files, _ := json.Marshal(nonNil(b.Files))
	sums, _ := json.Marshal(nonNil(b.Checksums))
	counts, _ := json.Marshal(b.Counts)
	res, err := tx.ExecContext(ctx, `INSERT INTO import_batches (files, checksums, actor, at, counts) VALUES (?, ?, ?, ?, ?)`,
		string(files), string(sums), b.Actor, tx.stamp(), string(counts))
	if err != nil {
		return err
	}
	b.ID, err = res.LastInsertId()
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// FindImportBatches lists the import batches, newest first.
func (db *DB) FindImportBatches(ctx context.Context) ([]govbuy.ImportBatch, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, files, checksums, actor, at, counts, undone_at FROM import_batches ORDER BY id DESC`)
	if err != nil {
		return nil, wrapErr("find import batches", err)
	}
	defer rows.Close()
	out := []govbuy.ImportBatch{}
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, wrapErr("find import batches", err)
		}
		out = append(out, b)
	}
	return out, wrapErr("find import batches", rows.Err())
}

func scanBatch(s interface{ Scan(...any) error }) (govbuy.ImportBatch, error) {
	var b govbuy.ImportBatch
	var files, sums, at, counts, undone string
	if err := s.Scan(&b.ID, &files, &sums, &b.Actor, &at, &counts, &undone); err != nil {
		return b, err
	}
	for _, f := range []struct {
		text string
		into any
	}{{files, &b.Files}, {sums, &b.Checksums}, {counts, &b.Counts}} {
		if err := json.Unmarshal([]byte(f.text), f.into); err != nil {
			return b, err
		}
	}
	b.At, _ = time.Parse(time.RFC3339, at)
	if undone != "" {
		b.UndoneAt, _ = time.Parse(time.RFC3339, undone)
	}
	return b, nil
}

// dependants finds, for each table, rows outside the batch that rest on the
// batch's rows: what must not be orphaned by an undo.
var dependants = []struct{ query, what string }{
	{`SELECT COUNT(*) FROM payments p JOIN contracts c ON c.id = p.contract_id
		WHERE c.import_batch_id = ?1 AND p.import_batch_id IS NOT ?1`, "笔支付记录是导入后另行录入的"},
	{`SELECT COUNT(*) FROM assessments a JOIN contracts c ON c.id = a.contract_id
		WHERE c.import_batch_id = ?1 AND a.import_batch_id IS NOT ?1`, "条考核记录是导入后另行录入的"},
	{`SELECT COUNT(*) FROM plans p JOIN contracts c ON c.id = p.contract_id WHERE c.import_batch_id = ?1`, "份导入的合同已设置考核方案"},
	{`SELECT COUNT(*) FROM contracts c JOIN contractors k ON k.id = c.contractor_id
		WHERE k.import_batch_id = ?1 AND c.import_batch_id IS NOT ?1`, "份其他合同使用了本次导入新建的承接主体"},
	{`SELECT COUNT(*) FROM contracts c JOIN units u ON u.id = c.unit_id
		WHERE u.import_batch_id = ?1 AND c.import_batch_id IS NOT ?1`, "份其他合同使用了本次导入新建的单位"},
}

// UndoImport removes every row a batch inserted, in one transaction. It is
// refused while anything outside the batch depends on them, and for a batch
// that updated stored contracts, whose earlier values it cannot restore.
func (db *DB) UndoImport(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("undo import", err)
	}
	defer tx.Rollback()
	b, err := scanBatch(tx.QueryRowContext(ctx, `SELECT id, files, checksums, actor, at, counts, undone_at FROM import_batches WHERE id = ?`, id))
	if err != nil {
		return wrapErr("undo import", notFoundIfNoRows(err, "导入批次", id))
	}
	if err := checkUndoable(ctx, tx, &b); err != nil {
		return wrapErr("undo import", err)
	}
	for _, t := range batchTables {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE import_batch_id = ?", id); err != nil {
			return wrapErr("undo import", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE import_batches SET undone_at = ? WHERE id = ?", tx.stamp(), id); err != nil {
		return wrapErr("undo import", err)
	}
	if err := tx.audit(ctx, actionDelete, "import", id, b, nil); err != nil {
		return wrapErr("undo import", err)
	}
	return commit(tx, "undo import")
}

func checkUndoable(ctx context.Context, tx *writeTx, b *govbuy.ImportBatch) error {
	if !b.UndoneAt.IsZero() {
		return govbuy.Errorf(govbuy.EConflict, "", "该批导入已于%s撤销", b.UndoneAt.Local().Format("2006-01-02 15:04"))
	}
	if n := b.Counts["updated"]; n > 0 {
		return govbuy.Errorf(govbuy.EConflict, "", "该批导入更新了%d份原有合同，更新前的内容无法恢复，不能整批撤销", n)
	}
	for _, d := range dependants {
		n, err := countRows(ctx, tx, d.query, b.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return govbuy.Errorf(govbuy.EConflict, "", "不能撤销：有%d%s", n, d.what)
		}
	}
	return nil
}
