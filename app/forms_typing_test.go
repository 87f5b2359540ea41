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
	"govbuy/store"
)

// typist types into a form as an officer does at the keyboard: Tab to the
// next field, then the keys, with the messages the keys set off firing,
// those from the background too. Around every batch of keys it compares
// where each field of the form sits on the window, and fails the test if
// one moved: a field that moves under the cursor takes what was meant for
// another.
type typist struct {
	t     *testing.T
	u     *UI
	form  fyne.CanvasObject // the dialog or screen whose fields are watched
	typed map[*widget.Entry]string
	names map[*widget.Entry]string // how failures name an entry
}

func newTypist(t *testing.T, u *UI, form fyne.CanvasObject) *typist {
	t.Helper()
	tp := &typist{t: t, u: u, form: form, typed: map[*widget.Entry]string{}, names: map[*widget.Entry]string{}}
	u.Window().Canvas().Unfocus()
	return tp
}

// step is one field in tab order: the entry and what is typed into it; an
// entry with no text is passed over with Tab, as an officer leaves a field
// that does not apply.
type step struct {
	name  string
	entry *widget.Entry
	text  string
}

// fill types each step in turn, then checks every entry holds exactly what
// was typed into it.
func (tp *typist) fill(steps ...step) {
	tp.t.Helper()
	for _, s := range steps {
		tp.names[s.entry] = s.name
		tp.tabTo(s)
		if s.text != "" {
			tp.keys(s.name, func() { test.Type(tp.focused(), s.text) })
			tp.typed[s.entry] += s.text
		}
	}
	tp.check()
}

// tabTo presses Tab until an entry has the focus, passing over the
// buttons, selects and checks between fields, and fails unless it is the
// step's entry.
func (tp *typist) tabTo(s step) {
	tp.t.Helper()
	c := tp.u.Window().Canvas()
	for range 40 {
		onUI(tp.u, func() { test.FocusNext(c) })
		e, ok := c.Focused().(*widget.Entry)
		if !ok {
			continue
		}
		if e != s.entry {
			tp.t.Fatalf("Tab led to the entry %q (holding %q, placeholder %q), want %s", tp.names[e], e.Text, e.PlaceHolder, s.name)
		}
		return
	}
	tp.t.Fatalf("Tab never reached %s", s.name)
}

func (tp *typist) focused() *widget.Entry {
	return tp.u.Window().Canvas().Focused().(*widget.Entry)
}

// keys does what an officer does between two looks at the form — types,
// chooses, saves — lets what it set off in the background finish, and fails
// if any field moved meanwhile.
func (tp *typist) keys(what string, do func()) {
	tp.t.Helper()
	before := tp.places()
	onUI(tp.u, do)
	waitIdle(tp.t, tp.u)
	after := tp.places()
	for o, at := range before {
		if now, ok := after[o]; ok && now != at && tp.form.Visible() {
			tp.t.Errorf("%s: a field (%T) moved from %v to %v", what, o, at, now)
		}
	}
}

// places is where each field of the form sits on the window once it is
// laid out afresh.
func (tp *typist) places() map[fyne.CanvasObject]fyne.Position {
	onUI(tp.u, func() { settle(tp.u.Window().Canvas()) })
	out := map[fyne.CanvasObject]fyne.Position{}
	d := fyne.CurrentApp().Driver()
	walk(tp.form, func(o fyne.CanvasObject) {
		if _, ok := o.(fyne.Focusable); ok && o.Visible() {
			out[o] = d.AbsolutePositionForObject(o)
		}
	})
	return out
}

// settle lays the window out as the real driver does before it draws a
// frame, every container and widget from the roots down, each root grown
// to its minimum size: Fyne's test driver lays out only what it is told
// to, so without this a field pushed down by a message would never be
// seen to move.
func settle(c fyne.Canvas) {
	relayout(c.Content(), c.Size())
	for _, o := range c.Overlays().List() {
		o.Resize(o.MinSize().Max(o.Size()))
		relayout(o, o.Size())
	}
}

