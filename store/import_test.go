package store_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// rowCounts counts the rows of every table an import or an undo touches.
func rowCounts(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	raw := rawDB(t, db.Path())
	out := map[string]int{}
	for _, table := range []string{"units", "contractors", "qualifications", "contracts", "plans", "payments",
		"assessments", "hint_acks", "import_batches", "payment_requests"} {
		var n int
		if err := raw.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func demoDB(t *testing.T) *store.DB {
	t.Helper()
	db := openDB(t)
	if err := db.LoadDataset(ctxAs("demo"), assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	return db
}

// ledgerImport is what an import of a ledger into the demo district brings:
// a new unit and contractor, a stored unit named again (with a phone the
// import must not write) and a stored contractor known by its credit code
// under another name; two contracts, one with a plan and an assessment;
// payments, one of them for a demo contract; and an assessment of the demo's
// unassessed back-office contract.
func ledgerImport(stored *govbuy.Contractor) *govbuy.Dataset {
	contract := func(number, title string, amount govbuy.Money) govbuy.Contract {
		return govbuy.Contract{Number: number, Year: 2024, Kind: govbuy.KindProject, Title: title, Method: govbuy.MethodInquiry,
			Amount: amount, Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31)}
	}
	return &govbuy.Dataset{
		Units: []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "云溪区新设服务中心", Kind: govbuy.UnitPublic}}, {Unit: govbuy.Unit{Name: "云溪区民政局", Phone: "0000-0000000"}}},
		Contractors: []govbuy.DatasetContractor{
			{Contractor: govbuy.Contractor{Name: "新承接保洁公司", Type: govbuy.TypeEnterprise, Qualifications: []govbuy.Qualification{{Kind: "保洁服务资质"}}}},
			{Contractor: govbuy.Contractor{Name: "改名后的" + stored.Name, Type: stored.Type, CreditCode: stored.CreditCode}},
		},
		Contracts: []govbuy.DatasetContract{
			{Contract: contract("IMP-1", "办公区保洁", 12_000_000), UnitName: "云溪区新设服务中心", ContractorName: "新承接保洁公司",
				Plan: &govbuy.AssessmentPlan{Period: govbuy.PeriodYear, Rule: govbuy.PaymentRule{Kind: govbuy.RuleFull}}},
			{Contract: contract("IMP-2", "困难群众走访", 3_000_000), UnitName: "云溪区民政局", ContractorName: "改名后的" + stored.Name},
		},
		Payments: []govbuy.DatasetPayment{
			{ContractNumber: "IMP-1", Payment: govbuy.Payment{Date: govbuy.Day(2024, 12, 31), Amount: 12_000_000, Period: "2024"}},
			{ContractNumber: "IMP-2", Payment: govbuy.Payment{Date: govbuy.Day(2024, 6, 30), Amount: 1_000_000}},
			{ContractNumber: "YX2024-038", Payment: govbuy.Payment{Date: govbuy.Day(2024, 12, 31), Amount: 1, Period: "2024", Notes: "尾差", OverReason: "尾差调整"}},
		},
		Assessments: []govbuy.DatasetAssessment{
			{ContractNumber: "IMP-1", Assessment: govbuy.Assessment{Period: "2024", Score: 950}},
			{ContractNumber: "YX2024-075", Assessment: govbuy.Assessment{Period: "2024Q1", Score: 1000}},
		},
	}
}

