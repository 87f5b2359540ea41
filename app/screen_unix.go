//go:build !windows

package app

import (
	"os"
	"os/exec"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// taskbar is what a desktop without a window manager's work area is taken
// to keep for its panel.
const taskbar = 48

// screenWorkArea is the X11 desktop's work area (the screen less its
// panels, _NET_WORKAREA), else the screen less a taskbar; unknown without
// X11 or its x11-utils programs (xprop, xwininfo). It is in pixels, which
// is the window's unit at Fyne's usual scale of 1 on such screens.
func screenWorkArea() (fyne.Size, bool) {
	if os.Getenv("DISPLAY") == "" {
		return fyne.Size{}, false
	}
	if out, err := exec.Command("xprop", "-root", "-notype", "_NET_WORKAREA").Output(); err == nil {
		if s, ok := parseWorkArea(string(out)); ok {
			return s, true
		}
	}
	out, err := exec.Command("xwininfo", "-root").Output()
	if err != nil {
		return fyne.Size{}, false
	}
	s, ok := parseRootSize(string(out))
	return fyne.NewSize(s.Width, s.Height-taskbar), ok
}

// parseWorkArea reads "_NET_WORKAREA = 0, 0, 1366, 728" (x, y, width,
// height of the first desktop).
func parseWorkArea(out string) (fyne.Size, bool) {
	_, list, ok := strings.Cut(out, "=")
	if !ok {
		return fyne.Size{}, false
	}
	f := strings.Split(list, ",")
	if len(f) < 4 {
		return fyne.Size{}, false
	}
	w, errW := strconv.Atoi(strings.TrimSpace(f[2]))
	h, errH := strconv.Atoi(strings.TrimSpace(f[3]))
	if errW != nil || errH != nil || w <= 0 || h <= 0 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(w), float32(h)), true
}

// parseRootSize reads the "Width: 1366" and "Height: 768" lines of
// xwininfo -root.
func parseRootSize(out string) (fyne.Size, bool) {
	var w, h int
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Width:"); ok {
			w, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Height:"); ok {
			h, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return fyne.NewSize(float32(w), float32(h)), w > 0 && h > 0
}
