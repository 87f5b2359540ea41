package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"govbuy"
	"govbuy/store"
)

// lastAudit returns the newest audit entry about entity id.
func lastAudit(t *testing.T, db *store.DB, entity string, id int64) store.AuditEntry {
	t.Helper()
	entries, err := db.FindAudit(context.Background(), entity, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatalf("no audit entry for %s %d", entity, id)
	}
	return entries[len(entries)-1]
}

// decode unmarshals an audit JSON column into a new T.
func decode[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("audit JSON %q: %v", s, err)
	}
	return v
}

func TestUnitCRUDAndAudit(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("王会计")
	u := &govbuy.Unit{Name: "  区交通运输局 ", Kind: govbuy.UnitAdministrative, Contact: "李明", Phone: "0351-1234567"}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 || u.Name != "区交通运输局" {
		t.Fatalf("created %+v", u)
	}
	got, err := db.FindUnitByID(ctx, u.ID)
	if err != nil || !reflect.DeepEqual(got, u) {
		t.Fatalf("found %+v, %v; want %+v", got, err, u)
	}
	a := lastAudit(t, db, "unit", u.ID)
	if a.Action != "create" || a.Actor != "王会计" || a.At != testStamp || a.Before != "" {
		t.Errorf("create audit %+v", a)
	}
	want := *u
	want.Version = 0 // the audit log keeps no version: it counts saves in this database only
	if after := decode[govbuy.Unit](t, a.After); after != want {
		t.Errorf("audit after %+v, want %+v", after, want)
	}

	u2 := *u
	u2.Phone = "0351-7654321"
	u2.Kind = govbuy.UnitPublic
	if err := db.UpdateUnit(ctx, &u2); err != nil {
		t.Fatal(err)
	}
	got, _ = db.FindUnitByID(ctx, u.ID)
	if got.Phone != "0351-7654321" || got.Kind != govbuy.UnitPublic {
		t.Errorf("after update %+v", got)
	}
	if u2.Version != 2 {
		t.Errorf("saved version %d, want 2", u2.Version)
	}
	a = lastAudit(t, db, "unit", u.ID)
	u2.Version = 0
	if a.Action != "update" || decode[govbuy.Unit](t, a.Before) != want || decode[govbuy.Unit](t, a.After) != u2 {
		t.Errorf("update audit %+v", a)
	}

	if err := db.DeleteUnit(ctx, u.ID, got.Version); err != nil {
		t.Fatal(err)
	}
	_, err = db.FindUnitByID(ctx, u.ID)
	wantDomainError(t, err, govbuy.ENotFound, "未找到ID为"+itoa(int(u.ID))+"的单位")
	a = lastAudit(t, db, "unit", u.ID)
	if a.Action != "delete" || a.After != "" || decode[govbuy.Unit](t, a.Before) != u2 {
		t.Errorf("delete audit %+v", a)
	}
	wantDomainError(t, db.DeleteUnit(ctx, u.ID, u.Version), govbuy.ENotFound, "未找到ID为"+itoa(int(u.ID))+"的单位")
}

func TestUnitValidationAndDuplicates(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	err := db.CreateUnit(ctx, &govbuy.Unit{Name: "  "})
	wantDomainError(t, err, govbuy.EInvalid, "单位名称：不能为空")
	mustUnit(t, db, "区民政局")
	err = db.CreateUnit(ctx, &govbuy.Unit{Name: "区民政局"})
	wantDomainError(t, err, govbuy.EConflict, "单位名称：“区民政局”已存在")
	if entries, _ := db.FindAudit(ctx, "unit", 0); len(entries) != 1 {
		t.Errorf("failed writes left audit rows: %d entries", len(entries))
	}
}

