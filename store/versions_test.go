package store_test

import (
	"context"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// versionFixture is one of each record a form opens and saves back.
type versionFixture struct {
	unit, contractor, catalog, contract, assessment, inspection, fee int64
}

func newVersionFixture(t *testing.T, db *store.DB) versionFixture {
	t.Helper()
	ctx := context.Background()
	u := mustUnit(t, db, "区交通运输局")
	k := mustContractor(t, db, "云溪公路养护有限公司", govbuy.TypeEnterprise, creditCode(t, 5))
	c := mustContract(t, db, newContract("GL-1", 2024, u, k, 40_000_000))
	if err := db.SavePlan(ctx, roadPlan(c.ID)); err != nil {
		t.Fatal(err)
	}
	a := mustAssess(t, db, c.ID, "2024Q1", 900)
	in := &govbuy.Inspection{ContractID: c.ID, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14),
		Kind: govbuy.InspectionScheduled, Inspectors: "张伟"}
	if err := db.CreateInspection(ctx, in); err != nil {
		t.Fatal(err)
	}
	f := &govbuy.FeeStandard{Name: "检验检测收费标准", Source: "省医疗服务价格项目", Date: govbuy.Day(2022, 3, 1),
		Kind: govbuy.FeeUnitPrice, Price: 14_000, Unit: "人次", Share: 7500}
	if err := db.SaveFeeStandard(ctx, f); err != nil {
		t.Fatal(err)
	}
	cat, err := db.FindCatalog(ctx)
	if err != nil || len(cat) == 0 {
		t.Fatalf("catalog: %d items, %v", len(cat), err)
	}
	return versionFixture{u.ID, k.ID, cat[0].ID, c.ID, a.ID, in.ID, f.ID}
}

// versionCase is one kind of record: open reads it as its form does and
// returns how that form saves it with text typed into one of its fields;
// stored reads the field back from the database.
type versionCase struct {
	word   string
	open   func(t *testing.T, db *store.DB, fx versionFixture) func(ctx context.Context, text string) error
	stored func(t *testing.T, db *store.DB, fx versionFixture) string
}

var versionCases = []versionCase{
	{"单位", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		u := must(db.FindUnitByID(context.Background(), fx.unit))(t)
		return func(ctx context.Context, s string) error { u.Notes = s; return db.UpdateUnit(ctx, u) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindUnitByID(context.Background(), fx.unit))(t).Notes
	}},
	{"承接主体", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		k := must(db.FindContractorByID(context.Background(), fx.contractor))(t)
		return func(ctx context.Context, s string) error { k.Notes = s; return db.UpdateContractor(ctx, k) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindContractorByID(context.Background(), fx.contractor))(t).Notes
	}},
	{"目录项", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		c := catalogItem(t, db, fx.catalog)
		return func(ctx context.Context, s string) error { c.Name = s; return db.UpdateCatalogItem(ctx, &c) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return catalogItem(t, db, fx.catalog).Name
	}},
	{"合同", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		c := must(db.FindContractByID(context.Background(), fx.contract))(t).Contract
		return func(ctx context.Context, s string) error { c.Notes = s; return db.UpdateContract(ctx, &c) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindContractByID(context.Background(), fx.contract))(t).Notes
	}},
	{"考核方案", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		p := must(db.FindPlan(context.Background(), fx.contract))(t)
		return func(ctx context.Context, s string) error { p.Criteria[0].Name = s; return db.SavePlan(ctx, p) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindPlan(context.Background(), fx.contract))(t).Criteria[0].Name
	}},
	{"考核记录", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		a := must(db.FindAssessments(context.Background(), fx.contract))(t)[0]
		return func(ctx context.Context, s string) error { a.Remarks = s; return db.UpdateAssessment(ctx, &a) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindAssessments(context.Background(), fx.contract))(t)[0].Remarks
	}},
	{"督查记录", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		in := must(db.FindInspections(context.Background(), fx.contract))(t)[0]
		return func(ctx context.Context, s string) error { in.Findings = s; return db.UpdateInspection(ctx, &in) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindInspections(context.Background(), fx.contract))(t)[0].Findings
	}},
	{"收费标准", func(t *testing.T, db *store.DB, fx versionFixture) func(context.Context, string) error {
		f := must(db.FindFeeStandards(context.Background()))(t)[0]
		return func(ctx context.Context, s string) error { f.Source = s; return db.SaveFeeStandard(ctx, &f) }
	}, func(t *testing.T, db *store.DB, fx versionFixture) string {
		return must(db.FindFeeStandards(context.Background()))(t)[0].Source
	}},
}

// must returns v, failing the test on err.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func catalogItem(t *testing.T, db *store.DB, id int64) govbuy.CatalogItem {
	t.Helper()
	for _, c := range must(db.FindCatalog(context.Background()))(t) {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("catalog item %d not found", id)
	return govbuy.CatalogItem{}
}

