package app

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// tasks runs slow work (every store call) off the UI goroutine and applies
// its result on it, so a 100,000-row query never freezes the window. It
// counts the work in flight, which lets tests wait for a settled window
// instead of sleeping.
type tasks struct {
	pending atomic.Int64
	// applying is held while a result is applied. On the real driver
	// fyne.Do already runs one callback at a time; Fyne's test driver runs
	// each on the worker goroutine, and this keeps them from overlapping.
	applying sync.Mutex
	// settled, when set, is called once, the first time no work is left in
	// flight: the moment the window first shows its data.
	settled     func()
	settledOnce sync.Once
}

// run calls work on a new goroutine, then the function it returns, if any,
// on the UI goroutine. The task counts as pending until that has run.
func (t *tasks) run(work func() (apply func())) {
	t.pending.Add(1)
	go func() {
		defer t.done()
		if apply := work(); apply != nil {
			t.apply(apply)
		}
	}()
}

func (t *tasks) done() {
	if t.pending.Add(-1) == 0 && t.settled != nil {
		t.settledOnce.Do(t.settled)
	}
}

// debounced returns a trigger that calls fn on the UI goroutine once the
// trigger has not been pulled for d, so a search runs once per pause in
// typing rather than once per keystroke.
func (t *tasks) debounced(d time.Duration, fn func()) func() {
	var mu sync.Mutex
	var timer *time.Timer
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if timer != nil && timer.Stop() {
			t.pending.Add(-1) // the stopped call will never run
		}
		t.pending.Add(1)
		timer = time.AfterFunc(d, func() {
			defer t.pending.Add(-1)
			t.apply(fn)
		})
	}
}

// apply runs fn on the UI goroutine, one result at a time.
func (t *tasks) apply(fn func()) {
	fyne.DoAndWait(func() {
		t.applying.Lock()
		defer t.applying.Unlock()
		fn()
	})
}
