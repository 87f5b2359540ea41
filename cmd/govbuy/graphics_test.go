package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"govbuy/store"
)

// startWindow starts this test binary as `govbuy --db db` (the window) in
// env, and returns its exit status and stderr.
func startWindow(t *testing.T, db string, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "--db", db)
	cmd.Env = append(withoutGraphics(os.Environ()), "GOVBUY_AS_COMMAND=1", "LANG=zh_CN.UTF-8")
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), stderr.String()
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("the window neither opened nor ended: %s", stderr.String())
		return 0, ""
	}
}

// withoutGraphics drops what points a process at a desktop, and PATH.
func withoutGraphics(env []string) []string {
	var out []string
	for _, kv := range env {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "DISPLAY", "WAYLAND_DISPLAY", "PATH", simulateGLFailure:
			continue
		}
		out = append(out, kv)
	}
	return out
}

// A window that cannot open says why in one line, ends with status 2,
// keeps the reason in the log beside the database, and leaves the database
// neither created nor locked.
func TestWindowWithoutGraphicsSaysWhyInOneLine(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("on Windows the message box waits for a person")
	}
	if !needsXDisplay(runtime.GOOS) {
		t.Skipf("%s draws without X11", runtime.GOOS)
	}
	tests := []struct {
		name    string
		env     []string
		message string
		dialog  bool
	}{
		{"no display at all", nil, noDisplayMessage, false},
		{"no OpenGL on a desktop", []string{"DISPLAY=:95", simulateGLFailure + "=1"}, noOpenGLMessage(runtime.GOOS), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "财政局 资料")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			bin, said := fakeZenity(t)
			db := filepath.Join(dir, "政府购买服务.db")
			code, stderr := startWindow(t, db, append(tt.env, "PATH="+bin)...)
			if code != exitFailure || stderr != "govbuy: "+tt.message+"\n" {
				t.Fatalf("exit %d, stderr %q; want 2 and the one line %q", code, stderr, tt.message)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Fatalf("a trace on stderr: %s", stderr)
			}
			logged, err := os.ReadFile(filepath.Join(dir, startupLogName))
			if err != nil || !strings.Contains(string(logged), tt.message) {
				t.Errorf("log beside the database: %q, %v", logged, err)
			}
			shown, _ := os.ReadFile(said)
			if got := strings.Contains(string(shown), "--text="+tt.message); got != tt.dialog {
				t.Errorf("dialog shown %v, want %v: %q", got, tt.dialog, shown)
			}
			if tt.dialog && (strings.Count(string(shown), "--error") != 2 || !strings.Contains(string(shown), "\nLC_ALL=C.UTF-8\n--error\n")) {
				t.Errorf("the refused dialog was not shown again in C.UTF-8: %q", shown)
			}
			assertUntouched(t, db)
		})
	}
}

// fakeZenity puts a zenity on a PATH of its own that writes its locale and
// arguments to a file, and, like the real one under a locale the system
// lacks, refuses to run outside C.UTF-8. It returns the folder and the file.
func fakeZenity(t *testing.T) (bin, said string) {
	t.Helper()
	bin = t.TempDir()
	said = filepath.Join(bin, "said")
	script := "#!/bin/sh\necho \"LC_ALL=$LC_ALL\" >>" + said + "\nfor a in \"$@\"; do echo \"$a\"; done >>" + said +
		"\n[ \"$LC_ALL\" = C.UTF-8 ] || exit 255\n"
	if err := os.WriteFile(filepath.Join(bin, "zenity"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, said
}

// assertUntouched: the window gave up before it created or locked db.
func assertUntouched(t *testing.T, db string) {
	t.Helper()
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the database was created: %v", err)
	}
	lock, err := store.AcquireLock(db)
	if err != nil {
		t.Fatalf("the database is still locked: %v", err)
	}
	lock.Release()
}

func TestProbeWithTimeoutGivesUpOnADriverThatNeverAnswers(t *testing.T) {
	never := func(*graphicsProblem) { t.Error("gave up on a probe that answered") }
	if p := probeWithTimeout(func() error { return nil }, time.Second, never); p != nil {
		t.Errorf("a working probe: %+v", p)
	}
	p := probeWithTimeout(func() error { return errors.New("WGL: Failed to set pixel format") }, time.Second, never)
	if p == nil || p.message != noOpenGLMessage(runtime.GOOS) || p.detail != "WGL: Failed to set pixel format" {
		t.Errorf("a failing probe: %+v", p)
	}
	gaveUp := make(chan *graphicsProblem, 1)
	release := make(chan struct{})
	go probeWithTimeout(func() error { <-release; return nil }, 10*time.Millisecond, func(p *graphicsProblem) { gaveUp <- p })
	select {
	case p := <-gaveUp:
		if p.message != noOpenGLMessage(runtime.GOOS) || !strings.Contains(p.detail, "no answer") {
			t.Errorf("gave up with %+v", p)
		}
	case <-time.After(10 * time.Second):
		t.Error("never gave up")
	}
	close(release)
}

func TestNoOpenGLMessageNamesTheFix(t *testing.T) {
	for goos, fix := range map[string]string{
		"windows": "Mesa 软件渲染的 opengl32.dll 放在 govbuy.exe 所在的文件夹里",
		"linux":   "libgl1-mesa-dri",
	} {
		msg := noOpenGLMessage(goos)
		if !strings.Contains(msg, fix) || !strings.Contains(msg, "OpenGL") || strings.Contains(msg, "\n") {
			t.Errorf("%s: %q lacks %q or is not one line", goos, msg, fix)
		}
	}
}
