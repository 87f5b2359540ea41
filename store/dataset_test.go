package store_test

import (
	"context"
	"testing"
	"time"

	"govbuy"
)

func dsContract(number string, year int, unit, contractor, catalog string, kind govbuy.Kind, title string, amount govbuy.Money) govbuy.DatasetContract {
	c := govbuy.DatasetContract{
		Contract: govbuy.Contract{
			Number: number, Year: year, Kind: kind, Title: title, Method: govbuy.MethodDirectEntrust,
			Amount: amount, Start: govbuy.Day(year, 1, 1), End: govbuy.Day(year, 12, 31), Funding: govbuy.FundBudget,
		},
		UnitName: unit, ContractorName: contractor, CatalogCode: catalog,
	}
	if kind == govbuy.KindPost {
		c.Headcount = 1
		c.Method = govbuy.MethodDirectHire
	}
	return c
}

func dsPayment(number string, p govbuy.Payment) govbuy.DatasetPayment {
	return govbuy.DatasetPayment{Payment: p, ContractNumber: number}
}

func pay(y int, m time.Month, d int, amount govbuy.Money) govbuy.Payment {
	return govbuy.Payment{Date: govbuy.Day(y, m, d), Amount: amount}
}

func smallDataset(t *testing.T) *govbuy.Dataset {
	return &govbuy.Dataset{
		District: "示例区",
		Units:    []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "区交通局"}}, {Unit: govbuy.Unit{Name: "区住建局", Kind: govbuy.UnitAdministrative}}},
		Contractors: []govbuy.DatasetContractor{
			{Contractor: govbuy.Contractor{Name: "某公路养护公司", Type: govbuy.TypeEnterprise, CreditCode: creditCode(t, 501),
				Qualifications: []govbuy.Qualification{{Kind: "公路养护资质", Level: "乙级"}}}},
			{Contractor: govbuy.Contractor{Name: "村民甲", Type: govbuy.TypeIndividual}},
		},
		Contracts: []govbuy.DatasetContract{
			dsContract("JT-1", 2024, "区交通局", "某公路养护公司", "B03", govbuy.KindProject, "农村公路养护", 1_000_000_00),
			dsContract("JT-2", 2024, "区交通局", "村民甲", "社区服务", govbuy.KindPost, "护路员", 24_000_00),
			dsContract("ZJ-1", 2024, "区住建局", "某公路养护公司", "", govbuy.KindProject, "市政设施维护", 300_000_00),
		},
		Payments: []govbuy.DatasetPayment{
			dsPayment("JT-1", pay(2024, 6, 30, 500_000_00)),
			dsPayment("JT-2", pay(2024, 12, 31, 24_000_00)),
		},
	}
}

func TestLoadDataset(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("demo")
	// A unit registered before the load is matched by name and keeps what
	// the dataset leaves empty.
	pre := &govbuy.Unit{Name: "区交通局", Phone: "0351-1111111"}
	if err := db.CreateUnit(ctx, pre); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadDataset(ctx, smallDataset(t), false); err != nil {
		t.Fatal(err)
	}
	if d, _ := db.District(ctx); d != "示例区" {
		t.Errorf("district %q", d)
	}
	units, n, _ := db.FindUnits(ctx, govbuy.UnitFilter{Sort: "name"})
	if n != 2 {
		t.Fatalf("%d units", n)
	}
	for _, u := range units {
		if u.Name == "区交通局" && (u.ID != pre.ID || u.Phone != "0351-1111111" || u.Contracts != 2) {
			t.Errorf("pre-existing unit not merged: %+v", u)
		}
	}
	jt1, err := db.FindContractByNumber(ctx, "JT-1")
	if err != nil || jt1.CatalogName != "农村公路养护服务" || jt1.Paid != 500_000_00 || jt1.ContractorName != "某公路养护公司" {
		t.Errorf("JT-1 %+v %v", jt1, err)
	}
	jt2, _ := db.FindContractByNumber(ctx, "JT-2")
	if jt2.CatalogName != "社区服务" { // catalog found by name
		t.Errorf("JT-2 catalog %q", jt2.CatalogName)
	}
	k, err := db.FindContractorByCode(ctx, creditCode(t, 501), "")
	if err != nil || len(k.Qualifications) != 1 {
		t.Errorf("contractor %+v %v", k, err)
	}

	entries, _ := db.FindAudit(ctx, "dataset", 0)
	if len(entries) != 1 || entries[0].Action != "load" || entries[0].Actor != "demo" {
		t.Fatalf("dataset audit %+v", entries)
	}
	counts := decode[map[string]any](t, entries[0].After)
	if counts["contracts"] != 3.0 || counts["payments"] != 2.0 || counts["units_created"] != 1.0 || counts["units_updated"] != 1.0 {
		t.Errorf("audit counts %v", counts)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'contract'"); n != 0 {
		t.Errorf("a load wrote %d contract audit rows, want one dataset row", n)
	}

	// Loading again is refused while contracts exist…
	err = db.LoadDataset(ctx, smallDataset(t), false)
	wantDomainError(t, err, govbuy.EConflict, "数据库中已有合同，如需替换请使用 --force")
}

