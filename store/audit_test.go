package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// TestAuditLogReadsAsAnAuditorReadsIt makes every kind of change the store
// audits and reads the log back as the 操作日志 shows it: every operation,
// kind of record and field label in Chinese, every record named, no JSON,
// and names kept as they were when the entry was written.
func TestAuditLogReadsAsAnAuditorReadsIt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "govbuy.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxAs("操作系统账户 zhangsan")
	admin := everyKindOfChange(t, db, ctx)
	backup := filepath.Join(dir, "备份.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Restore(admin, path, backup, store.RestoreOptions{Reason: "演练恢复"}); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	entries, err := db.FindAuditLog(context.Background(), govbuy.AuditFilter{Limit: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Entity] = true
		checkReadable(t, e)
	}
	for _, k := range govbuy.AuditEntities {
		if !seen[k.Key] {
			t.Errorf("no %s entry was written: the test misses a kind of change", k.Key)
		}
	}

	for _, want := range []struct{ action, record, change string }{
		{"新增", "承接主体 旧名保洁公司", "名称：旧名保洁公司"},
		{"修改", "承接主体 云溪区绿源环保科技有限公司", "名称：旧名保洁公司 → 云溪区绿源环保科技有限公司"},
		{"删除", "承接主体 云溪区绿源环保科技有限公司", "统一社会信用代码：" + creditCode(t, 8)},
		{"修改", "合同 YX2024-076", "合同金额：920,000.00 → 930,000.00"},
		{"新增", "合同 YX2024-076", "承接主体：路桥养护公司"},
		{"新增", "支付 YX2024-076 审批表 2024-", "支付金额：12,000.00"},
		{"删除", "支付 YX2024-076 审批表 2024-", "凭证号：记-001"},
		{"新增", "考核 YX2024-076 2024年第2季度", "考核得分：88"},
		{"修改", "设置 公开招标限额", "公开招标限额：（空） → 3,000,000.00"},
		{"结账", "年度 2023", "年度：2023"},
		{"反结账", "年度 2023", "理由：（空） → 补录遗漏合同"},
		{"确认", "合规提示 YX2024-002", "提示：购买岗位可能变相用人（第十条）"},
		{"导入", "导入 台账.xlsx", "文件：台账.xlsx"},
		{"审批", "支付 YX2024-076 审批表 2024-", "申请人：李录入"},
		{"恢复", "数据库 备份.db", "理由：演练恢复"},
		{"恢复", "数据库 备份.db", "恢复前：文件 " + path + "，原数据库另存为 " + path + ".恢复前-"},
	} {
		if !slices.ContainsFunc(entries, func(e govbuy.AuditEntry) bool {
			return e.ActionName() == want.action && strings.HasPrefix(e.Record(), want.record) &&
				slices.ContainsFunc(e.Changes(), func(c string) bool { return strings.HasPrefix(c, want.change) })
		}) {
			t.Errorf("no entry %s %s with %q", want.action, want.record, want.change)
		}
	}
	if got := entries[len(entries)-1].ActorName(); got != "操作系统账户 zhangsan" {
		t.Errorf("the first entry was made by %q", got)
	}
}

// checkReadable fails the test for an entry an auditor could not read.
func checkReadable(t *testing.T, e govbuy.AuditEntry) {
	t.Helper()
	for what, text := range map[string]string{"operation": e.ActionName(), "kind": e.EntityName()} {
		if !isChinese(text) {
			t.Errorf("entry %d (%s %s): %s %q", e.ID, e.Action, e.Entity, what, text)
		}
	}
	if strings.Contains(e.Record(), "号记录") || e.Label == "" {
		t.Errorf("entry %d (%s %s) names no record: %q", e.ID, e.Action, e.Entity, e.Record())
	}
	changes := e.Changes()
	if len(changes) == 0 && e.Entity != "payment_request" {
		t.Errorf("entry %d (%s %s) says no change", e.ID, e.Action, e.Entity)
	}
	for _, line := range changes {
		label, _, ok := strings.Cut(line, "：")
		if !ok || !isChinese(label) || strings.ContainsAny(line, `{}"`) || strings.Contains(line, "null") {
			t.Errorf("entry %d (%s %s, %s): %q", e.ID, e.Action, e.Entity, e.Record(), line)
		}
	}
}

