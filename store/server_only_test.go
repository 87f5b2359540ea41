package store_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy"
	"govbuy/internal/pgtest"
	"govbuy/store"
)

// A bureau's server is reached over TLS with verify-full against the
// bureau's CA file; a server whose certificate that CA did not sign is
// refused, in words, before anything is read.
func TestServerOverTLSWithTheBureausCA(t *testing.T) {
	if !onServer() {
		t.Skip("the server run starts servers of its own")
	}
	s, err := pgtest.StartTLS()
	if errors.Is(err, pgtest.ErrNotInstalled) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	plain, err := s.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(plain)
	name := strings.TrimPrefix(u.Path, "/")

	db, err := store.Open(s.TLSURL(name, s.CAFile()))
	if err != nil {
		t.Fatalf("verify-full with the bureau's CA: %v", err)
	}
	if v, err := db.SchemaVersion(context.Background()); err != nil || v != store.LatestSchemaVersion() {
		t.Errorf("schema %d, %v", v, err)
	}
	db.Close()

	other := filepath.Join(t.TempDir(), "other-ca.pem")
	stranger, _ := pgtest.StartTLS()
	if stranger != nil {
		data, _ := os.ReadFile(stranger.CAFile())
		os.WriteFile(other, data, 0o644)
		stranger.Stop()
	}
	_, err = store.Open(s.TLSURL(name, other))
	if err == nil {
		t.Fatal("a certificate another CA signed was accepted")
	}
	if govbuy.ErrorKindOf(err) != govbuy.EUnavailable || !strings.Contains(govbuy.ErrorMessage(err), "无法连接服务器数据库") {
		t.Errorf("refusal %v: %q", govbuy.ErrorKindOf(err), govbuy.ErrorMessage(err))
	}
}

// A server that goes away under an open database (a restart, the network)
// gives a save a refusal in words, and nothing raw.
func TestServerGoneIsSaidInWords(t *testing.T) {
	if !onServer() {
		t.Skip("the server run starts servers of its own")
	}
	s, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	url, err := s.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	err = db.CreateUnit(context.Background(), &govbuy.Unit{Name: "断线时新增的单位", Kind: govbuy.UnitAdministrative})
	if govbuy.ErrorKindOf(err) != govbuy.EUnavailable || !strings.Contains(govbuy.ErrorMessage(err), "连接中断") {
		t.Errorf("save with the server gone: %v (%v)", govbuy.ErrorMessage(err), err)
	}
}

// A server database's automatic backups go to a folder of their own under
// this PC's configuration folder, never to a path made of the address.
func TestServerBackupDirIsOnThisPC(t *testing.T) {
	if !onServer() {
		t.Skip("a file's backups go beside it (TestAutoBackupKeepsSevenDaysAndTwelveMonths)")
	}
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	db := openDB(t)
	dir, err := db.BackupDir(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(config, "govbuy", "备份")
	if filepath.Dir(dir) != want || !strings.HasPrefix(filepath.Base(dir), "服务器-本机-t") || strings.ContainsAny(filepath.Base(dir), `:/?`) {
		t.Errorf("backup dir %q, want a folder in %s", dir, want)
	}
}

// A restore chosen in the window is refused on a server database (no start
// of one window replaces what every PC shares), saying what to do instead.
func TestServerRestoreIsRefusedWithTheWayRound(t *testing.T) {
	if !onServer() {
		t.Skip("a file's restore: TestRestoreScheduledFromTheWindowHappensAtTheNextStart")
	}
	db := openDB(t)
	err := db.ScheduleRestore(context.Background(), filepath.Join(t.TempDir(), "备份.db"), "")
	wantDomainError(t, err, govbuy.EConflict, "服务器数据库不能就地恢复；请新建一个空的服务器数据库，用 govbuy --db 备份文件 migrate --to 新库地址 迁入，再让各台电脑连接新库")
}
