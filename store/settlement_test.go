package store_test

import (
	"context"
	"slices"
	"testing"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// roadContract is a quarterly, proportionally paid road-upkeep contract of
// 980,000.00 元: 245,000.00 元 a quarter.
func roadContract(t *testing.T, db *store.DB) *govbuy.Contract {
	t.Helper()
	ctx := context.Background()
	u := mustUnit(t, db, "公路事业发展中心")
	k := mustContractor(t, db, "路桥养护公司", govbuy.TypeEnterprise, creditCode(t, 7))
	c := mustContract(t, db, newContract("GL-1", 2024, u, k, 98_000_000))
	plan := &govbuy.AssessmentPlan{
		ContractID: c.ID, Period: govbuy.PeriodQuarter,
		Criteria: []govbuy.Criterion{{Name: "路面保洁", Points: 600}, {Name: "安全设施", Points: 400}},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleProportional},
	}
	if err := db.SavePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSettlementOfAProportionalQuarter(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	a := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q2", Items: []govbuy.ItemScore{
		{Criterion: "路面保洁", Score: 520, Reason: "路面积土"}, {Criterion: "安全设施", Score: 360, Reason: "标志缺失"},
	}}
	if err := db.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.Score != 880 {
		t.Fatalf("score = %s, want 88", a.Score)
	}
	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	q2, _ := s.Period("2024Q2")
	if q2.Base != 24_500_000 || q2.Payable != 21_560_000 || q2.Deduction() != 2_940_000 || q2.Grade != govbuy.GradeGood {
		t.Errorf("Q2 = %+v", q2)
	}
	if s.PayableToDate != 21_560_000 || s.Withheld != 2_940_000 || s.Balance != 98_000_000 {
		t.Errorf("totals: payable %s, withheld %s, balance %s", s.PayableToDate, s.Withheld, s.Balance)
	}
	if want := "2024年第2季度得分88（良），按比例支付88%：本期基数245,000.00元，应付215,600.00元，扣减29,400.00元"; q2.Explanation() != want {
		t.Errorf("explanation = %s", q2.Explanation())
	}
}

