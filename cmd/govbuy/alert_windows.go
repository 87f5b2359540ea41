//go:build windows

package main

import "golang.org/x/sys/windows"

// alert shows text in a message box: a window started from a shortcut has
// no console, and this is all the officer would see.
func alert(title, text string) {
	t, err := windows.UTF16PtrFromString(title)
	if err != nil {
		return
	}
	m, err := windows.UTF16PtrFromString(text)
	if err != nil {
		return
	}
	windows.MessageBox(0, m, t, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND)
}
