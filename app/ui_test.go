package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

func TestWindowIsChinese(t *testing.T) {
	u, _ := newTestUI(t, nil)
	w := u.Window()
	if w.Title() != "政府购买服务管理" {
		t.Errorf("title %q", w.Title())
	}
	for _, s := range []string{"工作台", "单位", "承接主体", "合同", "还没有任何记录", "新增单位", "（未设置区县名称）", "单位 0 个"} {
		if !hasText(w.Content(), s) {
			t.Errorf("window does not show %q; it shows %q", s, texts(w.Content()))
		}
	}
	if got := nonEmpty(texts(u.nav)); !slices.Equal(got, []string{"工作台", "单位", "承接主体", "合同", "考核", "支付", "导入", "国库对账", "报表", "标准与要求", "设置"}) {
		t.Errorf("navigation shows %q", got)
	}
	f := fyne.CurrentApp().Settings().Theme().Font(fyne.TextStyle{})
	if f.Name() != "NotoSansSC-Regular-GB2312.otf" {
		t.Errorf("text font %q, want the bundled Noto Sans SC", f.Name())
	}
	if sz := fyne.MeasureText("单位", 14, fyne.TextStyle{}); sz.Width < 20 {
		t.Errorf("单位 measures %v: its glyphs are missing", sz)
	}
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
