//go:build !windows

package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestScreenWorkAreaReadsX11(t *testing.T) {
	if s, ok := parseWorkArea("_NET_WORKAREA = 0, 0, 1366, 728, 0, 0, 1366, 728\n"); !ok || s != fyne.NewSize(1366, 728) {
		t.Errorf("work area %v %v", s, ok)
	}
	if _, ok := parseWorkArea("_NET_WORKAREA:  no such atom on any window.\n"); ok {
		t.Error("read a work area from a missing atom")
	}
	root := "\n  Absolute upper-left X:  0\n  Width: 1366\n  Height: 768\n  Depth: 24\n"
	if s, ok := parseRootSize(root); !ok || s != fyne.NewSize(1366, 768) {
		t.Errorf("root size %v %v", s, ok)
	}
}
