//go:build !windows

package main

import (
	"os"
	"os/exec"
)

// alert shows text in the desktop's own message dialog when there is a
// desktop and one of the usual dialog programs: started from a menu, the
// window has no terminal to print on.
func alert(title, text string) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return
	}
	for _, args := range [][]string{
		{"zenity", "--error", "--title=" + title, "--text=" + text},
		{"kdialog", "--title", title, "--error", text},
	} {
		if path, err := exec.LookPath(args[0]); err == nil {
			_ = exec.Command(path, args[1:]...).Run()
			return
		}
	}
}
