package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/assets"
	"govbuy/internal/sysopen"
	"govbuy/store"
)

func demoUI(t *testing.T) (*UI, *store.DB) {
	t.Helper()
	return newTestUI(t, loadDemo(t))
}

func loadDemo(t *testing.T) func(*UI, *store.DB) {
	return func(_ *UI, db *store.DB) {
		if err := db.LoadDataset(context.Background(), assets.Demo(), false); err != nil {
			t.Fatal(err)
		}
	}
}

func contractID(t *testing.T, db *store.DB, number string) int64 {
	t.Helper()
	c, err := db.FindContractByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// typeScores types the scores (and reasons, where given) of an assessment,
// criterion by criterion.
func typeScores(s *assessmentsScreen, scores, reasons []string) {
	for i, r := range s.rows {
		r.score.SetText("")
		r.reason.SetText("")
		test.Type(r.score, scores[i])
		if i < len(reasons) {
			test.Type(r.reason, reasons[i])
		}
	}
}

func TestAssessmentScreenShowsTotalGradeAndPayableLive(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*assessmentsScreen](t, u)
	id := contractID(t, db, "YX2024-042") // road upkeep, lot 1: quarterly, proportional
	onUI(u, func() { s.contract.set(choice{id: id}) })
	waitIdle(t, u)
	if len(s.rows) != 5 || s.period.Selected != "2024年第1季度" || !s.entry.Visible() {
		t.Fatalf("criteria %d, period %q", len(s.rows), s.period.Selected)
	}
	before, _ := db.FindAssessments(context.Background(), id)
	onUI(u, func() {
		s.period.SetSelected("2024年第2季度")
		// 路面保洁 30, 路肩边沟 25, 桥涵构造物 20, 安全设施 15, 内业资料 10
		typeScores(s, []string{"25.5", "20", "20", "15", "6"}, []string{"", "边沟淤积", "", "", "台账不全"})
	})
	want := "2024年第2季度得分86.5（良），按比例支付86.5%：本期基数245,000.00元，应付211,925.00元，扣减33,075.00元"
	if s.live.Text != want {
		t.Errorf("live = %q\nwant %q", s.live.Text, want)
	}
	if m := s.rows[0].field.msg; m.Text != "扣4.5分，请填写扣分原因" {
		t.Errorf("missing reason: message %q", m.Text)
	}
	onUI(u, func() { test.Type(s.rows[0].reason, "路面积土未及时清理") })
	if m := s.rows[0].field.msg; m.Text != "" {
		t.Errorf("message %q stays after the reason is given", m.Text)
	}

	onUI(u, func() { s.rows[4].score.SetText("12") })
	if m := s.rows[4].field.msg; !strings.Contains(m.Text, "得分12超过该项分值10") {
		t.Errorf("score above points: message %q", m.Text)
	}
	if s.live.Text != "" {
		t.Errorf("a total is shown for a score above its points: %q", s.live.Text)
	}
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	if after, _ := db.FindAssessments(context.Background(), id); after[1].Score != before[1].Score {
		t.Errorf("an invalid score was saved: %s → %s", before[1].Score, after[1].Score)
	}
}

