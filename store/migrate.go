package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"govbuy"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema step, 0001_init.sql being version 1.
type migration struct {
	version int
	name    string
	sql     string
}

// afterMigration holds Go steps that belong to a migration and run in its
// transaction, after its SQL: data that is easier to write from Go.
var afterMigration = map[int]func(context.Context, *writeTx) error{
	1: ensureDefaultCatalog,
}

// afterServerMigration is afterMigration for a server database, whose first
// migration makes schema 12 at once.
var afterServerMigration = map[int]func(context.Context, *writeTx) error{
	12: ensureDefaultCatalog,
}

// loadMigrations reads a file's migrations in version order; the numbers
// must run 1, 2, 3… without gaps so a version always names the same schema.
func loadMigrations() ([]migration, error) {
	return readMigrations(migrationFiles, "migrations", 1)
}

// loadServerMigrations reads a server database's migrations: the first
// makes the whole schema of its version at once, each later one is the twin
// of the file migration with its number.
func loadServerMigrations() ([]migration, error) {
	return readMigrations(pgMigrationFiles, "pgmigrations", 0)
}

// readMigrations reads dir's numbered .sql files; versions follow each
// other from first (0: from whatever the first file is).
func readMigrations(files fs.FS, dir string, first int) ([]migration, error) {
	names, err := fs.Glob(files, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, dir+"/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", base)
		}
		body, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	if first == 0 && len(ms) > 0 {
		first = ms[0].version
	}
	for i, m := range ms {
		if m.version != first+i {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, first+i)
		}
	}
	return ms, nil
}

// LatestSchemaVersion is the schema version this program writes.
func LatestSchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies the migrations the database has not seen yet, each in its
// own transaction, and refuses a database made by a newer program.
func (db *DB) migrate(ctx context.Context) error {
	return db.migrateTo(ctx, LatestSchemaVersion())
}

// migrateTo applies the migrations up to version target.
func (db *DB) migrateTo(ctx context.Context, target int) error {
	ms, err := db.migrations()
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	current, err := db.userVersion(ctx, db.write)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if latest := LatestSchemaVersion(); current > latest {
		return govbuy.Errorf(govbuy.EConflict, "", "数据库版本(%d)比本程序(%d)新，请升级程序", current, latest)
	}
	for _, m := range ms {
		if m.version <= current || m.version > target {
			continue
		}
		if err := db.applyMigration(ctx, m); err != nil {
			return fmt.Errorf("store: migrate %s: %w", m.name, err)
		}
	}
	return nil
}

func (db *DB) migrations() ([]migration, error) {
	if db.server {
		return loadServerMigrations()
	}
	return loadMigrations()
}

func (db *DB) applyMigration(ctx context.Context, m migration) error {
	// Migrations run before anyone can sign in.
	tx, err := db.beginWriteAnyone(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	after := afterMigration
	if db.server {
		after = afterServerMigration
	}
	if step := after[m.version]; step != nil {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, tx.stamp()); err != nil {
		return err
	}
	if !db.server {
		// PRAGMA takes no parameters; the version is an int we produced.
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.version)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SchemaVersion returns the schema version of the open database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := db.userVersion(ctx, db.read)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// userVersion is the schema version: SQLite's user_version, or on a server
// the newest migration recorded (0 for an empty database).
func (db *DB) userVersion(ctx context.Context, q queryer) (int, error) {
	if !db.server {
		return userVersion(ctx, q)
	}
	var exists bool
	if err := q.QueryRowContext(ctx, "SELECT to_regclass('schema_migrations') IS NOT NULL").Scan(&exists); err != nil || !exists {
		return 0, err
	}
	var v int
	err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// ensureDefaultCatalog inserts the items of govbuy.DefaultCatalog whose code
// is missing, linking each to its parent by code. It leaves items the
// district renamed or added alone.
func ensureDefaultCatalog(ctx context.Context, tx *writeTx) error {
	for _, it := range govbuy.DefaultCatalog {
		parent := govbuy.CatalogParentCode(it.Code)
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO catalog (parent_id, code, name, kind)
			VALUES ((SELECT id FROM catalog WHERE code = ? AND ? <> ''), ?, ?, ?)
			ON CONFLICT (code) DO NOTHING`,
			parent, parent, it.Code, it.Name, string(it.Kind)); err != nil {
			return fmt.Errorf("seed catalog %s: %w", it.Code, err)
		}
	}
	return nil
}

// requireLatestSchema refuses a database that a read-only open cannot bring
// up to date, rather than read it with queries made for another schema.
func (db *DB) requireLatestSchema(ctx context.Context) error {
	v, err := db.userVersion(ctx, db.write)
	if err != nil {
		return wrapErr("open", err)
	}
	if latest := LatestSchemaVersion(); v != latest {
		return govbuy.Errorf(govbuy.EConflict, "", "只读数据库的结构版本(%d)与本程序(%d)不同，只读时无法升级；请复制到可写的位置打开一次后再用", v, latest)
	}
	return nil
}
