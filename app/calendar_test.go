package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// The date picker reads as a Chinese calendar: 2026年12月, the week from
// 一 to 日, each day under its weekday, and it moves by month.
func TestCalendarIsChinese(t *testing.T) {
	newTestUI(t, nil) // the window's translations
	var picked time.Time
	cal := newCalendar(govbuy.Day(2026, 12, 15), func(d time.Time) { picked = d })
	if !hasText(cal, "2026年12月") {
		t.Errorf("calendar heading: %q", texts(cal))
	}
	cells := calendarGrid(t, cal).Objects
	var heads []string
	for _, c := range cells[:7] {
		heads = append(heads, c.(*widget.Label).Text)
	}
	if !slices.Equal(heads, []string{"一", "二", "三", "四", "五", "六", "日"}) {
		t.Errorf("weekday headings %q", heads)
	}
	// 1 December 2026 is a Tuesday: one blank under 一.
	if b, ok := cells[8].(*widget.Button); !ok || b.Text != "1" {
		t.Errorf("the 1st is not under 二: cell 8 is %#v", cells[8])
	}
	if b := cells[7+1+14].(*widget.Button); b.Text != "15" || b.Importance != widget.HighImportance {
		t.Errorf("the day shown is not marked: %q %v", b.Text, b.Importance)
	}
	test.Tap(button(t, cal, "31"))
	if !picked.Equal(govbuy.Day(2026, 12, 31)) {
		t.Errorf("picked %v, want 2026-12-31", picked)
	}
	test.Tap(calendarArrow(t, cal, 1))
	if !hasText(cal, "2027年1月") {
		t.Errorf("next month heading: %q", texts(cal))
	}
	test.Tap(calendarArrow(t, cal, 0))
	test.Tap(calendarArrow(t, cal, 0))
	if !hasText(cal, "2026年11月") {
		t.Errorf("previous month heading: %q", texts(cal))
	}
}

// calendarGrid is the grid of weekday headings and days.
func calendarGrid(t *testing.T, cal fyne.CanvasObject) *fyne.Container {
	t.Helper()
	var grid *fyne.Container
	walk(cal, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) >= 7+28 {
			grid = c
		}
	})
	if grid == nil {
		t.Fatal("no day grid")
	}
	return grid
}

// calendarArrow is the previous (0) or next (1) month button.
func calendarArrow(t *testing.T, cal fyne.CanvasObject, i int) *widget.Button {
	t.Helper()
	var arrows []*widget.Button
	walk(cal, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" {
			arrows = append(arrows, b)
		}
	})
	if len(arrows) != 2 {
		t.Fatalf("%d month buttons", len(arrows))
	}
	return arrows[i]
}
