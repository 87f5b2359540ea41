package store

import (
	"fmt"
	"os"
	"strings"
	"time"

	"govbuy"
)

// Lock says that one window holds a database for writing. A second window
// on the same file is told who holds it instead of racing it; command-line
// writes do not take it and rely on SQLite's busy timeout.
type Lock struct {
	f *os.File
}

// LockPath is the lock file that sits beside a database.
func LockPath(dbPath string) string { return dbPath + ".lock" }

// AcquireLock takes the database's lock or says, as an EConflict error,
// which process holds it. The operating system drops the lock when the
// process ends, however it ends, so a crash never leaves the file locked.
func AcquireLock(dbPath string) (*Lock, error) {
	f, err := os.OpenFile(LockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		holder, _ := os.ReadFile(LockPath(dbPath))
		f.Close()
		return nil, govbuy.Errorf(govbuy.EConflict, "", "数据库“%s”已在另一个窗口中打开（%s），请先关闭那个窗口", dbPath, strings.TrimSpace(string(holder)))
	}
	host, _ := os.Hostname()
	f.Truncate(0)
	fmt.Fprintf(f, "进程%d，计算机%s，用户%s，%s起", os.Getpid(), host, os.Getenv(userEnv()), time.Now().Format("2006-01-02 15:04"))
	f.Sync()
	return &Lock{f: f}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	unlockFile(l.f)
	return l.f.Close()
}

func userEnv() string {
	if os.Getenv("USERNAME") != "" {
		return "USERNAME"
	}
	return "USER"
}
