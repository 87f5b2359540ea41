package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
	"govbuy/assets"
	"govbuy/reports"
	"govbuy/store"
)

// demoReportScreen shows the 报表 screen on the demo district.
func demoReportScreen(t *testing.T) (*UI, *store.DB, *reportScreen) {
	t.Helper()
	u, db := demoUI(t)
	s := showScreen[*reportScreen](t, u)
	return u, db, s
}

func TestReportScreenShowsTheDemoYear(t *testing.T) {
	u, _, s := demoReportScreen(t)
	if s.year.Selected != "2024" {
		t.Fatalf("year = %q, want the latest year with contracts, 2024", s.year.Selected)
	}
	if got := s.words.Text; !strings.Contains(got, "4,029.30") || !strings.Contains(got, "肆仟零贰拾玖万叁仟元整") {
		t.Errorf("headline = %q", got)
	}
	if !strings.Contains(s.totals.Text, "购买主体61个") || !strings.Contains(s.totals.Text, "岗位39种") {
		t.Errorf("totals = %q", s.totals.Text)
	}
	if len(s.rows) != 61 || s.table.cols[0].value(s.rows[0]) == "" {
		t.Errorf("by-unit rows = %d", len(s.rows))
	}
	if len(s.chart.Objects) < 5 {
		t.Errorf("chart has %d rows", len(s.chart.Objects))
	}

	// An edited narrative is what the export carries.
	test.Type(s.narrative, "补充说明：本年度未发生重大合同纠纷。")
	path := filepath.Join(t.TempDir(), "report.json")
	done := make(chan struct{})
	onUI(u, func() { s.write(path, s.edited(), reports.WriteJSON, func() { close(done) }) })
	waitIdle(t, u)
	<-done
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r govbuy.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Narrative, ""), "补充说明：本年度未发生重大合同纠纷。") {
		t.Errorf("exported narrative lacks the edit: %q", r.Narrative)
	}
	if r.Totals.Paid != assets.DemoPaid {
		t.Errorf("exported paid = %s", r.Totals.Paid)
	}
}

// The officer's wording survives a reload after a change elsewhere, is kept
// with the year when exported, and gives way to the generated narrative
// only when they ask for it.
func TestReportNarrativeEditsAreKept(t *testing.T) {
	u, db, s := demoReportScreen(t)
	if s.editedNote.Visible() || s.narrative.Text != s.generated {
		t.Fatal("a fresh year shows the generated narrative without the note")
	}
	const addition = "补充说明：本年度未发生重大合同纠纷。"
	test.Type(s.narrative, addition)
	reload := func() {
		onUI(u, s.load)
		waitIdle(t, u)
	}
	reload() // as after a contract was changed on another screen
	if !strings.Contains(s.narrative.Text, addition) || !s.editedNote.Visible() {
		t.Fatalf("after a reload: note %v, narrative %.60q…", s.editedNote.Visible(), s.narrative.Text)
	}

	exportJSON := func() {
		done := make(chan struct{})
		onUI(u, func() {
			s.write(filepath.Join(t.TempDir(), "r.json"), s.edited(), reports.WriteJSON, func() { close(done) })
		})
		waitIdle(t, u)
		<-done
	}
	exportJSON()
	kept, err := db.EditedNarrative(context.Background(), 2024)
	if err != nil || !strings.Contains(strings.Join(kept, ""), addition) {
		t.Fatalf("kept narrative: %q, %v", kept, err)
	}
	clear(s.edits) // as in the next session
	reload()
	if !strings.Contains(s.narrative.Text, addition) || !s.editedNote.Visible() {
		t.Errorf("next session: note %v, narrative lacks the edit", s.editedNote.Visible())
	}

	test.Tap(s.regenerate)
	if s.narrative.Text != s.generated || s.editedNote.Visible() {
		t.Errorf("written afresh: note %v, narrative %.60q…", s.editedNote.Visible(), s.narrative.Text)
	}
	exportJSON()
	if kept, err := db.EditedNarrative(context.Background(), 2024); err != nil || kept != nil {
		t.Errorf("the generated narrative exported, yet the edit is still kept: %q, %v", kept, err)
	}
}
