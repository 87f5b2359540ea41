package govbuy_test

import (
	"testing"

	"govbuy"
)

func TestDeadlineHints(t *testing.T) {
	record := func(r govbuy.PublicRecord) *govbuy.Contract {
		return &govbuy.Contract{Kind: govbuy.KindProject, Amount: govbuy.Yuan(100_000),
			Start: date("2024-10-01"), End: date("2025-09-30"), PublicRecord: r}
	}
	type hint struct {
		rule, due string
		days      int
		message   string
	}
	tests := []struct {
		name     string
		contract *govbuy.Contract
		today    string
		supps    []govbuy.Supplement
		want     []hint
	}{
		{"published and filed in time", record(govbuy.PublicRecord{SignDate: date("2024-09-29"),
			PublishDate: date("2024-10-08"), FilingDate: date("2024-10-14")}), "2024-12-01", nil, nil},
		{"published 4 working days after signing before National Day", record(govbuy.PublicRecord{SignDate: date("2024-09-29"),
			PublishDate: date("2024-10-10"), FilingDate: date("2024-10-12")}), "2024-12-01", nil,
			[]hint{{"publish", "2024-10-08", 2, "合同于2024-09-29签订，应在2个工作日内（2024-10-08前）公告，2024-10-10才公告，逾期2个工作日"}}},
		{"filing missing", record(govbuy.PublicRecord{SignDate: date("2024-09-29"), PublishDate: date("2024-09-30")}), "2024-10-18", nil,
			[]hint{{"filing", "2024-10-14", 4, "合同于2024-09-29签订，应在7个工作日内（2024-10-14前）报财政部门备案，至今未报财政部门备案，已逾期4个工作日"}}},
		{"both still due", record(govbuy.PublicRecord{SignDate: date("2024-09-29")}), "2024-09-30", nil,
			[]hint{
				{"publish", "2024-10-08", -1, "合同于2024-09-29签订，应在2个工作日内（2024-10-08前）公告，尚未公告，还剩1个工作日"},
				{"filing", "2024-10-14", -6, "合同于2024-09-29签订，应在7个工作日内（2024-10-14前）报财政部门备案，尚未报财政部门备案，还剩6个工作日"},
			}},
		{"published 4 working days after signing before National Day 2023", record(govbuy.PublicRecord{SignDate: date("2023-09-28"),
			PublishDate: date("2023-10-10"), FilingDate: date("2023-10-13")}), "2023-12-01", nil,
			[]hint{{"publish", "2023-10-08", 2, "合同于2023-09-28签订，应在2个工作日内（2023-10-08前）公告，2023-10-10才公告，逾期2个工作日"}}},
		{"published on the make-up Saturday 2023", record(govbuy.PublicRecord{SignDate: date("2023-09-28"),
			PublishDate: date("2023-10-07"), FilingDate: date("2023-10-13")}), "2023-12-01", nil, nil},
		{"filed a day late across the Spring Festival 2024", record(govbuy.PublicRecord{SignDate: date("2024-02-08"),
			PublishDate: date("2024-02-18"), FilingDate: date("2024-02-26")}), "2024-12-01", nil,
			[]hint{{"filing", "2024-02-23", 1, "合同于2024-02-08签订，应在7个工作日内（2024-02-23前）报财政部门备案，2024-02-26才报财政部门备案，逾期1个工作日"}}},
		{"signed 33 days after the award", record(govbuy.PublicRecord{AwardDate: date("2024-08-01"), SignDate: date("2024-09-03"),
			PublishDate: date("2024-09-04"), FilingDate: date("2024-09-04")}), "2024-12-01", nil,
			[]hint{{"award", "2024-09-02", 1, "中标（成交）通知书于2024-08-01发出，应在30日内（2024-09-02前）签订合同，2024-09-03才签订，逾期1天"}}},
		{"signed on the last day moved by a holiday", record(govbuy.PublicRecord{AwardDate: date("2024-09-01"), SignDate: date("2024-10-08"),
			PublishDate: date("2024-10-09"), FilingDate: date("2024-10-09")}), "2024-12-01", nil, nil},
		{"supplements over 10 %", record(govbuy.PublicRecord{}), "2024-12-01",
			[]govbuy.Supplement{{Amount: govbuy.Yuan(6_000)}, {Amount: govbuy.Yuan(5_000)}},
			[]hint{{"supplement", "", 0, "2份补充合同累计11,000.00元，为原合同金额100,000.00元的11%，超过10%"}}},
		{"supplements of exactly 10 %", record(govbuy.PublicRecord{}), "2024-12-01",
			[]govbuy.Supplement{{Amount: govbuy.Yuan(10_000)}}, nil},
		{"intention 20 days ahead", record(govbuy.PublicRecord{IntentDate: date("2024-03-11"), ProcureDate: date("2024-03-31")}), "2024-12-01", nil,
			[]hint{{"intent", "2024-03-01", 10, "采购意向于2024-03-11公开，距采购活动开始（2024-03-31）仅20天，应至少提前30天（2024-03-01前）公开"}}},
		{"intention 30 days ahead", record(govbuy.PublicRecord{IntentDate: date("2024-03-01"), ProcureDate: date("2024-03-31")}), "2024-12-01", nil, nil},
		{"a year not in the calendar", record(govbuy.PublicRecord{SignDate: date("2031-01-03")}), "2031-01-10", nil,
			[]hint{
				{"publish", "2031-01-07", 3, "合同于2031-01-03签订，应在2个工作日内（2031-01-07前）公告，至今未公告，已逾期3个工作日（2031年节假日安排未录入，只按周末计算，请在“设置”中补录）"},
				{"filing", "2031-01-14", -2, "合同于2031-01-03签订，应在7个工作日内（2031-01-14前）报财政部门备案，尚未报财政部门备案，还剩2个工作日（2031年节假日安排未录入，只按周末计算，请在“设置”中补录）"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := govbuy.DeadlineHints(tt.contract, govbuy.DeadlineInput{Today: date(tt.today), Supplements: tt.supps})
			if len(got) != len(tt.want) {
				t.Fatalf("hints = %+v, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Rule != w.rule || govbuy.FormatDate(g.Due) != w.due || g.Days != w.days || g.Message != w.message || g.Article == "" {
					t.Errorf("hint %d = %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func TestTermReasonHint(t *testing.T) {
	c := &govbuy.Contract{Start: date("2024-01-01"), End: date("2025-12-31")}
	if got := govbuy.DeadlineHints(c, govbuy.DeadlineInput{}); len(got) != 1 || got[0].Rule != "term_reason" || got[0].Article != "第二十四条" {
		t.Fatalf("hints = %+v", got)
	}
	c.TermReason = "已纳入中期财政规划"
	if got := govbuy.DeadlineHints(c, govbuy.DeadlineInput{}); len(got) != 0 {
		t.Fatalf("hints with a reason = %+v", got)
	}
}

func TestPublicRecordValidate(t *testing.T) {
	base := func(r govbuy.PublicRecord) govbuy.Contract {
		return govbuy.Contract{Number: "YX-1", Title: "保洁", UnitID: 1, ContractorID: 2, Kind: govbuy.KindProject,
			Method: govbuy.MethodOpenTender, Funding: govbuy.FundBudget, Status: govbuy.StatusActive, Year: 2024, PublicRecord: r}
	}
	tests := []struct {
		name string
		r    govbuy.PublicRecord
		want string
	}{
		{"in order", govbuy.PublicRecord{AwardDate: date("2024-01-02"), SignDate: date("2024-01-05"), PublishDate: date("2024-01-08"),
			PublishMedia: "中国政府采购网", FilingDate: date("2024-01-09")}, ""},
		{"signed before the award", govbuy.PublicRecord{AwardDate: date("2024-01-05"), SignDate: date("2024-01-02")},
			"合同签订日期：2024-01-02早于中标（成交）通知书日期2024-01-05"},
		{"published before signing", govbuy.PublicRecord{SignDate: date("2024-01-05"), PublishDate: date("2024-01-02")},
			"合同公告日期：2024-01-02早于合同签订日期2024-01-05"},
		{"media without a date", govbuy.PublicRecord{PublishMedia: "中国政府采购网"}, "合同公告日期：填写了公告媒体，请同时填写公告日期"},
	}
	for _, tt := range tests {
		c := base(tt.r)
		if got := govbuy.ErrorMessage(c.Validate()); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
