package store

import (
	"context"
	"database/sql"
	"testing"

	"govbuy"
)

// A multi-row INSERT leaves out the defaulted columns its contracts do not
// fill, so each such column's default must be exactly what a contract
// without the field binds: ” for text, 0 for a number, NULL for an id.
func TestDefaultedContractColumnsDefaultToTheirZero(t *testing.T) {
	db := openBulkDB(t)
	defaults := map[string]sql.NullString{}
	rows, err := db.read.QueryContext(context.Background(), `SELECT name, dflt_value FROM pragma_table_info('contracts')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var dflt sql.NullString
		if err := rows.Scan(&name, &dflt); err != nil {
			t.Fatal(err)
		}
		defaults[name] = dflt
	}
	zero := insertContractArgs(&govbuy.Contract{}, "", 0)
	if len(zero) != len(contractColumns) {
		t.Fatalf("%d values for %d columns", len(zero), len(contractColumns))
	}
	for i, col := range contractColumns {
		dflt, ok := defaults[col.name]
		if !ok {
			t.Errorf("column %s is not in contracts", col.name)
			continue
		}
		if !col.defaulted {
			continue
		}
		want := map[any]sql.NullString{"": {String: "''", Valid: true}, 0: {String: "0", Valid: true},
			int64(0): {String: "0", Valid: true}, sql.NullInt64{}: {}}[zero[i]]
		if !zeroArg(zero[i]) || dflt != want {
			t.Errorf("column %s: default %v, a contract without it binds %#v", col.name, dflt, zero[i])
		}
	}
}

// A batch of contracts that fill few fields names only those columns.
func TestBatchNamesTheColumnsItsContractsFill(t *testing.T) {
	b := newContractBatch(&loader{}, "2024-01-01T00:00:00Z", &DatasetCounts{})
	ctx := context.Background()
	c := govbuy.Contract{Number: "N-1", Year: 2024, Title: "保洁", Amount: 100, Start: govbuy.Day(2024, 1, 1)}
	if err := b.add(ctx, 0, &c); err != nil {
		t.Fatal(err)
	}
	want := "INSERT INTO contracts (number, year, unit_id, contractor_id, kind, title, method, amount, start_date, funding, status, " +
		"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, number"
	if got := insertContractsSQL(b.used, len(b.rows), true); got != want {
		t.Errorf("batch SQL\n%s\nwant\n%s", got, want)
	}
}
