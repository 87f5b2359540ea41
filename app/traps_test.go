package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// typeCriteria types the scores and reasons of the tiered plan's three
// criteria (服务质量 50, 安全管理 30, 资料台账 20); an empty score is left
// blank.
func typeCriteria(u *UI, s *assessmentsScreen, scores ...string) {
	onUI(u, func() {
		for i, r := range s.rows {
			r.score.SetText("")
			r.reason.SetText("")
			test.Type(r.score, scores[i])
			if scores[i] != "" && scores[i] != r.criterion.Points.String() {
				test.Type(r.reason, "现场检查扣分")
			}
		}
	})
}

// A plan of bands 90/80/60 says what 55 pays, and a score below 60 is
// explained in red while it is typed, before anything is saved.
func TestScoreBelowTheLowestBandIsExplainedInRed(t *testing.T) {
	u, db, s, c := tieredUI(t)
	if want := "按得分档次支付：90分以上支付100%，80分以上支付95%，60分以上支付90%，低于60分不支付"; !strings.Contains(s.planInfo.Text, want) {
		t.Errorf("plan summary %q, want it to say %q", s.planInfo.Text, want)
	}
	onUI(u, func() { s.period.SetSelected("2024年第2季度") })
	tests := []struct {
		scores []string
		live   string
		red    bool
	}{
		{[]string{"45", "30", "20"}, "2024年第2季度得分95（优），按100%支付：本期基数300,000.00元，应付300,000.00元，扣减0.00元", false},
		{[]string{"30", "20", "10"}, "2024年第2季度得分60（中），按90%支付：本期基数300,000.00元，应付270,000.00元，扣减30,000.00元", false},
		{[]string{"25", "20", "10"}, "2024年第2季度得分55（差），低于最低档60分，不支付：本期基数300,000.00元，应付0.00元，扣减300,000.00元", true},
	}
	for _, tt := range tests {
		typeCriteria(u, s, tt.scores...)
		if s.live.Text != tt.live || (s.live.Importance == widget.DangerImportance) != tt.red {
			t.Errorf("scores %v: live %q (importance %v)\nwant %q (red %v)", tt.scores, s.live.Text, s.live.Importance, tt.live, tt.red)
		}
	}
	if as, err := db.FindAssessments(context.Background(), c.ID); err != nil || len(as) != 0 {
		t.Errorf("typing stored %+v (%v)", as, err)
	}
}

// A criterion left blank is 未评分, not full marks: no total shows, and a
// save is refused naming each blank criterion until it is scored.
func TestBlankCriterionIsUnscoredNotFullMarks(t *testing.T) {
	u, db, s, c := tieredUI(t)
	onUI(u, func() { s.period.SetSelected("2024年第2季度") })
	typeCriteria(u, s, "50", "30", "")
	if s.live.Text != "未评分：资料台账" || s.rows[2].field.msg.Text != "" {
		t.Errorf("before saving: live %q, 资料台账 says %q", s.live.Text, s.rows[2].field.msg.Text)
	}
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	if m := s.rows[2].field.msg.Text; m != "未评分，请填写得分（满分20分）" {
		t.Errorf("saved with 资料台账 blank: message %q", m)
	}
	typeCriteria(u, s, "", "", "")
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	for i, want := range []string{"未评分，请填写得分（满分50分）", "未评分，请填写得分（满分30分）", "未评分，请填写得分（满分20分）"} {
		if m := s.rows[i].field.msg.Text; m != want {
			t.Errorf("nothing scored: %s says %q, want %q", s.rows[i].criterion.Name, m, want)
		}
	}
	if as, err := db.FindAssessments(context.Background(), c.ID); err != nil || len(as) != 0 {
		t.Fatalf("an unscored assessment was stored: %+v (%v)", as, err)
	}
	typeCriteria(u, s, "50", "30", "20")
	if s.rows[2].field.msg.Text != "" || !strings.HasPrefix(s.live.Text, "2024年第2季度得分100（优）") {
		t.Errorf("all scored: 资料台账 says %q, live %q", s.rows[2].field.msg.Text, s.live.Text)
	}
	onUI(u, s.saveAssessment)
	waitIdle(t, u)
	if as, err := db.FindAssessments(context.Background(), c.ID); err != nil || len(as) != 1 || as[0].Score != 1000 || len(as[0].Items) != 3 {
		t.Errorf("stored %+v (%v)", as, err)
	}
}

