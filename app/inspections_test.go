package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
	"govbuy/store"
)

// inspectionUI opens the 考核 screen on a 2024 road-upkeep contract with
// the quarterly B03 plan: 路面保洁 30, 路肩边沟 25, 桥涵构造物 20, 安全设施 15,
// 内业资料 10. setup runs before the contract is chosen.
func inspectionUI(t *testing.T, setup func(db *store.DB, contractID int64)) (*UI, *store.DB, *assessmentsScreen, *govbuy.Contract) {
	t.Helper()
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db)
	plan := govbuy.PlanTemplate("B03")
	plan.ContractID = c.ID
	if err := db.SavePlan(context.Background(), &plan); err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(db, c.ID)
	}
	s := showScreen[*assessmentsScreen](t, u)
	onUI(u, func() { s.contract.set(choice{id: c.ID}) })
	waitIdle(t, u)
	return u, db, s, c
}

// typeDeduction fills the next deduction row.
func typeDeduction(f *inspectionForm, criterion, points, finding string) {
	f.deductions.add(govbuy.Deduction{})
	row := f.deductions.rows[len(f.deductions.rows)-1]
	row.criterion.SetSelected(criterion)
	row.points.SetText(points)
	row.finding.SetText(finding)
}

func TestInspectionThenAssessmentStartsReduced(t *testing.T) {
	u, db, s, c := inspectionUI(t, nil)
	f := s.newInspection()
	f.date.entry.SetText("2024-05-14")
	if f.period.Selected != "2024年第2季度" {
		t.Errorf("period %q for a date in May", f.period.Selected)
	}
	f.how.SetSelected(string(govbuy.InspectionUnannounced))
	f.inspectors.SetText("王强、李明")
	f.findings.SetText("K3+200处路面坑槽未修补\n台账缺5月记录")
	f.attachments.path.SetText(`"D:\督查照片\坑槽.jpg"`)
	test.Tap(button(t, f.attachments.view, "添加"))
	f.attachments.add("D:\\督查照片\\台账.pdf")
	f.attachments.add("D:\\督查照片\\多余.jpg")
	test.Tap(button(t, f.attachments.box.Objects[2], "移除"))
	typeDeduction(f, "路面保洁", "3", "路面坑槽未及时修补")
	typeDeduction(f, "内业资料", "2", "台账不全")
	test.Tap(f.save)
	waitIdle(t, u)

	ins, _ := db.FindInspections(context.Background(), c.ID)
	if len(ins) != 1 {
		t.Fatalf("%d inspections stored; form says %q", len(ins), texts(f.form.content()))
	}
	in := ins[0]
	if in.Period != "2024Q2" || in.Kind != govbuy.InspectionUnannounced || in.Inspectors != "王强、李明" ||
		!strings.Contains(in.Findings, "\n台账缺5月记录") || len(in.Deductions) != 2 || in.Deductions[0].Points != 30 ||
		strings.Join(in.Attachments, "|") != `D:\督查照片\坑槽.jpg|D:\督查照片\台账.pdf` {
		t.Errorf("stored %+v", in)
	}
	if !hasText(s.visits, "2024-05-14　随机抽查　2024年第2季度　王强、李明") || !hasText(s.visits, "路面保洁扣3分") {
		t.Errorf("inspections listed as %q", texts(s.visits))
	}

	onUI(u, func() { s.period.SetSelected("2024年第2季度") })
	reason := "2024-05-14随机抽查：路面坑槽未及时修补，扣3分"
	if r := s.rows[0]; r.score.Text != "27" || r.reason.Text != reason {
		t.Errorf("路面保洁 starts at %q because %q", r.score.Text, r.reason.Text)
	}
	if r := s.rows[4]; r.score.Text != "8" || !strings.Contains(r.reason.Text, "台账不全") {
		t.Errorf("内业资料 starts at %q because %q", r.score.Text, r.reason.Text)
	}
	if s.rows[1].score.Text != "" {
		t.Errorf("路肩边沟, not deducted, starts at %q", s.rows[1].score.Text)
	}
	if !s.deducted.Visible() || !strings.Contains(s.deducted.Text, "路面保洁："+reason) {
		t.Errorf("deductions shown as %q (visible %v)", s.deducted.Text, s.deducted.Visible())
	}
	// The criteria the inspections left alone are still to be scored: they
	// are not full marks until the officer says so.
	if s.live.Text != "未评分：路肩边沟、桥涵构造物、安全设施" {
		t.Errorf("live %q before the other criteria are scored", s.live.Text)
	}
	onUI(u, func() {
		test.Type(s.rows[1].score, "25")
		test.Type(s.rows[2].score, "20")
		test.Type(s.rows[3].score, "15")
	})
	if !strings.HasPrefix(s.live.Text, "2024年第2季度得分95（优）") {
		t.Errorf("live %q", s.live.Text)
	}

	onUI(u, func() { s.rows[0].score.SetText("30") })
	if m := s.rows[0].field.msg; !strings.Contains(m.Text, "该项得分不能高于27分") {
		t.Errorf("a score above what the inspection left: message %q", m.Text)
	}
	onUI(u, func() {
		s.rows[0].score.SetText("27")
		s.assessor.SetText("区交通运输局考核组")
		s.saveAssessment()
	})
	waitIdle(t, u)
	as, _ := db.FindAssessments(context.Background(), c.ID)
	if len(as) != 1 || as[0].Score != 950 || len(as[0].Deductions) != 2 {
		t.Fatalf("assessments %+v", as)
	}
	trace := "督查扣分（路面保洁）：" + reason
	if !strings.Contains(s.history.Text, trace) {
		t.Errorf("history %q", s.history.Text)
	}
	row, _ := db.FindContractByID(context.Background(), c.ID)
	d := showContractDetails(u.sh, db, *row, func() {})
	waitIdle(t, u)
	if !strings.Contains(d.assessments.Text, "2024年第2季度　95（优）") || !strings.Contains(d.assessments.Text, trace) {
		t.Errorf("details show %q", d.assessments.Text)
	}
}

