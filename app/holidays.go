package app

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// holidaysTab enters a year's statutory holidays and make-up working days
// when the State Council announces them, so the deadlines counted in
// working days (publication, filing) keep counting right after the years
// govbuy ships.
func (s *settingsScreen) holidaysTab() fyne.CanvasObject {
	s.calendarYears = widget.NewLabel("")
	s.calendarYears.Wrapping = fyne.TextWrapWord
	s.holidayYear = newSelect(yearOptions(), nil)
	s.holidayOff = widget.NewMultiLineEntry()
	s.holidayOff.SetPlaceHolder("2027-01-01至2027-01-03：元旦\n2027-02-06至2027-02-13：春节")
	s.holidayOn = widget.NewMultiLineEntry()
	s.holidayOn.SetPlaceHolder("2027-02-14")
	save := widget.NewButton(lang.L("Save holidays"), s.saveHolidays)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Year"), container.NewHBox(s.holidayYear)),
		widget.NewFormItem(lang.L("Days off"), s.holidayOff),
		widget.NewFormItem(lang.L("Make-up working days"), s.holidayOn),
	)
	return container.NewVBox(s.calendarYears, form, container.NewHBox(save))
}

func (s *settingsScreen) saveHolidays() {
	year, _ := strconv.Atoi(s.holidayYear.Selected)
	off, on := s.holidayOff.Text, s.holidayOn.Text
	s.run(func(ctx context.Context) (string, error) {
		days, err := govbuy.ParseHolidayYear(year, off, on)
		if err != nil {
			return "", err
		}
		return lang.L("Holidays of {{.Year}} saved.", map[string]any{"Year": year}), s.svc.SaveHolidayYear(ctx, year, days)
	})
}

// showCalendarYears says which years' holidays deadlines are counted with.
func (s *settingsScreen) showCalendarYears(entered []govbuy.CalendarDay, err error) {
	if err != nil {
		s.calendarYears.SetText(errorText(err))
		return
	}
	years := map[int]bool{}
	for _, y := range govbuy.ShippedHolidayYears() {
		years[y] = true
	}
	var own []string
	for _, d := range entered {
		if y := d.Date.Year(); !years[y] {
			years[y] = true
			own = append(own, strconv.Itoa(y))
		}
	}
	shipped := govbuy.ShippedHolidayYears()
	text := lang.L("Holidays built in: {{.First}}–{{.Last}}.", map[string]any{"First": shipped[0], "Last": shipped[len(shipped)-1]})
	if len(own) > 0 {
		text += lang.L("Entered here: {{.Years}}.", map[string]any{"Years": strings.Join(own, "、")})
	}
	s.calendarYears.SetText(text)
}
