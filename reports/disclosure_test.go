package reports

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/reports/internal/pdfcheck"
)

// noticeRecord is contract YX2024-030 of the demo district as the store
// reads it.
func noticeRecord() *govbuy.ContractingRecord {
	return &govbuy.ContractingRecord{
		Contract: govbuy.Contract{Number: "YX2024-030", Title: "行政审批窗口辅助员", Kind: govbuy.KindPost, Headcount: 16,
			Method: govbuy.MethodPostOutsource, Amount: govbuy.Yuan(672_000),
			Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31),
			PublicRecord: govbuy.PublicRecord{SignDate: govbuy.Day(2023, 12, 21), PublishDate: govbuy.Day(2023, 12, 25),
				ProjectNo: "YXCG2023-030", Place: "云溪区行政审批服务局指定的服务地点（云溪区内）",
				Spec: "提供行政审批窗口辅助员16人，按岗位职责履职，遵守购买主体工作纪律，按年度考核结果支付费用"}},
		Unit: govbuy.Unit{Name: "云溪区行政审批服务局", Address: "云溪区府前路70号", Contact: "办公室", Phone: "0838-6611258"},
		Contractor: govbuy.Contractor{Name: "四川云溪人力资源服务有限公司", Address: "云溪区柳河街17号", LegalRep: "黄志强",
			Phone: "13820263757"},
	}
}

// pdfText is the PDF's text as pdftotext reads it in mode (-layout: as
// laid out; -raw: in the order drawn, a table's cell by cell), with the
// white space taken out, so a wrapped value reads on across its lines.
func pdfText(t *testing.T, data []byte, mode string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	if _, err := pdfcheck.Check(data); err != nil {
		t.Fatalf("pdf: %v", err)
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", mode, "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// Every heading and every value of the notice reads whole in the PDF's
// text, in the format's order: the long 服务要求 wraps without losing a
// character.
func TestNoticePDFReadsWhole(t *testing.T) {
	n, err := govbuy.NewContractNotice(noticeRecord(), govbuy.Day(2024, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteNoticePDF(&buf, n); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes(), "-layout")
	pos := 0
	for _, line := range strings.Split(n.Text(), "\n") {
		want := strings.Join(strings.Fields(line), "")
		i := strings.Index(text[pos:], want)
		if i < 0 {
			t.Fatalf("the PDF lacks %q after position %d:\n%s", want, pos, text)
		}
		pos += i + len(want)
	}
}

func TestDisclosureWorkbookAndPDF(t *testing.T) {
	y := &govbuy.ContractingYear{Year: 2024, Profile: govbuy.DistrictProfile{Name: "云溪区"}, Contracts: []govbuy.ContractingRecord{
		{Contract: govbuy.Contract{Number: "YX2024-045", Year: 2024, Kind: govbuy.KindProject, Title: "城区公园绿地养护（一标段）",
			Method: govbuy.MethodOpenTender, Amount: govbuy.Yuan(1_280_000), Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2025, 12, 31)},
			Unit: govbuy.Unit{Name: "云溪区园林绿化服务中心"}, Contractor: govbuy.Contractor{Name: "云溪绿源园林工程有限公司"},
			Assessments: []govbuy.Assessment{{Score: 940}, {Score: 945}}, Bands: govbuy.DefaultGradeBands},
		{Contract: govbuy.Contract{Number: "YX2024-030", Year: 2024, Kind: govbuy.KindPost, Headcount: 16, Title: "行政审批窗口辅助员",
			Method: govbuy.MethodPostOutsource, Amount: govbuy.Yuan(672_000), Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31)},
			Unit: govbuy.Unit{Name: "云溪区行政审批服务局"}, Contractor: govbuy.Contractor{Name: "四川云溪人力资源服务有限公司"},
			Bands: govbuy.DefaultGradeBands},
	}}
	d := govbuy.NewDisclosure(y)
	var xl bytes.Buffer
	if err := WriteDisclosureXLSX(&xl, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheetDisclosure, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"序号", "合同编号", "购买主体", "购买服务内容", "购买方式", "承接主体", "合同金额（元）", "2024年财政资金安排（元）", "2025年财政资金安排（元）", "合同期限", "绩效评价"},
		{"1", "YX2024-045", "云溪区园林绿化服务中心", "城区公园绿地养护（一标段）", "公开招标", "云溪绿源园林工程有限公司", "1280000.00", "640875.51", "639124.49", "2024-01-01至2025-12-31", "2次考核平均94.3分（优）"},
		{"2", "YX2024-030", "云溪区行政审批服务局", "行政审批窗口辅助员（购买岗位16人）", "岗位外包", "四川云溪人力资源服务有限公司", "672000.00", "672000.00", "", "2024-01-01至2024-12-31", "未评价"},
	}
	for i, w := range want {
		if got := strings.Join(rows[i], "|"); got != strings.Join(w, "|") {
			t.Errorf("row %d:\n got %s\nwant %s", i+1, got, strings.Join(w, "|"))
		}
	}
	if got, _ := f.GetCellFormula(sheetDisclosure, "H4"); got != "SUM(H2:H3)" {
		t.Errorf("2024 total formula %q", got)
	}
	var pdf bytes.Buffer
	if err := WriteDisclosurePDF(&pdf, d); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf.Bytes(), "-raw")
	for _, s := range []string{"云溪区2024年度政府购买服务信息公开表", "财预〔2017〕87号", "分年财政资金安排", "城区公园绿地养护（一标段）",
		"2024年640,875.51元；2025年639,124.49元", "2次考核平均94.3分（优）", "1,952,000.00", "未评价", govbuy.FundingSplitNote} {
		if !strings.Contains(text, strings.Join(strings.Fields(s), "")) {
			t.Errorf("the PDF lacks %q", s)
		}
	}
}
