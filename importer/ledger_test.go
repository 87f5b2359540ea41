package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"govbuy"
)

// ledgerRows is the body of the test ledger, one string per cell; "#n:"
// marks a number cell with the raw digits n, "#d:" a date serial.
var ledgerRows = [][]string{
	{"某区2023年度政府购买服务项目台账"},
	{"填报单位：某区财政局", "", "", "", "", "", "", "", "", "", "", "单位：万元"},
	{"序号", "购买主体", "项目名称", "岗位人数", "承接主体", "统一社会信用代码", "购买方式", "合同期限", "", "合同金额\n（万元）", "已支付", "考核得分", "合同编号"},
	{"", "", "", "", "", "", "", "开始", "结束"},
	{"#n:1", "区民政局", "社区养老服务项目", "", "某某养老服务有限公司", "91110000600037341L", "公开招标方式", "#d:44927", "#d:45291", "#n:12.3456", "#n:10", "#n:92.5", "HT-2023-001"},
	{},
	{"#n:2", "区城管局", "城市管理协管员岗位", "#n:5", "张三", "11010519491231002X", "公开招聘", "2023.1.1", "2023年12月31日", "1,234.56", "", "", ""},
	{"#n:3", "区民政局", "困难群众走访项目", "", "某某社会工作服务中心", "91110000600037341A", "竞争性磋商采购", "2023-13-01", "2023-12-31", "待定", "", "", "HT-2023-003"},
	{"合计", "", "", "", "", "", "", "", "", "#n:1246.9056"},
}

// ledger merges: the title, the vertically merged single headers and the
// 合同期限 group over 开始/结束.
var ledgerMerges = [][2]string{
	{"A1", "M1"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}, {"D3", "D4"}, {"E3", "E4"},
	{"F3", "F4"}, {"G3", "G4"}, {"H3", "I3"}, {"J3", "J4"}, {"K3", "K4"}, {"L3", "L4"}, {"M3", "M4"},
}

