package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// A ledger row whose 已支付 pays past its contract's amount is a problem of
// that row, naming the balance, unless the sheet says why in 超付原因.
func TestLedgerOverPaymentNeedsItsReason(t *testing.T) {
	tests := []struct {
		name, csv  string
		wantCode   int
		wantStderr string
	}{
		{"no reason column", "合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,已支付,年度\nX-1,云溪区财政局,补充保洁,新保洁公司,询价,1000,1200,2024\n",
			exitInput, "“台账.csv” 工作表“台账” 第2行 合同“X-1”的支付：超付原因：支付后累计1,200.00元，超过合同金额1,000.00元，请填写超付原因；如确需超付，请在表中增加“超付原因”列写明原因"},
		{"with its reason", "合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,已支付,超付原因,年度\nX-1,云溪区财政局,补充保洁,新保洁公司,询价,1000,1200,追加工作量,2024\n",
			exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "govbuy.db")
			if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
				t.Fatalf("demo: %s", stderr)
			}
			before := reportJSON(t, db)
			ledger := filepath.Join(dir, "台账.csv")
			if err := os.WriteFile(ledger, []byte(tt.csv), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := govbuyCmd(t, "--db", db, "import", ledger)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Fatalf("import: exit %d, %q; want %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
			if after := reportJSON(t, db); (after == before) != (tt.wantCode != exitOK) {
				t.Errorf("report changed: %v, want changed: %v", after != before, tt.wantCode == exitOK)
			}
		})
	}
}

// dbState is what a refused command must leave as it was: counts of the
// rows every control guards, the closed years and the users.
type dbState struct {
	Contracts, Payments, Requests, Audit int
	ClosedYears, Users                   string
}

func stateOf(t *testing.T, path string) dbState {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var s dbState
	for _, q := range []struct {
		query string
		into  any
	}{
		{"SELECT COUNT(*) FROM contracts", &s.Contracts},
		{"SELECT COUNT(*) FROM payments", &s.Payments},
		{"SELECT COUNT(*) FROM payment_requests", &s.Requests},
		{"SELECT COUNT(*) FROM audit_log", &s.Audit},
		{"SELECT COALESCE(GROUP_CONCAT(year), '') FROM (SELECT year FROM closed_years ORDER BY year)", &s.ClosedYears},
		{"SELECT COALESCE(GROUP_CONCAT(name || ':' || role), '') FROM (SELECT name, role FROM users ORDER BY name)", &s.Users},
	} {
		if err := raw.QueryRow(q.query).Scan(q.into); err != nil {
			t.Fatalf("%s: %v", q.query, err)
		}
	}
	return s
}

// The users of the role matrix, with their passwords.
var matrixUsers = map[string][2]string{
	"admin":    {"王管理", "admin-pass-1"},
	"clerk":    {"李录入", "clerk-pass-1"},
	"reviewer": {"赵审核", "review-pass-1"},
	"wrong":    {"李录入", "not-her-password"},
}

// matrixTemplate is the demo district backed up while roles were off, then
// with an administrator, a clerk and a reviewer, 2022 closed and the
// approval amount at 1万元. It returns the database and the backup.
func matrixTemplate(t *testing.T) (db, backup string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "template.db")
	backup = filepath.Join(dir, "roles-off.bak")
	mustRun(t, "--db", db, "demo")
	mustRun(t, "--db", db, "backup", backup)
	t.Setenv("GOVBUY_NEW_PASSWORD", matrixUsers["admin"][1])
	mustRun(t, "--db", db, "user", "add", matrixUsers["admin"][0], "--role", "管理员")
	signInAs(t, "admin")
	for _, u := range []struct{ key, role string }{{"clerk", "录入员"}, {"reviewer", "审核员"}} {
		t.Setenv("GOVBUY_NEW_PASSWORD", matrixUsers[u.key][1])
		mustRun(t, "--db", db, "user", "add", matrixUsers[u.key][0], "--role", u.role)
	}
	mustRun(t, "--db", db, "year", "close", "2022")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.Authenticate(context.Background(), matrixUsers["admin"][0], matrixUsers["admin"][1])
	if err == nil {
		err = s.SetApprovalThreshold(govbuy.WithUser(context.Background(), admin), 1_000_000)
	}
	if err := errors.Join(err, s.Close()); err != nil {
		t.Fatal(err)
	}
	return db, backup
}

