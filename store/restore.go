package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"govbuy"
)

// DefaultRestoreWait is how long a restore waits for the programs that have
// the database open to close it.
const DefaultRestoreWait = 30 * time.Second

// RestoreOptions say how to restore.
type RestoreOptions struct {
	// Reason is why a backup that would weaken the controls (fewer closed
	// years, an older audit log, roles off) is restored all the same. It is
	// recorded in the restored database's audit log.
	Reason string
	// Wait bounds the wait for other programs to close the database;
	// 0 means DefaultRestoreWait.
	Wait time.Duration
}

// dbFacts is what a restore compares between the database it replaces and
// the backup, and records of both.
type dbFacts struct {
	ClosedYears []int  `json:"closed_years"`
	AuditRows   int64  `json:"audit_rows"`
	LastAudit   string `json:"last_audit,omitempty"` // RFC 3339, UTC
	Users       int64  `json:"users"`
	Contracts   int64  `json:"contracts"`
	Payments    int64  `json:"payments"`
}

func readFacts(ctx context.Context, q queryer) (dbFacts, error) {
	var f dbFacts
	for _, c := range []struct {
		query string
		into  *int64
	}{
		{"SELECT COUNT(*) FROM audit_log", &f.AuditRows},
		{"SELECT COUNT(*) FROM users", &f.Users},
		{"SELECT COUNT(*) FROM contracts", &f.Contracts},
		{"SELECT COUNT(*) FROM payments", &f.Payments},
	} {
		if err := q.QueryRowContext(ctx, c.query).Scan(c.into); err != nil {
			return f, err
		}
	}
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(at), '') FROM audit_log").Scan(&f.LastAudit); err != nil {
		return f, err
	}
	err := eachRow(ctx, q, "SELECT year FROM closed_years ORDER BY year", func(rows *sql.Rows) error {
		var y int
		err := rows.Scan(&y)
		f.ClosedYears = append(f.ClosedYears, y)
		return err
	})
	return f, err
}

// weakenings says how restoring backup over live would weaken the controls:
// years closed now that the backup has open (changes to them would become
// possible again), an audit log that ends earlier (the record since would be
// gone), roles off where they are on.
func weakenings(live, backup dbFacts) []string {
	var out []string
	for _, y := range live.ClosedYears {
		if !slices.Contains(backup.ClosedYears, y) {
			out = append(out, fmt.Sprintf("备份中%d年度未结账（当前已结账）", y))
		}
	}
	if backup.LastAudit < live.LastAudit || (backup.LastAudit == live.LastAudit && backup.AuditRows < live.AuditRows) {
		out = append(out, fmt.Sprintf("备份的操作日志止于%s（%d条），当前的止于%s（%d条），其后的记录将不在恢复后的数据库中",
			localStamp(backup.LastAudit), backup.AuditRows, localStamp(live.LastAudit), live.AuditRows))
	}
	if live.Users > 0 && backup.Users == 0 {
		out = append(out, fmt.Sprintf("备份未启用用户权限（当前有%d个用户），恢复后任何人都可修改数据", live.Users))
	}
	return out
}