// TestAssessmentOfAPlanWithoutCriteriaTakesOneScore: a plan without
// criteria (the back-office posts, paid in full) is scored as one figure,
// required like a criterion, never saved as 0 分 (差) for want of a field.
func TestAssessmentOfAPlanWithoutCriteriaTakesOneScore(t *testing.T) {
	u, db := demoUI(t)
	ctx := context.Background()
	s := showScreen[*assessmentsScreen](t, u)
	id := contractID(t, db, "YX2024-075")
	onUI(u, func() { s.contract.set(choice{id: id}) })
	waitIdle(t, u)
	if s.whole == nil || len(s.rows) != 0 {
		t.Fatalf("criteria rows %d, whole score entry %v", len(s.rows), s.whole != nil)
	}
	onUI(u, func() { s.period.SetSelected("2024年第1季度") })
	if s.live.Text != "未评分：得分" {
		t.Errorf("live = %q before a score is typed", s.live.Text)
	}
	before, _ := db.FindAssessments(ctx, id)
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	if after, _ := db.FindAssessments(ctx, id); len(after) != len(before) {
		t.Fatalf("a blank score was saved: %+v", after)
	}
	if m := s.form.fields[govbuy.FieldScore].msg.Text; m != "未评分，请填写得分（满分100分）" {
		t.Errorf("blank score: message %q", m)
	}

	onUI(u, func() { test.Type(s.whole, "101") })
	if m := s.form.fields[govbuy.FieldScore].msg.Text; m != "得分应在0到100之间：“101”" || s.live.Text != "" {
		t.Errorf("score above 100: message %q, live %q", m, s.live.Text)
	}
	onUI(u, func() {
		s.whole.SetText("")
		test.Type(s.whole, "92")
	})
	if !strings.HasPrefix(s.live.Text, "2024年第1季度得分92（优），按100%支付：本期基数614,186.88元，应付614,186.88元") {
		t.Errorf("live = %q", s.live.Text)
	}
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	after, _ := db.FindAssessments(ctx, id)
	want, _ := govbuy.ParseScore("92")
	if len(after) != len(before)+1 || after[0].Period != "2024Q1" || after[0].Score != want || len(after[0].Items) != 0 {
		t.Fatalf("saved %+v", after)
	}
	onUI(u, func() {
		s.period.SetSelected("2024年第2季度")
		s.period.SetSelected("2024年第1季度")
	})
	if s.whole.Text != "92" {
		t.Errorf("the stored score reads back as %q", s.whole.Text)
	}
}

func TestPlanEditorThenFirstAssessment(t *testing.T) {
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db) // 1,200,000.00 yuan for 2024, no plan
	s := showScreen[*assessmentsScreen](t, u)
	onUI(u, func() { s.contract.set(choice{id: c.ID}) })
	waitIdle(t, u)
	if s.entry.Visible() || s.planBtn.Importance != widget.HighImportance || !strings.Contains(s.planInfo.Text, "尚未设置考核方案") {
		t.Fatalf("no plan offered: %q", s.planInfo.Text)
	}

	f := s.editPlan() // the default template: yearly, three criteria
	if f.sum.Text != "合计100分" {
		t.Errorf("sum %q", f.sum.Text)
	}
	f.criteria.rows[0].b.SetText("45")
	if f.sum.Text != "合计95分，应为100分" || f.sum.Importance != widget.DangerImportance {
		t.Errorf("sum %q", f.sum.Text)
	}
	test.Tap(f.save)
	waitIdle(t, u)
	if m := f.form.fields["考核指标"].msg.Text; !strings.Contains(m, "各项分值合计应为100分，实际为95分") {
		t.Errorf("criteria message %q", m)
	}
	if _, err := db.FindPlan(context.Background(), c.ID); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Fatalf("a plan was saved: %v", err)
	}

	f.criteria.rows[0].b.SetText("50")
	f.period.SetSelected(string(govbuy.PeriodQuarter))
	f.rule.SetSelected(govbuy.RuleProportional.Label())
	if !f.ruleFields[govbuy.RuleProportional].body.Visible() || f.ruleFields[govbuy.RuleThreshold].body.Visible() {
		t.Error("the shown parameters are not the proportional rule's")
	}
	f.floor.SetText("80")
	if len(f.installments.codes) != 4 {
		t.Fatalf("%d installment periods", len(f.installments.codes))
	}
	f.installments.entries["2024Q1"].SetText("300,000")
	test.Tap(f.save)
	waitIdle(t, u)
	p, err := db.FindPlan(context.Background(), c.ID)
	if err != nil {
		t.Fatalf("plan not saved: %v; form says %q", err, texts(f.form.content()))
	}
	if p.Period != govbuy.PeriodQuarter || p.Rule.Floor != 8000 || p.Installments["2024Q1"] != govbuy.Yuan(300_000) || p.Criteria[0].Points != 500 {
		t.Errorf("plan = %+v", p)
	}

	if !s.entry.Visible() || len(s.rows) != 3 {
		t.Fatalf("the screen does not offer the scores after the plan: %d rows", len(s.rows))
	}
	onUI(u, func() {
		typeScores(s, []string{"40", "30", "20"}, []string{"投诉两次"})
		s.assessor.SetText("区交通运输局考核组")
	})
	want := "2024年第1季度得分90（优），按比例支付90%：本期基数300,000.00元，应付270,000.00元，扣减30,000.00元"
	if s.live.Text != want {
		t.Errorf("live = %q\nwant %q", s.live.Text, want)
	}
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	as, _ := db.FindAssessments(context.Background(), c.ID)
	if len(as) != 1 || as[0].Score != 900 || as[0].Period != "2024Q1" || as[0].Items[0].Reason != "投诉两次" {
		t.Fatalf("assessments %+v", as)
	}
	if !strings.Contains(s.history.Text, "2024年第1季度　90（优）　区交通运输局考核组") {
		t.Errorf("history %q", s.history.Text)
	}
	// The period read back is the saved assessment: saving again changes it
	// and says so, even when nothing else on the screen moves.
	if s.save.Text != "保存修改" || !strings.HasPrefix(s.saved.Text, "已于") {
		t.Errorf("after saving: button %q, confirmation %q", s.save.Text, s.saved.Text)
	}
	onUI(u, func() { s.period.SetSelected("2024年第2季度") })
	if s.save.Text != "保存考核" || s.saved.Text != "" {
		t.Errorf("another period: button %q, confirmation %q", s.save.Text, s.saved.Text)
	}
}

