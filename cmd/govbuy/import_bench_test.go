package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/importer"
	"govbuy/internal/benchdata"
	"govbuy/store"
)

const importBenchRows = 100_000

var (
	ledgerOnce sync.Once
	ledgerPath string
	ledgerErr  error
)

func benchLedger(b *testing.B) string {
	ledgerOnce.Do(func() {
		dir, err := os.MkdirTemp("", "govbuy-import-bench-")
		if err != nil {
			ledgerErr = err
			return
		}
		ledgerPath = filepath.Join(dir, "ledger-100k.xlsx")
		ledgerErr = benchdata.WriteLedgerXLSX(ledgerPath, importBenchRows)
	})
	if ledgerErr != nil {
		b.Fatal(ledgerErr)
	}
	return ledgerPath
}

// peakHeap samples the heap while fn runs and reports the largest figure,
// the memory an import needs at its worst moment.
func peakHeap(b *testing.B, fn func()) {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// BenchmarkImport100k measures a 100,000-row ledger imported side by side
// with the floors DESIGN.md names: the same file read row by row with
// excelize's streaming reader, and the same rows inserted with one prepared
// statement in one transaction — into a plain table without indexes or
// triggers (floor-plain, the target's), and into govbuy's own contracts
// table (floor-schema, which shows what the schema costs). make bench
// prints both ratios.
func BenchmarkImport100k(b *testing.B) {
	limitMemory() // as main does: the import is measured as the program runs it
	path := benchLedger(b)
	b.Run("floor-plain", func(b *testing.B) {
		for range b.N {
			conn := plainDB(b)
			peakHeap(b, func() { floorRows(b, conn, plainInsert, path) })
			conn.Close()
		}
	})
	b.Run("floor-schema", func(b *testing.B) {
		for range b.N {
			db := freshDB(b)
			peakHeap(b, func() { floorImport(b, db, path) })
			db.Close()
		}
	})
	b.Run("govbuy", func(b *testing.B) {
		for range b.N {
			db := freshDB(b)
			peakHeap(b, func() { govbuyImport(b, db, path) })
			db.Close()
		}
	})
}

func freshDB(b *testing.B) *store.DB {
	b.StopTimer()
	defer b.StartTimer()
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	return db
}

func govbuyImport(b *testing.B, db *store.DB, path string) {
	ctx := context.Background()
	wb, err := importer.ReadFile(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	plan, err := importer.PlanWorkbook(ctx, wb, importer.Options{}, db)
	if err != nil || len(plan.Problems) > 0 {
		b.Fatalf("plan: %v %v", err, plan.Problems)
	}
	batch, err := db.ImportDataset(ctx, plan.Dataset, govbuy.ImportBatch{Files: []string{wb.Name}})
	if err != nil {
		b.Fatal(err)
	}
	if batch.Counts["contracts"] != importBenchRows {
		b.Fatalf("imported %v", batch.Counts)
	}
}

// floorImport is the least any import must do: read every row and insert
// it. Units and contractors are one row each, the contract columns are the
// cells as read.
func floorImport(b *testing.B, db *store.DB, path string) {
	conn, err := sql.Open("sqlite", "file:"+db.Path()+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	tx, err := conn.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (1, 'u', '行政单位', '', '')`,
		`INSERT INTO contractors (id, name, type, created_at, updated_at) VALUES (1, 'k', '企业', '', '')`,
	} {
		if _, err := tx.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	floorRows(b, conn, `INSERT INTO contracts (number, year, unit_id, contractor_id, kind, title, method, amount,
		start_date, end_date, funding, status, created_at, updated_at) VALUES (?, 2024, 1, 1, 'project', ?, ?, ?, ?, ?, '', '', '', '')`, path)
}

// plainInsert fills the plain floor's table.
const plainInsert = `INSERT INTO plain (number, title, method, amount, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?)`

// plainDB is a database of one table without indexes or triggers, with
// the store's pragmas.
func plainDB(b *testing.B) *sql.DB {
	b.StopTimer()
	defer b.StartTimer()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(b.TempDir(), "plain.db")+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		b.Fatal(err)
	}
	conn.SetMaxOpenConns(1)
	if _, err := conn.Exec(`CREATE TABLE plain (number TEXT, title TEXT, method TEXT, amount TEXT, start_date TEXT, end_date TEXT)`); err != nil {
		b.Fatal(err)
	}
	return conn
}

// floorRows reads the ledger with excelize's streaming reader and inserts
// each data row with insert, prepared once, in one transaction.
func floorRows(b *testing.B, conn *sql.DB, insert, path string) {
	tx, err := conn.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(insert)
	if err != nil {
		b.Fatal(err)
	}
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		cols, err := rows.Columns()
		if err != nil {
			b.Fatal(err)
		}
		if n++; n <= 2 {
			continue // title and header
		}
		if _, err := stmt.Exec(cols[0], cols[2], cols[5], cols[8], cols[6], cols[7]); err != nil {
			b.Fatal(err)
		}
	}
	rows.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
