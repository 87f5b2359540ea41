package govbuy_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"govbuy"
)

// dueLine is what a test reads of an item: its kind, period and label.
func dueLine(it govbuy.DueItem) string {
	return fmt.Sprintf("%s %s %s", it.Kind, it.Period, it.Label())
}

func dueLines(items []govbuy.DueItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, dueLine(it))
	}
	return out
}

func TestSettlementDue(t *testing.T) {
	// 400,000.00 yuan by quarter, paid in proportion to the score:
	// 100,000.00 a quarter.
	plan := quarterly(govbuy.PaymentRule{Kind: govbuy.RuleProportional})
	day := govbuy.Day(2024, 8, 15)
	tests := []struct {
		name             string
		plan             *govbuy.AssessmentPlan
		status           govbuy.Status
		assessments      []govbuy.Assessment
		payments         []govbuy.Payment
		due, unsettled   []string
		dueDays, payable []int // of the due items, in order
	}{
		{
			name: "the ended quarters: one scored and part paid, one not assessed",
			plan: plan, status: govbuy.StatusActive,
			assessments: scores("2024Q1", 900), payments: paid("2024Q1", 5_000_000),
			due: []string{
				"pay 2024Q1 2024年第1季度得分90，应付90,000.00元，已付50,000.00元，未付40,000.00元",
				"assess 2024Q2 2024年第2季度已于2024-06-30结束46天，尚未考核",
			},
			unsettled: []string{
				"pay 2024Q1 2024年第1季度得分90，应付90,000.00元，已付50,000.00元，未付40,000.00元",
				"assess 2024Q2 2024年第2季度已于2024-06-30结束46天，尚未考核",
				"assess 2024Q3 2024年第3季度已于2024-09-30结束，尚未考核",
				"assess 2024Q4 2024年第4季度已于2024-12-31结束，尚未考核",
			},
			dueDays: []int{137, 46},
		},
		{
			name: "paid in full and assessed: nothing due, the later quarters still open",
			plan: plan, status: govbuy.StatusActive,
			assessments: scores("2024Q1", 900, "2024Q2", 1000), payments: paid("2024Q1", 9_000_000, "2024Q2", 10_000_000),
			unsettled: []string{
				"assess 2024Q3 2024年第3季度已于2024-09-30结束，尚未考核",
				"assess 2024Q4 2024年第4季度已于2024-12-31结束，尚未考核",
			},
		},
		{
			name: "a terminated contract is not assessed any more, but what a score made payable is owed",
			plan: plan, status: govbuy.StatusTerminated,
			assessments: scores("2024Q1", 800),
			due:         []string{"pay 2024Q1 2024年第1季度得分80，应付80,000.00元，已付0.00元，未付80,000.00元"},
			unsettled:   []string{"pay 2024Q1 2024年第1季度得分80，应付80,000.00元，已付0.00元，未付80,000.00元"},
			dueDays:     []int{137},
		},
		{
			name: "without a plan: payable in full, due once its year is over",
			plan: nil, status: govbuy.StatusActive,
			payments:  paid("", 10_000_000),
			unsettled: []string{"pay 2024 2024年度按合同金额应付400,000.00元，已付100,000.00元，未付300,000.00元"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &govbuy.Contract{ID: 7, Number: "YX2024-007", Title: "农村公路养护", Year: 2024, Amount: 40_000_000, Status: tt.status}
			s := govbuy.Settle(c, tt.plan, tt.assessments, tt.payments)
			due := s.DueOn(nil, c, day)
			if got := dueLines(due); !slices.Equal(got, tt.due) {
				t.Errorf("due\n got %q\nwant %q", got, tt.due)
			}
			if got := dueLines(s.Unsettled(nil, c, day)); !slices.Equal(got, tt.unsettled) {
				t.Errorf("unsettled\n got %q\nwant %q", got, tt.unsettled)
			}
			for i, it := range due {
				if it.ContractNumber != "YX2024-007" || it.ContractID != 7 || it.Days != tt.dueDays[i] {
					t.Errorf("item %d: contract %s (%d), %d days; want %d days", i, it.ContractNumber, it.ContractID, it.Days, tt.dueDays[i])
				}
			}
		})
	}
	// The year of a contract without a plan counts as due the day after it
	// ends.
	c := &govbuy.Contract{ID: 8, Number: "YX2024-008", Year: 2024, Amount: 100, Status: govbuy.StatusActive}
	s := govbuy.Settle(c, nil, nil, nil)
	if got := s.DueOn(nil, c, govbuy.Day(2024, 12, 31)); len(got) != 0 {
		t.Errorf("due on the year's last day: %q", dueLines(got))
	}
	if got := dueLines(s.DueOn(nil, c, govbuy.Day(2025, 1, 1))); !slices.Equal(got, []string{"pay 2024 2024年度按合同金额应付1.00元，已付0.00元，未付1.00元"}) {
		t.Errorf("due the day after: %q", got)
	}
}

