package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// The 100,000-contract database is built once per test binary run and shared
// by the benchmarks; TestMain removes it.
const (
	benchUnits       = 60
	benchContractors = 3000
	benchContracts   = 100_000
)

var (
	bigOnce sync.Once
	bigDir  string
	bigPath string
	bigErr  error
)

func TestMain(m *testing.M) {
	stop, err := startTestServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	stop()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// bigDB opens the shared 100k database, seeding it on first use.
func bigDB(b *testing.B) *store.DB {
	b.Helper()
	bigOnce.Do(func() {
		if bigDir, bigErr = os.MkdirTemp("", "govbuy-bench-"); bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "big.db")
		start := time.Now()
		bigErr = seedBig(bigPath)
		fmt.Fprintf(os.Stderr, "seeded %d contracts in %v\n", benchContracts, time.Since(start).Round(time.Millisecond))
		if bigErr == nil && onServer() {
			start = time.Now()
			bigPath, bigErr = moveToServer(b, bigPath)
			fmt.Fprintf(os.Stderr, "migrated them to the server in %v\n", time.Since(start).Round(time.Millisecond))
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	db, err := store.Open(bigPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// seedBig creates the schema through store.Open, then inserts every row with
// one prepared statement per table in one transaction, as fast as SQLite goes.
func seedBig(path string) error {
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	if err := db.SetDistrict(context.Background(), "基准区"); err != nil {
		return err
	}
	db.Close()

	raw, err := sql.Open("sqlite", "file://"+(&url.URL{Path: filepath.ToSlash(path)}).EscapedPath()+
		"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer raw.Close()
	tx, err := raw.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := seedRows(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = raw.Exec("ANALYZE")
	return err
}

func seedRows(tx *sql.Tx) error {
	const stamp = "2024-01-01T00:00:00Z"
	rng := rand.New(rand.NewPCG(2024, 1987))
	units, err := tx.Prepare("INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (?, ?, '行政单位', ?, ?)")
	if err != nil {
		return err
	}
	for i := 1; i <= benchUnits; i++ {
		if _, err := units.Exec(i, fmt.Sprintf("区第%02d局", i), stamp, stamp); err != nil {
			return err
		}
	}
	types := []govbuy.ContractorType{govbuy.TypeEnterprise, govbuy.TypeSocialOrg, govbuy.TypeIndividual}
	ks, err := tx.Prepare("INSERT INTO contractors (id, name, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	for i := 1; i <= benchContractors; i++ {
		if _, err := ks.Exec(i, fmt.Sprintf("承接主体%04d服务有限公司", i), string(types[i%3]), stamp, stamp); err != nil {
			return err
		}
	}
	var catalogIDs []int64
	rows, err := tx.Query("SELECT id FROM catalog WHERE parent_id IS NOT NULL")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		catalogIDs = append(catalogIDs, id)
	}
	rows.Close()

	contracts, err := tx.Prepare(`INSERT INTO contracts (id, number, year, unit_id, contractor_id, catalog_id, kind,
		title, headcount, method, amount, start_date, end_date, funding, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '执行中', ?, ?)`)
	if err != nil {
		return err
	}
	payments, err := tx.Prepare(`INSERT INTO payments (contract_id, date, amount, period, created_at)
		VALUES (?, ?, ?, '', ?)`)
	if err != nil {
		return err
	}
	// Every fourth contract is assessed by quarter and paid by score, so the
	// report prices 25,000 plans and 100,000 assessments.
	plans, err := tx.Prepare(`INSERT INTO plans (contract_id, period, criteria, bands, rule, installments, updated_at)
		VALUES (?, '季', '[{"name":"服务质量","points":60},{"name":"群众满意度","points":40}]',
		'{"Excellent":90,"Good":80,"Fair":60}', '{"kind":"proportional"}', '{}', ?)`)
	if err != nil {
		return err
	}
	assessments, err := tx.Prepare(`INSERT INTO assessments (contract_id, period, score, date, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	methods := govbuy.Methods
	funds := govbuy.FundingSources
	for i := 1; i <= benchContracts; i++ {
		year := 2020 + i%5
		kind, headcount := "project", 0
		if i%3 == 0 {
			kind, headcount = "post", 1+rng.IntN(20)
		}
		amount := int64(100_000 + rng.IntN(500_000_000))
		var catalog any
		if i%7 != 0 {
			catalog = catalogIDs[rng.IntN(len(catalogIDs))]
		}
		if _, err := contracts.Exec(i, fmt.Sprintf("%d-%06d", year, i), year, 1+rng.IntN(benchUnits),
			1+rng.IntN(benchContractors), catalog, kind, fmt.Sprintf("服务事项%03d", rng.IntN(400)), headcount,
			string(methods[rng.IntN(len(methods))]), amount, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year),
			string(funds[rng.IntN(len(funds))]), stamp, stamp); err != nil {
			return err
		}
		// Half in the contract's year, half early the next year.
		half := amount / 2
		if _, err := payments.Exec(i, fmt.Sprintf("%d-06-30", year), half, stamp); err != nil {
			return err
		}
		if _, err := payments.Exec(i, fmt.Sprintf("%d-01-15", year+1), amount-half, stamp); err != nil {
			return err
		}
		if i%4 != 0 {
			continue
		}
		if _, err := plans.Exec(i, stamp); err != nil {
			return err
		}
		for q := 1; q <= 4; q++ {
			date := fmt.Sprintf("%d-%02d-28", year, 3*q)
			if _, err := assessments.Exec(i, fmt.Sprintf("%dQ%d", year, q), 700+rng.IntN(301), date, stamp, stamp); err != nil {
				return err
			}
		}
	}
	return nil
}

func BenchmarkFindContractsPage(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	cases := []struct {
		name string
		f    govbuy.ContractFilter
	}{
		{"year+search", govbuy.ContractFilter{Year: 2024, Search: "服务事项12", Sort: "amount", Desc: true, Limit: 50}},
		{"year+unit", govbuy.ContractFilter{Year: 2024, UnitID: 17, Sort: "amount", Desc: true, Limit: 50}},
		{"year", govbuy.ContractFilter{Year: 2024, Sort: "amount", Desc: true, Limit: 50}},
		{"year+page200", govbuy.ContractFilter{Year: 2024, Sort: "amount", Desc: true, Offset: 10_000, Limit: 50}},
		{"all+sort-unit", govbuy.ContractFilter{Sort: "unit", Limit: 50}},
		{"all+sort-contractor", govbuy.ContractFilter{Sort: "contractor", Limit: 50}},
		{"all+sort-contractor-page200", govbuy.ContractFilter{Sort: "contractor", Offset: 10_000, Limit: 50}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var rows []govbuy.ContractRow
			var total int
			for b.Loop() {
				var err error
				if rows, total, err = db.FindContracts(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
			if len(rows) != 50 || total < 50 {
				b.Fatalf("page of %d, total %d", len(rows), total)
			}
		})
	}
}

// BenchmarkSumContracts is the 合计 row of the contract list, asked once
// per new query beside its first page.
func BenchmarkSumContracts(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for _, f := range []govbuy.ContractFilter{{}, {Year: 2024}, {Year: 2024, Search: "服务事项12"}} {
		b.Run(fmt.Sprintf("year%d+search%q", f.Year, f.Search), func(b *testing.B) {
			for b.Loop() {
				if t, err := db.SumContracts(ctx, f); err != nil || t["amount"] <= 0 {
					b.Fatal(t, err)
				}
			}
		})
	}
}

func BenchmarkReport100k(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	var r *govbuy.Report
	for b.Loop() {
		var err error
		if r, err = db.Report(ctx, 2024); err != nil {
			b.Fatal(err)
		}
	}
	if r.Totals.Contracts != benchContracts/5 {
		b.Fatalf("report counted %d contracts", r.Totals.Contracts)
	}
	checkReportAddsUp(b, r)
}

func BenchmarkFindUnits100k(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := db.FindUnits(ctx, govbuy.UnitFilter{Year: 2024, Sort: "amount", Desc: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindContractors100k(b *testing.B) {
	db := bigDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := db.FindContractors(ctx, govbuy.ContractorFilter{Year: 2024, Sort: "amount", Desc: true, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// workbenchLimit is how many items of a list the window shows.
const workbenchLimit = 200

// BenchmarkWorkbench100k is the first screen's load: every contract of the
// open years settled, with what is due on 1 December 2024 — the 2024
// contracts end within the month, and every quarterly contract has its
// assessed quarters unpaid, since the seeded payments name no period.
func BenchmarkWorkbench100k(b *testing.B) {
	db := bigDB(b)
	db.Now = func() time.Time { return time.Date(2024, 12, 1, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	var w *govbuy.Workbench
	for b.Loop() {
		var err error
		if w, err = db.Workbench(ctx, 2024, workbenchLimit); err != nil {
			b.Fatal(err)
		}
	}
	ending := w.Due[govbuy.DueContractEnd]
	if w.Glance.Contracts != benchContracts/5 || ending.Total != benchContracts/5 || len(ending.Items) != workbenchLimit {
		b.Fatalf("workbench counted %d contracts of 2024, %d ending, kept %d", w.Glance.Contracts, ending.Total, len(ending.Items))
	}
}

// moveToServer migrates the seeded file into a new server database, as
// govbuy migrate does, and refreshes the server's statistics; the server
// run of the benchmarks reads from there.
func moveToServer(b *testing.B, file string) (string, error) {
	url := newDatabase(b, "")
	src, err := store.Open(file)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := store.Open(url)
	if err != nil {
		return "", err
	}
	defer dst.Close()
	if _, err := src.MigrateInto(context.Background(), dst, file); err != nil {
		return "", err
	}
	raw, err := store.OpenRaw(url)
	if err != nil {
		return "", err
	}
	defer raw.Close()
	_, err = raw.Exec("ANALYZE")
	return url, err
}
