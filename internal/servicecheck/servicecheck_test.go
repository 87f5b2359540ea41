package servicecheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// moduleRoot is the root package's folder, seen from this one.
const moduleRoot = "../.."

// outsideServices are the exported methods of *store.DB that belong to no
// service, and why: the file's lifecycle, and what only the store's own
// tests call.
var outsideServices = map[string]string{
	"Close":         "lifecycle: closes the database file",
	"Path":          "lifecycle: the file's path (tests open it directly)",
	"ReadOnly":      "lifecycle: whether OpenReadOnly opened it",
	"Server":        "lifecycle: whether it is a shared server database rather than a file",
	"MigrateInto":   "lifecycle: copies the whole database into another, empty one",
	"SchemaVersion": "lifecycle: the migrations' version of the file",
	"SetDistrict":   "store tests only: the window and the command line set the whole DistrictProfile",
	"FindAudit":     "store tests only: the window reads the log through AuditService.FindAuditLog",
}

// notStoreInterfaces are interfaces of the consumers that are not cut from
// the store's services.
var notStoreInterfaces = map[string]bool{
	"app.screen":        true, // a page of the navigation
	"app.systemHandOff": true, // printing and showing folders through the system
}

// iface is an interface type declared at the top level of a package.
type iface struct {
	pkg, name string
	methods   map[string]string // name → signature, types only
	embeds    []ast.Expr
	pos       token.Position
}

// parsePackage parses the Go files of dir (under the module root) that are
// not tests.
func parsePackage(t *testing.T, fset *token.FileSet, dir string) map[string]*ast.File {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(moduleRoot, dir))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(moduleRoot, dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return files
}

// interfacesOf lists the interfaces declared at the top level of files;
// qualifier is how other packages name the package's own types ("govbuy."
// for the root package), so that signatures compare across packages.
func interfacesOf(fset *token.FileSet, pkg string, files map[string]*ast.File, qualifier string) map[string]*iface {
	out := map[string]*iface{}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				it, ok := ts.Type.(*ast.InterfaceType)
				if !ok {
					continue
				}
				in := &iface{pkg: pkg, name: ts.Name.Name, methods: map[string]string{}, pos: fset.Position(ts.Pos())}
				for _, m := range it.Methods.List {
					ft, ok := m.Type.(*ast.FuncType)
					if !ok {
						in.embeds = append(in.embeds, m.Type)
						continue
					}
					for _, n := range m.Names {
						in.methods[n.Name] = signature(ft, qualifier)
					}
				}
				out[in.name] = in
			}
		}
	}
	return out
}

// signature writes a method's parameter and result types, without names,
// with the root package's types qualified as its users write them.
func signature(ft *ast.FuncType, qualifier string) string {
	return "(" + fieldTypes(ft.Params, qualifier) + ") (" + fieldTypes(ft.Results, qualifier) + ")"
}

func fieldTypes(fl *ast.FieldList, qualifier string) string {
	if fl == nil {
		return ""
	}
	var out []string
	for _, f := range fl.List {
		typ := qualify(f.Type, qualifier)
		for range max(len(f.Names), 1) {
			out = append(out, typ)
		}
	}
	return strings.Join(out, ", ")
}

// qualify prints a type as another package names it: the exported
// identifiers of the declaring package get its qualifier. It renames them
// in the parsed file, which serves only this one comparison.
func qualify(x ast.Expr, qualifier string) string {
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false // already another package's type
		case *ast.Ident:
			if qualifier != "" && n.IsExported() {
				n.Name = qualifier + n.Name
			}
		}
		return true
	})
	return types.ExprString(x)
}

// rootServices are the root package's interfaces: the services.
func rootServices(t *testing.T) map[string]*iface {
	fset := token.NewFileSet()
	return interfacesOf(fset, "govbuy", parsePackage(t, fset, "."), "govbuy.")
}

// serviceMethods maps each method of a root service to its signature and
// the services that have it.
func serviceMethods(services map[string]*iface) map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for _, s := range services {
		for m, sig := range s.methods {
			if out[m] == nil {
				out[m] = map[string][]string{}
			}
			out[m][sig] = append(out[m][sig], s.name)
		}
	}
	return out
}

// storeMethods lists the exported methods of *store.DB by file.
func storeMethods(t *testing.T) map[string]string {
	fset := token.NewFileSet()
	out := map[string]string{}
	for name, f := range parsePackage(t, fset, "store") {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() || types.ExprString(fd.Recv.List[0].Type) != "*DB" {
				continue
			}
			out[fd.Name.Name] = name
		}
	}
	return out
}