func TestEndingAndQualificationsDue(t *testing.T) {
	day := govbuy.Day(2025, 1, 15)
	contract := func(status govbuy.Status, end time.Time) *govbuy.Contract {
		return &govbuy.Contract{ID: 3, Number: "YX2025-003", Title: "公园绿地养护", Status: status, End: end}
	}
	endings := []struct {
		name  string
		c     *govbuy.Contract
		label string // "" when not due
		run   bool
	}{
		{"ends today", contract(govbuy.StatusActive, day), "合同将于2025-01-15到期（今天）", true},
		{"ends in 60 days", contract(govbuy.StatusActive, govbuy.Day(2025, 3, 16)), "合同将于2025-03-16到期（还有60天）", true},
		{"ends in 61 days", contract(govbuy.StatusActive, govbuy.Day(2025, 3, 17)), "", true},
		{"ended yesterday", contract(govbuy.StatusActive, govbuy.Day(2025, 1, 14)), "", false},
		{"completed", contract(govbuy.StatusCompleted, govbuy.Day(2025, 2, 1)), "", false},
		{"no end date", contract(govbuy.StatusActive, time.Time{}), "", true},
	}
	for _, tt := range endings {
		it, ok := govbuy.EndingDue(tt.c, day)
		if got := map[bool]string{true: it.Label()}[ok]; got != tt.label {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.label)
		}
		if ok && (it.Kind != govbuy.DueContractEnd || it.ContractNumber != "YX2025-003") {
			t.Errorf("%s: item %+v", tt.name, it)
		}
		if got := tt.c.RunningOn(day); got != tt.run {
			t.Errorf("%s: running %v, want %v", tt.name, got, tt.run)
		}
	}

	k := &govbuy.Contractor{ID: 5, Name: "云溪园林绿化有限公司", Qualifications: []govbuy.Qualification{
		{Kind: "城市园林绿化企业资质", Level: "三级", Expiry: govbuy.Day(2025, 2, 28)},
		{Kind: "安全生产许可证", Expiry: govbuy.Day(2025, 1, 5)},
		{Kind: "营业执照"},
		{Kind: "建筑业企业资质", Level: "二级", Expiry: govbuy.Day(2025, 6, 30)},
	}}
	quals := []struct {
		running bool
		want    []string
	}{
		{false, []string{"qualification  “云溪园林绿化有限公司”的城市园林绿化企业资质三级将于2025-02-28到期（还有44天）"}},
		{true, []string{
			"qualification  “云溪园林绿化有限公司”的城市园林绿化企业资质三级将于2025-02-28到期（还有44天）",
			"qualification  “云溪园林绿化有限公司”的安全生产许可证已于2025-01-05过期，仍有合同在执行",
		}},
	}
	for _, tt := range quals {
		if got := dueLines(govbuy.QualificationsDue(k, tt.running, day)); !slices.Equal(got, tt.want) {
			t.Errorf("running %v:\n got %q\nwant %q", tt.running, got, tt.want)
		}
	}
}

func TestHintsAndApprovalsDue(t *testing.T) {
	c := &govbuy.Contract{ID: 1, Number: "YX2024-001", Title: "农村公路护路员", Year: 2024}
	hints := []govbuy.Hint{
		{Rule: "hiring", Article: "第十条", Message: "以“定向招聘”方式购买岗位120人"},
		{Rule: "tender", Article: "政府采购法第二十七条", Message: "合同金额230.40万元", Acknowledged: "经审批"},
	}
	if got := dueLines(govbuy.HintsDue(nil, c, hints)); !slices.Equal(got, []string{"hint  第十条：以“定向招聘”方式购买岗位120人"}) {
		t.Errorf("hints due %q", got)
	}
	r := govbuy.PaymentRequest{ID: 9, Author: "李录入", Payment: govbuy.Payment{Amount: 15_000_000, Period: "2024Q4", Date: govbuy.Day(2025, 1, 10)}}
	it := govbuy.ApprovalDue(c, r, govbuy.Day(2025, 1, 12), govbuy.Day(2025, 1, 15))
	if got := dueLine(it); got != "approve 2024Q4 李录入于2025-01-12申请支付150,000.00元（2024年第4季度），待审批" {
		t.Errorf("approval %q", got)
	}
	if it.RequestID != 9 || it.Days != 3 || it.Amount != 15_000_000 {
		t.Errorf("approval item %+v", it)
	}
	// A request blocks the year of its contract and the year it is dated in.
	for _, tt := range []struct {
		year int
		n    int
	}{{2023, 0}, {2024, 1}, {2025, 1}} {
		b := govbuy.NewYearCloseBlockers(tt.year, false, 0)
		b.AddRequest(c, r, it)
		if b.Requests.Total != tt.n {
			t.Errorf("%d: %d requests, want %d", tt.year, b.Requests.Total, tt.n)
		}
	}
}

