package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"

	_ "modernc.org/sqlite"
)

func TestOpenMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "数据 目录#1%20", "政府购买服务?.db") // Chinese, space, #, %, ?
	if err := os.Mkdir(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != store.LatestSchemaVersion() || v < 1 {
		t.Fatalf("schema version %d, latest %d", v, store.LatestSchemaVersion())
	}
	cat, err := db.FindCatalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat) != len(govbuy.DefaultCatalog) {
		t.Fatalf("catalog has %d items, want %d", len(cat), len(govbuy.DefaultCatalog))
	}
	mustUnit(t, db, "区财政局")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the Chinese path: %v", err)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
		}
	}

	// Re-opening applies nothing twice and keeps the data.
	db, err = store.Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if v2, _ := db.SchemaVersion(ctx); v2 != v {
		t.Errorf("version after reopen %d, want %d", v2, v)
	}
	units, n, err := db.FindUnits(ctx, govbuy.UnitFilter{})
	if err != nil || n != 1 || units[0].Name != "区财政局" {
		t.Fatalf("units after reopen: %v %d %v", units, n, err)
	}
	cat, _ = db.FindCatalog(ctx)
	if len(cat) != len(govbuy.DefaultCatalog) {
		t.Errorf("catalog seeded twice: %d items", len(cat))
	}
	raw := rawDB(t, path)
	var migrations int
	if err := raw.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&migrations); err != nil {
		t.Fatal(err)
	}
	if migrations != v {
		t.Errorf("schema_migrations has %d rows, want %d", migrations, v)
	}
}

func TestCatalogSeedLinksParents(t *testing.T) {
	db := openDB(t)
	cat, err := db.FindCatalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]govbuy.CatalogItem{}
	for _, c := range cat {
		byCode[c.Code] = c
	}
	b03 := byCode["B03"]
	if b03.Name != "农村公路养护服务" || b03.ParentID != byCode["B"].ID || b03.Kind != govbuy.KindProject {
		t.Errorf("B03 = %+v, B = %+v", b03, byCode["B"])
	}
	if byCode["A"].ParentID != 0 {
		t.Errorf("top category A has parent %d", byCode["A"].ParentID)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := rawDB(t, path)
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	_, err = store.Open(path)
	want := "数据库版本(99)比本程序(" + itoa(store.LatestSchemaVersion()) + ")新，请升级程序"
	wantDomainError(t, err, govbuy.EConflict, want)
}

func TestReadersRunWhileWriteIsOpen(t *testing.T) {
	// Lists and reports must not wait for a write in progress: the readers
	// are a separate pool that never takes the write lock (WAL).
	path := filepath.Join(t.TempDir(), "busy.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustUnit(t, db, "甲局")

	ctx := context.Background()
	conn, err := rawDB(t, path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO units (name, kind, created_at, updated_at)
		VALUES ('乙局', '行政单位', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	units, n, err := db.FindUnits(ctx, govbuy.UnitFilter{})
	if err != nil || n != 1 || units[0].Name != "甲局" {
		t.Fatalf("read during write: %v %d %v", units, n, err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("read waited %v for the writer", d)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
}

func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	if store.IsServerURL(path) {
		return rawServerDB(t, path)
	}
	// A URI, so the '?' and '#' in test paths stay part of the file name.
	raw, err := sql.Open("sqlite", "file://"+(&url.URL{Path: filepath.ToSlash(path)}).EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestSecondWindowIsToldWhoHoldsTheDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "govbuy.db")
	first, err := store.AcquireLock(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.AcquireLock(path)
	if govbuy.ErrorKindOf(err) != govbuy.EConflict || !strings.Contains(govbuy.ErrorMessage(err), fmt.Sprintf("进程%d", os.Getpid())) {
		t.Errorf("second lock: %v", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := store.AcquireLock(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

// A command-line write while another process holds the write lock waits for
// the busy timeout, then fails with a message a person can act on, and the
// database is unchanged.
func TestWriteWhileAnotherWriterHoldsTheLockFailsClearly(t *testing.T) {
	fileOnly(t)
	if testing.Short() {
		t.Skip("waits for the 5 s busy timeout")
	}
	db := openDB(t)
	holder, err := sql.Open("sqlite", "file:"+db.Path()+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, err := holder.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	err = db.CreateUnit(context.Background(), &govbuy.Unit{Name: "等待中的单位"})
	conn.ExecContext(context.Background(), "ROLLBACK")
	if govbuy.ErrorKindOf(err) != govbuy.EUnavailable || !strings.Contains(govbuy.ErrorMessage(err), "请稍后重试") {
		t.Fatalf("write under another writer's lock: %v", err)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM units"); n != 0 {
		t.Errorf("%d units stored", n)
	}
}

// A mistyped path is refused, naming the folder, and creates nothing; so is
// a path that names a folder or a pipe.
func TestOpenRefusesAPlaceThatIsNoDatabase(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "管道.db")
	mkfifo(t, fifo)
	tests := []struct {
		name, path string
		kind       govbuy.ErrorKind
		want       string
	}{
		{"missing folder", filepath.Join(dir, "没有这个目录", "govbuy.db"), govbuy.ENotFound,
			"数据库所在的文件夹“" + filepath.Join(dir, "没有这个目录") + "”不存在，请检查路径；如需在此新建数据库，请先建立该文件夹"},
		{"a folder", dir, govbuy.EInvalid, "“" + dir + "”不是普通文件，不能作为数据库"},
		{"a FIFO", fifo, govbuy.EInvalid, "“" + fifo + "”不是普通文件，不能作为数据库"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.Open(tt.path)
			wantDomainError(t, err, tt.kind, tt.want)
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "没有这个目录")); !os.IsNotExist(err) {
		t.Errorf("the missing folder was created: %v", err)
	}
}

// A database that cannot be written opens read-only for reading and
// backing up, and refuses writes with a clear word.
func TestReadOnlyOpenReadsAndBacksUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "govbuy.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustUnit(t, db, "区财政局")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, n, err := ro.FindUnits(context.Background(), govbuy.UnitFilter{}); err != nil || n != 1 {
		t.Errorf("units read-only: %d, %v", n, err)
	}
	backup := filepath.Join(dir, "备份.db")
	if err := ro.Backup(context.Background(), backup); err != nil {
		t.Errorf("backup of a read-only database: %v", err)
	}
	if _, err := store.CheckBackup(context.Background(), backup); err != nil {
		t.Errorf("the read-only database's backup: %v", err)
	}
	err = ro.CreateUnit(context.Background(), &govbuy.Unit{Name: "只读时新增"})
	if !strings.Contains(govbuy.ErrorMessage(err), "只读") {
		t.Errorf("write to a read-only database: %v", err)
	}
}

// Without root's power over permissions, Open says a read-only database is
// one (store.ErrReadOnly) and a file the account may not read is 无权限.
func TestOpenTellsReadOnlyFromNoPermission(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file: permissions cannot be tested as root")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "govbuy.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(path); !errors.Is(err, store.ErrReadOnly) || !strings.Contains(govbuy.ErrorMessage(err), "只读") {
		t.Errorf("open of a read-only file: %v", err)
	}
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err = store.OpenReadOnly(path)
	if msg := govbuy.ErrorMessage(err); !strings.Contains(msg, "无权限") {
		t.Errorf("open of an unreadable file: %q", msg)
	}
}