func relayout(o fyne.CanvasObject, size fyne.Size) {
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, size)
		}
		children = x.Objects
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(size)
		children = r.Objects()
	}
	for _, c := range children {
		relayout(c, c.Size())
	}
}

// retype replaces what an entry holds, as selecting it all and typing
// over it does.
func (tp *typist) retype(s step) {
	tp.t.Helper()
	tp.keys("retyping "+s.name, func() {
		tp.u.Window().Canvas().Focus(s.entry)
		s.entry.SetText("")
		test.Type(s.entry, s.text)
	})
	tp.typed[s.entry] = s.text
	tp.check()
}

// refusedThenFixed saves, expects the message msg reads to say refused,
// retypes fix, expects the message gone once fixed, and saves again.
func (tp *typist) refusedThenFixed(save func(), msg func() string, refused string, fix step) {
	tp.t.Helper()
	tp.keys("saving", save)
	if m := msg(); !strings.Contains(m, refused) {
		tp.t.Fatalf("after saving, %s says %q, want %q", fix.name, m, refused)
	}
	tp.retype(fix)
	if m := msg(); m != "" {
		tp.t.Errorf("%s still says %q once fixed", fix.name, m)
	}
	tp.keys("saving", save)
}

// check fails for each entry that does not hold what was typed into it.
func (tp *typist) check() {
	tp.t.Helper()
	for e, want := range tp.typed {
		if e.Text != want {
			tp.t.Errorf("%s holds %q, want %q", tp.names[e], e.Text, want)
		}
	}
}

// message is what the message line of a form's field says.
func fieldMessage(f *fieldForm, field govbuy.Field) string { return f.fields[field].msg.Text }

// Every form is typed into field after field in tab order while its
// messages fire — a bad credit code, a phone number that is no number, a
// deduction that asks for a reason, a requirement gap found in the
// background, a refusal on save — and no field moves, every value lands in
// its own field, and each error clears once its field is fixed.
func TestFormsNeverMoveUnderTheCursor(t *testing.T) {
	t.Run("unit", typeUnitForm)
	t.Run("contractor", typeContractorForm)
	t.Run("contract", typeContractForm)
	t.Run("assessment", typeAssessment)
	t.Run("plan", typePlanForm)
	t.Run("inspection", typeInspectionForm)
	t.Run("fee standard", typeFeeForm)
	t.Run("requirement", typeRequirementForm)
	t.Run("payment", typePaymentForm)
}

func typeUnitForm(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*unitsScreen](t, u)
	f := s.showForm(govbuy.Unit{Kind: govbuy.UnitAdministrative})
	tp := newTypist(t, u, overlay(t, u))
	tp.fill(step{"name", f.name, "云溪区档案馆"})
	tp.keys("choosing 事业单位（公益一类）", func() {
		f.kind.SetSelected(string(govbuy.UnitPublic))
		f.class.SetSelected(string(govbuy.ClassPublic1))
	})
	code := step{"code", f.code, "1252"}
	phone := step{"phone", f.phone, "123"}
	tp.fill(code, step{"contact", f.contact, "李明"}, phone, step{"address", f.address, "云溪区府前路2号"},
		step{"notes", f.notes, "区属公益一类事业单位"})
	if m := fieldMessage(f.form, "事业单位类别"); !strings.Contains(m, "第八条") {
		t.Errorf("class note %q", m)
	}
	if m := fieldMessage(f.form, "联系电话"); !strings.Contains(m, "“123”不像电话号码") {
		t.Errorf("phone note %q", m)
	}
	phone.text = "0851-12345678"
	tp.retype(phone)
	if m := fieldMessage(f.form, "联系电话"); m != "" {
		t.Errorf("phone note %q stays for a good number", m)
	}
	code.text = "12100000400000624D"
	tp.refusedThenFixed(func() { test.Tap(f.save) }, func() string { return fieldMessage(f.form, "统一社会信用代码") }, "应为18位，实际为4位", code)
	rows, _, err := db.FindUnits(context.Background(), govbuy.UnitFilter{Search: "云溪区档案馆", Limit: 2})
	if err != nil || len(rows) != 1 {
		t.Fatalf("stored %d units (%v); form says %q", len(rows), err, texts(f.form.content()))
	}
	want := govbuy.Unit{ID: rows[0].ID, Version: 1, Name: "云溪区档案馆", Code: "12100000400000624D", Kind: govbuy.UnitPublic, Class: govbuy.ClassPublic1,
		Contact: "李明", Phone: "0851-12345678", Address: "云溪区府前路2号", Notes: "区属公益一类事业单位"}
	if rows[0].Unit != want {
		t.Errorf("stored %+v\nwant %+v", rows[0].Unit, want)
	}
}

