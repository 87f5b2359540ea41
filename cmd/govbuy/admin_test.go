package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"govbuy/store"
)

func reportJSON(t *testing.T, db string) string {
	t.Helper()
	code, stdout, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2024", "--json", "-")
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	return stdout
}

func TestBackupThenRestoreGivesTheSameReport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", db, "demo")
	before := reportJSON(t, db)
	backup := filepath.Join(dir, "备份 2024.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "backup", backup); code != exitOK {
		t.Fatalf("backup: %s", stderr)
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo", "--force"); code != exitOK {
		t.Fatalf("demo --force: %s", stderr)
	}
	other := filepath.Join(dir, "other.db")
	if code, _, stderr := govbuyCmd(t, "--db", other, "restore", backup); code != exitOK {
		t.Fatalf("restore: %s", stderr)
	}
	if after := reportJSON(t, other); after != before {
		t.Error("the restored database reports differently")
	}
}

func TestGarbageRestoreIsRefusedAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", db, "demo")
	before := reportJSON(t, db)
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("不是数据库", 1000)), 0o600)
	code, _, stderr := govbuyCmd(t, "--db", db, "restore", garbage)
	if code != exitInput || !strings.Contains(stderr, "不是SQLite数据库文件") {
		t.Errorf("restore garbage: exit %d, %q", code, stderr)
	}
	if after := reportJSON(t, db); after != before {
		t.Error("a refused restore changed the database")
	}
	kept, _ := filepath.Glob(db + ".恢复前-*")
	if len(kept) != 0 {
		t.Errorf("a refused restore kept copies: %v", kept)
	}
}

func TestClosedYearRefusesAnImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", db, "demo")
	ledger := filepath.Join(dir, "台账.csv")
	os.WriteFile(ledger, []byte("合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,年度\nX-1,云溪区财政局,补充保洁,新保洁公司,询价,1000,2024\n"), 0o600)
	if code, _, stderr := govbuyCmd(t, "--db", db, "year", "close", "2024"); code != exitOK {
		t.Fatalf("year close: %s", stderr)
	}
	code, _, stderr := govbuyCmd(t, "--db", db, "import", ledger)
	if code == exitOK || !strings.Contains(stderr, "已结账") {
		t.Errorf("import into a closed year: exit %d, %q", code, stderr)
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "year", "reopen", "2024"); code != exitInput || !strings.Contains(stderr, "理由") {
		t.Errorf("reopen without a reason: exit %d, %q", code, stderr)
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "year", "reopen", "2024", "--reason", "补录遗漏合同"); code != exitOK {
		t.Fatalf("reopen: %s", stderr)
	}
	if code, stdout, stderr := govbuyCmd(t, "--db", db, "import", ledger); code != exitOK {
		t.Errorf("import after reopening: exit %d, %s %s", code, stdout, stderr)
	}
}

func TestPaymentFormCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", db, "demo")
	pdf := filepath.Join(dir, "支付审批表.pdf")
	code, stdout, stderr := govbuyCmd(t, "--db", db, "payment-form", "--contract", "YX2024-042", "--period", "2024Q2", "--pdf", pdf)
	if code != exitOK || !strings.Contains(stdout, "人民币") {
		t.Fatalf("payment-form: exit %d, %s %s", code, stdout, stderr)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Errorf("no form written: %v", err)
	}
	code, _, stderr = govbuyCmd(t, "--db", db, "payment-form", "--contract", "YX2024-042", "--period", "2024H1", "--pdf", pdf)
	if code != exitInput || !strings.Contains(stderr, "没有考核期间") {
		t.Errorf("a period outside the plan: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{
		{"--contract", "YX2024-042", "--payment", "1", "--pdf", pdf},
		{"--payment", "1", "--period", "2024Q2", "--pdf", pdf},
		{"--pdf", pdf},
		{"--payment", "1"},
	} {
		if code, _, stderr := govbuyCmd(t, append([]string{"--db", db, "payment-form"}, args...)...); code != exitFailure ||
			!strings.Contains(stderr, "--payment 支付记录ID") {
			t.Errorf("payment-form %q: exit %d, %q", args, code, stderr)
		}
	}
}

