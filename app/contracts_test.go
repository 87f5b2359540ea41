package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
	"govbuy/store"
)

func TestContractEndBeforeStart(t *testing.T) {
	u, db := newTestUI(t, nil)
	unit, k, _ := mustCreate(t, db)
	s := showScreen[*contractsScreen](t, u)

	f := s.showForm(newContractRow())
	waitIdle(t, u) // the catalogue
	test.Type(f.number, "YX-2024-002")
	f.year.SetText("2024")
	f.unit.set(choice{id: unit.ID, label: unit.Name})
	f.contractor.set(choice{id: k.ID, label: k.Name})
	f.catalog.sel.SetSelected("B03 农村公路养护服务")
	if f.kind.Selected != "项目" {
		t.Errorf("kind %q after picking a project item, want 项目", f.kind.Selected)
	}
	if !f.headcount.Disabled() {
		t.Error("headcount open for a project")
	}
	test.Type(f.title, "乡道养护（二标段）")
	f.method.SetSelected(string(govbuy.MethodLimitedCompete))
	test.Type(f.amount, "1,234,567.8")
	test.Type(f.start.entry, "2024-06-01")
	test.Type(f.end.entry, "2024-01-31")
	test.Tap(f.save)
	waitIdle(t, u)

	if end := f.form.fields["结束日期"].msg; !strings.Contains(end.Text, "早于开始日期") {
		t.Errorf("end date message %q", end.Text)
	}
	if _, n, _ := db.FindContracts(context.Background(), govbuy.ContractFilter{Limit: 1}); n != 1 {
		t.Fatalf("%d contracts stored, want only the first one", n)
	}

	f.end.entry.SetText("2024/12/31")
	test.Tap(f.save)
	waitIdle(t, u)
	got, err := db.FindContractByNumber(context.Background(), "YX-2024-002")
	if err != nil {
		t.Fatalf("contract not stored: %v; form says %q", err, texts(f.form.content()))
	}
	if got.Amount != 123456780 || got.End != govbuy.Day(2024, 12, 31) || got.Kind != govbuy.KindProject ||
		got.CatalogName != "农村公路养护服务" || got.UnitName != unit.Name || got.Method != govbuy.MethodLimitedCompete {
		t.Errorf("stored %+v", got)
	}
	if s.list.count.Text != "共 2 条" {
		t.Errorf("list count %q after save", s.list.count.Text)
	}
}

func TestContractFormReportsUnreadableValues(t *testing.T) {
	u, _ := newTestUI(t, nil)
	s := screenOf[*contractsScreen](t, u)
	f := s.showForm(newContractRow())
	waitIdle(t, u)
	f.kind.SetSelected("岗位")
	test.Type(f.headcount, "三")
	test.Type(f.amount, "待定")
	test.Type(f.start.entry, "明年")
	test.Tap(f.save)
	waitIdle(t, u)
	for field, want := range map[govbuy.Field]string{
		"岗位人数": "整数", "合同金额": "待定", "开始日期": "明年", "购买主体": "请选择", "承接主体": "请选择", "购买方式": "请选择",
	} {
		if msg := f.form.fields[field].msg.Text; !strings.Contains(msg, want) {
			t.Errorf("%s: message %q, want it to mention %q", field, msg, want)
		}
	}
}

func TestContractFilterByUnit(t *testing.T) {
	u, db := newTestUI(t, nil)
	unit, _, _ := mustCreate(t, db)
	other := &govbuy.Unit{Name: "区民政局", Kind: govbuy.UnitAdministrative}
	if err := db.CreateUnit(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*contractsScreen](t, u)
	if s.list.count.Text != "共 1 条" {
		t.Fatalf("count %q", s.list.count.Text)
	}
	s.unit.set(choice{id: other.ID, label: other.Name})
	waitIdle(t, u)
	if s.list.count.Text != "共 0 条" {
		t.Errorf("count %q for a unit without contracts", s.list.count.Text)
	}
	s.unit.set(choice{id: unit.ID, label: unit.Name})
	waitIdle(t, u)
	if r, ok := s.list.pager.row(0); !ok || r.Number != "YX-2024-001" {
		t.Errorf("row 0 = %+v, %v", r, ok)
	}
}

// As the contractor and the service are chosen, the form says what the
// contractor lacks for the service's requirement, before anything is saved;
// with a reason the contract goes ahead, and the reason shows when it is
// opened again.
func TestContractFormShowsRequirementGaps(t *testing.T) {
	u, db, s, unit, k := gapContractUI(t)
	ctx := context.Background()

	f := s.showForm(newContractRow())
	waitIdle(t, u)
	if f.reasonField.msg.Text != "" {
		t.Errorf("the reason row says %q before anything is lacking", f.reasonField.msg.Text)
	}
	test.Type(f.number, "YX2024-901")
	f.unit.set(choice{id: unit.ID, label: unit.Name})
	f.contractor.set(choice{id: k.ID, label: k.Name})
	f.catalog.sel.SetSelected("B03 农村公路养护服务")
	waitIdle(t, u)
	if gaps := f.reasonField.msg.Text; !strings.Contains(gaps, "缺少公路养护工程施工资质") || !strings.Contains(gaps, "请在此填写理由") {
		t.Fatalf("gaps before saving: %q", gaps)
	}
	test.Type(f.title, "村道应急抢修")
	f.method.SetSelected(string(govbuy.MethodNegotiation))
	test.Type(f.amount, "80,000")
	test.Type(f.start.entry, "2024-07-01")
	test.Type(f.end.entry, "2024-09-30")
	test.Tap(f.save)
	waitIdle(t, u)
	if msg := f.form.fields["不符合要求的理由"].msg.Text; !strings.Contains(msg, "如确需签订，请填写理由") {
		t.Fatalf("saved without a reason: message %q", msg)
	}
	test.Type(f.requirement, "汛期应急抢修")
	test.Tap(f.save)
	waitIdle(t, u)
	got, err := db.FindContractByNumber(ctx, "YX2024-901")
	if err != nil {
		t.Fatalf("not stored with a reason: %v; form says %q", err, texts(f.form.content()))
	}

	f = s.showForm(*got)
	waitIdle(t, u)
	if gaps := f.reasonField.msg.Text; !strings.Contains(gaps, "已记录理由：汛期应急抢修") {
		t.Errorf("reopened: gaps %q", gaps)
	}
	f.dlg.Hide()
}

// gapContractUI opens the contracts screen of the demo district with a
// unit and a contractor that lacks what road upkeep (B03) asks for.
func gapContractUI(t *testing.T) (*UI, *store.DB, *contractsScreen, govbuy.UnitRow, govbuy.ContractorRow) {
	t.Helper()
	u, db := demoUI(t)
	ctx := context.Background()
	units, _, _ := db.FindUnits(ctx, govbuy.UnitFilter{Search: "云溪区交通运输局", Limit: 1})
	ks, _, _ := db.FindContractors(ctx, govbuy.ContractorFilter{Search: "阳光社会工作服务中心", Limit: 1})
	if len(units) != 1 || len(ks) != 1 {
		t.Fatalf("demo unit %d, contractor %d", len(units), len(ks))
	}
	return u, db, showScreen[*contractsScreen](t, u), units[0], ks[0]
}