func typeContractorForm(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*contractorsScreen](t, u)
	f := s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise})
	test.Tap(button(t, f.quals.view, "添加资质"))
	q := f.quals.rows[0]
	tp := newTypist(t, u, overlay(t, u))
	// The code fails its check at its 18th character: the reason to keep
	// it is the next field, and has been all along.
	tp.fill(step{"name", f.name, "云溪园林绿化工程有限公司"}, step{"code", f.code, "91110000600037341A"},
		step{"reason to keep", f.override, "营业执照原件如此，已向市场监管局核实"},
		step{"legal representative", f.legalRep, "王建国"}, step{"phone", f.phone, "0851-1234"},
		step{"address", f.address, "云溪区城南路8号"}, step{"bank", f.bank, "农业银行云溪支行"},
		step{"account", f.account, "6228480012345678"},
		step{"qualification", q.kind, "城市园林绿化企业资质"}, step{"level", q.level, "三级"},
		step{"certificate", q.number, "YL-001"}, step{"issuer", q.issuer, "市住建局"},
		step{"valid until", q.expiry.entry, "2026-12-31"}, step{"notes", f.notes, "已核实"})
	if m := fieldMessage(f.form, "统一社会信用代码"); m != "校验位应为“L”，实际为“A”" {
		t.Errorf("code note %q", m)
	}
	if m := fieldMessage(f.form, "联系电话"); !strings.Contains(m, "“0851-1234”不像电话号码") {
		t.Errorf("phone note %q", m)
	}
	tp.keys("saving", func() { test.Tap(f.save) })
	got, err := db.FindContractorByCode(context.Background(), "91110000600037341A", "")
	if err != nil {
		t.Fatalf("not stored: %v; form says %q", err, texts(f.form.content()))
	}
	if got.CodeOverride != "营业执照原件如此，已向市场监管局核实" || got.Phone != "0851-1234" || got.Notes != "已核实" ||
		len(got.Qualifications) != 1 || got.Qualifications[0].Issuer != "市住建局" {
		t.Errorf("stored %+v", got)
	}
}

func typeContractForm(t *testing.T) {
	u, db, s, unit, k := gapContractUI(t)
	ctx := context.Background()
	f := s.showForm(newContractRow())
	waitIdle(t, u)
	f.year.SetText("")
	tp := newTypist(t, u, overlay(t, u))
	tp.fill(step{"number", f.number, "YX2024-901"}, step{"year", f.year, "2024"})
	tp.keys("picking the unit and contractor", func() {
		f.unit.set(choice{id: unit.ID, label: unit.Name})
		f.contractor.set(choice{id: k.ID, label: k.Name})
	})
	// The service is chosen and typing goes on at once: the requirement
	// gap arrives from the background while the next fields are typed.
	onUI(u, func() { f.catalog.sel.SetSelected("B03 农村公路养护服务") })
	reason := step{"reason to go ahead", f.requirement, ""}
	tp.fill(reason, step{"title", f.title, "村道应急抢修"})
	if gaps := fieldMessage(f.form, "不符合要求的理由"); !strings.Contains(gaps, "缺少公路养护工程施工资质") {
		t.Errorf("no requirement gap shown: %q", gaps)
	}
	if !f.headcount.Disabled() {
		t.Error("the headcount is open for a project")
	}
	tp.keys("choosing the method", func() { f.method.SetSelected(string(govbuy.MethodNegotiation)) })
	tp.fill(step{"amount", f.amount, "80,000"}, step{"start", f.start.entry, "2024-07-01"}, step{"end", f.end.entry, "2024-09-30"},
		step{"fee basis", f.feeBasis, "市场询价"}, step{"notes", f.notes, "汛期应急"})
	tp.keys("saving", func() { test.Tap(f.save) })
	if m := fieldMessage(f.form, "不符合要求的理由"); !strings.Contains(m, "如确需签订，请填写理由") {
		t.Fatalf("saved without a reason: message %q", m)
	}
	reason.text = "汛期应急抢修，资质单位无力承接"
	tp.retype(reason)
	if m := fieldMessage(f.form, "不符合要求的理由"); !strings.Contains(m, "缺少公路养护工程施工资质") {
		t.Errorf("once the reason is typed the row says %q, want the gap again", m)
	}
	tp.keys("saving", func() { test.Tap(f.save) })
	got, err := db.FindContractByNumber(ctx, "YX2024-901")
	if err != nil {
		t.Fatalf("not stored: %v; form says %q", err, texts(f.form.content()))
	}
	if got.Title != "村道应急抢修" || got.Amount != govbuy.Yuan(80_000) || got.End != govbuy.Day(2024, 9, 30) ||
		got.FeeBasis != "市场询价" || got.Notes != "汛期应急" || got.Year != 2024 {
		t.Errorf("stored %+v", got)
	}
	st, err := db.ContractSettlement(ctx, got.ID)
	if err != nil || !slices.ContainsFunc(st.Hints, func(h govbuy.Hint) bool { return h.Rule == "requirement" && h.Acknowledged == reason.text }) {
		t.Errorf("the reason is not on record: %+v (%v)", st, err)
	}
}

