package store_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"govbuy"
	"govbuy/store"
)

// roadPlan is roadContract's plan: quarterly, proportional, 60 + 40 points.
func roadPlan(id int64) *govbuy.AssessmentPlan {
	return &govbuy.AssessmentPlan{
		ContractID: id, Period: govbuy.PeriodQuarter,
		Criteria: []govbuy.Criterion{{Name: "路面保洁", Points: 600}, {Name: "安全设施", Points: 400}},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleProportional},
	}
}

func mustAssess(t *testing.T, db *store.DB, contractID int64, period string, score govbuy.Score) *govbuy.Assessment {
	t.Helper()
	a := &govbuy.Assessment{ContractID: contractID, Period: period, Score: score}
	if err := db.CreateAssessment(context.Background(), a); err != nil {
		t.Fatalf("assess %s: %v", period, err)
	}
	return a
}

func mustPayPeriod(t *testing.T, db *store.DB, contractID int64, period string, amount govbuy.Money) *govbuy.Payment {
	t.Helper()
	end, _ := govbuy.PeriodEnd(period)
	p := &govbuy.Payment{ContractID: contractID, Date: end, Amount: amount, Period: period}
	if err := db.CreatePayment(context.Background(), p); err != nil {
		t.Fatalf("pay %s: %v", period, err)
	}
	return p
}

func TestSavePlanValidatesAndAudits(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("考核员")
	u := mustUnit(t, db, "公路事业发展中心")
	k := mustContractor(t, db, "路桥养护公司", govbuy.TypeEnterprise, creditCode(t, 7))
	c := mustContract(t, db, newContract("GL-1", 2024, u, k, 98_000_000))

	_, err := db.FindPlan(ctx, c.ID)
	wantDomainError(t, err, govbuy.ENotFound, "该合同尚未设置考核方案")

	bad := []struct {
		name   string
		break_ func(p *govbuy.AssessmentPlan)
		kind   govbuy.ErrorKind
		msg    string
	}{
		{"points", func(p *govbuy.AssessmentPlan) { p.Criteria[1].Points = 300 }, govbuy.EInvalid,
			"考核指标：各项分值合计应为100分，实际为90分"},
		{"rule", func(p *govbuy.AssessmentPlan) { p.Rule = govbuy.PaymentRule{} }, govbuy.EInvalid, "支付规则：请选择支付规则"},
		{"contract", func(p *govbuy.AssessmentPlan) { p.ContractID = 404 }, govbuy.ENotFound, "未找到ID为404的合同"},
		{"installment period", func(p *govbuy.AssessmentPlan) { p.Installments = map[string]govbuy.Money{"2025Q1": 1} },
			govbuy.EInvalid, "分期金额：2025年第1季度不是本合同的考核期间（按季考核）"},
		{"installments above amount", func(p *govbuy.AssessmentPlan) {
			p.Installments = map[string]govbuy.Money{"2024Q1": 50_000_000, "2024Q2": 48_000_001}
		}, govbuy.EInvalid, "分期金额：各期金额合计980,000.01元，超过合同金额980,000.00元"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			p := roadPlan(c.ID)
			tt.break_(p)
			wantDomainError(t, db.SavePlan(ctx, p), tt.kind, tt.msg)
		})
	}
	if _, err := db.FindPlan(ctx, c.ID); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("a refused plan was saved: %v", err)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'plan'"); n != 0 {
		t.Errorf("refused plans left %d audit rows", n)
	}

	p := roadPlan(c.ID)
	p.Installments = map[string]govbuy.Money{"2024Q1": 20_000_000}
	if err := db.SavePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindPlan(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(got, p) || got.Bands != govbuy.DefaultGradeBands {
		t.Fatalf("plan round trip\n got %+v %v\nwant %+v", got, err, p)
	}
	if a := lastAudit(t, db, "plan", c.ID); a.Action != "create" || a.Actor != "考核员" {
		t.Errorf("plan audit %+v", a)
	}
	// The set installment is Q1's base; the other quarters share the rest.
	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var bases []govbuy.Money
	for _, per := range s.Periods {
		bases = append(bases, per.Base)
	}
	if want := []govbuy.Money{20_000_000, 26_000_000, 26_000_000, 26_000_000}; !slices.Equal(bases, want) {
		t.Errorf("bases %v, want %v", bases, want)
	}

	// A plan that would leave an assessed period out is refused.
	mustAssess(t, db, c.ID, "2024Q2", 900)
	half := roadPlan(c.ID)
	half.Period = govbuy.PeriodHalf
	wantDomainError(t, db.SavePlan(ctx, half), govbuy.EConflict,
		"考核周期：已有2024年第2季度的考核记录，不属于按半年考核的期间；请先修改或删除该考核记录")
	// So is a contract change that the plan no longer fits.
	c.Amount = 19_999_999
	wantDomainError(t, db.UpdateContract(ctx, c), govbuy.EInvalid, "分期金额：各期金额合计200,000.00元，超过合同金额199,999.99元")
	c.Amount, c.Year = 98_000_000, 2025
	c.Start, c.End = govbuy.Day(2025, 1, 1), govbuy.Day(2025, 12, 31)
	wantDomainError(t, db.UpdateContract(ctx, c), govbuy.EInvalid, "分期金额：2024年第1季度不是本合同的考核期间（按季考核）")
	p.Rule = govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 10000}, {Min: 0, Rate: 9000}}}
	if err := db.SavePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	if a := lastAudit(t, db, "plan", c.ID); a.Action != "update" || decode[govbuy.AssessmentPlan](t, a.Before).Rule.Kind != govbuy.RuleProportional {
		t.Errorf("plan update audit %+v", a)
	}
}

