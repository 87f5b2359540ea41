package app

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A fast scroll over a long list queries only near where it stops, and the
// cache stays bounded.
func TestPagerSkipsPagesScrolledPast(t *testing.T) {
	test.NewTempApp(t)
	const total = 100_000
	var fetches atomic.Int64
	var gate sync.WaitGroup
	gate.Add(1)
	fetch := func(_ context.Context, offset, limit int) ([]int, int, error) {
		gate.Wait() // hold the first queries while the "scroll" runs
		fetches.Add(1)
		rows := make([]int, limit)
		for i := range rows {
			rows[i] = offset + i
		}
		return rows, total, nil
	}
	tk := &tasks{}
	u := &UI{sh: &shell{tasks: tk}}
	p := newPager[int](context.Background(), tk, func(error) {})
	p.reset(fetch)
	gate.Done()
	waitIdle(t, u)

	gate.Add(1)
	for row := 0; row < total; row += 97 { // one row per frame of a fast scroll
		p.row(row)
	}
	gate.Done()
	waitIdle(t, u)

	t.Logf("%d queries", fetches.Load())
	if n := fetches.Load(); n > 2*maxFetches+3 {
		t.Errorf("%d queries for a scroll that stopped at the end", n)
	}
	if r, ok := p.row(total - 1); !ok || r != total-1 {
		t.Errorf("last row %d, %v", r, ok)
	}
	if len(p.pages) > maxPages {
		t.Errorf("%d pages cached", len(p.pages))
	}
}
