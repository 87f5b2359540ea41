package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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

// peakHeap samples the heap while fn runs and returns the largest figure,
// the memory an import needs at its worst moment. It collects first: the
// heap in use counts garbage too, and the previous run's plan (about
// 100 MB) otherwise lands in this run's figure whenever the collector has
// not yet run between them. The collection is not timed.
func peakHeap(b *testing.B, fn func()) (peakMB float64) {
	b.StopTimer()
	runtime.GC()
	b.StartTimer()
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
	return float64(peak.Load()) / (1 << 20)
}

// BenchmarkImport100k measures a 100,000-row ledger imported side by side
// with the floors DESIGN.md names: the same file read row by row with
// excelize's streaming reader, and the same rows inserted with one prepared
// statement in one transaction — into a plain table without indexes or
// triggers (floor-plain, the target's), and into govbuy's own contracts
// table (floor-schema, which shows what the schema costs). make bench
// prints both ratios.
//
// The target's ratio is measured in pairs: each iteration imports with
// govbuy and runs the plain floor back to back, in alternating order, and
// the ratio reported is the median of the pairs'. A shared machine's speed
// drifts over the minute the three benchmarks take in turn (the plain
// floor alone has measured 3.4 s and 5.5 s an hour apart), which a ratio
// of two separate runs reads as govbuy's own.
func BenchmarkImport100k(b *testing.B) {
	limitMemory() // as main does: the import is measured as the program runs it
	path := benchLedger(b)
	b.Run("paired", func(b *testing.B) {
		var plain, mine time.Duration
		var ratios []float64
		var peak float64
		runPlain := func() time.Duration { return plainFloor(b, path) }
		runMine := func() time.Duration {
			var d time.Duration
			peak = max(peak, peakHeap(b, func() { d = timedImport(b, path) }))
			return d
		}
		for i := range b.N {
			var p, g time.Duration
			if i%2 == 0 {
				p, g = runPlain(), runMine()
			} else {
				g, p = runMine(), runPlain()
			}
			plain, mine = plain+p, mine+g
			ratios = append(ratios, float64(g)/float64(p))
		}
		n := float64(b.N)
		b.ReportMetric(plain.Seconds()/n, "floor-plain-s")
		b.ReportMetric(mine.Seconds()/n, "govbuy-s")
		b.ReportMetric(median(ratios), "median-ratio")
		b.ReportMetric(peak, "peak-heap-MB")
	})
	b.Run("floor-schema", func(b *testing.B) {
		var d time.Duration
		for range b.N {
			db := freshDB(b)
			d += timed(func() { floorImport(b, db, path) })
			db.Close()
		}
		b.ReportMetric(d.Seconds()/float64(b.N), "floor-schema-s")
	})
}

func timed(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// plainFloor runs the plain floor on a fresh database and returns its
// time alone.
func plainFloor(b *testing.B, path string) time.Duration {
	conn := plainDB(b)
	defer conn.Close()
	return timed(func() { floorRows(b, conn, plainInsert, path) })
}

// timedImport imports the ledger into a fresh database and returns the
// import's time alone.
func timedImport(b *testing.B, path string) time.Duration {
	db := freshDB(b)
	defer db.Close()
	return timed(func() { govbuyImport(b, db, path) })
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
