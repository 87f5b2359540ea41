package store_test

import (
	"context"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
)

// An inspection's deductions reach the period's assessment: the score must
// take them off and the item's reason names what was found.
func TestInspectionDeductionsReachTheAssessment(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区交通运输局")
	k := mustContractor(t, db, "云溪公路养护有限公司", govbuy.TypeEnterprise, creditCode(t, 5))
	c := mustContract(t, db, newContract("GL-1", 2024, u, k, 40_000_000))
	plan := govbuy.PlanTemplate("B03")
	plan.ContractID = c.ID
	if err := db.SavePlan(ctx, &plan); err != nil {
		t.Fatal(err)
	}
	in := &govbuy.Inspection{ContractID: c.ID, Period: "2024年第2季度", Date: govbuy.Day(2024, 5, 14),
		Kind: govbuy.InspectionUnannounced, Inspectors: "张伟、李娜", Attachments: []string{`D:\督查照片\0514-1.jpg`, " "},
		Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 35, Finding: "路面积土未清理"}}}
	if err := db.CreateInspection(ctx, in); err != nil {
		t.Fatal(err)
	}
	over := &govbuy.Inspection{ContractID: c.ID, Period: "2024Q2", Date: govbuy.Day(2024, 6, 3), Kind: govbuy.InspectionScheduled,
		Inspectors: "王强", Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 270, Finding: "坑槽"}}}
	wantDomainError(t, db.CreateInspection(ctx, over), govbuy.EInvalid, "扣分：“路面保洁”共扣30.5分，超过该项分值30分")

	a := &govbuy.Assessment{ContractID: c.ID, Period: "2024Q2", Score: 990}
	wantDomainError(t, db.CreateAssessment(ctx, a), govbuy.EInvalid, "得分：本期督查共扣3.5分，得分不能高于96.5分")
	stored, err := db.FindInspections(ctx, c.ID)
	if err != nil || len(stored) != 1 || stored[0].Period != "2024Q2" || len(stored[0].Attachments) != 1 {
		t.Fatalf("stored inspections: %+v, %v", stored, err)
	}
	a.Items = govbuy.SuggestItems(&plan, govbuy.DeductionsOf(stored, "2024Q2"))
	a.Items[4].Score, a.Items[4].Reason = 80, "台账缺页"
	if err := db.CreateAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindAssessments(ctx, c.ID)
	if err != nil || len(got) != 1 || got[0].Score != 945 {
		t.Fatalf("assessments: %+v, %v", got, err)
	}
	if d := got[0].Deductions; len(d) != 1 || d[0].InspectionID != in.ID || got[0].Items[0].Reason != "2024-05-14随机抽查：路面积土未清理，扣3.5分" {
		t.Errorf("traced deductions: %+v, items %+v", d, got[0].Items)
	}

	// Once the period is assessed its deductions stay as the score found
	// them; what does not touch the score may still be corrected, and a
	// visit that found nothing may still be recorded.
	const assessed = "考核期间：2024年第2季度的考核已录入，督查扣分须在考核前登记；请先删除该期考核记录，或把扣分直接写入考核"
	in.Inspectors = "张伟"
	in.Attachments = append(in.Attachments, `D:\督查照片\0514-2.jpg`)
	if err := db.UpdateInspection(ctx, in); err != nil {
		t.Errorf("correcting the inspectors of an assessed period: %v", err)
	}
	changed := *in
	changed.Deductions = []govbuy.Deduction{{Criterion: "路面保洁", Points: 20, Finding: "路面积土未清理"}}
	wantDomainError(t, db.UpdateInspection(ctx, &changed), govbuy.EConflict, assessed)
	moved := *in
	moved.Period, moved.Date = "2024Q3", govbuy.Day(2024, 8, 14)
	wantDomainError(t, db.UpdateInspection(ctx, &moved), govbuy.EConflict, assessed)
	wantDomainError(t, db.DeleteInspection(ctx, in.ID, in.Version), govbuy.EConflict, assessed)
	clean := &govbuy.Inspection{ContractID: c.ID, Period: "2024Q2", Date: govbuy.Day(2024, 6, 20),
		Kind: govbuy.InspectionUnannounced, Inspectors: "王强", Findings: "未发现问题"}
	if err := db.CreateInspection(ctx, clean); err != nil {
		t.Errorf("a visit that found nothing, after the assessment: %v", err)
	}
	clean.Deductions = []govbuy.Deduction{{Criterion: "安全设施", Points: 10, Finding: "警示标志缺失"}}
	wantDomainError(t, db.UpdateInspection(ctx, clean), govbuy.EConflict, assessed)
	clean.Deductions = nil
	if err := db.DeleteInspection(ctx, clean.ID, clean.Version); err != nil {
		t.Errorf("deleting a visit that found nothing: %v", err)
	}
	if stored, _ := db.FindInspections(ctx, c.ID); len(stored) != 1 || stored[0].Inspectors != "张伟" || len(stored[0].Attachments) != 2 || stored[0].Deductions[0].Points != 35 {
		t.Errorf("inspections after the corrections: %+v", stored)
	}
	wantDomainError(t, db.DeleteContract(ctx, c.ID, c.Version), govbuy.EConflict, "该合同有1条考核记录、1条督查记录，不能删除")

	plan.Criteria = []govbuy.Criterion{{Name: "养护质量", Points: 1000}}
	err = db.SavePlan(ctx, &plan)
	if govbuy.ErrorKindOf(err) != govbuy.EConflict || !strings.Contains(govbuy.ErrorMessage(err), "“路面保洁”扣分，考核细则不能去掉该指标") {
		t.Errorf("plan dropping an inspected criterion: %v", err)
	}
}

