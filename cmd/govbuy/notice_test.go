package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy/store"
)

// demoDB loads the demo district into a new database.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "演示.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	return db
}

// The notice of a demo contract, as text on stdout and as a PDF whose
// text (pdftotext) holds every line of it whole.
func TestExportNoticeOfADemoContract(t *testing.T) {
	db := demoDB(t)
	code, text, stderr := govbuyCmd(t, "--db", db, "export", "notice", "--contract", "YX2024-030", "-")
	if code != exitOK {
		t.Fatalf("export notice -: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"行政审批窗口辅助员合同公告\n", "一、合同编号：YX2024-030\n", "三、项目编号：YXCG2023-030\n",
		"    采购人（甲方）：云溪区行政审批服务局\n", "    地址：云溪区府前路70号\n",
		"    供应商（乙方）：四川云溪人力资源服务有限公司\n", "    主要标的数量：16人\n", "    主要标的单价：42,000.00元/人\n",
		"    合同金额：672,000.00元（人民币陆拾柒万贰仟元整）\n", "    采购方式：岗位外包\n",
		"七、合同签订日期：2023-12-21\n", "八、合同公告日期：2023-12-25\n", "九、其他补充事宜：无\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q:\n%s", want, text)
		}
	}
	pdf := filepath.Join(t.TempDir(), "合同公告.pdf")
	if code, stdout, stderr := govbuyCmd(t, "--db", db, "export", "notice", "--contract", "YX2024-030", pdf); code != exitOK ||
		!strings.Contains(stdout, "已写出合同“YX2024-030”的合同公告") {
		t.Fatalf("export notice pdf: exit %d: %s%s", code, stdout, stderr)
	}
	got := pdfText(t, pdf)
	for _, line := range strings.Split(text, "\n") {
		if want := strings.Join(strings.Fields(line), ""); !strings.Contains(got, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// A contract whose contractor has no address gets the list of what is
// missing, naming the field and the contractor, and no file.
func TestExportNoticeNamesWhatIsMissing(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	row, err := s.FindContractByNumber(ctx, "YX2024-030")
	if err != nil {
		t.Fatal(err)
	}
	k, err := s.FindContractorByID(ctx, row.ContractorID)
	if err != nil {
		t.Fatal(err)
	}
	k.Address = ""
	if err := s.UpdateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
	s.Close()
	tests := []struct {
		name string
		args []string
	}{
		{"pdf", []string{"export", "notice", "--contract", "YX2024-030", filepath.Join(t.TempDir(), "n.pdf")}},
		{"text", []string{"export", "notice", "--contract", "YX2024-030", "--text", filepath.Join(t.TempDir(), "n.txt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := govbuyCmd(t, append([]string{"--db", db}, tt.args...)...)
			if code != exitInput || !strings.Contains(stderr, "供应商地址未填写（承接主体“四川云溪人力资源服务有限公司”）") {
				t.Errorf("exit %d, stderr %q", code, stderr)
			}
			if _, err := os.Stat(tt.args[len(tt.args)-1]); !os.IsNotExist(err) {
				t.Errorf("a file was written: %v", err)
			}
		})
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "export", "notice", "--contract", "无此合同", "-"); code != exitInput ||
		!strings.Contains(stderr, "未找到编号为“无此合同”的合同") {
		t.Errorf("unknown contract: exit %d, %q", code, stderr)
	}
}

// The demo's 2024 disclosure table: a row per contract of the year, the
// two-year park contract split over 2024 and 2025 by days, the workbook's
// totals and the PDF's text.
func TestExportDisclosureOfTheDemoYear(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	xlsx, pdf := filepath.Join(dir, "公开表.xlsx"), filepath.Join(dir, "公开表.pdf")
	for _, path := range []string{xlsx, pdf} {
		code, stdout, stderr := govbuyCmd(t, "--db", db, "export", "disclosure", "--year", "2024", path)
		if code != exitOK || !strings.Contains(stdout, "75份合同，合同金额合计40,697,947.50元") {
			t.Fatalf("export disclosure %s: exit %d: %s%s", path, code, stdout, stderr)
		}
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("信息公开表", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ row, want string }{
		{"YX2024-001", "1|YX2024-001|云溪区交通运输局|农村公路护路员（购买岗位120人）|定向招聘|云溪区青石镇农村集体经济联合社|2304000.00|2304000.00||2024-01-01至2024-12-31|91.5分（优）"},
		{"YX2024-045", "45|YX2024-045|云溪区园林绿化服务中心|城区公园绿地养护（一标段）|公开招标|云溪绿源园林工程有限公司|1280000.00|640875.51|639124.49|2024-01-01至2025-12-31|2次考核平均94.3分（优）"},
		{"合计", "合计||||||40697947.50|40058823.01|639124.49"},
	}
	for _, tt := range tests {
		found := false
		for _, r := range rows {
			if len(r) > 1 && (r[1] == tt.row || r[0] == tt.row) {
				found = true
				if got := strings.TrimRight(strings.Join(r, "|"), "|"); got != tt.want {
					t.Errorf("%s:\n got %s\nwant %s", tt.row, got, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("no row %s", tt.row)
		}
	}
	if len(rows) < 77 || rows[76][0] != "合计" {
		t.Errorf("%d rows; want the header, 75 contracts and 合计", len(rows))
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"云溪区2024年度政府购买服务信息公开表", "2024年640,875.51元；2025年639,124.49元", "40,697,947.50"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestExportUsage(t *testing.T) {
	tests := [][]string{
		{"export"}, {"export", "notice", "-"}, {"export", "disclosure", "--year", "2024", "x.csv"},
		{"export", "disclosure", "x.xlsx"},
	}
	for _, args := range tests {
		if code, _, stderr := govbuyCmd(t, args...); code != exitFailure || !strings.Contains(stderr, "govbuy export notice --contract") {
			t.Errorf("%q: exit %d, %q", args, code, stderr)
		}
	}
}
