package govbuy_test

import (
	"strings"
	"testing"

	"govbuy"
)

func roadScheme() *govbuy.AssessmentPlan {
	p := govbuy.PlanTemplate("B03") // 路面保洁30, 路肩边沟25, 桥涵构造物20, 安全设施15, 内业资料10
	return &p
}

func TestInspectionValidate(t *testing.T) {
	ok := func() govbuy.Inspection {
		return govbuy.Inspection{ContractID: 1, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14), Kind: govbuy.InspectionUnannounced,
			Inspectors: "区交通运输局 张伟、李娜", Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 30, Finding: "路面积土"}}}
	}
	tests := []struct {
		name   string
		change func(*govbuy.Inspection)
		plan   *govbuy.AssessmentPlan
		msg    string
	}{
		{"valid", func(*govbuy.Inspection) {}, roadScheme(), ""},
		{"date outside the period", func(in *govbuy.Inspection) { in.Date = govbuy.Day(2024, 7, 2) }, roadScheme(),
			"督查日期：2024-07-02不在2024年第2季度内"},
		{"more than the criterion holds", func(in *govbuy.Inspection) { in.Deductions[0].Points = 310 }, roadScheme(),
			"扣分：“路面保洁”共扣31分，超过该项分值30分"},
		{"two deductions adding up to more", func(in *govbuy.Inspection) {
			in.Deductions = append(in.Deductions, govbuy.Deduction{Criterion: "路面保洁", Points: 280, Finding: "坑槽未修补"})
		}, roadScheme(), "扣分：“路面保洁”共扣31分，超过该项分值30分"},
		{"unknown criterion", func(in *govbuy.Inspection) { in.Deductions[0].Criterion = "绿化" }, roadScheme(),
			"扣分：“绿化”不是本合同考核细则中的指标"},
		{"no finding", func(in *govbuy.Inspection) { in.Deductions[0].Finding = " " }, roadScheme(),
			"扣分：“路面保洁”扣3分，请写明督查发现的问题"},
		{"deductions without a scheme", func(*govbuy.Inspection) {}, nil, "扣分：合同尚未设置考核细则，无法按指标扣分"},
		{"no inspectors", func(in *govbuy.Inspection) { in.Inspectors = "" }, roadScheme(), "督查人员：不能为空"},
		{"unknown kind", func(in *govbuy.Inspection) { in.Kind = "抽查" }, roadScheme(), "督查方式：请选择定期督查或随机抽查"},
	}
	for _, tt := range tests {
		in := ok()
		tt.change(&in)
		err := in.Validate(tt.plan)
		if got := govbuy.ErrorMessage(err); got != tt.msg {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.msg)
		}
	}
}

func TestInspectionCheckAgainstOthersOfThePeriod(t *testing.T) {
	earlier := []govbuy.Inspection{
		{ID: 1, Period: "2024Q2", Deductions: []govbuy.Deduction{{Criterion: "安全设施", Points: 100, Finding: "警示牌缺失"}}},
		{ID: 2, Period: "2024Q1", Deductions: []govbuy.Deduction{{Criterion: "安全设施", Points: 150, Finding: "护栏损坏"}}},
	}
	in := govbuy.Inspection{ID: 3, Period: "2024Q2", Deductions: []govbuy.Deduction{{Criterion: "安全设施", Points: 60, Finding: "锥桶不足"}}}
	if got := govbuy.ErrorMessage(in.CheckAgainst(roadScheme(), earlier)); got != "扣分：“安全设施”共扣16分，超过该项分值15分" {
		t.Errorf("CheckAgainst = %q", got)
	}
	in.Deductions[0].Points = 50
	if err := in.CheckAgainst(roadScheme(), earlier); err != nil {
		t.Errorf("15 of 15 points: %v", err)
	}
}

// An assessment must take off what the period's inspections found; the
// finding becomes the item's reason, so the score traces back to it.
func TestAssessmentTakesOffInspectionDeductions(t *testing.T) {
	ins := []govbuy.Inspection{
		{ID: 7, Period: "2024Q2", Date: govbuy.Day(2024, 5, 14), Kind: govbuy.InspectionUnannounced,
			Deductions: []govbuy.Deduction{{Criterion: "路面保洁", Points: 35, Finding: "路面积土未清理"}}},
		{ID: 8, Period: "2024Q3", Date: govbuy.Day(2024, 8, 1), Kind: govbuy.InspectionScheduled,
			Deductions: []govbuy.Deduction{{Criterion: "内业资料", Points: 50, Finding: "日志不全"}}},
	}
	deductions := govbuy.DeductionsOf(ins, "2024Q2")
	if len(deductions) != 1 || deductions[0].InspectionID != 7 {
		t.Fatalf("DeductionsOf = %+v", deductions)
	}
	items := govbuy.SuggestItems(roadScheme(), deductions)
	if items[0].Score != 265 || items[0].Reason != "2024-05-14随机抽查：路面积土未清理，扣3.5分" || items[1].Score != 250 || items[1].Reason != "" {
		t.Fatalf("SuggestItems = %+v", items[:2])
	}

	a := govbuy.Assessment{ContractID: 1, Period: "2024Q2", Items: items}
	a.Normalize(roadScheme(), deductions)
	if err := a.Validate(roadScheme(), deductions); err != nil || a.Score != 965 {
		t.Fatalf("suggested items: score %s, %v", a.Score, err)
	}
	a.Items[0] = govbuy.ItemScore{Criterion: "路面保洁", Score: 280}
	a.Normalize(roadScheme(), deductions)
	err := a.Validate(roadScheme(), deductions)
	if got := govbuy.ErrorMessage(err); !strings.HasPrefix(got, "路面保洁：督查已扣分（2024-05-14随机抽查：路面积土未清理，扣3.5分），该项得分不能高于26.5分") {
		t.Errorf("above the inspection's deduction: %q", got)
	}
	a.Items[0] = govbuy.ItemScore{Criterion: "路面保洁", Score: 250, Reason: "另有坑槽"}
	a.Normalize(roadScheme(), deductions)
	if err := a.Validate(roadScheme(), deductions); err != nil || a.Items[0].Reason != "2024-05-14随机抽查：路面积土未清理，扣3.5分；另有坑槽" {
		t.Errorf("further deduction: %q, %v", a.Items[0].Reason, err)
	}

	total := govbuy.Assessment{ContractID: 1, Period: "2024Q2", Score: 980}
	if got := govbuy.ErrorMessage(total.Validate(roadScheme(), deductions)); got != "得分：本期督查共扣3.5分，得分不能高于96.5分" {
		t.Errorf("total only: %q", got)
	}
}

func TestPeriodOf(t *testing.T) {
	day := govbuy.Day(2024, 8, 20)
	for kind, want := range map[govbuy.PeriodKind]string{
		govbuy.PeriodMonth: "2024-08", govbuy.PeriodQuarter: "2024Q3", govbuy.PeriodHalf: "2024H2",
		govbuy.PeriodYear: "2024", govbuy.PeriodOnce: "2024",
	} {
		if got := kind.PeriodOf(day); got != want {
			t.Errorf("%s: %s, want %s", kind, got, want)
		}
	}
}
