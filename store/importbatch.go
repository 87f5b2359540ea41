package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"govbuy"
)

// batchTables are the tables whose rows carry import_batch_id, children
// first: the order an undo deletes in (with the rows that hang off them,
// see undoSteps).
var batchTables = []string{"payment_requests", "assessments", "payments", "contracts", "contractor_names", "contractors", "unit_names", "units"}

// ImportDataset commits an import in one transaction and records it as a
// batch (files, checksums, actor from ctx, time, counts). Units and
// contractors already stored are matched (units by name, contractors by
// name or credit code) and left unchanged; contracts and contractors the
// importer marked with their stored ID (its update mode) are updated, and
// counted as "updated"; everything else is inserted. Payments obey the
// rules of CreatePayment (see importPayments): one above the approval amount
// becomes a request, counted as "payment_requests". Every row the import
// inserts is tagged with the batch, so UndoImport can find it. On any
// problem nothing is written.
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
	b.ID, b.UndoneAt, b.Counts = 0, time.Time{}, map[string]int{}
	b.Actor, b.At = govbuy.ActorFrom(ctx), tx.now
	b.Files, b.Checksums = nonNil(b.Files), nonNil(b.Checksums)
	// Recorded first, so the contracts carry the batch as they are
	// inserted; its counts are written once known.
	if err := insertBatch(ctx, tx, &b); err != nil {
		return nil, err
	}
	l.batch = b.ID
	var counts DatasetCounts
	var requests int
	steps := []func() error{
		func() error { return l.loadUnits(ctx, ds.Units, &counts) },
		func() error { return l.loadContractors(ctx, ds.Contractors, &counts) },
		func() error { return l.loadFormerNames(ctx, ds) },
		func() error { return l.loadContracts(ctx, ds.Contracts, &counts) },
		func() (err error) {
			counts.Payments, requests, err = importPayments(ctx, l, ds)
			return err
		},
		func() error { return l.loadAssessments(ctx, ds.Assessments, &counts) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	b.Counts = map[string]int{
		"units": counts.UnitsCreated, "contractors": counts.ContractorsCreated, "contracts": counts.Contracts,
		"updated":     counts.ContractsUpdated + counts.ContractorsUpdated + counts.UnitsUpdated,
		"assessments": counts.Assessments, "payments": counts.Payments, "payment_requests": requests,
	}
	if err := setBatchCounts(ctx, tx, &b); err != nil {
		return nil, err
	}
	if err := tagBatchRows(ctx, tx, b.ID, maxIDs); err != nil {
		return nil, err
	}
	return &b, tx.audit(ctx, actionCreate, "import", b.ID, batchLabel(&b), nil, b)
}

// importPayments stores an import's payments under the rules every payment
// obeys, however it arrives: each must fit its contract's balance and, when
// it names a period, what that period makes payable, unless it carries the
// reason (the sheet's 超付原因 column); with roles on, one above the
// approval amount becomes a request for a second person (maker–checker)
// instead of a payment. A contract this import creates has no plan and no
// earlier payment, so its rows are checked against a running total, with no
// query per row. It returns how many payments it stored and how many
// requests it made.
func importPayments(ctx context.Context, l *loader, ds *govbuy.Dataset) (paid, requested int, err error) {
	limit, err := approvalLimit(ctx, l.tx)
	if err != nil {
		return 0, 0, err
	}
	if err := checkTreasuryVouchers(ctx, l.tx, ds.Payments); err != nil {
		return 0, 0, err
	}
	created := map[string]govbuy.Money{} // amount of each contract this import creates, by number
	for _, c := range ds.Contracts {
		if c.ID == 0 && c.Plan == nil {
			created[govbuy.CleanText(c.Number)] = c.Amount
		}
	}
	stmt, err := l.tx.PrepareContext(ctx, insertPaymentSQL)
	if err != nil {
		return 0, 0, err
	}
	defer stmt.Close()
	running := map[int64]govbuy.Money{}
	for i := range ds.Payments {
		dp := &ds.Payments[i]
		p := dp.Payment
		if err := checkImportedPayment(ctx, l, dp, &p, created, running); err != nil {
			return 0, 0, importRowError(i, dp, err)
		}
		if govbuy.NeedsApproval(p.Amount, limit) {
			if err := requestApproval(ctx, l.tx, &p); err != nil {
				return 0, 0, importRowError(i, dp, err)
			}
			requested++
			continue
		}
		if err := insertPaymentWith(ctx, stmt, l.tx.stamp(), &p); err != nil {
			return 0, 0, importRowError(i, dp, err)
		}
		running[p.ContractID] += p.Amount
		paid++
	}
	return paid, requested, nil
}

// checkImportedPayment resolves the row's contract into p and checks p as
// CreatePayment would.
func checkImportedPayment(ctx context.Context, l *loader, dp *govbuy.DatasetPayment, p *govbuy.Payment, created map[string]govbuy.Money, running map[int64]govbuy.Money) error {
	number := govbuy.CleanText(dp.ContractNumber)
	id, err := l.contractID(ctx, number)
	if err != nil {
		return err
	}
	p.ContractID = id
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if err := normalizePeriod(&p.Period); err != nil {
		return err
	}
	if amount, ok := created[number]; ok {
		return p.CheckBalance(amount, running[id])
	}
	return checkPaymentFits(ctx, l.tx, p)
}

// importRowError names the row a refused payment came from: the sheet's
// row when the importer said, else its place in the dataset. An
// over-payment says how to give its reason in a sheet.
func importRowError(i int, dp *govbuy.DatasetPayment, err error) error {
	var over *govbuy.Error
	if errors.As(err, &over) && over.Field == "超付原因" {
		err = govbuy.Invalidf(over.Field, "%s；如确需超付，请在表中增加“超付原因”列写明原因", over.Message)
	}
	if dp.Origin == "" {
		return rowError("支付记录", i, dp.ContractNumber, err)
	}
	err = constraintError(err)
	if !isDomainError(err) {
		return err
	}
	return govbuy.Errorf(govbuy.ErrorKindOf(err), "", "%s 合同“%s”的支付：%s", dp.Origin, dp.ContractNumber, govbuy.ErrorMessage(err))
}

// maxRowIDs notes each table's highest id before an import. The single
// writer inserts rows with ids above it (INTEGER PRIMARY KEY without
// AUTOINCREMENT takes max+1), so the batch's rows are exactly those with a
// higher id once it is done. The contracts, by far the most rows, are
// written with the batch (loader.batch); the other tables' rows are tagged
// afterwards, which keeps their insert statements shared with dataset loads.
func maxRowIDs(ctx context.Context, tx *writeTx) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, t := range batchTables {
		var id int64
		// t comes from batchTables, never from input.
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+t).Scan(&id); err != nil {
			return nil, err
		}
		ids[t] = id
	}
	return ids, nil
}

