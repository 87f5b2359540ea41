package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
)

// A whole-database copy names its tables; a table a migration adds must be
// named too, or a migrate or a server's backup would leave it behind.
func TestCopyNamesEveryTable(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "govbuy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	err = eachRow(context.Background(), db.read, `SELECT name FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations' ORDER BY name`,
		func(rows *sql.Rows) error {
			var name string
			err := rows.Scan(&name)
			tables = append(tables, name)
			return err
		})
	if err != nil {
		t.Fatal(err)
	}
	copied := slices.Sorted(slices.Values(copiedTables))
	if !slices.Equal(tables, copied) {
		t.Errorf("schema tables %v\ncopied tables %v", tables, copied)
	}
}
