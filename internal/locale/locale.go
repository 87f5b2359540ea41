// Package locale makes the process's locale one that Fyne reads without a
// complaint and input methods commit Chinese text in. It does its work in
// init, before Fyne's lang package reads the environment in its own init:
// Go initialises, among the packages whose imports are ready, the one first
// by import path, and this package needs only os, runtime and strings, which
// are ready long before lang's text/template and encoding/json (whose paths
// sort after govbuy/). TestCommandsWriteNothingToStderr in cmd/govbuy holds
// the order to account.
package locale

import (
	"os"
	"runtime"
	"strings"
)

// UTF8 is the locale set when the process has no UTF-8 one: every glibc
// system has it, and it changes nothing but the character set.
const UTF8 = "C.UTF-8"

func init() { Prepare() }

// Prepare fixes the environment of a Unix process (see package doc): the
// character type becomes UTF-8 when no UTF-8 locale is set (an input method
// commits nothing into a window running in the C locale), and LANGUAGE names
// the window's language, so Fyne's locale lookup never meets "C.UTF-8",
// which it cannot parse and logs on stderr. Windows takes its locale from
// the system, not the environment: nothing to do there.
func Prepare() {
	if runtime.GOOS == "windows" {
		return
	}
	ensureUTF8CType()
	UseLanguage(Chinese)
}

// Languages of the window, as LANGUAGE spells them.
const (
	Chinese = "zh_CN"
	English = "en_US"
)

// UseLanguage sets LANGUAGE, which Fyne's lookup and the programs govbuy
// starts (the system's file dialog) read before LANG. Under LC_ALL, LC_MESSAGES
// or LANG of exactly C or POSIX LANGUAGE is ignored, so that one becomes
// C.UTF-8: the same locale in UTF-8.
func UseLanguage(language string) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			_ = os.Setenv(name, UTF8)
		}
		break
	}
	_ = os.Setenv("LANGUAGE", language)
}

// ensureUTF8CType sets LC_CTYPE (or LC_ALL, which overrides it, when that
// is set) to C.UTF-8 when the locale in force for character types is not
// UTF-8.
func ensureUTF8CType() {
	if all := os.Getenv("LC_ALL"); all != "" {
		if !isUTF8(all) {
			_ = os.Setenv("LC_ALL", UTF8)
		}
		return
	}
	ctype := os.Getenv("LC_CTYPE")
	if ctype == "" {
		ctype = os.Getenv("LANG")
	}
	if !isUTF8(ctype) {
		_ = os.Setenv("LC_CTYPE", UTF8)
	}
}

// isUTF8 reports whether a locale name says UTF-8 ("zh_CN.UTF-8",
// "C.utf8").
func isUTF8(name string) bool {
	_, charset, _ := strings.Cut(name, ".")
	charset, _, _ = strings.Cut(charset, "@")
	charset = strings.ToLower(strings.ReplaceAll(charset, "-", ""))
	return charset == "utf8"
}
