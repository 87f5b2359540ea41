package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"govbuy"
)

// A bureau's shared database lives on a PostgreSQL-protocol server
// (PostgreSQL itself, or the domestic databases that speak its protocol).
// The same *DB serves it: the SQL is shared (see pgdialect.go), the schema
// has its own migrations (pgmigrations/), and the few things a file does
// differently from a server — locks, VACUUM INTO, PRAGMA — branch on
// db.server where they are done.

//go:embed pgmigrations/*.sql
var pgMigrationFiles embed.FS

// IsServerURL reports whether a --db value names a server database rather
// than a file.
func IsServerURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// writersLock is the key of the transaction-scoped advisory lock every write
// transaction takes first. Writers from every PC queue on it for the length
// of one save (milliseconds), so the rules the store checks before it writes
// (a payment within its payable, a form number, a year still open) hold for
// many officers as they hold for one, with no serialization failure to retry
// and no deadlock; readers never wait for it.
const writersLock = 0x676f76627579 // "govbuy"

// openServer opens the server database at rawURL, bringing its schema up to
// date unless readOnly.
func openServer(rawURL string, readOnly bool) (*DB, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, govbuy.Errorf(govbuy.EInvalid, "", "服务器数据库地址有误：%v", describeURLError(err))
	}
	db := &DB{path: redactURL(rawURL), server: true, readOnly: readOnly, Now: time.Now,
		appName: newAppName()}
	cfg.RuntimeParams["application_name"] = db.appName
	if readOnly {
		// Opened for reading: the server refuses every write through it.
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db.serverCfg = cfg
	db.write = serverPool(writerConfig(cfg), 8)
	db.read = serverPool(cfg, 8)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, serverUnreachable(db.path, err)
	}
	if err := db.requireCCollation(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if readOnly {
		err = db.requireLatestSchema(ctx)
	} else {
		err = db.migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// writerLockWait is how long a save waits for the writers' lock (another
// officer's import, say) before it is refused, as a file's writer waits.
const writerLockWait = 30 * time.Second

// writerConfig is cfg for the writers' connections: their waits for a lock
// end, in a refusal the officer reads, instead of hanging the save.
func writerConfig(cfg *pgx.ConnConfig) *pgx.ConnConfig {
	w := cfg.Copy()
	w.RuntimeParams["lock_timeout"] = fmt.Sprintf("%dms", writerLockWait.Milliseconds())
	return w
}

func serverPool(cfg *pgx.ConnConfig, n int) *sql.DB {
	pool := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	// A server restarts and a network drops: connections are renewed.
	pool.SetConnMaxIdleTime(5 * time.Minute)
	return pool
}

// requireCCollation refuses a database whose text does not sort byte by
// byte: lists, reports and their totals must come out in the same order as
// from a file, and a migrated district's report must read the same.
func (db *DB) requireCCollation(ctx context.Context) error {
	var collate, encoding string
	err := db.read.QueryRowContext(ctx, `SELECT datcollate, pg_encoding_to_char(encoding)
		FROM pg_database WHERE datname = current_database()`).Scan(&collate, &encoding)
	if err != nil {
		return wrapErr("open", err)
	}
	if (collate != "C" && collate != "POSIX") || encoding != "UTF8" {
		return govbuy.Errorf(govbuy.EInvalid, "",
			"服务器数据库的排序规则为%s、编码为%s；govbuy要求UTF8编码和C排序规则，请按README建库：CREATE DATABASE govbuy TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", collate, encoding)
	}
	return nil
}

// redactURL is the URL without its password: what Path returns and messages
// show.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

// describeURLError keeps the last clause of pgx's parse error: the clauses
// before it quote the URL, password included.
func describeURLError(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

func serverUnreachable(where string, err error) error {
	return fmt.Errorf("%w: %w", govbuy.Errorf(govbuy.EUnavailable, "",
		"无法连接服务器数据库“%s”：%s。请检查网络、服务器地址、用户名和口令（口令放在 pgpass 文件或 PGPASSWORD 中）", where, pgReason(err)), err)
}

// Server reports whether this is a shared server database rather than a
// file.
func (db *DB) Server() bool { return db.server }
