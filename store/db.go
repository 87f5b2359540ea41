// Package store is the SQLite implementation of the root package's
// services: *DB provides every service interface govbuy declares (the block
// below lists them), over one embedded database file through
// modernc.org/sqlite (pure Go, no cgo). What stays outside the services is
// the file's lifecycle: Open, OpenReadOnly, Close, the locks, migrations,
// Restore and RestorePending, which work on a path rather than on the data.
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
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"govbuy"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// *DB provides every service of the root package; a second store (a shared
// server database) would list the same. A service added in the root package
// belongs here too: internal/servicecheck fails until it is.
var (
	_ govbuy.ApprovalService    = (*DB)(nil)
	_ govbuy.AssessmentService  = (*DB)(nil)
	_ govbuy.AuditService       = (*DB)(nil)
	_ govbuy.BackupService      = (*DB)(nil)
	_ govbuy.CatalogService     = (*DB)(nil)
	_ govbuy.ChangeService      = (*DB)(nil)
	_ govbuy.CheckService       = (*DB)(nil)
	_ govbuy.ComplianceService  = (*DB)(nil)
	_ govbuy.ContractService    = (*DB)(nil)
	_ govbuy.ContractorService  = (*DB)(nil)
	_ govbuy.DatasetLoader      = (*DB)(nil)
	_ govbuy.DistrictService    = (*DB)(nil)
	_ govbuy.FeeStandardService = (*DB)(nil)
	_ govbuy.ImportService      = (*DB)(nil)
	_ govbuy.InspectionService  = (*DB)(nil)
	_ govbuy.MappingPresets     = (*DB)(nil)
	_ govbuy.NarrativeService   = (*DB)(nil)
	_ govbuy.PaymentService     = (*DB)(nil)
	_ govbuy.ReportService      = (*DB)(nil)
	_ govbuy.RequirementService = (*DB)(nil)
	_ govbuy.SettlementService  = (*DB)(nil)
	_ govbuy.TreasuryService    = (*DB)(nil)
	_ govbuy.UnitService        = (*DB)(nil)
	_ govbuy.UserService        = (*DB)(nil)
	_ govbuy.WorkbenchService   = (*DB)(nil)
	_ govbuy.YearService        = (*DB)(nil)
	_ govbuy.SupplementService  = (*DB)(nil)
	_ govbuy.CalendarService    = (*DB)(nil)
	_ govbuy.PublicationService = (*DB)(nil)
)

// DB is an open govbuy database.
type DB struct {
	write *sql.DB // one connection: SQLite has one writer at a time anyway
	read  *sql.DB // query-only pool for lists and reports
	path  string
	lock  *Lock // the writers lock, held shared while the database is open
	// readOnly: opened by OpenReadOnly; every write fails.
	readOnly bool
	// server: a shared server database (see server.go); path is then its
	// URL without the password. serverCfg opens its connections; appName
	// marks them, so change notices of this process are told apart.
	server    bool
	serverCfg *pgx.ConnConfig
	appName   string

	// Now returns the current time. Each write transaction calls it once,
	// so every row the transaction writes carries the same timestamp; tests
	// replace it to get fixed values.
	Now func() time.Time
}

// ErrReadOnly is in the chain of Open's error when the database file or its
// folder cannot be written (a read-only file, folder or medium): the caller
// may still read it through OpenReadOnly.
var ErrReadOnly = errors.New("store: read-only database")

