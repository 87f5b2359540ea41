package locale

import (
	"os"
	"runtime"
	"testing"
)

var localeVars = []string{"LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANG", "LANGUAGE"}

// setEnv makes env the whole locale environment for the test; unnamed
// variables are unset.
func setEnv(t *testing.T, env map[string]string) {
	t.Helper()
	for _, k := range localeVars {
		t.Setenv(k, "")
		if v, ok := env[k]; ok {
			os.Setenv(k, v)
		} else {
			os.Unsetenv(k)
		}
	}
}

func TestPrepareLeavesAUTF8LocaleWithChineseLanguage(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows takes its locale from the system")
	}
	for _, tt := range []struct {
		name string
		env  map[string]string
		want map[string]string // "" means unset
	}{
		{"no locale at all", nil,
			map[string]string{"LC_ALL": "", "LC_CTYPE": "C.UTF-8", "LANG": "", "LANGUAGE": "zh_CN"}},
		{"LANG=C", map[string]string{"LANG": "C"},
			map[string]string{"LC_ALL": "", "LC_CTYPE": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}},
		{"LANG=POSIX", map[string]string{"LANG": "POSIX"},
			map[string]string{"LC_CTYPE": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}},
		{"LC_ALL=C", map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"},
			map[string]string{"LC_ALL": "C.UTF-8", "LC_CTYPE": "", "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}},
		{"LC_ALL=C.UTF-8", map[string]string{"LC_ALL": "C.UTF-8"},
			map[string]string{"LC_ALL": "C.UTF-8", "LC_CTYPE": "", "LANGUAGE": "zh_CN"}},
		{"LANG=C.UTF-8 LC_ALL=C.UTF-8", map[string]string{"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
			map[string]string{"LC_ALL": "C.UTF-8", "LC_CTYPE": "", "LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}},
		{"an English desktop", map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "en_US:en"},
			map[string]string{"LC_CTYPE": "", "LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN"}},
		{"a GBK locale", map[string]string{"LANG": "zh_CN.GBK"},
			map[string]string{"LC_CTYPE": "C.UTF-8", "LANG": "zh_CN.GBK", "LANGUAGE": "zh_CN"}},
		{"LC_MESSAGES=C under a UTF-8 LANG", map[string]string{"LANG": "zh_CN.utf8", "LC_MESSAGES": "C"},
			map[string]string{"LC_CTYPE": "", "LC_MESSAGES": "C.UTF-8", "LANG": "zh_CN.utf8", "LANGUAGE": "zh_CN"}},
		{"LC_CTYPE already UTF-8", map[string]string{"LANG": "C", "LC_CTYPE": "zh_CN.UTF-8@stroke"},
			map[string]string{"LC_CTYPE": "zh_CN.UTF-8@stroke", "LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, tt.env)
			Prepare()
			for k, want := range tt.want {
				if got := os.Getenv(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestUseLanguageNamesTheWindowsLanguage(t *testing.T) {
	setEnv(t, map[string]string{"LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
	UseLanguage(English)
	if got := os.Getenv("LANGUAGE"); got != "en_US" {
		t.Errorf("LANGUAGE = %q, want en_US", got)
	}
	if got := os.Getenv("LANG"); got != "zh_CN.UTF-8" {
		t.Errorf("LANG changed to %q", got)
	}
}

func TestIsUTF8(t *testing.T) {
	for name, want := range map[string]bool{
		"C.UTF-8": true, "C.utf8": true, "zh_CN.UTF-8": true, "en_US.utf-8@euro": true,
		"C": false, "": false, "zh_CN.GB18030": false, "zh_CN": false, "UTF-8": false,
	} {
		if got := isUTF8(name); got != want {
			t.Errorf("isUTF8(%q) = %v, want %v", name, got, want)
		}
	}
}