func firstContractorWithCode(t *testing.T, db *store.DB) *govbuy.Contractor {
	t.Helper()
	rows, _, err := db.FindContractors(context.Background(), govbuy.ContractorFilter{Sort: "id"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.CreditCode != "" {
			return &r.Contractor
		}
	}
	t.Fatal("no contractor with a credit code")
	return nil
}

func TestImportIntoDemoAndUndo(t *testing.T) {
	db := demoDB(t)
	ctx := ctxAs("导入员")
	stored := firstContractorWithCode(t, db)
	before := rowCounts(t, db)

	b, err := db.ImportDataset(ctx, ledgerImport(stored), govbuy.ImportBatch{Files: []string{"台账.xlsx"}, Checksums: []string{"ab12"}})
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := map[string]int{"units": 1, "contractors": 1, "contracts": 2, "updated": 0, "assessments": 2, "payments": 3, "payment_requests": 0}
	if !maps.Equal(b.Counts, wantCounts) || b.Actor != "导入员" || !b.At.Equal(testNow) || b.ID == 0 {
		t.Errorf("batch %+v", b)
	}
	after := rowCounts(t, db)
	for table, delta := range map[string]int{"units": 1, "contractors": 1, "qualifications": 1, "contracts": 2, "plans": 1,
		"payments": 3, "assessments": 2, "hint_acks": 0, "import_batches": 1} {
		if after[table] != before[table]+delta {
			t.Errorf("%s: %d rows after the import, want %d", table, after[table], before[table]+delta)
		}
	}
	// Stored units and contractors are matched, never changed.
	units, _, _ := db.FindUnits(ctx, govbuy.UnitFilter{Search: "云溪区民政局"})
	if len(units) != 1 || units[0].Phone == "0000-0000000" {
		t.Errorf("a stored unit was changed by the import: %+v", units)
	}
	if k, _ := db.FindContractorByID(ctx, stored.ID); k.Name != stored.Name {
		t.Errorf("a stored contractor was renamed to %q", k.Name)
	}
	if c, _ := db.FindContractByNumber(ctx, "IMP-2"); c.ContractorID != stored.ID {
		t.Errorf("IMP-2 went to contractor %d, want the stored %d", c.ContractorID, stored.ID)
	}
	list, err := db.FindImportBatches(ctx)
	if err != nil || len(list) != 1 || list[0].ID != b.ID || !slices.Equal(list[0].Files, []string{"台账.xlsx"}) ||
		!slices.Equal(list[0].Checksums, []string{"ab12"}) || !maps.Equal(list[0].Counts, wantCounts) || !list[0].UndoneAt.IsZero() {
		t.Errorf("batches %+v %v", list, err)
	}
	if a := lastAudit(t, db, "import", b.ID); a.Action != "create" || a.Actor != "导入员" {
		t.Errorf("import audit %+v", a)
	}

	if err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	undone := rowCounts(t, db)
	before["import_batches"]++ // the batch stays, marked undone
	if !maps.Equal(undone, before) {
		t.Errorf("after undo\n got %v\nwant %v", undone, before)
	}
	list, _ = db.FindImportBatches(ctx)
	if len(list) != 1 || !list[0].UndoneAt.Equal(testNow) {
		t.Errorf("undone batch %+v", list)
	}
	if a := lastAudit(t, db, "import", b.ID); a.Action != "undo" || !strings.Contains(a.After, `"contracts":2`) {
		t.Errorf("undo audit %+v", a)
	}
	if err := db.UndoImport(ctx, b.ID); govbuy.ErrorKindOf(err) != govbuy.EConflict || !strings.Contains(govbuy.ErrorMessage(err), "已于") {
		t.Errorf("second undo: %v", err)
	}
	wantDomainError(t, db.UndoImport(ctx, 404), govbuy.ENotFound, "未找到ID为404的导入批次")
}

func TestUndoImportRefusedWhileOthersDependOnIt(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	stored := firstContractorWithCode(t, db)
	b, err := db.ImportDataset(ctx, ledgerImport(stored), govbuy.ImportBatch{})
	if err != nil {
		t.Fatal(err)
	}
	imported := rowCounts(t, db)
	refused := func(msg string) {
		t.Helper()
		wantDomainError(t, db.UndoImport(ctx, b.ID), govbuy.EConflict, msg)
		if got := rowCounts(t, db); !maps.Equal(got, imported) {
			t.Errorf("a refused undo changed rows: %v, want %v", got, imported)
		}
	}

	imp2, _ := db.FindContractByNumber(ctx, "IMP-2")
	later := mustPay(t, db, &imp2.Contract, govbuy.Day(2024, 9, 30), 1)
	imported["payments"]++
	refused("不能撤销该批导入：有1笔支付记录是导入后另行录入到本批合同上的，请先处理这些记录")
	if err := db.DeletePayment(ctx, later.ID); err != nil {
		t.Fatal(err)
	}
	imported["payments"]--

	// The demo paid the back-office contract's Q1 before the import: that
	// does not rest on the imported score; a payment made after it does.
	back, _ := db.FindContractByNumber(ctx, "YX2024-075")
	p := &govbuy.Payment{ContractID: back.ID, Date: govbuy.Day(2024, 4, 20), Amount: 1, Period: "2024Q1", OverReason: "补付"}
	if err := db.CreatePayment(ctx, p); err != nil {
		t.Fatal(err)
	}
	imported["payments"]++
	refused("不能撤销该批导入：有1笔支付记录是按本批导入的考核结果另行支付的，请先处理这些记录")
	if err := db.DeletePayment(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	imported["payments"]--

	k, _ := db.FindContractorByCode(ctx, "", "新承接保洁公司")
	u := mustUnit(t, db, "区新增单位")
	c := mustContract(t, db, newContract("LATER-1", 2024, u, k, 1_000_000))
	imported["units"]++
	imported["contracts"]++
	refused("不能撤销该批导入：有1份其他合同使用了本批导入新建的承接主体，请先处理这些记录")
	if err := db.DeleteContract(ctx, c.ID, c.Version); err != nil {
		t.Fatal(err)
	}

	// Plans and acknowledgements belong to their contract and go with it.
	imp1, _ := db.FindContractByNumber(ctx, "IMP-1")
	plan, _ := db.FindPlan(ctx, imp1.ID)
	plan.Criteria = []govbuy.Criterion{{Name: "保洁质量", Points: 1000}}
	if err := db.SavePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatalf("undo once nothing depends on the batch: %v", err)
	}
	if _, err := db.FindContractByNumber(ctx, "IMP-1"); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("IMP-1 still there: %v", err)
	}
}