// tieredPlan is a quarterly plan of three criteria paid by bands 90/80/60,
// which pays nothing below 60.
func tieredPlan(contractID int64) govbuy.AssessmentPlan {
	return govbuy.AssessmentPlan{ContractID: contractID, Period: govbuy.PeriodQuarter, Bands: govbuy.DefaultGradeBands,
		Criteria: []govbuy.Criterion{{Name: "服务质量", Points: 500}, {Name: "安全管理", Points: 300}, {Name: "资料台账", Points: 200}},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleBanded, Bands: []govbuy.Band{{Min: 900, Rate: 10000}, {Min: 800, Rate: 9500}, {Min: 600, Rate: 9000}}}}
}

// tieredUI opens the 考核 screen on a 2024 contract with tieredPlan.
func tieredUI(t *testing.T) (*UI, *store.DB, *assessmentsScreen, *govbuy.Contract) {
	t.Helper()
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db)
	plan := tieredPlan(c.ID)
	if err := db.SavePlan(context.Background(), &plan); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*assessmentsScreen](t, u)
	onUI(u, func() { s.contract.set(choice{id: c.ID}) })
	waitIdle(t, u)
	return u, db, s, c
}

func typeAssessment(t *testing.T) {
	u, db, s, c := tieredUI(t)
	onUI(u, func() {
		s.period.SetSelected("2024年第2季度")
		s.date.entry.SetText("")
	})
	quality := step{"服务质量", s.rows[0].score, "47"}
	tp := newTypist(t, u, s.content)
	tp.fill(quality)
	if m := s.rows[0].field.msg.Text; m != "扣3分，请填写扣分原因" {
		t.Errorf("a deduction without a reason: message %q", m)
	}
	tp.fill(step{"服务质量 reason", s.rows[0].reason, "路面保洁不到位"}, step{"安全管理", s.rows[1].score, "30"},
		step{"安全管理 reason", s.rows[1].reason, ""}, step{"资料台账", s.rows[2].score, "20"},
		step{"资料台账 reason", s.rows[2].reason, ""}, step{"assessor", s.assessor, "区交通运输局考核组"},
		step{"date", s.date.entry, "2024-07-05"}, step{"remarks", s.remarks, "季度考核"})
	if m := s.rows[0].field.msg.Text; m != "" {
		t.Errorf("message %q stays once the reason is given", m)
	}
	if !strings.HasPrefix(s.live.Text, "2024年第2季度得分97（优）") || s.live.Importance == widget.DangerImportance {
		t.Errorf("live %q (importance %v)", s.live.Text, s.live.Importance)
	}
	quality.text = "2"
	tp.retype(quality)
	if !strings.HasPrefix(s.live.Text, "2024年第2季度得分52（差），低于最低档60分，不支付") || s.live.Importance != widget.DangerImportance {
		t.Errorf("a score that pays nothing: live %q (importance %v)", s.live.Text, s.live.Importance)
	}
	quality.text = "47"
	tp.retype(quality)
	tp.keys("saving", s.saveAssessment)
	as, err := db.FindAssessments(context.Background(), c.ID)
	if err != nil || len(as) != 1 || as[0].Score != 970 || as[0].Date != govbuy.Day(2024, 7, 5) || as[0].Remarks != "季度考核" {
		t.Errorf("stored %+v (%v)", as, err)
	}
}

