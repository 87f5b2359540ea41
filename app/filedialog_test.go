package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// showFileDialog opens the window's own dialog on dir; picked records the
// chosen path.
func showFileDialog(t *testing.T, u *UI, req fileRequest, dir string) (*fileDialog, *string) {
	t.Helper()
	picked := new(string)
	f := newFileDialog(u.sh, req, func(p string) { *picked = p })
	onUI(u, func() {
		f.show()
		f.open(dir)
	})
	return f, picked
}

// A save that cannot be written where it was typed says so in the dialog
// and hands nothing on; a name without its extension gets it; an existing
// file is replaced only when the person says so.
func TestFileDialogSaves(t *testing.T) {
	u, _ := newTestUI(t, nil)
	dir := t.TempDir()
	old := filepath.Join(dir, "旧报告.xlsx")
	if err := os.WriteFile(old, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		typed, problem, picked string
		replace                bool
	}{
		{"/没有这个文件夹/报告.xlsx", "文件夹“/没有这个文件夹”不存在", "", false},
		{filepath.Join(old, "报告.xlsx"), "文件夹“" + old + "”不存在", "", false},
		{"", "请填写文件名", "", false},
		{"新报告", "", filepath.Join(dir, "新报告.xlsx"), false},
		{"旧报告", "", old, true},
	} {
		t.Run(tt.typed, func(t *testing.T) {
			f, picked := showFileDialog(t, u, saveRequest("报告.xlsx"), dir)
			onUI(u, func() { f.name.SetText(tt.typed) })
			test.Tap(button(t, overlay(t, u), "保存"))
			if tt.replace {
				confirm := overlay(t, u)
				if !hasText(confirm, "“"+old+"”已存在，要替换它吗？") {
					t.Fatalf("no question before replacing: %q", texts(confirm))
				}
				test.Tap(button(t, confirm, "替换"))
			}
			if f.problem.Text != tt.problem || *picked != tt.picked {
				t.Errorf("problem %q, picked %q; want %q, %q", f.problem.Text, *picked, tt.problem, tt.picked)
			}
			onUI(u, func() { f.dlg.Hide() })
		})
	}
}

// The dialog lists folders, then the files asked for; a folder is entered
// with a tap and a file chosen with one.
func TestFileDialogOpens(t *testing.T) {
	u, _ := newTestUI(t, nil)
	dir := t.TempDir()
	for _, name := range []string{"台账.xlsx", "旧台账.CSV", "说明.txt", ".隐藏.xlsx", "子目录/二级.xls"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, picked := showFileDialog(t, u, openRequest("选择台账文件", ".xlsx", ".xls", ".csv"), dir)
	var names []string
	for _, e := range f.entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"子目录", "台账.xlsx", "旧台账.CSV"}) {
		t.Errorf("dialog lists %q", names)
	}
	onUI(u, func() { f.list.Select(0) })
	if f.dir != filepath.Join(dir, "子目录") || f.folder.Text != f.dir {
		t.Fatalf("tapping the folder went to %q", f.dir)
	}
	onUI(u, func() { f.list.Select(0) })
	test.Tap(button(t, overlay(t, u), "打开"))
	if want := filepath.Join(dir, "子目录", "二级.xls"); *picked != want {
		t.Errorf("picked %q, want %q", *picked, want)
	}
	f, picked = showFileDialog(t, u, openRequest("选择台账文件", ".xlsx"), dir)
	onUI(u, func() {
		f.folder.SetText("/没有这个文件夹")
		f.folder.OnSubmitted(f.folder.Text)
		f.name.SetText("不存在.xlsx")
	})
	if f.problem.Text != "无法打开文件夹“/没有这个文件夹”" || f.dir != dir {
		t.Errorf("a typed folder that is not there: %q, dialog on %q", f.problem.Text, f.dir)
	}
	test.Tap(button(t, overlay(t, u), "打开"))
	if want := "找不到文件：" + filepath.Join(dir, "不存在.xlsx"); f.problem.Text != want || *picked != "" {
		t.Errorf("a missing file: %q, picked %q", f.problem.Text, *picked)
	}
}

// The report is exported through the dialog: a typed path whose folder is
// not there is said so, and a good one is written and named.
func TestReportExportThroughTheFileDialog(t *testing.T) {
	u, _ := demoUI(t)
	showScreen[*reportScreen](t, u)
	test.Tap(button(t, u.Window().Content(), "导出Excel"))
	dlg := overlay(t, u)
	var name *widget.Entry
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "云溪区2024年度政府购买服务情况.xlsx" {
			name = e
		}
	})
	if name == nil {
		t.Fatalf("the dialog does not suggest the report's name: %q", texts(dlg))
	}
	onUI(u, func() { name.SetText("/没有这个文件夹/报告.xlsx") })
	test.Tap(button(t, dlg, "保存"))
	if !hasText(dlg, "文件夹“/没有这个文件夹”不存在") {
		t.Errorf("a path that cannot be written is not said so: %q", texts(dlg))
	}
	path := filepath.Join(t.TempDir(), "报告.xlsx")
	onUI(u, func() { name.SetText(path) })
	test.Tap(button(t, dlg, "保存"))
	waitIdle(t, u)
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		t.Fatalf("report not written: %v", err)
	}
	if got := overlay(t, u); !hasText(got, path) {
		t.Errorf("the window does not say where the report went: %q", texts(got))
	}
}