func TestUndoRefusedForAnImportThatUpdated(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	row, err := db.FindContractByNumber(ctx, "YX2024-001")
	if err != nil {
		t.Fatal(err)
	}
	update := govbuy.DatasetContract{Contract: row.Contract, UnitName: row.UnitName, ContractorName: row.ContractorName,
		Given: govbuy.NewFieldSet(govbuy.FieldYear, govbuy.FieldUnit, govbuy.FieldContractor, govbuy.FieldKind, govbuy.FieldTitle, govbuy.FieldAmount)}
	update.Title = "农村公路护路员（更正）"
	b, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{update}}, govbuy.ImportBatch{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts["updated"] != 1 || b.Counts["contracts"] != 0 {
		t.Errorf("counts %v", b.Counts)
	}
	if c, _ := db.FindContractByNumber(ctx, "YX2024-001"); c.Title != "农村公路护路员（更正）" || c.ID != row.ID {
		t.Errorf("updated contract %+v", c)
	}
	wantDomainError(t, db.UndoImport(ctx, b.ID), govbuy.EConflict,
		"该批导入更新了1条原有记录（合同或承接主体），更新前的内容无法恢复，不能整批撤销")

	// A contractor carrying its stored ID (a contractor list imported with
	// --update) is updated with the fields it gives.
	stored := firstContractorWithCode(t, db)
	renamed := govbuy.DatasetContractor{
		Contractor: govbuy.Contractor{ID: stored.ID, Name: stored.Name + "（更名）", Type: stored.Type, CreditCode: stored.CreditCode, Phone: "0838-1234567"},
		Given:      govbuy.NewFieldSet(govbuy.FieldName, govbuy.FieldContractorType, govbuy.FieldCreditCode, govbuy.FieldPhone),
	}
	b, err = db.ImportDataset(ctx, &govbuy.Dataset{Contractors: []govbuy.DatasetContractor{renamed}}, govbuy.ImportBatch{})
	if err != nil {
		t.Fatal(err)
	}
	k, _ := db.FindContractorByID(ctx, stored.ID)
	if b.Counts["updated"] != 1 || b.Counts["contractors"] != 0 || k.Name != renamed.Name || k.Phone != renamed.Phone ||
		k.Bank != stored.Bank || len(k.Qualifications) != len(stored.Qualifications) {
		t.Errorf("contractor update: counts %v, stored %+v", b.Counts, k)
	}

	gone := update
	gone.ID, gone.ContractorName = 999_999, "" // keeps its contractor's id
	_, err = db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{gone}}, govbuy.ImportBatch{})
	wantDomainError(t, err, govbuy.ENotFound, "合同第1条“YX2024-001”：未找到ID为999999的合同")
}

