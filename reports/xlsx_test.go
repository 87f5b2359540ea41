package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/reports"
	"govbuy/reports/internal/reporttest"
)

var wantSheets = []string{"汇总", "按单位", "按类别", "按方式", "按主体类型", "按资金来源", "合同台账", "考核情况", "合规提示清单"}

// breakdownSheets pairs each breakdown sheet with the model rows it shows.
func breakdownSheets(r *govbuy.Report) map[string][]govbuy.ReportGroup {
	return map[string][]govbuy.ReportGroup{
		"按单位": r.ByUnit, "按类别": r.ByCategory, "按方式": r.ByMethod,
		"按主体类型": r.ByContractorType, "按资金来源": r.ByFundingSource,
	}
}

func writeXLSX(t *testing.T, r *govbuy.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cellValue(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// fen reads a cell's raw numeric value as an amount, exactly.
func fen(t *testing.T, s string) govbuy.Money {
	t.Helper()
	m, err := govbuy.ParseMoney(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return m
}

func TestXLSXSheetsAndSummary(t *testing.T) {
	r := reporttest.Sample()
	data := writeXLSX(t, r)
	f := openXLSX(t, data)
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(wantSheets, ",") {
		t.Fatalf("sheets %v, want %v", got, wantSheets)
	}
	if got := cellValue(t, f, "汇总", "A1"); got != "示例区2024年度政府购买服务情况汇总表" {
		t.Errorf("title %q", got)
	}
	for i, p := range r.Narrative {
		if got := cellValue(t, f, "汇总", fmt.Sprintf("A%d", i+2)); got != p {
			t.Errorf("narrative %d: %q", i, got)
		}
	}
	totals := map[string]string{}
	rows, err := f.GetRows("汇总", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, row := range rows {
		if len(row) >= 2 {
			totals[row[0]] = row[1]
		}
		texts = append(texts, strings.Join(row, "|"))
	}
	tt := r.Totals
	for label, want := range map[string]string{
		"购买主体（单位）数": strconv.Itoa(tt.Units), "承接主体数": strconv.Itoa(tt.Contractors),
		"合同数（本年签订）": strconv.Itoa(tt.Contracts), "岗位种类（本年支付）": strconv.Itoa(tt.PostTypes),
		"服务项目（本年支付）": strconv.Itoa(tt.Projects), "岗位人数（本年签订）": strconv.Itoa(tt.PostsHeadcount),
		"合同金额（元）": "11210000.00", "合同金额（万元）": "1121",
		"已支付（元）": "11047499.31", "已支付（万元）": "1104.749931",
		// the compliance paragraph's figures: 1,950,000.00 of 11,210,000.00
		// 元 from 社会组织, and the sample's deadlines
		"向社会组织购买金额（元，本年签订）": "1950000.00", "向社会组织购买占合同金额比例": "17.4%",
		"是否达到不低于30%的指导比例":     "未达到",
		"合同公告（2个工作日内）：应公告合同数": "7", "合同公告（2个工作日内）：按时公告": "5",
		"合同公告（2个工作日内）：逾期公告": "1", "合同公告（2个工作日内）：逾期未公告": "0",
		"合同公告（2个工作日内）：尚未到期":   "1",
		"合同备案（7个工作日内）：应备案合同数": "7", "合同备案（7个工作日内）：按时备案": "5",
		"合同备案（7个工作日内）：逾期备案": "0", "合同备案（7个工作日内）：逾期未备案": "1",
		"合同备案（7个工作日内）：尚未到期": "1", "未记录签订日期的合同数": "1",
	} {
		if totals[label] != want {
			t.Errorf("汇总 %s = %q, want %q", label, totals[label], want)
		}
	}
	if tt.Paid != 1104749931 {
		t.Fatalf("sample paid %d: the expectations above need updating", tt.Paid)
	}
	// then, as on the PDF's first page, the amount in words and the
	// signature block with the seal
	for _, want := range []string{
		"一、总体情况",
		"本年已支付金额（小写）：11,047,499.31元（1,104.75万元）\n大写：人民币壹仟壹佰零肆万柒仟肆佰玖拾玖元叁角壹分",
		"单位负责人：|||（盖章）", "分管领导：", "审核人：", "制表人：", "日期：|年　　月　　日",
	} {
		if !slices.ContainsFunc(texts, func(row string) bool { return strings.HasPrefix(row, want) }) {
			t.Errorf("汇总 has no row starting %q:\n%s", want, strings.Join(texts, "\n"))
		}
	}
	chart := strings.ReplaceAll(zipFile(t, data, "xl/charts/chart1.xml"), "&#39;", "'")
	if !strings.Contains(chart, "<f>'按类别'!$F$2:$F$9</f>") || !strings.Contains(chart, "<f>'按类别'!$F$1</f>") {
		t.Errorf("chart does not plot 按类别's 已支付（万元）: %.300s", chart)
	}
}

func TestXLSXBreakdownsAddUp(t *testing.T) {
	r := reporttest.Sample()
	f := openXLSX(t, writeXLSX(t, r))
	header := []string{"名称", "合同数", "合同金额（元）", "合同金额（万元）", "已支付（元）", "已支付（万元）", "占比", "上年支付（元）", "增减（元）"}
	for sheet, groups := range breakdownSheets(r) {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != strings.Join(header, ",") {
			t.Errorf("%s header %v", sheet, rows[0])
		}
		var total govbuy.ReportGroup
		for i, g := range groups {
			row := rows[i+1]
			if row[0] != g.Name || row[1] != strconv.Itoa(g.Contracts) ||
				fen(t, row[2]) != g.ContractAmount || fen(t, row[4]) != g.Paid || fen(t, row[7]) != g.PrevPaid ||
				fen(t, row[8]) != g.Paid-g.PrevPaid {
				t.Errorf("%s row %d: %v, want %+v", sheet, i+2, row, g)
			}
			// 万元 cells hold the exact amount: ×10^4 gives the 元 back
			if wan := fen(t, row[3]+"万"); wan != g.ContractAmount {
				t.Errorf("%s row %d: 合同金额（万元） %s", sheet, i+2, row[3])
			}
			total.Contracts += g.Contracts
			total.ContractAmount += g.ContractAmount
			total.Paid += g.Paid
		}
		if total.Contracts != r.Totals.Contracts || total.ContractAmount != r.Totals.ContractAmount || total.Paid != r.Totals.Paid {
			t.Fatalf("%s: the sample's rows do not add up to its totals", sheet)
		}
		checkTotalRow(t, f, sheet, len(groups), total)
	}
}

// checkTotalRow checks the 合计 row's formulas, their cached values and what
// excelize's own calculation engine makes of them.
func checkTotalRow(t *testing.T, f *excelize.File, sheet string, n int, want govbuy.ReportGroup) {
	t.Helper()
	row := n + 2
	if got := cellValue(t, f, sheet, fmt.Sprintf("A%d", row)); got != "合计" {
		t.Errorf("%s A%d = %q", sheet, row, got)
	}
	for col, want := range map[string]govbuy.Money{"C": want.ContractAmount, "D": want.ContractAmount, "E": want.Paid, "F": want.Paid} {
		cell := fmt.Sprintf("%s%d", col, row)
		formula, err := f.GetCellFormula(sheet, cell)
		if err != nil || formula != fmt.Sprintf("SUM(%s2:%s%d)", col, col, n+1) {
			t.Errorf("%s %s formula %q %v", sheet, cell, formula, err)
		}
		cached := cellValue(t, f, sheet, cell)
		calc, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		suffix := ""
		if col == "D" || col == "F" {
			suffix = "万"
		}
		if fen(t, cached+suffix) != want || fen(t, calc+suffix) != want {
			t.Errorf("%s %s: cached %s, calculated %s, want %s", sheet, cell, cached, calc, want)
		}
	}
	if got := cellValue(t, f, sheet, fmt.Sprintf("B%d", row)); got != strconv.Itoa(want.Contracts) {
		t.Errorf("%s 合同数 total %s", sheet, got)
	}
}

func TestXLSXLedgerTextStaysText(t *testing.T) {
	r := reporttest.Sample()
	r.Contracts[7].Title = "  a\x01b & <c> _x0041_ \"q\" " // control character, escapes, spaces
	data := writeXLSX(t, r)
	f := openXLSX(t, data)
	sheetXML := sheetPart(t, data, "合同台账")
	for i, c := range r.Contracts {
		cell := fmt.Sprintf("F%d", i+2)
		if got := cellValue(t, f, "合同台账", cell); got != c.Title {
			t.Errorf("%s = %q, want %q", cell, got, c.Title)
		}
		formula, _ := f.GetCellFormula("合同台账", cell)
		typ, _ := f.GetCellType("合同台账", cell)
		if formula != "" || typ != excelize.CellTypeInlineString {
			t.Errorf("%s (%q): formula %q, type %v", cell, c.Title, formula, typ)
		}
		xmlCell := regexp.MustCompile(`<c r="` + cell + `"[^>]*>.*?</c>`).FindString(sheetXML)
		if !strings.Contains(xmlCell, `t="inlineStr"`) || strings.Contains(xmlCell, "<f>") {
			t.Errorf("%s is not plain text: %s", cell, xmlCell)
		}
		// amounts are numbers, written exactly
		amount := regexp.MustCompile(`<c r="L` + strconv.Itoa(i+2) + `" s="\d+"><v>([^<]*)</v></c>`).FindStringSubmatch(sheetXML)
		if amount == nil || fen(t, amount[1]) != c.Amount {
			t.Errorf("L%d is not the number %s: %v", i+2, c.Amount, amount)
		}
	}
	if got := cellValue(t, f, "合规提示清单", "E3"); got != r.Warnings[1].Message {
		t.Errorf("warning text %q", got)
	}
	if formula, _ := f.GetCellFormula("合规提示清单", "E3"); formula != "" {
		t.Errorf("warning became a formula: %q", formula)
	}
}

func TestXLSXLedgerTotals(t *testing.T) {
	r := reporttest.Sample()
	f := openXLSX(t, writeXLSX(t, r))
	row := len(r.Contracts) + 2
	for cell, want := range map[string]govbuy.Money{
		fmt.Sprintf("L%d", row): r.Totals.ContractAmount, // SUMIF on the year
		fmt.Sprintf("M%d", row): r.Totals.Payable,
		fmt.Sprintf("N%d", row): r.Totals.Paid,
	} {
		calc, err := f.CalcCellValue("合同台账", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if cached := cellValue(t, f, "合同台账", cell); fen(t, cached) != want || fen(t, calc) != want {
			t.Errorf("合同台账 %s: cached %s, calculated %s, want %s", cell, cached, calc, want)
		}
	}
}

func TestXLSXPrintSetup(t *testing.T) {
	r := reporttest.Sample()
	data := writeXLSX(t, r)
	f := openXLSX(t, data)
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range wantSheets {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		paper := 9 // A4
		if sheet == "合同台账" {
			paper = 8 // A3
		}
		if *layout.Size != paper || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
			t.Errorf("%s: paper %d, fit %d×%d", sheet, *layout.Size, *layout.FitToWidth, *layout.FitToHeight)
		}
		props, _ := f.GetSheetProps(sheet)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fitted to the page", sheet)
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if hf == nil || hf.OddFooter != "&C第 &P 页 共 &N 页" {
			t.Errorf("%s: footer %+v", sheet, hf)
		}
		if sheet == "汇总" {
			if *layout.Orientation != "portrait" {
				t.Errorf("汇总 printed %s", *layout.Orientation)
			}
			continue // a cover sheet: no header row to freeze, filter or repeat
		}
		if want := "'" + sheet + "'!$1:$1"; titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
		panes, _ := f.GetPanes(sheet)
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v", sheet, panes)
		}
		if !strings.Contains(sheetPart(t, data, sheet), `<autoFilter ref="$A$1:`) {
			t.Errorf("%s: no autofilter", sheet)
		}
	}
	for sheet, want := range map[string]string{"合同台账": "landscape", "按单位": "landscape", "合规提示清单": "landscape", "考核情况": "portrait"} {
		if layout, _ := f.GetPageLayout(sheet); *layout.Orientation != want {
			t.Errorf("%s printed %s", sheet, *layout.Orientation)
		}
	}
	// A Chinese character counts two units; long names are capped and wrap.
	for col, want := range map[string]float64{"A": 14, "C": 18, "G": 6, "H": 12} {
		if w, _ := f.GetColWidth("合同台账", col); w != want {
			t.Errorf("合同台账 column %s width %v, want %v", col, w, want)
		}
	}
	if h, _ := f.GetRowHeight("合同台账", 2); h < 30 {
		t.Errorf("row 2 holds wrapped names but is %v pt high", h)
	}
}

func TestXLSXEmptyYear(t *testing.T) {
	f := openXLSX(t, writeXLSX(t, &govbuy.Report{Year: 2024, District: "示例区"}))
	if got := f.GetSheetList(); len(got) != len(wantSheets) {
		t.Fatalf("sheets %v", got)
	}
	if got := cellValue(t, f, "按单位", "A2"); got != "合计" {
		t.Errorf("按单位 A2 %q", got)
	}
}

func TestXLSXReportsWriteErrors(t *testing.T) {
	err := reports.WriteXLSX(reporttest.FailingWriter{}, reporttest.Sample())
	if !errors.Is(err, reporttest.ErrDiskFull) || !strings.HasPrefix(err.Error(), "reports: xlsx: ") {
		t.Errorf("got %v", err)
	}
	if err := reports.WriteXLSX(io.Discard, nil); err == nil {
		t.Error("no error for a nil report")
	}
}

// TestXLSXRecalculatedByLibreOffice has LibreOffice recalculate every total
// (their cached values removed first) and compares them with the model.
func TestXLSXRecalculatedByLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	r := reporttest.Sample()
	dir := t.TempDir()
	src := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(src, withoutCachedValues(t, writeXLSX(t, r)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", dir, src)
	// LibreOffice names the per-sheet files in the locale's charset: a
	// locale that is set but not installed (zh_CN.UTF-8 on a fresh machine)
	// would turn the Chinese sheet names into question marks.
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for sheet, groups := range breakdownSheets(r) {
		total := readCSV(t, filepath.Join(dir, "report-"+sheet+".csv"))[len(groups)+1]
		if total[0] != "合计" || total[1] != strconv.Itoa(r.Totals.Contracts) ||
			fen(t, total[2]) != r.Totals.ContractAmount || fen(t, total[4]) != r.Totals.Paid ||
			fen(t, total[3]+"万") != r.Totals.ContractAmount || fen(t, total[5]+"万") != r.Totals.Paid {
			t.Errorf("%s recalculated: %v", sheet, total)
		}
	}
	ledger := readCSV(t, filepath.Join(dir, "report-合同台账.csv"))
	total := ledger[len(r.Contracts)+1]
	if fen(t, total[11]) != r.Totals.ContractAmount || fen(t, total[13]) != r.Totals.Paid || fen(t, total[12]) != r.Totals.Payable {
		t.Errorf("合同台账 recalculated: %v", total)
	}
}

// withoutCachedValues removes the cached results of formulas, so a reader
// must calculate them.
func withoutCachedValues(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	cached := regexp.MustCompile(`(<f>[^<]*</f>)<v>[^<]*</v>`)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, file := range zr.File {
		content := readZipFile(t, file)
		if strings.HasPrefix(file.Name, "xl/worksheets/") {
			content = cached.ReplaceAll(content, []byte("$1"))
		}
		w, err := zw.Create(file.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func readZipFile(t *testing.T, file *zip.File) []byte {
	t.Helper()
	rc, err := file.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func zipFile(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range zr.File {
		if file.Name == name {
			return string(readZipFile(t, file))
		}
	}
	t.Fatalf("%s not in the workbook", name)
	return ""
}

// sheetPart returns the XML of a sheet, found through the workbook and its
// relationships.
func sheetPart(t *testing.T, data []byte, sheet string) string {
	t.Helper()
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal([]byte(zipFile(t, data, "xl/workbook.xml")), &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal([]byte(zipFile(t, data, "xl/_rels/workbook.xml.rels")), &rels); err != nil {
		t.Fatal(err)
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, rel := range rels.Rels {
			if rel.ID == s.RID {
				return zipFile(t, data, "xl/"+strings.TrimPrefix(rel.Target, "/xl/"))
			}
		}
	}
	t.Fatalf("sheet %s not found", sheet)
	return ""
}

func TestXLSXSummaryTextStaysText(t *testing.T) {
	r := reporttest.Sample()
	r.District = "=示例区"
	r.Narrative = []string{"=1+1 开头像公式的段落", "@SUM(A1)", "-5"}
	f := openXLSX(t, writeXLSX(t, r))
	for i, p := range r.Narrative {
		cell := fmt.Sprintf("A%d", i+2)
		typ, _ := f.GetCellType("汇总", cell)
		formula, _ := f.GetCellFormula("汇总", cell)
		if got := cellValue(t, f, "汇总", cell); got != p || formula != "" || typ != excelize.CellTypeSharedString {
			t.Errorf("%s = %q (formula %q, type %v), want the text %q", cell, got, formula, typ, p)
		}
	}
	if got := cellValue(t, f, "汇总", "A1"); got != "=示例区2024年度政府购买服务情况汇总表" {
		t.Errorf("title %q", got)
	}
}

// TestXLSXLedgerPrintsAtNinePoints reads the ledger's page setup back and
// works out the size its text prints at: A3 landscape, one page wide, the
// header row on every page, and no text under 9 pt once the columns are
// scaled into the page, even for a year whose amounts run to 千亿. The
// summary prints on A4 portrait at 100 %.
func TestXLSXLedgerPrintsAtNinePoints(t *testing.T) {
	huge := reporttest.Sample()
	for i := range huge.Contracts {
		huge.Contracts[i].Amount *= 10_000
		huge.Contracts[i].Payable *= 10_000
		huge.Contracts[i].Paid *= 10_000
	}
	huge.Totals.ContractAmount *= 10_000
	huge.Totals.Payable *= 10_000
	huge.Totals.Paid *= 10_000
	for name, r := range map[string]*govbuy.Report{
		"sample": reporttest.Sample(), "3,000 contracts": reporttest.Generated(3000, 61), "amounts in 千亿": huge,
	} {
		f := openXLSX(t, writeXLSX(t, r))
		layout, err := f.GetPageLayout("合同台账")
		if err != nil {
			t.Fatal(err)
		}
		if *layout.Size != 8 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
			t.Errorf("%s: ledger on paper %d %s, fit %d×%d; want A3 (8) landscape, 1 page wide",
				name, *layout.Size, *layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
		}
		scale := printedScale(t, f, "合同台账")
		rows := len(r.Contracts) + 2 // header, contracts, 合计
		for _, row := range []int{1, 2, rows} {
			for col := 1; col <= 16; col++ {
				cell, _ := excelize.CoordinatesToCellName(col, row)
				if size := fontSize(t, f, "合同台账", cell) * scale; size < 9 {
					t.Errorf("%s: ledger %s prints at %.1f pt (scaled to %.0f %%)", name, cell, size, scale*100)
				}
			}
		}
		if name == "sample" {
			checkWrappedRows(t, f, r)
		}
		layout, _ = f.GetPageLayout("汇总")
		if scale := printedScale(t, f, "汇总"); *layout.Size != 9 || *layout.Orientation != "portrait" || scale < 1 {
			t.Errorf("%s: 汇总 on paper %d %s at %.0f %%; want A4 portrait at 100 %%", name, *layout.Size, *layout.Orientation, scale*100)
		}
	}
}

// printedScale is what fitting a sheet to one page wide scales it by
// where the default font's digits are 8 px wide, as 宋体 11 pt's are in
// Chinese Excel: a column of width w takes 8w+5 px, and the page holds its
// width less the margins at 96 px an inch.
func printedScale(t *testing.T, f *excelize.File, sheet string) float64 {
	t.Helper()
	layout, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	margins, err := f.GetPageMargins(sheet)
	if err != nil {
		t.Fatal(err)
	}
	paperMM := map[int][2]float64{8: {297, 420}, 9: {210, 297}}[*layout.Size]
	widthMM := paperMM[0]
	if *layout.Orientation == "landscape" {
		widthMM = paperMM[1]
	}
	cols, err := f.GetCols(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var px float64
	for i := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			t.Fatal(err)
		}
		px += w*8 + 5
	}
	printable := (widthMM/25.4 - *margins.Left - *margins.Right) * 96
	return min(1, printable/px)
}

// fontSize is the size of a cell's font, the default 11 pt when its style
// sets none.
func fontSize(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || style.Font.Size == 0 {
		return 11
	}
	return style.Font.Size
}

// checkWrappedRows: every ledger row, the 合计 row too, is at least as tall
// as the lines its longest name or note wraps into, measured at 10 pt in columns of 7 px a unit (a
// Chinese character 13.3 px, others half), 12 pt a line.
func checkWrappedRows(t *testing.T, f *excelize.File, r *govbuy.Report) {
	t.Helper()
	width := map[string]float64{}
	for _, col := range []string{"C", "D", "F"} {
		w, _ := f.GetColWidth("合同台账", col)
		width[col] = w * 7
	}
	texts := make([]map[string]string, len(r.Contracts)+1)
	for i, c := range r.Contracts {
		texts[i] = map[string]string{"C": c.Unit, "D": c.Contractor, "F": c.Title}
	}
	total := len(r.Contracts) + 2
	texts[len(r.Contracts)] = map[string]string{"F": cellValue(t, f, "合同台账", fmt.Sprintf("F%d", total))} // the 合计 row's note
	for i, cells := range texts {
		row := i + 2
		h, err := f.GetRowHeight("合同台账", row)
		if err != nil {
			t.Fatal(err)
		}
		for col, text := range cells {
			var px float64
			for _, ch := range text {
				px += 13.3
				if ch < 0x2E80 {
					px -= 13.3 / 2
				}
			}
			if lines := math.Ceil(px / width[col]); h < lines*12 {
				t.Errorf("row %d is %v pt high; %s%d wraps into %v lines: %s", row, h, col, row, lines, text)
			}
		}
	}
}

// TestXLSXPrintedByLibreOffice prints the workbook to PDF with LibreOffice,
// 宋体 standing in as Noto Sans SC (the font the PDF embeds), and reads the
// pages: the ledger on A3 landscape pages, each one page wide (its first
// and last header on it) under the repeated header row; the summary on A4
// portrait with the narrative whole and the signature block.
func TestXLSXPrintedByLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed (Debian: poppler-utils)")
		}
	}
	r := reporttest.Generated(300, 20)
	dir := t.TempDir()
	src := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(src, writeXLSX(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	fonts, err := filepath.Abs(filepath.Join("..", "assets", "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(`<?xml version="1.0"?><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>`+fonts+`</dir><cachedir>`+dir+`/fc</cachedir>
<alias><family>宋体</family><prefer><family>Noto Sans SC</family></prefer></alias></fontconfig>`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "pdf", "--outdir", dir, src)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "FONTCONFIG_FILE="+conf)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	printed := filepath.Join(dir, "report.pdf")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-raw", printed, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	pages = pages[:len(pages)-1]
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", strconv.Itoa(len(pages)), printed).Output()
	if err != nil {
		t.Fatal(err)
	}
	sizes := regexp.MustCompile(`Page +\d+ size: +([\d.]+ x [\d.]+) pts`).FindAllStringSubmatch(string(info), -1)
	if len(sizes) != len(pages) {
		t.Fatalf("%d page sizes for %d pages", len(sizes), len(pages))
	}
	const a3Landscape, a4Portrait = "1190.55 x 841.89", "595.304 x 841.89"
	ledgerPages := 0
	for i, page := range pages {
		text := strings.Join(strings.Fields(page), "")
		if !strings.Contains(text, "GEN-2024-") {
			continue
		}
		ledgerPages++
		if sizes[i][1] != a3Landscape || !strings.Contains(text, "合同编号年度购买主体") || !strings.Contains(text, "得分等级") {
			t.Errorf("ledger page %d: %s pt, header %v", i+1, sizes[i][1], strings.Contains(text, "合同编号年度购买主体"))
		}
		if want := fmt.Sprintf("第%d页共%d页", i+1, len(pages)); !strings.Contains(text, want) {
			t.Errorf("ledger page %d has no %s", i+1, want)
		}
	}
	if ledgerPages < 3 {
		t.Errorf("the 300-contract ledger prints on %d pages", ledgerPages)
	}
	summary := strings.Join(strings.Fields(pages[0]+pages[1]), "")
	if sizes[0][1] != a4Portrait || !strings.Contains(summary, strings.Join(strings.Fields(r.Narrative[0]), "")) ||
		!strings.Contains(summary, "单位负责人：") || !strings.Contains(summary, "（盖章）") {
		t.Errorf("summary on %s pt:\n%s", sizes[0][1], summary)
	}
}