func typePlanForm(t *testing.T) {
	u, db := newTestUI(t, nil)
	_, _, c := mustCreate(t, db)
	row, _ := db.FindContractByID(context.Background(), c.ID)
	plan := &govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter, Rule: govbuy.PaymentRule{Kind: govbuy.RuleBanded}}
	f := showPlanForm(u.sh, db, row, plan, func() {})
	for range 3 {
		f.criteria.add("", "")
	}
	f.bands.add("", "")
	f.bands.add("", "")
	for _, e := range f.grades {
		e.SetText("")
	}
	cr, bd := f.criteria.rows, f.bands.rows
	tp := newTypist(t, u, overlay(t, u))
	tp.fill(step{"criterion 1", cr[0].a, "服务质量"}, step{"points 1", cr[0].b, "50"},
		step{"criterion 2", cr[1].a, "安全管理"}, step{"points 2", cr[1].b, "30"},
		step{"criterion 3", cr[2].a, "资料台账"}, step{"points 3", cr[2].b, "2"})
	if f.sum.Text != "合计82分，应为100分" {
		t.Errorf("sum %q", f.sum.Text)
	}
	tp.fill(step{"excellent", f.grades[0], "90"}, step{"good", f.grades[1], "80"}, step{"fair", f.grades[2], "60"},
		step{"band 1", bd[0].a, "90"}, step{"rate 1", bd[0].b, "100"}, step{"band 2", bd[1].a, "80"}, step{"rate 2", bd[1].b, "95"},
		step{"band 3", bd[2].a, "60"}, step{"rate 3", bd[2].b, "90"},
		step{"Q1", f.installments.entries["2024Q1"], "300,000"})
	if m := f.ruleField.msg.Text; m != "按得分档次支付：90分以上支付100%，80分以上支付95%，60分以上支付90%，低于60分不支付" {
		t.Errorf("the rule is summed up as %q", m)
	}
	tp.refusedThenFixed(func() { test.Tap(f.save) }, func() string { return fieldMessage(f.form, "考核指标") },
		"各项分值合计应为100分，实际为82分", step{"points 3", cr[2].b, "20"})
	p, err := db.FindPlan(context.Background(), c.ID)
	if err != nil || len(p.Criteria) != 3 || len(p.Rule.Bands) != 3 || p.Installments["2024Q1"] != govbuy.Yuan(300_000) {
		t.Errorf("stored %+v (%v)", p, err)
	}
}

func typeInspectionForm(t *testing.T) {
	u, db, s, c := inspectionUI(t, nil)
	f := s.newInspection()
	f.date.entry.SetText("")
	f.deductions.add(govbuy.Deduction{Criterion: "路面保洁"})
	d := f.deductions.rows[0]
	points := step{"points", d.points, "40"}
	tp := newTypist(t, u, overlay(t, u))
	tp.fill(step{"date", f.date.entry, "2024-05-14"}, step{"inspectors", f.inspectors, "王强、李明"},
		step{"findings", f.findings, "K3+200处路面坑槽未修补"}, step{"attachment path", f.attachments.path, ""},
		points, step{"finding", d.finding, "坑槽未修补"})
	if f.period.Selected != "2024年第2季度" {
		t.Errorf("period %q for a date in May", f.period.Selected)
	}
	points.text = "3"
	tp.refusedThenFixed(func() { test.Tap(f.save) }, func() string { return fieldMessage(f.form, "扣分") }, "超过该项分值30分", points)
	ins, err := db.FindInspections(context.Background(), c.ID)
	if err != nil || len(ins) != 1 || ins[0].Deductions[0].Points != 30 || ins[0].Findings != "K3+200处路面坑槽未修补" {
		t.Errorf("stored %+v (%v)", ins, err)
	}
}