func TestFailedImportWritesNothing(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	stored := firstContractorWithCode(t, db)
	before := rowCounts(t, db)
	audits := mustCount(t, db, "SELECT COUNT(*) FROM audit_log")

	tests := []struct {
		name   string
		break_ func(ds *govbuy.Dataset)
		kind   govbuy.ErrorKind
		msg    string
	}{
		{"unknown contract", func(ds *govbuy.Dataset) { ds.Payments[2].ContractNumber = "NOPE" },
			govbuy.EInvalid, "支付记录第3条“NOPE”：合同编号：未找到合同“NOPE”"},
		{"assessed period", func(ds *govbuy.Dataset) { ds.Assessments[1].ContractNumber = "YX2024-042" },
			govbuy.EConflict, "考核记录第2条“YX2024-042”：考核期间：2024年第1季度已有考核记录，请修改原记录"},
		{"contract number taken", func(ds *govbuy.Dataset) { ds.Contracts[1].Number = "YX2024-001" },
			govbuy.EConflict, "合同第2条“YX2024-001”：合同编号：合同编号“YX2024-001”已存在"},
		{"bad plan", func(ds *govbuy.Dataset) { ds.Contracts[0].Plan.Rule.Kind = "" },
			govbuy.EInvalid, "合同第1条“IMP-1”：支付规则：请选择支付规则"},
		{"an update that gives no field", func(ds *govbuy.Dataset) { ds.Contracts[1].ID = 1 },
			govbuy.EInvalid, "合同第2条“IMP-2”：要更新原有记录，却未给出任何字段"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := ledgerImport(stored)
			tt.break_(ds)
			_, err := db.ImportDataset(ctx, ds, govbuy.ImportBatch{Files: []string{"x.xlsx"}})
			wantDomainError(t, err, tt.kind, tt.msg)
			if got := rowCounts(t, db); !maps.Equal(got, before) {
				t.Errorf("a failed import changed rows: %v, want %v", got, before)
			}
			if now := mustCount(t, db, "SELECT COUNT(*) FROM audit_log"); now != audits {
				t.Errorf("a failed import wrote %d audit rows", now-audits)
			}
		})
	}
}