// A contract without a plan is settled as one period, its budget year, at
// the contract amount, every payment counting to it: the settlement, the
// payment form and the report show the same figures for it, and a quarter's
// score imported for it changes nothing payable anywhere.
func TestUnplannedContractReadsTheSameEverywhere(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区司法局")
	k := mustContractor(t, db, "某律师事务所", govbuy.TypeSocialOrg, creditCode(t, 41))
	c := mustContract(t, db, newContract("SF-1", 2024, u, k, 12_000_000))
	mustAssess(t, db, c.ID, "2024Q1", 600)
	mustAssess(t, db, c.ID, "2024", 855)
	mustPayPeriod(t, db, c.ID, "2024", 3_000_000)
	mustPay(t, db, c, govbuy.Day(2024, 6, 30), 2_000_000) // no period

	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	year, _ := s.Period("2024")
	if len(s.Periods) != 1 || year.Base != 12_000_000 || year.Payable != 12_000_000 || year.Paid != 5_000_000 ||
		*year.Score != 855 || year.Grade != govbuy.GradeGood {
		t.Fatalf("settlement periods %+v", s.Periods)
	}
	if len(s.Others) != 1 || s.Others[0].Period != "2024Q1" || s.Others[0].Payable != 0 || s.PayableToDate != 12_000_000 {
		t.Errorf("settlement others %+v, payable to date %s", s.Others, s.PayableToDate)
	}

	f, err := db.PaymentForm(ctx, "SF-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Period != "2024" || f.Base != year.Base || f.Payable != year.Payable || f.PaidBefore != year.Paid ||
		f.Amount != 7_000_000 || f.Rule != "未设置考核方案，全额支付" || f.Explanation != year.Explanation() {
		t.Errorf("form %+v", f)
	}

	r, err := db.Report(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	want := []govbuy.ReportAssessment{
		{Contract: "SF-1", Period: "2024Q1", Score: 600, Grade: govbuy.GradeFair, Rule: f.Rule},
		{Contract: "SF-1", Period: "2024", Score: 855, Grade: govbuy.GradeGood, Base: year.Base, Payable: year.Payable,
			Paid: year.Paid, Rule: f.Rule},
	}
	if !slices.Equal(r.Assessments, want) {
		t.Errorf("report assessments\n got %+v\nwant %+v", r.Assessments, want)
	}
	if len(r.Contracts) != 1 || r.Contracts[0].Payable != s.Payable || *r.Contracts[0].Score != 728 || r.Totals.Payable != s.Payable {
		t.Errorf("report contracts %+v, payable %s", r.Contracts, r.Totals.Payable)
	}
}

func TestAssessmentAndPaymentRefusals(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	over := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q1", Items: []govbuy.ItemScore{{Criterion: "路面保洁", Score: 600}, {Criterion: "安全设施", Score: 410}}}
	if err := db.CreateAssessment(ctx, over); govbuy.ErrorMessage(err) != "安全设施：得分41超过该项分值40" {
		t.Errorf("score above points: %v", err)
	}
	first := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q1", Score: 900}
	if err := db.CreateAssessment(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q1", Score: 950}
	if err := db.CreateAssessment(ctx, second); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("second assessment of a period: %v", err)
	}
	noPeriod := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 4, 10), Amount: 100}
	if err := db.CreatePayment(ctx, noPeriod); govbuy.ErrorField(err) != "考核期间" {
		t.Errorf("payment without period: %v", err)
	}
	tooMuch := &govbuy.Payment{ContractID: c.ID, Period: "2024Q1", Date: govbuy.Day(2024, 4, 10), Amount: 22_050_001}
	err := db.CreatePayment(ctx, tooMuch)
	if want := "超付原因：本期应付220,500.00元，已付0.00元，本次220,500.01元，超出0.01元，请填写超付原因"; govbuy.ErrorMessage(err) != want {
		t.Errorf("over payable: %v", err)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM payments WHERE contract_id = ?", c.ID); n != 0 {
		t.Errorf("a refused payment was stored: %d payments", n)
	}
	tooMuch.OverReason = "含上季度补付"
	if err := db.CreatePayment(ctx, tooMuch); err != nil {
		t.Fatalf("with a reason: %v", err)
	}
	if ps, _ := db.FindPayments(ctx, c.ID); len(ps) != 1 || ps[0].OverReason != "含上季度补付" {
		t.Errorf("stored payments: %+v", ps)
	}
	if err := db.DeleteAssessment(ctx, first.ID, first.Version); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("deleting a paid period's assessment: %v", err)
	}
}

