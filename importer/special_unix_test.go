//go:build unix

package importer

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// specialFiles makes a FIFO and a link to a device, each named like a
// spreadsheet.
func specialFiles(t *testing.T, dir string) []string {
	t.Helper()
	fifo := filepath.Join(dir, "管道.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	device := filepath.Join(dir, "设备.xlsx")
	if err := os.Symlink("/dev/null", device); err != nil {
		t.Fatal(err)
	}
	return []string{fifo, device}
}

// unblock opens a FIFO for writing, which lets a reader stuck opening it go.
func unblock(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}
