package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"govbuy/store"
)

// runBackup writes a consistent copy of the database, also while the window
// has it open.
func runBackup(e *env, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "用法: govbuy backup 文件")
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	if err := db.Backup(e.ctx, args[0]); err != nil {
		return fail(e, "backup", err)
	}
	fmt.Fprintf(e.stdout, "已备份到 %s\n", args[0])
	return exitOK
}

// runRestore checks the backup before it replaces anything, and keeps the
// current database beside it. Once roles are on it is an administrator's
// act, signed in with $GOVBUY_USER and $GOVBUY_PASSWORD; a backup that
// would weaken the controls needs --reason.
func runRestore(e *env, args []string) int {
	fs := newFlags(e, "restore")
	reason := fs.String("reason", "", "恢复会削弱控制的备份（结账年度少、操作日志旧、未启用权限）时须说明的理由")
	wait := fs.Duration("wait", store.DefaultRestoreWait, "等待其他程序关闭数据库的最长时间")
	src, ok := fileAndFlags(fs, args)
	if !ok {
		fmt.Fprintln(e.stderr, "用法: govbuy restore 文件 [--reason 理由] [--wait 30s]")
		return exitFailure
	}
	if store.IsServerURL(e.dbPath) {
		fmt.Fprintln(e.stderr, "govbuy restore: 服务器数据库不能就地恢复；请新建一个空数据库，用 govbuy --db 备份文件 migrate --to 新库地址 迁入")
		return exitFailure
	}
	// Replacing the file under an open window would lose what it writes
	// next: a window holding the database must be closed first.
	lock, err := store.AcquireLock(e.dbPath)
	if err != nil {
		return fail(e, "restore", err)
	}
	defer lock.Release()
	if code := signInToRestore(e); code != exitOK {
		return code
	}
	kept, err := store.Restore(e.ctx, e.dbPath, src, store.RestoreOptions{Reason: *reason, Wait: *wait})
	if err != nil {
		return fail(e, "restore", err)
	}
	if kept != "" {
		fmt.Fprintf(e.stdout, "原数据库已另存为 %s\n", kept)
	}
	fmt.Fprintf(e.stdout, "已从 %s 恢复数据库 %s\n", src, e.dbPath)
	return exitOK
}

// fileAndFlags parses a command of one file and flags, the file written
// before the flags or after them.
func fileAndFlags(fs *flag.FlagSet, args []string) (string, bool) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], fs.Parse(args[1:]) == nil && fs.NArg() == 0
	}
	ok := fs.Parse(args) == nil && fs.NArg() == 1
	return fs.Arg(0), ok
}

// signInToRestore signs in to the database a restore replaces, when there
// is one, so the store can check that an administrator restores it; a
// missing database has no roles to check.
func signInToRestore(e *env) int {
	if _, err := os.Stat(e.dbPath); errors.Is(err, fs.ErrNotExist) {
		return exitOK
	}
	db, code := openDB(e)
	if db == nil {
		return code
	}
	if err := db.Close(); err != nil {
		return fail(e, "restore", err)
	}
	return exitOK
}

// runYear closes a finished year against changes or reopens it with a
// reason; both are recorded in the audit log.
func runYear(e *env, args []string) int {
	usage := func() int {
		fmt.Fprintln(e.stderr, "用法: govbuy year close 年度 | govbuy year reopen 年度 --reason 理由")
		return exitFailure
	}
	if len(args) < 2 {
		return usage()
	}
	year, err := strconv.Atoi(args[1])
	if err != nil {
		return usage()
	}
	fs := newFlags(e, "year "+args[0])
	reason := fs.String("reason", "", "反结账的理由（必填）")
	if fs.Parse(args[2:]) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	db, code := openDB(e)
	if db == nil {
		return code
	}
	defer db.Close()
	switch args[0] {
	case "close":
		err = db.CloseYear(e.ctx, year)
	case "reopen":
		err = db.ReopenYear(e.ctx, year, *reason)
	default:
		return usage()
	}
	if err != nil {
		return fail(e, "year "+args[0], err)
	}
	fmt.Fprintf(e.stdout, "%d年度已%s\n", year, map[string]string{"close": "结账", "reopen": "反结账"}[args[0]])
	return exitOK
}
