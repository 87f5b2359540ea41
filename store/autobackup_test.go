package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

func TestAutoBackupKeepsSevenDaysAndTwelveMonths(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "备份")
	if err := db.SetBackupDir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2023, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 500; i++ { // a backup every day for 500 days
		if _, err := db.AutoBackup(ctx, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// The last day is 2024-05-14: seven days back to 05-08, then the newest
	// backup of each earlier month back to 2023-06 (twelve months in all).
	want := []string{"govbuy-2023-06-30.db", "govbuy-2023-07-31.db", "govbuy-2023-08-31.db", "govbuy-2023-09-30.db",
		"govbuy-2023-10-31.db", "govbuy-2023-11-30.db", "govbuy-2023-12-31.db", "govbuy-2024-01-31.db",
		"govbuy-2024-02-29.db", "govbuy-2024-03-31.db", "govbuy-2024-04-30.db", "govbuy-2024-05-08.db",
		"govbuy-2024-05-09.db", "govbuy-2024-05-10.db", "govbuy-2024-05-11.db", "govbuy-2024-05-12.db",
		"govbuy-2024-05-13.db", "govbuy-2024-05-14.db"}
	if !slices.Equal(names, want) {
		t.Errorf("kept %v\nwant %v", names, want)
	}
}

func TestRestoreScheduledFromTheWindowHappensAtTheNextStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "govbuy.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "备份.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUnit(ctx, &govbuy.Unit{Name: "备份后新建的单位"}); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte("not a database at all, not even close"), 0o600)
	if err := db.ScheduleRestore(ctx, garbage, ""); govbuy.ErrorKindOf(err) != govbuy.EInvalid {
		t.Errorf("scheduling a garbage restore: %v", err)
	}
	// The backup's audit log ends before the unit was made: restoring it
	// needs a reason.
	if err := db.ScheduleRestore(ctx, backup, ""); !strings.Contains(govbuy.ErrorMessage(err), "如确需恢复，请填写理由") {
		t.Errorf("scheduling an older backup without a reason: %v", err)
	}
	if err := db.ScheduleRestore(ctx, backup, "误删后恢复"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	src, kept, err := store.RestorePending(ctx, path)
	if err != nil || src != backup || kept == "" {
		t.Fatalf("restore at start: %q %q %v", src, kept, err)
	}
	if src, _, err := store.RestorePending(ctx, path); src != "" || err != nil {
		t.Errorf("the restore ran twice: %q, %v", src, err)
	}
	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := mustCount(t, db, "SELECT COUNT(*) FROM units"); n != 0 {
		t.Errorf("%d units after restoring the empty backup", n)
	}
}

// 立即备份 never replaces the day's automatic backup, two in one second
// both stay, and pruning the automatic ones leaves them be.
func TestBackupNowKeepsTheAutomaticOnes(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "备份")
	if err := db.SetBackupDir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 5, 14, 15, 4, 5, 0, time.UTC)
	auto, err := db.AutoBackup(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(auto)
	var made []string
	for range 2 {
		p, err := db.BackupNow(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, filepath.Base(p))
	}
	if after, err := os.Stat(auto); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the automatic backup %s was rewritten or removed (%v)", auto, err)
	}
	for i := 1; i <= 10; i++ { // ten more days of automatic backups
		if _, err := db.AutoBackup(ctx, now.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"govbuy-手动-2024-05-14-150405.db", "govbuy-手动-2024-05-14-150405-2.db"}; !slices.Equal(made, want) {
		t.Errorf("backups by hand named %v, want %v", made, want)
	}
	for _, n := range made {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s gone after pruning: %v", n, err)
		}
	}
}
