package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// A supplementary contract is recorded from the contract's details: the
// form refuses a bad amount at its field, the store takes a good one, and
// the details then show it with the total against the original amount and
// the 第四十九条 hint; deleting it takes the hint away.
func TestContractDetailsRecordSupplements(t *testing.T) {
	u, db := newTestUI(t, nil)
	ctx := context.Background()
	_, _, c := mustCreate(t, db) // 1,200,000.00 yuan for 2024
	row, _ := db.FindContractByID(ctx, c.ID)
	var d *contractDetails
	onUI(u, func() { d = showContractDetails(u.sh, db, *row, func() {}) })
	waitIdle(t, u)
	if !hasText(d.supplements.box, "未登记补充合同。") {
		t.Fatalf("supplements show %q", texts(d.supplements.box))
	}
	onUI(u, func() { test.Tap(button(t, d.supplements.box, "登记补充合同")) })
	waitIdle(t, u)
	form := overlay(t, u)
	entries := formEntries(form)
	if len(entries) != 4 {
		t.Fatalf("the form has %d entries: %q", len(entries), texts(form))
	}
	onUI(u, func() {
		entries[0].SetText("补1")
		entries[1].SetText("2024-07-15")
		entries[2].SetText("一万")
		test.Tap(button(t, form, "保存"))
	})
	waitIdle(t, u)
	if list, _ := db.ContractSupplements(ctx, c.ID); len(list) != 0 || !strings.Contains(strings.Join(texts(form), "\n"), "无法识别的金额“一万”") {
		t.Fatalf("a bad amount: stored %+v, form shows %q", list, texts(form))
	}
	onUI(u, func() {
		entries[2].SetText("150,000")
		test.Tap(button(t, form, "保存"))
	})
	waitIdle(t, u)
	list, _ := db.ContractSupplements(ctx, c.ID)
	if len(list) != 1 || list[0].Amount != govbuy.Yuan(150_000) || list[0].Number != "补1" {
		t.Fatalf("stored %+v", list)
	}
	shown := strings.Join(texts(d.supplements.box), "\n")
	if !strings.Contains(shown, "2024-07-15  150,000.00元  补1") || !strings.Contains(shown, "补充合同累计150,000.00元，为原合同金额的12.5%") ||
		!hasText(d.hints.box, "1份补充合同累计150,000.00元，为原合同金额1,200,000.00元的12.5%，超过10%") {
		t.Errorf("details show %q and hints %q", shown, texts(d.hints.box))
	}
	onUI(u, func() { test.Tap(d.supplements.box.Objects[0].(*fyne.Container).Objects[1].(*widget.Button)) })
	waitIdle(t, u)
	onUI(u, func() { test.Tap(button(t, overlay(t, u), "删除")) })
	waitIdle(t, u)
	if list, _ := db.ContractSupplements(ctx, c.ID); len(list) != 0 || !hasText(d.supplements.box, "未登记补充合同。") {
		t.Errorf("after deleting: stored %+v, shown %q", list, texts(d.supplements.box))
	}
}

// formEntries are the entries of a dialog, in order.
func formEntries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	return out
}
