package reports_test

import (
	"io"
	"testing"

	"govbuy"
	"govbuy/reports"
)

// BenchmarkDemoSizeReport writes the workbook and the PDF of a year the
// size of the demo district: 61 units, 72 contracts. Target: under 0.3 s.
func BenchmarkDemoSizeReport(b *testing.B) {
	benchmarkReport(b, generatedReport(72, 61))
}

// BenchmarkReport100k writes the workbook and the PDF of a year of 100,000
// contracts. Target: under 2 s and 300 MB.
func BenchmarkReport100k(b *testing.B) {
	benchmarkReport(b, generatedReport(100_000, 61))
}

func benchmarkReport(b *testing.B, r *govbuy.Report) {
	b.Run("xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := reports.WriteXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := reports.WritePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("both", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := reports.WriteXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
			if err := reports.WritePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
