package importer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuncLines is the longest a function of the importer may be, counted
// from the line of its opening brace to that of its closing one: a row is
// planned in named steps, not in one long function.
const maxFuncLines = 60

// TestNoLongFunctions reads the package's source (tests aside) and names
// every function whose body runs over maxFuncLines lines.
func TestNoLongFunctions(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, long := range longFunctions(fset, f) {
			t.Errorf("%s: %s has %d lines, more than %d", name, long.name, long.lines, maxFuncLines)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no source file found to check")
	}
}

type longFunc struct {
	name  string
	lines int
}

// longFunctions lists the functions and methods of f (function literals
// count towards the function holding them) whose body is too long.
func longFunctions(fset *token.FileSet, f *ast.File) []longFunc {
	var out []longFunc
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		lines := fset.Position(fn.Body.Rbrace).Line - fset.Position(fn.Body.Lbrace).Line + 1
		if lines > maxFuncLines {
			out = append(out, longFunc{funcName(fn), lines})
		}
	}
	return out
}

func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	recv := fn.Recv.List[0].Type
	if star, ok := recv.(*ast.StarExpr); ok {
		recv = star.X
	}
	if id, ok := recv.(*ast.Ident); ok {
		return "(" + id.Name + ")." + fn.Name.Name
	}
	return fn.Name.Name
}

// The check itself: a body of 61 lines is too long, one of 60 is not.
func TestLongFunctionsCounted(t *testing.T) {
	body := func(name string, n int) string {
		return "func " + name + "() {\n" + strings.Repeat("\t_ = 0\n", n-2) + "}\n"
	}
	src := "package p\n\n" + body("fits", maxFuncLines) + body("tooLong", maxFuncLines+1)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := longFunctions(fset, f)
	if len(got) != 1 || got[0] != (longFunc{"tooLong", maxFuncLines + 1}) {
		t.Errorf("longFunctions = %+v, want only tooLong with %d lines", got, maxFuncLines+1)
	}
}
