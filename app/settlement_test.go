package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

func demoUI(t *testing.T) (*UI, *store.DB) {
	t.Helper()
	return newTestUI(t, func(_ *UI, db *store.DB) {
		if err := db.LoadDataset(context.Background(), assets.Demo(), false); err != nil {
			t.Fatal(err)
		}
	})
}

func contractID(t *testing.T, db *store.DB, number string) int64 {
	t.Helper()
	c, err := db.FindContractByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func TestAssessmentScreenShowsTotalGradeAndPayableLive(t *testing.T) {
	u, db := demoUI(t)
	showScreen(t, u, 3)
	s := u.screens[3].screen.(*assessmentsScreen)
	onUI(u, func() { s.contract.set(choice{id: contractID(t, db, "YX2024-042")}) }) // road upkeep, lot 1
	waitIdle(t, u)
	if len(s.scores) != 5 || s.period.Selected != "2024年第1季度" {
		t.Fatalf("criteria %d, period %q", len(s.scores), s.period.Selected)
	}
	onUI(u, func() {
		for i := range s.scores {
			s.scores[i].SetText("")
			s.reasons[i].SetText("")
		}
		test.Type(s.scores[0], "25.5") // 路面保洁, 30 points
		test.Type(s.reasons[0], "路面积土未及时清理")
	})
	want := "2024年第1季度得分95.5（优），按比例支付95.5%：本期基数245,000.00元，应付233,975.00元，扣减11,025.00元"
	if s.live.Text != want {
		t.Errorf("live = %q\nwant %q", s.live.Text, want)
	}
	onUI(u, func() { s.scores[4].SetText("12") }) // 内业资料 holds 10 points
	if !strings.Contains(s.live.Text, "超过该项分值10") {
		t.Errorf("live = %q, want the score-above-points message", s.live.Text)
	}
	before, _ := db.FindAssessments(context.Background(), s.row.ID)
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	after, _ := db.FindAssessments(context.Background(), s.row.ID)
	if after[0].Score != before[0].Score {
		t.Errorf("an invalid score was saved: %s → %s", before[0].Score, after[0].Score)
	}
}

func TestPaymentAbovePayableNeedsAReason(t *testing.T) {
	u, db := demoUI(t)
	showScreen(t, u, 4)
	s := u.screens[4].screen.(*paymentsScreen)
	id := contractID(t, db, "YX2024-042")
	onUI(u, func() { s.contract.set(choice{id: id}) })
	waitIdle(t, u)
	if len(s.settlement.Periods) != 4 {
		t.Fatalf("%d periods", len(s.settlement.Periods))
	}
	onUI(u, func() {
		s.period.SetSelectedIndex(1) // Q2: already paid what its score makes payable
		test.Type(s.amount, "1000")
		s.savePayment()
	})
	waitIdle(t, u)
	if !s.reasonAt.label.Visible() || !strings.Contains(s.reasonAt.msg.Text, "请填写超付原因") {
		t.Fatalf("reason field visible %v, message %q", s.reasonAt.label.Visible(), s.reasonAt.msg.Text)
	}
	ps, _ := db.FindPayments(context.Background(), id)
	onUI(u, func() {
		test.Type(s.reason, "补付上季度误扣款")
		s.savePayment()
	})
	waitIdle(t, u)
	after, _ := db.FindPayments(context.Background(), id)
	if len(after) != len(ps)+1 || after[len(after)-1].OverReason != "补付上季度误扣款" {
		t.Errorf("payments %d → %d; last %+v", len(ps), len(after), after[len(after)-1])
	}
}

func TestPaymentsScreenShowsTheHiringHint(t *testing.T) {
	u, db := demoUI(t)
	showScreen(t, u, 4)
	s := u.screens[4].screen.(*paymentsScreen)
	onUI(u, func() { s.contract.set(choice{id: contractID(t, db, "YX2024-002")}) }) // 社区工作者, 公开招聘
	waitIdle(t, u)
	found := false
	for _, h := range s.settlement.Hints {
		found = found || h.Rule == "hiring" && h.Article == "第十条"
	}
	if !found || len(s.hints.Objects) == 0 {
		t.Errorf("hints = %+v", s.settlement.Hints)
	}
	if s.settlement.Paid != s.settlement.Amount {
		t.Errorf("a post paid in full: paid %s of %s", s.settlement.Paid, s.settlement.Amount)
	}
}

func TestPlanEditorReadsBandsAndInstallments(t *testing.T) {
	test.NewTempApp(t)
	tmpl := govbuy.PlanTemplate("E03")
	f := newPlanFields(&tmpl)
	if f.payBands.Text != "95=100\n85=98\n75=95\n60=90\n0=70" || f.grades.Text != "90,80,60" {
		t.Fatalf("filled: bands %q, grades %q", f.payBands.Text, f.grades.Text)
	}
	f.grades.SetText("92,82,65")
	f.installments.SetText("2024H1=600000\n2024年下半年=400,000.50")
	p, err := f.plan(7)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Bands.Excellent != 920 || len(p.Rule.Bands) != 5 || p.Rule.Bands[1].Rate != 9800 ||
		p.Installments["2024H1"] != 60_000_000 || p.Installments["2024H2"] != 40_000_050 {
		t.Errorf("plan = %+v", p)
	}
	f.payBands.SetText("95=100\n95=98")
	p, _ = f.plan(7)
	if err := p.Validate(); govbuy.ErrorField(err) != "支付档次" {
		t.Errorf("overlapping bands: %v", err)
	}
	f.criteria.SetText("路面保洁 30")
	if _, err := f.plan(7); govbuy.ErrorField(err) != "考核指标" {
		t.Errorf("unreadable criteria: %v", err)
	}
}

func TestContractAndContractorEditorsShowSettlementAndStanding(t *testing.T) {
	u, db := demoUI(t)
	ctx := context.Background()
	id := contractID(t, db, "YX2024-002")
	st, err := db.ContractSettlement(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	text := settlementText(st, nil)
	for _, want := range []string{"合同金额1,032,000.00元", "2024年度得分92.5（优）", "※第十条"} {
		if !strings.Contains(text, want) {
			t.Errorf("contract settlement lacks %q:\n%s", want, text)
		}
	}
	row, _ := db.FindContractByID(ctx, id)
	standing, err := db.ContractorStanding(ctx, row.ContractorID)
	if err != nil {
		t.Fatal(err)
	}
	if text := standingText(standing, nil); !strings.Contains(text, "2024年：平均") || !strings.Contains(text, "最近：2024年度") {
		t.Errorf("standing = %q", text)
	}
	showScreen(t, u, 2)
	onUI(u, func() { u.screens[2].screen.(*contractsScreen).showForm(*row) })
	waitIdle(t, u)
}

func TestLargePaymentWaitsForAnotherPersonsApproval(t *testing.T) {
	u, db := demoUI(t)
	bg := context.Background()
	admin, err := db.CreateUser(bg, "王管理", govbuy.RoleAdmin, "admin-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	asAdmin := govbuy.WithUser(bg, admin)
	clerk, _ := db.CreateUser(asAdmin, "李录入", govbuy.RoleClerk, "clerk-pass-1")
	reviewer, _ := db.CreateUser(asAdmin, "赵审核", govbuy.RoleReviewer, "review-pass-1")
	if err := db.SetApprovalThreshold(asAdmin, 100_000); err != nil {
		t.Fatal(err)
	}
	showScreen(t, u, 4)
	s := u.screens[4].screen.(*paymentsScreen)
	id := contractID(t, db, "YX2024-043")
	before, _ := db.FindPayments(bg, id)
	u.sh.ctx = govbuy.WithUser(bg, clerk)
	onUI(u, func() { s.contract.set(choice{id: id}) })
	waitIdle(t, u)
	onUI(u, func() {
		s.period.SetSelectedIndex(2)
		test.Type(s.amount, "2000")
		test.Type(s.reason, "补付")
		s.savePayment()
	})
	waitIdle(t, u)
	if after, _ := db.FindPayments(bg, id); len(after) != len(before) {
		t.Fatalf("a payment above the approval amount was recorded at once")
	}
	if len(s.requests.Objects) != 2 { // the heading and one request
		t.Fatalf("%d rows in the approval list", len(s.requests.Objects))
	}
	reqs, _ := db.FindPaymentRequests(bg)
	u.sh.ctx = govbuy.WithUser(bg, reviewer)
	onUI(u, func() { s.approve(reqs[0].ID) })
	waitIdle(t, u)
	if after, _ := db.FindPayments(bg, id); len(after) != len(before)+1 || after[len(after)-1].Amount != 200_000 {
		t.Errorf("after approval: %d payments", len(after))
	}
	if len(s.requests.Objects) != 0 {
		t.Errorf("approval list still shows %d rows", len(s.requests.Objects))
	}
}