func typeFeeForm(t *testing.T) {
	u, _, s := standardsUI(t)
	f := s.showFeeForm(govbuy.FeeStandard{Kind: govbuy.FeeUnitPrice})
	f.date.entry.SetText("")
	price := step{"price", f.price, "一百四十"}
	tp := newTypist(t, u, overlay(t, u))
	tp.fill(step{"name", f.name, "计划生育检验收费标准"}, step{"unit", f.unit, "人次"}, price,
		step{"share", f.share, "75"}, step{"source", f.source, "省医疗服务价格项目"}, step{"date", f.date.entry, "2023-01-01"})
	price.text = "140"
	tp.refusedThenFixed(func() { test.Tap(f.save) }, func() string { return fieldMessage(f.form, "单价") }, "一百四十", price)
	list, err := s.svc.FindFeeStandards(context.Background())
	if err != nil || len(list) != 1 || list[0].Price != govbuy.Yuan(140) || list[0].Share != 7500 || list[0].Unit != "人次" {
		t.Errorf("stored %+v (%v)", list, err)
	}
}

// The requirement form is all choices: none of them, nor the refusal of a
// save, moves a field.
func typeRequirementForm(t *testing.T) {
	u, _, s := standardsUI(t)
	f := s.showRequirementForm(govbuy.Requirement{})
	waitIdle(t, u)
	tp := newTypist(t, u, overlay(t, u))
	tp.keys("saving without an item", func() { test.Tap(f.save) })
	if m := fieldMessage(f.form, "服务类别"); m != "请选择服务类别" {
		t.Fatalf("catalog message %q", m)
	}
	tp.keys("choosing", func() {
		f.catalog.SetSelected("B03 农村公路养护服务")
		f.level.SetSelected("乙级")
	})
	if m := fieldMessage(f.form, "服务类别"); m != "" {
		t.Errorf("catalog message %q stays once an item is chosen", m)
	}
	tp.keys("saving a level without a qualification", func() { test.Tap(f.save) })
	if m := fieldMessage(f.form, "资质等级"); !strings.Contains(m, "须同时指定资质") {
		t.Fatalf("level message %q", m)
	}
	tp.keys("choosing the qualification", func() { f.qual.SetSelected("公路养护工程施工资质") })
	tp.keys("saving", func() { test.Tap(f.save) })
	if list, err := s.svc.FindRequirements(context.Background()); err != nil || len(list) != 1 {
		t.Errorf("stored %+v (%v); form says %q", list, err, texts(f.form.content()))
	}
}

func typePaymentForm(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*paymentsScreen](t, u)
	id := contractID(t, db, "YX2024-042")
	onUI(u, func() { s.contract.set(choice{id: id}) })
	waitIdle(t, u)
	onUI(u, func() {
		s.period.SetSelectedIndex(1) // Q2: already paid what its score makes payable
		s.date.entry.SetText("")
		s.account.SetText("")
	})
	reason := step{"reason", s.reason, ""}
	tp := newTypist(t, u, s.content)
	tp.fill(step{"date", s.date.entry, "2024-07-10"}, step{"amount", s.amount, "1000"},
		step{"voucher", s.voucher, "记-042-099"}, step{"account", s.account, "6228480012345678"},
		step{"notes", s.notes, "补付"}, reason)
	before, _ := db.FindPayments(context.Background(), id)
	reason.text = "补付上季度误扣款"
	tp.refusedThenFixed(s.savePayment, func() string { return s.reasonAt.msg.Text }, "请填写超付原因", reason)
	after, _ := db.FindPayments(context.Background(), id)
	if len(after) != len(before)+1 {
		t.Fatalf("%d payments, want %d; form says %q", len(after), len(before)+1, texts(s.form.content()))
	}
}
