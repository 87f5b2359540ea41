package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"govbuy"
)

// CloseYear locks a year (年度结账): from now on the database refuses every
// change to the year's contracts, plans, assessments and payments.
func (db *DB) CloseYear(ctx context.Context, year int) error {
	if year < 1990 || year > 2100 {
		return govbuy.Invalidf("年度", "请填写年度（1990–2100）")
	}
	tx, err := db.beginAct(ctx, govbuy.ActApprove, "年度结账")
	if err != nil {
		return wrapErr("close year", err)
	}
	defer tx.Rollback()
	n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM closed_years WHERE year = ?", year)
	if err != nil {
		return wrapErr("close year", err)
	}
	if n > 0 {
		return govbuy.Errorf(govbuy.EConflict, "年度", "%d年度已经结账", year)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO closed_years (year, closed_at, actor) VALUES (?, ?, ?)",
		year, tx.stamp(), govbuy.ActorFrom(ctx)); err != nil {
		return wrapErr("close year", err)
	}
	if err := tx.audit(ctx, "close", "year", int64(year), strconv.Itoa(year), nil, map[string]int{"year": year}); err != nil {
		return wrapErr("close year", err)
	}
	return commit(tx, "close year")
}

// ReopenYear unlocks a closed year; the reason is kept in the audit log.
func (db *DB) ReopenYear(ctx context.Context, year int, reason string) error {
	reason = govbuy.CleanText(reason)
	if reason == "" {
		return govbuy.Invalidf("理由", "反结账须说明理由（--reason）")
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "反结账")
	if err != nil {
		return wrapErr("reopen year", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "DELETE FROM closed_years WHERE year = ?", year)
	if err != nil {
		return wrapErr("reopen year", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return govbuy.Errorf(govbuy.EConflict, "年度", "%d年度没有结账，无需反结账", year)
	}
	after := map[string]any{"year": year, "reason": reason}
	if err := tx.audit(ctx, "reopen", "year", int64(year), strconv.Itoa(year), map[string]int{"year": year}, after); err != nil {
		return wrapErr("reopen year", err)
	}
	return commit(tx, "reopen year")
}

// ReportYears lists the years of contracts and of payments, oldest first.
func (db *DB) ReportYears(ctx context.Context) ([]int, error) {
	var out []int
	err := eachRow(ctx, db.read, `SELECT year FROM contracts
		UNION SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM payments ORDER BY 1`, func(rows *sql.Rows) error {
		var y int
		err := rows.Scan(&y)
		out = append(out, y)
		return err
	})
	return out, wrapErr("report years", err)
}

// ClosedYears lists the closed years, oldest first.
func (db *DB) ClosedYears(ctx context.Context) ([]int, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT year FROM closed_years ORDER BY year")
	if err != nil {
		return nil, fmt.Errorf("store: closed years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("store: closed years: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