// Two officers open the same record; the first saves (twice: a form that
// saved can save again); the second's save is refused naming the first and
// the time of their change, and writes nothing of what the second typed;
// reopened, the second form saves.
func TestStaleSaveRefused(t *testing.T) {
	beijing := time.FixedZone("CST", 8*3600)
	clock := func(month time.Month, day, h, m int) func() time.Time {
		return func() time.Time { return time.Date(2024, month, day, h, m, 0, 0, beijing) }
	}
	li, wang := ctxAs("李明"), ctxAs("王芳")
	for _, tc := range versionCases {
		t.Run(tc.word, func(t *testing.T) {
			db := openDB(t)
			fx := newVersionFixture(t, db)
			saveA, saveB := tc.open(t, db, fx), tc.open(t, db, fx)
			db.Now = clock(time.June, 30, 14, 1)
			if err := saveA(li, "甲改"); err != nil {
				t.Fatalf("first save: %v", err)
			}
			db.Now = clock(time.June, 30, 14, 5)
			if err := saveA(li, "甲再改"); err != nil {
				t.Fatalf("second save of the same form: %v", err)
			}
			db.Now = clock(time.June, 30, 16, 40)
			wantDomainError(t, saveB(wang, "乙改"), govbuy.EConflict, "该"+tc.word+"已被李明于14:05修改，请重新打开后再改")
			db.Now = clock(time.July, 1, 8, 0)
			wantDomainError(t, saveB(wang, "乙改"), govbuy.EConflict, "该"+tc.word+"已被李明于6月30日14:05修改，请重新打开后再改")
			if got := tc.stored(t, db, fx); got != "甲再改" {
				t.Errorf("stored %q after the refused save, want 甲再改", got)
			}
			if err := tc.open(t, db, fx)(wang, "乙改"); err != nil {
				t.Fatalf("save after reopening: %v", err)
			}
			if got := tc.stored(t, db, fx); got != "乙改" {
				t.Errorf("stored %q, want 乙改", got)
			}
			wantDomainError(t, saveA(li, "甲三改"), govbuy.EConflict, "该"+tc.word+"已被王芳于08:00修改，请重新打开后再改")
		})
	}
}

// An import that updates a stored contract goes by the version it reads in
// its own transaction, so it is never refused; it raises the version all
// the same, so a form opened before it cannot overwrite what it brought.
func TestImportUpdateTellsAnOpenForm(t *testing.T) {
	db := openDB(t)
	fx := newVersionFixture(t, db)
	ctx := context.Background()
	opened := must(db.FindContractByID(ctx, fx.contract))(t)
	db.Now = func() time.Time { return time.Date(2024, 6, 30, 14, 5, 0, 0, time.FixedZone("CST", 8*3600)) }
	row := opened.Contract
	row.Version = 0 // a ledger knows no version
	row.Title = "农村公路养护（台账）"
	update := govbuy.DatasetContract{Contract: row, UnitName: opened.UnitName, ContractorName: opened.ContractorName,
		Given: govbuy.NewFieldSet(govbuy.FieldYear, govbuy.FieldUnit, govbuy.FieldContractor, govbuy.FieldKind, govbuy.FieldTitle, govbuy.FieldAmount)}
	for range 2 { // the second import reads the version the first made
		if _, err := db.ImportDataset(ctxAs("王芳"), &govbuy.Dataset{Contracts: []govbuy.DatasetContract{update}}, govbuy.ImportBatch{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := must(db.FindContractByID(ctx, fx.contract))(t); got.Version != opened.Version+2 || got.Title != row.Title {
		t.Errorf("after two imports: version %d (opened at %d), title %q", got.Version, opened.Version, got.Title)
	}
	// Lists carry the version too: a form opened from a list row saves by it.
	units, _, err := db.FindUnits(ctx, govbuy.UnitFilter{Limit: 10})
	ks, _, err2 := db.FindContractors(ctx, govbuy.ContractorFilter{Limit: 10})
	cs, _, err3 := db.FindContracts(ctx, govbuy.ContractFilter{Limit: 10})
	if err != nil || err2 != nil || err3 != nil || len(units) != 1 || len(ks) != 1 || len(cs) != 1 ||
		units[0].Version != 1 || ks[0].Version != 1 || cs[0].Version != opened.Version+2 {
		t.Errorf("list versions: units %+v, contractors %+v, contracts %+v (%v, %v, %v)", units, ks, cs, err, err2, err3)
	}
	form := opened.Contract
	form.Notes = "表单中的修改"
	wantDomainError(t, db.UpdateContract(ctxAs("李明"), &form), govbuy.EConflict, "该合同已被王芳于14:05修改，请重新打开后再改")
	if got := must(db.FindContractByID(ctx, fx.contract))(t); got.Notes != "" || got.Title != row.Title {
		t.Errorf("the refused save wrote: notes %q, title %q", got.Notes, got.Title)
	}
}
