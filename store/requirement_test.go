package store_test

import (
	"context"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
)

// A contract with a contractor who lacks what the service requires shows
// what is missing and needs a reason, which is kept with its hints.
func TestUnqualifiedContractorNeedsAReason(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	road, err := db.FindContractByNumber(ctx, "YX2024-042") // 农村公路日常养护, a 甲级 firm
	if err != nil {
		t.Fatal(err)
	}
	unit, _ := db.FindUnitByID(ctx, road.UnitID)
	k := mustContractor(t, db, "新成立养护队", govbuy.TypeEnterprise, creditCode(t, 91))
	c := newContract("GL-NEW", 2024, unit, k, 50_000_000)
	c.CatalogID = road.CatalogID
	// The form can show what is missing before anything is saved.
	if missing, reason, err := db.RequirementGaps(ctx, c); err != nil || len(missing) != 1 || !strings.Contains(missing[0], "缺少公路养护工程施工资质") || reason != "" {
		t.Fatalf("gaps before saving: %q, reason %q, %v", missing, reason, err)
	}
	err = db.CreateContract(ctx, c)
	if govbuy.ErrorField(err) != "不符合要求的理由" || !strings.Contains(govbuy.ErrorMessage(err), "缺少公路养护工程施工资质") {
		t.Fatalf("unqualified contractor: %v", err)
	}
	if _, err := db.FindContractByNumber(ctx, "GL-NEW"); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Fatal("a refused contract was stored")
	}
	c.RequirementReason = "应急抢修，资质正在办理"
	if err := db.CreateContract(ctx, c); err != nil {
		t.Fatalf("with a reason: %v", err)
	}
	if missing, reason, err := db.RequirementGaps(ctx, c); err != nil || len(missing) != 1 || reason != "应急抢修，资质正在办理" {
		t.Errorf("gaps of the stored contract: %q, reason %q, %v", missing, reason, err)
	}
	met := *c
	met.ContractorID = road.ContractorID // the 甲级 firm
	if missing, _, err := db.RequirementGaps(ctx, &met); err != nil || len(missing) != 0 {
		t.Errorf("a qualified firm: %q, %v", missing, err)
	}
	c.RequirementReason = ""
	c.Title = "改名后的合同"
	if err := db.UpdateContract(ctx, c); err != nil {
		t.Errorf("updating a contract whose reason is on record: %v", err)
	}
	ok := newContract("GL-OK", 2024, unit, k, 50_000_000) // no catalog item: no requirement
	if err := db.CreateContract(ctx, ok); err != nil {
		t.Errorf("contract without a catalog item: %v", err)
	}
}

// A requirement for a catalog code that is not in the catalog would never
// apply: it is refused and nothing is saved.
func TestRequirementForUnknownCatalogItemRefused(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	before, err := db.FindRequirements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := &govbuy.Requirement{CatalogCode: "Z99", Licence: "医疗机构执业许可证"}
	err = db.SaveRequirement(ctx, r)
	if govbuy.ErrorField(err) != "服务类别" || !strings.Contains(govbuy.ErrorMessage(err), "Z99") {
		t.Fatalf("unknown catalog code: %v", err)
	}
	after, err := db.FindRequirements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("requirements after a refused save: %d, want %d", len(after), len(before))
	}
	// The same in a dataset: the load is refused whole.
	ds := &govbuy.Dataset{Requirements: []govbuy.Requirement{*r}}
	err = db.LoadDataset(ctx, ds, true)
	if got := govbuy.ErrorMessage(err); got != "资质要求第1条“Z99”：服务类别：服务目录中没有编码为“Z99”的项目" {
		t.Errorf("unknown catalog code in a dataset: %q", got)
	}
	if again, _ := db.FindRequirements(ctx); len(again) != len(before) {
		t.Errorf("requirements after a refused load: %d, want %d", len(again), len(before))
	}
}
