package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/assets"
	"govbuy/importer"
	"govbuy/internal/treasurydemo"
)

// 国库对账 on the doctored copy of the demo's treasury list shows exactly
// its three differences, the summary saying so.
func TestReconcileScreenShowsTheThreeDifferences(t *testing.T) {
	u, _ := demoUI(t)
	s := showScreen[*reconcileScreen](t, u)
	d := treasurydemo.Doctor(treasurydemo.Rows(assets.Demo(), assets.DemoYear))
	path := filepath.Join(t.TempDir(), "国库集中支付明细.xlsx")
	if err := treasurydemo.WriteXLSX(path, assets.DemoYear, d.Rows); err != nil {
		t.Fatal(err)
	}
	onUI(u, func() {
		s.path.SetText(path)
		s.run()
	})
	waitIdle(t, u)
	if s.problems.Text != "" {
		t.Fatalf("problems: %s", s.problems.Text)
	}
	var kinds []string
	for _, it := range s.items {
		kinds = append(kinds, reconCell(it, 0)+" "+reconCell(it, 8))
	}
	want := "国库已付未记录 " + d.Extra + "|已记录国库未付 |金额不符 " + d.Changed
	if strings.Join(kinds, "|") != want {
		t.Errorf("rows %q, want %q", kinds, want)
	}
	if got := reconCell(s.items[1], 6) + " " + reconCell(s.items[1], 4); got == " " || strings.HasSuffix(got, " ") {
		t.Errorf("the payment the treasury did not make shows unit and amount %q", got)
	}
	onUI(u, func() { s.table.tapped(s.showDetail)(2) })
	if !strings.HasPrefix(s.detail.Text, "金额不符：合同") || !strings.Contains(s.detail.Text, "相差-1,000.00元") {
		t.Errorf("the selected difference reads %q", s.detail.Text)
	}
	if !strings.Contains(s.summary.Text, "2024年度") || !strings.Contains(s.summary.Text, "差异3项") || s.exportBtn.Disabled() {
		t.Errorf("summary %q, export disabled %v", s.summary.Text, s.exportBtn.Disabled())
	}
}

// A treasury row whose payee the rule cannot find is a problem until the
// officer chooses its contract in the wizard; then it imports as a payment
// of that contract, matched 手工指定.
func TestImportWizardMatchesATreasuryRowByHand(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*importScreen](t, u)
	path := filepath.Join(t.TempDir(), "国库.csv")
	csv := "支付日期,预算单位,收款人全称,收款人账号,金额,摘要/用途,支付凭证号,超付原因\n" +
		"2024-12-20,云溪区公路事业发展中心,云溪区某某养护队,6222999900001111,100,支付2024年第4季度养护费,ZF-HAND-1,年终补付\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	onUI(u, func() {
		s.path.SetText(path)
		s.read()
	})
	waitIdle(t, u)
	if s.kind.Selected != importer.KindTreasury.Label() {
		t.Errorf("the file is read as %q, not as the treasury's list its header says it is", s.kind.Selected)
	}
	if !strings.Contains(s.problems.Text, "未能匹配合同：收款人“云溪区某某养护队”") || !s.importBtn.Disabled() {
		t.Fatalf("problems %q, import disabled %v", s.problems.Text, s.importBtn.Disabled())
	}
	if !slices.Contains(texts(s.hand.box), govbuy.TreasuryMatchRule) {
		t.Errorf("the rows to match by hand do not say the rule that left them: %q", texts(s.hand.box))
	}
	pick := findSelect(t, s.hand.box)
	if len(pick.Options) == 0 || !strings.Contains(pick.Options[0], "云溪区公路事业发展中心") {
		t.Fatalf("contracts offered %q, want the unit's first", pick.Options)
	}
	choice := pick.Options[0]
	number, _, _ := strings.Cut(choice, " ")
	onUI(u, func() { pick.SetSelected(choice) })
	waitIdle(t, u)
	if s.problems.Text != "" || len(s.plan.Treasury) != 1 || s.plan.Treasury[0].Row.Match.By != govbuy.MatchByHand {
		t.Fatalf("after choosing %q: problems %q, treasury %+v", choice, s.problems.Text, s.plan.Treasury)
	}
	onUI(u, s.commit)
	waitIdle(t, u)
	if n := mustCount(t, db, "SELECT COUNT(*) FROM payments p JOIN contracts c ON c.id = p.contract_id WHERE c.number = ? AND p.voucher = 'ZF-HAND-1' AND p.amount = 10000", number); n != 1 {
		t.Errorf("%d payments of the row stored, want 1: %s %s", n, s.summary.Text, s.problems.Text)
	}
	onUI(u, func() { s.read() })
	waitIdle(t, u)
	if len(s.hand.chosen) != 0 || !strings.Contains(s.problems.Text, "已登记") {
		t.Errorf("reading the file again kept the choice %v or did not refuse its voucher: %q", s.hand.chosen, s.problems.Text)
	}
}

// findSelect is the first select drawn in o.
func findSelect(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	var found *widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if sel, ok := o.(*widget.Select); ok && found == nil {
			found = sel
		}
	})
	if found == nil {
		t.Fatal("no select shown")
	}
	return found
}