func TestDemoReportAssessmentsAndWarnings(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	r, err := db.Report(ctx, assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	// Every demo period is paid what its rule makes payable (the unassessed
	// back-office contract its base), so payable and paid agree to the fen.
	if r.Totals.Paid != assets.DemoPaid || r.Totals.Payable != assets.DemoPaid || len(r.Assessments) != 87 {
		t.Errorf("payable %s, paid %s, %d assessments", r.Totals.Payable, r.Totals.Paid, len(r.Assessments))
	}
	checkReportAddsUp(t, r)
	contracts := map[string]govbuy.ReportContract{}
	for _, c := range r.Contracts {
		contracts[c.Number] = c
	}
	sums, counts := map[string]int{}, map[string]int{}
	var deducted govbuy.Money
	for _, a := range r.Assessments {
		if a.Paid != a.Payable || a.Rule == "" || a.Grade == "" {
			t.Errorf("assessment %+v", a)
		}
		deducted += a.Base - a.Payable
		sums[a.Contract] += int(a.Score)
		counts[a.Contract]++
	}
	if deducted <= 0 {
		t.Error("no assessment deducted anything")
	}
	scored := 0
	for _, c := range r.Contracts {
		if c.Score == nil {
			continue
		}
		scored++
		n := counts[c.Number]
		if want := govbuy.Score((2*sums[c.Number] + n) / (2 * n)); *c.Score != want {
			t.Errorf("%s score %s, want %s", c.Number, *c.Score, want)
		}
	}
	if scored != len(counts) {
		t.Errorf("%d contracts scored, %d assessed", scored, len(counts))
	}

	hiring := 0
	for _, w := range r.Warnings {
		if w.Code != "hiring" {
			continue
		}
		hiring++
		c := contracts[w.Contract]
		if w.Rule != "第十条" || c.Kind != govbuy.KindPost || (c.Method != govbuy.MethodDirectHire && c.Method != govbuy.MethodOpenHire) {
			t.Errorf("hiring warning %+v on %+v", w, c)
		}
	}
	if hiring == 0 {
		t.Error("no 第十条 hint for the posts bought by 定向招聘 or 公开招聘")
	}

	// govbuy check sees the same hints (every demo contract is of 2024).
	res, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Integrity) != 0 || res.Integrity == nil {
		t.Errorf("integrity %v", res.Integrity)
	}
	got, want := warningCodes(res.Hints), warningCodes(r.Warnings)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("check hints %v\nreport warnings %v", got, want)
	}

	// Loading the demo again over itself replaces everything, assessments
	// and plans included.
	if err := db.LoadDataset(ctx, assets.Demo(), true); err != nil {
		t.Fatal(err)
	}
	r2, _ := db.Report(ctx, assets.DemoYear)
	if r2.Totals != r.Totals || len(r2.Assessments) != 87 || len(r2.Warnings) != len(r.Warnings) {
		t.Errorf("after reloading: totals %+v, %d assessments", r2.Totals, len(r2.Assessments))
	}
	entries, _ := db.FindAudit(ctx, "dataset", 0)
	if before := decode[map[string]any](t, entries[len(entries)-1].Before); before["assessments"] != 87.0 {
		t.Errorf("replace audit %v", before)
	}
}

func TestCheckEmptyDatabase(t *testing.T) {
	db := openDB(t)
	res, err := db.Check(context.Background())
	if err != nil || res.Integrity == nil || res.Hints == nil || len(res.Integrity)+len(res.Hints) != 0 {
		t.Errorf("check of an empty database: %+v %v", res, err)
	}
}

