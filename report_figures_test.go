package govbuy_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"govbuy"
)

func TestSocialOrgShare(t *testing.T) {
	groups := func(social govbuy.Money) []govbuy.ReportGroup {
		return []govbuy.ReportGroup{{Name: "企业", ContractAmount: 1_000_000_00}, {Name: "社会组织", ContractAmount: social}}
	}
	tests := []struct {
		name     string
		byType   []govbuy.ReportGroup
		total    govbuy.Money
		permille int64
		meets    bool
		text     string
	}{
		{"the demo's 856.68 of 4057.91万元", []govbuy.ReportGroup{{Name: "社会组织", ContractAmount: 856_680_000}}, 4_057_914_750, 211, false, "21.1%"},
		{"exactly 30 %", groups(300_000_00), 1_000_000_00, 300, true, "30.0%"},
		{"29.96 % prints 30.0 % and falls short", groups(299_600_00), 1_000_000_00, 300, false, "30.0%"},
		{"29.94 % rounds down", groups(299_400_00), 1_000_000_00, 299, false, "29.9%"},
		{"half a permille rounds up", groups(1_005), 1_000_000, 1, false, "0.1%"},
		{"all of it", groups(5_00), 5_00, 1000, true, "100.0%"},
		{"none from 社会组织", groups(0), 1_000_000_00, 0, false, "0.0%"},
		{"no contracts", nil, 0, 0, false, "0.0%"},
	}
	for _, tt := range tests {
		s := govbuy.SocialOrgShare(tt.byType, tt.total)
		var amount govbuy.Money
		for _, g := range tt.byType {
			if g.Name == "社会组织" {
				amount = g.ContractAmount
			}
		}
		if s.Amount != amount || s.Total != tt.total || s.SharePermille != tt.permille || s.MeetsGuideline != tt.meets ||
			s.GuidelinePermille != 300 || s.Source != "财政部《政府购买服务知识问答》第93问" {
			t.Errorf("%s: %+v, want %d‰ meets %v", tt.name, s, tt.permille, tt.meets)
		}
		if got := govbuy.PermilleText(s.SharePermille); got != tt.text {
			t.Errorf("%s: shown %s, want %s", tt.name, got, tt.text)
		}
	}
}

// optDate is date, or no date for "".
func optDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return date(s)
}

func TestWorkdayDeadline(t *testing.T) {
	cal := govbuy.NewCalendar()
	signed := date("2024-09-29") // a make-up working Sunday before National Day
	tests := []struct {
		name, done, today string
		state             govbuy.DeadlineState
		days              int
	}{
		{"published on the due day", "2024-10-08", "2024-12-01", govbuy.DeadlineMet, 0},
		{"published 2 working days late", "2024-10-10", "2024-12-01", govbuy.DeadlineLate, 2},
		{"not published, due today", "", "2024-10-08", govbuy.DeadlineAhead, 0},
		{"not published, a working day left across the holiday", "", "2024-09-30", govbuy.DeadlineAhead, 1},
		{"not published, 3 working days over", "", "2024-10-11", govbuy.DeadlineMissing, 3},
	}
	for _, tt := range tests {
		s := govbuy.WorkdayDeadline(cal, date(tt.today), signed, optDate(tt.done), govbuy.PublishWorkdays)
		if s.State != tt.state || s.Days != tt.days || govbuy.FormatDate(s.Due) != "2024-10-08" {
			t.Errorf("%s: %+v, want state %d, %d days, due 2024-10-08", tt.name, s, tt.state, tt.days)
		}
	}
	if s := govbuy.WorkdayDeadline(cal, date("2024-12-01"), time.Time{}, time.Time{}, 2); s != (govbuy.DeadlineStatus{}) {
		t.Errorf("unsigned: %+v", s)
	}
}

