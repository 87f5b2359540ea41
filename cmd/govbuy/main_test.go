package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy"
)

// govbuyCmd runs the command line in-process as a person would type it.
func govbuyCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDemoReportFiguresAreExact(t *testing.T) {
	db := filepath.Join(t.TempDir(), "演示.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	if code, _, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2024", "--json", jsonPath); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var r govbuy.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	tot := r.Totals
	if tot.Units != 61 || tot.PostTypes != 39 || tot.Projects != 33 || tot.Paid != 4_029_300_000 {
		t.Errorf("totals = %+v, want 61 units, 39 post kinds, 33 projects, 4029300000 fen paid", tot)
	}
	groups := map[string][]govbuy.ReportGroup{
		"by_unit": r.ByUnit, "by_category": r.ByCategory, "by_method": r.ByMethod,
		"by_contractor_type": r.ByContractorType, "by_funding_source": r.ByFundingSource,
	}
	for name, rows := range groups {
		var contracts int
		var amount, paid govbuy.Money
		for _, g := range rows {
			contracts += g.Contracts
			amount += g.ContractAmount
			paid += g.Paid
		}
		if contracts != tot.Contracts || amount != tot.ContractAmount || paid != tot.Paid {
			t.Errorf("%s adds up to %d contracts, %s, paid %s; totals %d, %s, %s",
				name, contracts, amount, paid, tot.Contracts, tot.ContractAmount, tot.Paid)
		}
	}
	var paid govbuy.Money
	for _, c := range r.Contracts {
		paid += c.Paid
	}
	if paid != tot.Paid {
		t.Errorf("contract list pays %s, totals %s", paid, tot.Paid)
	}
	narrative := strings.Join(r.Narrative, "\n")
	for _, want := range []string{
		"云溪区共有61个行政事业单位通过政府购买服务方式签订合同75份", "购买岗位39种、合同42份，购买服务项目33个、合同33份",
		"企业19个、社会组织6个", "个人4个",
		"对3类服务明确承接主体的类型和资质要求，本年度签订的8份相关合同均经资质审查，承接主体均符合要求",
		"等4项收费标准核定本年度签订的7份合同的价格", "全年对74份合同开展督查115次，其中随机抽查56次，发现问题104项，扣706.5分",
		"全年支付购买服务费用4029.3万元（肆仟零贰拾玖万叁仟元整），其中财政预算资金3134.65万元，占77.8%",
	} {
		if !strings.Contains(narrative, want) {
			t.Errorf("narrative lacks %q:\n%s", want, narrative)
		}
	}
	if r.Pricing.Contracts != 7 || r.Pricing.Departures != 1 || r.Supervision.Inspections != 115 || r.Supervision.Unannounced != 56 || r.Screening.Met != 8 {
		t.Errorf("practices: %+v %+v %+v", r.Screening, r.Pricing, r.Supervision)
	}
}

func TestDemoRefusesAFullDatabaseWithoutForce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	govbuyCmd(t, "--db", db, "demo")
	code, _, stderr := govbuyCmd(t, "--db", db, "demo")
	if code != exitInput || !strings.Contains(stderr, "--force") {
		t.Errorf("second demo: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo", "--force"); code != exitOK {
		t.Errorf("demo --force: exit %d: %s", code, stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "frobnicate"}, "未知命令“frobnicate”"},
		{[]string{"--db", db, "report"}, "--year"},
		{[]string{"--db", db, "report", "--year", "abc"}, "invalid value"},
	}
	for _, tt := range tests {
		code, _, stderr := govbuyCmd(t, tt.args...)
		if code != exitFailure || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestVersionNamesTheSchema(t *testing.T) {
	code, stdout, _ := govbuyCmd(t, "version")
	if code != exitOK || !strings.Contains(stdout, "schema ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}

func TestReportWritesFilesWhole(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	govbuyCmd(t, "--db", db, "demo")
	xlsx, pdf := filepath.Join(dir, "年度报告.xlsx"), filepath.Join(dir, "年度报告.pdf")
	if code, _, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2024", "--xlsx", xlsx, "--pdf", pdf); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	for _, p := range []string{xlsx, pdf} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	// The files are written side by side: one that cannot be written fails
	// the command and names its path, and the other is still written whole.
	missing := filepath.Join(dir, "没有这个目录", "r.pdf")
	other := filepath.Join(dir, "另一份.xlsx")
	code, stdout, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2024", "--pdf", missing, "--xlsx", other, "--json", "-")
	if code != exitFailure || !strings.Contains(stderr, "没有这个目录") {
		t.Errorf("report into a missing folder: exit %d, %q", code, stderr)
	}
	if st, err := os.Stat(other); err != nil || st.Size() == 0 {
		t.Errorf("the workbook beside a failed PDF: %v", err)
	}
	if !strings.Contains(stdout, `"narrative"`) {
		t.Errorf("JSON to standard output beside a failed PDF: %.200q", stdout)
	}
}
