package store_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// liveDB is a database at dir/govbuy.db holding a unit, a contract and a
// payment, and a backup of it made now; the database is closed.
func liveDB(t *testing.T, dir string) (path, backup string) {
	t.Helper()
	path = filepath.Join(dir, "govbuy.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	u := mustUnit(t, db, "区财政局")
	k := mustContractor(t, db, "某保洁公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := mustContract(t, db, newContract("HT-1", 2024, u, k, 1_000_000))
	mustPay(t, db, c, govbuy.Day(2024, 6, 30), 400_000)
	backup = filepath.Join(dir, "备份.db")
	if err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, backup
}

// fingerprint is the bytes of a database file and the names beside it, so
// a test can tell that a refused restore touched nothing.
func fingerprint(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return fmt.Sprintf("%x %v", sha256.Sum256(data), names)
}

// craft changes a copy of a backup with raw SQL, as an attacker would.
func craft(t *testing.T, backup, name string, statements ...string) string {
	t.Helper()
	out := filepath.Join(filepath.Dir(backup), name)
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o600); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, out)
	for _, s := range statements {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

var closedYearTriggers = []string{"assessments", "contracts", "inspections", "payments", "plans"}

func dropClosedYearTriggers() []string {
	var out []string
	for _, table := range closedYearTriggers {
		for _, op := range []string{"insert", "update", "delete"} {
			out = append(out, fmt.Sprintf("DROP TRIGGER %s_closed_%s", table, op))
		}
	}
	return out
}

// A backup whose schema govbuy's migrations did not make is refused,
// naming what differs, and the live database is not touched.
func TestRestoreRefusesASchemaTheProgramNeverMade(t *testing.T) {
	dir := t.TempDir()
	live, backup := liveDB(t, dir)
	latest := store.LatestSchemaVersion()
	emptyTables := filepath.Join(dir, "三张空表.db")
	raw := rawDB(t, emptyTables)
	for _, s := range []string{"CREATE TABLE contracts (x)", "CREATE TABLE units (x)", "CREATE TABLE contractors (x)",
		fmt.Sprintf("PRAGMA user_version = %d", latest)} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	tests := []struct {
		name, file string
		want       []string
	}{
		{"closed-year triggers dropped", craft(t, backup, "无结账触发器.db", dropClosedYearTriggers()...),
			[]string{"备份中缺少触发器 assessments_closed_delete", "备份中缺少触发器 inspections_closed_insert", "……共15处"}},
		{"a trigger that empties the audit log", craft(t, backup, "清空日志.db",
			"CREATE TRIGGER audit_wipe AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END"),
			[]string{"备份中多了触发器 audit_wipe"}},
		{"a trigger that multiplies payments by 10", craft(t, backup, "支付乘十.db",
			"CREATE TRIGGER pay_x10 AFTER INSERT ON payments BEGIN UPDATE payments SET amount = amount * 10 WHERE id = NEW.id; END"),
			[]string{"备份中多了触发器 pay_x10"}},
		{"a trigger that deletes new closed years", craft(t, backup, "撤销结账.db",
			"CREATE TRIGGER unclose AFTER INSERT ON closed_years BEGIN DELETE FROM closed_years WHERE year = NEW.year; END"),
			[]string{"备份中多了触发器 unclose"}},
		{"three empty tables", emptyTables,
			[]string{"备份中缺少表 audit_log", "备份中表 contracts 的定义与本程序不同"}},
		{"version 3 with today's tables", craft(t, backup, "版本3.db", "PRAGMA user_version = 3"),
			// The tables of later versions, listed in name order and cut
			// after eight, so which show depends on how many later
			// migrations there are.
			[]string{"结构版本3", "备份中多了表 "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fingerprint(t, live)
			_, err := store.Restore(context.Background(), live, tt.file, store.RestoreOptions{})
			if govbuy.ErrorKindOf(err) != govbuy.EInvalid {
				t.Fatalf("restore: %v, want a refusal", err)
			}
			msg := govbuy.ErrorMessage(err)
			for _, w := range append(tt.want, "的数据库结构与本程序", "未恢复") {
				if !strings.Contains(msg, w) {
					t.Errorf("refusal %q does not say %q", msg, w)
				}
			}
			if after := fingerprint(t, live); after != before {
				t.Errorf("a refused restore touched the database or its folder:\n%s\n%s", before, after)
			}
		})
	}
}

// An older backup is migrated on a copy before the database is touched:
// a good one is restored at this program's schema; one whose migration
// fails is refused with the database untouched.
func TestRestoreMigratesAnOlderBackupOnACopy(t *testing.T) {
	dir := t.TempDir()
	live, _ := liveDB(t, dir)
	old := filepath.Join(dir, "版本7.db")
	if err := store.CreateAtVersion(old, 7); err != nil {
		t.Fatal(err)
	}
	// A request on a contract that is not there: SQLite's integrity check
	// passes it, migration 8 (which copies the requests) does not.
	broken := craft(t, old, "版本7坏.db", "PRAGMA foreign_keys = OFF",
		`INSERT INTO payment_requests (contract_id, payment, author, created_at) VALUES (999, '{}', '某人', '2024-01-01T00:00:00Z')`)

	before := fingerprint(t, live)
	_, err := store.Restore(context.Background(), live, broken, store.RestoreOptions{Reason: "测试"})
	if msg := govbuy.ErrorMessage(err); !strings.Contains(msg, "备份“版本7坏.db”（结构版本7）升级到本程序的结构版本") || !strings.Contains(msg, "未恢复") {
		t.Errorf("a backup whose migration fails: %v", err)
	}
	if after := fingerprint(t, live); after != before {
		t.Errorf("a failed migration touched the database:\n%s\n%s", before, after)
	}

	if _, err := store.Restore(context.Background(), live, old, store.RestoreOptions{Reason: "回到旧版本的备份"}); err != nil {
		t.Fatalf("restoring a good version-7 backup: %v", err)
	}
	db, err := store.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(context.Background()); err != nil || v != store.LatestSchemaVersion() {
		t.Errorf("restored schema version %d, %v", v, err)
	}
}

// A FIFO named like a backup is refused at once: reading it would wait for
// a writer forever.
func TestRestoreRefusesAFIFOAtOnce(t *testing.T) {
	dir := t.TempDir()
	live, _ := liveDB(t, dir)
	fifo := filepath.Join(dir, "备份.bak")
	mkfifo(t, fifo)
	before := fingerprint(t, live)
	done := make(chan error, 1)
	go func() {
		_, err := store.Restore(context.Background(), live, fifo, store.RestoreOptions{})
		done <- err
	}()
	select {
	case err := <-done:
		wantDomainError(t, err, govbuy.EInvalid, "“"+fifo+"”不是普通文件（例如是管道、设备或文件夹），未恢复")
	case <-time.After(5 * time.Second):
		t.Fatal("restore of a FIFO blocked")
	}
	if after := fingerprint(t, live); after != before {
		t.Error("a refused restore touched the database")
	}
}

// A backup that would weaken the controls — a year closed now that it has
// open, an audit log that ends earlier, roles off — is refused unless an
// administrator says why, and the reason is recorded in the restored
// database with who restored what over what.
func TestRestoreOfAWeakerBackupNeedsAnAdministratorsReason(t *testing.T) {
	dir := t.TempDir()
	live, backup := liveDB(t, dir)
	db, err := store.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	admin, clerk, _ := signedIn(t, db)
	if err := db.CloseYear(admin, 2024); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name   string
		ctx    context.Context
		reason string
		kind   govbuy.ErrorKind
		want   []string
	}{
		{"nobody signed in", context.Background(), "理由", govbuy.EConflict, []string{"请先登录"}},
		{"a clerk", clerk, "理由", govbuy.EConflict, []string{"李录入的角色是录入员，不能恢复数据库"}},
		{"an administrator without a reason", admin, "", govbuy.EConflict, []string{
			"备份会削弱当前数据库的控制，未恢复", "备份中2024年度未结账（当前已结账）", "备份的操作日志止于",
			"备份未启用用户权限（当前有3个用户）", "须由管理员说明理由"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fingerprint(t, live)
			_, err := store.Restore(tt.ctx, live, backup, store.RestoreOptions{Reason: tt.reason})
			if govbuy.ErrorKindOf(err) != tt.kind {
				t.Fatalf("restore: %v, want %s", err, tt.kind)
			}
			for _, w := range tt.want {
				if !strings.Contains(govbuy.ErrorMessage(err), w) {
					t.Errorf("refusal %q does not say %q", govbuy.ErrorMessage(err), w)
				}
			}
			if after := fingerprint(t, live); after != before {
				t.Error("a refused restore touched the database")
			}
		})
	}

	kept, err := store.Restore(admin, live, backup, store.RestoreOptions{Reason: "误操作后回到6月的备份"})
	if err != nil {
		t.Fatal(err)
	}
	restored, err := store.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	e := lastAudit(t, restored, "database", 0)
	if e.Actor != "王管理" || e.Action != "restore" || e.Entity != "database" {
		t.Errorf("restore recorded as %+v", e)
	}
	type record struct {
		File, Kept, Reason string
		Weakens            []string
		ClosedYears        []int `json:"closed_years"`
		Users              int
	}
	was, came := decode[record](t, e.Before), decode[record](t, e.After)
	if was.File != live || was.Kept != kept || len(was.Weakens) != 3 || was.Users != 3 || len(was.ClosedYears) != 1 {
		t.Errorf("what was replaced: %+v", was)
	}
	if came.File != backup || came.Reason != "误操作后回到6月的备份" || came.Users != 0 {
		t.Errorf("what came in: %+v", came)
	}
	// Backups and kept copies hold bank accounts and ID numbers: the
	// owner's only, from the first byte.
	for _, path := range []string{kept, backup} {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatalf("the replaced database was not kept: %v", err)
		}
		if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(path), st.Mode().Perm())
		}
	}
}

// Restore waits for the programs that have the database open, and refuses
// naming them when they do not close it in time; meanwhile nothing changes.
func TestRestoreWaitsForOpenDatabasesAndNamesThem(t *testing.T) {
	dir := t.TempDir()
	live, backup := liveDB(t, dir)
	holder, err := store.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, live)
	_, err = store.Restore(ctxAs("测试"), live, backup, store.RestoreOptions{Wait: 300 * time.Millisecond})
	msg := govbuy.ErrorMessage(err)
	if govbuy.ErrorKindOf(err) != govbuy.EUnavailable || !strings.Contains(msg, fmt.Sprintf("进程%d", os.Getpid())) || !strings.Contains(msg, "原数据库未改动") {
		t.Errorf("restore beside an open database: %v", err)
	}
	if after := fingerprint(t, live); after != before {
		t.Error("a refused restore touched the database")
	}
	// Once the holder closes in time, the restore goes ahead.
	go func() {
		time.Sleep(200 * time.Millisecond)
		holder.Close()
	}()
	if _, err := store.Restore(ctxAs("测试"), live, backup, store.RestoreOptions{Wait: 10 * time.Second}); err != nil {
		t.Errorf("restore after the holder closed: %v", err)
	}
}
