//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportRefusesAFIFOAtOnce: a FIFO named .csv is refused before it is
// opened, so the command cannot wait forever for a writer.
func TestImportRefusesAFIFOAtOnce(t *testing.T) {
	dir := t.TempDir()
	db := seededDB(t, dir)
	before := dbSnapshot(t, db)
	fifo := filepath.Join(dir, "管道.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := govbuyCmd(t, "--db", db, "import", fifo)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		want := "“管道.csv”不是普通文件（而是管道、设备等特殊文件），无法导入"
		if r.code != exitInput || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
		}
	case <-time.After(10 * time.Second):
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close() // lets the stuck open go
		}
		t.Fatal("import still waiting on the FIFO after 10 s")
	}
	if after := dbSnapshot(t, db); after != before {
		t.Error("a refused import changed the database")
	}
}