// demoWithBackup is the demo district and a backup of it.
func demoWithBackup(t *testing.T) (db, backup string) {
	t.Helper()
	dir := t.TempDir()
	db, backup = filepath.Join(dir, "govbuy.db"), filepath.Join(dir, "备份 2024.db")
	mustRun(t, "--db", db, "demo")
	mustRun(t, "--db", db, "backup", backup)
	return db, backup
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, stdout, stderr := govbuyCmd(t, args...); code != exitOK {
		t.Fatalf("%v: exit %d: %s %s", args, code, stdout, stderr)
	}
}

// signInAs sets the command line's sign-in for role ("" signs in nobody).
func signInAs(t *testing.T, role string) {
	t.Helper()
	u := matrixUsers[role]
	t.Setenv("GOVBUY_USER", u[0])
	t.Setenv("GOVBUY_PASSWORD", u[1])
}

// Every control holds on every path of the real command line: one row per
// role, path and action. A refused command exits as documented, says why,
// and leaves contracts, payments, requests, the audit log, the closed years
// and the users as they were.
func TestRoleMatrixThroughTheCommandLine(t *testing.T) {
	template, backup := matrixTemplate(t)
	files := t.TempDir()
	ledger := filepath.Join(files, "台账.csv")
	payments := filepath.Join(files, "支付.csv")
	overpaid := filepath.Join(files, "超付.csv")
	treasury, treasuryOver, treasuryClosed := filepath.Join(files, "国库.csv"), filepath.Join(files, "国库超付.csv"), filepath.Join(files, "国库2022.csv")
	payee := treasuryPayee(t, "YX2024-038")
	for path, text := range map[string]string{
		treasury:       treasuryHead + ",超付原因\n2024-12-20," + payee + ",5000000,支付2024年度服务费,ZF-1,合同变更后补付\n",
		treasuryOver:   treasuryHead + "\n2024-12-20," + payee + ",5000000,支付2024年度服务费,ZF-1\n",
		treasuryClosed: treasuryHead + ",超付原因\n2022-06-30," + payee + ",100,支付2024年度服务费,ZF-2,预付\n",
		ledger:         "合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,年度\nX-1,云溪区财政局,补充保洁,新保洁公司,询价,1000,2024\n",
		payments:       "合同编号,支付日期,支付金额,所属期间,超付原因\nYX2024-038,2024-12-31,5000000,2024,合同变更后补付\n",
		overpaid:       "合同编号,支付日期,支付金额,所属期间\nYX2024-038,2024-12-31,5000000,2024\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	changed := func(b, a dbState) bool { return b != a }
	request := func(b, a dbState) bool { return a.Requests == b.Requests+1 && a.Payments == b.Payments }
	loginFirst, loginFailed := "已启用用户权限，请先登录", "登录失败：密码：用户名或密码错误"
	tests := []struct {
		role, path string
		args       []string
		code       int
		says       string
		effect     func(before, after dbState) bool // nil: nothing changes
	}{
		{"", "import", []string{"import", ledger}, exitInput, loginFirst, nil},
		{"wrong", "import", []string{"import", ledger}, exitInput, loginFailed, nil},
		{"clerk", "import", []string{"import", ledger}, exitOK, "合同1份", changed},
		{"reviewer", "import", []string{"import", ledger}, exitOK, "合同1份", changed},
		{"admin", "import", []string{"import", ledger}, exitOK, "合同1份", changed},

		{"", "import --as payments", []string{"import", "--as", "payments", payments}, exitInput, loginFirst, nil},
		{"clerk", "import --as payments", []string{"import", "--as", "payments", payments}, exitOK, "其中1笔支付超过审批金额，已转为付款申请", request},
		{"reviewer", "import --as payments", []string{"import", "--as", "payments", payments}, exitOK, "已转为付款申请", request},
		{"admin", "import --as payments", []string{"import", "--as", "payments", payments}, exitOK, "已转为付款申请", request},
		{"clerk", "import --as payments, over-paying", []string{"import", "--as", "payments", overpaid}, exitInput, "请在表中增加“超付原因”列写明原因", nil},
		{"admin", "import --as payments, over-paying", []string{"import", "--as", "payments", overpaid}, exitInput, "超出5,000,000.00元", nil},

		{"", "import --as treasury", []string{"import", "--as", "treasury", treasury}, exitInput, loginFirst, nil},
		{"clerk", "import --as treasury", []string{"import", "--as", "treasury", treasury}, exitOK, "其中1笔支付超过审批金额，已转为付款申请", request},
		{"reviewer", "import --as treasury", []string{"import", "--as", "treasury", treasury}, exitOK, "已转为付款申请", request},
		{"clerk", "import --as treasury, over-paying", []string{"import", "--as", "treasury", treasuryOver}, exitInput, "请在表中增加“超付原因”列写明原因", nil},
		{"admin", "import --as treasury, closed year", []string{"import", "--as", "treasury", treasuryClosed}, exitInput, "所属年度已结账", nil},

		{"", "demo --force", []string{"demo", "--force"}, exitInput, loginFirst, nil},
		{"clerk", "demo --force", []string{"demo", "--force"}, exitInput, "李录入的角色是录入员，不能载入或替换全部数据", nil},
		{"reviewer", "demo --force", []string{"demo", "--force"}, exitInput, "赵审核的角色是审核员，不能载入或替换全部数据", nil},
		{"admin", "demo --force", []string{"demo", "--force"}, exitOK, "已载入示例数据", changed},

		{"", "year close", []string{"year", "close", "2023"}, exitInput, loginFirst, nil},
		{"clerk", "year close", []string{"year", "close", "2023"}, exitInput, "李录入的角色是录入员，不能年度结账", nil},
		{"reviewer", "year close", []string{"year", "close", "2023"}, exitOK, "2023年度已结账", changed},
		{"admin", "year close", []string{"year", "close", "2023"}, exitOK, "2023年度已结账", changed},

		{"", "year reopen", []string{"year", "reopen", "2022", "--reason", "补录"}, exitInput, loginFirst, nil},
		{"clerk", "year reopen", []string{"year", "reopen", "2022", "--reason", "补录"}, exitInput, "不能反结账", nil},
		{"reviewer", "year reopen", []string{"year", "reopen", "2022", "--reason", "补录"}, exitInput, "赵审核的角色是审核员，不能反结账", nil},
		{"admin", "year reopen", []string{"year", "reopen", "2022", "--reason", "补录"}, exitOK, "2022年度已反结账", changed},

		{"", "user add", []string{"user", "add", "新同事", "--role", "管理员"}, exitInput, loginFirst, nil},
		{"clerk", "user add", []string{"user", "add", "新同事", "--role", "管理员"}, exitInput, "李录入的角色是录入员，不能添加用户", nil},
		{"reviewer", "user add", []string{"user", "add", "新同事", "--role", "管理员"}, exitInput, "不能添加用户", nil},
		{"admin", "user add", []string{"user", "add", "新同事", "--role", "录入员"}, exitOK, "已添加用户新同事", changed},

		{"", "restore", []string{"restore", backup, "--reason", "回到启用权限前"}, exitInput, loginFirst, nil},
		{"wrong", "restore", []string{"restore", backup, "--reason", "回到启用权限前"}, exitInput, loginFailed, nil},
		{"clerk", "restore", []string{"restore", backup, "--reason", "回到启用权限前"}, exitInput, "李录入的角色是录入员，不能恢复数据库", nil},
		{"reviewer", "restore", []string{"restore", backup, "--reason", "回到启用权限前"}, exitInput, "赵审核的角色是审核员，不能恢复数据库", nil},
		{"admin", "restore without a reason", []string{"restore", backup}, exitInput, "备份中2022年度未结账（当前已结账）", nil},
		{"admin", "restore", []string{"restore", backup, "--reason", "回到启用权限前"}, exitOK, "原数据库已另存为", changed},

		{"", "report", []string{"report", "--year", "2024"}, exitOK, "4,029.30万元", nil},
		{"", "backup", []string{"backup", filepath.Join(files, "任何人的备份.db")}, exitOK, "已备份到", nil},
	}
	data, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		name := tt.role
		if name == "" {
			name = "nobody"
		}
		t.Run(name+" "+tt.path, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "govbuy.db")
			if err := os.WriteFile(db, data, 0o600); err != nil {
				t.Fatal(err)
			}
			t.Setenv("GOVBUY_NEW_PASSWORD", "new-pass-1")
			signInAs(t, tt.role)
			before := stateOf(t, db)
			code, stdout, stderr := govbuyCmd(t, append([]string{"--db", db}, tt.args...)...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.says) {
				t.Fatalf("exit %d, %s%s; want %d saying %q", code, stdout, stderr, tt.code, tt.says)
			}
			after := stateOf(t, db)
			if tt.effect == nil && after != before {
				t.Errorf("changed the database: %+v → %+v", before, after)
			}
			if tt.effect != nil && !tt.effect(before, after) {
				t.Errorf("effect not as expected: %+v → %+v", before, after)
			}
		})
	}
}