func TestAssessmentItemsConflictsAndRefusals(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)

	a := &govbuy.Assessment{ContractID: c.ID, Period: "2024年第2季度", Assessor: " 交通局考核组 ", Items: []govbuy.ItemScore{
		{Criterion: "路面保洁", Score: 520, Reason: "路面积土"}, {Criterion: "安全设施", Score: 360, Reason: "标志缺失"},
	}}
	if err := db.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	list, err := db.FindAssessments(ctx, c.ID)
	if err != nil || len(list) != 1 || list[0].Period != "2024Q2" || list[0].Score != 880 ||
		len(list[0].Items) != 2 || list[0].Items[1].Reason != "标志缺失" || list[0].Assessor != "交通局考核组" {
		t.Fatalf("stored assessments %+v %v", list, err)
	}

	refused := []struct {
		a    govbuy.Assessment
		kind govbuy.ErrorKind
		msg  string
	}{
		{govbuy.Assessment{Period: "2024Q2", Score: 900}, govbuy.EConflict, "考核期间：2024年第2季度已有考核记录，请修改原记录"},
		{govbuy.Assessment{Period: "2024Q1", Items: []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}, {Criterion: "安全设施", Score: 410}}},
			govbuy.EInvalid, "安全设施：得分41超过该项分值40"},
		{govbuy.Assessment{Period: "2024Q1", Items: []govbuy.ItemScore{{Criterion: "路面保洁", Score: 520}, {Criterion: "安全设施", Score: 400}}},
			govbuy.EInvalid, "路面保洁：扣8分，请填写扣分原因"},
		{govbuy.Assessment{Period: "2024Q1", Items: []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}, {Criterion: "安全设施", Score: 400},
			{Criterion: "清扫", Score: 50}}}, govbuy.EInvalid, "清扫：不是本合同考核细则中的指标"},
		{govbuy.Assessment{Period: "2024Q1", Items: []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}}},
			govbuy.EInvalid, "安全设施：未评分，请填写得分（满分40分）"},
		{govbuy.Assessment{Period: "2024H1", Score: 900}, govbuy.EInvalid, "考核期间：2024年上半年不是本合同的考核期间（按季考核）"},
		{govbuy.Assessment{Period: "2025Q1", Score: 900}, govbuy.EInvalid, "考核期间：2025年第1季度不是本合同的考核期间（按季考核）"},
		{govbuy.Assessment{Period: "2024Q1", Score: 1001}, govbuy.EInvalid, "得分：应在0–100分之间"},
	}
	for _, tt := range refused {
		x := tt.a
		x.ContractID = c.ID
		wantDomainError(t, db.CreateAssessment(ctx, &x), tt.kind, tt.msg)
	}
	wantDomainError(t, db.CreateAssessment(ctx, &govbuy.Assessment{Period: "2024Q1"}), govbuy.EInvalid, "合同：请选择合同")
	wantDomainError(t, db.CreateAssessment(ctx, &govbuy.Assessment{ContractID: 404, Period: "2024Q1"}), govbuy.EInvalid,
		"合同：未找到ID为404的合同")
	if list, _ := db.FindAssessments(ctx, c.ID); len(list) != 1 {
		t.Errorf("refused assessments were stored: %+v", list)
	}
	if entries, _ := db.FindAudit(ctx, "assessment", 0); len(entries) != 1 {
		t.Errorf("%d assessment audit rows, want 1", len(entries))
	}

	// A correction of the score is allowed, also once the period is paid.
	mustPayPeriod(t, db, c.ID, "2024Q2", 10_000_000)
	fix := list[0]
	fix.Items = []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}, {Criterion: "安全设施", Score: 350, Reason: "标志缺失"}}
	if err := db.UpdateAssessment(ctx, &fix); err != nil {
		t.Fatal(err)
	}
	if fix.Score != 950 {
		t.Errorf("corrected score %s", fix.Score)
	}
	au := lastAudit(t, db, "assessment", fix.ID)
	if au.Action != "update" || decode[govbuy.Assessment](t, au.Before).Score != 880 || decode[govbuy.Assessment](t, au.After).Score != 950 {
		t.Errorf("update audit %+v", au)
	}
	// Moving or deleting it is refused while a payment rests on it.
	moved := fix
	moved.Period = "2024Q3"
	wantDomainError(t, db.UpdateAssessment(ctx, &moved), govbuy.EConflict,
		"2024年第2季度已按该考核结果支付1笔，不能改为其他期间；如需更正请修改得分")
	wantDomainError(t, db.DeleteAssessment(ctx, fix.ID, fix.Version), govbuy.EConflict,
		"2024年第2季度已按该考核结果支付1笔，不能删除；如需更正请修改得分")
	q3 := mustAssess(t, db, c.ID, "2024Q3", 900)
	if err := db.DeleteAssessment(ctx, q3.ID, q3.Version); err != nil {
		t.Fatal(err)
	}
	if a := lastAudit(t, db, "assessment", q3.ID); a.Action != "delete" || a.After != "" {
		t.Errorf("delete audit %+v", a)
	}
	wantDomainError(t, db.DeleteAssessment(ctx, q3.ID, q3.Version), govbuy.ENotFound, "未找到ID为"+itoa(int(q3.ID))+"的考核记录")
}