func TestLoadDatasetReplace(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, smallDataset(t), false); err != nil {
		t.Fatal(err)
	}
	// The district's own catalog item stays; a deleted default item returns.
	cat, _ := db.FindCatalog(ctx)
	var e ext
	e.index(cat)
	own := &govbuy.CatalogItem{ParentID: e.byCode["D"].ID, Code: "D05", Name: "计生检测服务"}
	if err := db.CreateCatalogItem(ctx, own); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteCatalogItem(ctx, e.byCode["E06"].ID, e.byCode["E06"].Version); err != nil {
		t.Fatal(err)
	}

	ds := &govbuy.Dataset{
		Units:       []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "区卫健局"}}},
		Contractors: []govbuy.DatasetContractor{{Contractor: govbuy.Contractor{Name: "某检测所", Type: govbuy.TypePublicClass2}}},
		Contracts:   []govbuy.DatasetContract{dsContract("WJ-1", 2024, "区卫健局", "某检测所", "D05", govbuy.KindProject, "计生检测", 75_00)},
	}
	if err := db.LoadDataset(ctx, ds, true); err != nil {
		t.Fatal(err)
	}
	units, n, _ := db.FindUnits(ctx, govbuy.UnitFilter{})
	if n != 1 || units[0].Name != "区卫健局" {
		t.Errorf("units after replace %+v", units)
	}
	if _, n, _ := db.FindContractors(ctx, govbuy.ContractorFilter{}); n != 1 {
		t.Errorf("%d contractors after replace", n)
	}
	rows, n, _ := db.FindContracts(ctx, govbuy.ContractFilter{})
	if n != 1 || rows[0].CatalogName != "计生检测服务" || rows[0].Paid != 0 {
		t.Errorf("contracts after replace %+v", rows)
	}
	cat, _ = db.FindCatalog(ctx)
	if len(cat) != len(govbuy.DefaultCatalog)+1 {
		t.Errorf("catalog after replace has %d items, want %d", len(cat), len(govbuy.DefaultCatalog)+1)
	}
	entries, _ := db.FindAudit(ctx, "dataset", 0)
	before := decode[map[string]any](t, entries[len(entries)-1].Before)
	if before["contracts"] != 3.0 || before["payments"] != 2.0 {
		t.Errorf("replace audit before %v", before)
	}
}

func TestLoadDatasetBadReferenceWritesNothing(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(ds *govbuy.Dataset)
		msg    string
	}{
		{"unknown unit", func(ds *govbuy.Dataset) { ds.Contracts[2].UnitName = "区无此局" },
			"合同第3条“ZJ-1”：购买主体：未找到单位“区无此局”"},
		{"unknown contractor", func(ds *govbuy.Dataset) { ds.Contracts[0].ContractorName = "无名公司" },
			"合同第1条“JT-1”：承接主体：未找到承接主体“无名公司”"},
		{"unknown catalog", func(ds *govbuy.Dataset) { ds.Contracts[1].CatalogCode = "Z99" },
			"合同第2条“JT-2”：服务类别：目录中没有编码或名称为“Z99”的项目"},
		{"unknown contract number", func(ds *govbuy.Dataset) { ds.Payments[1].ContractNumber = "JT-9" },
			"支付记录第2条“JT-9”：合同编号：未找到合同“JT-9”"},
		{"invalid contractor", func(ds *govbuy.Dataset) { ds.Contractors[1].Type = "" },
			"承接主体第2条“村民甲”：主体类型：请选择主体类型（企业、社会组织、个人等）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			ctx := context.Background()
			ds := smallDataset(t)
			tt.break_(ds)
			err := db.LoadDataset(ctx, ds, false)
			wantDomainError(t, err, govbuy.EInvalid, tt.msg)
			for _, table := range []string{"units", "contractors", "settings", "audit_log"} {
				if n := mustCount(t, db, "SELECT COUNT(*) FROM "+table); n != 0 {
					t.Errorf("failed load left %d rows in %s", n, table)
				}
			}
		})
	}
}

func TestLoadDatasetDuplicateNumber(t *testing.T) {
	db := openDB(t)
	ds := smallDataset(t)
	ds.Contracts[2].Number = "JT-1"
	err := db.LoadDataset(context.Background(), ds, false)
	wantDomainError(t, err, govbuy.EConflict, "合同第3条“JT-1”：合同编号：合同编号“JT-1”已存在")
}

// Loading or replacing the whole data bypasses maker–checker, so once roles
// are on only an administrator may, and a refused load changes nothing.
func TestLoadingADatasetIsAnAdministratorsAct(t *testing.T) {
	db := openDB(t)
	admin, clerk, reviewer := signedIn(t, db)
	if err := db.LoadDataset(admin, smallDataset(t), false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"nobody signed in", context.Background(), "已启用用户权限，请先登录（命令行请设置 GOVBUY_USER 和 GOVBUY_PASSWORD）"},
		{"clerk", clerk, "李录入的角色是录入员，不能载入或替换全部数据"},
		{"reviewer", reviewer, "赵审核的角色是审核员，不能载入或替换全部数据"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := &govbuy.Dataset{Units: []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "替换后的局"}}}}
			wantDomainError(t, db.LoadDataset(tt.ctx, ds, true), govbuy.EConflict, tt.want)
			if _, n, err := db.FindContracts(context.Background(), govbuy.ContractFilter{}); err != nil || n != 3 {
				t.Errorf("%d contracts after a refused replace (%v), want 3", n, err)
			}
		})
	}
	if err := db.LoadDataset(admin, &govbuy.Dataset{Units: []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "替换后的局"}}}}, true); err != nil {
		t.Errorf("administrator replacing: %v", err)
	}
}