// The year's tally counts each contract by the status its hints report,
// and lists the late and missing ones with their days.
func TestReportDeadlinesAdd(t *testing.T) {
	in := govbuy.DeadlineInput{Today: date("2024-10-18")}
	contract := func(no, sign, publish, filing string) *govbuy.Contract {
		return &govbuy.Contract{Number: no, PublicRecord: govbuy.PublicRecord{
			SignDate: optDate(sign), PublishDate: optDate(publish), FilingDate: optDate(filing)}}
	}
	d := govbuy.NewReportDeadlines()
	d.Add(contract("A", "2024-09-02", "2024-09-03", "2024-09-06"), in, govbuy.DeadlineAcks{})
	d.Add(contract("B", "2024-09-29", "2024-10-10", "2024-10-12"), in, govbuy.DeadlineAcks{})
	d.Add(contract("C", "2024-09-29", "2024-10-11", ""), in, govbuy.DeadlineAcks{Filing: true})
	d.Add(contract("D", "2024-10-17", "", ""), in, govbuy.DeadlineAcks{Publish: true})
	d.Add(contract("E", "", "", ""), in, govbuy.DeadlineAcks{})
	got, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"no_sign_date":1,` +
		`"publish":{"article":"政府采购法实施条例第五十条","workdays":2,"due":4,"met":1,"late":2,"missing":0,"not_yet_due":1,"acknowledged":0,"overdue":[` +
		`{"contract":"B","due":"2024-10-08T00:00:00Z","done":"2024-10-10T00:00:00Z","days":2},` +
		`{"contract":"C","due":"2024-10-08T00:00:00Z","done":"2024-10-11T00:00:00Z","days":3}]},` +
		`"filing":{"article":"政府采购法第四十七条","workdays":7,"due":4,"met":2,"late":0,"missing":1,"not_yet_due":1,"acknowledged":1,"overdue":[` +
		`{"contract":"C","due":"2024-10-14T00:00:00Z","days":4,"acknowledged":true}]}}`
	if string(got) != want {
		t.Errorf("tally\n got %s\nwant %s", got, want)
	}
	if n := d.Publish.MaxLateDays(); n != 3 {
		t.Errorf("most days late %d", n)
	}
}

// The compliance paragraph opens with the guideline and the deadlines, in
// the words and number formats of the rest of the narrative.
func TestNarrativeFigures(t *testing.T) {
	deadline := func(article string, days, due, met, late, missing, ahead, acked int, lateDays ...int) govbuy.ReportDeadline {
		d := govbuy.ReportDeadline{Article: article, Workdays: days, Due: due, Met: met, Late: late, Missing: missing, NotYetDue: ahead, Acknowledged: acked}
		for _, n := range lateDays {
			d.Overdue = append(d.Overdue, govbuy.ReportOverdue{Done: date("2024-10-10"), Days: n})
		}
		return d
	}
	const pub, fil = "政府采购法实施条例第五十条", "政府采购法第四十七条"
	hints := "经系统核对，本年度购买服务合同未发现合规提示事项。"
	tests := []struct {
		name      string
		social    govbuy.ReportSocialOrg
		deadlines govbuy.ReportDeadlines
		want      string
	}{
		{"the demo", govbuy.SocialOrgShare([]govbuy.ReportGroup{{Name: "社会组织", ContractAmount: 856_680_000}}, 4_057_914_750),
			govbuy.ReportDeadlines{Publish: deadline(pub, 2, 75, 74, 1, 0, 0, 0, 2), Filing: deadline(fil, 7, 75, 74, 0, 1, 0, 0)},
			"本年签订的合同中，向社会组织购买服务856.68万元，占合同金额的21.1%，未达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。" +
				"按政府采购法实施条例第五十条，应在2个工作日内公告的75份合同中，按时公告74份、逾期公告1份（逾期2个工作日）；" +
				"按政府采购法第四十七条，应在7个工作日内报财政部门备案的75份合同中，按时备案74份、逾期未备案1份。" + hints},
		{"guideline met, all on time", govbuy.SocialOrgShare([]govbuy.ReportGroup{{Name: "社会组织", ContractAmount: 300_000_00}}, 1_000_000_00),
			govbuy.ReportDeadlines{Publish: deadline(pub, 2, 3, 3, 0, 0, 0, 0), Filing: deadline(fil, 7, 3, 3, 0, 0, 0, 0)},
			"本年签订的合同中，向社会组织购买服务30万元，占合同金额的30.0%，已达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。" +
				"按政府采购法实施条例第五十条，应在2个工作日内公告的3份合同中，均按时公告；按政府采购法第四十七条，应在7个工作日内报财政部门备案的3份合同中，均按时备案。" + hints},
		{"nothing from 社会组织, several late, some acknowledged, one without a date",
			govbuy.SocialOrgShare(nil, 1_000_000_00),
			govbuy.ReportDeadlines{NoSignDate: 1, Publish: deadline(pub, 2, 6, 1, 2, 1, 2, 1, 3, 5), Filing: deadline(fil, 7, 6, 4, 0, 0, 2, 0)},
			"本年签订的合同中，未向社会组织购买服务，未达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。" +
				"按政府采购法实施条例第五十条，应在2个工作日内公告的6份合同中，按时公告1份、逾期公告2份（最长逾期5个工作日）、逾期未公告1份、尚未到期2份，逾期的3份中1份已说明理由；" +
				"按政府采购法第四十七条，应在7个工作日内报财政部门备案的6份合同中，按时备案4份、尚未到期2份。另有1份合同未记录签订日期，公告和备案时限无从核对。" + hints},
		{"no signing dates at all", govbuy.SocialOrgShare(nil, 1_000_000_00), govbuy.ReportDeadlines{NoSignDate: 2},
			"本年签订的合同中，未向社会组织购买服务，未达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。" +
				"本年签订的合同中有2份合同未记录签订日期，公告和备案时限无从核对。" + hints},
		{"nothing signed", govbuy.ReportSocialOrg{}, govbuy.NewReportDeadlines(), hints},
	}
	for _, tt := range tests {
		r := &govbuy.Report{Year: 2024, District: "示例区", SocialOrg: tt.social, Deadlines: tt.deadlines}
		got := govbuy.Narrative(r)
		if last := got[len(got)-1]; last != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, last, tt.want)
		}
	}
}

// Every figure the compliance paragraph states is in the model's JSON
// under the names DESIGN.md's "report --json" style uses.
func TestReportFiguresJSONNames(t *testing.T) {
	r := govbuy.Report{SocialOrg: govbuy.SocialOrgShare(nil, 1), Deadlines: govbuy.NewReportDeadlines()}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"social_org":{"amount_fen":0,"total_fen":1,"share_permille":0,"guideline_permille":300,"meets_guideline":false,`,
		`"deadlines":{"no_sign_date":0,"publish":{"article":"政府采购法实施条例第五十条","workdays":2,"due":0,"met":0,"late":0,"missing":0,"not_yet_due":0,"acknowledged":0,"overdue":[]}`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
}
