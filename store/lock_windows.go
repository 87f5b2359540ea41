//go:build windows

package store

import (
	"os"

	"golang.org/x/sys/windows"
)

// The locked byte lies far past the holder's description at the start of
// the file: Windows locks are mandatory, and a second window must still be
// able to read who holds the database.
func lockFile(f *os.File) error {
	ol := windows.Overlapped{OffsetHigh: 1}
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

func unlockFile(f *os.File) {
	ol := windows.Overlapped{OffsetHigh: 1}
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
