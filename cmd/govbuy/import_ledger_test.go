package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy"
	"govbuy/importer"
	"govbuy/store"
)

// oldLedger is a 2023 ledger as districts kept it: amounts in 万元 said in
// a title line, posts marked in 备注, no 人数 column, no term, and a 合计
// row that does not add up (128.5 + 36 + 12 = 176.5, not 177).
const oldLedger = "云溪区2023年度政府购买服务台账,,,,,\n" +
	"单位：万元,,,,,\n" +
	"序号,购买单位,服务项目,承接单位,合同金额,备注\n" +
	"1,区园林局,公园绿地养护,云溪区绿城园林有限责任公司,128.5,\n" +
	"2,区民政局,社区网格服务,云溪区明德社会工作服务中心,36,岗位\n" +
	"3,区交通局,道路巡查服务,云溪区明德社会工作服务中心,12,岗位\n" +
	"合计,,,,177,\n"

func writeLedger(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOldLedgerGoesInWholeMarkedPending(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	ledger := writeLedger(t, "2023台账.csv", oldLedger)
	code, stdout, stderr := govbuyCmd(t, "--db", db, "import", "--dry-run", "--json", ledger)
	if code != exitOK {
		t.Fatalf("dry run: exit %d, %s %s", code, stdout, stderr)
	}
	var s importer.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Sheets) != 1 || s.Sheets[0].AmountUnit != "万元" || s.Sheets[0].AmountUnitSource != "第2行“单位：万元”" {
		t.Errorf("sheets = %+v, want 万元 from 第2行“单位：万元”", s.Sheets)
	}
	wantWarnings := []importer.Warning{
		{Kind: importer.WarnTotalMismatch, File: "2023台账.csv", Sheet: "2023台账", Row: 7,
			Message: "合计行的合同金额为1,770,000.00元，所计各行之和为1,765,000.00元，相差5,000.00元"},
		{Kind: importer.WarnPending, Message: "2份合同待补充岗位人数，导入后可在工作台补充"},
		{Kind: importer.WarnPending, Message: "3份合同待补充合同期限，导入后可在工作台补充"},
	}
	if len(s.Warnings) != len(wantWarnings) {
		t.Fatalf("warnings = %+v", s.Warnings)
	}
	for i, w := range wantWarnings {
		if s.Warnings[i] != w {
			t.Errorf("warning %d = %+v\nwant %+v", i, s.Warnings[i], w)
		}
	}

	code, stdout, stderr = govbuyCmd(t, "--db", db, "import", ledger)
	if code != exitOK {
		t.Fatalf("import: exit %d, %s %s", code, stdout, stderr)
	}
	for _, want := range []string{"按万元读取（第2行“单位：万元”）", "2份合同待补充岗位人数", "相差5,000.00元"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import output lacks %q:\n%s", want, stdout)
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, _, err := st.FindContracts(context.Background(), govbuy.ContractFilter{Year: 2023, Sort: "amount"})
	if err != nil || len(rows) != 3 {
		t.Fatalf("contracts %+v, %v", rows, err)
	}
	if r := rows[0]; r.Kind != govbuy.KindPost || r.Amount != 12_000_000 || r.Pending.String() != "岗位人数、合同期限" {
		t.Errorf("post without people: %s %d %q", r.Kind, r.Amount, r.Pending)
	}
	if r := rows[2]; r.Kind != govbuy.KindProject || r.Amount != 128_500_000 || r.Pending.String() != "合同期限" {
		t.Errorf("project without term: %s %d %q", r.Kind, r.Amount, r.Pending)
	}
	for i, want := range []string{"2023-导入-0003", "2023-导入-0002", "2023-导入-0001"} {
		if rows[i].Number != want {
			t.Errorf("contract %q numbered %q, want %q", rows[i].Title, rows[i].Number, want)
		}
	}
	st.Close()

	// The same file again finds its rows under the same numbers and skips
	// them; another ledger of the year goes on from the last number.
	code, stdout, stderr = govbuyCmd(t, "--db", db, "import", ledger)
	if code != exitOK || !strings.Contains(stdout, "合同0份") || !strings.Contains(stdout, "跳过已有记录3行") {
		t.Errorf("second import: exit %d\n%s%s", code, stdout, stderr)
	}
	more := writeLedger(t, "补录.csv", "2023年度台账,,,\n购买单位,服务项目,承接单位,合同金额\n区民政局,养老服务,云溪区明德社会工作服务中心,5000\n")
	code, stdout, stderr = govbuyCmd(t, "--db", db, "import", more)
	if code != exitOK || !strings.Contains(stdout, "“2023-导入-0004”") {
		t.Errorf("another ledger of the year: exit %d\n%s%s", code, stdout, stderr)
	}

	// The report leaves the unknown people out of its headcount and says
	// how many posts they are, never counting them as 0.
	out := filepath.Join(t.TempDir(), "r.json")
	if code, _, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2023", "--json", out); code != exitOK {
		t.Fatalf("report: %s", stderr)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep govbuy.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Totals.PostsHeadcount != 0 || rep.Totals.PostsHeadcountPending != 2 {
		t.Errorf("report headcount %d, pending %d; want 0 known and 2 posts 待补充", rep.Totals.PostsHeadcount, rep.Totals.PostsHeadcountPending)
	}
	pendingRows := 0
	for _, c := range rep.Contracts {
		if c.Pending.Has(govbuy.FieldHeadcount) {
			pendingRows++
		}
	}
	if pendingRows != 2 {
		t.Errorf("%d report rows say 人数待补充, want 2", pendingRows)
	}

	code, stdout, _ = govbuyCmd(t, "--db", db, "check")
	if code != exitOK || !strings.Contains(stdout, "待补充：4条") ||
		!strings.Contains(stdout, "合同"+rows[0].Number+"“道路巡查服务”待补充：岗位人数、合同期限") {
		t.Errorf("check lists the pending records: exit %d\n%s", code, stdout)
	}
}