// isChinese reports whether s has Chinese and no Latin letters.
func isChinese(s string) bool {
	han := false
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return false
		}
		han = han || unicode.Is(unicode.Han, r)
	}
	return han
}

// everyKindOfChange makes at least one change of every kind the store
// audits, on the demo district, and turns roles on: it returns the
// administrator's context.
func everyKindOfChange(t *testing.T, db *store.DB, ctx context.Context) context.Context {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.LoadDataset(ctx, assets.Demo(), false))
	u := &govbuy.Unit{Name: "公路事业发展中心", Kind: govbuy.UnitPublic}
	must(db.CreateUnit(ctx, u))
	u.Contact = "李四"
	must(db.UpdateUnit(ctx, u))
	gone := &govbuy.Unit{Name: "撤并的单位", Kind: govbuy.UnitAdministrative}
	must(db.CreateUnit(ctx, gone))
	must(db.DeleteUnit(ctx, gone.ID, gone.Version))

	renamed := &govbuy.Contractor{Name: "旧名保洁公司", Type: govbuy.TypeEnterprise, CreditCode: creditCode(t, 8),
		Qualifications: []govbuy.Qualification{{Kind: "保洁服务", Level: "一级", Expiry: govbuy.Day(2026, 12, 31)}}}
	must(db.CreateContractor(ctx, renamed))
	renamed.Name = "云溪区绿源环保科技有限公司"
	must(db.UpdateContractor(ctx, renamed))
	must(db.DeleteContractor(ctx, renamed.ID, renamed.Version))

	k := mustContractor(t, db, "路桥养护公司", govbuy.TypeEnterprise, creditCode(t, 7))
	c := mustContract(t, db, newContract("YX2024-076", 2024, u, k, 92_000_000))
	c.Amount = 93_000_000
	must(db.UpdateContract(ctx, c))
	draft := mustContract(t, db, newContract("YX2024-099", 2024, u, k, 1_000_000))
	must(db.DeleteContract(ctx, draft.ID, draft.Version))
	plan := govbuy.PlanTemplate("B03")
	plan.ContractID = c.ID
	must(db.SavePlan(ctx, &plan))
	must(db.CreateInspection(ctx, &govbuy.Inspection{ContractID: c.ID, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14),
		Kind: govbuy.InspectionUnannounced, Inspectors: "张伟", Deductions: []govbuy.Deduction{{Criterion: plan.Criteria[0].Name, Points: 10, Finding: "路面积土"}}}))
	a := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q2", Score: 880}
	must(db.CreateAssessment(ctx, a))
	wrong := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q3", Score: 700}
	must(db.CreateAssessment(ctx, wrong))
	wrong.Score = 750
	must(db.UpdateAssessment(ctx, wrong))
	must(db.DeleteAssessment(ctx, wrong.ID, wrong.Version))
	pay := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 7, 5), Amount: 1_200_000, Period: "2024Q2", Voucher: "记-001"}
	must(db.CreatePayment(ctx, pay))
	must(db.DeletePayment(ctx, pay.ID))

	must(db.SaveFeeStandard(ctx, &govbuy.FeeStandard{Name: "检验检测收费标准", Source: "省医疗服务价格项目", Date: govbuy.Day(2022, 3, 1),
		Kind: govbuy.FeeUnitPrice, Price: 14_000, Unit: "人次", Share: 7500}))
	must(db.SaveRequirement(ctx, &govbuy.Requirement{CatalogCode: "A01", Licence: "医疗机构执业许可证"}))
	must(db.DeleteRequirement(ctx, "A01"))
	cat, err := db.FindCatalog(ctx)
	must(err)
	must(db.CreateCatalogItem(ctx, &govbuy.CatalogItem{ParentID: cat[0].ID, Code: "Z98", Name: "档案整理服务", Kind: govbuy.KindProject}))

	must(db.SetDistrict(ctx, "云溪区"))
	must(db.SetTenderThreshold(ctx, 300_000_000))
	must(db.SetMaxFeeDeparture(ctx, 1500))
	must(db.SavePreset(ctx, "台账", map[string]string{"合同金额（万元）": "amount", "序号": "-"}))
	must(db.SaveEditedNarrative(ctx, 2024, []string{"第一段。", "第二段。"}))
	hired, err := db.FindContractByNumber(ctx, "YX2024-002")
	must(err)
	must(db.AcknowledgeHint(ctx, hired.ID, "hiring", "经区编办确认为购买服务"))

	b, err := db.ImportDataset(ctx, ledgerImport(firstContractorWithCode(t, db)),
		govbuy.ImportBatch{Files: []string{"台账.xlsx"}, Checksums: []string{"ab12"}})
	must(err)
	must(db.UndoImport(ctx, b.ID))

	admin, clerk, reviewer := signedIn(t, db)
	must(db.CloseYear(reviewer, 2023))
	must(db.ReopenYear(admin, 2023, "补录遗漏合同"))
	must(db.SetApprovalThreshold(admin, 1_000_000))
	big := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 7, 6), Amount: 2_000_000, Period: "2024Q2"}
	must(db.CreatePayment(clerk, big))
	reqs, err := db.FindPaymentRequests(ctx)
	must(err)
	_, err = db.ApprovePayment(reviewer, reqs[0].ID)
	must(err)
	return admin
}

