package importer

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/internal/benchdata"
)

// benchRows is the size of the ledger the performance target names.
const benchRows = 100_000

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchLedger writes the 100,000-row ledger once per test binary.
func benchLedger(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "govbuy-bench-")
		if benchErr == nil {
			benchPath = filepath.Join(benchDir, "ledger-100k.xlsx")
			writeBenchLedger(b, benchPath, benchRows)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// writeBenchLedger writes the benchmark's ledger of n rows.
func writeBenchLedger(t testing.TB, path string, n int) {
	t.Helper()
	if err := benchdata.WriteLedgerXLSX(path, n); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkFloorRead is the reading half of the DESIGN.md floor: the
// ledger read row by row with excelize's streaming reader, raw values,
// nothing done with them.
func BenchmarkFloorRead(b *testing.B) {
	path := benchLedger(b)
	b.ResetTimer()
	for range b.N {
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
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
			n += len(cols)
		}
		if err := rows.Close(); err != nil {
			b.Fatal(err)
		}
		f.Close()
		if n < benchRows*9 {
			b.Fatalf("read %d cells", n)
		}
	}
}

// BenchmarkImportPlan is the importer's whole path up to the store:
// ReadFile and Plan against an in-memory lookup. heap-MB is the heap the
// workbook and plan hold once built.
func BenchmarkImportPlan(b *testing.B) {
	path := benchLedger(b)
	lookup := &memLookup{contracts: map[string]*govbuy.ContractRow{}}
	b.ResetTimer()
	var p *Plan
	var wb *Workbook
	for range b.N {
		var err error
		wb, err = ReadFile(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		p, err = PlanWorkbook(context.Background(), wb, Options{}, lookup)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Problems) != 0 || len(p.Dataset.Contracts) != benchRows {
			b.Fatalf("problems %v, contracts %d", p.Problems[:min(3, len(p.Problems))], len(p.Dataset.Contracts))
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	runtime.KeepAlive(wb)
	runtime.KeepAlive(p)
}

// TestBenchLedgerPlans keeps the benchmark honest: a small ledger of the
// same shape imports completely and without problems.
func TestBenchLedgerPlans(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	writeBenchLedger(t, path, 2000)
	_, p := readAndPlan(t, path, Options{}, &memLookup{})
	if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 2000 || len(p.Dataset.Contractors) != 500 || len(p.Dataset.Units) != 61 {
		t.Fatalf("problems %v; contracts %d contractors %d units %d", p.Problems, len(p.Dataset.Contracts), len(p.Dataset.Contractors), len(p.Dataset.Units))
	}
	c := p.Dataset.Contracts[1]
	if c.Amount != 1_000_100 || !c.Start.Equal(govbuy.Day(2024, 1, 2)) {
		t.Errorf("contract 2 = %+v", c)
	}
}