// An import that updates stored records keeps what its sheet cannot say:
// a contract's catalog item and fee-standard pricing, and the level and
// expiry of a contractor's qualification named by kind alone.
func TestImportUpdateKeepsWhatTheSheetDoesNotSay(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	lab, err := db.FindContractByNumber(ctx, "YX2024-052") // 2000 tests by the lab-test standard, at 75 %
	if err != nil {
		t.Fatal(err)
	}
	c := lab.Contract
	c.FeeShare = 8000
	c.Amount = govbuy.Yuan(224_000)
	if err := db.UpdateContract(ctx, &c); err != nil {
		t.Fatal(err)
	}
	// What a ledger row gives: number, parties, title, amount, dates.
	row := govbuy.Contract{ID: c.ID, Number: c.Number, Year: c.Year, Kind: c.Kind, Title: c.Title + "（台账）",
		Method: c.Method, Amount: c.Amount, Start: c.Start, End: c.End, Funding: c.Funding}
	bareRow := govbuy.NewFieldSet(govbuy.FieldYear, govbuy.FieldUnit, govbuy.FieldContractor, govbuy.FieldKind, govbuy.FieldTitle, govbuy.FieldAmount)
	given := bareRow
	for _, f := range []govbuy.Field{govbuy.FieldMethod, govbuy.FieldStart, govbuy.FieldEnd, govbuy.FieldFunding} {
		given.Add(f)
	}
	update := govbuy.DatasetContract{Contract: row, UnitName: lab.UnitName, ContractorName: lab.ContractorName, Given: given}
	if _, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{update}}, govbuy.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindContractByNumber(ctx, "YX2024-052")
	if got.Title != c.Title+"（台账）" || got.CatalogID != c.CatalogID || got.FeeStandardID != c.FeeStandardID ||
		got.FeeQuantity != 2000 || got.FeeShare != 8000 {
		t.Errorf("after the update: %+v", got.Contract)
	}
	// A sheet of numbers and amounts alone corrects the amount and keeps
	// the term, method, funding, status and notes.
	c = got.Contract
	c.Notes, c.Funding = "2024年度检验检测服务", govbuy.FundTransfer
	if err := db.UpdateContract(ctx, &c); err != nil {
		t.Fatal(err)
	}
	bare := govbuy.DatasetContract{Contract: govbuy.Contract{ID: c.ID, Number: c.Number, Year: c.Year, Kind: c.Kind,
		Title: c.Title, Amount: govbuy.Yuan(230_000)}, UnitName: lab.UnitName, ContractorName: lab.ContractorName, Given: bareRow}
	if _, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{bare}}, govbuy.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	got, _ = db.FindContractByNumber(ctx, "YX2024-052")
	if got.Amount != govbuy.Yuan(230_000) || got.Start != c.Start || got.End != c.End || got.Method != c.Method ||
		got.Funding != govbuy.FundTransfer || got.Status != c.Status || got.Notes != c.Notes || got.FeeBasis != c.FeeBasis {
		t.Errorf("after a bare update: %+v\nwas %+v", got.Contract, c)
	}

	firm := firstQualifiedFirm(t, db)
	kept := firm.Qualifications[0]
	named := govbuy.DatasetContractor{
		Contractor: govbuy.Contractor{ID: firm.ID, Name: firm.Name, Type: firm.Type, CreditCode: firm.CreditCode,
			Qualifications: []govbuy.Qualification{{Kind: kept.Kind}, {Kind: "物业服务企业资质"}}},
		Given: govbuy.NewFieldSet(govbuy.FieldName, govbuy.FieldContractorType, govbuy.FieldCreditCode, govbuy.FieldQualification),
	}
	if _, err := db.ImportDataset(ctx, &govbuy.Dataset{Contractors: []govbuy.DatasetContractor{named}}, govbuy.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	k, _ := db.FindContractorByID(ctx, firm.ID)
	if len(k.Qualifications) != len(firm.Qualifications)+1 || k.Qualifications[0] != kept {
		t.Errorf("qualifications after the update: %+v, were %+v", k.Qualifications, firm.Qualifications)
	}
}

func firstQualifiedFirm(t *testing.T, db *store.DB) *govbuy.Contractor {
	t.Helper()
	rows, _, err := db.FindContractors(context.Background(), govbuy.ContractorFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		k, err := db.FindContractorByID(context.Background(), r.ID)
		if err == nil && len(k.Qualifications) > 0 && k.Qualifications[0].Level != "" && !k.Qualifications[0].Expiry.IsZero() {
			return k
		}
	}
	t.Fatal("no demo firm with a qualification level and expiry")
	return nil
}