// tagBatchRows marks the batch's rows that were not written with it (all
// but the contracts): an UPDATE of each row fires its table's triggers, so
// rows already marked are left alone.
func tagBatchRows(ctx context.Context, tx *writeTx, batch int64, maxIDs map[string]int64) error {
	for _, t := range batchTables {
		if _, err := tx.ExecContext(ctx, "UPDATE "+t+" SET import_batch_id = ? WHERE id > ? AND import_batch_id IS NULL", batch, maxIDs[t]); err != nil {
			return fmt.Errorf("tag %s: %w", t, err)
		}
	}
	return nil
}

// setBatchCounts writes what the batch wrote, once it is known.
func setBatchCounts(ctx context.Context, tx *writeTx, b *govbuy.ImportBatch) error {
	counts, err := json.Marshal(b.Counts)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE import_batches SET counts = ? WHERE id = ?`, string(counts), b.ID)
	return err
}

func insertBatch(ctx context.Context, tx *writeTx, b *govbuy.ImportBatch) error {
	files, err := json.Marshal(b.Files)
	if err != nil {
		return err
	}
	sums, err := json.Marshal(b.Checksums)
	if err != nil {
		return err
	}
	counts, err := json.Marshal(b.Counts)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO import_batches (files, checksums, actor, at, counts) VALUES (?, ?, ?, ?, ?)`,
		string(files), string(sums), b.Actor, tx.stamp(), string(counts))
	if err != nil {
		return err
	}
	b.ID, err = res.LastInsertId()
	return err
}

