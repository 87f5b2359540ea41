package reports_test

import (
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"govbuy"
	"govbuy/reports"
	"govbuy/reports/internal/reporttest"
)

// BenchmarkDemoSizeReport writes the workbook and the PDF of a year the
// size of the demo district: 61 units, 72 contracts. Target: under 0.3 s.
func BenchmarkDemoSizeReport(b *testing.B) {
	benchmarkReport(b, reporttest.Generated(72, 61))
}

// BenchmarkReport100k writes the workbook and the PDF of a year of 100,000
// contracts (about 3,000 PDF pages). Target: under 2 s and 300 MB.
func BenchmarkReport100k(b *testing.B) {
	benchmarkReport(b, reporttest.Generated(100_000, 61))
}

// benchmarkReport measures each writer and both in a row, as the report
// command runs them. peak-MB is the most memory the Go runtime held from
// the system while writing, the model included.
func benchmarkReport(b *testing.B, r *govbuy.Report) {
	writers := map[string]func(io.Writer, *govbuy.Report) error{
		"xlsx": reports.WriteXLSX,
		"pdf":  reports.WritePDF,
		"both": func(w io.Writer, r *govbuy.Report) error {
			if err := reports.WriteXLSX(w, r); err != nil {
				return err
			}
			return reports.WritePDF(w, r)
		},
	}
	for _, name := range []string{"xlsx", "pdf", "both"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC()
			peak := watchMemory()
			for b.Loop() {
				if err := writers[name](io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak()>>20), "peak-MB")
		})
	}
}

// watchMemory samples the memory the runtime holds until the returned
// function is called, which gives the largest sample.
func watchMemory() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64() - released()
	}
	var (
		mu   sync.Mutex
		peak = read()
		stop = make(chan struct{})
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				v := read()
				mu.Lock()
				peak = max(peak, v)
				mu.Unlock()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// released is the memory the runtime has handed back to the system.
func released() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
