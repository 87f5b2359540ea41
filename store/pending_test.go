package store_test

import (
	"context"
	"testing"

	"govbuy"
)

// A record imported 待补充 keeps its mark through every read, is listed on
// the workbench and by check, and loses the mark once the form fills the
// field in; a post saved without people and without the mark is refused.
func TestPendingMarkIsKeptListedAndClearedByCompleting(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区民政局")
	k := &govbuy.Contractor{Name: "某社区服务中心", Pending: govbuy.NewFieldSet(govbuy.FieldContractorType)}
	if err := db.CreateContractor(ctx, k); err != nil {
		t.Fatalf("contractor without a type, marked 待补充: %v", err)
	}
	c := newContract("2023-导入-0001", 2023, u, k, 3_600_000)
	c.Kind, c.Headcount = govbuy.KindPost, 0
	if err := db.CreateContract(ctx, c); err == nil {
		t.Fatal("a post without people and without the mark was saved")
	}
	c.Pending = govbuy.NewFieldSet(govbuy.FieldHeadcount)
	mustContract(t, db, c)

	w, err := db.Workbench(ctx, 2023, 0)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, it := range w.Due[govbuy.DuePending].Items {
		labels = append(labels, it.Label())
	}
	want := []string{"承接主体“某社区服务中心”待补充主体类型", "待补充岗位人数"}
	if len(labels) != 2 || labels[0] != want[0] || labels[1] != want[1] {
		t.Errorf("workbench pending = %q, want %q", labels, want)
	}
	res, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pending) != 2 || res.Pending[0].Message() != "合同2023-导入-0001“"+c.Title+"”待补充：岗位人数" ||
		res.Pending[1].Message() != "承接主体“某社区服务中心”待补充：主体类型" {
		t.Errorf("check pending = %+v", res.Pending)
	}

	row, err := db.FindContractByNumber(ctx, c.Number)
	if err != nil || row.Pending.String() != "岗位人数" {
		t.Fatalf("read back: %+v, %v", row, err)
	}
	edited := row.Contract
	edited.Headcount = 3
	if err := db.UpdateContract(ctx, &edited); err != nil {
		t.Fatal(err)
	}
	if row, _ = db.FindContractByNumber(ctx, c.Number); !row.Pending.Empty() || row.Headcount != 3 {
		t.Errorf("completed contract still marked %q (headcount %d)", row.Pending, row.Headcount)
	}
	k.Type = govbuy.TypeSocialOrg
	if err := db.UpdateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
	if res, _ = db.Check(ctx); len(res.Pending) != 0 {
		t.Errorf("completed records still listed: %+v", res.Pending)
	}
}