// Open opens the database at path for reading and writing, creating the
// file (mode 0600: it holds bank accounts and ID numbers) when missing, and
// brings the schema up to date. The folder must exist: a mistyped path is
// refused rather than met with a new, empty database. While the database is
// open this process holds its writers lock shared (waiting, within bounds,
// for a restore to finish).
func Open(path string) (*DB, error) {
	if IsServerURL(path) {
		return openServer(path, false)
	}
	if err := checkPlace(path); err != nil {
		return nil, err
	}
	lock, err := shareWriters(path, openWait)
	if err == nil {
		err = createPrivateFile(path)
	}
	if err != nil {
		lock.Release()
		if isReadOnly(err) {
			return nil, readOnlyError(path)
		}
		return nil, wrapErr("open", err)
	}
	db := &DB{path: path, lock: lock, Now: time.Now}
	if err := db.openPools(writerParams, readerParams); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenReadOnly opens a database that cannot be written — on a read-only
// medium, or a file the account may only read — for reports, checks and
// backups; every write through it fails. On a folder that cannot be written
// SQLite cannot keep its shared-memory file, so the database is read as
// immutable (nobody can change it there either). Its schema must be this
// program's: an older one cannot be brought up to date.
func OpenReadOnly(path string) (*DB, error) {
	if IsServerURL(path) {
		return openServer(path, true)
	}
	if err := checkPlace(path); err != nil {
		return nil, err
	}
	params := "mode=ro"
	lock, err := shareWriters(path, openWait)
	switch {
	case isReadOnly(err):
		params += "&immutable=1"
	case err != nil:
		return nil, wrapErr("open", err)
	}
	db := &DB{path: path, lock: lock, readOnly: true, Now: time.Now}
	if err := db.openPools(params, params+"&"+readerParams); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.requireLatestSchema(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openPools opens the writer connection, brings the schema up to date
// (unless read-only) and opens the readers.
func (db *DB) openPools(writer, reader string) error {
	var err error
	if db.write, err = openPool(db.path, writer); err != nil {
		return wrapErr("open", err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)
	if !db.readOnly {
		if err := db.migrate(context.Background()); err != nil {
			return err
		}
	}
	// The readers open after the migrations so they never see a half-made
	// schema and the file is already in WAL mode.
	if db.read, err = openPool(db.path, reader); err != nil {
		return wrapErr("open", err)
	}
	n := max(4, runtime.NumCPU())
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	return nil
}

// ReadOnly reports whether the database was opened by OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Close refreshes the query planner's statistics, closes both pools and
// gives the writers lock up.
func (db *DB) Close() error {
	var errs []error
	if db.write != nil && !db.readOnly && !db.server {
		// Advisory: a failure leaves older statistics, never wrong data.
		_ = db.optimize(context.Background())
	}
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	// Only once SQLite has closed the file may a restore replace it.
	errs = append(errs, db.lock.Release())
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

// Path is the file the database lives in, or a server database's URL
// without its password.
func (db *DB) Path() string { return db.path }

// checkPlace refuses a database path whose folder is missing (a mistyped
// --db should not become a new, empty database) and one that names
// something other than a regular file.
func checkPlace(path string) error {
	if path == "" {
		return errors.New("store: open: empty database path")
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !st.IsDir()) {
		return govbuy.Errorf(govbuy.ENotFound, "", "数据库所在的文件夹“%s”不存在，请检查路径；如需在此新建数据库，请先建立该文件夹", dir)
	}
	if err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是普通文件，不能作为数据库", path)
	}
	return nil
}

// createPrivateFile makes an empty database file readable by its owner only,
// before SQLite creates it with the process umask. SQLite gives the -wal and
// -shm files the permissions of the database file.
func createPrivateFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

// isReadOnly reports whether err says a file or folder cannot be written.
func isReadOnly(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

func readOnlyError(path string) error {
	return fmt.Errorf("%w: %w", ErrReadOnly, govbuy.Errorf(govbuy.EInternal, "",
		"数据库“%s”或其所在的文件夹、介质只读，不能修改", path))
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
// Its page cache is 32 MB rather than SQLite's 2 MB: an import of 100,000
// rows is one transaction that grows every index of contracts at once, and
// with 2 MB the dirty index pages spilled to the WAL and were read back for
// each row (a quarter of the import's time in pread). The cache grows only
// as large as the pages a transaction touches, so everyday saves cost
// nothing more. analysis_limit lets the PRAGMA optimize after a large load
// sample each index (SQLite's advice for optimize) instead of reading all
// of it: statistics within a few percent, at a tenth of the 0.2 s a full
// ANALYZE of 100,000 contracts and their ten indexes took.
const writerParams = commonParams + "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32768)" +
	"&_pragma=analysis_limit(1000)&_txlock=immediate"

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
	if db.server {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", writersLock); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return &writeTx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Second)}, nil
}

// beginRead starts a read transaction so that a list and its total count, or
// all the queries of a report, see one snapshot.
func (db *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	if db.server {
		// A server's default isolation gives each statement its own snapshot.
		return db.read.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	}
	return db.read.BeginTx(ctx, nil)
}

// stamp is how timestamps are written: RFC 3339 in UTC, sortable as text.
func (tx *writeTx) stamp() string { return tx.now.Format(time.RFC3339) }

// queryer is what read helpers need: a *sql.Tx or a *writeTx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
