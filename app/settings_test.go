package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/assets"
)

func TestSettingsShowAuditLogAndClosedYears(t *testing.T) {
	u, db := demoUI(t)
	ctx := govbuy.WithActor(context.Background(), "李会计")
	unit := &govbuy.Unit{Name: "云溪区新设局"}
	if err := db.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseYear(ctx, 2023); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*settingsScreen](t, u)
	if !strings.Contains(s.closed.Text, "2023") {
		t.Errorf("closed years = %q", s.closed.Text)
	}
	if len(s.entries) < 3 || s.entries[0].Entity != "year" {
		t.Fatalf("audit log = %+v", s.entries)
	}
	onUI(u, func() {
		s.entity.SetSelected("单位")
		s.actor.SetText("李")
		s.loadLog()
	})
	waitIdle(t, u)
	if len(s.entries) != 1 || s.entries[0].Entity != "unit" || !strings.Contains(s.entries[0].After, "云溪区新设局") {
		t.Errorf("filtered log = %+v", s.entries)
	}
	if s.backupDir.Text == "" {
		t.Error("no backup folder shown")
	}
}

// Replacing all data with the demo district is confirmed by typing the
// district's name: until it is typed exactly, the dialog cannot confirm.
func TestReplacingWithTheDemoNeedsTheDistrictsName(t *testing.T) {
	u, db := demoUI(t)
	u.OnLoadDemo = func(replace bool) error {
		return db.LoadDataset(context.Background(), assets.Demo(), replace)
	}
	extra := &govbuy.Unit{Name: "替换前新设的局"}
	if err := db.CreateUnit(context.Background(), extra); err != nil {
		t.Fatal(err)
	}
	showScreen[*settingsScreen](t, u)
	test.Tap(button(t, u.Window().Content(), "用示例区县数据替换全部数据…"))
	waitIdle(t, u)
	dlg := overlay(t, u)
	if !hasText(dlg, "输入“"+assets.DemoDistrict+"”以确认") {
		t.Fatalf("the dialog does not ask for the district's name: %q", texts(dlg))
	}
	replace := button(t, dlg, "替换")
	for _, tt := range []struct {
		typed   string
		enabled bool
	}{{"", false}, {"云溪", false}, {"别的区", false}, {assets.DemoDistrict, true}} {
		onUI(u, func() { findEntry(t, dlg).SetText(tt.typed) })
		if replace.Disabled() == tt.enabled {
			t.Errorf("typed %q: confirm enabled %v, want %v", tt.typed, !replace.Disabled(), tt.enabled)
		}
	}
	test.Tap(replace)
	waitIdle(t, u)
	if _, n, err := db.FindUnits(context.Background(), govbuy.UnitFilter{Search: extra.Name}); err != nil || n != 0 {
		t.Errorf("the data was not replaced: %d units named %s, %v", n, extra.Name, err)
	}
}

// A restore asked for in the window is checked at once: a backup older than
// the database is refused until a reason is given.
func TestRestoreInTheWindowAsksForTheReason(t *testing.T) {
	u, db := demoUI(t)
	backup := filepath.Join(t.TempDir(), "备份.db")
	if err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUnit(context.Background(), &govbuy.Unit{Name: "备份后新设的局"}); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*settingsScreen](t, u)
	for _, tt := range []struct{ reason, want string }{
		{"", "如确需恢复，请填写理由"},
		{"误删单位后恢复", "备份文件检查通过"},
	} {
		onUI(u, func() { s.askRestore(backup) })
		dlg := overlay(t, u)
		onUI(u, func() { findEntry(t, dlg).SetText(tt.reason) })
		test.Tap(button(t, dlg, "恢复"))
		waitIdle(t, u)
		if got := overlay(t, u); !hasText(got, tt.want) {
			t.Errorf("reason %q: the window says %q, want %q", tt.reason, texts(got), tt.want)
		}
		onUI(u, func() { u.Window().Canvas().Overlays().Top().Hide() })
	}
}

