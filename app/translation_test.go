package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
