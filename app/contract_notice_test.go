package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The contract's details offer its 合同公告. A contract whose record lacks
// what the notice states gets the list of what is missing, naming the
// field and whose it is; a demo contract gets the notice, whose text the
// copy button puts on the clipboard whole.
func TestContractNoticeButton(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		u, db := newTestUI(t, nil)
		_, _, c := mustCreate(t, db) // no addresses, no project number
		row, _ := db.FindContractByID(context.Background(), c.ID)
		var d *contractDetails
		onUI(u, func() { d = showContractDetails(u.sh, db, *row, func() {}) })
		waitIdle(t, u)
		onUI(u, func() { test.Tap(button(t, overlay(t, u), "合同公告")) })
		waitIdle(t, u)
		shown := strings.Join(texts(overlay(t, u)), "\n")
		for _, want := range []string{"合同“YX-2024-001”的合同公告未生成", "供应商地址未填写（承接主体“云溪路桥养护有限公司”）",
			"采购人地址未填写（购买主体“区交通运输局”）", "项目编号未填写（合同“YX-2024-001”）"} {
			if !strings.Contains(shown, want) {
				t.Errorf("the dialog lacks %q:\n%s", want, shown)
			}
		}
		_ = d
	})
	t.Run("demo", func(t *testing.T) {
		u, db := demoUI(t)
		row, err := db.FindContractByNumber(context.Background(), "YX2024-030")
		if err != nil {
			t.Fatal(err)
		}
		onUI(u, func() { showContractDetails(u.sh, db, *row, func() {}) })
		waitIdle(t, u)
		onUI(u, func() { test.Tap(button(t, overlay(t, u), "合同公告")) })
		waitIdle(t, u)
		dlg := overlay(t, u)
		if !hasText(dlg, "保存为PDF") {
			t.Fatalf("no save button in %q", texts(dlg))
		}
		onUI(u, func() { test.Tap(button(t, dlg, "复制公告文本")) })
		waitIdle(t, u)
		copied := fyne.CurrentApp().Clipboard().Content()
		for _, want := range []string{"行政审批窗口辅助员合同公告\n", "一、合同编号：YX2024-030\n", "    地址：云溪区府前路70号\n",
			"    主要标的单价：42,000.00元/人\n", "八、合同公告日期：2023-12-25\n"} {
			if !strings.Contains(copied, want) {
				t.Errorf("the clipboard lacks %q:\n%s", want, copied)
			}
		}
		if !hasText(dlg, "公告文本已复制，可粘贴到公告发布网站。") {
			t.Errorf("no note that the text is copied: %q", texts(dlg))
		}
	})
}
