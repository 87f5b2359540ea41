package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy/store"
)

// An officer's database sits in a folder with a Chinese name and a space,
// under a profile with a Chinese user name (D:\财政局 资料\政府购买服务.db,
// C:\Users\张三\AppData\Roaming\govbuy). Every command and every file made
// beside the database (locks, backups, the start-up log) must find its way
// there. The paths are built with this system's separator: the test runs as
// it is on Linux (/) and, cross-compiled, under Wine (\, scripts/wine-tests.sh).
func TestChineseFoldersWithSpaces(t *testing.T) {
	for _, folder := range []string{
		"财政局 资料",
		filepath.Join("Users", "张三", "AppData", "Roaming", "govbuy"),
		filepath.Join("政府 购买", "2024年 （上半年）"),
	} {
		t.Run(folder, func(t *testing.T) {
			dir := filepath.Join(keptTempDir(t), folder)
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(dir, "政府购买服务.db")
			for _, args := range [][]string{
				{"--db", db, "demo"},
				{"--db", db, "report", "--year", "2024", "--pdf", filepath.Join(dir, "年度 报告.pdf"), "--xlsx", filepath.Join(dir, "年度 报告.xlsx")},
				{"--db", db, "backup", filepath.Join(dir, "备份 副本.db")},
				{"--db", db, "check"},
			} {
				if code, _, stderr := govbuyCmd(t, args...); code != exitOK {
					t.Fatalf("%s: exit %d: %s", strings.Join(args[2:], " "), code, stderr)
				}
			}
			for _, name := range []string{"政府购买服务.db", "年度 报告.pdf", "年度 报告.xlsx", "备份 副本.db"} {
				if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Size() == 0 {
					t.Errorf("%s: %v", name, err)
				}
			}
			lock, err := store.AcquireLock(db)
			if err != nil {
				t.Fatalf("window lock: %v", err)
			}
			defer lock.Release()
			if got := store.LockDir(db); filepath.Dir(got) != dir {
				t.Errorf("locks in %q, not beside the database in %q", got, dir)
			}
			appendStartupLog(filepath.Join(filepath.Dir(db), startupLogName), &graphicsProblem{message: "测试", detail: "test"})
			if logged, err := os.ReadFile(filepath.Join(dir, startupLogName)); err != nil || !strings.Contains(string(logged), "测试（test）") {
				t.Errorf("start-up log: %q, %v", logged, err)
			}
		})
	}
}

// keptTempDir is t.TempDir whose removal may fail without failing the test:
// under Wine 8, Go 1.26's os.RemoveAll (unlinkat relative to a folder
// handle) fails on every file ("Invalid function"), which is Wine's gap,
// not govbuy's.
func keptTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "govbuy-paths-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Logf("left %s: %v", dir, err)
		}
	})
	return dir
}

// GOVBUY_DB and --db are taken as they are, whatever the separator.
func TestDatabasePathIsTakenAsGiven(t *testing.T) {
	windows := `D:\财政局 资料\政府购买服务.db`
	unix := "/home/张三/财政局 资料/政府购买服务.db"
	t.Setenv("GOVBUY_DB", windows)
	if got, err := resolveDBPath(""); err != nil || got != windows {
		t.Errorf("from GOVBUY_DB: %q, %v", got, err)
	}
	if got, err := resolveDBPath(unix); err != nil || got != unix {
		t.Errorf("from --db: %q, %v", got, err)
	}
}
