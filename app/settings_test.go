package app

import (
	"context"
	"strings"
	"testing"

	"govbuy"
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
		s.entity.SetSelectedIndex(1) // 单位
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