func TestScorePaidPayments(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	mustAssess(t, db, c.ID, "2024Q1", 900) // payable 220,500.00 of 245,000.00

	pay := func(period string, amount govbuy.Money, reason string) (*govbuy.Payment, error) {
		p := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 4, 10), Amount: amount, Period: period, OverReason: reason}
		return p, db.CreatePayment(ctx, p)
	}
	_, err := pay("", 100, "")
	wantDomainError(t, err, govbuy.EInvalid, "考核期间：按考核结果付款的合同须选择考核期间")
	_, err = pay("2024H1", 100, "")
	wantDomainError(t, err, govbuy.EInvalid,
		"考核期间：2024年上半年不是本合同的考核期间（2024年第1季度、2024年第2季度、2024年第3季度、2024年第4季度）")
	if _, err := pay("2024Q1", 20_000_000, ""); err != nil {
		t.Fatal(err)
	}
	_, err = pay("2024Q1", 2_050_001, "")
	wantDomainError(t, err, govbuy.EInvalid, "超付原因：本期应付220,500.00元，已付200,000.00元，本次20,500.01元，超出0.01元，请填写超付原因")
	over, err := pay("2024Q1", 2_050_001, " 按补充协议多付 ")
	if err != nil {
		t.Fatal(err)
	}
	// Ahead of its assessment a period may be paid up to its base.
	if _, err := pay("2024年第3季度", 24_500_000, ""); err != nil {
		t.Fatalf("paying ahead up to the base: %v", err)
	}
	_, err = pay("2024Q3", 1, "")
	wantDomainError(t, err, govbuy.EInvalid, "超付原因：本期应付245,000.00元，已付245,000.00元，本次0.01元，超出0.01元，请填写超付原因")

	list, _ := db.FindPayments(ctx, c.ID)
	if len(list) != 3 || list[1].ID != over.ID || list[1].OverReason != "按补充协议多付" || list[2].Period != "2024Q3" {
		t.Errorf("stored payments %+v", list)
	}

	// A plan paid in full takes payments without a period.
	u := mustUnit(t, db, "区审计局")
	k := mustContractor(t, db, "某造价咨询公司", govbuy.TypeEnterprise, creditCode(t, 8))
	fee := mustContract(t, db, newContract("SJ-1", 2024, u, k, 10_000_000))
	if err := db.SavePlan(ctx, &govbuy.AssessmentPlan{ContractID: fee.ID, Period: govbuy.PeriodYear,
		Rule: govbuy.PaymentRule{Kind: govbuy.RuleFull}}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreatePayment(ctx, &govbuy.Payment{ContractID: fee.ID, Date: govbuy.Day(2024, 5, 1), Amount: 5_000_000}); err != nil {
		t.Errorf("payment without period on a contract paid in full: %v", err)
	}
}

