//go:build !windows

package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/lang"
)

// systemFileDialog asks through zenity, the GTK file dialog of the
// desktop that scripts and programs share (Debian's zenity package; 统信
// and 麒麟 ship it too). It is started as a program, not linked: govbuy
// keeps building without GTK's headers and starting without its
// libraries. Without zenity, or without a display it can open, the window
// uses its own dialog.
func systemFileDialog(req fileRequest, parent uintptr) (string, error) {
	zenity, err := exec.LookPath("zenity")
	if err != nil {
		return "", errNoSystemDialog
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(zenity, zenityArgs(req, parent)...)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return strings.TrimRight(out.String(), "\r\n"), nil
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		// 1 is a cancelled dialog, and also GTK finding no display; GTK
		// says the latter on stderr among its other warnings.
		if strings.Contains(stderr.String(), "cannot open display") {
			return "", errNoSystemDialog
		}
		return "", nil
	}
	return "", fmt.Errorf("zenity: %w: %s", err, lastLine(stderr.String()))
}

// zenityArgs ask for one file, attached to the window so it stays above it.
func zenityArgs(req fileRequest, parent uintptr) []string {
	args := []string{"--file-selection", "--title=" + req.title}
	if parent != 0 {
		args = append(args, fmt.Sprintf("--attach=%d", parent))
	}
	if req.save {
		args = append(args, "--save", "--confirm-overwrite")
		if req.name != "" {
			args = append(args, "--filename="+req.name)
		}
	}
	if len(req.exts) > 0 {
		patterns := make([]string, len(req.exts))
		for i, e := range req.exts {
			patterns[i] = "*" + e
		}
		args = append(args, "--file-filter="+req.kind+" | "+strings.Join(patterns, " "),
			"--file-filter="+lang.L("All files")+" | *")
	}
	return args
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// nativeWindowID is the X11 id of the window, for zenity to attach to; 0
// elsewhere (Wayland, the test driver).
func nativeWindowID(w fyne.Window) uintptr {
	var id uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x, ok := ctx.(driver.X11WindowContext); ok {
				id = x.WindowHandle
			}
		})
	}
	return id
}

// userDir is one of the person's folders as the desktop names it in
// ~/.config/user-dirs.dirs (XDG_DESKTOP_DIR="$HOME/桌面"), else ~/name,
// else its usual Chinese name (~/桌面).
func userDir(home, xdg, name string) string {
	data, err := os.ReadFile(filepath.Join(home, ".config", "user-dirs.dirs"))
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			value, ok := strings.CutPrefix(strings.TrimSpace(line), "XDG_"+xdg+"_DIR=")
			if ok {
				return strings.ReplaceAll(strings.Trim(value, `"`), "$HOME", home)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(home, name)); err != nil {
		if zh, ok := chineseUserDirs[name]; ok {
			return filepath.Join(home, zh)
		}
	}
	return filepath.Join(home, name)
}

// chineseUserDirs are the folders a Chinese desktop makes for the person.
var chineseUserDirs = map[string]string{"Desktop": "桌面", "Documents": "文档", "Downloads": "下载"}

// roots is the file system's root, where mounted drives hang.
func roots() []place { return []place{{lang.L("Computer"), "/"}} }