func TestPlanEditorReadsBands(t *testing.T) {
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db)
	row, _ := db.FindContractByID(context.Background(), c.ID)
	tmpl := govbuy.PlanTemplate("E03") // half-yearly, banded
	f := showPlanForm(u.sh, db, row, &tmpl, func() {})
	if len(f.bands.rows) != 5 || f.bands.rows[1].a.Text != "85" || f.bands.rows[1].b.Text != "98" || f.grades[0].Text != "90" {
		t.Fatalf("bands not filled")
	}
	if !f.ruleFields[govbuy.RuleBanded].body.Visible() || f.ruleFields[govbuy.RuleProportional].body.Visible() {
		t.Error("the shown parameters are not the banded rule's")
	}
	f.grades[0].SetText("92")
	f.installments.entries["2024H2"].SetText("400,000.50")
	p, found := f.plan()
	if len(found) > 0 {
		t.Fatal(found)
	}
	if p.Bands.Excellent != 920 || len(p.Rule.Bands) != 5 || p.Rule.Bands[1].Rate != 9800 || p.Installments["2024H2"] != 40_000_050 {
		t.Errorf("plan = %+v", p)
	}
	f.bands.rows[1].a.SetText("95")
	test.Tap(f.save)
	waitIdle(t, u)
	if m := f.form.fields["支付档次"].msg.Text; !strings.Contains(m, "档次重叠") {
		t.Errorf("overlapping bands: message %q", m)
	}
	f.bands.rows[1].a.SetText("八十五")
	test.Tap(f.save)
	if m := f.form.fields["支付档次"].msg.Text; !strings.Contains(m, "第2档") {
		t.Errorf("unreadable band: message %q", m)
	}
}

func TestPaymentAbovePayableNeedsAReason(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*paymentsScreen](t, u)
	id := contractID(t, db, "YX2024-042")
	onUI(u, func() { s.contract.set(choice{id: id}) })
	waitIdle(t, u)
	if len(s.settlement.Periods) != 4 {
		t.Fatalf("%d periods", len(s.settlement.Periods))
	}
	k, _ := db.FindContractorByID(context.Background(), s.settlement.Contract.ContractorID)
	if k.Account == "" || s.account.Text != k.Account {
		t.Errorf("payee account %q, want the contractor's %q", s.account.Text, k.Account)
	}
	if s.reasonAt.msg.Text != "" {
		t.Errorf("the reason field says %q before it is needed", s.reasonAt.msg.Text)
	}
	onUI(u, func() {
		s.period.SetSelectedIndex(1) // Q2: already paid what its score makes payable
		test.Type(s.amount, "1000")
		s.savePayment()
	})
	waitIdle(t, u)
	if !strings.Contains(s.reasonAt.msg.Text, "1,000.00") || !strings.Contains(s.reasonAt.msg.Text, "请填写超付原因") {
		t.Fatalf("reason field message %q", s.reasonAt.msg.Text)
	}
	ps, _ := db.FindPayments(context.Background(), id)
	onUI(u, func() {
		test.Type(s.reason, "补付上季度误扣款")
		s.savePayment()
	})
	waitIdle(t, u)
	after, _ := db.FindPayments(context.Background(), id)
	added := slices.DeleteFunc(slices.Clone(after), func(p govbuy.Payment) bool {
		return slices.ContainsFunc(ps, func(o govbuy.Payment) bool { return o.ID == p.ID })
	})
	// A payment of a past quarter is dated its last day unless one is typed.
	want := govbuy.Payment{ContractID: id, Date: govbuy.Day(2024, 6, 30), Amount: govbuy.Yuan(1000), Period: "2024Q2", Account: k.Account, OverReason: "补付上季度误扣款"}
	if len(added) != 1 || added[0].ID == 0 || func() govbuy.Payment { p := added[0]; p.ID, p.Form = 0, govbuy.FormNumber{}; return p }() != want || added[0].Form.IsZero() {
		t.Errorf("payments %d → %d; added %+v, want %+v", len(ps), len(after), added, want)
	}
	if s.reasonAt.msg.Text != "" || s.reason.Text != "" || s.amount.Text != "" {
		t.Error("the form was not emptied for the next payment")
	}
	if !hasText(s.history, "（超付原因：补付上季度误扣款）") {
		t.Errorf("history shows %q", texts(s.history))
	}
}

