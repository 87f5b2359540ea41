package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"govbuy"
)

// Audit actions.
const (
	actionCreate = "create"
	actionUpdate = "update"
	actionDelete = "delete"
	actionLoad   = "load"
)

// audit records one change in the transaction that makes it, so a change and
// its record are committed (or rolled back) together. label names the
// record as it is now (a contract's number, a contractor's name): the entry
// keeps it whatever becomes of the record. before and after are marshalled
// to JSON; nil, a nil pointer included, leaves the column NULL. id 0 stands
// for "no row id" (settings, dataset loads).
func (tx *writeTx) audit(ctx context.Context, action, entity string, id int64, label string, before, after any) error {
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	a, err := auditJSON(after)
	if err != nil {
		return err
	}
	var entityID sql.NullInt64
	if id != 0 {
		entityID = sql.NullInt64{Int64: id, Valid: true}
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO audit_log (at, actor, action, entity, entity_id, label, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		tx.stamp(), govbuy.ActorFrom(ctx), action, entity, entityID, label, b, a)
	if err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entity, err)
	}
	return nil
}

// auditOfContract audits a record of a contract (its plan, an assessment, a
// payment), labelled by the contract's number and what names the record
// within it: "YX2024-076 2024年第1季度".
func (tx *writeTx) auditOfContract(ctx context.Context, action, entity string, id, contractID int64, what string, before, after any) error {
	var number string
	if err := tx.QueryRowContext(ctx, "SELECT number FROM contracts WHERE id = ?", contractID).Scan(&number); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entity, err)
	}
	return tx.audit(ctx, action, entity, id, strings.TrimSpace(number+" "+what), before, after)
}

func auditJSON(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("audit: %w", err)
	}
	return sql.NullString{String: string(b), Valid: string(b) != "null"}, nil
}

// AuditEntry is one row of the audit log.
type AuditEntry = govbuy.AuditEntry

const auditColumns = `id, at, actor, action, entity, COALESCE(entity_id, 0), label, COALESCE(before, ''), COALESCE(after, '')`

func scanAudit(rows *sql.Rows, e *AuditEntry) error {
	return rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Label, &e.Before, &e.After)
}

// FindAuditLog returns the audit entries the filter selects, newest first
// (at most f.Limit, 1,000 when unset), for the 操作日志 viewer.
func (db *DB) FindAuditLog(ctx context.Context, f govbuy.AuditFilter) ([]AuditEntry, error) {
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.Actor = govbuy.CleanText(f.Actor); f.Actor != "" {
		w.add("actor"+like, likePattern(f.Actor))
	}
	if f.Label = govbuy.CleanText(f.Label); f.Label != "" {
		w.add("label"+like, likePattern(f.Label))
	}
	if !f.From.IsZero() {
		w.add("at >= ?", f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		w.add("at < ?", f.To.AddDate(0, 0, 1).UTC().Format(time.RFC3339))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	rows, err := db.read.QueryContext(ctx, `
		SELECT `+auditColumns+` FROM audit_log`+w.sql()+` ORDER BY id DESC LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: find audit log: %w", err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		if err := scanAudit(rows, &e); err != nil {
			return nil, fmt.Errorf("store: find audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// FindAudit returns the audit entries about entity (all entities when empty)
// and, when id is not 0, about that row, oldest first.
func (db *DB) FindAudit(ctx context.Context, entity string, id int64) ([]AuditEntry, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT `+auditColumns+` FROM audit_log
		WHERE (? = '' OR entity = ?) AND (? = 0 OR entity_id = ?)
		ORDER BY id`, entity, entity, id, id)
	if err != nil {
		return nil, fmt.Errorf("store: find audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := scanAudit(rows, &e); err != nil {
			return nil, fmt.Errorf("store: find audit: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find audit: %w", err)
	}
	return out, nil
}
