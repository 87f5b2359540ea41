package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/assets"
	"govbuy/internal/treasurydemo"
)

// treasuryHead is a treasury list's header as a csv line.
const treasuryHead = "支付日期,预算单位,收款人全称,收款人账号,金额,摘要/用途,支付凭证号"

// treasuryPayee is the unit, payee and account of a demo contract as csv
// cells.
func treasuryPayee(t *testing.T, number string) string {
	t.Helper()
	ds := assets.Demo()
	accounts := map[string]string{}
	for _, c := range ds.Contractors {
		accounts[c.Name] = c.Account
	}
	for _, c := range ds.Contracts {
		if c.Number == number {
			return c.UnitName + "," + c.ContractorName + "," + accounts[c.ContractorName]
		}
	}
	t.Fatalf("no demo contract %s", number)
	return ""
}

// demoTreasury is the demo district and its treasury list of 2024 as the
// treasury exports it, the doctored copy beside it.
func demoTreasury(t *testing.T) (db, list, doctored string, d treasurydemo.Doctored) {
	t.Helper()
	dir := t.TempDir()
	db, list, doctored = filepath.Join(dir, "govbuy.db"), filepath.Join(dir, "国库集中支付明细.xlsx"), filepath.Join(dir, "改过的明细.xlsx")
	mustRun(t, "--db", db, "demo")
	rows := treasurydemo.Rows(assets.Demo(), assets.DemoYear)
	d = treasurydemo.Doctor(rows)
	if err := treasurydemo.WriteXLSX(list, assets.DemoYear, rows); err != nil {
		t.Fatal(err)
	}
	if err := treasurydemo.WriteXLSX(doctored, assets.DemoYear, d.Rows); err != nil {
		t.Fatal(err)
	}
	return db, list, doctored, d
}