func TestSettlementPeriodsAndUnplannedContracts(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	q3, _ := s.Period("2024Q3")
	if len(s.Periods) != 4 || q3.Base != 24_500_000 || q3.Payable != 24_500_000 || q3.Assessed() || q3.Deduction() != 0 ||
		q3.Explanation() != "2024年第3季度尚未考核，按基数245,000.00元预付上限，考核后按得分结算" {
		t.Errorf("unassessed Q3 %+v of %d periods", q3, len(s.Periods))
	}
	if s.PayableToDate != 0 || s.Withheld != 0 || s.Plan == nil || len(s.Hints) != 0 {
		t.Errorf("fresh settlement %+v", s)
	}

	mustAssess(t, db, c.ID, "2024Q1", 900)
	mustAssess(t, db, c.ID, "2024Q2", 880)
	mustPayPeriod(t, db, c.ID, "2024Q1", 22_050_000)
	mustPayPeriod(t, db, c.ID, "2024Q2", 10_000_000)
	s, _ = db.ContractSettlement(ctx, c.ID)
	q1, _ := s.Period("2024Q1")
	if q1.Payable != 22_050_000 || q1.Paid != 22_050_000 || *q1.Score != 900 || q1.Grade != govbuy.GradeExcellent {
		t.Errorf("Q1 %+v", q1)
	}
	if s.PayableToDate != 43_610_000 || s.Withheld != 5_390_000 || s.Paid != 32_050_000 || s.Balance != 65_950_000 || s.Amount != 98_000_000 {
		t.Errorf("totals: payable %s, withheld %s, paid %s, balance %s", s.PayableToDate, s.Withheld, s.Paid, s.Balance)
	}
	_, err = db.ContractSettlement(ctx, 404)
	wantDomainError(t, err, govbuy.ENotFound, "未找到ID为404的合同")

	// Without a plan a contract is one period, its budget year, payable in
	// full; an annual score is shown without changing what is payable.
	u := mustUnit(t, db, "区司法局")
	k := mustContractor(t, db, "某律师事务所", govbuy.TypeSocialOrg, creditCode(t, 41))
	legal := mustContract(t, db, newContract("SF-1", 2024, u, k, 12_000_000))
	mustPay(t, db, legal, govbuy.Day(2024, 3, 31), 3_000_000)
	mustAssess(t, db, legal.ID, "2024", 855)
	s, err = db.ContractSettlement(ctx, legal.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Periods[0]
	if len(s.Periods) != 1 || p.Period != "2024" || p.Base != 12_000_000 || p.Payable != 12_000_000 || p.Paid != 3_000_000 ||
		*p.Score != 855 || p.Grade != govbuy.GradeGood || p.Explanation() != "2024年度得分85.5（良）；未设置考核方案，按合同金额120,000.00元支付" {
		t.Errorf("unplanned period %+v", p)
	}
	if s.Plan != nil || s.PayableToDate != 12_000_000 || s.Withheld != 0 || s.Balance != 9_000_000 {
		t.Errorf("unplanned totals %+v", s)
	}
}

func TestContractorStandingAverages(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	road := roadContract(t, db)
	u := mustUnit(t, db, "区交通局")
	old := newContract("JT-2023", 2023, u, &govbuy.Contractor{ID: road.ContractorID}, 5_000_000)
	mustContract(t, db, old)
	other := mustContract(t, db, newContract("JT-2024", 2024, u, &govbuy.Contractor{ID: road.ContractorID}, 5_000_000))
	mustAssess(t, db, old.ID, "2023", 555)
	mustAssess(t, db, road.ID, "2024Q1", 900)
	mustAssess(t, db, road.ID, "2024Q2", 901)
	mustAssess(t, db, other.ID, "2024", 901)

	st, err := db.ContractorStanding(ctx, road.ContractorID)
	if err != nil {
		t.Fatal(err)
	}
	want := []govbuy.YearStanding{
		{Year: 2023, Assessments: 1, Average: 555, Grade: govbuy.GradePoor},
		{Year: 2024, Assessments: 3, Average: 901, Grade: govbuy.GradeExcellent}, // 2702/3 = 900.67 → 90.1
	}
	if !slices.Equal(st.Years, want) || st.LatestPeriod != "2024" || *st.LatestScore != 901 || st.LatestGrade != govbuy.GradeExcellent {
		t.Errorf("standing %+v", st)
	}
	if st.GradeIn(2023) != govbuy.GradePoor || st.GradeIn(2022) != "" {
		t.Errorf("grades by year %+v", st.Years)
	}
	_, err = db.ContractorStanding(ctx, 404)
	wantDomainError(t, err, govbuy.ENotFound, "未找到ID为404的承接主体")
	k := mustContractor(t, db, "新公司", govbuy.TypeEnterprise, creditCode(t, 99))
	if st, err := db.ContractorStanding(ctx, k.ID); err != nil || len(st.Years) != 0 || st.Years == nil || st.LatestScore != nil {
		t.Errorf("contractor never assessed: %+v %v", st, err)
	}
}

// hintContract is a 2024 post bought by 公开招聘 for 300万元: it has the
// 第十条 hiring hint and the tender hint.
func hintContract(t *testing.T, db *store.DB) *govbuy.Contract {
	t.Helper()
	u := mustUnit(t, db, "区民政局")
	k := mustContractor(t, db, "某社工服务中心", govbuy.TypeSocialOrg, creditCode(t, 21))
	c := newContract("MZ-1", 2024, u, k, 300_000_000)
	c.Kind, c.Method, c.Headcount = govbuy.KindPost, govbuy.MethodOpenHire, 30
	return mustContract(t, db, c)
}

func hintRules(hints []govbuy.Hint) []string {
	var out []string
	for _, h := range hints {
		out = append(out, h.Rule+"="+h.Acknowledged)
	}
	return out
}

func warningCodes(ws []govbuy.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Contract+"/"+w.Rule+"/"+w.Code)
	}
	return out
}

