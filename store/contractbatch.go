package store

import (
	"context"
	"database/sql"
	"fmt"

	"govbuy"
)

// contractsPerInsert is how many new contracts one INSERT of a load
// writes. A statement a row spent more of a 100,000-contract import in
// database/sql's and the driver's work per call than in SQLite itself (and
// on a server, a round trip a row); 64 rows of 36 values stay far below
// either store's limit on parameters.
const contractsPerInsert = 64

// contractBatch gathers a load's new contracts for multi-row INSERTs.
// An INSERT names only the columns some of its contracts fill: a ledger
// fills a dozen of the 36, and binding the rest, empty, cost as much as
// inserting. Each INSERT runs inside a savepoint: when it is refused (a
// number already stored, a closed year), the batch is rolled back to it
// and its rows are inserted one at a time, so the refusal names the
// contract at fault as a row-by-row load would, and a server's transaction
// is not left aborted.
type contractBatch struct {
	l      *loader
	stamp  string
	counts *DatasetCounts
	full   map[uint64]*sql.Stmt // INSERTs of contractsPerInsert rows, by the columns they name
	rows   []batchedContract
	args   []any // contractColumns' values of each row
	used   uint64
	bound  []any // the values of the columns used
}

type batchedContract struct {
	index int // in the dataset, for a refusal
	c     govbuy.Contract
}

func newContractBatch(l *loader, stamp string, counts *DatasetCounts) *contractBatch {
	return &contractBatch{l: l, stamp: stamp, counts: counts, full: map[uint64]*sql.Stmt{},
		rows: make([]batchedContract, 0, contractsPerInsert), args: make([]any, 0, contractsPerInsert*len(contractColumns))}
}

// add queues c, the dataset's index-th contract, writing the batch when it
// is full.
func (b *contractBatch) add(ctx context.Context, index int, c *govbuy.Contract) error {
	b.rows = append(b.rows, batchedContract{index: index, c: *c})
	args := insertContractArgs(c, b.stamp, b.l.batch)
	for i, v := range args {
		if !contractColumns[i].defaulted || !zeroArg(v) {
			b.used |= 1 << i
		}
	}
	b.args = append(b.args, args...)
	if len(b.rows) < contractsPerInsert {
		return nil
	}
	return b.flush(ctx)
}

// flush writes the queued contracts and records their ids.
func (b *contractBatch) flush(ctx context.Context) error {
	if len(b.rows) == 0 {
		return nil
	}
	defer func() { b.rows, b.args, b.used = b.rows[:0], b.args[:0], 0 }()
	tx := b.l.tx
	if _, err := tx.ExecContext(ctx, "SAVEPOINT contract_batch"); err != nil {
		return err
	}
	err := b.insert(ctx)
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO contract_batch"); rerr != nil {
			return fmt.Errorf("roll back contract batch: %w (after %w)", rerr, err)
		}
	}
	if _, rerr := tx.ExecContext(ctx, "RELEASE contract_batch"); rerr != nil {
		return rerr
	}
	if err != nil {
		return b.oneByOne(ctx, err)
	}
	b.counts.Contracts += len(b.rows)
	return nil
}

// insert runs the multi-row INSERT and maps each number to its new id.
func (b *contractBatch) insert(ctx context.Context) error {
	rows, err := b.query(ctx)
	if err != nil {
		return err
	}
	defer rows.Close()
	ids := make(map[string]int64, len(b.rows))
	for rows.Next() {
		var id int64
		var number string
		if err := rows.Scan(&id, &number); err != nil {
			return err
		}
		ids[number] = id
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ids) != len(b.rows) {
		return fmt.Errorf("insert contracts: %d ids for %d rows", len(ids), len(b.rows))
	}
	for number, id := range ids {
		b.l.contractIDs[number] = id
	}
	return nil
}

// query runs the INSERT of the queued rows, in the columns they use.
func (b *contractBatch) query(ctx context.Context) (*sql.Rows, error) {
	b.bound = b.bound[:0]
	for i, v := range b.args {
		if b.used&(1<<(i%len(contractColumns))) != 0 {
			b.bound = append(b.bound, v)
		}
	}
	if len(b.rows) < contractsPerInsert {
		return b.l.tx.QueryContext(ctx, insertContractsSQL(b.used, len(b.rows), true), b.bound...)
	}
	stmt := b.full[b.used]
	if stmt == nil {
		var err error
		if stmt, err = b.l.tx.PrepareContext(ctx, insertContractsSQL(b.used, contractsPerInsert, true)); err != nil {
			return nil, err
		}
		b.full[b.used] = stmt
	}
	return stmt.QueryContext(ctx, b.bound...)
}

// zeroArg reports whether v is what a contract without the field binds.
func zeroArg(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case int:
		return v == 0
	case int64:
		return v == 0
	case sql.NullInt64:
		return !v.Valid
	}
	return false
}

// oneByOne inserts the batch a row at a time after its INSERT was refused
// with err, and returns the first row's refusal; err if none is refused.
func (b *contractBatch) oneByOne(ctx context.Context, err error) error {
	for i := range b.rows {
		r := &b.rows[i]
		if rerr := insertContractWith(ctx, txExec{b.l.tx, insertContractSQL}, b.stamp, b.l.batch, &r.c); rerr != nil {
			return rowError("合同", r.index, r.c.Number, rerr)
		}
		b.l.contractIDs[r.c.Number] = r.c.ID
		b.counts.Contracts++
	}
	return fmt.Errorf("insert contracts: %w", err)
}

func (b *contractBatch) close() {
	for _, stmt := range b.full {
		stmt.Close()
	}
}