func TestPaymentFormIsPrintedOnlyWhenTheWindowCan(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*paymentsScreen](t, u)
	if s.printB.Visible() {
		t.Error("print button shown without OnPrintPaymentForm")
	}

	var asked []FormRequest
	u, db = newTestUI(t, func(u *UI, db *store.DB) {
		loadDemo(t)(u, db)
		u.OnPrintPaymentForm = func(r FormRequest) (string, error) {
			asked = append(asked, r)
			return "/tmp/支付审批表.pdf", nil
		}
	})
	system := &fakeHandOff{handed: sysopen.OpenedInViewer}
	s = printingScreen(t, u, db, system, "YX2024-042")
	onUI(u, func() { s.period.SetSelectedIndex(2) })
	test.Tap(button(t, s.content, "打印支付审批表"))
	waitIdle(t, u)
	want := []FormRequest{{Contract: "YX2024-042", Period: "2024Q3"}}
	if !slices.Equal(asked, want) || !slices.Equal(system.printed, []string{"/tmp/支付审批表.pdf"}) ||
		!hasText(overlay(t, u), "已在PDF阅读器中打开，请从中打印。\n/tmp/支付审批表.pdf") {
		t.Errorf("asked %v, printed %q; dialog shows %q", asked, system.printed, texts(overlay(t, u)))
	}
}

// printingScreen is the 支付 screen showing a contract, handing what it
// prints to system.
func printingScreen(t *testing.T, u *UI, db *store.DB, system systemHandOff, contract string) *paymentsScreen {
	t.Helper()
	s := showScreen[*paymentsScreen](t, u)
	s.handOff = system
	onUI(u, func() { s.contract.set(choice{id: contractID(t, db, contract)}) })
	waitIdle(t, u)
	return s
}

// fakeHandOff stands in for the operating system's printing and file
// manager, recording what it was handed.
type fakeHandOff struct {
	handed            sysopen.Handed
	printErr, openErr error
	printed, folders  []string
}

func (f *fakeHandOff) Print(path string) (sysopen.Handed, error) {
	f.printed = append(f.printed, path)
	return f.handed, f.printErr
}

func (f *fakeHandOff) ShowFolder(path string) error {
	f.folders = append(f.folders, path)
	return f.openErr
}

