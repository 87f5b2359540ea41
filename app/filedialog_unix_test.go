//go:build !windows

package app

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fakeZenity puts a zenity on PATH that records its arguments and does
// what script says.
func fakeZenity(t *testing.T, script string) (argsFile string) {
	t.Helper()
	dir := t.TempDir()
	argsFile = filepath.Join(dir, "args")
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + argsFile + "\n" + script + "\n"
	if err := os.WriteFile(filepath.Join(dir, "zenity"), []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	return argsFile
}

// The system's dialog is zenity, asked for the right file and attached to
// the window; its answers — a path, a cancel, no display, a failure — each
// come back as what they are.
func TestZenityIsTheSystemDialog(t *testing.T) {
	newTestUI(t, nil) // the window's translations
	req := saveRequest("报告.xlsx")
	for _, tt := range []struct {
		name, script, path string
		err                error
	}{
		{"chosen", `echo "/home/科员/桌面/报告.xlsx"`, "/home/科员/桌面/报告.xlsx", nil},
		{"cancelled", "exit 1", "", nil},
		{"no display", `echo "(zenity:1): Gtk-WARNING **: cannot open display: :9" >&2; exit 1`, "", errNoSystemDialog},
	} {
		t.Run(tt.name, func(t *testing.T) {
			argsFile := fakeZenity(t, tt.script)
			path, err := systemFileDialog(req, 42)
			if path != tt.path || !errors.Is(err, tt.err) {
				t.Errorf("got %q, %v; want %q, %v", path, err, tt.path, tt.err)
			}
			data, _ := os.ReadFile(argsFile)
			args := strings.Split(strings.TrimSpace(string(data)), "\n")
			want := []string{"--file-selection", "--title=另存为", "--attach=42", "--save", "--confirm-overwrite",
				"--filename=报告.xlsx", "--file-filter=电子表格 | *.xlsx", "--file-filter=所有文件 | *"}
			if !slices.Equal(args, want) {
				t.Errorf("zenity asked with %q", args)
			}
		})
	}
	fakeZenity(t, `echo "zenity: 崩了" >&2; exit 5`)
	if _, err := systemFileDialog(req, 0); err == nil || !strings.Contains(err.Error(), "崩了") {
		t.Errorf("a failing zenity: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := systemFileDialog(req, 0); !errors.Is(err, errNoSystemDialog) {
		t.Errorf("no zenity: %v", err)
	}
}

// With system dialogs on, the path zenity gives is completed and handed
// on; without zenity the window's own dialog opens instead.
func TestChooseFileThroughTheSystemDialog(t *testing.T) {
	u, _ := newTestUI(t, nil)
	u.sh.systemDialogs = true
	dir := t.TempDir()
	fakeZenity(t, `echo "`+filepath.Join(dir, "报告")+`"`)
	picked := make(chan string, 1)
	onUI(u, func() { chooseFile(u.sh, saveRequest("报告.xlsx"), func(p string) { picked <- p }) })
	select {
	case p := <-picked:
		if want := filepath.Join(dir, "报告.xlsx"); p != want {
			t.Errorf("picked %q, want %q", p, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("nothing picked")
	}
	t.Setenv("PATH", t.TempDir())
	onUI(u, func() { chooseFile(u.sh, saveRequest("报告.xlsx"), func(string) {}) })
	deadline := time.Now().Add(5 * time.Second)
	for !hasText(u.Window().Canvas().Overlays().Top(), "文件名") {
		if time.Now().After(deadline) {
			t.Fatal("the window's own dialog did not open without zenity")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The dialog's places are the person's folders by the names the desktop
// gave them.
func TestUserDirsByTheDesktopsNames(t *testing.T) {
	home := t.TempDir()
	os.Mkdir(filepath.Join(home, "桌面"), 0o700)
	if got := userDir(home, "DESKTOP", "Desktop"); got != filepath.Join(home, "桌面") {
		t.Errorf("desktop without user-dirs.dirs: %q", got)
	}
	os.MkdirAll(filepath.Join(home, ".config"), 0o700)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte("# 注释\nXDG_DOCUMENTS_DIR=\"$HOME/我的文档\"\n"), 0o600)
	if got := userDir(home, "DOCUMENTS", "Documents"); got != filepath.Join(home, "我的文档") {
		t.Errorf("documents from user-dirs.dirs: %q", got)
	}
}
