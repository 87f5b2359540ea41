package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// A window on a server database hears of what another officer's program
// commits, within seconds, and not of its own changes; on a file nothing
// signals.
func TestChangesOfOthersAreSignalled(t *testing.T) {
	mine := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes, err := mine.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !onServer() {
		if changes != nil {
			t.Fatal("a database file signals changes")
		}
		return
	}
	other, err := store.Open(mine.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	mustUnit(t, mine, "本人新增的单位")
	select {
	case <-changes:
		t.Fatal("signalled this program's own change")
	case <-time.After(time.Second):
	}
	if err := other.CreateUnit(ctxAs("李明"), &govbuy.Unit{Name: "他人新增的单位", Kind: govbuy.UnitAdministrative}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatal("another officer's change was not signalled within 5 s")
	}
	cancel()
	for range changes { // closed once ctx ends
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
