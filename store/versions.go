package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"govbuy"
)

// versioned is a table of records that forms open and save back: every
// change raises the row's version and records who made it (updated_by,
// updated_at), and a save is made only WHERE the version is the one its
// form opened, so a change made in between is refused, never overwritten
// (govbuy.StaleRecord). key is the column a record is found by; word names
// the record in the refusal.
type versioned struct {
	table, key, word string
}

var (
	unitVersions       = versioned{"units", "id", "单位"}
	contractorVersions = versioned{"contractors", "id", "承接主体"}
	catalogVersions    = versioned{"catalog", "id", "目录项"}
	contractVersions   = versioned{"contracts", "id", "合同"}
	planVersions       = versioned{"plans", "contract_id", "考核方案"}
	assessmentVersions = versioned{"assessments", "id", "考核记录"}
	inspectionVersions = versioned{"inspections", "id", "督查记录"}
	feeVersions        = versioned{"fee_standards", "id", "收费标准"}
)

// bumpVersion ends the SET of every UPDATE of a versioned table; its one
// parameter is who makes the change (govbuy.ActorFrom).
const bumpVersion = "version = version + 1, updated_by = ?"

// commitVersion commits tx and only then gives the saved record the version
// its save made, so that a form which failed to save keeps the version it
// opened and one which saved can save again.
func commitVersion(tx *writeTx, op string, version *int64) error {
	if err := commit(tx, op); err != nil {
		return err
	}
	*version++
	return nil
}

// checkSaved checks that res, of a write to v's record key made WHERE its
// version is the one the caller read, touched the record: when it did not,
// someone else changed (or removed) the record first.
func (tx *writeTx) checkSaved(ctx context.Context, res sql.Result, v versioned, key int64) error {
	n, err := res.RowsAffected()
	if err != nil || n > 0 {
		return err
	}
	return tx.staleRecord(ctx, v, key)
}

// staleRecord is the refusal of a write to v's record key that another
// change overtook, naming that change's author and time.
func (tx *writeTx) staleRecord(ctx context.Context, v versioned, key int64) error {
	return tx.overtaken(ctx, v, key, govbuy.StaleRecord)
}

// overtaken reads who changed v's record key last, and when, into refusal;
// a record gone since is not found.
func (tx *writeTx) overtaken(ctx context.Context, v versioned, key int64, refusal func(what, by string, at, now time.Time) *govbuy.Error) error {
	var by, at string
	err := tx.QueryRowContext(ctx, "SELECT updated_by, updated_at FROM "+v.table+" WHERE "+v.key+" = ?", key).Scan(&by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return govbuy.Errorf(govbuy.ENotFound, "", "该%s已被删除，请关闭后重新打开", v.word)
	}
	if err != nil {
		return err
	}
	var when time.Time // zero: not changed since it got its version
	if at != "" {
		if when, err = time.Parse(time.RFC3339, at); err != nil {
			return fmt.Errorf("%s %d: time of change %q: %w", v.table, key, at, err)
		}
	}
	return refusal(v.word, by, when, tx.db.Now())
}

// checkRead refuses to delete v's record key, stored at version stored,
// when the caller read it at version read: someone else saved it in
// between, and the delete would remove their change unseen. Writers take
// turns (an immediate SQLite transaction, the server's writers lock), so the
// version the delete's transaction reads stays the stored one until it ends.
func (tx *writeTx) checkRead(ctx context.Context, v versioned, key, stored, read int64) error {
	if stored == read {
		return nil
	}
	return tx.overtaken(ctx, v, key, govbuy.StaleDelete)
}