// Reprinting the form of a paid period shows what was paid, in figures and
// in 大写, with the form's number: by the period, or by the payment, the
// same every time.
func TestPaymentFormReprintsAPaidPeriod(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", db, "demo")
	paymentID := lastPaymentOf(t, db, "YX2024-042")
	var texts, words []string
	for i, args := range [][]string{
		{"--contract", "YX2024-042", "--period", "2024年第4季度"},
		{"--payment", strconv.FormatInt(paymentID, 10)},
		{"--payment", strconv.FormatInt(paymentID, 10)},
	} {
		pdf := filepath.Join(dir, fmt.Sprintf("审批表%d.pdf", i))
		code, stdout, stderr := govbuyCmd(t, append([]string{"--db", db, "payment-form", "--pdf", pdf}, args...)...)
		if code != exitOK {
			t.Fatalf("payment-form %q: exit %d, %s", args, code, stderr)
		}
		if strings.Contains(stdout, "零元整") || !strings.Contains(stdout, "本次支付") || !strings.Contains(stdout, "编号：2024-") {
			t.Errorf("payment-form %q says %q", args, stdout)
		}
		texts = append(texts, pdfText(t, pdf))
		_, said, _ := strings.Cut(stdout, "（人民币")
		said, _, _ = strings.Cut(said, "）")
		words = append(words, "人民币"+said)
	}
	if words[0] == "人民币" || !strings.Contains(texts[0], words[0]) || words[1] != words[0] {
		t.Errorf("the form does not show the paid amount in 大写 %q", words)
	}
	for _, want := range []string{"本次支付（元）", "凭证号", "编号：2024-"} {
		if !strings.Contains(texts[0], want) {
			t.Errorf("the reprinted form lacks %q:\n%s", want, texts[0])
		}
	}
	if strings.Contains(texts[0], "零元整") || strings.Contains(texts[0], "待付款后编号") {
		t.Errorf("the form of a paid period asks for nothing:\n%s", texts[0])
	}
	if texts[1] != texts[0] || texts[2] != texts[1] {
		t.Errorf("reprints differ:\n%s\n---\n%s\n---\n%s", texts[0], texts[1], texts[2])
	}
}

// lastPaymentOf is the id of the last payment recorded for a contract.
func lastPaymentOf(t *testing.T, dbPath, number string) int64 {
	t.Helper()
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.FindContractByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.FindPayments(context.Background(), c.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("payments of %s: %v, %v", number, ps, err)
	}
	return ps[len(ps)-1].ID
}

// pdfText is a PDF's text as poppler's pdftotext reads it, white space
// squeezed out so wrapped cells read whole.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func TestRestoreRefusedWhileAWindowHoldsTheDatabase(t *testing.T) {
	db, backup := demoWithBackup(t)
	lock, err := store.AcquireLock(db) // as an open window does
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, stderr := govbuyCmd(t, "--db", db, "restore", backup)
	if code == exitOK || !strings.Contains(stderr, "已在另一个窗口中打开") {
		t.Errorf("restore under an open window: exit %d, %q", code, stderr)
	}
}

func TestCommandLineSignsInOnceRolesAreOn(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", db, "demo")
	t.Setenv("GOVBUY_NEW_PASSWORD", "admin-pass-1")
	if code, _, stderr := govbuyCmd(t, "--db", db, "user", "add", "王管理", "--role", "管理员"); code != exitOK {
		t.Fatalf("user add: %s", stderr)
	}
	code, _, stderr := govbuyCmd(t, "--db", db, "year", "close", "2023")
	if code == exitOK || !strings.Contains(stderr, "请先登录") {
		t.Errorf("write without signing in: exit %d, %q", code, stderr)
	}
	if code, _, _ := govbuyCmd(t, "--db", db, "report", "--year", "2024"); code != exitOK {
		t.Error("reading needs no sign-in")
	}
	t.Setenv("GOVBUY_USER", "王管理")
	t.Setenv("GOVBUY_PASSWORD", "wrong-pass")
	if code, _, stderr := govbuyCmd(t, "--db", db, "year", "close", "2023"); code != exitInput || !strings.Contains(stderr, "登录失败") {
		t.Errorf("wrong password: exit %d, %q", code, stderr)
	}
	t.Setenv("GOVBUY_PASSWORD", "admin-pass-1")
	if code, _, stderr := govbuyCmd(t, "--db", db, "year", "close", "2023"); code != exitOK {
		t.Errorf("signed in: exit %d, %q", code, stderr)
	}
}
