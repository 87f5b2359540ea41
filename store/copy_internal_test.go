package store

import (
	"context"
	"database/sql"
	"maps"
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

// The inserts that return their id are those into the tables with an id.
func TestIdentityTablesReadFromTheMigrations(t *testing.T) {
	want := []string{"assessments", "audit_log", "catalog", "contract_supplements", "contractor_names",
		"contractors", "contracts", "fee_standards", "import_batches", "inspections", "payment_requests",
		"payments", "qualifications", "unit_names", "units", "users"}
	got := slices.Sorted(maps.Keys(identityTables))
	if !slices.Equal(got, want) {
		t.Errorf("identity tables %v, want %v", got, want)
	}
	for q, want := range map[string]bool{
		"INSERT INTO units (name) VALUES ($1)":                 true,
		"\n\t\tINSERT INTO payments (contract_id) VALUES ($1)": true,
		"INSERT INTO settings (key, value) VALUES ($1, $2)":    false,
		"INSERT INTO units (name) VALUES ($1) RETURNING id":    false,
		"UPDATE units SET name = $1":                           false,
	} {
		if returnsID(q) != want {
			t.Errorf("returnsID(%q) = %v", q, !want)
		}
	}
}
