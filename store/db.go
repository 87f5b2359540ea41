// Package store keeps govbuy's data in an embedded SQLite file through
// modernc.org/sqlite (pure Go, no cgo). *DB implements the root package's
// service interfaces (UnitService, ContractorService, CatalogService,
// ContractService, PaymentService, DatasetLoader, ReportService).
//
// Every write runs in one transaction on the single writer connection and
// records an audit_log row in that same transaction; lists and reports read
// through a separate query-only pool, so the UI can read while a write runs.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"govbuy"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Compile-time checks that *DB provides every service the app expects.
var (
	_ govbuy.UnitService       = (*DB)(nil)
	_ govbuy.ContractorService = (*DB)(nil)
	_ govbuy.CatalogService    = (*DB)(nil)
	_ govbuy.ContractService   = (*DB)(nil)
	_ govbuy.PaymentService    = (*DB)(nil)
	_ govbuy.DatasetLoader     = (*DB)(nil)
	_ govbuy.ReportService     = (*DB)(nil)
)

// DB is an open govbuy database.
type DB struct {
	write *sql.DB // one connection: SQLite has one writer at a time anyway
	read  *sql.DB // query-only pool for lists and reports
	path  string

	// Now returns the current time. Each write transaction calls it once,
	// so every row the transaction writes carries the same timestamp; tests
	// replace it to get fixed values.
	Now func() time.Time
}

// Open opens the database at path, creating the file (mode 0600: it holds
// bank accounts and ID numbers) and its directory when missing, and brings
// the schema up to date.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	if err := createPrivateFile(path); err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db := &DB{path: path, Now: time.Now}

	var err error
	if db.write, err = openPool(path, writerParams); err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)

	if err := db.migrate(context.Background()); err != nil {
		db.write.Close()
		return nil, err
	}

	// The readers open after the migrations so they never see a half-made
	// schema and the file is already in WAL mode.
	if db.read, err = openPool(path, readerParams); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	n := max(4, runtime.NumCPU())
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	return db, nil
}

// Close refreshes the query planner's statistics and closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.write != nil {
		// Advisory: a failure leaves older statistics, never wrong data.
		_ = db.optimize(context.Background())
	}
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// optimize runs PRAGMA optimize so the planner's statistics follow the
// tables' sizes; 0x10002 also analyses tables that never were.
func (db *DB) optimize(ctx context.Context) error {
	_, err := db.write.ExecContext(ctx, "PRAGMA optimize=0x10002")
	return err
}

// Path is the file the database lives in.
func (db *DB) Path() string { return db.path }

// createPrivateFile makes an empty database file readable by its owner only,
// before SQLite creates it with the process umask. SQLite gives the -wal and
// -shm files the permissions of the database file.
func createPrivateFile(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

// Pragmas of every connection. temp_store keeps the sorts and materialised
// subqueries of reports in memory instead of temp files. There is no mmap:
// mapped pages of a 100,000-contract file count against the window's
// resident memory (about 50 MB of its 200 MB budget), and SQLite's own page
// cache serves the lists nearly as fast.
const commonParams = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
	"&_pragma=temp_store(MEMORY)"

// The writer takes its lock at BEGIN (_txlock=immediate) so two writers never
// deadlock upgrading a read lock; busy_timeout makes a second process wait.
const writerParams = commonParams + "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// Readers must not take the write lock at BEGIN, or a long report would block
// every save; query_only makes any stray write through them fail.
const readerParams = commonParams + "&_pragma=query_only(1)&_txlock=deferred"

func openPool(path, params string) (*sql.DB, error) {
	dsn, err := fileDSN(path, params)
	if err != nil {
		return nil, err
	}
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

// fileDSN builds a SQLite URI for path. The path is made absolute and
// percent-encoded byte by byte, so Chinese names, spaces, '?', '#' and '%'
// survive SQLite's URI parser; Windows drive paths become file:///C:/….
func fileDSN(path, params string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x, the form SQLite expects on Windows
	}
	return "file://" + escapeURIPath(p) + "?" + params, nil
}

func escapeURIPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '/', c == '-', c == '_', c == '.', c == '~', c == ':':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// writeTx is a write transaction with the one timestamp all its rows carry.
type writeTx struct {
	*sql.Tx
	db  *DB
	now time.Time
}

// beginWrite starts a write transaction that enters data (ActEnter).
func (db *DB) beginWrite(ctx context.Context) (*writeTx, error) {
	return db.beginAct(ctx, govbuy.ActEnter, "录入数据")
}

// beginAct starts a write transaction on the writer connection for a change
// of kind act, once the gate lets ctx's user make it; what names the change
// in a refusal. The check runs inside the transaction, so the role it reads
// is the one the change commits under.
func (db *DB) beginAct(ctx context.Context, act govbuy.Act, what string) (*writeTx, error) {
	tx, err := db.beginWriteAnyone(ctx)
	if err != nil {
		return nil, err
	}
	if err := gate(ctx, tx, act, what); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// beginWriteAnyone starts a write transaction without asking who writes:
// signing in itself must be able to count failed attempts.
func (db *DB) beginWriteAnyone(ctx context.Context) (*writeTx, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &writeTx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Second)}, nil
}

// beginRead starts a read transaction so that a list and its total count, or
// all the queries of a report, see one snapshot.
func (db *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	return db.read.BeginTx(ctx, nil)
}

// stamp is how timestamps are written: RFC 3339 in UTC, sortable as text.
func (tx *writeTx) stamp() string { return tx.now.Format(time.RFC3339) }

// queryer is what read helpers need: a *sql.Tx or a *writeTx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