// With roles off anyone may restore, and the restored database records who:
// the operating-system account, said to be one, whatever $USER claims.
func TestRestoreWithRolesOffRecordsTheOSAccount(t *testing.T) {
	db, backup := demoWithBackup(t)
	t.Setenv("USER", "冒名顶替")
	t.Setenv("USERNAME", "冒名顶替")
	code, stdout, stderr := govbuyCmd(t, "--db", db, "restore", backup)
	if code != exitOK {
		t.Fatalf("restore: exit %d: %s %s", code, stdout, stderr)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.FindAuditLog(context.Background(), govbuy.AuditFilter{Entity: "database", Limit: 1})
	if err != nil || len(log) != 1 {
		t.Fatalf("restore audit: %v, %v", log, err)
	}
	if want := store.OSActor(); log[0].Actor != want || !strings.HasPrefix(want, "操作系统账户 ") || strings.Contains(want, "冒名顶替") {
		t.Errorf("restored by %q, want %q", log[0].Actor, want)
	}
	if !strings.Contains(log[0].After, backup) || !strings.Contains(log[0].Before, db) {
		t.Errorf("the audit row does not say what replaced what: %+v", log[0])
	}
}

// A lock timeout is no problem with the input: exit 2, saying who holds
// the database, and nothing changes. (SQLite's busy timeout is the same
// kind of refusal, EUnavailable: store's TestWriteWhileAnotherWriterHolds…)
func TestLockTimeoutExits2NamingTheHolder(t *testing.T) {
	db, backup := demoWithBackup(t)
	holder, err := store.Open(db) // as a running import or report holds it
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	before := stateOf(t, db)
	code, _, stderr := govbuyCmd(t, "--db", db, "restore", backup, "--wait", "300ms")
	if code != exitFailure || !strings.Contains(stderr, "数据库正被其他程序使用") || !strings.Contains(stderr, fmt.Sprintf("进程%d", os.Getpid())) {
		t.Errorf("restore beside an open database: exit %d, %q", code, stderr)
	}
	if after := stateOf(t, db); after != before {
		t.Errorf("changed: %+v → %+v", before, after)
	}
}

// A mistyped --db is refused naming the folder, and creates nothing.
func TestMissingDatabaseFolderIsRefused(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "没有这个目录")
	for _, args := range [][]string{{"check"}, {"demo"}, {"report", "--year", "2024"}} {
		code, _, stderr := govbuyCmd(t, append([]string{"--db", filepath.Join(missing, "govbuy.db")}, args...)...)
		if code != exitFailure || !strings.Contains(stderr, "数据库所在的文件夹“"+missing+"”不存在") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder was created: %v", err)
	}
}

