package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy/internal/pgtest"
)

// startServer starts a throwaway PostgreSQL for one test, or skips it where
// the server's programs are not installed.
func startServer(t *testing.T) *pgtest.Server {
	t.Helper()
	s, err := pgtest.Start()
	if errors.Is(err, pgtest.ErrNotInstalled) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func newServerDB(t *testing.T, s *pgtest.Server) string {
	t.Helper()
	url, err := s.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// printed runs a command that must succeed and returns what it printed.
func printed(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := govbuyCmd(t, args...)
	if code != exitOK {
		t.Fatalf("govbuy %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// The demo district moved into a server database reads the same, year by
// year, to the byte; the server's backup is a file that opens, reads the
// same again and is accepted by restore.
func TestMigrateToServerAndBackBackGivesIdenticalReports(t *testing.T) {
	s := startServer(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "云溪区.db")
	mustRun(t, "--db", file, "demo")
	url := newServerDB(t, s)
	out := printed(t, "--db", file, "migrate", "--to", url)
	if !strings.Contains(out, "逐字节相同") {
		t.Errorf("migrate said %q", out)
	}
	// The demo has no users: the server asks for its first administrator
	// before anything is read.
	code, _, stderr := govbuyCmd(t, "--db", url, "report", "--year", "2024", "--json", "-")
	if code != exitInput || !strings.Contains(stderr, "还没有用户") {
		t.Fatalf("report before any user: exit %d, %q", code, stderr)
	}
	t.Setenv("GOVBUY_NEW_PASSWORD", "口令Ab12345678")
	mustRun(t, "--db", url, "user", "add", "王科长", "--role", "管理员")
	code, _, stderr = govbuyCmd(t, "--db", url, "report", "--year", "2024", "--json", "-")
	if code != exitInput || !strings.Contains(stderr, "须登录") {
		t.Fatalf("report without signing in: exit %d, %q", code, stderr)
	}
	t.Setenv("GOVBUY_USER", "王科长")
	t.Setenv("GOVBUY_PASSWORD", "口令Ab12345678")
	backup := filepath.Join(dir, "服务器备份.db")
	mustRun(t, "--db", url, "backup", backup)
	for _, y := range []string{"2023", "2024", "2025"} {
		want := printed(t, "--db", file, "report", "--year", y, "--json", "-")
		if got := printed(t, "--db", url, "report", "--year", y, "--json", "-"); got != want {
			t.Errorf("%s: the server's report differs from the file's", y)
		}
		if got := printed(t, "--db", backup, "report", "--year", y, "--json", "-"); got != want {
			t.Errorf("%s: the server's backup reads differently", y)
		}
	}
	restored := filepath.Join(dir, "恢复.db")
	mustRun(t, "--db", restored, "restore", backup)
	if got, want := printed(t, "--db", restored, "report", "--year", "2024", "--json", "-"),
		printed(t, "--db", file, "report", "--year", "2024", "--json", "-"); got != want {
		t.Error("the restored backup reads differently")
	}
}

// A second migrate into the same server database is refused, and the
// first one's rows stay as they were.
func TestMigrateRefusesAServerDatabaseThatIsNotEmpty(t *testing.T) {
	s := startServer(t)
	file := filepath.Join(t.TempDir(), "a.db")
	mustRun(t, "--db", file, "demo")
	url := newServerDB(t, s)
	mustRun(t, "--db", file, "migrate", "--to", url)
	code, _, stderr := govbuyCmd(t, "--db", file, "migrate", "--to", url)
	if code != exitInput || !strings.Contains(stderr, "不是空的") {
		t.Fatalf("second migrate: exit %d, %q", code, stderr)
	}
}

// govbuy connect points this PC at a server database without a password in
// any file, and the commands then open it without --db.
func TestConnectSavesTheAddressNeverThePassword(t *testing.T) {
	s := startServer(t)
	url := newServerDB(t, s)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("GOVBUY_DB", "")
	withPassword := strings.Replace(url, "govbuy_test@", "govbuy_test:secret@", 1)
	if code, _, stderr := govbuyCmd(t, "connect", withPassword); code != exitInput || !strings.Contains(stderr, "不能含口令") {
		t.Fatalf("connect with a password: exit %d, %q", code, stderr)
	}
	printed(t, "connect", url)
	saved, err := os.ReadFile(filepath.Join(config, "govbuy", "server.url"))
	if err != nil || strings.TrimSpace(string(saved)) != url {
		t.Fatalf("saved %q, %v", saved, err)
	}
	if st, _ := os.Stat(filepath.Join(config, "govbuy", "server.url")); st.Mode().Perm() != 0o600 {
		t.Errorf("settings file mode %v", st.Mode().Perm())
	}
	t.Setenv("GOVBUY_NEW_PASSWORD", "口令Ab12345678")
	printed(t, "user", "add", "王科长", "--role", "管理员")
	t.Setenv("GOVBUY_USER", "王科长")
	t.Setenv("GOVBUY_PASSWORD", "口令Ab12345678")
	// The saved server is what a command opens without --db: the user
	// just added exists there.
	printed(t, "user", "add", "李明", "--role", "录入员")
	printed(t, "connect", "--off")
	if out := printed(t, "connect"); !strings.Contains(out, "未连接服务器数据库") {
		t.Errorf("after --off: %q", out)
	}
}
