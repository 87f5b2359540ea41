package app

import (
	"context"
	"strings"
	"testing"

	"govbuy"
)

// A year the State Council announced after govbuy shipped is typed into 设置
// and saved; the working calendar then knows it, and the tab says so.
func TestHolidaysTabSavesAYear(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*settingsScreen](t, u)
	if !strings.Contains(s.calendarYears.Text, "2020–2026") {
		t.Errorf("calendar years = %q", s.calendarYears.Text)
	}
	onUI(u, func() {
		s.holidayYear.SetSelected("2027")
		if s.holidayYear.Selected != "2027" {
			s.holidayYear.Options = append(s.holidayYear.Options, "2027")
			s.holidayYear.SetSelected("2027")
		}
		s.holidayOff.SetText("2027-01-01至2027-01-03：元旦")
		s.holidayOn.SetText("")
		s.saveHolidays()
	})
	waitIdle(t, u)
	cal, err := db.WorkCalendar(context.Background())
	if err != nil || !cal.Knows(2027) || cal.Workday(govbuy.Day(2027, 1, 1)) {
		t.Fatalf("2027 not saved: %v", err)
	}
	if !strings.Contains(s.calendarYears.Text, "2027") {
		t.Errorf("calendar years after saving = %q", s.calendarYears.Text)
	}
}