func TestHintAcknowledgementRoundTrip(t *testing.T) {
	db := openDB(t)
	ctx := ctxAs("科长")
	c := hintContract(t, db)
	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := hintRules(s.Hints); !slices.Equal(got, []string{"hiring=", "tender="}) {
		t.Fatalf("hints %v", got)
	}
	r, _ := db.Report(ctx, 2024)
	both := []string{"MZ-1/第十条/hiring", "MZ-1/政府采购法第二十七条/tender"}
	if got := warningCodes(r.Warnings); !slices.Equal(got, both) {
		t.Errorf("report warnings %v", got)
	}

	wantDomainError(t, db.AcknowledgeHint(ctx, c.ID, "hiring", "  "), govbuy.EInvalid, "理由：请填写确认理由")
	wantDomainError(t, db.AcknowledgeHint(ctx, c.ID, "term", "无"), govbuy.EInvalid, "提示：合同“MZ-1”没有“term”提示")
	wantDomainError(t, db.AcknowledgeHint(ctx, 404, "hiring", "无"), govbuy.ENotFound, "未找到ID为404的合同")
	if err := db.AcknowledgeHint(ctx, c.ID, "hiring", "购买的是社工服务，人员由机构管理"); err != nil {
		t.Fatal(err)
	}
	s, _ = db.ContractSettlement(ctx, c.ID)
	if got := hintRules(s.Hints); !slices.Equal(got, []string{"hiring=购买的是社工服务，人员由机构管理", "tender="}) {
		t.Errorf("hints after acknowledging %v", got)
	}
	r, _ = db.Report(ctx, 2024)
	check, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for what, ws := range map[string][]govbuy.Warning{"report": r.Warnings, "check": check.Hints} {
		if got := warningCodes(ws); !slices.Equal(got, both[1:]) {
			t.Errorf("%s warnings after acknowledging %v", what, got)
		}
	}
	if err := db.AcknowledgeHint(ctx, c.ID, "hiring", "经核实为项目化购买"); err != nil {
		t.Fatal(err)
	}
	a := lastAudit(t, db, "hint", c.ID)
	if a.Actor != "科长" || !strings.Contains(a.Before, "人员由机构管理") || !strings.Contains(a.After, "经核实为项目化购买") {
		t.Errorf("acknowledgement audit %+v", a)
	}

	// The tender threshold is a setting.
	if err := db.SetTenderThreshold(ctx, 500_000_000); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.TenderThreshold(ctx); m != 500_000_000 {
		t.Errorf("threshold %s", m)
	}
	s, _ = db.ContractSettlement(ctx, c.ID)
	if got := hintRules(s.Hints); !slices.Equal(got, []string{"hiring=经核实为项目化购买"}) {
		t.Errorf("hints above a raised threshold %v", got)
	}
	wantDomainError(t, db.SetTenderThreshold(ctx, -1), govbuy.EInvalid, "公开招标数额标准：不能为负数")
}