// The demo's own treasury list matches every row by account and finds each
// one recorded: the import skips them all and writes nothing new.
func TestTreasuryImportMatchesEveryDemoRow(t *testing.T) {
	db, list, _, _ := demoTreasury(t)
	n := len(treasurydemo.Rows(assets.Demo(), assets.DemoYear))
	code, stdout, stderr := govbuyCmd(t, "--db", db, "import", "--dry-run", list)
	if code != exitOK || !strings.Contains(stderr, "表头是国库集中支付明细，按国库集中支付明细导入（--as treasury）") {
		t.Fatalf("dry run without --as: exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, govbuy.TreasuryMatchRule+"\n") {
		t.Errorf("dry run does not say the rule it matched by:\n%s", stdout)
	}
	if got := strings.Count(stdout, "（按收款人账号），已有支付记录，跳过"); got != n {
		t.Errorf("%d of %d rows matched by account and recorded:\n%s", got, n, stdout)
	}
	tally := "国库支付" + strconv.Itoa(n) + "行：按收款人账号" + strconv.Itoa(n) + "行；其中已有支付记录" + strconv.Itoa(n) + "行"
	if !strings.Contains(stdout, tally) || !strings.Contains(stdout, "跳过已有记录"+strconv.Itoa(n)+"行") {
		t.Errorf("dry run does not say %q, nor that it skips the %d rows recorded:\n%s", tally, n, stdout)
	}
	code, stdout, stderr = govbuyCmd(t, "--db", db, "import", "--as", "treasury", "--json", list)
	var s struct {
		Imported struct{ Payments int }
		Skipped  int
		Treasury []struct {
			Contract string
			By       string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &s); code != exitOK || err != nil {
		t.Fatalf("import: exit %d, %v: %s%s", code, err, stdout, stderr)
	}
	if s.Imported.Payments != 0 || s.Skipped != n || len(s.Treasury) != n || s.Treasury[0].By != "按收款人账号" || s.Treasury[0].Contract != "YX2024-001" {
		t.Errorf("import wrote %d payments, skipped %d, listed %d (first %+v); want 0, %d, %d", s.Imported.Payments, s.Skipped, len(s.Treasury), s.Treasury[0], n, n)
	}
}

// The doctored copy shows exactly its three differences, on the terminal,
// in JSON and in the sheet; the same copy imported is refused for the
// amount that differs and writes nothing.
func TestReconcileDoctoredTreasuryList(t *testing.T) {
	db, list, doctored, d := demoTreasury(t)
	code, stdout, stderr := govbuyCmd(t, "--db", db, "reconcile", "--year", "2024", list)
	if code != exitOK || !strings.Contains(stdout, "国库支付与支付记录一致，没有差异") {
		t.Fatalf("own list: exit %d: %s%s", code, stdout, stderr)
	}
	sheet := filepath.Join(t.TempDir(), "对账.xlsx")
	code, stdout, stderr = govbuyCmd(t, "--db", db, "reconcile", "--year", "2024", "--xlsx", sheet, doctored)
	if code != exitOK {
		t.Fatalf("doctored: exit %d: %s%s", code, stdout, stderr)
	}
	for _, want := range []string{"[国库已付未记录] 2024-11-20 国库支付12,345.00元（凭证" + d.Extra, "[已记录国库未付]", "[金额不符]", "相差-1,000.00元", "差异3项"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("reconcile does not say %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, "\n["); n != 3 {
		t.Errorf("%d differences listed, want 3:\n%s", n, stdout)
	}
	checkReconSheet(t, sheet, d)
	code, stdout, stderr = govbuyCmd(t, "--db", db, "reconcile", "--year", "2024", "--json", doctored)
	var rec govbuy.Reconciliation
	if err := json.Unmarshal([]byte(stdout), &rec); code != exitOK || err != nil {
		t.Fatalf("json: exit %d, %v: %s", code, err, stderr)
	}
	if len(rec.Items) != 3 || rec.Count(govbuy.ReconAmountDiffers) != 1 || rec.Items[0].Row == nil {
		t.Errorf("json items %+v", rec.Items)
	}
	before := stateOf(t, db)
	code, _, stderr = govbuyCmd(t, "--db", db, "import", "--as", "treasury", doctored)
	if code != exitInput || !strings.Contains(stderr, "国库支付") || !strings.Contains(stderr, "不符") {
		t.Errorf("doctored import: exit %d: %s", code, stderr)
	}
	if after := stateOf(t, db); after != before {
		t.Errorf("refused import changed the database: %+v → %+v", before, after)
	}
}

func checkReconSheet(t *testing.T, path string, d treasurydemo.Doctored) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("国库对账")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || rows[4][1] != "国库已付未记录" || rows[4][6] != d.Extra || rows[6][1] != "金额不符" || rows[6][6] != d.Changed {
		t.Errorf("sheet rows %q", rows)
	}
	if v, _ := f.GetCellValue("国库对账", "J7", excelize.Options{RawCellValue: true}); v != "-1000.00" && v != "-1000" {
		t.Errorf("difference cell %q, want -1000.00", v)
	}
}

// A voucher is paid once: repeated in the file, or imported before, the
// row is refused naming the voucher.
func TestTreasuryVoucherPaidOnce(t *testing.T) {
	db, _, _, _ := demoTreasury(t)
	dir := t.TempDir()
	payee := treasuryPayee(t, "YX2024-038")
	twice, once := filepath.Join(dir, "重复.csv"), filepath.Join(dir, "一笔.csv")
	row := func(voucher string) string {
		return "2024-12-20," + payee + ",100,支付2024年度服务费," + voucher + ",年终补付\n"
	}
	os.WriteFile(twice, []byte(treasuryHead+",超付原因\n"+row("ZF-7")+row("ＺＦ-7")), 0o600)
	os.WriteFile(once, []byte(treasuryHead+",超付原因\n"+row("ZF-8")), 0o600)
	code, _, stderr := govbuyCmd(t, "--db", db, "import", "--as", "treasury", twice)
	if code != exitInput || !strings.Contains(stderr, "第3行 支付凭证号：“ZF-7”与第2行重复") {
		t.Errorf("voucher twice in a file: exit %d: %s", code, stderr)
	}
	mustRun(t, "--db", db, "import", "--as", "treasury", once)
	code, _, stderr = govbuyCmd(t, "--db", db, "import", "--as", "treasury", once)
	if code != exitInput || !strings.Contains(stderr, "支付凭证号：“ZF-8”已登记（合同YX2024-038 2024-12-20 100.00元），不能重复导入") {
		t.Errorf("voucher imported again: exit %d: %s", code, stderr)
	}
}
