package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/store"
)

func contractRow(t *testing.T, db *store.DB, title string) govbuy.ContractRow {
	t.Helper()
	rows, _, err := db.FindContracts(context.Background(), govbuy.ContractFilter{Search: title, Limit: 1})
	if err != nil || len(rows) != 1 {
		t.Fatalf("contract %q: %v", title, err)
	}
	return rows[0]
}

const labWorking = "按计划生育技术服务检验检测收费标准，单价140.00元/人次×2000=280,000.00元；按标准的75%计价：210,000.00元"

func TestContractFormPricesByFeeStandard(t *testing.T) {
	tests := []struct {
		name     string
		contract string
		edit     func(f *contractForm)
		want     []string
		warning  bool
		unit     string // beside the quantity; "" where there is none
	}{
		{name: "lab tests at 75 %", contract: "计划生育技术服务检验检测",
			want: []string{labWorking, "合同金额与标准价格一致"}, unit: "人次"},
		{name: "amount above the price", contract: "计划生育技术服务检验检测",
			edit: func(f *contractForm) { f.amount.SetText("248,850") },
			want: []string{labWorking, "合同金额高于标准价格18.50%"}, warning: true},
		{name: "more tests than priced", contract: "计划生育技术服务检验检测",
			edit: func(f *contractForm) { f.pricing.quantity.SetText("2400") },
			want: []string{"×2400=336,000.00元；按标准的75%计价：252,000.00元", "合同金额低于标准价格16.67%"}, warning: true},
		{name: "the lab's own share of 80 %", contract: "计划生育技术服务检验检测",
			edit: func(f *contractForm) { f.pricing.share.SetText("80") },
			want: []string{"按标准的80%计价：224,000.00元", "合同金额低于标准价格6.25%"}},
		{name: "a share that is no percentage", contract: "计划生育技术服务检验检测",
			edit: func(f *contractForm) { f.pricing.share.SetText("八成") },
			want: []string{labWorking}},
		{name: "no quantity", contract: "计划生育技术服务检验检测",
			edit: func(f *contractForm) { f.pricing.quantity.SetText("") },
			want: []string{"按单价计费须填写数量（以人次计）"}},
		{name: "progressive table on a base in 万元", contract: "政府投资项目造价审核",
			want: []string{"计费基数15,750.00万元", "合计480,000.00元", "合同金额与标准价格一致"}},
		{name: "the same base in 元", contract: "政府投资项目造价审核",
			edit: func(f *contractForm) {
				f.pricing.baseUnit.SetSelected("元")
				f.pricing.base.SetText("157,500,000")
			},
			want: []string{"合计480,000.00元", "合同金额与标准价格一致"}},
		{name: "community workers for the term", contract: "社区工作者",
			want: []string{"按社区工作者薪酬标准，月薪3,600.00元×20人×12个月"}, unit: "个月"},
	}
	u, db := demoUI(t)
	s := showScreen[*contractsScreen](t, u)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := s.showForm(contractRow(t, db, tt.contract))
			waitIdle(t, u) // the catalogue and the library
			if tt.edit != nil {
				tt.edit(f)
			}
			p := f.pricing
			if p.share.Disabled() {
				t.Fatalf("no standard prices the contract: standard %q", p.sel.Selected)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.price.Text, w) {
					t.Errorf("price %q\nwant it to say %q", p.price.Text, w)
				}
			}
			if tt.unit != "" && (p.quantity.Disabled() || p.quantityUnit.Text != tt.unit) {
				t.Errorf("quantity unit %q, want %q", p.quantityUnit.Text, tt.unit)
			}
			if got := p.price.Importance == widget.WarningImportance; got != tt.warning {
				t.Errorf("warning %v beyond the allowed departure, want %v", got, tt.warning)
			}
			f.dlg.Hide()
		})
	}
}

// labContractForm opens the demo's lab-test contract in the contract form.
func labContractForm(t *testing.T) (*UI, *store.DB, *contractsScreen, govbuy.ContractRow, *contractForm) {
	t.Helper()
	u, db := demoUI(t)
	s := showScreen[*contractsScreen](t, u)
	row := contractRow(t, db, "计划生育技术服务检验检测")
	f := s.showForm(row)
	waitIdle(t, u)
	return u, db, s, row, f
}