func TestDeleteReferencedUnitRefused(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "某物业公司", govbuy.TypeEnterprise, creditCode(t, 1))
	for _, n := range []string{"CG-1", "CG-2", "CG-3"} {
		mustContract(t, db, newContract(n, 2024, u, k, govbuy.Yuan(1000)))
	}
	wantDomainError(t, db.DeleteUnit(ctx, u.ID, u.Version), govbuy.EConflict, "该单位有3份合同，不能删除")
	wantDomainError(t, db.DeleteContractor(ctx, k.ID, k.Version), govbuy.EConflict, "该承接主体有3份合同，不能删除")
	if _, err := db.FindUnitByID(ctx, u.ID); err != nil {
		t.Errorf("refused delete removed the unit: %v", err)
	}
}

// The window asks beforehand what the delete would answer: the same
// refusal, word for word, and nil for a record nothing refers to.
func TestDeleteRefusalIsTheDeletesOwn(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	idle := mustUnit(t, db, "区档案馆")
	k := mustContractor(t, db, "某物业公司", govbuy.TypeEnterprise, creditCode(t, 1))
	free := mustContractor(t, db, "某保洁公司", govbuy.TypeEnterprise, creditCode(t, 2))
	paid := mustContract(t, db, newContract("CG-1", 2024, u, k, govbuy.Yuan(1000)))
	fresh := mustContract(t, db, newContract("CG-2", 2024, u, k, govbuy.Yuan(1000)))
	if err := db.CreatePayment(ctx, &govbuy.Payment{ContractID: paid.ID, Date: govbuy.Day(2024, 6, 30), Amount: govbuy.Yuan(400)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		refusal func() error
		del     func() error
		want    string
	}{
		{"unit with contracts", func() error { return db.UnitDeleteRefusal(ctx, u.ID) }, func() error { return db.DeleteUnit(ctx, u.ID, u.Version) },
			"该单位有2份合同，不能删除"},
		{"contractor with contracts", func() error { return db.ContractorDeleteRefusal(ctx, k.ID) }, func() error { return db.DeleteContractor(ctx, k.ID, k.Version) },
			"该承接主体有2份合同，不能删除"},
		{"paid contract", func() error { return db.ContractDeleteRefusal(ctx, paid.ID) }, func() error { return db.DeleteContract(ctx, paid.ID, paid.Version) },
			"该合同有1笔支付记录，不能删除"},
		{"contract without payments", func() error { return db.ContractDeleteRefusal(ctx, fresh.ID) }, func() error { return db.DeleteContract(ctx, fresh.ID, fresh.Version) }, ""},
		{"unit without contracts", func() error { return db.UnitDeleteRefusal(ctx, idle.ID) }, func() error { return db.DeleteUnit(ctx, idle.ID, idle.Version) }, ""},
		{"contractor without contracts", func() error { return db.ContractorDeleteRefusal(ctx, free.ID) }, func() error { return db.DeleteContractor(ctx, free.ID, free.Version) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := tt.refusal()
			if got := govbuy.ErrorMessage(asked); got != tt.want {
				t.Fatalf("refusal %q, want %q", got, tt.want)
			}
			if tt.want != "" && govbuy.ErrorKindOf(asked) != govbuy.EConflict {
				t.Errorf("refusal of kind %s", govbuy.ErrorKindOf(asked))
			}
			if got := govbuy.ErrorMessage(tt.del()); got != tt.want {
				t.Errorf("delete answered %q, the refusal said %q", got, tt.want)
			}
		})
	}
}

// 第八条 on every path a contractor is written by: the store's own writes
// and a dataset (the demo loader, an import) refuse a 公益一类事业单位, on
// its type, and write nothing.
func TestContractorOfPublicClass1Refused(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	const want = "主体类型：公益一类事业单位不得作为政府购买服务的承接主体（《政府购买服务管理办法》第八条）"
	k := &govbuy.Contractor{Name: "云溪区疾病预防控制中心", Type: govbuy.TypePublicClass1}
	wantDomainError(t, db.CreateContractor(ctx, k), govbuy.EInvalid, want)
	stored := mustContractor(t, db, "云溪区检验检测中心", govbuy.TypePublicClass2, "")
	stored.Type = govbuy.TypePublicClass1
	wantDomainError(t, db.UpdateContractor(ctx, stored), govbuy.EInvalid, want)
	ds := &govbuy.Dataset{Contractors: []govbuy.DatasetContractor{{Contractor: govbuy.Contractor{Name: "云溪区妇幼保健院", Type: govbuy.TypePublicClass1}}}}
	wantDomainError(t, db.LoadDataset(ctx, ds, false), govbuy.EInvalid, "承接主体第1条“云溪区妇幼保健院”："+want)
	if _, n, err := db.FindContractors(ctx, govbuy.ContractorFilter{Limit: 10}); err != nil || n != 1 {
		t.Errorf("%d contractors stored (%v), want only the 公益二类 one", n, err)
	}
}

// A 事业单位's class is kept, and a 公益一类 purchasing unit flags its
// contracts (第八条) on the contract's screen and in the report.
func TestUnitClassKeptAndPublicClass1Flagged(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := &govbuy.Unit{Name: "云溪区档案馆", Kind: govbuy.UnitPublic, Class: govbuy.ClassPublic1}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindUnitByID(ctx, u.ID); err != nil || got.Class != govbuy.ClassPublic1 {
		t.Fatalf("stored %+v, %v", got, err)
	}
	k := mustContractor(t, db, "某物业公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := mustContract(t, db, newContract("DA-1", 2024, u, k, govbuy.Yuan(1000)))
	want := "购买主体“云溪区档案馆”为公益一类事业单位，不作为政府购买服务的购买主体"
	st, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(st.Hints, func(h govbuy.Hint) bool { return h.Rule == "excluded_unit" && h.Message == want }) {
		t.Errorf("contract hints %+v", st.Hints)
	}
	r, err := db.Report(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(r.Warnings, func(w govbuy.Warning) bool { return w.Code == "excluded_unit" && w.Message == want }) {
		t.Errorf("report warnings %+v", r.Warnings)
	}
	u.Class = govbuy.ClassPublic2
	if err := db.UpdateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.ContractSettlement(ctx, c.ID); slices.ContainsFunc(st.Hints, func(h govbuy.Hint) bool { return h.Rule == "excluded_unit" }) {
		t.Errorf("a 公益二类 unit is flagged: %+v", st.Hints)
	}
}

func TestContractorCRUDWithQualifications(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("张科长")
	k := &govbuy.Contractor{
		Name: "某某园林绿化有限公司", Type: govbuy.TypeEnterprise, CreditCode: " 91110000600037341l ",
		LegalRep: "赵四", Bank: "工商银行某支行", Account: "0200 1234 5678",
		Qualifications: []govbuy.Qualification{
			{Kind: "城市园林绿化企业资质", Level: "三级", Number: "YL-001", Issuer: "市住建局", Expiry: govbuy.Day(2026, 3, 31)},
			{Kind: "安全生产许可证"},
		},
	}
	if err := db.CreateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
	if k.CreditCode != "91110000600037341L" {
		t.Errorf("code not normalised: %q", k.CreditCode)
	}
	got, err := db.FindContractorByID(ctx, k.ID)
	if err != nil || !reflect.DeepEqual(got, k) {
		t.Fatalf("found %+v, %v\nwant %+v", got, err, k)
	}
	a := lastAudit(t, db, "contractor", k.ID)
	want := *k
	want.Version = 0 // the audit log keeps no version
	if after := decode[govbuy.Contractor](t, a.After); !reflect.DeepEqual(after, want) || a.Actor != "张科长" {
		t.Errorf("create audit %+v", a)
	}

	// Saving replaces the qualifications with the ones given.
	k2 := *k
	k2.Qualifications = []govbuy.Qualification{{Kind: "城市园林绿化企业资质", Level: "二级"}}
	if err := db.UpdateContractor(ctx, &k2); err != nil {
		t.Fatal(err)
	}
	got, _ = db.FindContractorByID(ctx, k.ID)
	if !reflect.DeepEqual(got.Qualifications, k2.Qualifications) {
		t.Errorf("qualifications after update %+v", got.Qualifications)
	}
	a = lastAudit(t, db, "contractor", k.ID)
	if before := decode[govbuy.Contractor](t, a.Before); len(before.Qualifications) != 2 {
		t.Errorf("update audit before %+v", before)
	}

	if err := db.DeleteContractor(ctx, k.ID, got.Version); err != nil {
		t.Fatal(err)
	}
	_, err = db.FindContractorByID(ctx, k.ID)
	wantDomainError(t, err, govbuy.ENotFound, "未找到ID为"+itoa(int(k.ID))+"的承接主体")
}

func TestDuplicateCreditCode(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	code := creditCode(t, 7)
	mustContractor(t, db, "甲公司", govbuy.TypeEnterprise, code)
	// Contractors without a code do not clash with one another.
	mustContractor(t, db, "张三", govbuy.TypeIndividual, "")
	mustContractor(t, db, "李四", govbuy.TypeIndividual, "")

	err := db.CreateContractor(ctx, &govbuy.Contractor{Name: "乙公司", Type: govbuy.TypeEnterprise, CreditCode: code})
	wantDomainError(t, err, govbuy.EConflict, "统一社会信用代码：已被“甲公司”使用")

	b := mustContractor(t, db, "乙公司", govbuy.TypeEnterprise, creditCode(t, 8))
	b.CreditCode = code
	wantDomainError(t, db.UpdateContractor(ctx, b), govbuy.EConflict, "统一社会信用代码：已被“甲公司”使用")
}

func TestFindContractorByCode(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	code := creditCode(t, 11)
	a := mustContractor(t, db, "某检测中心", govbuy.TypePublicClass2, code)
	b := mustContractor(t, db, "王五", govbuy.TypeIndividual, "")

	// Code first, typed with full-width letters and spaces.
	got, err := db.FindContractorByCode(ctx, " "+fullWidth(code)+" ", "别的名字")
	if err != nil || got.ID != a.ID {
		t.Fatalf("by code: %+v %v", got, err)
	}
	// Then name, cleaned.
	got, err = db.FindContractorByCode(ctx, "", " 王五\t")
	if err != nil || got.ID != b.ID {
		t.Fatalf("by name: %+v %v", got, err)
	}
	// An unknown code falls back to the name.
	got, err = db.FindContractorByCode(ctx, creditCode(t, 12), "王五")
	if err != nil || got.ID != b.ID {
		t.Fatalf("unknown code, known name: %+v %v", got, err)
	}
	_, err = db.FindContractorByCode(ctx, "", "无此人")
	if govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("unknown: %v", err)
	}
}

func TestCatalogCRUD(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	cat, _ := db.FindCatalog(ctx)
	var e ext
	e.index(cat)
	item := &govbuy.CatalogItem{ParentID: e.byCode["E"].ID, Code: "E07", Name: "档案整理服务", Kind: govbuy.KindProject}
	if err := db.CreateCatalogItem(ctx, item); err != nil {
		t.Fatal(err)
	}
	dup := &govbuy.CatalogItem{Code: "E07", Name: "重复"}
	wantDomainError(t, db.CreateCatalogItem(ctx, dup), govbuy.EConflict, "目录编码：“E07”已存在")

	// A parent inside the item's own subtree would make a loop.
	top := e.byCode["E"]
	top.ParentID = item.ID
	wantDomainError(t, db.UpdateCatalogItem(ctx, &top), govbuy.EInvalid, "上级目录：不能选择本项或其下级作为上级目录")

	item.Name = "档案数字化服务"
	if err := db.UpdateCatalogItem(ctx, item); err != nil {
		t.Fatal(err)
	}
	wantDomainError(t, db.DeleteCatalogItem(ctx, top.ID, top.Version), govbuy.EConflict, "该目录项有7个下级目录项，不能删除")

	u := mustUnit(t, db, "区档案馆")
	k := mustContractor(t, db, "某档案公司", govbuy.TypeEnterprise, creditCode(t, 3))
	c := newContract("DA-1", 2024, u, k, govbuy.Yuan(5000))
	c.CatalogID = item.ID
	mustContract(t, db, c)
	wantDomainError(t, db.DeleteCatalogItem(ctx, item.ID, item.Version), govbuy.EConflict, "该目录项有1份合同，不能删除")
	if err := db.DeleteContract(ctx, c.ID, c.Version); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteCatalogItem(ctx, item.ID, item.Version); err != nil {
		t.Fatal(err)
	}
}

type ext struct{ byCode map[string]govbuy.CatalogItem }

func (e *ext) index(cat []govbuy.CatalogItem) {
	e.byCode = map[string]govbuy.CatalogItem{}
	for _, c := range cat {
		e.byCode[c.Code] = c
	}
}

func TestContractCRUD(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("刘出纳")
	u := mustUnit(t, db, "区公路段")
	k := mustContractor(t, db, "某路桥养护公司", govbuy.TypeEnterprise, creditCode(t, 21))
	cat, _ := db.FindCatalog(ctx)
	var e ext
	e.index(cat)

	c := &govbuy.Contract{
		Number: "GL-2024-01", UnitID: u.ID, ContractorID: k.ID, CatalogID: e.byCode["B03"].ID,
		Kind: govbuy.KindProject, Title: "农村公路日常养护", Method: govbuy.MethodLimitedCompete,
		Amount: 123456789, Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31),
		Funding: govbuy.FundTransfer, FeeBasis: "省养护定额", Notes: "按季考核",
	}
	if err := db.CreateContract(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c.Year != 2024 || c.Status != govbuy.StatusActive {
		t.Errorf("defaults not filled: %+v", c)
	}
	mustPay(t, db, c, govbuy.Day(2024, 4, 10), 30000000)
	mustPay(t, db, c, govbuy.Day(2024, 7, 10), 30000001)

	got, err := db.FindContractByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Contract != *c || got.UnitName != "区公路段" || got.ContractorName != "某路桥养护公司" ||
		got.ContractorType != govbuy.TypeEnterprise || got.CatalogName != "农村公路养护服务" || got.Paid != 60000001 {
		t.Errorf("found %+v", got)
	}
	byNumber, err := db.FindContractByNumber(ctx, " GL-2024-01 ")
	if err != nil || byNumber.ID != c.ID {
		t.Errorf("by number: %+v %v", byNumber, err)
	}
	_, err = db.FindContractByNumber(ctx, "无")
	wantDomainError(t, err, govbuy.ENotFound, "未找到编号为“无”的合同")

	c2 := *c
	c2.Amount = 123456700
	c2.CatalogID = 0
	if err := db.UpdateContract(ctx, &c2); err != nil {
		t.Fatal(err)
	}
	got, _ = db.FindContractByID(ctx, c.ID)
	if got.Amount != 123456700 || got.CatalogID != 0 || got.CatalogName != "" {
		t.Errorf("after update %+v", got)
	}
	a := lastAudit(t, db, "contract", c.ID)
	before, after := *c, c2
	before.Version, after.Version = 0, 0 // the audit log keeps no version
	if decode[govbuy.Contract](t, a.Before) != before || decode[govbuy.Contract](t, a.After) != after || a.Actor != "刘出纳" {
		t.Errorf("update audit %+v", a)
	}

	wantDomainError(t, db.DeleteContract(ctx, c.ID, c2.Version), govbuy.EConflict, "该合同有2笔支付记录，不能删除")
}

func TestContractConstraints(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区卫健局")
	k := mustContractor(t, db, "某检验所", govbuy.TypePublicClass2, creditCode(t, 31))
	mustContract(t, db, newContract("WJ-1", 2024, u, k, 100))

	err := db.CreateContract(ctx, newContract("WJ-1", 2024, u, k, 200))
	wantDomainError(t, err, govbuy.EConflict, "合同编号：合同编号“WJ-1”已存在")

	missing := newContract("WJ-2", 2024, &govbuy.Unit{ID: 999}, k, 200)
	wantDomainError(t, db.CreateContract(ctx, missing), govbuy.EInvalid, "购买主体：未找到ID为999的单位")
	if govbuy.ErrorField(db.CreateContract(ctx, missing)) != "购买主体" {
		t.Error("missing unit error does not name the field")
	}

	// Domain validation errors come back unchanged.
	bad := newContract("", 2024, u, k, -1)
	err = db.CreateContract(ctx, bad)
	if _, ok := err.(govbuy.ValidationErrors); !ok {
		t.Errorf("validation error wrapped: %T %v", err, err)
	}
	if _, n, _ := db.FindContracts(ctx, govbuy.ContractFilter{}); n != 1 {
		t.Errorf("%d contracts after failed writes, want 1", n)
	}
	if entries, _ := db.FindAudit(ctx, "contract", 0); len(entries) != 1 {
		t.Errorf("%d contract audit rows, want 1", len(entries))
	}
}

func TestPayments(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("出纳")
	u := mustUnit(t, db, "区司法局")
	k := mustContractor(t, db, "某律师事务所", govbuy.TypeSocialOrg, creditCode(t, 41))
	c := mustContract(t, db, newContract("SF-1", 2024, u, k, govbuy.Yuan(100000)))

	p := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 3, 31), Amount: govbuy.Yuan(60000), Period: "2024Q1", Voucher: "记-031"}
	if err := db.CreatePayment(ctx, p); err != nil {
		t.Fatal(err)
	}
	over := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 6, 30), Amount: govbuy.Yuan(40000) + 1}
	wantDomainError(t, db.CreatePayment(ctx, over), govbuy.EInvalid,
		"超付原因：支付后累计100,000.01元，超过合同金额100,000.00元，请填写超付原因")
	over.OverReason = "补签协议增加服务量"
	if err := db.CreatePayment(ctx, over); err != nil {
		t.Fatal(err)
	}
	list, err := db.FindPayments(ctx, c.ID)
	if err != nil || len(list) != 2 || list[0] != *p || list[1] != *over {
		t.Fatalf("payments %+v %v", list, err)
	}
	wantDomainError(t, db.CreatePayment(ctx, &govbuy.Payment{ContractID: 404, Date: govbuy.Day(2024, 1, 1), Amount: 1}),
		govbuy.EInvalid, "合同：未找到ID为404的合同")

	if err := db.DeletePayment(ctx, over.ID); err != nil {
		t.Fatal(err)
	}
	a := lastAudit(t, db, "payment", over.ID)
	if a.Action != "delete" || decode[govbuy.Payment](t, a.Before) != *over {
		t.Errorf("delete audit %+v", a)
	}
	wantDomainError(t, db.DeletePayment(ctx, over.ID), govbuy.ENotFound, "未找到ID为"+itoa(int(over.ID))+"的支付记录")
}