// Each recorded payment prints its own form, named by its number.
func TestEachRecordedPaymentPrintsItsForm(t *testing.T) {
	var asked []FormRequest
	u, db := newTestUI(t, func(u *UI, db *store.DB) {
		loadDemo(t)(u, db)
		u.OnPrintPaymentForm = func(r FormRequest) (string, error) {
			asked = append(asked, r)
			return "/tmp/审批表.pdf", nil
		}
	})
	s := printingScreen(t, u, db, &fakeHandOff{handed: sysopen.SentToPrinter}, "YX2024-042")
	ps, err := db.FindPayments(context.Background(), s.settlement.Contract.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("payments %v, %v", ps, err)
	}
	if !hasText(s.history, "审批表 "+ps[0].Form.String()+"　"+paymentLine(ps[0])) {
		t.Errorf("history shows %q", texts(s.history))
	}
	var prints []*widget.Button
	walk(s.history, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "打印审批表" {
			prints = append(prints, b)
		}
	})
	if len(prints) != len(ps) {
		t.Fatalf("%d print buttons for %d payments", len(prints), len(ps))
	}
	test.Tap(prints[len(prints)-1])
	waitIdle(t, u)
	if !slices.Equal(asked, []FormRequest{{Payment: ps[len(ps)-1].ID}}) || !hasText(overlay(t, u), "已发送到默认打印机。\n/tmp/审批表.pdf") {
		t.Errorf("asked %v; dialog shows %q", asked, texts(overlay(t, u)))
	}
}

// Printing that the system will not take ends with the file's path, a
// button to its folder and one to copy the path; a folder that will not
// open either leaves the path copied.
func TestPrintingThatFailsSaysWhereTheFormIs(t *testing.T) {
	const path = "/tmp/govbuy-print-1/支付审批表-2024-0166.pdf"
	u, db := newTestUI(t, func(u *UI, db *store.DB) {
		loadDemo(t)(u, db)
		u.OnPrintPaymentForm = func(FormRequest) (string, error) { return path, nil }
	})
	system := &fakeHandOff{printErr: govbuy.Errorf(govbuy.EUnavailable, "", "系统中没有xdg-open"),
		openErr: govbuy.Errorf(govbuy.EUnavailable, "", "系统中没有xdg-open")}
	s := printingScreen(t, u, db, system, "YX2024-042")
	onUI(u, func() { s.period.SetSelectedIndex(1) })
	test.Tap(button(t, s.content, "打印支付审批表"))
	waitIdle(t, u)
	dlg := overlay(t, u)
	for _, want := range []string{"审批表已写出，但未能交给系统打印：系统中没有xdg-open。请用PDF阅读器打开它打印。", path} {
		if !hasText(dlg, want) {
			t.Errorf("the dialog lacks %q: %q", want, texts(dlg))
		}
	}
	test.Tap(button(t, dlg, "复制路径"))
	if got := fyne.CurrentApp().Clipboard().Content(); got != path {
		t.Errorf("copied %q", got)
	}
	fyne.CurrentApp().Clipboard().SetContent("")
	test.Tap(button(t, dlg, "打开所在文件夹"))
	waitIdle(t, u)
	if !slices.Equal(system.folders, []string{path}) || fyne.CurrentApp().Clipboard().Content() != path ||
		!hasText(dlg, "也未能打开文件夹（系统中没有xdg-open）。已复制文件路径，可粘贴到文件管理器或PDF阅读器中打开。") {
		t.Errorf("folders %q, clipboard %q; dialog %q", system.folders, fyne.CurrentApp().Clipboard().Content(), texts(dlg))
	}
}

func TestContractDetailsShowTheHiringHintToAcknowledge(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*contractsScreen](t, u)
	row, _ := db.FindContractByID(context.Background(), contractID(t, db, "YX2024-002")) // 社区工作者, 公开招聘
	var d *contractDetails
	onUI(u, func() { d = showContractDetails(u.sh, s.svc, *row, func() {}) })
	waitIdle(t, u)
	dlg := overlay(t, u)
	for _, want := range []string{"合同金额1,032,000.00元", "2024年度得分92.5（优）", "第十条：以“公开招聘”方式购买岗位", "已录入的考核", "已登记的支付"} {
		if !hasText(dlg, want) {
			t.Errorf("details lack %q:\n%q", want, texts(dlg))
		}
	}
	if !strings.HasPrefix(d.payments.Text, "2024-04-10　258,000.00元　2024年度　记-002-011\n") || strings.Count(d.payments.Text, "\n") != 3 {
		t.Errorf("payments %q", d.payments.Text)
	}

	test.Tap(button(t, d.hints.box, "确认"))
	form := overlay(t, u)
	reason := findEntry(t, form)
	test.Type(reason, "经区编办同意，属购买服务")
	test.Tap(button(t, form, "保存"))
	waitIdle(t, u)
	st, _ := db.ContractSettlement(context.Background(), row.ID)
	acknowledged := false
	for _, h := range st.Hints {
		acknowledged = acknowledged || h.Rule == "hiring" && h.Acknowledged == "经区编办同意，属购买服务"
	}
	if !acknowledged || !hasText(d.hints.box, "（已确认：经区编办同意，属购买服务）") {
		t.Errorf("hint not acknowledged: %+v; details show %q", st.Hints, texts(d.hints.box))
	}
}