func TestContractFormSavesPricing(t *testing.T) {
	u, db, s, row, f := labContractForm(t)
	if f.pricing.sel.Selected != "计划生育技术服务检验检测收费标准" || f.pricing.quantity.Text != "2000" || !f.pricing.base.Disabled() {
		t.Fatalf("standard %q, quantity %q", f.pricing.sel.Selected, f.pricing.quantity.Text)
	}
	f.pricing.quantity.SetText("2400")
	f.amount.SetText("252,000")
	f.pricing.share.SetText("八成")
	test.Tap(f.save)
	waitIdle(t, u)
	if !slices.ContainsFunc(texts(f.form.content()), func(s string) bool { return strings.Contains(s, "无法识别“八成”") }) {
		t.Errorf("a share that is no percentage: the form says %q", texts(f.form.content()))
	}
	if got, _ := db.FindContractByID(context.Background(), row.ID); got.FeeQuantity != 2000 {
		t.Fatalf("a refused form was stored: quantity %d", got.FeeQuantity)
	}
	f.pricing.share.SetText("")
	test.Tap(f.save)
	waitIdle(t, u)
	got, _ := db.FindContractByID(context.Background(), row.ID)
	if got.FeeStandardID != row.FeeStandardID || got.FeeQuantity != 2400 || got.Amount != govbuy.Yuan(252_000) || got.FeeShare != 0 {
		t.Fatalf("stored standard %d, quantity %d, amount %s, share %d; form says %q", got.FeeStandardID, got.FeeQuantity, got.Amount, got.FeeShare, texts(f.form.content()))
	}

	d := showContractDetails(s.sh, s.svc, *got, func() {})
	waitIdle(t, u)
	for _, w := range []string{"单价140.00元/人次×2400=336,000.00元", "按标准的75%计价：252,000.00元", "省医疗服务价格项目", "合同金额与标准价格一致"} {
		if !strings.Contains(d.price.Text, w) {
			t.Errorf("details price %q\nwant it to say %q", d.price.Text, w)
		}
	}
	d.dlg.Hide()

	f = s.showForm(*got)
	waitIdle(t, u)
	f.pricing.sel.SetSelectedIndex(0) // none
	if !f.pricing.quantity.Disabled() || !f.pricing.base.Disabled() || f.pricing.price.Text != "未选收费标准，不按标准计价" {
		t.Errorf("pricing rows open without a standard; price %q", f.pricing.price.Text)
	}
	if !f.pricing.share.Disabled() {
		t.Error("the share open without a standard")
	}
	c, _ := f.contract()
	if c.FeeStandardID != 0 || c.FeeQuantity != 0 || c.FeeShare != 0 {
		t.Errorf("without a standard the contract keeps standard %d, quantity %d, share %d", c.FeeStandardID, c.FeeQuantity, c.FeeShare)
	}
}

// A contract that agreed its own share of the standard keeps it, and the
// form shows the price at that share when it opens again.
func TestContractFormSavesAgreedShare(t *testing.T) {
	u, db, s, row, f := labContractForm(t)
	if f.pricing.share.PlaceHolder != "留空按标准的75%计价" {
		t.Errorf("share placeholder %q", f.pricing.share.PlaceHolder)
	}
	f.pricing.share.SetText("80")
	f.amount.SetText("224,000")
	test.Tap(f.save)
	waitIdle(t, u)
	got, _ := db.FindContractByID(context.Background(), row.ID)
	if got.FeeShare != 8000 || got.Amount != govbuy.Yuan(224_000) {
		t.Fatalf("stored share %d, amount %s; form says %q", got.FeeShare, got.Amount, texts(f.form.content()))
	}
	f = s.showForm(*got)
	waitIdle(t, u)
	if f.pricing.share.Text != "80" || !strings.Contains(f.pricing.price.Text, "按标准的80%计价：224,000.00元") {
		t.Errorf("reopened: share %q, price %q", f.pricing.share.Text, f.pricing.price.Text)
	}
	f.dlg.Hide()
}