func localStamp(stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return "（无记录）"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// restoreRecord is the audit log's account of a restore: what was replaced
// (before) and what came in its place (after).
type restoreRecord struct {
	File    string   `json:"file"`
	Kept    string   `json:"kept,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	Version int      `json:"schema_version,omitempty"`
	Weakens []string `json:"weakens,omitempty"`
	dbFacts
}

// Restore replaces the database at dbPath with the backup at src, an
// administrator's act once roles are on, and returns where the replaced
// database was kept (beside it; "" when there was none). Nothing touches the
// database until the backup is proven good on a private copy (copyBackup):
// its schema exactly govbuy's, migrated to this version. Then, holding the
// writers lock exclusive — waiting up to opt.Wait for the programs that have
// the database open, or refusing with their names — it checks the role,
// refuses a backup that would weaken the controls unless opt.Reason says
// why, keeps a copy of the database, closes it (SQLite checkpoints and
// removes its -wal), records the restore in the copy's audit log and
// renames the copy over the database: the restore and its record land
// together or not at all. The -wal and -shm files of a database are never
// deleted: if they outlive the close, another program has it open, and the
// restore is refused.
func Restore(ctx context.Context, dbPath, src string, opt RestoreOptions) (kept string, err error) {
	opt.Reason = govbuy.CleanText(opt.Reason)
	if opt.Wait <= 0 {
		opt.Wait = DefaultRestoreWait
	}
	if err := checkPlace(dbPath); err != nil {
		return "", err
	}
	tmp := filepath.Join(filepath.Dir(dbPath), fmt.Sprintf(".%s.restore-%d.tmp", filepath.Base(dbPath), time.Now().UnixNano()))
	defer removeDatabaseFiles(tmp)
	backup, err := copyBackup(ctx, src, tmp)
	if err != nil {
		return "", err
	}
	lock, err := excludeWriters(dbPath, opt.Wait)
	if err != nil {
		return "", err
	}
	defer lock.Release()
	replaced, err := retire(ctx, dbPath, backup.facts, opt.Reason)
	if err != nil {
		return "", err
	}
	if err := swapIn(ctx, dbPath, src, backup, replaced, opt.Reason); err != nil {
		if replaced.Kept != "" {
			os.Remove(replaced.Kept)
		}
		return "", err
	}
	return replaced.Kept, nil
}

// retire checks, keeps and closes the database a restore replaces (none
// when the file does not exist yet). The caller holds the writers lock
// exclusive, so no other govbuy process has it open.
func retire(ctx context.Context, dbPath string, incoming dbFacts, reason string) (*restoreRecord, error) {
	replaced := &restoreRecord{File: dbPath}
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return replaced, requireNoLeftovers(dbPath)
	}
	live := &DB{path: dbPath, Now: time.Now}
	if err := live.openPools(writerParams, readerParams); err != nil {
		live.Close()
		return nil, err
	}
	err := func() error {
		defer live.Close()
		if err := gate(ctx, live.read, govbuy.ActAdminister, "恢复数据库"); err != nil {
			return err
		}
		var err error
		if replaced.dbFacts, err = readFacts(ctx, live.read); err != nil {
			return wrapErr("restore", err)
		}
		if replaced.Weakens = weakenings(replaced.dbFacts, incoming); len(replaced.Weakens) > 0 && reason == "" {
			return govbuy.Errorf(govbuy.EConflict, "", "备份会削弱当前数据库的控制，未恢复：%s。如确需恢复，须由管理员说明理由（命令行用 --reason）",
				strings.Join(replaced.Weakens, "；"))
		}
		replaced.Kept = keptPath(dbPath, time.Now())
		return live.Backup(ctx, replaced.Kept)
	}()
	if err != nil {
		if replaced.Kept != "" {
			os.Remove(replaced.Kept)
		}
		return nil, err
	}
	return replaced, requireNoLeftovers(dbPath)
}

// keptPath names the copy of a replaced database: beside it, with the time,
// and never over an earlier copy (two restores within a second).
func keptPath(dbPath string, now time.Time) string {
	base := dbPath + ".恢复前-" + now.Format("20060102-150405")
	path := base
	for n := 2; ; n++ {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
		path = fmt.Sprintf("%s-%d", base, n)
	}
}

// requireNoLeftovers refuses to replace a database whose -wal or -shm is
// still there once govbuy has closed it: another program has it open, or
// its log still holds changes; deleting either would lose data.
func requireNoLeftovers(dbPath string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(dbPath + suffix); err == nil {
			return govbuy.Errorf(govbuy.EUnavailable, "", "数据库的“%s”文件在关闭后仍在，可能有其他程序（非本程序）打开着它，未恢复，原数据库未改动；请关闭那个程序后重试",
				filepath.Base(dbPath+suffix))
		}
	}
	return nil
}

// swapIn records the restore in the backup copy's audit log, with the
// pending-restore request of the window cleared, and renames the copy over
// the database.
func swapIn(ctx context.Context, dbPath, src string, backup *backupCopy, replaced *restoreRecord, reason string) error {
	from, err := filepath.Abs(src)
	if err != nil {
		return wrapErr("restore", err)
	}
	incoming := restoreRecord{File: from, Reason: reason, Version: backup.version, dbFacts: backup.facts}
	db := &DB{path: backup.path, Now: time.Now}
	if err := db.openPools(writerParams, readerParams); err != nil {
		db.Close()
		return err
	}
	err = func() error {
		tx, err := db.beginWriteAnyone(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", settingRestorePending); err != nil {
			return err
		}
		if err := tx.audit(ctx, "restore", "database", 0, filepath.Base(from), replaced, incoming); err != nil {
			return err
		}
		return tx.Commit()
	}()
	if err := errors.Join(err, db.Close()); err != nil {
		return wrapErr("restore", err)
	}
	if err := requireNoLeftovers(backup.path); err != nil {
		return err
	}
	if err := os.Rename(backup.path, dbPath); err != nil {
		return govbuy.Errorf(govbuy.EInternal, "", "恢复失败，原数据库未改动：%v", err)
	}
	syncDir(filepath.Dir(dbPath))
	return nil
}

// settingRestorePending holds a restore the window asked for, to run at the
// next start (the window cannot replace the database it has open).
const settingRestorePending = "restore_pending"

// pendingRestore is a restore asked for in the window: which backup, why,
// and who asked (by user id once roles are on).
type pendingRestore struct {
	Src    string `json:"src"`
	Reason string `json:"reason,omitempty"`
	Actor  string `json:"actor"`
	UserID int64  `json:"user_id,omitempty"`
}

// ScheduleRestore asks for the backup at src to replace this database at
// the next start: an administrator's act, recorded in the audit log. The
// backup is checked now as a restore would check it, against this database,
// so a refusal comes while the person is at the window; the restore checks
// everything again when it runs.
func (db *DB) ScheduleRestore(ctx context.Context, src, reason string) error {
	if db.server {
		return serverRestoreRefused()
	}
	reason = govbuy.CleanText(reason)
	tmp, err := os.CreateTemp("", "govbuy-check-*.db")
	if err != nil {
		return wrapErr("schedule restore", err)
	}
	tmp.Close()
	defer removeDatabaseFiles(tmp.Name())
	backup, err := copyBackup(ctx, src, tmp.Name())
	if err != nil {
		return err
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "恢复数据库")
	if err != nil {
		return wrapErr("schedule restore", err)
	}
	defer tx.Rollback()
	live, err := readFacts(ctx, tx)
	if err != nil {
		return wrapErr("schedule restore", err)
	}
	if weak := weakenings(live, backup.facts); len(weak) > 0 && reason == "" {
		return govbuy.Errorf(govbuy.EConflict, "", "备份会削弱当前数据库的控制：%s。如确需恢复，请填写理由", strings.Join(weak, "；"))
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return wrapErr("schedule restore", err)
	}
	req := pendingRestore{Src: abs, Reason: reason, Actor: govbuy.ActorFrom(ctx)}
	if u := govbuy.UserFrom(ctx); u != nil {
		req.UserID = u.ID
	}
	body, err := json.Marshal(req)
	if err != nil {
		return wrapErr("schedule restore", err)
	}
	if err := setSetting(ctx, tx, settingRestorePending, string(body)); err != nil {
		return wrapErr("schedule restore", err)
	}
	return commit(tx, "schedule restore")
}

// RestorePending runs the restore the window asked for, if any, as the
// person who asked, and returns the backup restored and where the old
// database was kept. The request is taken off first, whatever follows:
// never a restore loop.
func RestorePending(ctx context.Context, dbPath string) (src, kept string, err error) {
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return "", "", nil
	}
	db, err := Open(dbPath)
	if err != nil {
		return "", "", err
	}
	req, err := db.takePendingRestore(ctx)
	if err := errors.Join(err, db.Close()); err != nil || req == nil {
		return "", "", err
	}
	as := govbuy.WithActor(ctx, req.Actor)
	if req.UserID != 0 {
		as = govbuy.WithUser(ctx, &govbuy.User{ID: req.UserID, Name: req.Actor})
	}
	kept, err = Restore(as, dbPath, req.Src, RestoreOptions{Reason: req.Reason})
	return req.Src, kept, err
}

// takePendingRestore reads and clears the window's restore request. Taking
// it off is bookkeeping of a request already made through the gate, so it
// needs no sign-in (it runs before anyone can sign in).
func (db *DB) takePendingRestore(ctx context.Context) (*pendingRestore, error) {
	tx, err := db.beginWriteAnyone(ctx)
	if err != nil {
		return nil, wrapErr("pending restore", err)
	}
	defer tx.Rollback()
	body, err := getSetting(ctx, tx, settingRestorePending)
	if err != nil || body == "" {
		return nil, wrapErr("pending restore", err)
	}
	var req pendingRestore
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		return nil, wrapErr("pending restore", err)
	}
	if err := setSetting(ctx, tx, settingRestorePending, ""); err != nil {
		return nil, wrapErr("pending restore", err)
	}
	return &req, commit(tx, "pending restore")
}

// serverRestoreRefused is the answer to a restore over a server database,
// which many PCs share and no program start replaces.
func serverRestoreRefused() error {
	return govbuy.Errorf(govbuy.EConflict, "", "服务器数据库不能就地恢复；请新建一个空的服务器数据库，用 govbuy --db 备份文件 migrate --to 新库地址 迁入，再让各台电脑连接新库")
}
