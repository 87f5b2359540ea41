package store

import (
	"context"
	"path/filepath"
	"testing"

	"govbuy"
	"govbuy/internal/benchdata"
)

// contractIndexes counts the indexes of contracts a CREATE INDEX made, as
// q sees them.
func contractIndexes(t *testing.T, q queryer) int {
	t.Helper()
	var n int
	if err := q.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM sqlite_master
		WHERE type = 'index' AND tbl_name = 'contracts' AND sql IS NOT NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func openBulkDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "bulk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A load defers the indexes only when it is large and adds at least what
// the table holds; either way the schema is ours again once it is done.
func TestDeferIndexes(t *testing.T) {
	ctx := context.Background()
	db := openBulkDB(t)
	if err := db.LoadDataset(ctx, benchdata.Dataset(bulkRows+10), false); err != nil {
		t.Fatal(err)
	}
	all := contractIndexes(t, db.read)
	if all < 10 {
		t.Fatalf("contracts has %d indexes", all)
	}
	for _, tc := range []struct {
		adding, left int
	}{
		{bulkRows - 1, all}, // small: grown row by row
		{bulkRows, all},     // fewer than the table's bulkRows+10
		{bulkRows + 10, 0},  // as many as it holds
		{10 * bulkRows, 0},  // many more
	} {
		tx, err := db.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rebuild, err := deferIndexes(ctx, tx, "contracts", tc.adding)
		if err != nil {
			t.Fatal(err)
		}
		if n := contractIndexes(t, tx); n != tc.left {
			t.Errorf("adding %d: %d indexes left during the load, want %d", tc.adding, n, tc.left)
		}
		if n := contractIndexes(t, db.read); n != all {
			t.Errorf("adding %d: another connection sees %d indexes, want %d", tc.adding, n, all)
		}
		if err := rebuild(); err != nil {
			t.Fatal(err)
		}
		if err := checkSchema(ctx, tx, "bulk", LatestSchemaVersion()); err != nil {
			t.Errorf("adding %d: after rebuilding: %v", tc.adding, err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
	}
}

// A bulk import that fails at its last row writes nothing and leaves every
// index in place; one that succeeds leaves the schema exactly ours.
func TestBulkImportIndexes(t *testing.T) {
	ctx := context.Background()
	db := openBulkDB(t)
	ds := benchdata.Dataset(bulkRows)
	last := &ds.Contracts[len(ds.Contracts)-1]
	number := last.Number
	last.Number = ds.Contracts[0].Number
	_, err := db.ImportDataset(ctx, ds, govbuy.ImportBatch{Files: []string{"bulk.xlsx"}})
	if govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Fatalf("duplicate number: %v", err)
	}
	if n, err := countRows(ctx, db.read, "SELECT COUNT(*) FROM contracts"); err != nil || n != 0 {
		t.Errorf("failed import left %d contracts (%v)", n, err)
	}
	if err := checkSchema(ctx, db.read, "bulk", LatestSchemaVersion()); err != nil {
		t.Errorf("after the failed import: %v", err)
	}
	last.Number = number
	b, err := db.ImportDataset(ctx, ds, govbuy.ImportBatch{Files: []string{"bulk.xlsx"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts["contracts"] != bulkRows {
		t.Errorf("imported %v", b.Counts)
	}
	if err := checkSchema(ctx, db.read, "bulk", LatestSchemaVersion()); err != nil {
		t.Errorf("after the import: %v", err)
	}
}
