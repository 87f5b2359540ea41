package app

import "fyne.io/fyne/v2"

// defaultWindowSize fits a 1366×768 office laptop with its taskbar and the
// window's title bar: 768 − 48 − 40 leaves 680.
var defaultWindowSize = fyne.NewSize(1280, 680)

// minWindowSize is the least a remembered size is restored to: below it
// the screens' tables and forms no longer fit.
var minWindowSize = fyne.NewSize(800, 500)

// titleBar is what the system's frame takes above the window's content.
const titleBar = 40

// Preferences that keep the window's size between starts.
const (
	widthPref  = "window.width"
	heightPref = "window.height"
)

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
	saved := fyne.NewSize(float32(prefs.Float(widthPref)), float32(prefs.Float(heightPref)))
	area, known := screenWorkArea()
	w.Resize(windowSize(saved, area, known))
	w.SetOnClosed(func() {
		size := w.Canvas().Size()
		prefs.SetFloat(widthPref, float64(size.Width))
		prefs.SetFloat(heightPref, float64(size.Height))
	})
}
