package store

import (
	"context"
	"database/sql"
	"fmt"

	"govbuy"
)

// Check runs SQLite's own integrity and foreign-key checks and gathers the
// compliance hints of every contract not yet acknowledged.
func (db *DB) Check(ctx context.Context) (*govbuy.CheckResult, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("check", err)
	}
	defer tx.Rollback()
	res := &govbuy.CheckResult{Integrity: []string{}, Hints: []govbuy.Warning{}}
	if res.Integrity, err = integrityProblems(ctx, tx); err != nil {
		return nil, wrapErr("check", err)
	}
	if res.Hints, err = allWarnings(ctx, tx, "SELECT id FROM contracts ORDER BY number"); err != nil {
		return nil, wrapErr("check", err)
	}
	return res, nil
}

func integrityProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	out := []string{}
	rows, err := tx.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			out = append(out, "integrity_check: "+msg)
		}
	}
	rows.Close()
	fk, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, index sql.NullInt64
		if err := fk.Scan(&table, &rowid, &parent, &index); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("foreign_key_check: %s 第%d行引用的%s记录不存在", table, rowid.Int64, parent))
	}
	return out, fk.Err()
}

// allWarnings lists the unacknowledged hints of the contracts the query
// selects (by id), as report warnings: the rule cites the article.
func allWarnings(ctx context.Context, q queryer, query string, args ...any) ([]govbuy.Warning, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := []govbuy.Warning{}
	for _, id := range ids {
		c, err := findContract(ctx, q, id)
		if err != nil {
			return nil, err
		}
		hints, err := contractHints(ctx, q, c)
		if err != nil {
			return nil, err
		}
		for _, h := range hints {
			if h.Acknowledged == "" {
				out = append(out, govbuy.Warning{Contract: c.Number, Rule: h.Article, Message: h.Message})
			}
		}
	}
	return out, nil
}
