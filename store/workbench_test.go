package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// dueLines is what a test reads of a list: each item's contract, period
// and label.
func dueLines(l *govbuy.DueList) []string {
	var out []string
	for _, it := range l.Items {
		out = append(out, fmt.Sprintf("%s %s %s", it.ContractNumber, it.Period, it.Label()))
	}
	return out
}

// demoWorkbench loads the demo district and reads its workbench on 15
// January 2025, when the 2024 figures are all in.
func demoWorkbench(t *testing.T) (*store.DB, *govbuy.Workbench) {
	t.Helper()
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2025, 1, 15, 9, 30, 0, 0, time.UTC) }
	w, err := db.Workbench(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return db, w
}

// The year at a glance is the report's: the same contracts, amount,
// payable and paid, on the demo district exactly the published figures.
func TestWorkbenchCountsAreTheReportsOnTheDemo(t *testing.T) {
	db, w := demoWorkbench(t)
	r, err := db.Report(context.Background(), assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	g := w.Glance
	if g.Year != assets.DemoYear || !slices.Equal(w.Years, []int{assets.DemoYear}) || g.Closed {
		t.Fatalf("glance of %d (closed %v), years %v", g.Year, g.Closed, w.Years)
	}
	if g.Contracts != r.Totals.Contracts || g.ContractAmount != r.Totals.ContractAmount ||
		g.Payable != r.Totals.Payable || g.Paid != r.Totals.Paid {
		t.Errorf("glance %d contracts, %s amount, %s payable, %s paid; report %+v",
			g.Contracts, g.ContractAmount, g.Payable, g.Paid, r.Totals)
	}
	if g.Contracts != 75 || g.ContractAmount != 4_057_914_750 || g.Paid != assets.DemoPaid || g.Payable != assets.DemoPaid {
		t.Errorf("glance %d contracts, %s amount, %s payable, %s paid", g.Contracts, g.ContractAmount, g.Payable, g.Paid)
	}
	// The demo pays each quarter ten days after it ends and what falls due
	// after the year on 31 December.
	months := [12]govbuy.Money{3: 923_910_003, 6: 1_090_925_003, 9: 921_624_997, 11: 1_092_839_997}
	if g.PaidByMonth != months {
		t.Errorf("paid by month %v, want %v", g.PaidByMonth, months)
	}
	if share, ok := g.SharePaid(); !ok || share != govbuy.FullRate {
		t.Errorf("share paid %s %v", share, ok)
	}
}

// On 15 January 2025 the demo has the balancing back-office post's four
// quarters unassessed (it was paid in full without a score), nothing
// unpaid, and the report's warnings as its hints.
func TestWorkbenchDueOnTheDemo(t *testing.T) {
	db, w := demoWorkbench(t)
	ctx := context.Background()
	assess := []string{
		"YX2024-075 2024Q1 2024年第1季度已于2024-03-31结束290天，尚未考核",
		"YX2024-075 2024Q2 2024年第2季度已于2024-06-30结束199天，尚未考核",
		"YX2024-075 2024Q3 2024年第3季度已于2024-09-30结束107天，尚未考核",
		"YX2024-075 2024Q4 2024年第4季度已于2024-12-31结束15天，尚未考核",
	}
	if got := dueLines(w.Due[govbuy.DueAssess]); !slices.Equal(got, assess) {
		t.Errorf("to assess\n got %q\nwant %q", got, assess)
	}
	for _, k := range []govbuy.DueKind{govbuy.DuePay, govbuy.DueApprove, govbuy.DueContractEnd, govbuy.DueQualification} {
		if l := w.Due[k]; l.Total != 0 {
			t.Errorf("%s: %d due: %q", k, l.Total, dueLines(l))
		}
	}
	r, err := db.Report(ctx, assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	var warnings, hints []string
	for _, x := range r.Warnings {
		warnings = append(warnings, x.Contract+" "+x.Rule+"："+x.Message)
	}
	for _, it := range w.Due[govbuy.DueHint].Items {
		hints = append(hints, it.ContractNumber+" "+it.Subject)
	}
	slices.Sort(warnings)
	slices.Sort(hints)
	if len(hints) != 32 || !slices.Equal(hints, warnings) {
		t.Errorf("hints\n %q\nreport's warnings\n %q", hints, warnings)
	}

	if got := w.Blockers.Summary(); got != "2024年度尚有4个期间未考核。" {
		t.Errorf("blockers: %s", got)
	}
	if got := dueLines(w.Blockers.Unassessed); !slices.Equal(got, assess) {
		t.Errorf("blocking the close\n got %q\nwant %q", got, assess)
	}
	b, err := db.YearCloseBlockers(ctx, assets.DemoYear, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b, w.Blockers) {
		t.Errorf("YearCloseBlockers %+v, the workbench's %+v", b, w.Blockers)
	}
}

// dueFixture is a district on 15 August 2025 with something in every list:
// a road contract with its first quarter scored and part paid and its
// second not assessed, a 300万元 green-space contract without a plan that
// ends on 30 September and was bought without open tender, a terminated
// contract, a 2024 contract in the closed year, qualifications running
// out (before two contracts end: hints of their own), and a payment
// waiting for approval.
func dueFixture(t *testing.T) *store.DB {
	t.Helper()
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区交通运输局")
	roads := mustContractor(t, db, "路桥养护公司", govbuy.TypeEnterprise, creditCode(t, 1))
	green := mustContractor(t, db, "云溪园林绿化有限公司", govbuy.TypeEnterprise, creditCode(t, 2))
	old := mustContractor(t, db, "旧承接公司", govbuy.TypeEnterprise, creditCode(t, 3))
	quals := map[*govbuy.Contractor]govbuy.Qualification{
		roads: {Kind: "安全生产许可证", Expiry: govbuy.Day(2025, 8, 1)},
		green: {Kind: "城市园林绿化企业资质", Level: "三级", Expiry: govbuy.Day(2025, 9, 30)},
		old:   {Kind: "安全生产许可证", Expiry: govbuy.Day(2025, 7, 1)}, // no contract in force
	}
	for k, q := range quals {
		k.Qualifications = []govbuy.Qualification{q}
		if err := db.UpdateContractor(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	quarterly := func(c *govbuy.Contract) {
		t.Helper()
		if err := db.SavePlan(ctx, &govbuy.AssessmentPlan{ContractID: c.ID, Period: govbuy.PeriodQuarter,
			Criteria: []govbuy.Criterion{{Name: "路面保洁", Points: 600}, {Name: "安全设施", Points: 400}},
			Rule:     govbuy.PaymentRule{Kind: govbuy.RuleProportional}}); err != nil {
			t.Fatal(err)
		}
	}
	road := mustContract(t, db, newContract("GL-2025-01", 2025, u, roads, 40_000_000))
	quarterly(road)
	if err := db.CreateAssessment(ctx, &govbuy.Assessment{ContractID: road.ID, Period: "2025Q1", Items: []govbuy.ItemScore{
		{Criterion: "路面保洁", Score: 500, Reason: "路面积土"}, {Criterion: "安全设施", Score: 400}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreatePayment(ctx, &govbuy.Payment{ContractID: road.ID, Period: "2025Q1", Date: govbuy.Day(2025, 4, 10), Amount: 5_000_000}); err != nil {
		t.Fatal(err)
	}
	park := newContract("LH-2025-02", 2025, u, green, 300_000_000)
	park.End = govbuy.Day(2025, 9, 30)
	mustContract(t, db, park)
	stopped := newContract("ZZ-2025-03", 2025, u, green, 8_000_000)
	stopped.Status = govbuy.StatusTerminated
	quarterly(mustContract(t, db, stopped))
	quarterly(mustContract(t, db, newContract("GL-2024-09", 2024, u, roads, 40_000_000)))
	if err := db.CloseYear(ctx, 2024); err != nil {
		t.Fatal(err)
	}

	db.Now = func() time.Time { return time.Date(2025, 8, 15, 9, 30, 0, 0, time.UTC) }
	admin, err := db.CreateUser(ctx, "王管理", govbuy.RoleAdmin, "admin-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	asAdmin := govbuy.WithUser(ctx, admin)
	clerk, err := db.CreateUser(asAdmin, "李录入", govbuy.RoleClerk, "clerk-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetApprovalThreshold(asAdmin, 1_000_000); err != nil {
		t.Fatal(err)
	}
	asked := &govbuy.Payment{ContractID: road.ID, Period: "2025Q2", Date: govbuy.Day(2025, 8, 14), Amount: 6_000_000}
	if err := db.CreatePayment(govbuy.WithUser(ctx, clerk), asked); err != nil || !asked.PendingApproval {
		t.Fatalf("payment for approval: %v, pending %v", err, asked.PendingApproval)
	}
	return db
}

func TestWorkbenchListsWhatIsDue(t *testing.T) {
	db := dueFixture(t)
	ctx := context.Background()
	w, err := db.Workbench(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[govbuy.DueKind][]string{
		govbuy.DueAssess: {"GL-2025-01 2025Q2 2025年第2季度已于2025-06-30结束46天，尚未考核"},
		govbuy.DuePay:    {"GL-2025-01 2025Q1 2025年第1季度得分90，应付90,000.00元，已付50,000.00元，未付40,000.00元"},
		govbuy.DueApprove: {
			"GL-2025-01 2025Q2 李录入于2025-08-15申请支付60,000.00元（2025年第2季度），待审批"},
		govbuy.DueContractEnd: {"LH-2025-02  合同将于2025-09-30到期（还有46天）"},
		govbuy.DueQualification: {
			"  “路桥养护公司”的安全生产许可证已于2025-08-01过期，仍有合同在执行",
			"  “云溪园林绿化有限公司”的城市园林绿化企业资质三级将于2025-09-30到期（还有46天）",
		},
		govbuy.DueHint: {
			"GL-2025-01  第七条：资质“安全生产许可证”于2025-08-01到期，早于合同结束",
			"LH-2025-02  政府采购法第二十七条：合同金额300.00万元，达到公开招标数额标准200.00万元，但采用“定向委托”方式",
			"ZZ-2025-03  第七条：资质“城市园林绿化企业资质”于2025-09-30到期，早于合同结束",
		},
	}
	for _, k := range govbuy.DueKinds {
		if got := dueLines(w.Due[k]); !slices.Equal(got, want[k]) || w.Due[k].Total != len(want[k]) {
			t.Errorf("%s (%d)\n got %q\nwant %q", k, w.Due[k].Total, got, want[k])
		}
	}

	r, err := db.Report(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	g := w.Glance
	// Payable: the road's scored quarter 90,000.00 and three unassessed
	// ones at their base, the park in full, the terminated contract's base.
	if g.Year != 2025 || g.Contracts != 3 || g.ContractAmount != 348_000_000 || g.Payable != 347_000_000 || g.Paid != 5_000_000 ||
		g.Payable != r.Totals.Payable || g.ContractAmount != r.Totals.ContractAmount || g.PaidByMonth[3] != 5_000_000 {
		t.Errorf("glance %+v; report %+v", g, r.Totals)
	}
	if share, _ := g.SharePaid(); share.String() != "1.44%" {
		t.Errorf("share paid %s", share)
	}
	if got := w.Blockers.Summary(); got != "2025年度尚有3个期间未考核、2个期间未付清、1笔付款待审批。" {
		t.Errorf("blockers: %s", got)
	}
	unpaid := []string{
		"GL-2025-01 2025Q1 2025年第1季度得分90，应付90,000.00元，已付50,000.00元，未付40,000.00元",
		"LH-2025-02 2025 2025年度按合同金额应付3,000,000.00元，已付0.00元，未付3,000,000.00元",
	}
	if got := dueLines(w.Blockers.Unpaid); !slices.Equal(got, unpaid) {
		t.Errorf("unpaid\n got %q\nwant %q", got, unpaid)
	}

	// The closed year is shown as closed; what is due does not change with
	// the year looked at.
	closed, err := db.Workbench(ctx, 2024, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !closed.Glance.Closed || closed.Glance.Contracts != 1 || closed.Blockers.Summary() != "2024年度已结账。" || !closed.Blockers.Empty() {
		t.Errorf("2024: glance %+v, blockers %s", closed.Glance, closed.Blockers.Summary())
	}
	if !reflect.DeepEqual(closed.Due, w.Due) {
		t.Error("the lists due changed with the year at a glance")
	}
	b, err := db.YearCloseBlockers(ctx, 2025, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b, w.Blockers) {
		t.Errorf("YearCloseBlockers %s, the workbench's %s", b.Summary(), w.Blockers.Summary())
	}
}

// A list keeps its first items, the longest due first, and counts the
// rest.
func TestWorkbenchKeepsTheFirstItemsOfALongList(t *testing.T) {
	db := dueFixture(t)
	w, err := db.Workbench(context.Background(), 2025, 1)
	if err != nil {
		t.Fatal(err)
	}
	l := w.Blockers.Unassessed
	if got := dueLines(l); l.Total != 3 || l.More() != 2 || !slices.Equal(got, []string{"GL-2025-01 2025Q2 2025年第2季度已于2025-06-30结束46天，尚未考核"}) {
		t.Errorf("%d unassessed, %d more: %q", l.Total, l.More(), got)
	}
	if q := w.Due[govbuy.DueQualification]; q.Total != 2 || len(q.Items) != 1 || q.Items[0].ContractorName != "路桥养护公司" {
		t.Errorf("qualifications: %d, kept %+v", q.Total, q.Items)
	}
}

func TestWorkbenchOfAnEmptyDatabase(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	w, err := db.Workbench(ctx, 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Years) != 0 || w.Glance != (govbuy.YearGlance{Year: testNow.Year()}) || !w.Blockers.Empty() {
		t.Errorf("years %v, glance %+v, blockers %s", w.Years, w.Glance, w.Blockers.Summary())
	}
	for _, k := range govbuy.DueKinds {
		if w.Due[k].Total != 0 {
			t.Errorf("%s: %d due", k, w.Due[k].Total)
		}
	}
	for _, year := range []int{1989, 2101} {
		if _, err := db.Workbench(ctx, year, 0); govbuy.ErrorField(err) != "年度" {
			t.Errorf("workbench of %d: %v", year, err)
		}
		if _, err := db.YearCloseBlockers(ctx, year, 0); govbuy.ErrorField(err) != "年度" {
			t.Errorf("blockers of %d: %v", year, err)
		}
	}
}
