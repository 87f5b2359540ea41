package importer

import (
	"context"
	"testing"

	"govbuy"
)

func TestParseDate(t *testing.T) {
	want := govbuy.Day(2023, 1, 1)
	for _, s := range []string{"2023-01-01", "2023/1/1", "2023.1.1", "2023年1月1日", "2023年1月1号", "20230101",
		"44927", "２０２３－０１－０１", " 2023-1-1 ", "2023-01-01 00:00:00", "2023-01-01T08:30:00Z"} {
		got, err := ParseDate(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"2023-13-01", "2023-02-29", "待定", "2023", "1/1/2023", "12345678", ""} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	if _, err := ParseDate("2023-13-01"); err == nil || err.Error() != "无法识别的日期“2023-13-01”" {
		t.Errorf("message = %v", err)
	}
}

func TestParseTerm(t *testing.T) {
	s, e := govbuy.Day(2023, 1, 1), govbuy.Day(2023, 12, 31)
	for _, text := range []string{"2023.1.1-2023.12.31", "2023年1月1日至2023年12月31日", "2023.01.01—2023.12.31",
		"2023-01-01-2023-12-31", "2023/1/1 ~ 2023/12/31", "2023年1月1日至12月31日", "2023年度", "2023年"} {
		start, end, err := ParseTerm(text)
		if err != nil || !start.Equal(s) || !end.Equal(e) {
			t.Errorf("ParseTerm(%q) = %v, %v, %v", text, start, end, err)
		}
	}
	for _, text := range []string{"一年", "2023.1.1-2023.13.31", "2023.1.1-2023.12.31-2024.1.1"} {
		if _, _, err := ParseTerm(text); err == nil {
			t.Errorf("ParseTerm(%q) accepted", text)
		}
	}
}

func TestCellValues(t *testing.T) {
	if d, err := cellDate(Cell{Text: "44927", Type: CellDate}, false); err != nil || !d.Equal(govbuy.Day(2023, 1, 1)) {
		t.Errorf("serial = %v, %v", d, err)
	}
	if d, err := cellDate(Cell{Text: "43465", Type: CellDate}, true); err != nil || !d.Equal(govbuy.Day(2023, 1, 1)) {
		t.Errorf("1904 serial = %v, %v", d, err)
	}
	if _, err := cellDate(Cell{Text: "123.45", Type: CellNumber}, false); err == nil {
		t.Error("an amount read as a date")
	}
	cases := []struct {
		cell Cell
		unit govbuy.MoneyUnit
		want govbuy.Money
	}{
		{Cell{Text: "12.3456", Type: CellNumber}, govbuy.UnitWan, 12_345_600},
		{Cell{Text: "1,234.56", Type: CellText}, govbuy.UnitYuan, 123_456},
		{Cell{Text: "12.5万", Type: CellText}, govbuy.UnitYuan, 12_500_000},
		{Cell{Text: "800元", Type: CellText}, govbuy.UnitWan, 80_000},
		{Cell{Text: "1.2345E+5", Type: CellNumber}, govbuy.UnitYuan, 12_345_000},
		{Cell{Text: "0.30000000000000004", Type: CellNumber}, govbuy.UnitYuan, 30},
	}
	for _, c := range cases {
		if got, err := cellMoney(c.cell, c.unit); err != nil || got != c.want {
			t.Errorf("cellMoney(%q, %v) = %v, %v; want %v", c.cell.Text, c.unit, got, err, c.want)
		}
	}
	if _, err := cellMoney(Cell{Text: "待定", Type: CellText}, govbuy.UnitYuan); err == nil || message(err) != "无法识别的金额“待定”" {
		t.Errorf("待定: %v", err)
	}
}

func TestDomainLists(t *testing.T) {
	methods := map[string]govbuy.Method{"公开招标方式": govbuy.MethodOpenTender, "竞争性磋商采购": govbuy.MethodConsultation,
		"单一来源采购方式": govbuy.MethodSingleSource, "询价采购": govbuy.MethodInquiry, "直接委托": govbuy.MethodDirectEntrust,
		"协议供货": govbuy.MethodFramework, "双方协商确定": govbuy.MethodMutualAgree, "其它": govbuy.MethodOther}
	for s, want := range methods {
		if got, err := parseMethod(s); err != nil || got != want {
			t.Errorf("parseMethod(%q) = %q, %v", s, got, err)
		}
	}
	if _, err := parseMethod("抽签"); err == nil {
		t.Error("抽签 accepted")
	}
	types := map[string]govbuy.ContractorType{"民办非企业单位": govbuy.TypeSocialOrg, "社会团体": govbuy.TypeSocialOrg,
		"基金会": govbuy.TypeSocialOrg, "有限责任公司": govbuy.TypeEnterprise, "事业单位(公益二类)": govbuy.TypePublicClass2,
		"事业单位【公益一类】": govbuy.TypePublicClass1, "村委会": govbuy.TypeGrassroots, "自然人": govbuy.TypeIndividual}
	for s, want := range types {
		if got, err := parseContractorType(s); err != nil || got != want {
			t.Errorf("parseContractorType(%q) = %q, %v", s, got, err)
		}
	}
	if _, err := parseContractorType("事业单位"); err == nil {
		t.Error("bare 事业单位 accepted")
	}
	infer := map[[2]string]govbuy.ContractorType{
		{"某某物业管理有限公司", ""}:           govbuy.TypeEnterprise,
		{"某某", "91110000600037341L"}: govbuy.TypeEnterprise,
		{"某区养老协会", ""}:               govbuy.TypeSocialOrg,
		{"某村股份经济合作社", ""}:            govbuy.TypeRuralCollective,
		{"张三", "11010519491231002X"}: govbuy.TypeIndividual,
		{"某某服务中心", ""}:               "",
	}
	for in, want := range infer {
		if got := inferContractorType(in[0], in[1]); got != want {
			t.Errorf("inferContractorType(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
	if inferKind("农村公路护路员", "", 0) != govbuy.KindPost || inferKind("公园养护", "", 0) != govbuy.KindProject || inferKind("公园养护", "", 3) != govbuy.KindPost || inferKind("社区服务", "岗位", 0) != govbuy.KindPost {
		t.Error("inferKind")
	}
	if f, err := parseFunding("一般公共预算"); err != nil || f != govbuy.FundBudget {
		t.Errorf("funding = %q, %v", f, err)
	}
	if code, ok := matchCatalog(govbuy.DefaultCatalog, "农村公路养护"); !ok || code != "B03" {
		t.Errorf("catalog = %q", code)
	}
}

func sheetOf(rows ...[]string) *Sheet {
	s := &Sheet{Name: "S"}
	for _, r := range rows {
		var row []Cell
		for _, v := range r {
			row = append(row, textCell(v))
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

func TestDetectHeader(t *testing.T) {
	// A group header whose parts sit in the row below, without merges.
	s := sheetOf(
		[]string{"2024年度购买服务台账"},
		[]string{"（金额单位：万元）"},
		[]string{"序号", "购买单位", "服务内容", "合同期限", "", "中标金额", "备注"},
		[]string{"", "", "", "起", "止", "", ""},
		[]string{"1", "区卫健委", "检测", "2024.1.1", "2024.12.31", "3.5", ""},
	)
	h := DetectHeader(s, Options{})
	if h == nil || h.Row != 3 || h.Lines != 2 || h.DataRow != 5 || h.Unit != govbuy.UnitWan || h.Year != 2024 {
		t.Fatalf("header = %+v", h)
	}
	fields := ""
	for _, c := range h.Columns {
		fields += string(c.Field) + ","
	}
	if fields != "seq,unit,title,start,end,amount,notes," {
		t.Errorf("fields = %s", fields)
	}
	// --map ignores a column and names another; HeaderRow forces the row.
	h = DetectHeader(s, Options{HeaderRow: 3, Map: Mapping{"备注": Ignore, "服务内容": "notes", "中标金额": "合同金额"}})
	if h.Columns[6].Field != "" || h.Columns[2].Field != "notes" || h.Columns[5].Field != "amount" {
		t.Errorf("mapped = %+v", h.Columns)
	}
	if len(Fields(KindPayments)) == 0 || Fields(KindPayments)[0].Key != KeySeq {
		t.Error("Fields")
	}
	if DetectHeader(sheetOf([]string{"a", "b"}, []string{"1", "2"}), Options{}) != nil {
		t.Error("header found in a sheet without one")
	}
}

// presetStore is MappingPresets in a map.
type presetStore map[string]map[string]string

func (p presetStore) LoadPreset(_ context.Context, key string) (map[string]string, error) {
	return p[key], nil
}
func (p presetStore) SavePreset(_ context.Context, key string, m map[string]string) error {
	p[key] = m
	return nil
}

func TestPresets(t *testing.T) {
	s := sheetOf(
		[]string{"单位", "事项", "乙方", "价款", "年份"},
		[]string{"区民政局", "养老", "某某有限公司", "100", "2024"},
	)
	wb := &Workbook{Name: "a.xlsx", Checksum: "00000000", Sheets: []*Sheet{s}}
	store := presetStore{}
	p, err := PlanWorkbook(context.Background(), wb, Options{Presets: store}, nil)
	if err != nil || len(p.Problems) != 3 || p.Problems[0].Message != "缺少“购买主体”列：请检查表头，或用列对应关系指定哪一列是“购买主体”" {
		t.Fatalf("plan without mapping: %v, %+v", err, p.Problems)
	}
	// The person maps the columns once, and the mapping is saved under the
	// header's key.
	opts := Options{HeaderRow: 1, Presets: store, Map: Mapping{"单位": "unit", "事项": "title", "乙方": "contractor", "价款": "amount"}}
	p, err = PlanWorkbook(context.Background(), wb, opts, nil)
	if err != nil || len(p.Problems) != 0 || len(p.Dataset.Contracts) != 1 {
		t.Fatalf("plan with mapping: %v %+v", err, p.Problems)
	}
	h := p.Headers[0]
	if err := store.SavePreset(context.Background(), h.PresetKey, h.Mapping()); err != nil {
		t.Fatal(err)
	}
	p, err = PlanWorkbook(context.Background(), wb, Options{HeaderRow: 1, Presets: store}, nil)
	if err != nil || !p.Headers[0].Preset || len(p.Dataset.Contracts) != 1 || p.Dataset.Contracts[0].Amount != 10000 {
		t.Fatalf("plan with preset: %v %+v", err, p.Problems)
	}

}
