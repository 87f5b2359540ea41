package app

import (
	"syscall"

	"fyne.io/fyne/v2"
)

var getSystemMetrics = syscall.NewLazyDLL("user32.dll").NewProc("GetSystemMetrics")

// SM_CXMAXIMIZED and SM_CYMAXIMIZED: a maximised window on the primary
// monitor, that is its work area with the frame.
const smCXMaximized, smCYMaximized = 61, 62

// screenWorkArea is the primary monitor's work area (the screen less the
// taskbar), in pixels.
func screenWorkArea() (fyne.Size, bool) {
	w, _, _ := getSystemMetrics.Call(smCXMaximized)
	h, _, _ := getSystemMetrics.Call(smCYMaximized)
	return fyne.NewSize(float32(w), float32(h)), w > 0 && h > 0
}
