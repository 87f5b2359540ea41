//go:build !windows

package store_test

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe, which blocks whoever opens it to read.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}
