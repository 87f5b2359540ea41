package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// Every string the UI translates has an entry in each translation file, so
// no English key ever shows in the Chinese window, and no entry is left over.
func TestTranslationsComplete(t *testing.T) {
	used := translatedKeys(t)
	for _, name := range []string{"zh-Hans.json", "en.json"} {
		data, err := translations.ReadFile("translation/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, k := range fyneKeys {
			used[k] = true
		}
		for k := range used {
			if m[k] == "" {
				t.Errorf("%s has no translation of %q", name, k)
			}
		}
		for k := range m {
			if !used[k] {
				t.Errorf("%s translates %q, which the UI does not use", name, k)
			}
		}
	}
}

// translatedKeys collects the literal keys passed to lang.L in the package.
func translatedKeys(t *testing.T) map[string]bool {
	files, _ := filepath.Glob("*.go")
	keys := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "L" {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok {
				k, _ := strconv.Unquote(lit.Value)
				keys[k] = true
			} else {
				t.Errorf("%s: lang.L with a computed key", fset.Position(call.Pos()))
			}
			return true
		})
	}
	return keys
}

// fyneKeys are the strings of Fyne's own widgets and dialogs that the
// window shows; each translation file gives them the office's words.
var fyneKeys = []string{"OK", "Cancel", "Error", "Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "Yes", "No"}

// The window is Chinese whatever language the system speaks, and Fyne's
// own words with it: Fyne settles on one of its locales from the system's,
// and each carries the chosen language's strings.
func TestWindowLanguageWhateverTheSystemLocale(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows takes its locale from the system setting, not the environment")
	}
	newTestUI(t, nil) // registers the translations
	for _, system := range []string{"en_US", "de_DE", "fr_FR", "pt_BR", "ru_RU", "ja_JP", "zh_TW", "zh_CN", "it_IT", "ko_KR", "uk_UA", "ta_IN"} {
		t.Run(system, func(t *testing.T) {
			t.Setenv("LANGUAGE", system)
			// Registering anything makes Fyne look up the system's locale anew.
			if err := lang.AddTranslationsForLocale([]byte(`{}`), "en"); err != nil {
				t.Fatal(err)
			}
			for key, want := range map[string]string{"Units": "单位", "Cancel": "取消", "OK": "确定", "Paste": "粘贴", "(Select one)": "（请选择）"} {
				if got := lang.L(key); got != want {
					t.Errorf("%s reads %q, want %q", key, got, want)
				}
			}
		})
	}
	t.Setenv("LANGUAGE", "en_US:en")
	if err := lang.AddTranslationsForLocale([]byte(`{}`), "en"); err != nil {
		t.Fatal(err)
	}
}
