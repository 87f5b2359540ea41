package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"govbuy/internal/benchdata"
	"govbuy/store"
)

// BenchmarkReportCommand100k is the DESIGN.md target as an officer meets
// it: `govbuy report --year 2024 --xlsx --pdf` on a district of 100,000
// contracts, all of them listed in the year — the model read from SQLite
// and both files written into place, side by side. Target: under 2 s;
// peak-heap-MB is the most heap it held.
func BenchmarkReportCommand100k(b *testing.B) {
	dir := b.TempDir()
	dbPath := filepath.Join(dir, "bench.db")
	db, err := store.Open(dbPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.LoadDataset(context.Background(), benchdata.Dataset(100_000), true); err != nil {
		b.Fatal(err)
	}
	db.Close()
	args := []string{"--db", dbPath, "report", "--year", "2024",
		"--xlsx", filepath.Join(dir, "report.xlsx"), "--pdf", filepath.Join(dir, "report.pdf")}
	b.ReportMetric(peakHeap(b, func() {
		for b.Loop() {
			if code := run(context.Background(), args, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("report exited %d", code)
			}
		}
	}), "peak-heap-MB")
}