func TestInspectionEditorRefusesBadDeductions(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(db *store.DB, contractID int64)
		fill  func(f *inspectionForm)
		field govbuy.Field
		want  string
	}{
		{name: "more than the criterion holds",
			fill:  func(f *inspectionForm) { typeDeduction(f, "内业资料", "12", "台账全部缺失") },
			field: "扣分", want: "“内业资料”共扣12分，超过该项分值10分"},
		{name: "more than is left after another inspection",
			setup: func(db *store.DB, id int64) {
				in := &govbuy.Inspection{ContractID: id, Period: "2024Q2", Date: govbuy.Day(2024, 4, 20), Kind: govbuy.InspectionScheduled,
					Inspectors: "张华", Deductions: []govbuy.Deduction{{Criterion: "内业资料", Points: 80, Finding: "台账不全"}}}
				if err := db.CreateInspection(ctx, in); err != nil {
					t.Fatal(err)
				}
			},
			fill:  func(f *inspectionForm) { typeDeduction(f, "内业资料", "5", "月报未报") },
			field: "扣分", want: "共扣13分，超过该项分值10分"},
		{name: "period already assessed",
			setup: func(db *store.DB, id int64) {
				a := &govbuy.Assessment{ContractID: id, Period: "2024Q2", Score: 1000, Date: govbuy.Day(2024, 7, 5)}
				if err := db.CreateAssessment(ctx, a); err != nil {
					t.Fatal(err)
				}
			},
			fill:  func(f *inspectionForm) { typeDeduction(f, "路面保洁", "2", "路面积土") },
			field: "考核期间", want: "考核已录入"},
		{name: "date outside the period",
			fill:  func(f *inspectionForm) { f.period.SetSelected("2024年第1季度") },
			field: "督查日期", want: "不在2024年第1季度内"},
		{name: "unreadable points",
			fill:  func(f *inspectionForm) { typeDeduction(f, "路面保洁", "三分", "路面积土") },
			field: "扣分", want: "第1行的扣分“三分”无法识别"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, db, s, c := inspectionUI(t, tt.setup)
			const stored = "SELECT COUNT(*) FROM inspections WHERE contract_id = ?"
			before := mustCount(t, db, stored, c.ID)
			f := s.newInspection()
			f.date.entry.SetText("2024-05-14")
			f.inspectors.SetText("王强")
			if tt.fill != nil {
				tt.fill(f)
			}
			test.Tap(f.save)
			waitIdle(t, u)
			if m := f.form.fields[tt.field].msg; !strings.Contains(m.Text, tt.want) {
				t.Errorf("%s: message %q, want %q; form says %q", tt.field, m.Text, tt.want, texts(f.form.content()))
			}
			if after := mustCount(t, db, stored, c.ID); after != before {
				t.Errorf("%d inspections stored, want %d", after, before)
			}
		})
	}
}

func TestInspectionEditAndDelete(t *testing.T) {
	u, db, s, c := inspectionUI(t, func(db *store.DB, id int64) {
		in := &govbuy.Inspection{ContractID: id, Period: "2024Q1", Date: govbuy.Day(2024, 2, 10), Kind: govbuy.InspectionScheduled,
			Inspectors: "张华", Deductions: []govbuy.Deduction{{Criterion: "安全设施", Points: 20, Finding: "警示牌缺失"}}}
		if err := db.CreateInspection(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	})
	if r := s.rows[3]; r.score.Text != "13" || !strings.Contains(r.reason.Text, "警示牌缺失") {
		t.Errorf("安全设施 starts at %q because %q", r.score.Text, r.reason.Text)
	}
	f := s.showInspectionForm(s.inspections[0])
	if f.period.Selected != "2024年第1季度" || f.deductions.rows[0].criterion.Selected != "安全设施" || f.deductions.rows[0].points.Text != "2" {
		t.Fatalf("editor shows period %q, deduction %q %q", f.period.Selected, f.deductions.rows[0].criterion.Selected, f.deductions.rows[0].points.Text)
	}
	f.deductions.rows[0].points.SetText("1.5")
	test.Tap(f.save)
	waitIdle(t, u)
	if r := s.rows[3]; s.period.Selected != "2024年第1季度" || r.score.Text != "13.5" {
		t.Errorf("after the change, %s 安全设施 starts at %q", s.period.Selected, r.score.Text)
	}

	onUI(u, func() { s.confirmDeleteInspection(s.inspections[0]) })
	test.Tap(button(t, overlay(t, u), "删除"))
	waitIdle(t, u)
	if n := mustCount(t, db, "SELECT COUNT(*) FROM inspections WHERE contract_id = ?", c.ID); n != 0 {
		t.Errorf("%d inspections after delete", n)
	}
	if s.rows[3].score.Text != "" || s.deducted.Visible() {
		t.Errorf("安全设施 still starts at %q after the inspection is gone", s.rows[3].score.Text)
	}
}
