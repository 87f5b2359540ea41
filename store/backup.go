package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"govbuy"
)

// Backup writes a consistent copy of the database to path while it stays in
// use (VACUUM INTO reads one snapshot). The copy is made beside path under a
// temporary name and renamed into place, so a failed backup never leaves a
// half file where a good one is expected. The temporary file is made 0600
// before SQLite writes into it, so neither it nor its -journal (SQLite
// gives journals the database's mode) is ever readable by others.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.server {
		return db.backupServer(ctx, path)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+fmt.Sprintf(".%d.tmp", time.Now().UnixNano()))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return wrapErr("backup", err)
	}
	f.Close()
	// VACUUM INTO writes a file, which the query-only readers may not do.
	if _, err := db.write.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return govbuy.Errorf(govbuy.EInternal, "", "备份到“%s”失败：%v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return govbuy.Errorf(govbuy.EInternal, "", "无法保存备份“%s”：%v", path, err)
	}
	return nil
}

// sqliteHeader opens every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// CheckBackup tells whether the file at path is a govbuy backup this
// program would restore (see checkCopy), checking a private copy, and
// returns its schema version.
func CheckBackup(ctx context.Context, path string) (int, error) {
	tmp, err := os.CreateTemp("", "govbuy-check-*.db")
	if err != nil {
		return 0, wrapErr("check backup", err)
	}
	tmp.Close()
	defer removeDatabaseFiles(tmp.Name())
	c, err := copyBackup(ctx, path, tmp.Name())
	if err != nil {
		return 0, err
	}
	return c.version, nil
}

// backupCopy is a backup copied to a private file, checked and brought up
// to this program's schema.
type backupCopy struct {
	path    string // the private copy
	version int    // the backup's schema version before migration
	facts   dbFacts
}

// copyBackup copies the backup at src to dst and checks the copy — so the
// file checked is the file restored, whatever happens to src meanwhile:
//   - a regular file (a pipe or device is refused at once, never read);
//   - an SQLite database that passes integrity_check;
//   - whose schema is exactly what govbuy's migrations make for its version:
//     no table, index, trigger or view added, missing or changed, so no rule
//     of ours is dropped and none of its own slipped in;
//   - older versions then migrate on the copy, and must end at exactly this
//     program's schema.
func copyBackup(ctx context.Context, src, dst string) (*backupCopy, error) {
	name := filepath.Base(src)
	if err := copyRegularFile(src, dst); err != nil {
		return nil, err
	}
	version, err := checkCopy(ctx, dst, name)
	if err != nil {
		return nil, err
	}
	c := &backupCopy{path: dst, version: version}
	db := &DB{path: dst, Now: time.Now}
	if err := db.openPools(writerParams, readerParams); err != nil {
		db.Close()
		return nil, govbuy.Errorf(govbuy.EInvalid, "", "备份“%s”（结构版本%d）升级到本程序的结构版本%d失败，未恢复：%v",
			name, version, LatestSchemaVersion(), err)
	}
	defer db.Close()
	if err := checkSchema(ctx, db.read, name, LatestSchemaVersion()); err != nil {
		return nil, err
	}
	if c.facts, err = readFacts(ctx, db.read); err != nil {
		return nil, wrapErr("check backup", err)
	}
	return c, nil
}

// checkCopy checks the header, integrity, version and schema of a copied
// backup, read-only, and returns its schema version.
func checkCopy(ctx context.Context, path, name string) (int, error) {
	if err := checkHeader(path, name); err != nil {
		return 0, err
	}
	pool, err := openPool(path, "mode=ro&"+readerParams)
	if err != nil {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”已损坏，无法打开：%v", name, err)
	}
	defer pool.Close()
	var result string
	if err := pool.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”已损坏：%v", name, err)
	}
	if result != "ok" {
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”未通过完整性检查：%s", name, result)
	}
	version, err := userVersion(ctx, pool)
	if err != nil {
		return 0, wrapErr("check backup", err)
	}
	switch {
	case version == 0:
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是本程序的数据库备份", name)
	case version > LatestSchemaVersion():
		return 0, govbuy.Errorf(govbuy.EInvalid, "", "备份的数据库版本(%d)比本程序(%d)新，请升级程序后再恢复", version, LatestSchemaVersion())
	}
	return version, checkSchema(ctx, pool, name, version)
}

func checkHeader(path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return wrapErr("check backup", err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是SQLite数据库文件，未恢复", name)
	}
	return nil
}

// copyRegularFile copies src to the new file dst (0600). src is opened
// without blocking and must be a regular file: a pipe would hang the
// restore while it holds the database.
func copyRegularFile(src, dst string) error {
	in, err := openNoBlock(src)
	if errors.Is(err, fs.ErrNotExist) {
		return govbuy.Errorf(govbuy.ENotFound, "", "找不到备份文件“%s”", src)
	}
	if err != nil {
		return wrapErr("copy backup", err)
	}
	defer in.Close()
	if st, err := in.Stat(); err != nil || !st.Mode().IsRegular() {
		return govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是普通文件（例如是管道、设备或文件夹），未恢复", src)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return wrapErr("copy backup", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return wrapErr("copy backup", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return wrapErr("copy backup", err)
	}
	return wrapErr("copy backup", out.Close())
}

// removeDatabaseFiles removes a private copy and whatever SQLite left
// beside it.
func removeDatabaseFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// backupServer writes a server database's backup: a database file of this
// program's schema holding every row, the one backup format of both stores
// (govbuy --db FILE opens it, govbuy restore accepts it). The file is made
// under a temporary name and renamed into place.
func (db *DB) backupServer(ctx context.Context, path string) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+fmt.Sprintf(".%d.tmp", time.Now().UnixNano()))
	if err := createPrivateFile(tmp); err != nil {
		return govbuy.Errorf(govbuy.EInternal, "", "备份到“%s”失败：%v", path, err)
	}
	if err := db.copyToFile(ctx, tmp); err != nil {
		removeDatabaseFiles(tmp)
		return govbuy.Errorf(govbuy.EInternal, "", "备份到“%s”失败：%v", path, govbuy.ErrorMessage(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		removeDatabaseFiles(tmp)
		return govbuy.Errorf(govbuy.EInternal, "", "无法保存备份“%s”：%v", path, err)
	}
	return nil
}

// copyToFile makes the schema in the new file at path and copies every row
// into it. The file is opened without the writers' lock files: nobody else
// knows of it yet.
func (db *DB) copyToFile(ctx context.Context, path string) error {
	pool, err := openPool(path, writerParams)
	if err != nil {
		return err
	}
	pool.SetMaxOpenConns(1)
	file := &DB{write: pool, read: pool, path: path, Now: db.Now}
	defer pool.Close()
	if err := file.migrate(ctx); err != nil {
		return err
	}
	_, err = db.copyInto(ctx, file, "")
	if err == nil {
		// A backup is one file: no WAL beside it.
		_, err = pool.ExecContext(ctx, "PRAGMA journal_mode=DELETE")
	}
	return err
}
