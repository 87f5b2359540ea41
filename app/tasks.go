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
}

// run calls work on a new goroutine, then the function it returns, if any,
// on the UI goroutine. The task counts as pending until that has run.
func (t *tasks) run(work func() (apply func())) {
	t.pending.Add(1)
	go func() {
		defer t.pending.Add(-1)
		if apply := work(); apply != nil {
			fyne.DoAndWait(apply)
		}
	}()
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
			fyne.DoAndWait(fn)
		})
	}
}
