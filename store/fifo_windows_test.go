//go:build windows

package store_test

import "testing"

func mkfifo(t *testing.T, path string) {
	t.Skip("Windows has no named pipes in the file system")
}