func TestDistrictSetting(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("管理员")
	if d, err := db.District(ctx); err != nil || d != "" {
		t.Fatalf("fresh district %q %v", d, err)
	}
	if err := db.SetDistrict(ctx, " 某某区 "); err != nil {
		t.Fatal(err)
	}
	if d, _ := db.District(ctx); d != "某某区" {
		t.Errorf("district %q", d)
	}
	a := lastAudit(t, db, "setting", 0)
	if a.Action != "update" || a.Actor != "管理员" || a.After != `{"key":"district","value":"某某区"}` {
		t.Errorf("audit %+v", a)
	}
}

func TestMappingPresets(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if m, err := db.LoadPreset(ctx, "台账"); err != nil || m != nil {
		t.Fatalf("missing preset: %v %v", m, err)
	}
	want := map[string]string{"中标金额（万元）": "amount"}
	if err := db.SavePreset(ctx, "台账", want); err != nil {
		t.Fatal(err)
	}
	if m, err := db.LoadPreset(ctx, "台账"); err != nil || !reflect.DeepEqual(m, want) {
		t.Fatalf("preset %v %v", m, err)
	}
}

// fullWidth writes ASCII as the full-width forms a Chinese input method types.
func fullWidth(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c > ' ' && c <= '~' {
			r[i] = c + 0xfee0
		}
	}
	return string(r)
}