const batchColumns = `id, files, checksums, actor, at, counts, undone_at`

// FindImportBatches lists the import batches, newest first, undone ones
// included (with UndoneAt set).
func (db *DB) FindImportBatches(ctx context.Context) ([]govbuy.ImportBatch, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+batchColumns+" FROM import_batches ORDER BY id DESC")
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
			return b, fmt.Errorf("import batch %d: %w", b.ID, err)
		}
	}
	var err error
	if b.At, err = time.Parse(time.RFC3339, at); err != nil {
		return b, fmt.Errorf("import batch %d: %w", b.ID, err)
	}
	if undone != "" {
		if b.UndoneAt, err = time.Parse(time.RFC3339, undone); err != nil {
			return b, fmt.Errorf("import batch %d: %w", b.ID, err)
		}
	}
	return b, nil
}

// undoBlockers find rows outside batch ?1 that rest on the batch's rows, and
// would be orphaned or left without their basis by an undo. Each counts and
// says what it found.
var undoBlockers = []struct{ query, what string }{
	{`SELECT COUNT(*) FROM payments p JOIN contracts c ON c.id = p.contract_id
		WHERE c.import_batch_id = ?1 AND p.import_batch_id IS NOT ?1`, "笔支付记录是导入后另行录入到本批合同上的"},
	{`SELECT COUNT(*) FROM assessments a JOIN contracts c ON c.id = a.contract_id
		WHERE c.import_batch_id = ?1 AND a.import_batch_id IS NOT ?1`, "条考核记录是导入后另行录入到本批合同上的"},
	// A payment rests on an imported assessment of a stored contract when
	// it pays that period and was made after the import: by a later import,
	// or by CreatePayment, whose audit row follows the import's (each is
	// written in the transaction that makes the change, so audit ids keep
	// their order). Payments made before the import did not rely on it.
	{`SELECT COUNT(*) FROM assessments a JOIN payments p ON p.contract_id = a.contract_id AND p.period = a.period
		WHERE a.import_batch_id = ?1 AND (p.import_batch_id > ?1 OR p.id IN (
			SELECT entity_id FROM audit_log WHERE entity = 'payment' AND action = 'create' AND id > (
				SELECT MIN(id) FROM audit_log WHERE entity = 'import' AND action = 'create' AND entity_id = ?1)))`,
		"笔支付记录是按本批导入的考核结果另行支付的"},
	{`SELECT COUNT(*) FROM contracts c JOIN contractors k ON k.id = c.contractor_id
		WHERE k.import_batch_id = ?1 AND c.import_batch_id IS NOT ?1`, "份其他合同使用了本批导入新建的承接主体"},
	{`SELECT COUNT(*) FROM contracts c JOIN units u ON u.id = c.unit_id
		WHERE u.import_batch_id = ?1 AND c.import_batch_id IS NOT ?1`, "份其他合同使用了本批导入新建的单位"},
}

// undoSteps delete a batch's rows, children first. A plan, a hint
// acknowledgement or a supplementary contract belongs to its contract (a
// supplement only amends it), so they go with the batch's contracts, as do the
// qualifications with its contractors; the audit row of the undo counts them.
var undoSteps = []struct{ name, query string }{
	{"payment_requests", `DELETE FROM payment_requests WHERE import_batch_id = ?1`},
	{"assessments", `DELETE FROM assessments WHERE import_batch_id = ?1`},
	{"payments", `DELETE FROM payments WHERE import_batch_id = ?1`},
	{"plans", `DELETE FROM plans WHERE contract_id IN (SELECT id FROM contracts WHERE import_batch_id = ?1)`},
	{"hint_acks", `DELETE FROM hint_acks WHERE contract_id IN (SELECT id FROM contracts WHERE import_batch_id = ?1)`},
	{"contract_supplements", `DELETE FROM contract_supplements WHERE contract_id IN (SELECT id FROM contracts WHERE import_batch_id = ?1)`},
	{"contracts", `DELETE FROM contracts WHERE import_batch_id = ?1`},
	{"contractor_names", `DELETE FROM contractor_names WHERE import_batch_id = ?1`},
	{"qualifications", `DELETE FROM qualifications WHERE contractor_id IN (SELECT id FROM contractors WHERE import_batch_id = ?1)`},
	{"contractors", `DELETE FROM contractors WHERE import_batch_id = ?1`},
	{"unit_names", `DELETE FROM unit_names WHERE import_batch_id = ?1`},
	{"units", `DELETE FROM units WHERE import_batch_id = ?1`},
}