func TestPoorGradeLastYearIsHinted(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "某保洁公司", govbuy.TypeEnterprise, creditCode(t, 31))
	last := mustContract(t, db, newContract("CG-2023", 2023, u, k, 1_000_000))
	mustAssess(t, db, last.ID, "2023", 550)
	c := mustContract(t, db, newContract("CG-2024", 2024, u, k, 1_000_000))
	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := hintRules(s.Hints); !slices.Equal(got, []string{"poor="}) {
		t.Errorf("hints %v", got)
	}
	r, _ := db.Report(ctx, 2024)
	if got := warningCodes(r.Warnings); !slices.Equal(got, []string{"CG-2024/绩效评价结果运用/poor"}) {
		t.Errorf("report warnings %v", got)
	}
}

func TestPaymentFormFigures(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.SetDistrict(ctx, "云溪区"); err != nil {
		t.Fatal(err)
	}
	c := roadContract(t, db)
	k, _ := db.FindContractorByID(ctx, c.ContractorID)
	k.Bank, k.Account = "云溪农村商业银行营业部", "6228480000000000001"
	if err := db.UpdateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
	mustAssess(t, db, c.ID, "2024Q2", 880)
	mustPayPeriod(t, db, c.ID, "2024Q2", 10_000_000)

	f, err := db.PaymentForm(ctx, "GL-1", "2024年第2季度")
	if err != nil {
		t.Fatal(err)
	}
	want := govbuy.PaymentForm{
		District: "云溪区", Bureau: "云溪区财政局", Unit: "公路事业发展中心", Contractor: "路桥养护公司", Bank: "云溪农村商业银行营业部",
		Account: "6228480000000000001", ContractNumber: "GL-1", ContractTitle: "项目GL-1", ContractAmount: 98_000_000,
		Period: "2024Q2", Score: f.Score, Grade: govbuy.GradeGood, Rule: "按得分比例支付",
		Base: 24_500_000, Payable: 21_560_000, Deduction: 2_940_000, PaidBefore: 10_000_000, Amount: 11_560_000,
		PaidToDate: 10_000_000, Date: govbuy.Day(2024, 6, 30),
		Explanation: "2024年第2季度得分88（良），按比例支付88%：本期基数245,000.00元，应付215,600.00元，扣减29,400.00元",
	}
	if f.Score == nil || *f.Score != 880 || *f != want {
		t.Errorf("form\n got %+v\nwant %+v", *f, want)
	}
	// An unassessed period may be requested up to its base.
	f, _ = db.PaymentForm(ctx, "GL-1", "2024Q3")
	if f.Score != nil || f.Payable != 24_500_000 || f.Amount != 24_500_000 || f.Deduction != 0 {
		t.Errorf("unassessed form %+v", f)
	}
	// A period paid beyond its payable asks for nothing more: its form is
	// that of the payment that settled it, as the payment stood when made
	// (the Q2 payment dated later is not among what it had paid).
	mustAssess(t, db, c.ID, "2024Q1", 500)
	p := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 4, 1), Amount: 24_500_000, Period: "2024Q1",
		Voucher: "记-0401", OverReason: "先行支付"}
	if err := db.CreatePayment(ctx, p); err != nil {
		t.Fatal(err)
	}
	f, err = db.PaymentForm(ctx, "GL-1", "2024Q1")
	if err != nil || !f.Recorded() || f.PaymentID != p.ID || f.Number != p.Form || f.Amount != 24_500_000 || f.PaidBefore != 0 ||
		f.Payable != 12_250_000 || f.PaidToDate != 24_500_000 || f.Voucher != "记-0401" || !f.Date.Equal(p.Date) {
		t.Errorf("overpaid form %+v, %v", f, err)
	}

	_, err = db.PaymentForm(ctx, "NOPE", "2024Q2")
	wantDomainError(t, err, govbuy.ENotFound, "未找到编号为“NOPE”的合同")
	_, err = db.PaymentForm(ctx, "GL-1", "")
	wantDomainError(t, err, govbuy.EInvalid,
		"考核期间：合同“GL-1”按季考核，请选择考核期间（2024年第1季度、2024年第2季度、2024年第3季度、2024年第4季度）")
	_, err = db.PaymentForm(ctx, "GL-1", "2024H1")
	wantDomainError(t, err, govbuy.EInvalid,
		"考核期间：合同“GL-1”没有考核期间“2024年上半年”（可选：2024年第1季度、2024年第2季度、2024年第3季度、2024年第4季度）")

	// A contract without a plan has its year as its one period, and states
	// its rule as the annual report does.
	u := mustUnit(t, db, "区司法局")
	legal := mustContract(t, db, newContract("SF-1", 2024, u, k, 12_000_000))
	mustPay(t, db, legal, govbuy.Day(2024, 3, 31), 3_000_000)
	f, err = db.PaymentForm(ctx, "SF-1", "")
	if err != nil || f.Period != "2024" || f.Rule != "未设置考核方案，全额支付" || f.Amount != 9_000_000 || f.Payable != 12_000_000 {
		t.Errorf("unplanned form %+v %v", f, err)
	}
}

