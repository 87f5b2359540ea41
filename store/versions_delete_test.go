package store_test

import (
	"context"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// deleteCase is one kind of record a list or form deletes: add stores one
// that nothing rests on, so that only a stale version can stop its delete,
// and returns the id and version a list row reads, and how another officer
// saves a change to it; del deletes it by the version read.
type deleteCase struct {
	word, table string
	add         func(t *testing.T, db *store.DB) (id, version int64, change func(context.Context) error)
	del         func(db *store.DB) func(ctx context.Context, id, version int64) error
}

var deleteCases = []deleteCase{
	{"单位", "units", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		u := mustUnit(t, db, "区档案馆")
		return u.ID, u.Version, func(ctx context.Context) error {
			other := must(db.FindUnitByID(ctx, u.ID))(t)
			other.Notes = "乙改"
			return db.UpdateUnit(ctx, other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteUnit }},
	{"承接主体", "contractors", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		k := mustContractor(t, db, "某档案公司", govbuy.TypeEnterprise, creditCode(t, 3))
		return k.ID, k.Version, func(ctx context.Context) error {
			other := must(db.FindContractorByID(ctx, k.ID))(t)
			other.Notes = "乙改"
			return db.UpdateContractor(ctx, other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteContractor }},
	{"目录项", "catalog", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		top := must(db.FindCatalog(context.Background()))(t)[0]
		item := &govbuy.CatalogItem{ParentID: top.ID, Code: "Z98", Name: "档案整理服务", Kind: govbuy.KindProject}
		if err := db.CreateCatalogItem(context.Background(), item); err != nil {
			t.Fatal(err)
		}
		return item.ID, item.Version, func(ctx context.Context) error {
			other := catalogItem(t, db, item.ID)
			other.Name = "档案数字化服务"
			return db.UpdateCatalogItem(ctx, &other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteCatalogItem }},
	{"合同", "contracts", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		c := freshContract(t, db)
		return c.ID, c.Version, func(ctx context.Context) error {
			other := must(db.FindContractByID(ctx, c.ID))(t).Contract
			other.Amount = govbuy.Yuan(4800)
			return db.UpdateContract(ctx, &other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteContract }},
	{"考核记录", "assessments", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		c := freshContract(t, db)
		if err := db.SavePlan(context.Background(), roadPlan(c.ID)); err != nil {
			t.Fatal(err)
		}
		a := mustAssess(t, db, c.ID, "2024Q1", 900)
		return a.ID, a.Version, func(ctx context.Context) error {
			other := must(db.FindAssessments(ctx, c.ID))(t)[0]
			other.Score = 865
			return db.UpdateAssessment(ctx, &other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteAssessment }},
	{"督查记录", "inspections", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		c := freshContract(t, db)
		in := &govbuy.Inspection{ContractID: c.ID, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14),
			Kind: govbuy.InspectionScheduled, Inspectors: "张伟"}
		if err := db.CreateInspection(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		return in.ID, in.Version, func(ctx context.Context) error {
			other := must(db.FindInspections(ctx, c.ID))(t)[0]
			other.Findings = "路面有坑槽未补"
			return db.UpdateInspection(ctx, &other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteInspection }},
	{"收费标准", "fee_standards", func(t *testing.T, db *store.DB) (int64, int64, func(context.Context) error) {
		f := &govbuy.FeeStandard{Name: "检验检测收费标准", Source: "省医疗服务价格项目", Date: govbuy.Day(2022, 3, 1),
			Kind: govbuy.FeeUnitPrice, Price: 14_000, Unit: "人次", Share: 7500}
		if err := db.SaveFeeStandard(context.Background(), f); err != nil {
			t.Fatal(err)
		}
		return f.ID, f.Version, func(ctx context.Context) error {
			other := must(db.FindFeeStandards(ctx))(t)[0]
			other.Price = 15_000
			return db.SaveFeeStandard(ctx, &other)
		}
	}, func(db *store.DB) func(context.Context, int64, int64) error { return db.DeleteFeeStandard }},
}

// freshContract is a contract nothing rests on yet.
func freshContract(t *testing.T, db *store.DB) *govbuy.Contract {
	t.Helper()
	u := mustUnit(t, db, "区交通运输局")
	k := mustContractor(t, db, "云溪公路养护有限公司", govbuy.TypeEnterprise, creditCode(t, 5))
	return mustContract(t, db, newContract("GL-1", 2024, u, k, govbuy.Yuan(5000)))
}

// An officer who read a record before another saved a change to it cannot
// delete it by what they read: the delete is refused as a stale save is,
// naming who changed it and when, and the record stays; read again, it
// deletes.
func TestStaleDeleteRefused(t *testing.T) {
	li, wang := ctxAs("李明"), ctxAs("王芳")
	for _, tc := range deleteCases {
		t.Run(tc.word, func(t *testing.T) {
			db := openDB(t)
			id, read, change := tc.add(t, db)
			db.Now = func() time.Time { return time.Date(2024, 6, 30, 9, 15, 0, 0, time.FixedZone("CST", 8*3600)) }
			if err := change(li); err != nil {
				t.Fatalf("the other officer's save: %v", err)
			}
			del := tc.del(db)
			wantDomainError(t, del(wang, id, read), govbuy.EConflict, "该"+tc.word+"已被李明于09:15修改，请查看其修改后再决定是否删除")
			if n := mustCount(t, db, "SELECT COUNT(*) FROM "+tc.table+" WHERE id = ?", id); n != 1 {
				t.Fatalf("%d rows left after the refused delete, want 1", n)
			}
			if err := del(wang, id, read+1); err != nil {
				t.Fatalf("delete by the version read again: %v", err)
			}
			if n := mustCount(t, db, "SELECT COUNT(*) FROM "+tc.table+" WHERE id = ?", id); n != 0 {
				t.Errorf("%d rows left after the delete, want 0", n)
			}
		})
	}
}
