package app

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// newCalendar shows the month of start to pick a day from, headed
// "2026年12月" with the week from 一 to 日, as Chinese calendars are:
// Fyne's calendar writes "December 2026" whatever the language. The day
// of start is marked.
func newCalendar(start time.Time, picked func(time.Time)) fyne.CanvasObject {
	marked := govbuy.Day(start.Year(), start.Month(), start.Day())
	month := govbuy.Day(start.Year(), start.Month(), 1)
	title := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	days := container.NewGridWithColumns(7)
	show := func() {
		title.SetText(monthTitle(month))
		days.Objects = monthCells(month, marked, picked)
		days.Refresh()
	}
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { month = month.AddDate(0, -1, 0); show() })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { month = month.AddDate(0, 1, 0); show() })
	prev.Importance, next.Importance = widget.LowImportance, widget.LowImportance
	show()
	return container.NewBorder(container.NewBorder(nil, nil, prev, next, title), nil, nil, nil, days)
}

func monthTitle(month time.Time) string {
	return lang.L("{{.MonthName}} {{.Year}}", map[string]any{
		"Year": month.Year(), "Month": int(month.Month()), "MonthName": month.Month().String(),
	})
}

// monthCells are the weekday headings, blanks up to the month's first day
// and a button for each day.
func monthCells(month, marked time.Time, picked func(time.Time)) []fyne.CanvasObject {
	var cells []fyne.CanvasObject
	// Monday first, as Chinese calendars are.
	for _, d := range []string{lang.L("Mon"), lang.L("Tue"), lang.L("Wed"), lang.L("Thu"), lang.L("Fri"), lang.L("Sat"), lang.L("Sun")} {
		cells = append(cells, widget.NewLabelWithStyle(d, fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	for range (int(month.Weekday()) + 6) % 7 {
		cells = append(cells, layout.NewSpacer())
	}
	for day := month; day.Month() == month.Month(); day = day.AddDate(0, 0, 1) {
		b := widget.NewButton(strconv.Itoa(day.Day()), func() { picked(day) })
		b.Importance = widget.LowImportance
		if day.Equal(marked) {
			b.Importance = widget.HighImportance
		}
		cells = append(cells, b)
	}
	return cells
}