func TestReportPricesAssessments(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	road := roadContract(t, db)
	mustAssess(t, db, road.ID, "2024Q1", 900)
	mustAssess(t, db, road.ID, "2024Q2", 880)
	mustPayPeriod(t, db, road.ID, "2024Q1", 22_050_000)
	// A ledger contract: no plan, an annual score, paid in full.
	u := mustUnit(t, db, "区司法局")
	k := mustContractor(t, db, "某律师事务所", govbuy.TypeSocialOrg, creditCode(t, 41))
	legal := mustContract(t, db, newContract("SF-1", 2024, u, k, 10_000_000))
	mustAssess(t, db, legal.ID, "2024", 865)
	end, _ := govbuy.PeriodEnd("2024")
	if err := db.CreatePayment(ctx, &govbuy.Payment{ContractID: legal.ID, Date: end, Amount: 10_000_000, Period: "2024"}); err != nil {
		t.Fatal(err)
	}

	r, err := db.Report(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	byNumber := map[string]govbuy.ReportContract{}
	for _, c := range r.Contracts {
		byNumber[c.Number] = c
	}
	gl, sf := byNumber["GL-1"], byNumber["SF-1"]
	// Q1 220,500 + Q2 215,600 + the bases of Q3 and Q4.
	if gl.Payable != 22_050_000+21_560_000+2*24_500_000 || *gl.Score != 890 || gl.Grade != govbuy.GradeGood {
		t.Errorf("GL-1 %+v", gl)
	}
	if sf.Payable != 10_000_000 || *sf.Score != 865 || sf.Grade != govbuy.GradeGood {
		t.Errorf("SF-1 %+v", sf)
	}
	if r.Totals.Payable != gl.Payable+sf.Payable {
		t.Errorf("payable total %s", r.Totals.Payable)
	}
	checkReportAddsUp(t, r)
	// In the contract list's order (公路事业发展中心 before 区司法局), then by period.
	want := []govbuy.ReportAssessment{
		{Contract: "GL-1", Period: "2024Q1", Score: 900, Grade: govbuy.GradeExcellent, Base: 24_500_000, Payable: 22_050_000,
			Paid: 22_050_000, Rule: "按得分比例支付"},
		{Contract: "GL-1", Period: "2024Q2", Score: 880, Grade: govbuy.GradeGood, Base: 24_500_000, Payable: 21_560_000,
			Rule: "按得分比例支付"},
		{Contract: "SF-1", Period: "2024", Score: 865, Grade: govbuy.GradeGood, Base: 10_000_000, Payable: 10_000_000,
			Paid: 10_000_000, Rule: "未设置考核方案，全额支付"},
	}
	if !slices.Equal(r.Assessments, want) {
		t.Errorf("assessments\n got %+v\nwant %+v", r.Assessments, want)
	}
	if r2, _ := db.Report(ctx, 2023); len(r2.Assessments) != 0 || r2.Totals.Payable != 0 {
		t.Errorf("2023 report %+v", r2)
	}
}

func TestDeleteContractWithPlan(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	a := mustAssess(t, db, c.ID, "2024Q1", 900)
	wantDomainError(t, db.DeleteContract(ctx, c.ID, c.Version), govbuy.EConflict, "该合同有1条考核记录，不能删除")
	if err := db.DeleteAssessment(ctx, a.ID, a.Version); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteContract(ctx, c.ID, c.Version); err != nil {
		t.Fatalf("delete a contract with only a plan: %v", err)
	}
	if _, err := db.FindPlan(ctx, c.ID); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("plan outlived its contract: %v", err)
	}
}