// writeLedgerXLSX builds the test ledger the way Excel would store it: raw
// numbers, dates as serials with a date format, merged header cells.
func writeLedgerXLSX(t testing.TB, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range ledgerRows {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			switch {
			case strings.HasPrefix(v, "#n:"):
				err = f.SetCellDefault(sheet, cell, v[3:])
			case strings.HasPrefix(v, "#d:"):
				if err = f.SetCellDefault(sheet, cell, v[3:]); err == nil {
					err = f.SetCellStyle(sheet, cell, cell, dateStyle)
				}
			default:
				err = f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range ledgerMerges {
		if err := f.MergeCell(sheet, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	f.SetSheetName(sheet, "2023年台账")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// memLookup is a store held in maps.
type memLookup struct {
	contracts   map[string]*govbuy.ContractRow
	contractors []govbuy.Contractor
	units       []govbuy.NamedUnit
}

func (m *memLookup) FindContractorByCode(_ context.Context, code, name string) (*govbuy.Contractor, error) {
	for i, c := range m.contractors {
		if code != "" && c.CreditCode == code {
			return &m.contractors[i], nil
		}
	}
	for i, c := range m.contractors {
		if compact(c.Name) == compact(name) {
			return &m.contractors[i], nil
		}
	}
	return nil, govbuy.Errorf(govbuy.ENotFound, "", "not found")
}

func (m *memLookup) FindContractByNumber(_ context.Context, number string) (*govbuy.ContractRow, error) {
	return m.contracts[number], nil
}

// FindUnitByCode finds a unit by code, then by name or a former name, as
// the store does; a unit's ID is its place in the list, from 1.
func (m *memLookup) FindUnitByCode(_ context.Context, code, name string) (*govbuy.NamedUnit, error) {
	for i, u := range m.units {
		if code != "" && u.Code == code {
			return m.unit(i), nil
		}
	}
	for i, u := range m.units {
		if u.Name == name || slices.Contains(u.FormerNames, name) {
			return m.unit(i), nil
		}
	}
	return nil, govbuy.Errorf(govbuy.ENotFound, "", "not found")
}

func (m *memLookup) unit(i int) *govbuy.NamedUnit {
	u := m.units[i]
	u.ID = int64(i + 1)
	return &u
}

// units lists units by name alone.
func units(names ...string) []govbuy.NamedUnit {
	out := make([]govbuy.NamedUnit, len(names))
	for i, n := range names {
		out[i] = govbuy.NamedUnit{Unit: govbuy.Unit{Name: n}}
	}
	return out
}

func readAndPlan(t *testing.T, path string, opts Options, lookup Lookup) (*Workbook, *Plan) {
	t.Helper()
	wb, err := ReadFile(context.Background(), path)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	p, err := PlanWorkbook(context.Background(), wb, opts, lookup)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return wb, p
}

// checkLedger asserts what every format of the test ledger must give.
func checkLedger(t *testing.T, wb *Workbook, p *Plan) {
	t.Helper()
	if len(p.Headers) != 1 {
		t.Fatalf("headers = %d, want 1", len(p.Headers))
	}
	h := p.Headers[0]
	if h.Row != 3 || h.Lines != 2 || h.DataRow != 5 || h.Unit != govbuy.UnitWan || h.Year != 2023 {
		t.Errorf("header row %d lines %d data %d unit %v year %d; want 3 2 5 万元 2023", h.Row, h.Lines, h.DataRow, h.Unit, h.Year)
	}
	wantFields := map[string]Key{"A": KeySeq, "B": "unit", "C": "title", "D": "headcount", "E": "contractor",
		"F": "credit_code", "G": "method", "H": "start", "I": "end", "J": "amount", "K": "paid", "L": "score", "M": KeyContractNo}
	for _, c := range h.Columns {
		if want := wantFields[c.Letter]; c.Field != want {
			t.Errorf("column %s %q → %q, want %q", c.Letter, c.Header, c.Field, want)
		}
	}
	if p.Rows != 3 {
		t.Errorf("rows = %d, want 3 (blank and 合计 rows skipped)", p.Rows)
	}
	wantProblems := []Problem{
		{File: wb.Name, Sheet: "2023年台账", Row: 8, Column: "统一社会信用代码", Message: "校验位应为“L”，实际为“A”", Col: 6},
		{File: wb.Name, Sheet: "2023年台账", Row: 8, Column: "合同期限/开始", Message: "无法识别的日期“2023-13-01”", Col: 8},
		{File: wb.Name, Sheet: "2023年台账", Row: 8, Column: "合同金额（万元）", Message: "无法识别的金额“待定”", Col: 10},
	}
	got := map[Problem]bool{}
	for _, pr := range p.Problems {
		got[pr] = true
	}
	for _, w := range wantProblems {
		if !got[w] {
			t.Errorf("missing problem %+v", w)
		}
	}
	if len(p.Problems) != len(wantProblems) {
		t.Errorf("problems = %d, want %d: %+v", len(p.Problems), len(wantProblems), p.Problems)
	}
	ds := p.Dataset
	if len(ds.Contracts) != 2 {
		t.Fatalf("contracts = %d, want 2 (the row with problems left out)", len(ds.Contracts))
	}
	c1, c2 := ds.Contracts[0], ds.Contracts[1]
	if c1.Number != "HT-2023-001" || c1.Amount != 12_345_600 || c1.UnitName != "区民政局" ||
		c1.ContractorName != "某某养老服务有限公司" || c1.Method != govbuy.MethodOpenTender || c1.Kind != govbuy.KindProject ||
		!c1.Start.Equal(govbuy.Day(2023, 1, 1)) || !c1.End.Equal(govbuy.Day(2023, 12, 31)) || c1.Year != 2023 {
		t.Errorf("contract 1 = %+v", c1)
	}
	wantNumber := "2023-导入-0001" // the ledger's year, its first row without a number
	if c2.Number != wantNumber || c2.Amount != 1_234_560_000 || c2.Kind != govbuy.KindPost || c2.Headcount != 5 ||
		c2.Method != govbuy.MethodOpenHire || !c2.Start.Equal(govbuy.Day(2023, 1, 1)) || !c2.End.Equal(govbuy.Day(2023, 12, 31)) {
		t.Errorf("contract 2 = %+v, want number %s", c2, wantNumber)
	}
	if p.Generated != 1 {
		t.Errorf("generated = %d, want 1", p.Generated)
	}
	if len(ds.Payments) != 1 || ds.Payments[0].Amount != 10_000_000 || !ds.Payments[0].Date.Equal(govbuy.Day(2023, 12, 31)) ||
		ds.Payments[0].ContractNumber != "HT-2023-001" {
		t.Errorf("payments = %+v", ds.Payments)
	}
	if len(ds.Assessments) != 1 || ds.Assessments[0].Score != 925 || ds.Assessments[0].Period != "2023" {
		t.Errorf("assessments = %+v", ds.Assessments)
	}
	if strings.Join(p.NewUnits, ",") != "区民政局,区城管局" {
		t.Errorf("new units = %v", p.NewUnits)
	}
	if strings.Join(p.NewContractors, ",") != "某某养老服务有限公司,张三" {
		t.Errorf("new contractors = %v", p.NewContractors)
	}
	types := map[string]govbuy.ContractorType{}
	for _, c := range ds.Contractors {
		types[c.Name] = c.Type
	}
	if types["某某养老服务有限公司"] != govbuy.TypeEnterprise || types["张三"] != govbuy.TypeIndividual {
		t.Errorf("contractor types = %v", types)
	}
	if p.Sources[1].Row != 7 {
		t.Errorf("source of contract 2 = %+v, want row 7", p.Sources[1])
	}
}

func TestLedgerXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	writeLedgerXLSX(t, path)
	wb, p := readAndPlan(t, path, Options{}, nil)
	checkLedger(t, wb, p)
}

// TestLedgerXLS reads the same ledger saved by LibreOffice as Excel 97–2003
// (testdata/ledger.xls, made by TestMakeLedgerXLS).
func TestLedgerXLS(t *testing.T) {
	wb, p := readAndPlan(t, filepath.Join("testdata", "ledger.xls"), Options{}, nil)
	if wb.Format != "xls" {
		t.Fatalf("format = %s", wb.Format)
	}
	checkLedger(t, wb, p)
}

// TestLedgerXLSFromLibreOffice converts the ledger afresh when soffice is
// installed, so the BIFF reader is checked against the office suite in use.
func TestLedgerXLSFromLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not installed")
	}
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	path := convertLedgerXLS(t, t.TempDir())
	wb, p := readAndPlan(t, path, Options{}, nil)
	checkLedger(t, wb, p)
}

func convertLedgerXLS(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(dir, "ledger.xlsx")
	writeLedgerXLSX(t, src)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
		"--convert-to", "xls", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return filepath.Join(dir, "ledger.xls")
}

// TestMakeLedgerXLS regenerates testdata/ledger.xls: GOVBUY_MAKE_TESTDATA=1.
func TestMakeLedgerXLS(t *testing.T) {
	if os.Getenv("GOVBUY_MAKE_TESTDATA") == "" {
		t.Skip("set GOVBUY_MAKE_TESTDATA=1 to regenerate testdata/ledger.xls")
	}
	data, err := os.ReadFile(convertLedgerXLS(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "ledger.xls"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLedgerGBKCSV: a ledger saved by Excel on Chinese Windows: GBK, title
// lines, unit in the header, the term in one cell, 万 suffixes, a blank line.
func TestLedgerGBKCSV(t *testing.T) {
	text := strings.Join([]string{
		"某区2024年政府购买服务台账,,,,,,,",
		"序号,购买单位,服务项目,承接单位,采购方式,服务期限,合同金额(元),实付金额,资金来源",
		"1,区园林局,公园绿地养护,绿城园林有限责任公司,有限竞争,2024年1月1日至2024年12月31日,\"1,234,567.89\",12.5万,财政资金",
		"",
		"2,区交通局,农村公路护路员,,定向招聘,2024.01.01—2024.12.31,80000,80000元,上级补助",
		"3,区交通局,农村公路养护,路桥养护有限公司,单一来源,2024.1.1-2024.13.31,100000,,",
		"小计,,,,,,\"1,414,567.89\",,",
	}, "\r\n")
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	wb, p := readAndPlan(t, writeFile(t, "台账.csv", []byte(gbk)), Options{}, nil)
	if wb.Sheets[0].Name != "台账" {
		t.Errorf("sheet name = %q", wb.Sheets[0].Name)
	}
	want := []Problem{
		{File: "台账.csv", Sheet: "台账", Row: 5, Column: "承接单位", Message: "不能为空", Col: 4},
		{File: "台账.csv", Sheet: "台账", Row: 6, Column: "服务期限", Message: "无法识别的合同期限“2024.1.1-2024.13.31”（应写作2023.1.1-2023.12.31）", Col: 6},
	}
	if len(p.Problems) != len(want) || p.Problems[0] != want[0] || p.Problems[1] != want[1] {
		t.Errorf("problems = %+v\nwant %+v", p.Problems, want)
	}
	if len(p.Dataset.Contracts) != 1 {
		t.Fatalf("contracts = %+v", p.Dataset.Contracts)
	}
	c := p.Dataset.Contracts[0]
	if c.Amount != 123_456_789 || c.Method != govbuy.MethodLimitedCompete || c.Funding != govbuy.FundBudget ||
		c.ContractorName != "绿城园林有限责任公司" || c.Year != 2024 || !c.End.Equal(govbuy.Day(2024, 12, 31)) {
		t.Errorf("contract = %+v", c)
	}
	if len(p.Dataset.Payments) != 1 || p.Dataset.Payments[0].Amount != 12_500_000 || !p.Dataset.Payments[0].Date.Equal(govbuy.Day(2024, 12, 31)) {
		t.Errorf("payments = %+v", p.Dataset.Payments)
	}
	if p.Dataset.Contractors[0].Type != govbuy.TypeEnterprise {
		t.Errorf("contractor type = %q", p.Dataset.Contractors[0].Type)
	}
}

// TestBOMTabCSV: UTF-8 with BOM, tab-separated, --map for an unknown
// header, an existing contract skipped and one updated.
func TestBOMTabCSV(t *testing.T) {
	text := "\ufeff合同号\t委托单位\t购买服务事项\t乙方\t主体类型\t选择方式\t开始日期\t结束日期\t价款\r\n" +
		"HT-1\t区司法局\t法律顾问服务\t某律师事务所\t企业\t双方协商\t2024/1/1\t2024/12/31\t60000\r\n" +
		"HT-2\t区司法局\t社区矫正协助\t某社会工作协会\t民办非企业单位\t竞争性磋商\t2024-01-01\t2024-06-30\t30,000.00元\r\n"
	path := writeFile(t, "contracts.csv", []byte(text))
	stored := govbuy.Contract{ID: 7, Number: "HT-1", Year: 2024, UnitID: 3, ContractorID: 4, Kind: govbuy.KindProject,
		Title: "法律顾问服务", Method: govbuy.MethodSingleSource, Amount: 6_000_000, Funding: govbuy.FundBudget, Status: govbuy.StatusActive}
	lookup := &memLookup{contracts: map[string]*govbuy.ContractRow{"HT-1": {Contract: stored}}, units: units("区司法局")}
	_, p := readAndPlan(t, path, Options{Map: Mapping{"价款": "amount"}}, lookup)
	if len(p.Problems) != 0 {
		t.Fatalf("problems: %+v", p.Problems)
	}
	if p.Skipped != 1 || len(p.Dataset.Contracts) != 1 || p.Dataset.Contracts[0].Amount != 3_000_000 {
		t.Errorf("skipped %d contracts %+v", p.Skipped, p.Dataset.Contracts)
	}
	if len(p.NewUnits) != 0 || len(p.Dataset.Units) != 0 {
		t.Errorf("区司法局 is stored, not new: %v", p.NewUnits)
	}
	if got := p.Dataset.Contractors[0].Type; got != govbuy.TypeSocialOrg {
		t.Errorf("民办非企业单位 → %q", got)
	}
	_, p = readAndPlan(t, path, Options{Map: Mapping{"价款": "合同金额"}, Update: true}, lookup)
	if p.Updated != 1 || len(p.Dataset.Contracts) != 2 || p.Dataset.Contracts[0].ID != 7 {
		t.Errorf("update: updated %d contracts %+v", p.Updated, p.Dataset.Contracts)
	}
	if c := p.Dataset.Contracts[0]; c.Method != govbuy.MethodMutualAgree || !c.Given.Has(govbuy.FieldMethod) {
		t.Errorf("update: method %q from the 选择方式 column, given %v", c.Method, c.Given.Has(govbuy.FieldMethod))
	}
	// Without a method column a new contract gets 其他, while an update
	// does not give the method, so the store keeps the stored one.
	bare := "合同号\t年度\t委托单位\t购买服务事项\t乙方\t价款\r\n" +
		"HT-1\t2024\t区司法局\t法律顾问服务\t某律师事务所\t60000\r\n" +
		"HT-3\t2024\t区司法局\t普法宣传\t某律师事务所\t20000\r\n"
	_, p = readAndPlan(t, writeFile(t, "bare.csv", []byte(bare)), Options{Map: Mapping{"价款": "合同金额"}, Update: true}, lookup)
	if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 2 {
		t.Fatalf("bare sheet: problems %+v, contracts %d", p.Problems, len(p.Dataset.Contracts))
	}
	if updated, added := p.Dataset.Contracts[0], p.Dataset.Contracts[1]; updated.Given.Has(govbuy.FieldMethod) || added.Method != govbuy.MethodOther {
		t.Errorf("bare sheet: update gives the method %v, new method %q", updated.Given.Has(govbuy.FieldMethod), added.Method)
	}
	if n := p.Generated; n != 0 || len(p.Notices) != 1 || !strings.Contains(p.Notices[0], "有1行未填购买方式") {
		t.Errorf("bare sheet: notices %q (only the new contract is recorded as 其他)", p.Notices)
	}
	s := p.Summary(false)
	data, _ := json.Marshal(s)
	if !bytes.Contains(data, []byte(`"problems":[]`)) || !bytes.Contains(data, []byte(`"files":1`)) {
		t.Errorf("summary JSON = %s", data)
	}
}

func TestRefusals(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"x.xlsb", []byte("PK\x03\x04rest"), "“x.xlsb”是Excel二进制工作簿（.xlsb），不支持导入，请在Excel中另存为.xlsx"},
		{"page.xls", []byte("<html><body><table><tr><td>1</td></tr></table></body></html>"), "“page.xls”实际是网页（HTML）文件，不是Excel工作簿，请在Excel中打开后另存为.xlsx"},
		{"fake.xlsx", []byte("序号,名称\n1,a\n"), "“fake.xlsx”的内容是文本，与扩展名.xlsx不符，请改正扩展名或在Excel中另存为.xlsx"},
		{"empty.csv", nil, "“empty.csv”是空文件"},
		{"notes.docx", []byte("PK\x03\x04"), "“notes.docx”不是支持的表格文件，请导入.xlsx、.xls或.csv文件"},
		{"broken.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00garbage"), "文件“broken.xlsx”已损坏，无法读取"},
		{"broken.xls", append(append([]byte{}, cfbMagic...), make([]byte, 600)...), "文件“broken.xls”已损坏，无法读取"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadFile(context.Background(), writeFile(t, c.name, c.data))
			if err == nil || err.Error() != c.want {
				t.Errorf("err = %v, want %s", err, c.want)
			}
			if err != nil && govbuy.ErrorKindOf(err) != govbuy.EInvalid {
				t.Errorf("kind = %s, want invalid", govbuy.ErrorKindOf(err))
			}
		})
	}
}

func TestZipBombRefused(t *testing.T) {
	// 200 MB of zeros compresses to ~200 KB: a ratio far above MaxRatio.
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0", 32000)
	for r := 1; r <= 6000; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{big}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "解压后过大") {
		t.Errorf("err = %v", err)
	}
}

