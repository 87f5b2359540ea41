package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"govbuy"
	"govbuy/reports/ocds"
	"govbuy/store"
)

// schemaDir holds the OCDS schema the export is checked against (a copy of
// ../shared/ocds/1.1.5, see its README).
var schemaDir = filepath.Join("testdata", "ocds", "1.1.5")

// The schemas' own ids: the package schema refers to the release schema by
// its id, which the compiler is given from the local file, never fetched.
const (
	packageSchemaID = "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
	releaseSchemaID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
)

// TestExportOCDSValidatesAndHoldsTheYear runs `govbuy export ocds --year
// 2024` on the demo district, validates the package and each release
// against the OCDS 1.1.5 schema, and finds in it every contract, payment
// and assessment of 2024 as the store lists them.
func TestExportOCDSValidatesAndHoldsTheYear(t *testing.T) {
	db := filepath.Join(t.TempDir(), "演示.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "云溪区 2024.json")
	code, stdout, stderr := govbuyCmd(t, "--db", db, "export", "ocds", "--year", "2024", out)
	if code != exitOK {
		t.Fatalf("export ocds: exit %d: %s", code, stderr)
	}
	if want := "ocid前缀 " + govbuy.DefaultOCIDPrefix; !strings.Contains(stdout, want) {
		t.Errorf("stdout %q lacks %q", stdout, want)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	validateOCDS(t, data)
	got := readExport(t, data)
	want := storeYear(t, db, 2024)
	compareSets(t, "contracts", got.contracts, want.contracts)
	compareSets(t, "payments", got.payments, want.payments)
	compareSets(t, "assessments", got.assessments, want.assessments)
	if len(want.contracts) != 75 || len(want.payments) != 292 {
		t.Errorf("the demo's 2024: %d contracts, %d payments; want 75 and 292", len(want.contracts), len(want.payments))
	}
	checkDemoValues(t, got, data, individualCodes(t, db))
	checkCodelists(t, got)
}

// validateOCDS checks the package against the release package schema and
// every release against the release schema, naming the release at fault.
func validateOCDS(t *testing.T, data []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for id, file := range map[string]string{packageSchemaID: "release-package-schema.json", releaseSchemaID: "release-schema.json"} {
		f, err := os.Open(filepath.Join(schemaDir, file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatal(err)
		}
	}
	pkg, err := c.Compile(packageSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := c.Compile(releaseSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := pkg.Validate(inst); err != nil {
		t.Errorf("the package is not valid OCDS 1.1.5: %v", err)
	}
	releases, _ := inst.(map[string]any)["releases"].([]any)
	for i, r := range releases {
		if err := rel.Validate(r); err != nil {
			t.Errorf("release %d (%v) is not valid: %v", i, r.(map[string]any)["ocid"], err)
		}
	}
	if len(releases) == 0 {
		t.Error("the package has no releases")
	}
}

// yearSets are the contracts (by number), payments (number, form, date,
// amount) and assessments (number, period) of a year.
type yearSets struct {
	contracts, payments, assessments map[string]bool
	pkg                              *ocds.Package
}

func newYearSets() yearSets {
	return yearSets{contracts: map[string]bool{}, payments: map[string]bool{}, assessments: map[string]bool{}}
}

func paymentKey(number, form, date, amount string) string {
	return strings.Join([]string{number, form, date, amount}, " ")
}

// readExport reads the package's releases into sets.
func readExport(t *testing.T, data []byte) yearSets {
	t.Helper()
	var p ocds.Package
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	s := newYearSets()
	s.pkg = &p
	for _, r := range p.Releases {
		if len(r.Contracts) != 1 {
			t.Fatalf("%s has %d contracts, want 1", r.OCID, len(r.Contracts))
		}
		c := r.Contracts[0]
		s.contracts[c.ID] = true
		if c.Implementation == nil {
			continue
		}
		for _, tr := range c.Implementation.Transactions {
			s.payments[paymentKey(c.ID, tr.ID, tr.Date[:10], string(tr.Value.Amount))] = true
		}
		for _, m := range c.Implementation.Milestones {
			s.assessments[c.ID+" "+m.Code] = true
		}
	}
	return s
}

// storeYear lists what the store holds of year, contract by contract
// through the services the window uses: every contract of the budget year
// or paid or assessed in it, the payments dated in it and the assessments
// of its periods.
func storeYear(t *testing.T, path string, year int) yearSets {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, _, err := db.FindContracts(ctx, govbuy.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	s := newYearSets()
	for _, c := range rows {
		payments, err := db.FindPayments(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		assessments, err := db.FindAssessments(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := c.BudgetYear() == year
		for _, p := range payments {
			if p.Date.Year() == year {
				in = true
				s.payments[paymentKey(c.Number, p.Form.String(), govbuy.FormatDate(p.Date), p.Amount.Decimal())] = true
			}
		}
		for _, a := range assessments {
			if govbuy.YearOfPeriod(a.Period) == year {
				in = true
				s.assessments[c.Number+" "+a.Period] = true
			}
		}
		if in {
			s.contracts[c.Number] = true
		}
	}
	return s
}

// compareSets names what one side has and the other lacks.
func compareSets(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	for k := range want {
		if !got[k] {
			t.Errorf("%s: the export lacks %s", what, k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("%s: the export has %s, which the store does not", what, k)
		}
	}
	if len(want) == 0 {
		t.Errorf("%s: the store has none", what)
	}
}

// checkDemoValues checks figures of the demo as the package writes them:
// amounts as exact decimals, a supplier's credit code, a supplement, and
// individuals named but never identified.
func checkDemoValues(t *testing.T, s yearSets, data []byte, individualCodes []string) {
	t.Helper()
	byOCID := map[string]ocds.Release{}
	for _, r := range s.pkg.Releases {
		byOCID[r.OCID] = r
	}
	r := byOCID["ocds-govbuy-local-YX2024-001"]
	if len(r.Contracts) != 1 || r.Contracts[0].Value.Amount != "2304000.00" || r.Contracts[0].DateSigned != "2023-12-01T00:00:00+08:00" {
		t.Errorf("YX2024-001's contract = %+v, want 2304000.00 CNY signed 2023-12-01", r.Contracts)
	}
	if len(r.Parties) != 2 || r.Parties[1].Identifier == nil ||
		*r.Parties[1].Identifier != (ocds.Identifier{Scheme: "CN-USCC", ID: "N2510123MA61000003", LegalName: "云溪区青石镇农村集体经济联合社"}) {
		t.Errorf("YX2024-001's supplier = %+v, want CN-USCC N2510123MA61000003", r.Parties)
	}
	r = byOCID["ocds-govbuy-local-YX2024-049"]
	if len(r.Contracts) != 1 || len(r.Awards) != 1 || r.Awards[0].Value.Amount != "1080000.00" ||
		r.Contracts[0].Value.Amount != "1198800.00" || len(r.Contracts[0].Amendments) != 1 ||
		r.Contracts[0].Amendments[0].Date != "2024-07-15T00:00:00+08:00" {
		t.Errorf("YX2024-049 = %+v %+v, want awarded 1080000.00, with its 118800.00 supplement 1198800.00", r.Awards, r.Contracts)
	}
	r = byOCID["ocds-govbuy-local-YX2024-029"]
	if len(r.Parties) != 2 || r.Parties[1].Name != "张明华" || r.Parties[1].Identifier != nil || r.Parties[1].Address != nil {
		t.Errorf("YX2024-029's supplier = %+v, want 张明华 without identifier or address", r.Parties)
	}
	if len(individualCodes) == 0 {
		t.Error("the demo has no individual with a 身份证号")
	}
	for _, code := range individualCodes {
		if bytes.Contains(data, []byte(code)) {
			t.Errorf("the export publishes the 身份证号 %s", code)
		}
	}
}

// individualCodes are the 身份证号 of the individual contractors.
func individualCodes(t *testing.T, path string) []string {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, _, err := db.FindContractors(context.Background(), govbuy.ContractorFilter{Type: govbuy.TypeIndividual})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, k := range rows {
		if k.CreditCode != "" {
			codes = append(codes, k.CreditCode)
		}
	}
	return codes
}

// checkCodelists checks the codes of open codelists, which the schema
// leaves unchecked, against the codelists, and that every code the method
// mapping gives is in the (closed) method codelist.
func checkCodelists(t *testing.T, s yearSets) {
	t.Helper()
	roles, types, methods := codelist(t, "partyRole.csv"), codelist(t, "milestoneType.csv"), codelist(t, "method.csv")
	for _, r := range s.pkg.Releases {
		for _, p := range r.Parties {
			for _, role := range p.Roles {
				if !roles[role] {
					t.Errorf("%s: party role %q is not in partyRole.csv", r.OCID, role)
				}
			}
		}
		if r.Tender != nil && r.Tender.ProcurementMethod != "" && !methods[r.Tender.ProcurementMethod] {
			t.Errorf("%s: method %q is not in method.csv", r.OCID, r.Tender.ProcurementMethod)
		}
		for _, c := range r.Contracts {
			if c.Implementation == nil {
				continue
			}
			for _, m := range c.Implementation.Milestones {
				if !types[m.Type] {
					t.Errorf("%s: milestone type %q is not in milestoneType.csv", r.OCID, m.Type)
				}
			}
		}
	}
	for _, m := range govbuy.Methods {
		if code, ok := ocds.Method(m); ok && !methods[code] {
			t.Errorf("%s maps to %q, not in method.csv", m, code)
		}
	}
}

// codelist reads the codes of an OCDS codelist.
func codelist(t *testing.T, name string) map[string]bool {
	t.Helper()
	f, err := os.Open(filepath.Join(schemaDir, "codelists", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	codes := map[string]bool{}
	for _, row := range rows[1:] {
		codes[row[0]] = true
	}
	return codes
}

// TestOCDSSchemaCopyIsTheShared checks the test's copy of the schema
// against ../shared/ocds, when the shared folder is there.
func TestOCDSSchemaCopyIsTheShared(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "ocds", "1.1.5"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(root); err != nil {
		t.Skipf("shared OCDS schema not available: %v", err)
	}
	for _, name := range []string{"release-package-schema.json", "release-schema.json",
		"codelists/method.csv", "codelists/partyRole.csv", "codelists/milestoneType.csv"} {
		shared, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		copied, err := os.ReadFile(filepath.Join(schemaDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(shared, copied) {
			t.Errorf("testdata's %s differs from the shared one: copy it again", name)
		}
	}
}

// Usage errors exit 2 with the usage; a year without contracts exits 1,
// saying so, and leaves no file; "-" writes to standard output.
func TestExportOCDSRefusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "2030.json")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"export"}, exitFailure, "用法: govbuy export ocds --year 年度 文件"},
		{[]string{"export", "csv", "--year", "2024", out}, exitFailure, "用法: govbuy export ocds"},
		{[]string{"export", "ocds", out}, exitFailure, "未在开放合同伙伴关系（OCP）登记"},
		{[]string{"export", "ocds", "--year", "2024"}, exitFailure, "用法: govbuy export ocds"},
		{[]string{"export", "ocds", "--year", "2030", out}, exitInput, "govbuy export ocds: 年度：2030年度没有合同，没有可导出的内容"},
	} {
		code, _, stderr := govbuyCmd(t, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("the refusals left %s", e.Name())
		}
	}
	code, stdout, stderr := govbuyCmd(t, "--db", db, "export", "ocds", "--year", "2024", "-")
	if code != exitOK || !strings.HasPrefix(stdout, "{\n  \"uri\": \"urn:ocds:ocds-govbuy-local:2024\"") {
		t.Errorf("to stdout: exit %d %s, output begins %.60q", code, stderr, stdout)
	}
}