// The 操作日志 reads as an auditor reads it: Chinese operations and
// records, changes field by field; the date filters show whole dates and
// select the officer's days; a record is found by its number; a selected
// row shows its changes whole; a wrongly typed date is said, not dropped.
func TestAuditLogTabReadsForAnAuditor(t *testing.T) {
	u, db := demoUI(t)
	ctx := govbuy.WithActor(context.Background(), "操作系统账户 zhangsan")
	row, err := db.FindContractByNumber(ctx, "YX2024-042")
	if err != nil {
		t.Fatal(err)
	}
	c := row.Contract
	c.Amount += 1_000_000
	if err := db.UpdateContract(ctx, &c); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*settingsScreen](t, u)
	today := time.Now().Format("2006-01-02")
	filterDays := func(from, to string) {
		onUI(u, func() {
			s.from.entry.SetText(from)
			s.to.entry.SetText(to)
			s.loadLog()
		})
		waitIdle(t, u)
	}
	onUI(u, func() { s.record.SetText("YX2024-042") })
	filterDays(today, today)
	if len(s.entries) != 1 {
		t.Fatalf("entries of YX2024-042 today: %+v", s.entries)
	}
	change := govbuy.Money(row.Amount).String() + " → " + govbuy.Money(c.Amount).String()
	for col, want := range []string{today, "操作系统账户 zhangsan", "修改", "合同 YX2024-042", "合同金额：" + change} {
		if got := auditCell(s.entries[0], col); !strings.HasPrefix(got, want) {
			t.Errorf("column %d reads %q, want %q", col, got, want)
		}
	}
	onUI(u, func() { s.log.OnSelected(widget.TableCellID{Row: 0, Col: 4}) })
	if dlg := overlay(t, u); !hasText(dlg, "合同金额："+change) {
		t.Errorf("the selected entry shows %q", texts(dlg))
	}
	onUI(u, func() { u.Window().Canvas().Overlays().Top().Hide() })

	// The day before shows none of today's entries.
	yesterday := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	filterDays(yesterday, yesterday)
	if len(s.entries) != 0 {
		t.Errorf("entries of yesterday: %+v", s.entries)
	}

	want := fyne.MeasureText("2024-12-31", theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if got := s.from.entry.Size().Width; got < want {
		t.Errorf("the date field is %.0f wide, a whole date needs %.0f", got, want)
	}

	onUI(u, func() {
		s.from.entry.SetText("2024-13-01")
		s.loadLog()
	})
	if dlg := overlay(t, u); !hasText(dlg, "从：") {
		t.Errorf("a wrong date shows %q", texts(dlg))
	}
}

// 本区信息 shows the ocid prefix of the OCDS export, the local default
// marked as not registered; a prefix saved there is kept tidied and loses
// the mark; a bad one is refused, saying why, and nothing is kept.
func TestOCIDPrefixInTheDistrictTab(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*settingsScreen](t, u)
	if s.ocidPrefix.Text != govbuy.DefaultOCIDPrefix || s.ocidNote.Text != "本地前缀，未登记" {
		t.Fatalf("prefix %q, note %q; want the local default, marked", s.ocidPrefix.Text, s.ocidNote.Text)
	}
	save := func(typed string) {
		t.Helper()
		onUI(u, func() { s.ocidPrefix.SetText(typed) })
		test.Tap(s.ocidSave)
		waitIdle(t, u)
	}
	save(" ocds-abc123 ")
	if p, err := db.OCIDPrefix(context.Background()); err != nil || p != "ocds-abc123" {
		t.Errorf("kept prefix %q, %v", p, err)
	}
	if s.ocidPrefix.Text != "ocds-abc123" || s.ocidNote.Text != "" {
		t.Errorf("after saving: prefix %q, note %q", s.ocidPrefix.Text, s.ocidNote.Text)
	}
	onUI(u, func() { u.Window().Canvas().Overlays().Top().Hide() })
	save("ocds/abc")
	if got := overlay(t, u); !hasText(got, "OCDS前缀（ocid）：只能含英文字母、数字和“-”，“/”不行") {
		t.Errorf("a bad prefix: the window says %q", texts(got))
	}
	if p, _ := db.OCIDPrefix(context.Background()); p != "ocds-abc123" {
		t.Errorf("a refused prefix left %q", p)
	}
}
