package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repoRoot is the directory holding go.mod, found upwards from the test's
// working directory.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// corpusRead is how many files of the corpus the readers read, the rest
// being refused with a message (305 of its 330 when this was written): a
// reader that refuses or loses a file it used to read fails the test.
const corpusRead = 305

// TestCorpus reads every file of the shared robustness corpus (Apache POI's
// spreadsheet test files, many broken on purpose): each must be read or
// refused with a message within 5 s, and never panic; a file read must also
// plan without panicking.
func TestCorpus(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpus", "spreadsheets")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	const limit = 5 * time.Second
	read, refused := 0, 0
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		type outcome struct {
			err   error
			panic any
		}
		done := make(chan outcome, 1)
		start := time.Now()
		go func() {
			defer func() {
				if r := recover(); r != nil {
					done <- outcome{panic: r}
				}
			}()
			ctx, cancel := context.WithTimeout(context.Background(), limit)
			defer cancel()
			wb, err := ReadFile(ctx, path)
			if err == nil {
				for _, as := range Kinds {
					if _, perr := PlanWorkbook(ctx, wb, Options{As: as}, nil); perr != nil {
						err = fmt.Errorf("plan: %w", perr)
						break
					}
				}
			}
			done <- outcome{err: err}
		}()
		timer := time.NewTimer(limit + time.Second)
		select {
		case o := <-done:
			timer.Stop()
			switch {
			case o.panic != nil:
				t.Errorf("%s: panic: %v", e.Name(), o.panic)
			case o.err != nil:
				refused++
				msg := o.err.Error()
				var fe *FileError
				if msg == "" || !errors.As(o.err, &fe) || strings.Contains(msg, "\n") {
					t.Errorf("%s: refusal is not a one-line message: %q (%T)", e.Name(), msg, o.err)
				}
				t.Logf("%-50s refused in %v: %s", e.Name(), time.Since(start).Round(time.Millisecond), msg)
			default:
				read++
			}
		case <-timer.C:
			t.Errorf("%s: no answer within %v", e.Name(), limit)
		}
	}
	t.Logf("corpus: %d read, %d refused", read, refused)
	if read < corpusRead {
		t.Errorf("corpus: %d files read, %d refused; want at least %d read", read, refused, corpusRead)
	}
}
