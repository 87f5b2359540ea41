//go:build unix

package importer

import (
	"os"
	"syscall"
)

// openNoBlock opens path for reading without waiting: should the path have
// become a FIFO since it was looked at, open returns at once instead of
// waiting for a writer. O_NONBLOCK changes nothing for a regular file.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
