package store_test

import (
	"context"
	"testing"

	"govbuy"
)

// The year's contracting holds the contracts of the budget year and the
// others paid or assessed in it, each with its parties, supplements and
// the payments and assessments of the year only.
func TestContractingYearHoldsTheYear(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	road := roadContract(t, db) // GL-1, 2024, assessed quarterly
	mustAssess(t, db, road.ID, "2024Q1", 905)
	u := mustUnit(t, db, "区民政局")
	k := mustContractor(t, db, "阳光社工中心", govbuy.TypeSocialOrg, creditCode(t, 2))
	old := mustContract(t, db, newContract("A-2023", 2023, u, k, 500_000))
	cur := mustContract(t, db, newContract("B-2024", 2024, u, k, 1_000_000))
	mustContract(t, db, newContract("C-2022", 2022, u, k, 300_000))
	mustPay(t, db, old, govbuy.Day(2024, 1, 15), 100_000)
	mustPay(t, db, old, govbuy.Day(2023, 12, 15), 200_000)
	mustPay(t, db, cur, govbuy.Day(2024, 6, 30), 400_000)
	mustPay(t, db, cur, govbuy.Day(2025, 1, 10), 600_000)
	for _, s := range []govbuy.Supplement{{Date: govbuy.Day(2024, 7, 1), Amount: 50_000}, {Date: govbuy.Day(2025, 2, 1), Amount: 70_000}} {
		s.ContractID = cur.ID
		if err := db.AddSupplement(ctx, &s); err != nil {
			t.Fatal(err)
		}
	}
	y, err := db.ContractingYear(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if y.Year != 2024 || y.OCIDPrefix != govbuy.DefaultOCIDPrefix {
		t.Errorf("year %d prefix %q", y.Year, y.OCIDPrefix)
	}
	var got []string
	for _, r := range y.Contracts {
		got = append(got, r.Contract.Number)
	}
	if len(got) != 3 || got[0] != "A-2023" || got[1] != "B-2024" || got[2] != "GL-1" {
		t.Fatalf("contracts %q, want A-2023 (paid in 2024), B-2024, GL-1", got)
	}
	a, b, gl := y.Contracts[0], y.Contracts[1], y.Contracts[2]
	if len(a.Payments) != 1 || a.Payments[0].Amount != 100_000 || len(b.Payments) != 1 || b.Payments[0].Amount != 400_000 {
		t.Errorf("payments %+v and %+v, want those dated 2024 alone", a.Payments, b.Payments)
	}
	if b.Unit.Name != "区民政局" || b.Contractor.Name != "阳光社工中心" || b.Contractor.CreditCode != creditCode(t, 2) {
		t.Errorf("B-2024's parties %+v %+v", b.Unit, b.Contractor)
	}
	if len(b.Supplements) != 1 || b.Supplements[0].Amount != 50_000 || len(a.Supplements) != 0 {
		t.Errorf("supplements %+v / %+v, want the one signed in 2024", b.Supplements, a.Supplements)
	}
	if len(gl.Assessments) != 1 || gl.Assessments[0].Period != "2024Q1" || gl.Assessments[0].Score != 905 || len(b.Assessments) != 0 {
		t.Errorf("assessments %+v / %+v", gl.Assessments, b.Assessments)
	}
	if y, err := db.ContractingYear(ctx, 2030); err != nil || len(y.Contracts) != 0 {
		t.Errorf("an empty year: %+v, %v", y, err)
	}
	wantDomainError(t, func() error { _, err := db.ContractingYear(ctx, 1800); return err }(), govbuy.EInvalid, "年度：请填写年度（1990–2100）")
}

// The ocid prefix is a setting: the local default until set, checked,
// audited, back to the default when cleared, and an administrator's act
// once roles are on.
func TestOCIDPrefixIsASetting(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("张科长")
	if p, err := db.OCIDPrefix(ctx); err != nil || p != "ocds-govbuy-local" {
		t.Fatalf("default prefix %q, %v", p, err)
	}
	if err := db.SetOCIDPrefix(ctx, " ｏｃｄｓ-abc123 "); err != nil {
		t.Fatal(err)
	}
	if p, err := db.OCIDPrefix(ctx); err != nil || p != "ocds-abc123" {
		t.Errorf("prefix %q, %v; want ocds-abc123", p, err)
	}
	wantDomainError(t, db.SetOCIDPrefix(ctx, "ocds/abc"), govbuy.EInvalid, "OCDS前缀（ocid）：只能含英文字母、数字和“-”，“/”不行")
	log, err := db.FindAuditLog(ctx, govbuy.AuditFilter{Entity: "setting"})
	if err != nil || len(log) != 1 || log[0].Actor != "张科长" {
		t.Errorf("audit log %+v, %v; want the prefix set by 张科长", log, err)
	}
	if err := db.SetOCIDPrefix(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.OCIDPrefix(ctx); p != govbuy.DefaultOCIDPrefix {
		t.Errorf("cleared prefix reads %q", p)
	}
	admin, clerk, _ := signedIn(t, db)
	wantDomainError(t, db.SetOCIDPrefix(clerk, "ocds-xyz789"), govbuy.EConflict, "李录入的角色是录入员，不能设置OCDS前缀")
	if err := db.SetOCIDPrefix(admin, "ocds-xyz789"); err != nil {
		t.Fatal(err)
	}
}
