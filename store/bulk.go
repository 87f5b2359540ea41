package store

import (
	"context"
	"fmt"
)

// bulkRows is the fewest new rows for which a load builds a table's
// secondary indexes after inserting instead of growing them row by row.
const bulkRows = 5000

// deferIndexes drops table's secondary indexes before a load adds adding
// rows to it, when that is at least bulkRows and at least the rows the
// table holds, and returns the function that builds them again from their
// own SQL. Ten indexes grown a row at a time cost an import of 100,000
// contracts most of its time in B-tree inserts; SQLite builds each one from
// sorted rows several times faster. The drop and the rebuild happen in the
// caller's transaction: a failed load rolls back to the indexes as they
// were, and no other connection ever sees the table without them. UNIQUE
// constraints (automatic indexes, whose sql is NULL) stay, so every row is
// still checked as it is inserted; triggers are untouched.
func deferIndexes(ctx context.Context, tx *writeTx, table string, adding int) (rebuild func() error, err error) {
	none := func() error { return nil }
	// A server database keeps its indexes: dropping one locks the whole
	// table against every other officer's reads until the import commits.
	if adding < bulkRows || tx.db.server {
		return none, nil
	}
	// table is a constant of the caller, never input.
	held, err := countRows(ctx, tx, "SELECT COUNT(*) FROM "+table)
	if err != nil || adding < held {
		return none, err
	}
	indexes, err := secondaryIndexes(ctx, tx, table)
	if err != nil {
		return none, err
	}
	for name := range indexes {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return none, fmt.Errorf("defer index %s: %w", name, err)
		}
	}
	return func() error {
		for name, create := range indexes {
			if _, err := tx.ExecContext(ctx, create); err != nil {
				return fmt.Errorf("rebuild index %s: %w", name, err)
			}
		}
		return nil
	}, nil
}

// secondaryIndexes maps each index of table that a CREATE INDEX made to
// that statement.
func secondaryIndexes(ctx context.Context, tx *writeTx, table string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			return nil, err
		}
		out[name] = create
	}
	return out, rows.Err()
}