// Opening a database an older govbuy wrote numbers its payments' forms in
// the order they were recorded, year by year, and names the records of its
// audit entries from what they recorded, as far as can be told.
func TestMigrationLabelsOldEntriesAndNumbersOldPayments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "旧版本.db")
	if err := store.CreateAtVersion(path, 8); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	for _, s := range []string{
		`INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (1, '区民政局', '行政单位', 'x', 'x')`,
		`INSERT INTO contractors (id, name, type, created_at, updated_at) VALUES (1, '绿源公司', '企业', 'x', 'x')`,
		`INSERT INTO contracts (id, number, year, unit_id, contractor_id, kind, title, method, amount, funding, status, created_at, updated_at)
			VALUES (1, 'MZ-1', 2024, 1, 1, 'project', '保洁', '询价', 1000000, '财政预算资金', '执行中', 'x', 'x')`,
		`INSERT INTO payments (id, contract_id, date, amount, created_at) VALUES
			(1, 1, '2024-03-31', 100, 'x'), (2, 1, '2023-12-31', 100, 'x'), (3, 1, '2024-01-31', 100, 'x')`,
		`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES
			('2024-01-01T00:00:00Z', 'unknown', 'create', 'contract', 1, 'null', '{"id":1,"number":"MZ-1"}'),
			('2024-01-01T00:00:00Z', 'unknown', 'delete', 'contractor', 7, '{"id":7,"name":"已注销的公司"}', NULL),
			('2024-01-01T00:00:00Z', 'unknown', 'create', 'payment', 3, NULL, '{"id":3,"contract_id":1,"amount_fen":100}'),
			('2024-01-01T00:00:00Z', 'unknown', 'update', 'plan', 1, 'null', '{"contract_id":1,"period":"季"}'),
			('2024-01-01T00:00:00Z', 'unknown', 'update', 'setting', NULL, '{"key":"district","value":""}', '{"key":"district","value":"云溪区"}'),
			('2024-01-01T00:00:00Z', 'unknown', 'create', 'import', 5, NULL, '{"id":5,"files":["a.xlsx","b.csv"]}'),
			('2024-01-01T00:00:00Z', 'unknown', 'update', 'contract', 9, 'garbage', '{}'),
			('2024-01-01T00:00:00Z', 'unknown', 'close', 'year', 2023, NULL, '{"year":2023}')`,
	} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	entries, err := db.FindAudit(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var records []string
	for _, e := range entries {
		records = append(records, e.Record())
	}
	want := []string{"合同 MZ-1", "承接主体 已注销的公司", "支付 MZ-1 审批表 2024-0002", "考核方案 MZ-1", "设置 区县名称",
		"导入 a.xlsx、b.csv", "合同 第9号记录", "年度 2023"}
	if !slices.Equal(records, want) {
		t.Errorf("records\n got %q\nwant %q", records, want)
	}
	if entries[0].Before != "" || !slices.Equal(entries[0].Changes(), []string{"合同编号：MZ-1"}) {
		t.Errorf("a create that recorded null before: %q %q", entries[0].Before, entries[0].Changes())
	}
	if got := formNumbers(t, db, 1); !slices.Equal(got, []string{"2023-0001", "2024-0001", "2024-0002"}) {
		t.Errorf("old payments numbered %v", got)
	}
	if next := mustPay(t, db, &govbuy.Contract{ID: 1}, govbuy.Day(2024, 6, 30), 100); next.Form.String() != "2024-0003" {
		t.Errorf("the next payment of 2024 is %s", next.Form)
	}
}