// Every exported method of *store.DB is a method of a root service, apart
// from the few listed with their reason: a second store implements the
// services and has every method a caller can reach.
func TestStoreMethodsBelongToServices(t *testing.T) {
	methods := serviceMethods(rootServices(t))
	store := storeMethods(t)
	for m, file := range store {
		_, listed := outsideServices[m]
		switch {
		case listed && methods[m] != nil:
			t.Errorf("store/%s: %s is listed as outside the services but %v has it; take it off the list", file, m, methods[m])
		case !listed && methods[m] == nil:
			t.Errorf("store/%s: (*DB).%s belongs to no root service: add it to the service of its domain, or unexport it", file, m)
		}
	}
	for m := range outsideServices {
		if _, ok := store[m]; !ok {
			t.Errorf("%s is listed as outside the services but *store.DB has no such method", m)
		}
	}
}

// store/db.go asserts that *DB provides every root service, all in one
// block, and no other file of the store asserts any.
func TestStoreAssertsEveryServiceInOnePlace(t *testing.T) {
	fset := token.NewFileSet()
	asserted := map[string]bool{}
	for name, f := range parsePackage(t, fset, "store") {
		for _, s := range serviceAssertions(f) {
			if name != "db.go" {
				t.Errorf("store/%s asserts %s: the assertions belong in the block of store/db.go", name, s)
			}
			asserted[s] = true
		}
	}
	for name := range rootServices(t) {
		if !asserted[name] {
			t.Errorf("store/db.go does not assert govbuy.%s = (*DB)(nil)", name)
		}
	}
}

// serviceAssertions lists the services f asserts with
// `_ govbuy.X = (*DB)(nil)`.
func serviceAssertions(f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			sel, ok := vs.Type.(*ast.SelectorExpr)
			if !ok || len(vs.Values) != 1 || types.ExprString(vs.Values[0]) != "(*DB)(nil)" {
				continue
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "govbuy" {
				out = append(out, sel.Sel.Name)
			}
		}
	}
	return out
}

// Every interface the window and the importer declare over the store is cut
// from the root services: it embeds services (or other such interfaces) and
// names only methods a service has, with the service's signature. A screen
// can then never ask the store for something a second store would lack.
func TestConsumerInterfacesAreCutFromServices(t *testing.T) {
	services := rootServices(t)
	methods := serviceMethods(services)
	consumers := map[string]map[string]*iface{}
	for _, pkg := range []string{"app", "importer"} {
		fset := token.NewFileSet()
		consumers[pkg] = interfacesOf(fset, pkg, parsePackage(t, fset, pkg), "")
	}
	checked := 0
	for _, pkg := range slices.Sorted(maps.Keys(consumers)) {
		for _, in := range consumers[pkg] {
			if notStoreInterfaces[pkg+"."+in.name] {
				continue
			}
			checked++
			for m, sig := range in.methods {
				switch _, ok := methods[m][sig]; {
				case methods[m] == nil:
					t.Errorf("%s: %s.%s names %s, which no root service has", in.pos, pkg, in.name, m)
				case !ok:
					t.Errorf("%s: %s.%s names %s%s; the root services have it as %v", in.pos, pkg, in.name, m, sig, methods[m])
				}
			}
			for _, e := range in.embeds {
				if !embedsService(pkg, e, services, consumers) {
					t.Errorf("%s: %s.%s embeds %s, which is neither a root service nor an interface cut from them",
						in.pos, pkg, in.name, types.ExprString(e))
				}
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d interfaces of app and importer checked: is the parsing broken?", checked)
	}
}

// embedsService reports whether e, embedded in an interface of pkg, names a
// root service or another consumer interface (itself checked).
func embedsService(pkg string, e ast.Expr, services map[string]*iface, consumers map[string]map[string]*iface) bool {
	switch e := e.(type) {
	case *ast.Ident:
		_, ok := consumers[pkg][e.Name]
		return ok && !notStoreInterfaces[pkg+"."+e.Name]
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok {
			return false
		}
		if x.Name == "govbuy" {
			_, ok := services[e.Sel.Name]
			return ok
		}
		_, ok = consumers[x.Name][e.Sel.Name]
		return ok && !notStoreInterfaces[x.Name+"."+e.Sel.Name]
	}
	return false
}
