package app

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
)

func TestDeleteReferencedUnitShowsReason(t *testing.T) {
	u, db := newTestUI(t, nil)
	unit, _, _ := mustCreate(t, db)
	s := showScreen[*unitsScreen](t, u)
	s.reload()
	waitIdle(t, u)

	s.list.tapped(0)
	test.Tap(button(t, s.view(), "删除"))
	confirm := overlay(t, u)
	if !hasText(confirm, "确定删除单位“区交通运输局”吗？") {
		t.Fatalf("confirmation shows %q", texts(confirm))
	}
	test.Tap(button(t, confirm, "删除"))
	waitIdle(t, u)

	refusal := overlay(t, u)
	if !hasText(refusal, "不能删除") || !hasText(refusal, "合同") {
		t.Errorf("refusal shows %q", texts(refusal))
	}
	if _, err := db.FindUnitByID(context.Background(), unit.ID); err != nil {
		t.Errorf("unit gone after a refused delete: %v", err)
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
