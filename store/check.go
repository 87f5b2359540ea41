package store

import (
	"context"
	"database/sql"
	"fmt"

	"govbuy"
)

// Check runs SQLite's own integrity and foreign-key checks and gathers the
// compliance hints of every contract not yet acknowledged (an acknowledged
// hint has its reason on record), ordered by contract number. Integrity is
// empty when the database is sound.
func (db *DB) Check(ctx context.Context) (*govbuy.CheckResult, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("check", err)
	}
	defer tx.Rollback()
	res := &govbuy.CheckResult{Integrity: []string{}, Hints: []govbuy.Warning{}}
	// A server checks its own pages and enforces every foreign key as it
	// writes; SQLite's PRAGMA checks have no counterpart to run there.
	if !db.server {
		if res.Integrity, err = integrityProblems(ctx, tx); err != nil {
			return nil, wrapErr("check", err)
		}
	}
	if res.Hints, err = contractWarnings(ctx, tx, govbuy.Today(db.Now()), ""); err != nil {
		return nil, wrapErr("check", err)
	}
	if res.Pending, err = pendingRecords(ctx, tx); err != nil {
		return nil, wrapErr("check", err)
	}
	return res, nil
}

// pendingRecords lists the contracts, then the contractors, marked 待补充.
func pendingRecords(ctx context.Context, tx *sql.Tx) ([]govbuy.PendingRecord, error) {
	out := []govbuy.PendingRecord{}
	for _, q := range []struct{ entity, query string }{
		{"contract", "SELECT id, number || '“' || title || '”', pending FROM contracts WHERE pending <> '' ORDER BY number"},
		{"contractor", "SELECT id, '“' || name || '”', pending FROM contractors WHERE pending <> '' ORDER BY name"},
	} {
		err := eachRow(ctx, tx, q.query, func(rows *sql.Rows) error {
			r := govbuy.PendingRecord{Entity: q.entity}
			err := rows.Scan(&r.ID, &r.Label, pendingCol{&r.Pending})
			out = append(out, r)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("pending %ss: %w", q.entity, err)
		}
	}
	return out, nil
}

// integrityProblems lists what PRAGMA integrity_check and
// foreign_key_check find; a sound database gives an empty list.
func integrityProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	out := []string{}
	err := eachRow(ctx, tx, "PRAGMA integrity_check", func(rows *sql.Rows) error {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return err
		}
		if msg != "ok" {
			out = append(out, "integrity_check: "+msg)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("integrity check: %w", err)
	}
	err = eachRow(ctx, tx, "PRAGMA foreign_key_check", func(rows *sql.Rows) error {
		var table, parent string
		var rowid, fk sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("foreign_key_check: %s表第%d行引用的%s记录不存在", table, rowid.Int64, parent))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("foreign key check: %w", err)
	}
	return out, nil
}
