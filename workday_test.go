package govbuy_test

import (
	"testing"
	"time"

	"govbuy"
)

func date(s string) time.Time {
	d, err := time.Parse(govbuy.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestWorkday(t *testing.T) {
	cal := govbuy.NewCalendar()
	tests := []struct {
		day  string
		work bool
	}{
		{"2024-02-04", true},  // Sunday worked for the Spring Festival
		{"2024-02-09", true},  // 除夕 2024 was not a statutory day off
		{"2024-02-12", false}, // Spring Festival, a Monday
		{"2024-02-18", true},  // Sunday worked
		{"2024-09-29", true},  // Sunday worked for National Day
		{"2024-10-07", false}, // National Day, a Monday
		{"2024-10-12", true},  // Saturday worked
		{"2024-10-13", false}, // an ordinary Sunday
		{"2025-10-08", false}, // National Day and Mid-Autumn 2025, a Wednesday
		{"2023-09-29", false}, // Mid-Autumn 2023, a Friday, the first day of the National Day holiday
		{"2023-10-07", true},  // Saturday worked after National Day 2023
		{"2023-10-08", true},  // Sunday worked
		{"2030-01-01", true},  // a Tuesday of a year not in the calendar
	}
	for _, tt := range tests {
		if got := cal.Workday(date(tt.day)); got != tt.work {
			t.Errorf("Workday(%s) = %v, want %v", tt.day, got, tt.work)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	cal := govbuy.NewCalendar()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-09-29", 2, "2024-10-08"}, // signed on a make-up Sunday: 9-30, then 10-8 after the holiday
		{"2024-09-27", 2, "2024-09-30"}, // Friday: the make-up Sunday counts
		{"2024-09-29", 7, "2024-10-14"}, // 9-30, 10-8…10-11, the make-up Saturday 10-12, then Monday
		{"2024-02-08", 2, "2024-02-18"}, // 2-9, then the make-up Sunday after the Spring Festival
		{"2024-02-08", 7, "2024-02-23"},
		{"2024-02-03", 1, "2024-02-04"}, // Saturday → the make-up Sunday
		{"2023-09-28", 2, "2023-10-08"}, // Thursday before National Day 2023: the make-up Saturday 10-7, then Sunday 10-8
		{"2023-09-28", 7, "2023-10-13"}, // 10-7, 10-8, then Monday to Friday
		{"2023-09-27", 1, "2023-09-28"},
		{"2024-03-01", 2, "2024-03-05"}, // an ordinary Friday
		{"2024-03-01", 0, "2024-03-01"},
	}
	for _, tt := range tests {
		if got := govbuy.FormatDate(cal.AddWorkdays(date(tt.from), tt.n)); got != tt.want {
			t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	cal := govbuy.NewCalendar()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2024-10-08", "2024-10-10", 2},
		{"2024-09-30", "2024-10-08", 1}, // the whole holiday in between
		{"2024-10-10", "2024-10-08", -2},
		{"2024-02-09", "2024-02-18", 1},
		{"2024-10-08", "2024-10-08", 0},
	}
	for _, tt := range tests {
		if got := cal.WorkdaysBetween(date(tt.from), date(tt.to)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestDueAfterDays(t *testing.T) {
	cal := govbuy.NewCalendar()
	tests := []struct{ from, want string }{
		{"2024-09-01", "2024-10-08"}, // 30 days ends on 10-1, a holiday: the day after the holiday
		{"2024-08-01", "2024-09-02"}, // 8-31 is a Saturday: the Monday after
		{"2024-03-01", "2024-04-01"}, // 3-31 is a Sunday
		{"2024-05-01", "2024-05-31"},
	}
	for _, tt := range tests {
		if got := govbuy.FormatDate(cal.DueAfterDays(date(tt.from), 30)); got != tt.want {
			t.Errorf("DueAfterDays(%s, 30) = %s, want %s", tt.from, got, tt.want)
		}
	}
}

// A district enters a year the State Council has just announced; the
// entered days overrule the shipped ones.
func TestCalendarExtended(t *testing.T) {
	days, err := govbuy.ParseHolidayYear(2030, "2030-01-01：元旦\n2030-02-02至2030-02-08：春节", "2030-02-09")
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 9 {
		t.Fatalf("days = %d, want 9: %+v", len(days), days)
	}
	cal := govbuy.NewCalendar(days...)
	if !cal.Knows(2030) || cal.Knows(2031) || !cal.Knows(2024) {
		t.Errorf("Knows: 2030 %v, 2031 %v, 2024 %v", cal.Knows(2030), cal.Knows(2031), cal.Knows(2024))
	}
	if cal.Workday(date("2030-02-04")) || !cal.Workday(date("2030-02-09")) || days[1].Name != "春节" {
		t.Errorf("2030 holidays not applied: %+v", days[:2])
	}
	if got := govbuy.FormatDate(cal.AddWorkdays(date("2030-02-01"), 1)); got != "2030-02-09" {
		t.Errorf("next working day after 2030-02-01 = %s, want the make-up Saturday 2030-02-09", got)
	}
	fixed := govbuy.NewCalendar(govbuy.CalendarDay{Date: date("2024-10-08"), Name: "更正"})
	if fixed.Workday(date("2024-10-08")) {
		t.Error("an entered day does not overrule the shipped one")
	}
}

func TestParseHolidayYearRefuses(t *testing.T) {
	tests := []struct {
		name, off, on, want string
	}{
		{"nothing", "", "", "放假日期：请填写2030年的放假日期"},
		{"bad date", "2030/01/01", "", "放假日期：“2030/01/01”：日期应写作2027-01-01"},
		{"other year", "2031-01-01", "", "放假日期：“2031-01-01”不在2030年内"},
		{"weekday make-up", "2030-01-01", "2030-01-02", "调休上班日期：2030-01-02是工作日，不是需要调休上班的周末"},
		{"both", "2030-01-05", "2030-01-05", "调休上班日期：2030-01-05既是放假日又是调休上班日"},
		{"backwards", "2030-02-08至2030-02-02", "", "放假日期：“2030-02-08至2030-02-02”：日期范围应从前到后且不超过一个月"},
	}
	for _, tt := range tests {
		_, err := govbuy.ParseHolidayYear(2030, tt.off, tt.on)
		if got := govbuy.ErrorMessage(err); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The shipped table covers 2020–2026 and every make-up day is a weekend.
func TestShippedHolidayYears(t *testing.T) {
	years := govbuy.ShippedHolidayYears()
	if len(years) != 7 || years[0] != 2020 || years[6] != 2026 {
		t.Fatalf("years = %v", years)
	}
	cal := govbuy.NewCalendar()
	for y := 2020; y <= 2026; y++ {
		if !cal.Knows(y) {
			t.Errorf("%d not known", y)
		}
	}
}