func TestDueListKeepsTheFirstItems(t *testing.T) {
	var all []govbuy.DueItem
	for i := range 1000 {
		// Dates run backwards so the first ones added are the last kept.
		all = append(all, govbuy.DueItem{Kind: govbuy.DuePay, ContractNumber: fmt.Sprintf("C%04d", i%7),
			Period: "2024Q1", Date: govbuy.Day(2024, 1, 1).AddDate(0, 0, 1000-i/3)})
	}
	for _, limit := range []int{0, 1, 5, 200, 999, 1000, 2000} {
		l := &govbuy.DueList{Limit: limit}
		l.Add(all...)
		l.Finish()
		want := slices.Clone(all)
		govbuy.SortDue(want)
		if limit > 0 && limit < len(want) {
			want = want[:limit]
		}
		if l.Total != 1000 || !slices.Equal(l.Items, want) || l.More() != 1000-len(want) {
			t.Errorf("limit %d: total %d, kept %d (more %d), in order %v", limit, l.Total, len(l.Items), l.More(), slices.Equal(l.Items, want))
		}
	}
}

func TestYearGlanceSharePaid(t *testing.T) {
	tests := []struct {
		paid, payable govbuy.Money
		want          string
	}{
		{4_029_300_000, 4_029_300_000, "100%"},
		{2, 3, "66.67%"},
		{1, 3, "33.33%"},
		{1, 20_000, "0.01%"}, // half a basis point rounds up
		{1, 20_001, "0%"},
		{150, 100, "150%"},
		{0, 0, "—"},
	}
	for _, tt := range tests {
		g := govbuy.YearGlance{Paid: tt.paid, Payable: tt.payable}
		got := "—"
		if r, ok := g.SharePaid(); ok {
			got = r.String()
		}
		if got != tt.want {
			t.Errorf("%d of %d: %s, want %s", tt.paid, tt.payable, got, tt.want)
		}
	}
}

func TestYearCloseBlockersSummary(t *testing.T) {
	item := func(kind govbuy.DueKind) govbuy.DueItem { return govbuy.DueItem{Kind: kind} }
	tests := []struct {
		closed bool
		items  []govbuy.DueItem
		want   string
		empty  bool
	}{
		{false, nil, "2024年度的考核和支付均已办结，可以结账。", true},
		{true, nil, "2024年度已结账。", true},
		{false, []govbuy.DueItem{item(govbuy.DueAssess), item(govbuy.DueAssess), item(govbuy.DuePay)}, "2024年度尚有2个期间未考核、1个期间未付清。", false},
		{false, []govbuy.DueItem{item(govbuy.DuePay)}, "2024年度尚有1个期间未付清。", false},
	}
	for _, tt := range tests {
		b := govbuy.NewYearCloseBlockers(2024, tt.closed, 0)
		b.Add(tt.items)
		if got := b.Summary(); got != tt.want || b.Empty() != tt.empty {
			t.Errorf("summary %q (empty %v), want %q (%v)", got, b.Empty(), tt.want, tt.empty)
		}
	}
	b := govbuy.NewYearCloseBlockers(2024, false, 1)
	c := &govbuy.Contract{Year: 2024}
	b.AddRequest(c, govbuy.PaymentRequest{}, item(govbuy.DueApprove))
	if got := b.Summary(); got != "2024年度尚有1笔付款待审批。" {
		t.Errorf("summary %q", got)
	}
	// All lists them together, the unassessed first, counting what each
	// list left out.
	b.Add([]govbuy.DueItem{item(govbuy.DuePay), item(govbuy.DueAssess), item(govbuy.DueAssess)})
	b.Finish()
	all := b.All()
	var kinds []govbuy.DueKind
	for _, it := range all.Items {
		kinds = append(kinds, it.Kind)
	}
	if want := []govbuy.DueKind{govbuy.DueAssess, govbuy.DuePay, govbuy.DueApprove}; all.Total != 4 || all.More() != 1 || !slices.Equal(kinds, want) {
		t.Errorf("all: %d, %d more, %v", all.Total, all.More(), kinds)
	}
}

func TestDaysFromAndToday(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	// 01:30 in Beijing is still the day before in UTC: the officer's day
	// is the local one.
	if got := govbuy.Today(time.Date(2025, 1, 15, 1, 30, 0, 0, cst)); !got.Equal(govbuy.Day(2025, 1, 15)) {
		t.Errorf("today %v", got)
	}
	tests := []struct {
		date, day time.Time
		want      int
	}{
		{govbuy.Day(2024, 12, 31), govbuy.Day(2025, 1, 15), 15},
		{govbuy.Day(2025, 3, 16), govbuy.Day(2025, 1, 15), -60},
		{govbuy.Day(2024, 2, 28), govbuy.Day(2024, 3, 1), 2},
	}
	for _, tt := range tests {
		if got := govbuy.DaysFrom(tt.date, tt.day); got != tt.want {
			t.Errorf("%s to %s: %d, want %d", govbuy.FormatDate(tt.date), govbuy.FormatDate(tt.day), got, tt.want)
		}
	}
}
