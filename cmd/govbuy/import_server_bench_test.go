package main

import (
	"context"
	"errors"
	"testing"

	"govbuy/internal/pgtest"
	"govbuy/store"
)

// BenchmarkImport100kServer imports the 100,000-row ledger of
// BenchmarkImport100k into an empty database on a PostgreSQL server started
// for it (make bench prints it beside the file's figures). It is skipped
// where the server's programs are not installed.
func BenchmarkImport100kServer(b *testing.B) {
	s, err := pgtest.Start()
	if errors.Is(err, pgtest.ErrNotInstalled) {
		b.Skip(err)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer s.Stop()
	path := benchLedger(b)
	var peak float64
	for range b.N {
		db := freshServerDB(b, s)
		peak = max(peak, peakHeap(b, func() { govbuyImport(b, db, path) }))
		db.Close()
	}
	b.ReportMetric(peak, "peak-heap-MB")
}

func freshServerDB(b *testing.B, s *pgtest.Server) *store.DB {
	b.StopTimer()
	defer b.StartTimer()
	url, err := s.NewDatabase(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(url)
	if err != nil {
		b.Fatal(err)
	}
	return db
}
