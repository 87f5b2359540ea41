package app

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/mock"
)

// The units screen says what the store answered, with no database behind
// it (mock.UnitService): a list the store cannot read says why where the
// count stands, and a unit the store refuses keeps its form open with the
// store's reason beside the field, nothing reported as saved.
func TestUnitsScreenShowsWhatTheStoreRefuses(t *testing.T) {
	sh := newTestShell(t)
	var lists, changes atomic.Int32
	sh.changed = func() { changes.Add(1) }
	var created *govbuy.Unit
	svc := &mock.UnitService{
		FindUnitsFn: func(context.Context, govbuy.UnitFilter) ([]govbuy.UnitRow, int, error) {
			lists.Add(1)
			return nil, 0, fmt.Errorf("store: find units: %w",
				govbuy.Errorf(govbuy.EUnavailable, "", "数据库正由其他程序恢复，请稍后再试"))
		},
		SumUnitsFn: func(context.Context, govbuy.UnitFilter) (govbuy.ListTotals, error) {
			return nil, govbuy.Errorf(govbuy.EUnavailable, "", "数据库正由其他程序恢复，请稍后再试")
		},
		CreateUnitFn: func(_ context.Context, u *govbuy.Unit) error {
			created = u
			return govbuy.Errorf(govbuy.EConflict, "单位名称", "“%s”已存在", u.Name)
		},
	}
	s := newUnitsScreen(sh, svc)
	sh.win.SetContent(s.view())
	s.reload()
	waitTasks(t, sh.tasks)
	if got, want := s.list.count.Text, "加载失败：数据库正由其他程序恢复，请稍后再试"; got != want {
		t.Errorf("the list says %q; want %q", got, want)
	}
	if s.list.count.Importance != widget.DangerImportance {
		t.Errorf("the failure is shown with importance %v, not as an error", s.list.count.Importance)
	}

	f := s.showForm(govbuy.Unit{Kind: govbuy.UnitAdministrative})
	test.Type(f.name, "区教育局")
	test.Tap(f.save)
	waitTasks(t, sh.tasks)
	if created == nil || created.Name != "区教育局" || created.Kind != govbuy.UnitAdministrative {
		t.Fatalf("the store was asked to create %+v", created)
	}
	if got, want := f.form.fields["单位名称"].err, "“区教育局”已存在"; got != want {
		t.Errorf("the name field says %q; want the store's %q", got, want)
	}
	if sh.win.Canvas().Overlays().Top() == nil || f.save.Disabled() {
		t.Error("the form closed or stayed disabled after the store refused the unit")
	}
	if lists.Load() != 1 || changes.Load() != 0 {
		t.Errorf("after the refusal the list reloaded %d times and the window was told of %d changes; want neither",
			lists.Load()-1, changes.Load())
	}
}

// A delete the store would refuse is disabled with the store's reason as
// soon as the row is selected, not confirmed and then refused; a row the
// store would delete gets the button back, and the confirmation.
func TestDeleteReferencedUnitIsDisabledWithItsReason(t *testing.T) {
	u, db := newTestUI(t, nil)
	unit, _, _ := mustCreate(t, db)
	idle := &govbuy.Unit{Name: "区档案馆", Kind: govbuy.UnitPublic}
	if err := db.CreateUnit(context.Background(), idle); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*unitsScreen](t, u)
	s.reload()
	waitIdle(t, u)
	del := button(t, s.view(), "删除")

	row := slices.IndexFunc([]int{0, 1}, func(i int) bool { r, _ := s.list.pager.row(i); return r.ID == unit.ID })
	s.list.tapped(row)
	waitIdle(t, u)
	want := "该单位有1份合同，不能删除"
	if !del.Disabled() || s.list.note.Text != want {
		t.Fatalf("delete disabled %v, note %q; want the store's %q", del.Disabled(), s.list.note.Text, want)
	}
	if got := govbuy.ErrorMessage(db.DeleteUnit(context.Background(), unit.ID, unit.Version)); got != want {
		t.Errorf("the store refuses with %q, the window said %q", got, want)
	}

	s.list.tapped(1 - row)
	waitIdle(t, u)
	if del.Disabled() || s.list.note.Text != "" {
		t.Fatalf("delete disabled %v, note %q for a unit without contracts", del.Disabled(), s.list.note.Text)
	}
	test.Tap(del)
	confirm := overlay(t, u)
	if !hasText(confirm, "确定删除单位“区档案馆”吗？") {
		t.Fatalf("confirmation shows %q", texts(confirm))
	}
	test.Tap(button(t, confirm, "删除"))
	waitIdle(t, u)
	if _, err := db.FindUnitByID(context.Background(), idle.ID); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("unit still there after the delete: %v", err)
	}
	if _, err := db.FindUnitByID(context.Background(), unit.ID); err != nil {
		t.Errorf("the unit with a contract is gone: %v", err)
	}
}

func TestUnitDoubleTapOpensEditor(t *testing.T) {
	u, db := newTestUI(t, nil)
	mustCreate(t, db)
	s := screenOf[*unitsScreen](t, u)
	s.reload()
	waitIdle(t, u)
	s.list.tapped(0)
	s.list.tapped(0)
	if !hasText(overlay(t, u), "编辑单位") {
		t.Fatal("a double tap did not open the unit")
	}
}

func TestUnitListPagesSortsAndSearches(t *testing.T) {
	u, db := newTestUI(t, nil)
	ctx := context.Background()
	const n = 2*pageSize + 50
	for i := range n {
		if err := db.CreateUnit(ctx, &govbuy.Unit{Name: fmt.Sprintf("单位%04d", i), Kind: govbuy.UnitPublic}); err != nil {
			t.Fatal(err)
		}
	}
	s := screenOf[*unitsScreen](t, u)
	s.reload()
	waitIdle(t, u)
	if s.list.count.Text != "共 450 条" {
		t.Fatalf("count %q", s.list.count.Text)
	}
	if _, ok := s.list.pager.row(n - 1); ok {
		t.Fatal("the last page was loaded before anyone looked at it")
	}
	waitIdle(t, u)
	if r, ok := s.list.pager.row(n - 1); !ok || r.Name != "单位0449" {
		t.Fatalf("last row %+v, %v", r, ok)
	}
	waitIdle(t, u) // reading near the page's edge fetched the page before it

	// The list starts sorted by name; tapping its header reverses the order,
	// which the store applies.
	test.Tap(button(t, s.view(), "单位名称"))
	waitIdle(t, u)
	if r, _ := s.list.pager.row(0); r.Name != "单位0449" {
		t.Errorf("first row %q sorted descending", r.Name)
	}
	if !s.list.desc {
		t.Error("second tap did not reverse the order")
	}

	onUI(u, func() { test.Type(s.search, "单位012") })
	waitIdle(t, u)
	if s.list.count.Text != "共 10 条" {
		t.Errorf("count %q after search", s.list.count.Text)
	}
}
