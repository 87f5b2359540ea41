package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The command line writes nothing but its own output, whatever the locale:
// Fyne's lang package reads the locale in its init, before main, and logs
// "Error parsing user locale C" on stderr under C.UTF-8 unless
// internal/locale fixed the environment first. Only a fresh process shows
// it, so each command runs as this test binary started anew.
func TestCommandsWriteNothingToStderr(t *testing.T) {
	db := filepath.Join(t.TempDir(), "示例.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	report := filepath.Join(t.TempDir(), "报告.pdf")
	for _, locale := range [][]string{
		{"LC_ALL=C.UTF-8"},
		{"LANG=C"},
		{"LANG=C.UTF-8", "LC_ALL=C.UTF-8"},
		{"LANG=POSIX"},
		{"LC_ALL=C"},
		{}, // no locale at all
	} {
		for _, args := range [][]string{
			{"version"},
			{"--db", db, "check"},
			{"--db", db, "report", "--year", "2024", "--pdf", report},
		} {
			cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
			cmd.Env = append(withoutLocale(os.Environ()), "GOVBUY_AS_COMMAND=1")
			cmd.Env = append(cmd.Env, locale...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Errorf("%v %v: %v: %s", locale, args, err, stderr.String())
				continue
			}
			if stderr.Len() != 0 {
				t.Errorf("%v %v wrote to stderr: %q", locale, args, stderr.String())
			}
		}
	}
}

// withoutLocale drops the locale variables from env.
func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES":
			continue
		}
		out = append(out, kv)
	}
	return out
}
