package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestWindowSizeFitsTheScreen(t *testing.T) {
	laptop := fyne.NewSize(1366, 728) // 1366×768 less a 40 px taskbar
	for _, tt := range []struct {
		name   string
		saved  fyne.Size
		screen fyne.Size
		known  bool
		want   fyne.Size
	}{
		{"first start on a laptop", fyne.Size{}, laptop, true, fyne.NewSize(1280, 680)},
		{"first start, screen unknown", fyne.Size{}, fyne.Size{}, false, fyne.NewSize(1280, 680)},
		{"first start on a small screen", fyne.Size{}, fyne.NewSize(1024, 560), true, fyne.NewSize(1024, 520)},
		{"remembered, fits", fyne.NewSize(1100, 600), laptop, true, fyne.NewSize(1100, 600)},
		{"remembered on a big screen", fyne.NewSize(1800, 1000), fyne.NewSize(1920, 1040), true, fyne.NewSize(1800, 1000)},
		{"remembered on a big screen, now a laptop", fyne.NewSize(1800, 1000), laptop, true, fyne.NewSize(1366, 688)},
		{"remembered big, screen unknown", fyne.NewSize(1800, 1000), fyne.Size{}, false, fyne.NewSize(1280, 680)},
		{"remembered too small", fyne.NewSize(300, 200), laptop, true, fyne.NewSize(800, 500)},
	} {
		if got := windowSize(tt.saved, tt.screen, tt.known); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The window opens at the size it closed at.
func TestWindowRemembersItsSize(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	restoreSize(w, a.Preferences())
	if got := w.Canvas().Size(); got != defaultWindowSize {
		t.Errorf("first start at %v", got)
	}
	w.Resize(fyne.NewSize(1100, 600))
	w.Close()
	w = a.NewWindow("")
	restoreSize(w, a.Preferences())
	if got := w.Canvas().Size(); got != fyne.NewSize(1100, 600) {
		t.Errorf("second start at %v, want the 1100×600 it closed at", got)
	}
}

// The size is kept as one preference, and a value that is not a size is
// the default.
func TestWindowSizePreference(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	restoreSize(w, a.Preferences())
	w.Resize(fyne.NewSize(1024.5, 640))
	w.Close()
	if got := a.Preferences().String(sizePref); got != "1024.5x640" {
		t.Errorf("kept %q", got)
	}
	a.Preferences().SetString(sizePref, "大窗口")
	w = a.NewWindow("")
	restoreSize(w, a.Preferences())
	if got := w.Canvas().Size(); got != defaultWindowSize {
		t.Errorf("an unreadable size opened at %v", got)
	}
}