// An assessment, an inspection or a payment of a period that is over is
// dated the period's last day, not the day it is typed; a date the officer
// typed is kept.
func TestDatesOfAPastPeriodDefaultToItsEnd(t *testing.T) {
	if time.Now().Before(govbuy.Day(2025, 1, 1)) {
		t.Skip("the clock is not past 2024")
	}
	u, _, s, c := tieredUI(t)
	onUI(u, func() { s.period.SetSelected("2024年第2季度") })
	if got := s.date.entry.Text; got != "2024-06-30" {
		t.Errorf("assessment of 2024 Q2 dated %q", got)
	}
	onUI(u, func() { s.period.SetSelected("2024年第3季度") })
	var in *inspectionForm
	onUI(u, func() { in = s.newInspection() })
	if got := in.date.entry.Text; got != "2024-09-30" || in.period.Selected != "2024年第3季度" {
		t.Errorf("inspection of 2024 Q3 dated %q for %q", got, in.period.Selected)
	}
	onUI(u, in.dlg.Hide)

	p := showScreen[*paymentsScreen](t, u)
	onUI(u, func() { p.contract.set(choice{id: c.ID}) })
	waitIdle(t, u)
	onUI(u, func() { p.period.SetSelectedIndex(1) })
	if got := p.date.entry.Text; got != "2024-06-30" {
		t.Errorf("payment of 2024 Q2 dated %q", got)
	}
	onUI(u, func() {
		p.date.entry.SetText("2024-07-15")
		p.period.SetSelectedIndex(2)
	})
	if got := p.date.entry.Text; got != "2024-07-15" {
		t.Errorf("a typed date became %q when another period was chosen", got)
	}
}

// The contract form's pickers register a unit or a contractor in place:
// 新增… opens its editor with what was typed, and the saved record is
// chosen.
func TestPickersAddAUnitOrContractorInPlace(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*contractsScreen](t, u)
	f := s.showForm(newContractRow())
	waitIdle(t, u)
	tests := []struct {
		name   string
		picker *picker
		typed  string
		stored func() (int64, error)
	}{
		{"unit", f.unit, "区档案馆", func() (int64, error) {
			rows, _, err := db.FindUnits(context.Background(), govbuy.UnitFilter{Search: "区档案馆", Limit: 2})
			if len(rows) != 1 {
				return 0, err
			}
			return rows[0].ID, err
		}},
		{"contractor", f.contractor, "云溪保洁服务有限公司", func() (int64, error) {
			rows, _, err := db.FindContractors(context.Background(), govbuy.ContractorFilter{Search: "云溪保洁服务有限公司", Limit: 2})
			if len(rows) != 1 {
				return 0, err
			}
			return rows[0].ID, err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			onUI(u, tt.picker.open)
			waitIdle(t, u)
			search := overlay(t, u)
			onUI(u, func() { test.Type(findEntry(t, search), tt.typed) })
			waitIdle(t, u)
			test.Tap(button(t, search, "新增…"))
			editor := overlay(t, u)
			if e := findEntry(t, editor); e.Text != tt.typed {
				t.Fatalf("the editor opened with the name %q, want %q", e.Text, tt.typed)
			}
			test.Tap(button(t, editor, "保存"))
			waitIdle(t, u)
			id, err := tt.stored()
			if err != nil || id == 0 {
				t.Fatalf("not stored: %v; editor says %q", err, texts(editor))
			}
			if got := tt.picker.selected; got.id != id || got.label != tt.typed {
				t.Errorf("the picker chose %+v, want the new record %d %q", got, id, tt.typed)
			}
			if top := u.Window().Canvas().Overlays().Top(); top == nil || !hasText(top, "新增合同") {
				t.Error("the contract form is not the dialog on top after the editor closed")
			}
		})
	}
}

// A paid contract's 删除 is disabled with the store's own refusal as soon
// as it is selected; a contract nothing refers to can be deleted.
func TestPaidContractDeleteIsDisabledWithItsReason(t *testing.T) {
	u, db := demoUI(t)
	ctx := context.Background()
	unit, _, _ := db.FindUnits(ctx, govbuy.UnitFilter{Limit: 1})
	ks, _, _ := db.FindContractors(ctx, govbuy.ContractorFilter{Limit: 1})
	fresh := &govbuy.Contract{Number: "YX2024-999", Year: 2024, UnitID: unit[0].ID, ContractorID: ks[0].ID, Kind: govbuy.KindProject,
		Title: "尚未履行", Method: govbuy.MethodMutualAgree, Amount: govbuy.Yuan(1000)}
	if err := db.CreateContract(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*contractsScreen](t, u)
	del := button(t, s.view(), "删除")
	paid := contractID(t, db, "YX2024-042")
	refusal := govbuy.ErrorMessage(db.ContractDeleteRefusal(ctx, paid))
	if !strings.HasPrefix(refusal, "该合同有") || !strings.Contains(refusal, "笔支付记录") || !strings.HasSuffix(refusal, "不能删除") {
		t.Fatalf("the store refuses a paid contract's delete with %q", refusal)
	}
	for _, tt := range []struct {
		id   int64
		want string
	}{{paid, refusal}, {fresh.ID, ""}} {
		selectRow(t, u, s.list, func(r govbuy.ContractRow) bool { return r.ID == tt.id })
		if del.Disabled() != (tt.want != "") || s.list.note.Text != tt.want {
			t.Errorf("contract %d: delete disabled %v, note %q, want %q", tt.id, del.Disabled(), s.list.note.Text, tt.want)
		}
	}
}