func TestStandingHintsAndPaymentForm(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	for _, a := range []govbuy.Assessment{{Period: "2024Q1", Score: 905}, {Period: "2024Q2", Score: 880}} {
		a.ContractID = c.ID
		if err := db.CreateAssessment(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	st, err := db.ContractorStanding(ctx, c.ContractorID)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Years) != 1 || st.Years[0].Average != 893 || st.LatestPeriod != "2024Q2" || st.LatestGrade != govbuy.GradeGood {
		t.Errorf("standing = %+v", st)
	}
	f, err := db.PaymentForm(ctx, "GL-1", "2024Q2")
	if err != nil {
		t.Fatal(err)
	}
	if f.Payable != 21_560_000 || f.Amount != 21_560_000 || f.Deduction != 2_940_000 || f.Rule != "按得分比例支付" {
		t.Errorf("form = %+v", f)
	}
	if _, err := db.PaymentForm(ctx, "GL-1", "2024H1"); govbuy.ErrorKindOf(err) != govbuy.EInvalid {
		t.Errorf("period not in the plan: %v", err)
	}
	if err := db.AcknowledgeHint(ctx, c.ID, "tender", ""); govbuy.ErrorField(err) != "理由" {
		t.Errorf("ack without reason: %v", err)
	}
}

func TestDemoLoadsPlansAssessmentsAndHints(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	r, err := db.Report(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Assessments) != 87 || r.Totals.Payable != r.Totals.Paid || r.Totals.Paid != 4_029_300_000 {
		t.Errorf("assessments %d, payable %s, paid %s", len(r.Assessments), r.Totals.Payable, r.Totals.Paid)
	}
	hiring := 0
	for _, w := range r.Warnings {
		if w.Rule == "第十条" {
			hiring++
		}
	}
	if hiring == 0 {
		t.Error("no 第十条 hint for the demo's posts bought by recruiting")
	}
	road, err := db.FindContractByNumber(ctx, "YX2024-042")
	if err != nil {
		t.Fatal(err)
	}
	as, _ := db.FindAssessments(ctx, road.ID)
	if len(as) != 4 {
		t.Errorf("road upkeep has %d assessments, want 4 quarters", len(as))
	}
	if len(r.Narrative) == 0 {
		t.Error("no narrative")
	}
}

func TestImportBatchUndo(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	ds := &govbuy.Dataset{
		Units:       []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "新设单位"}}},
		Contractors: []govbuy.DatasetContractor{{Contractor: govbuy.Contractor{Name: "新承接公司", Type: govbuy.TypeEnterprise}}},
		Contracts: []govbuy.DatasetContract{{
			Contract: govbuy.Contract{Number: "IMP-1", Year: 2023, Kind: govbuy.KindProject, Title: "保洁", Method: govbuy.MethodInquiry, Amount: 100_000_00},
			UnitName: "新设单位", ContractorName: "新承接公司",
		}},
		Payments: []govbuy.DatasetPayment{{ContractNumber: "IMP-1", Payment: govbuy.Payment{Date: govbuy.Day(2023, 12, 31), Amount: 100_000_00}}},
	}
	b, err := db.ImportDataset(ctx, ds, govbuy.ImportBatch{Files: []string{"台账.xlsx"}, Checksums: []string{"abc"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts["contracts"] != 1 || b.Counts["units"] != 1 || b.Counts["contractors"] != 1 || b.Counts["payments"] != 1 {
		t.Errorf("counts = %v", b.Counts)
	}
	imported, err := db.FindContractByNumber(ctx, "IMP-1")
	if err != nil {
		t.Fatal(err)
	}
	later := &govbuy.Payment{ContractID: imported.ID, Date: govbuy.Day(2024, 1, 5), Amount: 1, OverReason: "测试"}
	if err := db.CreatePayment(ctx, later); err != nil {
		t.Fatal(err)
	}
	if err := db.UndoImport(ctx, b.ID); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("undo with a later payment: %v", err)
	}
	if err := db.DeletePayment(ctx, later.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatalf("undo: %v", err)
	}
	if _, err := db.FindContractByNumber(ctx, "IMP-1"); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("imported contract still there: %v", err)
	}
	_, units, _ := db.FindUnits(ctx, govbuy.UnitFilter{Limit: 1})
	if units != 61 {
		t.Errorf("%d units after undo, want the demo's 61", units)
	}
	bad := &govbuy.Dataset{Contracts: []govbuy.DatasetContract{{
		Contract: govbuy.Contract{Number: "IMP-2", Year: 2023, Kind: govbuy.KindProject, Title: "x", Method: govbuy.MethodInquiry},
		UnitName: "没有的单位", ContractorName: "新承接公司",
	}}, Units: []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "半途单位"}}}}
	if _, err := db.ImportDataset(ctx, bad, govbuy.ImportBatch{}); err == nil {
		t.Fatal("an import with an unknown unit succeeded")
	}
	_, units, _ = db.FindUnits(ctx, govbuy.UnitFilter{Limit: 1})
	if units != 61 {
		t.Errorf("a failed import left units behind: %d", units)
	}
}