// An import's payments obey the rules of a payment typed in the window:
// above the approval amount it waits for a second person, and paying past a
// contract's balance or a period's payable amount needs its reason. A
// refused import writes nothing.
func TestImportedPaymentsObeyMakerCheckerAndOverPayment(t *testing.T) {
	ledger := func(paid govbuy.Money, reason string) *govbuy.Dataset {
		return &govbuy.Dataset{
			Units:       []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "云溪区新设服务中心", Kind: govbuy.UnitPublic}}},
			Contractors: []govbuy.DatasetContractor{{Contractor: govbuy.Contractor{Name: "新承接保洁公司", Type: govbuy.TypeEnterprise}}},
			Contracts: []govbuy.DatasetContract{{Contract: govbuy.Contract{Number: "IMP-9", Year: 2024, Kind: govbuy.KindProject,
				Title: "保洁", Method: govbuy.MethodInquiry, Amount: 500_000}, UnitName: "云溪区新设服务中心", ContractorName: "新承接保洁公司"}},
			Payments: []govbuy.DatasetPayment{
				{ContractNumber: "IMP-9", Payment: govbuy.Payment{Date: govbuy.Day(2024, 12, 31), Amount: 300_000}},
				{ContractNumber: "IMP-9", Payment: govbuy.Payment{Date: govbuy.Day(2024, 12, 31), Amount: paid, OverReason: reason},
					Origin: "“台账.csv” 第4行"},
			},
		}
	}
	// YX2024-038 is paid in full (408,000.00 元 for 2024).
	onPaidContract := func(amount govbuy.Money, reason string) *govbuy.Dataset {
		return &govbuy.Dataset{Payments: []govbuy.DatasetPayment{{ContractNumber: "YX2024-038",
			Payment: govbuy.Payment{Date: govbuy.Day(2024, 12, 31), Amount: amount, Period: "2024", OverReason: reason}}}}
	}
	tests := []struct {
		name         string
		ds           *govbuy.Dataset
		wantErr      string
		wantPaid     int // payments stored, requests made
		wantRequests int
	}{
		{"5,000,000 元 on a contract paid in full, no reason", onPaidContract(500_000_000, ""),
			"支付记录第1条“YX2024-038”：超付原因：本期应付408,000.00元，已付408,000.00元，本次5,000,000.00元，超出5,000,000.00元，请填写超付原因；如确需超付，请在表中增加“超付原因”列写明原因", 0, 0},
		{"5,000,000 元 with a reason, above the approval amount", onPaidContract(500_000_000, "补发"), "", 0, 1},
		{"5,000 元 with a reason, below the approval amount", onPaidContract(500_000, "补发"), "", 1, 0},
		{"a new contract's rows paying past its amount", ledger(300_000, ""),
			"“台账.csv” 第4行 合同“IMP-9”的支付：超付原因：支付后累计6,000.00元，超过合同金额5,000.00元，请填写超付原因；如确需超付，请在表中增加“超付原因”列写明原因", 0, 0},
		{"a new contract's rows within its amount", ledger(200_000, ""), "", 2, 0},
		{"a new contract's over-payment with its reason", ledger(300_000, "合同变更"), "", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := demoDB(t)
			admin, clerk, _ := signedIn(t, db)
			if err := db.SetApprovalThreshold(admin, 1_000_000); err != nil { // 1万元
				t.Fatal(err)
			}
			before := rowCounts(t, db)
			b, err := db.ImportDataset(clerk, tt.ds, govbuy.ImportBatch{Files: []string{"台账.csv"}})
			after := rowCounts(t, db)
			if tt.wantErr != "" {
				wantDomainError(t, err, govbuy.EInvalid, tt.wantErr)
				if !maps.Equal(before, after) {
					t.Errorf("a refused import changed the rows: %v → %v", before, after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.Counts["payments"] != tt.wantPaid || b.Counts["payment_requests"] != tt.wantRequests {
				t.Errorf("counts %v, want %d payments and %d requests", b.Counts, tt.wantPaid, tt.wantRequests)
			}
			if got := after["payments"] - before["payments"]; got != tt.wantPaid {
				t.Errorf("%d payments stored, want %d", got, tt.wantPaid)
			}
			if got := after["payment_requests"] - before["payment_requests"]; got != tt.wantRequests {
				t.Errorf("%d requests made, want %d", got, tt.wantRequests)
			}
			// Undoing the import withdraws its requests with its payments.
			if err := db.UndoImport(clerk, b.ID); err != nil {
				t.Fatal(err)
			}
			if undone := rowCounts(t, db); undone["payments"] != before["payments"] || undone["payment_requests"] != before["payment_requests"] {
				t.Errorf("after undo: %v, before the import: %v", undone, before)
			}
		})
	}
}
