package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"govbuy"
)

// Locks beside a database, in the folder LockDir names:
//
//   - window: one window at a time holds it, with its description inside,
//     so a second window is told who holds the database;
//   - writers: every process that has the database open holds it shared for
//     as long as it does (the window, and each command, reading or writing);
//     a restore holds it exclusive while it swaps the file, so no process
//     ever writes to a database that is being replaced, nor holds the old
//     one open once it is gone;
//   - one holder file per process holding writers, locked by its holder and
//     naming it, so a restore that cannot get the lock says who has it.
//
// The operating system drops a lock when its process ends, however it ends,
// so a crash never leaves the database locked.
const (
	windowLockName  = "window"
	writersLockName = "writers"
)

// lockPoll is how often a wait for a lock tries again.
const lockPoll = 50 * time.Millisecond

// openWait bounds how long opening a database waits for a restore to finish.
const openWait = 60 * time.Second

// LockDir is the folder of a database's locks.
func LockDir(dbPath string) string { return dbPath + ".locks" }

// Lock is a held lock; Release gives it up.
type Lock struct {
	f      *os.File
	holder *os.File // the holder file naming this process, if any
}

// AcquireLock takes the database's window lock or says, as an EConflict
// error, which process holds it.
func AcquireLock(dbPath string) (*Lock, error) {
	if err := checkPlace(dbPath); err != nil {
		return nil, err
	}
	f, err := openLockFile(dbPath, windowLockName)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, true); err != nil {
		holder, _ := os.ReadFile(f.Name())
		f.Close()
		return nil, govbuy.Errorf(govbuy.EConflict, "", "数据库“%s”已在另一个窗口中打开（%s），请先关闭那个窗口", dbPath, strings.TrimSpace(string(holder)))
	}
	f.Truncate(0)
	f.WriteString(describeProcess())
	f.Sync()
	return &Lock{f: f}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	if l.holder != nil {
		unlockFile(l.holder)
		l.holder.Close()
		os.Remove(l.holder.Name())
	}
	unlockFile(l.f)
	return l.f.Close()
}

// shareWriters takes the writers lock shared, waiting up to wait while a
// restore holds it.
func shareWriters(dbPath string, wait time.Duration) (*Lock, error) {
	return takeWriters(dbPath, false, wait, "数据库正在恢复，等待%s后仍未完成，本次操作未进行，请稍后重试（%s）")
}

// excludeWriters takes the writers lock exclusive, waiting up to wait for
// every process that has the database open to close it.
func excludeWriters(dbPath string, wait time.Duration) (*Lock, error) {
	return takeWriters(dbPath, true, wait, "数据库正被其他程序使用，等待%s后仍未释放，未恢复，原数据库未改动（%s）；请等它们结束或关闭后重试")
}

// takeWriters takes the writers lock, then names this process in a holder
// file; on timeout the refusal (EUnavailable) names who holds the lock.
func takeWriters(dbPath string, exclusive bool, wait time.Duration, refusal string) (*Lock, error) {
	f, err := openLockFile(dbPath, writersLockName)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for lockFile(f, exclusive) != nil {
		if time.Now().After(deadline) {
			f.Close()
			return nil, govbuy.Errorf(govbuy.EUnavailable, "", refusal, wait.Round(time.Second), strings.Join(lockHolders(dbPath), "；"))
		}
		time.Sleep(lockPoll)
	}
	l := &Lock{f: f}
	if l.holder, err = registerHolder(dbPath, exclusive); err != nil {
		l.Release()
		return nil, fmt.Errorf("store: lock: %w", err)
	}
	return l, nil
}

// registerHolder writes a file naming this process and locks it for as long
// as the process holds the writers lock.
func registerHolder(dbPath string, restoring bool) (*os.File, error) {
	name := filepath.Join(LockDir(dbPath), fmt.Sprintf("%d-%d.holder", os.Getpid(), time.Now().UnixNano()))
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, true); err != nil {
		f.Close()
		os.Remove(name)
		return nil, err
	}
	what := describeProcess()
	if restoring {
		what = "正在恢复数据库：" + what
	}
	if _, err := f.WriteString(what); err != nil {
		unlockFile(f)
		f.Close()
		os.Remove(name)
		return nil, err
	}
	return f, nil
}

// staleAfter is how old an unlocked holder file must be before it counts as
// left by a process that ended: a fresh one may be about to be locked.
const staleAfter = 5 * time.Second

// lockHolders describes the processes holding the writers lock, removing
// the holder files of processes that ended without removing their own.
func lockHolders(dbPath string) []string {
	dir := LockDir(dbPath)
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".holder") {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if held, what := probeHolder(name); held {
			out = append(out, what)
		}
	}
	if len(out) == 0 {
		out = append(out, "占用者未知")
	}
	return out
}

// probeHolder reports whether a holder file's process still holds it, and
// what it says.
func probeHolder(name string) (bool, string) {
	what, _ := os.ReadFile(name)
	f, err := os.Open(name)
	if err != nil {
		return false, ""
	}
	defer f.Close()
	if lockFile(f, true) != nil {
		return true, strings.TrimSpace(string(what))
	}
	unlockFile(f)
	if st, err := f.Stat(); err == nil && time.Since(st.ModTime()) > staleAfter {
		os.Remove(name)
	}
	return false, ""
}

// openLockFile opens (creating) one of a database's lock files.
func openLockFile(dbPath, name string) (*os.File, error) {
	dir := LockDir(dbPath)
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("store: lock: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: lock: %w", err)
	}
	return f, nil
}

// describeProcess names this process for a person reading a lock:
// 进程1234（govbuy import 台账.xlsx），计算机PC-01，操作系统账户 zhangsan，2024-06-30 09:15起.
func describeProcess() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("进程%d（%s），计算机%s，%s，%s起", os.Getpid(), commandLine(), host,
		OSActor(), time.Now().Format("2006-01-02 15:04"))
}

// commandLine is the program and its arguments, shortened for a message.
func commandLine() string {
	args := append([]string{filepath.Base(os.Args[0])}, os.Args[1:]...)
	s := []rune(strings.Join(args, " "))
	if len(s) > 80 {
		return string(s[:80]) + "…"
	}
	return string(s)
}

// OSActor is who the audit log records when roles are off: the operating
// system account this process runs as, asked of the system (a variable like
// $USER is whatever the caller set), and said to be one.
func OSActor() string { return "操作系统账户 " + osAccount() }