// A contract without a plan is settled by its year; a quarter's score
// imported for it is shown as changing nothing payable, as the report
// lists it.
func TestContractDetailsShowAScoreOutsideTheSettlement(t *testing.T) {
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db) // 1,200,000.00 yuan for 2024, no plan
	if err := db.CreateAssessment(context.Background(), &govbuy.Assessment{ContractID: c.ID, Period: "2024Q1", Score: 910}); err != nil {
		t.Fatal(err)
	}
	row, _ := db.FindContractByID(context.Background(), c.ID)
	var d *contractDetails
	onUI(u, func() { d = showContractDetails(u.sh, db, *row, func() {}) })
	waitIdle(t, u)
	want := "未设置考核方案，按合同金额1,200,000.00元支付；已付0.00元\n2024年第1季度得分91（优），不是本合同的结算期间，不改变应付金额"
	if d.periods.Text != want {
		t.Errorf("periods\n%s\nwant\n%s", d.periods.Text, want)
	}
}

func TestContractListOpensDetailsAndEditsFromThere(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*contractsScreen](t, u)
	row, _ := db.FindContractByID(context.Background(), contractID(t, db, "YX2024-002"))
	onUI(u, func() { s.list.onOpen(*row) })
	waitIdle(t, u)
	test.Tap(button(t, overlay(t, u), "编辑"))
	waitIdle(t, u)
	if !hasText(overlay(t, u), "编辑合同") {
		t.Errorf("the editor did not open from the details: %q", texts(overlay(t, u)))
	}
}

func TestContractorEditorShowsStanding(t *testing.T) {
	u, db := demoUI(t)
	ctx := context.Background()
	row, _ := db.FindContractByID(ctx, contractID(t, db, "YX2024-042"))
	standing, err := db.ContractorStanding(ctx, row.ContractorID)
	if err != nil {
		t.Fatal(err)
	}
	if text := standingText(standing, nil); !strings.Contains(text, "2024年：平均") || !strings.Contains(text, "最近：2024年第4季度 95分（优）") {
		t.Errorf("standing = %q", text)
	}
	contractors := showScreen[*contractorsScreen](t, u)
	k, _ := db.FindContractorByID(ctx, row.ContractorID)
	onUI(u, func() { contractors.showForm(*k) })
	waitIdle(t, u)
	if !hasText(overlay(t, u), "最近：2024年第4季度 95分（优）") {
		t.Errorf("the editor does not show the standing: %q", texts(overlay(t, u)))
	}
}

// findEntry is the first entry under o.
func findEntry(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no entry")
	}
	return found
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
	s := showScreen[*paymentsScreen](t, u)
	id := contractID(t, db, "YX2024-043")
	const paid = "SELECT COUNT(*) FROM payments WHERE contract_id = ?"
	before := mustCount(t, db, paid, id)
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
	if after := mustCount(t, db, paid, id); after != before {
		t.Fatalf("a payment above the approval amount was recorded at once")
	}
	if len(s.requests.Objects) != 2 { // the heading and one request
		t.Fatalf("%d rows in the approval list", len(s.requests.Objects))
	}
	reqs, _ := db.FindPaymentRequests(bg)
	u.sh.ctx = govbuy.WithUser(bg, reviewer)
	onUI(u, func() { s.approve(reqs[0].ID) })
	waitIdle(t, u)
	after, err := db.FindPayments(bg, id)
	if err != nil || len(after) != before+1 || !slices.ContainsFunc(after, func(p govbuy.Payment) bool { return p.Amount == 200_000 && p.OverReason == "补付" }) {
		t.Errorf("after approval: %d payments %+v, %v", len(after), after, err)
	}
	if len(s.requests.Objects) != 0 {
		t.Errorf("approval list still shows %d rows", len(s.requests.Objects))
	}
}
