package importer

import (
	"testing"

	"govbuy"
)

// A ledger's columns of the public record — award, signing, publication
// with its media, 备案 with its number, the procurement intention — and of
// one supplementary contract reach the contract, in the ways officers
// write dates and amounts.
func TestLedgerPublicRecord(t *testing.T) {
	sheet := "合同编号,购买主体,项目名称,承接主体,合同金额（万元）,开始日期,中标通知书日期,签订日期,公告日期,公告媒体,备案日期,备案号,采购意向公开日期,采购开始日期,跨年度合同说明,补充合同编号,补充合同日期,补充合同金额（万元）\n" +
		"YX-1,区城管局,城区道路清扫保洁,云溪保洁服务有限公司,120,2023-10-01,2023/9/15,2023年9月28日,2023.10.10,云溪省政府采购网,2023-10-12,云财采备〔2023〕001号,2023-06-20,2023-08-10,已纳入中期财政规划,YX-1-补1,2024-07-15,11.88\n"
	_, p := readAndPlan(t, writeFile(t, "台账.csv", []byte(sheet)), Options{}, &memLookup{})
	if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 1 {
		t.Fatalf("problems %+v, contracts %d", p.Problems, len(p.Dataset.Contracts))
	}
	c := p.Dataset.Contracts[0]
	want := govbuy.PublicRecord{AwardDate: govbuy.Day(2023, 9, 15), SignDate: govbuy.Day(2023, 9, 28),
		PublishDate: govbuy.Day(2023, 10, 10), PublishMedia: "云溪省政府采购网", FilingDate: govbuy.Day(2023, 10, 12),
		FilingNo: "云财采备〔2023〕001号", IntentDate: govbuy.Day(2023, 6, 20), ProcureDate: govbuy.Day(2023, 8, 10),
		TermReason: "已纳入中期财政规划"}
	if c.PublicRecord != want {
		t.Errorf("record = %+v\nwant %+v", c.PublicRecord, want)
	}
	for _, f := range []govbuy.Field{govbuy.FieldAwardDate, govbuy.FieldSignDate, govbuy.FieldPublishMedia, govbuy.FieldFilingNo, govbuy.FieldTermReason} {
		if !c.Given.Has(f) {
			t.Errorf("%s not given", f)
		}
	}
	if len(c.Supplements) != 1 || c.Supplements[0].Amount != govbuy.Yuan(118_800) || c.Supplements[0].Number != "YX-1-补1" ||
		govbuy.FormatDate(c.Supplements[0].Date) != "2024-07-15" {
		t.Errorf("supplements = %+v", c.Supplements)
	}
}

// Dates out of order and a supplement without its date or amount are
// problems at their cells, before anything is written.
func TestLedgerPublicRecordProblems(t *testing.T) {
	head := "合同编号,购买主体,项目名称,承接主体,合同金额,开始日期,合同签订日期,合同公告日期,备案日期,补充合同签订日期,补充合同金额\n"
	tests := []struct {
		name, row, column, message string
	}{
		{"published before signing", "YX-1,区城管局,保洁,云溪保洁服务有限公司,100000,2024-01-01,2024-01-05,2024-01-02,,,",
			"合同公告日期", "2024-01-02早于合同签订日期2024-01-05"},
		{"unreadable filing date", "YX-1,区城管局,保洁,云溪保洁服务有限公司,100000,2024-01-01,2024-01-05,,下周,,",
			"备案日期", ""},
		{"supplement without a date", "YX-1,区城管局,保洁,云溪保洁服务有限公司,100000,2024-01-01,2024-01-05,,,,5000",
			"补充合同签订日期", "请填写补充合同的签订日期"},
		{"supplement before the signing", "YX-1,区城管局,保洁,云溪保洁服务有限公司,100000,2024-01-01,2024-01-05,,,2024-01-02,5000",
			"补充合同签订日期", "2024-01-02早于原合同签订日期2024-01-05"},
		{"supplement date without an amount", "YX-1,区城管局,保洁,云溪保洁服务有限公司,100000,2024-01-01,2024-01-05,,,2024-06-01,",
			"补充合同金额", "填写了补充合同的日期或编号，请同时填写补充合同金额"},
	}
	for _, tt := range tests {
		_, p := readAndPlan(t, writeFile(t, "台账.csv", []byte(head+tt.row+"\n")), Options{}, &memLookup{})
		if len(p.Problems) != 1 || p.Problems[0].Column != tt.column || p.Problems[0].Row != 2 ||
			(tt.message != "" && p.Problems[0].Message != tt.message) || p.Problems[0].Message == "" {
			t.Errorf("%s: problems %+v, want one at %s: %q", tt.name, p.Problems, tt.column, tt.message)
		}
	}
}

// What the contract notice states beyond the contract — 项目编号, 履约地点,
// 服务要求 — comes from a ledger under the names officers give it.
func TestLedgerNoticeFields(t *testing.T) {
	tests := []struct {
		name, head string
	}{
		{"notice names", "项目编号,履约地点,规格型号（或服务要求）"},
		{"ledger names", "采购项目编号,服务地点,服务标准"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheet := "合同编号,购买主体,项目名称,承接主体,合同金额,开始日期," + tt.head + "\n" +
				"YX-1,区城管局,城区道路清扫保洁,云溪保洁服务有限公司,100000,2024-01-01,YXCG2023-011,城区主次干道,每日清扫两次\n"
			_, p := readAndPlan(t, writeFile(t, "台账.csv", []byte(sheet)), Options{}, &memLookup{})
			if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 1 {
				t.Fatalf("problems %+v, contracts %d", p.Problems, len(p.Dataset.Contracts))
			}
			c := p.Dataset.Contracts[0]
			if c.ProjectNo != "YXCG2023-011" || c.Place != "城区主次干道" || c.Spec != "每日清扫两次" {
				t.Errorf("record = %+v", c.PublicRecord)
			}
			for _, f := range []govbuy.Field{govbuy.FieldProjectNo, govbuy.FieldPlace, govbuy.FieldSpec} {
				if !c.Given.Has(f) {
					t.Errorf("%s not given", f)
				}
			}
		})
	}
}
