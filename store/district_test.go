package store_test

import (
	"context"
	"errors"
	"testing"

	"govbuy"
	"govbuy/assets"
)

// The district's profile is kept as settings: saved whole, read back, used
// by the report model and the approval form, and audited.
func TestDistrictProfileIsKeptAndUsed(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("张科长")
	if p, err := db.DistrictProfile(ctx); err != nil || p != (govbuy.DistrictProfile{}) {
		t.Fatalf("empty database: profile %+v, %v", p, err)
	}
	want := govbuy.DistrictProfile{Name: "山南区", Bureau: "山南区财政局", FirstYear: 2025}
	if err := db.SetDistrictProfile(ctx, govbuy.DistrictProfile{Name: " 山南区 ", Bureau: "山南区财政局", FirstYear: 2025}); err != nil {
		t.Fatal(err)
	}
	if p, err := db.DistrictProfile(ctx); err != nil || p != want {
		t.Errorf("profile %+v, %v; want %+v", p, err, want)
	}
	if d, err := db.District(ctx); err != nil || d != "山南区" {
		t.Errorf("district %q, %v", d, err)
	}
	r, err := db.Report(ctx, 2025)
	if err != nil || r.District != "山南区" {
		t.Errorf("report district %q, %v", r.District, err)
	}
	log, err := db.FindAuditLog(ctx, govbuy.AuditFilter{Entity: "setting"})
	if err != nil || len(log) != 3 || log[0].Actor != "张科长" {
		t.Errorf("audit log %+v, %v; want the three settings by 张科长", log, err)
	}
}

// The approval form is issued by the bureau as the profile names it.
func TestPaymentFormIsIssuedByTheBureau(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "绿地养护公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := mustContract(t, db, newContract("SN2025-001", 2025, u, k, 1200000))
	if err := db.SetDistrictProfile(ctx, govbuy.DistrictProfile{Name: "山南区", Bureau: "山南区财政局（国资办）", FirstYear: 2025}); err != nil {
		t.Fatal(err)
	}
	f, err := db.PaymentForm(ctx, c.Number, "")
	if err != nil {
		t.Fatal(err)
	}
	if f.District != "山南区" || f.Bureau != "山南区财政局（国资办）" {
		t.Errorf("form district %q bureau %q", f.District, f.Bureau)
	}
}

// A bad profile is refused whole, each field named, and nothing is kept.
func TestDistrictProfileRefusesBadValues(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	err := db.SetDistrictProfile(ctx, govbuy.DistrictProfile{Name: "  ", Bureau: "", FirstYear: 1999})
	var fields []string
	var v govbuy.ValidationErrors
	if !errors.As(err, &v) {
		t.Fatalf("error %v is not a set of problems", err)
	}
	for _, e := range v {
		fields = append(fields, string(e.Field))
	}
	if len(fields) != 3 || fields[0] != "区县名称" || fields[1] != "财政局" || fields[2] != "首个预算年度" {
		t.Errorf("problems name %q", fields)
	}
	if p, _ := db.DistrictProfile(ctx); p != (govbuy.DistrictProfile{}) {
		t.Errorf("a refused profile left %+v", p)
	}
}

// Once roles are on, only an administrator sets the profile.
func TestDistrictProfileIsAnAdministratorsAct(t *testing.T) {
	db := openDB(t)
	admin, clerk, _ := signedIn(t, db)
	p := govbuy.DistrictProfile{Name: "山南区", Bureau: "山南区财政局", FirstYear: 2025}
	wantDomainError(t, db.SetDistrictProfile(clerk, p), govbuy.EConflict, "李录入的角色是录入员，不能设置本区信息")
	if d, _ := db.District(admin); d != "" {
		t.Errorf("a clerk set the district to %q", d)
	}
	if err := db.SetDistrictProfile(admin, p); err != nil {
		t.Fatal(err)
	}
}

// A district set before the profile existed (the demo) reads with its
// usual bureau.
func TestDistrictWithoutBureauReadsWithItsUsualOne(t *testing.T) {
	db := openDB(t)
	if err := db.SetDistrict(context.Background(), "云溪区"); err != nil {
		t.Fatal(err)
	}
	p, err := db.DistrictProfile(context.Background())
	if err != nil || p.Bureau != "云溪区财政局" || p.FirstYear != 0 {
		t.Errorf("profile %+v, %v", p, err)
	}
}

// A dataset that brings its own district (the demo, replacing the data)
// brings it whole: the bureau and first year of the district it replaces
// do not stay behind.
func TestDatasetDistrictReplacesTheProfile(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.SetDistrictProfile(ctx, govbuy.DistrictProfile{Name: "山南区", Bureau: "山南区财政局", FirstYear: 2025}); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadDataset(ctx, &govbuy.Dataset{District: "示例区"}, true); err != nil {
		t.Fatal(err)
	}
	want := govbuy.DistrictProfile{Name: "示例区", Bureau: "示例区财政局"}
	if p, err := db.DistrictProfile(ctx); err != nil || p != want {
		t.Errorf("profile %+v, %v; want %+v", p, err, want)
	}
}

// The demo brings no first year: its profile reads the earliest budget
// year of its contracts, not the year the computer is in.
func TestDemoProfileStartsWithItsContracts(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	p, err := db.DistrictProfile(ctx)
	if err != nil || p.FirstYear != assets.DemoYear {
		t.Errorf("profile %+v, %v; want first year %d", p, err, assets.DemoYear)
	}
}