// selectRow taps the first row of l that match accepts, paging through the
// loaded rows, and waits for what the selection sets off.
func selectRow[T any](t *testing.T, u *UI, l *listTable[T], match func(T) bool) {
	t.Helper()
	for i := range l.pager.len() {
		r, ok := l.pager.row(i)
		waitIdle(t, u)
		if ok && match(r) {
			onUI(u, func() { l.tapped(i) })
			waitIdle(t, u)
			return
		}
	}
	t.Fatal("no such row in the list")
}

// 第八条 in the window: a 公益一类事业单位 is refused on its type as soon as
// the type is chosen and again on save, and nothing is stored.
func TestContractorOfPublicClass1RefusedInTheForm(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*contractorsScreen](t, u)
	f := s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise})
	const want = "公益一类事业单位不得作为政府购买服务的承接主体（《政府购买服务管理办法》第八条）"
	test.Type(f.name, "云溪区疾病预防控制中心")
	f.typ.SetSelected(string(govbuy.TypePublicClass1))
	if m := f.typeField.msg.Text; m != want {
		t.Errorf("type chosen: message %q", m)
	}
	test.Tap(f.save)
	waitIdle(t, u)
	if m := f.typeField.msg.Text; m != want || f.typeField.err == "" {
		t.Errorf("saved: message %q (an error: %v)", m, f.typeField.err != "")
	}
	if _, n, _ := db.FindContractors(context.Background(), govbuy.ContractorFilter{Limit: 1}); n != 0 {
		t.Fatalf("%d contractors stored", n)
	}
	f.typ.SetSelected(string(govbuy.TypePublicClass2))
	if m := f.typeField.msg.Text; m != "" {
		t.Errorf("公益二类: message %q", m)
	}
	test.Tap(f.save)
	waitIdle(t, u)
	if _, n, _ := db.FindContractors(context.Background(), govbuy.ContractorFilter{Limit: 1}); n != 1 {
		t.Errorf("%d contractors stored as 公益二类; form says %q", n, texts(f.form.content()))
	}
}

