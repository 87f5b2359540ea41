package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"govbuy"
)

// Backup writes a consistent copy of the database to path while it stays in
// use (VACUUM INTO reads one snapshot). The copy is made beside path under a
// temporary name and renamed into place, so a failed backup never leaves a
// half file where a good one is expected.
func (db *DB) Backup(ctx context.Context, path string) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+fmt.Sprintf(".%d.tmp", time.Now().UnixNano()))
	// VACUUM INTO writes a file, which the query-only readers may not do.
	if _, err := db.write.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return govbuy.Errorf(govbuy.EInternal, "", "备份到“%s”失败：%v", path, err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return govbuy.Errorf(govbuy.EInternal, "", "无法保存备份“%s”：%v", path, err)
	}
	return nil
}

// sqliteHeader opens every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// CheckBackup tells whether the file at path is a govbuy database this
// program can open: an SQLite file that passes integrity_check, with a
// schema version no newer than this program's (an older one is migrated
// when opened). It returns the file's schema version.
func CheckBackup(ctx context.Context, path string) (int, error) {
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	dsn, err := fileDSN(path, "mode=ro&_pragma=query_only(1)")
	if err != nil {
		return 0, fmt.Errorf("store: check backup: %w", err)
	}
	conn, err := sql.Open("sqlite", dsn)
	if err != nil {
		return 0, fmt.Errorf("store: check backup: %w", err)
	}
	defer conn.Close()
	var result string
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”已损坏：%v", filepath.Base(path), err)
	}
	if result != "ok" {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”未通过完整性检查：%s", filepath.Base(path), result)
	}
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("store: check backup: %w", err)
	}
	var tables int
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('contracts', 'units', 'contractors')").Scan(&tables); err != nil || tables != 3 || version == 0 {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是本程序的数据库备份", filepath.Base(path))
	}
	if version > LatestSchemaVersion() {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "备份的数据库版本(%d)比本程序(%d)新，请升级程序后再恢复", version, LatestSchemaVersion())
	}
	return version, nil
}

func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return govbuy.Errorf(govbuy.EInvalid, "", "无法打开“%s”：%v", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是SQLite数据库文件，未恢复", filepath.Base(path))
	}
	return nil
}

// Restore replaces the database at dbPath with the backup at src, after
// checking the backup and keeping a copy of the current database beside it
// (returned as kept). The database must not be open anywhere. The backup is
// copied under a temporary name and renamed over the database, so an
// interrupted restore leaves either the old database or the new one.
func Restore(ctx context.Context, dbPath, src string) (kept string, err error) {
	if _, err := CheckBackup(ctx, src); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbPath); err == nil {
		kept = dbPath + ".恢复前-" + time.Now().Format("20060102-150405")
		current, err := Open(dbPath)
		if err != nil {
			return "", err
		}
		err = current.Backup(ctx, kept)
		current.Close()
		if err != nil {
			return "", err
		}
	}
	tmp := dbPath + ".restore.tmp"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return kept, govbuy.Errorf(govbuy.EInternal, "", "恢复失败，原数据库未改动：%v", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dbPath + suffix)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return kept, govbuy.Errorf(govbuy.EInternal, "", "恢复失败，原数据库未改动：%v", err)
	}
	db, err := Open(dbPath) // migrates an older backup to this program's schema
	if err != nil {
		return kept, err
	}
	return kept, db.Close()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// PendingRestorePath is the file that asks for a restore at the next start:
// the window cannot replace the database it holds open, so it leaves the
// backup's path here and the next start restores it before opening.
func PendingRestorePath(dbPath string) string { return dbPath + ".restore-pending" }

// ScheduleRestore checks a backup and asks for it to be restored at the
// next start.
func ScheduleRestore(ctx context.Context, dbPath, src string) error {
	if _, err := CheckBackup(ctx, src); err != nil {
		return err
	}
	return os.WriteFile(PendingRestorePath(dbPath), []byte(src), 0o600)
}

// RestorePending restores a backup scheduled by ScheduleRestore, if any,
// and returns the backup restored and where the old database was kept.
func RestorePending(ctx context.Context, dbPath string) (src, kept string, err error) {
	data, err := os.ReadFile(PendingRestorePath(dbPath))
	if errors.Is(err, os.ErrNotExist) {
		return "", "", nil
	}
	if err != nil {
		return "", "", err
	}
	os.Remove(PendingRestorePath(dbPath)) // once, whatever happens: never a restore loop
	src = string(data)
	kept, err = Restore(ctx, dbPath, src)
	return src, kept, err
}

// ScheduleRestore asks for the backup at src to replace this database at
// the next start, once it has passed CheckBackup.
func (db *DB) ScheduleRestore(ctx context.Context, src string) error {
	return ScheduleRestore(ctx, db.path, src)
}
