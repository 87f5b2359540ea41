//go:build !windows

package main

import (
	"errors"
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
			showDialog(path, args[1:])
			return
		}
	}
}

// showDialog runs a dialog program. GTK and Qt refuse arguments they cannot
// read in the locale: when LANG names one the system lacks, the locale falls
// back to C and the Chinese text is refused (zenity exits 255 at once). The
// dialog then runs once more in C.UTF-8, which every glibc system has.
func showDialog(path string, args []string) {
	err := exec.Command(path, args...).Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 1 { // shown, or closed by the person
		return
	}
	retry := exec.Command(path, args...)
	retry.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	_ = retry.Run()
}