// A restore racing a real command-line import never loses the import: the
// import either finished before the restore took the database (its rows are
// in the copy the restore keeps) or waited for it (its rows are in the
// restored database). Half the runs start the import while the restore
// runs, half start the restore while the import runs, at moments spread
// over the other's run.
func TestRestoreDuringAnImportLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 21 real imports")
	}
	const rows, runs = 500, 20
	dir := t.TempDir()
	ledger := filepath.Join(dir, "台账.csv")
	writeBigLedger(t, ledger, rows)
	importTakes := timeFullImport(t, filepath.Join(dir, "full.db"), ledger, rows)
	restoreTakes := timeRestore(t, filepath.Join(dir, "restore-timing"))
	for run := range runs {
		// The first half start the import into the restore; the second
		// half the restore into the import.
		importAfter, restoreAfter := restoreTakes*time.Duration(run)/(runs/2), time.Duration(0)
		if run >= runs/2 {
			importAfter, restoreAfter = 0, importTakes*time.Duration(run-runs/2)/(runs/2)
		}
		live := filepath.Join(dir, fmt.Sprintf("run%02d", run), "govbuy.db")
		if err := os.Mkdir(filepath.Dir(live), 0o700); err != nil {
			t.Fatal(err)
		}
		backup := filepath.Join(filepath.Dir(live), "空库备份.db")
		mustRun(t, "--db", live, "backup", backup)

		restored := make(chan string, 1)
		go func() {
			time.Sleep(restoreAfter)
			code, stdout, stderr := govbuyCmd(t, "--db", live, "restore", backup, "--reason", "并发测试", "--wait", "60s")
			if code != exitOK {
				restored <- fmt.Sprintf("exit %d: %s %s", code, stdout, stderr)
			}
			restored <- ""
		}()
		time.Sleep(importAfter)
		out, err := importCommand(live, ledger).CombinedOutput()
		if err != nil || !strings.Contains(string(out), fmt.Sprintf("合同%d份", rows)) {
			t.Fatalf("run %d: the import failed: %v %s", run, err, out)
		}
		if failed := <-restored; failed != "" {
			t.Fatalf("run %d: restore: %s", run, failed)
		}
		kept, err := filepath.Glob(live + ".恢复前-*")
		if err != nil || len(kept) != 1 {
			t.Fatalf("run %d: kept copies %v, %v", run, kept, err)
		}
		inLive, inKept := stateOf(t, live).Contracts, stateOf(t, kept[0]).Contracts
		if inLive+inKept != rows || (inLive != 0 && inKept != 0) {
			t.Fatalf("run %d: %d contracts in the database, %d in the kept copy; want %d in one of them", run, inLive, inKept, rows)
		}
		t.Logf("run %d (import after %s, restore after %s): %d rows in the database, %d in the kept copy",
			run, importAfter, restoreAfter, inLive, inKept)
	}
}

// importCommand is `govbuy import` as a process of its own.
func importCommand(db, ledger string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "--db", db, "import", ledger)
	cmd.Env = append(os.Environ(), "GOVBUY_AS_COMMAND=1")
	return cmd
}

// timeRestore times one restore of an empty database over another.
func timeRestore(t *testing.T, dir string) time.Duration {
	t.Helper()
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db, backup := filepath.Join(dir, "govbuy.db"), filepath.Join(dir, "备份.db")
	mustRun(t, "--db", db, "backup", backup)
	start := time.Now()
	mustRun(t, "--db", db, "restore", backup)
	return time.Since(start)
}