// Inspections of a closed year are refused like everything else in it.
func TestInspectionInClosedYearRefused(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区交通运输局")
	k := mustContractor(t, db, "云溪公路养护有限公司", govbuy.TypeEnterprise, creditCode(t, 5))
	c := mustContract(t, db, newContract("GL-2023", 2023, u, k, 40_000_000))
	if err := db.CloseYear(ctx, 2023); err != nil {
		t.Fatal(err)
	}
	in := &govbuy.Inspection{ContractID: c.ID, Period: "2023", Date: govbuy.Day(2023, 11, 3), Kind: govbuy.InspectionScheduled, Inspectors: "王强"}
	err := db.CreateInspection(ctx, in)
	if !strings.Contains(govbuy.ErrorMessage(err), "已结账") {
		t.Errorf("closed year: %v", err)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM inspections WHERE contract_id = ?", c.ID); n != 0 {
		t.Errorf("stored in a closed year: %d inspections", n)
	}
}

// Every deduction in the demo's assessments is explained by an inspection.
func TestDemoDeductionsComeFromInspections(t *testing.T) {
	ds := assets.Demo()
	if len(ds.Inspections) == 0 {
		t.Fatal("the demo has no inspections")
	}
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, ds, false); err != nil {
		t.Fatal(err)
	}
	road, err := db.FindContractByNumber(ctx, "YX2024-043") // 农村公路日常养护（二标段）, 86.5 in Q2
	if err != nil {
		t.Fatal(err)
	}
	as, err := db.FindAssessments(ctx, road.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		var deducted govbuy.Score
		for _, d := range a.Deductions {
			deducted += d.Points
		}
		if deducted != govbuy.MaxScore-a.Score {
			t.Errorf("%s: score %s, inspections took off %s", a.Period, a.Score, deducted)
		}
		for _, it := range a.Items {
			if it.Score < pointsOf(it.Criterion) && !strings.Contains(it.Reason, "2024-") {
				t.Errorf("%s %s: a deduction without a reason", a.Period, it.Criterion)
			}
		}
	}
}

func pointsOf(criterion string) govbuy.Score {
	for _, c := range govbuy.PlanTemplate("B03").Criteria {
		if c.Name == criterion {
			return c.Points
		}
	}
	return 0
}
