//go:build windows

package store

import (
	"os"
	"os/user"
	"strings"

	"golang.org/x/sys/windows"
)

// The locked byte lies far past the holder's description at the start of
// the file: Windows locks are mandatory, and a second process must still be
// able to read who holds the database.
func lockFile(f *os.File, exclusive bool) error {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	ol := windows.Overlapped{OffsetHigh: 1}
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, &ol)
}

func unlockFile(f *os.File) {
	ol := windows.Overlapped{OffsetHigh: 1}
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}

// osAccount is the account of the process's token, as %USERNAME% shows it
// (without the DOMAIN\ part), never the variable itself.
func osAccount() string {
	u, err := user.Current()
	if err != nil || u.Username == "" {
		return "未知账户"
	}
	name := u.Username
	if i := strings.LastIndex(name, `\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// openNoBlock opens a file to read; Windows has no FIFOs in the file system.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }

// syncDir: NTFS makes a rename durable itself.
func syncDir(dir string) {}