func TestDeadline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.xlsx")
	writeBenchLedger(t, path, 20000)
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	time.Sleep(2 * time.Millisecond)
	_, err := ReadFile(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "超时") {
		t.Errorf("err = %v, want a timeout message", err)
	}
}

func TestOtherKinds(t *testing.T) {
	lookup := &memLookup{
		contracts:   map[string]*govbuy.ContractRow{"HT-1": {Contract: govbuy.Contract{ID: 1, Number: "HT-1"}}},
		contractors: []govbuy.Contractor{{ID: 3, Name: "已登记有限公司", Type: govbuy.TypeEnterprise}},
	}
	contractors := "承接主体名录\n序号,单位名称,单位性质,统一社会信用代码,法定代表人,联系电话\n" +
		"1,某某养老服务中心,民办非企业单位,,李四,123\n" +
		"2,已登记有限公司,企业,,,\n" +
		"3,某某物业有限公司,,91110000600037341L,,\n" +
		"4,某某事业单位,事业单位,,,\n"
	_, p := readAndPlan(t, writeFile(t, "c.csv", []byte(contractors)), Options{As: KindContractors}, lookup)
	if len(p.Dataset.Contractors) != 2 || p.Skipped != 1 || len(p.Problems) != 1 || p.Problems[0].Row != 6 ||
		p.Problems[0].Column != "单位性质" || p.Dataset.Contractors[1].Type != govbuy.TypeEnterprise || p.Dataset.Contractors[0].LegalRep != "李四" {
		t.Errorf("contractors: %+v skipped %d problems %+v", p.Dataset.Contractors, p.Skipped, p.Problems)
	}

	assessments := "合同编号,考核期间,考核得分,考核日期\nHT-1,2024年第二季度,86.5,2024-07-05\nHT-1,三季度,90,2024-10-08\nHT-9,2024Q1,80,\nHT-1,2024Q2,101,\n"
	_, p = readAndPlan(t, writeFile(t, "a.csv", []byte(assessments)), Options{As: KindAssessments}, lookup)
	if len(p.Dataset.Assessments) != 2 || p.Dataset.Assessments[0].Period != "2024Q2" || p.Dataset.Assessments[0].Score != 865 ||
		p.Dataset.Assessments[1].Period != "2024Q3" || len(p.Problems) != 3 {
		t.Errorf("assessments: %+v problems %+v", p.Dataset.Assessments, p.Problems)
	}

	payments := "合同编号\t付款日期\t金额\t凭证号\nHT-1\t2024/7/10\t25,000.00\t记-12\nHT-1\t2024/10/10\t-5\t\n"
	_, p = readAndPlan(t, writeFile(t, "p.csv", []byte(payments)), Options{As: KindPayments}, lookup)
	if len(p.Dataset.Payments) != 1 || p.Dataset.Payments[0].Amount != 2_500_000 || p.Dataset.Payments[0].Voucher != "记-12" ||
		len(p.Problems) != 1 || p.Problems[0].Message != "支付金额应大于0" {
		t.Errorf("payments: %+v problems %+v", p.Dataset.Payments, p.Problems)
	}
}