// The contractor list marks a contractor kept with a code that fails its
// check; the unit list shows a 事业单位's class, and a 公益一类 unit's
// contracts carry the 第八条 hint.
func TestListsMarkFailingCodesAndPublicClass1Units(t *testing.T) {
	u, db := newTestUI(t, nil)
	ctx := context.Background()
	unit := &govbuy.Unit{Name: "云溪区档案馆", Kind: govbuy.UnitPublic, Class: govbuy.ClassPublic1}
	sound := &govbuy.Contractor{Name: "云溪物业有限公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341L"}
	kept := &govbuy.Contractor{Name: "云溪园林有限公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341A", CodeOverride: "营业执照原件如此"}
	bare := &govbuy.Contractor{Name: "张三", Type: govbuy.TypeIndividual}
	if err := db.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	for _, k := range []*govbuy.Contractor{sound, kept, bare} {
		if err := db.CreateContractor(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	c := &govbuy.Contract{Number: "DA-2024-1", Year: 2024, UnitID: unit.ID, ContractorID: sound.ID, Kind: govbuy.KindProject,
		Title: "档案数字化", Method: govbuy.MethodOpenTender, Amount: govbuy.Yuan(50_000)}
	if err := db.CreateContract(ctx, c); err != nil {
		t.Fatal(err)
	}

	ks := showScreen[*contractorsScreen](t, u)
	mark := columnNamed(t, ks.list.cols, "代码校验")
	for _, tt := range []struct {
		name, want string
	}{{sound.Name, ""}, {kept.Name, "代码未通过校验"}, {bare.Name, ""}} {
		found := false
		for i := range ks.list.pager.len() {
			if r, _ := ks.list.pager.row(i); r.Name == tt.name {
				found = true
				if got := mark(r); got != tt.want {
					t.Errorf("%s marked %q, want %q", tt.name, got, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s not listed", tt.name)
		}
	}

	us := showScreen[*unitsScreen](t, u)
	onUI(u, us.reload)
	waitIdle(t, u)
	if r, ok := us.list.pager.row(0); !ok || columnNamed(t, us.list.cols, "单位类型")(r) != "事业单位（公益一类）" {
		t.Errorf("unit listed as %+v", r)
	}
	row, _ := db.FindContractByID(ctx, c.ID)
	var d *contractDetails
	onUI(u, func() { d = showContractDetails(u.sh, db, *row, func() {}) })
	waitIdle(t, u)
	if want := "第八条：购买主体“云溪区档案馆”为公益一类事业单位，不作为政府购买服务的购买主体"; !hasText(d.hints.box, want) {
		t.Errorf("contract hints %q, want %q", texts(d.hints.box), want)
	}
}

// columnNamed is the value function of the list column titled title.
func columnNamed[T any](t *testing.T, cols []column[T], title string) func(T) string {
	t.Helper()
	for _, c := range cols {
		if c.title == title {
			return c.value
		}
	}
	t.Fatalf("no column %q", title)
	return nil
}

// A phone number that is no number is warned of beside the field, in
// amber, and kept: a warning, never a block.
func TestPhoneWarnedBesideTheField(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*unitsScreen](t, u)
	f := s.showForm(govbuy.Unit{Kind: govbuy.UnitAdministrative})
	for _, tt := range []struct{ phone, want string }{
		{"13812345678", ""},
		{"0851-12345678", ""},
		{"010-12345678转801", ""},
		{"123", "“123”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
		{"8888888", "“8888888”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
	} {
		f.phone.SetText("")
		test.Type(f.phone, tt.phone)
		if m := f.phoneField.msg; m.Text != tt.want || (tt.want != "" && m.Importance != widget.WarningImportance) {
			t.Errorf("%s: message %q (importance %v), want %q", tt.phone, m.Text, m.Importance, tt.want)
		}
	}
	test.Type(f.name, "区民政局")
	test.Tap(f.save)
	waitIdle(t, u)
	rows, _, err := db.FindUnits(context.Background(), govbuy.UnitFilter{Limit: 1})
	if err != nil || len(rows) != 1 || rows[0].Phone != "8888888" {
		t.Errorf("a unit with a doubtful phone: stored %+v (%v)", rows, err)
	}
}

// labelNamed is the visible label under o that reads text.
func labelNamed(t *testing.T, o fyne.CanvasObject, text string) *widget.Label {
	t.Helper()
	var found *widget.Label
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == text && l.Visible() && found == nil {
			found = l
		}
	})
	if found == nil {
		t.Fatalf("no label %q", text)
	}
	return found
}

// A list that changes height lays the page out again: "尚未登记督查。" ends
// above the heading that follows it instead of drawing over it.
func TestInspectionsNoteDoesNotDrawOverTheNextHeading(t *testing.T) {
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db)
	s := showScreen[*assessmentsScreen](t, u)
	onUI(u, func() { s.loadContract(c.ID) })
	waitIdle(t, u)
	d := fyne.CurrentApp().Driver()
	note := labelNamed(t, s.content, "尚未登记督查。")
	next := labelNamed(t, s.content, "已录入的考核")
	if bottom, top := d.AbsolutePositionForObject(note).Y+note.Size().Height, d.AbsolutePositionForObject(next).Y; bottom > top || note.Size().Height == 0 {
		t.Errorf("the note ends at %.0f (height %.0f), below the heading's top %.0f", bottom, note.Size().Height, top)
	}
}

// Each empty list says what to do first; one emptied by a search says to
// loosen it.
func TestEmptyListsSayWhatToDoFirst(t *testing.T) {
	u, db := newTestUI(t, nil)
	tests := []struct {
		name  string
		empty func() *widget.Label
		want  string
	}{
		{"单位", func() *widget.Label { return showScreen[*unitsScreen](t, u).list.empty }, "还没有购买主体。点“新增”登记第一个单位"},
		{"承接主体", func() *widget.Label { return showScreen[*contractorsScreen](t, u).list.empty }, "还没有承接主体。"},
		{"合同", func() *widget.Label { return showScreen[*contractsScreen](t, u).list.empty }, "请先登记购买主体和承接主体"},
	}
	for _, tt := range tests {
		if l := tt.empty(); !l.Visible() || !strings.Contains(l.Text, tt.want) {
			t.Errorf("%s: empty list says %q (shown %v), want %q", tt.name, l.Text, l.Visible(), tt.want)
		}
	}
	mustCreate(t, db)
	s := showScreen[*unitsScreen](t, u)
	onUI(u, func() { s.reload() })
	waitIdle(t, u)
	if s.list.empty.Visible() {
		t.Errorf("a list with a unit still says %q", s.list.empty.Text)
	}
	onUI(u, func() { test.Type(s.search, "无此单位") })
	time.Sleep(2 * searchDelay)
	waitIdle(t, u)
	if !s.list.empty.Visible() || !strings.Contains(s.list.empty.Text, "放宽") {
		t.Errorf("a search that hides every unit says %q (shown %v)", s.list.empty.Text, s.list.empty.Visible())
	}
}