// undoRecord is the audit "after" of an undo: when, and what it removed.
// batchLabel names an import by its files, as the audit log does.
func batchLabel(b *govbuy.ImportBatch) string {
	names := make([]string, len(b.Files))
	for i, f := range b.Files {
		names[i] = filepath.Base(f)
	}
	return strings.Join(names, "、")
}

type undoRecord struct {
	UndoneAt time.Time        `json:"undone_at"`
	Removed  map[string]int64 `json:"removed"`
}

// UndoImport removes every row a batch inserted, in one transaction, and
// marks the batch undone. It is refused (EConflict, saying why) for a batch
// already undone, for one that updated stored contracts or contractors,
// whose earlier values it cannot restore, and while anything outside the
// batch rests on the batch's rows.
func (db *DB) UndoImport(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("undo import", err)
	}
	defer tx.Rollback()
	b, err := scanBatch(tx.QueryRowContext(ctx, "SELECT "+batchColumns+" FROM import_batches WHERE id = ?", id))
	if err != nil {
		return wrapErr("undo import", notFoundIfNoRows(err, "导入批次", id))
	}
	if err := checkUndoable(ctx, tx, &b); err != nil {
		return wrapErr("undo import", err)
	}
	removed, err := deleteBatchRows(ctx, tx, id)
	if err != nil {
		return wrapErr("undo import", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE import_batches SET undone_at = ? WHERE id = ?", tx.stamp(), id); err != nil {
		return wrapErr("undo import", err)
	}
	if err := tx.audit(ctx, "undo", "import", id, batchLabel(&b), b, undoRecord{tx.now, removed}); err != nil {
		return wrapErr("undo import", err)
	}
	return commit(tx, "undo import")
}

func checkUndoable(ctx context.Context, tx *writeTx, b *govbuy.ImportBatch) error {
	if !b.UndoneAt.IsZero() {
		return govbuy.Errorf(govbuy.EConflict, "", "该批导入已于%s撤销", b.UndoneAt.Local().Format("2006-01-02 15:04"))
	}
	if n := b.Counts["updated"]; n > 0 {
		return govbuy.Errorf(govbuy.EConflict, "", "该批导入更新了%d条原有记录（合同或承接主体），更新前的内容无法恢复，不能整批撤销", n)
	}
	for _, d := range undoBlockers {
		n, err := countRows(ctx, tx, d.query, b.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return govbuy.Errorf(govbuy.EConflict, "", "不能撤销该批导入：有%d%s，请先处理这些记录", n, d.what)
		}
	}
	return nil
}

func deleteBatchRows(ctx context.Context, tx *writeTx, id int64) (map[string]int64, error) {
	removed := map[string]int64{}
	for _, s := range undoSteps {
		res, err := tx.ExecContext(ctx, s.query, id)
		if err != nil {
			return nil, fmt.Errorf("delete %s: %w", s.name, err)
		}
		if removed[s.name], err = res.RowsAffected(); err != nil {
			return nil, err
		}
	}
	return removed, nil
}

// GeneratedNumbers lists the contracts whose numbers an import made, with
// their unit's name.
func (db *DB) GeneratedNumbers(ctx context.Context) ([]govbuy.GeneratedNumber, error) {
	var out []govbuy.GeneratedNumber
	err := eachRow(ctx, db.read, `SELECT c.number, c.year, u.name, c.title, c.amount
		FROM contracts c JOIN units u ON u.id = c.unit_id WHERE c.number LIKE '%-导入-%' ORDER BY c.id`, func(rows *sql.Rows) error {
		var g govbuy.GeneratedNumber
		err := rows.Scan(&g.Number, &g.Year, &g.Unit, &g.Title, &g.Amount)
		out = append(out, g)
		return err
	})
	return out, wrapErr("generated numbers", err)
}
