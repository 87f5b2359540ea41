package govbuy

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The law counts some deadlines in working days (工作日): 2 to publish a
// contract (政府采购法实施条例 第五十条), 7 to file it (政府采购法 第四十七条).
// A working day is Monday to Friday, except the statutory holidays the
// State Council announces each year, plus the weekend days it makes working
// days (调休). A Calendar holds those exceptions; the years govbuy ships are
// in holidays.go, and a district adds a new year in 设置 when the notice
// comes out.

// CalendarDay is one exception to the Monday-to-Friday week: a holiday
// (Work false) or a make-up working day on a weekend (Work true), named
// after its festival.
type CalendarDay struct {
	Date time.Time `json:"date"`
	Work bool      `json:"work"`
	Name string    `json:"name,omitempty"`
}

// Calendar tells working days from days off.
type Calendar struct {
	except map[time.Time]bool // date → is a working day
	years  map[int]bool       // years whose holidays are known
}

// NewCalendar builds a calendar from the shipped years overlaid with days
// (those a district entered): a day given twice takes the later entry, so
// a district can correct a shipped day.
func NewCalendar(days ...CalendarDay) *Calendar {
	c := &Calendar{except: map[time.Time]bool{}, years: map[int]bool{}}
	for _, set := range [][]CalendarDay{shippedDays(), days} {
		for _, d := range set {
			day := Today(d.Date)
			c.except[day] = d.Work
			c.years[day.Year()] = true
		}
	}
	return c
}

// Knows reports whether the holidays of year are in the calendar; for
// other years only weekends are days off.
func (c *Calendar) Knows(year int) bool { return c.years[year] }

// Workday reports whether d is a working day.
func (c *Calendar) Workday(d time.Time) bool {
	if work, ok := c.except[Today(d)]; ok {
		return work
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkdays is the n-th working day after from, the day a deadline of n
// working days from it falls on: the day of the event itself is not
// counted (民法典 第二百零一条).
func (c *Calendar) AddWorkdays(from time.Time, n int) time.Time {
	d := Today(from)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.Workday(d) {
			n--
		}
	}
	return d
}

// DueAfterDays is the last day of a period of n calendar days from from:
// from+n, moved to the next working day when it falls on a day off
// (民法典 第二百零三条: a period ending on a statutory holiday ends the day
// after the holiday).
func (c *Calendar) DueAfterDays(from time.Time, n int) time.Time {
	d := Today(from).AddDate(0, 0, n)
	for !c.Workday(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// WorkdaysBetween counts the working days after from up to and including
// to; negative, counting the working days after to up to and including
// from, when to is earlier. A document due on due and done on day is
// WorkdaysBetween(due, day) working days late.
func (c *Calendar) WorkdaysBetween(from, to time.Time) int {
	from, to = Today(from), Today(to)
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.Workday(d) {
			n++
		}
	}
	return sign * n
}

// Unknown names the years of dates whose holidays the calendar does not
// hold, for a note that their deadlines count weekends only.
func (c *Calendar) Unknown(dates ...time.Time) []int {
	var out []int
	for _, d := range dates {
		if y := d.Year(); !d.IsZero() && !c.years[y] && !slices.Contains(out, y) {
			out = append(out, y)
		}
	}
	return out
}

// ParseHolidayYear reads a year's announcement as an officer types it:
// the holidays as dates or ranges ("2027-01-01至2027-01-03", also "~" or
// "—", separated by commas, spaces or line breaks, each optionally
// followed by its festival's name after a colon) and the make-up working
// days as dates. Every date must be in year (a range may not cross it),
// holidays must not be make-up days, and make-up days must fall on
// weekends, which is what 调休 moves.
func ParseHolidayYear(year int, holidays, workdays string) ([]CalendarDay, error) {
	if strings.TrimSpace(holidays) == "" {
		return nil, Invalidf(FieldHolidays, "请填写%d年的放假日期", year)
	}
	off, v := parseDayList(year, holidays, FieldHolidays, false)
	on, errs := parseDayList(year, workdays, FieldWorkdays, true)
	v = append(v, errs...)
	seen := map[time.Time]bool{}
	for _, d := range off {
		seen[d.Date] = true
	}
	for _, d := range on {
		if seen[d.Date] {
			v = append(v, Invalidf(FieldWorkdays, "%s既是放假日又是调休上班日", FormatDate(d.Date)))
		}
	}
	return append(off, on...), v.Err()
}

// parseDayList reads one list of ParseHolidayYear; work marks the days as
// make-up working days.
func parseDayList(year int, text string, field Field, work bool) ([]CalendarDay, ValidationErrors) {
	var out []CalendarDay
	var v ValidationErrors
	for _, item := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(",，、;；\n\r\t ", r) }) {
		spec, name, _ := strings.Cut(strings.ReplaceAll(item, "：", ":"), ":")
		first, last, err := parseDayRange(spec)
		if err != nil {
			v = append(v, Invalidf(field, "“%s”：%v", item, err))
			continue
		}
		if first.Year() != year || last.Year() != year {
			v = append(v, Invalidf(field, "“%s”不在%d年内", item, year))
			continue
		}
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			if work && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
				v = append(v, Invalidf(field, "%s是工作日，不是需要调休上班的周末", FormatDate(d)))
				continue
			}
			out = append(out, CalendarDay{Date: d, Work: work, Name: strings.TrimSpace(name)})
		}
	}
	return out, v
}

// parseDayRange reads "2027-01-01" or "2027-01-01至2027-01-03".
func parseDayRange(spec string) (first, last time.Time, err error) {
	from, to, isRange := strings.Cut(strings.NewReplacer("~", "至", "—", "至", "－", "至").Replace(spec), "至")
	if first, err = time.Parse(DateLayout, strings.TrimSpace(from)); err != nil {
		return first, last, fmt.Errorf("日期应写作2027-01-01")
	}
	last = first
	if isRange {
		if last, err = time.Parse(DateLayout, strings.TrimSpace(to)); err != nil {
			return first, last, fmt.Errorf("日期应写作2027-01-01至2027-01-03")
		}
	}
	if last.Before(first) || last.Sub(first) > 31*24*time.Hour {
		return first, last, fmt.Errorf("日期范围应从前到后且不超过一个月")
	}
	return first, last, nil
}
