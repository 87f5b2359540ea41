//go:build windows

package sysopen

import (
	"runtime"

	"golang.org/x/sys/windows"
)

// System is the opener of this Windows computer: the shell's verbs.
func System() *Opener {
	return &Opener{goos: "windows", shell: shellExecute}
}

// shellExecute runs a shell verb on path as Explorer would. The shell may
// hand the file to a COM extension, so the thread is in a single-threaded
// apartment for the call.
func shellExecute(verb, path string) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); err == nil || err == windows.Errno(1) { // S_FALSE: already initialised
		defer windows.CoUninitialize()
	}
	v, err := windows.UTF16PtrFromString(verb)
	if err != nil {
		return err
	}
	f, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	return windows.ShellExecute(0, v, f, nil, nil, windows.SW_SHOWNORMAL)
}