// A row that updates a stored contract gives only its filled cells, and is
// checked as the contract it leaves: a post stays a post with its
// headcount when the sheet has no such columns, although its title alone
// would make a new contract a post without people.
func TestUpdateRowGivesOnlyItsFilledCells(t *testing.T) {
	stored := govbuy.Contract{ID: 9, Number: "YX-1", Year: 2024, UnitID: 1, ContractorID: 2, Kind: govbuy.KindPost, Headcount: 3,
		Title: "农村公路护路员", Method: govbuy.MethodDirectHire, Amount: 36_000_000, Funding: govbuy.FundBudget, Status: govbuy.StatusActive}
	lookup := &memLookup{contracts: map[string]*govbuy.ContractRow{"YX-1": {Contract: stored}}, units: units("区交通局")}
	sheet := "合同编号,年度,购买主体,项目名称,承接主体,合同金额,购买方式,资金来源,备注\n" +
		"YX-1,2024,区交通局,农村公路护路员（更正）,某村民委员会,360000,,上级转移支付,\n"
	_, p := readAndPlan(t, writeFile(t, "更正.csv", []byte(sheet)), Options{Update: true}, lookup)
	if len(p.Problems) != 0 || p.Updated != 1 || len(p.Dataset.Contracts) != 1 {
		t.Fatalf("problems %+v, updated %d", p.Problems, p.Updated)
	}
	given := p.Dataset.Contracts[0].Given
	tests := []struct {
		field govbuy.Field
		given bool
	}{
		{govbuy.FieldTitle, true}, {govbuy.FieldAmount, true}, {govbuy.FieldYear, true}, {govbuy.FieldFunding, true},
		{govbuy.FieldMethod, false}, {govbuy.FieldNotes, false}, // columns there, cells blank
		{govbuy.FieldKind, false}, {govbuy.FieldHeadcount, false}, {govbuy.FieldStart, false}, // no columns
	}
	for _, tt := range tests {
		if given.Has(tt.field) != tt.given {
			t.Errorf("%s given %v, want %v", tt.field, given.Has(tt.field), tt.given)
		}
	}

	// As a new contract its title makes it a post, whose people and term
	// the sheet never had: it goes in marked 待补充, as the update did not.
	if pending := p.Dataset.Contracts[0].Pending; !pending.Empty() {
		t.Errorf("update of a complete contract marked 待补充 %s", pending)
	}
	_, p = readAndPlan(t, writeFile(t, "新.csv", []byte(strings.Replace(sheet, "YX-1", "YX-2", 1))), Options{}, lookup)
	if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 1 {
		t.Fatalf("new post without people: problems %+v", p.Problems)
	}
	if got := p.Dataset.Contracts[0].Pending.String(); got != "岗位人数、合同期限" {
		t.Errorf("new post without people or term: pending %q, want 岗位人数、合同期限", got)
	}
}

func TestDetectKindTellsTheTreasuryList(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   Kind
		ok     bool
	}{
		{"treasury export", []string{"序号", "支付日期", "预算单位", "收款人全称", "收款人账号", "金额", "摘要/用途", "支付凭证号"}, KindTreasury, true},
		{"treasury export, other words", []string{"清算日期", "预算单位名称", "收款人", "收款人帐号", "支付金额", "支付令号"}, KindTreasury, true},
		{"contract ledger", []string{"合同编号", "预算单位", "项目名称", "承接主体", "合同金额"}, "", false},
		{"payment list", []string{"合同编号", "支付日期", "支付金额", "凭证号"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := make([]Cell, len(tt.header))
			for i, h := range tt.header {
				row[i] = Cell{Text: h, Type: CellText}
			}
			wb := &Workbook{Name: "x.xlsx", Sheets: []*Sheet{{Name: "Sheet1", Rows: [][]Cell{row}}}}
			if k, ok := DetectKind(wb); k != tt.want || ok != tt.ok {
				t.Errorf("DetectKind = %q, %v; want %q, %v", k, ok, tt.want, tt.ok)
			}
		})
	}
}
