package store_test

import (
	"context"
	"strings"
	"testing"

	"govbuy"
)

// What the notice states beyond the contract's own fields is stored, read
// back with the contract's unit and contractor, audited under its labels,
// and, like every field of a contract, refused once its year is closed.
func TestNoticeFieldsStoredAndControlled(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	u.Address = "云溪区府前路2号"
	if err := db.UpdateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	k := mustContractor(t, db, "云溪保洁服务有限公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := newContract("YX-9", 2024, u, k, govbuy.Yuan(100_000))
	c.ProjectNo, c.Place, c.Spec = " YXCG2024-009 ", "城区主次干道", "每日清扫两次"
	mustContract(t, db, c)
	if err := db.AddSupplement(ctx, &govbuy.Supplement{ContractID: c.ID, Date: govbuy.Day(2024, 6, 1), Amount: govbuy.Yuan(500)}); err != nil {
		t.Fatal(err)
	}
	r, err := db.ContractingRecord(ctx, "YX-9")
	if err != nil {
		t.Fatal(err)
	}
	if r.Contract.ProjectNo != "YXCG2024-009" || r.Contract.Place != "城区主次干道" || r.Contract.Spec != "每日清扫两次" ||
		r.Unit.Address != "云溪区府前路2号" || r.Contractor.Name != "云溪保洁服务有限公司" || len(r.Supplements) != 1 {
		t.Errorf("record = %+v", r)
	}
	if _, err := db.ContractingRecord(ctx, "YX-404"); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("unknown contract: %v", err)
	}
	entries, err := db.FindAuditLog(ctx, govbuy.AuditFilter{Entity: "contract"})
	if err != nil || len(entries) == 0 {
		t.Fatalf("audit: %v, %+v", err, entries)
	}
	if got := entries[0].ChangeText(); !strings.Contains(got, "服务要求") || !strings.Contains(got, "每日清扫两次") ||
		!strings.Contains(got, "项目编号") || !strings.Contains(got, "履约地点") {
		t.Errorf("audit of the new contract: %q", got)
	}
	tests := []struct {
		name string
		set  func(c *govbuy.Contract)
	}{
		{"project number", func(c *govbuy.Contract) { c.ProjectNo = "X" }},
		{"place", func(c *govbuy.Contract) { c.Place = "X" }},
		{"spec", func(c *govbuy.Contract) { c.Spec = "X" }},
	}
	if err := db.CloseYear(ctx, 2024); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, _ := db.FindContractByNumber(ctx, "YX-9")
			tt.set(&stored.Contract)
			if err := db.UpdateContract(ctx, &stored.Contract); govbuy.ErrorKindOf(err) != govbuy.EConflict {
				t.Errorf("closed year: %v", err)
			}
		})
	}
}

func TestNoticeFieldsLengthLimits(t *testing.T) {
	db := openDB(t)
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "云溪保洁服务有限公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := newContract("YX-9", 2024, u, k, govbuy.Yuan(100_000))
	c.Place = strings.Repeat("地", govbuy.MaxNameChars+1)
	if err := db.CreateContract(context.Background(), c); govbuy.ErrorField(err) != govbuy.FieldPlace {
		t.Errorf("a place over the limit: %v", err)
	}
	u.Address = strings.Repeat("路", govbuy.MaxNameChars+1)
	if err := db.UpdateUnit(context.Background(), u); govbuy.ErrorField(err) != govbuy.FieldAddress {
		t.Errorf("an address over the limit: %v", err)
	}
}
