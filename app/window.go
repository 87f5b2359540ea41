package app

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// defaultWindowSize fits a 1366×768 office laptop with its taskbar and the
// window's title bar: 768 − 48 − 40 leaves 680.
var defaultWindowSize = fyne.NewSize(1280, 680)

// minWindowSize is the least a remembered size is restored to: below it
// the screens' tables and forms no longer fit.
var minWindowSize = fyne.NewSize(800, 500)

// titleBar is what the system's frame takes above the window's content.
const titleBar = 40

// sizePref keeps the window's size between starts, as "1100x600": one
// value, so closing makes one change and Fyne one write of its
// preferences file (two changes in a row end in two writes racing at
// exit, which can leave the file unreadable and every preference lost).
const sizePref = "window.size"

// windowSize is the size the window opens at: the one it had when it last
// closed, else the default, never smaller than minWindowSize and never
// larger than the screen's work area less the title bar. Where the work
// area is unknown, the default is the most it opens at.
func windowSize(saved fyne.Size, workArea fyne.Size, known bool) fyne.Size {
	size := defaultWindowSize
	if saved.Width > 0 && saved.Height > 0 {
		size = saved.Max(minWindowSize)
	}
	limit := defaultWindowSize
	if known {
		limit = fyne.NewSize(workArea.Width, workArea.Height-titleBar)
	}
	return size.Min(limit)
}

// restoreSize sizes the window as windowSize says and has it remember its
// size when it closes. Fyne 2.7 exposes no window position, so the system
// places the window; and it exposes no screen, so the work area comes
// from the system (screenWorkArea).
func restoreSize(w fyne.Window, prefs fyne.Preferences) {
	var saved fyne.Size
	// An unreadable value leaves the zero size, which opens at the default.
	_, _ = fmt.Sscanf(prefs.String(sizePref), "%gx%g", &saved.Width, &saved.Height)
	area, known := screenWorkArea()
	w.Resize(windowSize(saved, area, known))
	w.SetOnClosed(func() {
		size := w.Canvas().Size()
		prefs.SetString(sizePref, fmt.Sprintf("%gx%g", size.Width, size.Height))
	})
}