// A unit is found by code first, then by its name or a former name an
// import recorded, which the import's undo removes with it.
func TestFindUnitByCode(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	code := creditCode(t, 21)
	civil := &govbuy.Unit{Name: "云溪区民政局", Code: code}
	archive := &govbuy.Unit{Name: "区档案馆"}
	for _, u := range []*govbuy.Unit{civil, archive} {
		if err := db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	b, err := db.ImportDataset(ctx, &govbuy.Dataset{UnitFormerNames: []govbuy.DatasetFormerName{
		{Owner: "云溪区民政局", Code: code, Name: "云溪区社会事务局"},
	}}, govbuy.ImportBatch{Files: []string{"台账.csv"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, code, unitName string
		want                 int64
	}{
		{"code, full-width and spaced", " " + fullWidth(code) + " ", "别的名字", civil.ID},
		{"name, cleaned", "", " 区档案馆\t", archive.ID},
		{"former name", "", "云溪区社会事务局", civil.ID},
		{"unknown code, known name", creditCode(t, 22), "区档案馆", archive.ID},
		{"unknown", "", "无此单位", 0},
	}
	for _, tt := range tests {
		got, err := db.FindUnitByCode(ctx, tt.code, tt.unitName)
		switch {
		case tt.want == 0 && govbuy.ErrorKindOf(err) != govbuy.ENotFound:
			t.Errorf("%s: %+v, %v; want ENotFound", tt.name, got, err)
		case tt.want != 0 && (err != nil || got.ID != tt.want):
			t.Errorf("%s: %+v, %v; want unit %d", tt.name, got, err, tt.want)
		}
	}
	if got, err := db.FindUnitByCode(ctx, code, ""); err != nil || len(got.FormerNames) != 1 || got.FormerNames[0] != "云溪区社会事务局" {
		t.Errorf("former names %+v, %v", got, err)
	}
	if err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindUnitByCode(ctx, "", "云溪区社会事务局"); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("after the undo: %+v, %v", got, err)
	}
}

// An import in update mode gives a stored unit the code it lacked; such
// an import cannot be undone, as it cannot restore what it changed.
func TestImportGivesAStoredUnitItsCode(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	archive := &govbuy.Unit{Name: "区档案馆", Kind: govbuy.UnitPublic}
	if err := db.CreateUnit(ctx, archive); err != nil {
		t.Fatal(err)
	}
	code := creditCode(t, 23)
	b, err := db.ImportDataset(ctx, &govbuy.Dataset{Units: []govbuy.DatasetUnit{
		{Unit: govbuy.Unit{ID: archive.ID, Name: archive.Name, Code: code}, Given: govbuy.NewFieldSet(govbuy.FieldCreditCode)},
	}}, govbuy.ImportBatch{Files: []string{"台账.csv"}})
	if err != nil || b.Counts["updated"] != 1 || b.Counts["units"] != 0 {
		t.Fatalf("import: %+v, %v", b, err)
	}
	got, err := db.FindUnitByCode(ctx, code, "")
	if err != nil || got.ID != archive.ID || got.Kind != govbuy.UnitPublic {
		t.Errorf("by its new code: %+v, %v", got, err)
	}
	if err := db.UndoImport(ctx, b.ID); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("undo: %v, want EConflict", err)
	}
}
