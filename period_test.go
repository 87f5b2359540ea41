package govbuy_test

import (
	"testing"
	"time"

	"govbuy"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct{ in, want, label, end string }{
		{"2024Q2", "2024Q2", "2024年第2季度", "2024-06-30"},
		{"2024年第2季度", "2024Q2", "2024年第2季度", "2024-06-30"},
		{"2024年二季度", "2024Q2", "2024年第2季度", "2024-06-30"},
		{"2024q4", "2024Q4", "2024年第4季度", "2024-12-31"},
		{"2024年上半年", "2024H1", "2024年上半年", "2024-06-30"},
		{"2024年下半年", "2024H2", "2024年下半年", "2024-12-31"},
		{"2024年3月", "2024-03", "2024年3月", "2024-03-31"},
		{"2024-02", "2024-02", "2024年2月", "2024-02-29"},
		{"2024年度", "2024", "2024年度", "2024-12-31"},
		{"２０２４年", "2024", "2024年度", "2024-12-31"},
	}
	for _, tt := range tests {
		got, err := govbuy.ParsePeriod(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		if l := govbuy.PeriodLabel(got); l != tt.label {
			t.Errorf("PeriodLabel(%q) = %q, want %q", got, l, tt.label)
		}
		if end, _ := govbuy.PeriodEnd(got); govbuy.FormatDate(end) != tt.end {
			t.Errorf("PeriodEnd(%q) = %s, want %s", got, govbuy.FormatDate(end), tt.end)
		}
	}
	for _, bad := range []string{"", "2024Q5", "第二季度", "2024年13月"} {
		if _, err := govbuy.ParsePeriod(bad); govbuy.ErrorKindOf(err) != govbuy.EInvalid {
			t.Errorf("ParsePeriod(%q) = %v, want invalid", bad, err)
		}
	}
}

func TestPeriodsOfAYear(t *testing.T) {
	tests := []struct {
		kind govbuy.PeriodKind
		n    int
		last string
	}{
		{govbuy.PeriodMonth, 12, "2024-12"}, {govbuy.PeriodQuarter, 4, "2024Q4"},
		{govbuy.PeriodHalf, 2, "2024H2"}, {govbuy.PeriodYear, 1, "2024"}, {govbuy.PeriodOnce, 1, "2024"},
	}
	for _, tt := range tests {
		p := tt.kind.Periods(2024)
		if len(p) != tt.n || p[len(p)-1] != tt.last {
			t.Errorf("%s periods = %v", tt.kind, p)
		}
	}
}

func TestParsePeriodCode(t *testing.T) {
	tests := []struct {
		code        string
		ok          bool
		want        govbuy.Period
		kind        govbuy.PeriodKind
		contains    time.Time // a day inside the period
		notContains time.Time // the day after it
	}{
		{"2024-03", true, govbuy.Period{Year: 2024, First: 3, Last: 3}, govbuy.PeriodMonth, govbuy.Day(2024, 3, 31), govbuy.Day(2024, 4, 1)},
		{"2024Q2", true, govbuy.Period{Year: 2024, First: 4, Last: 6}, govbuy.PeriodQuarter, govbuy.Day(2024, 4, 1), govbuy.Day(2024, 7, 1)},
		{"2024H2", true, govbuy.Period{Year: 2024, First: 7, Last: 12}, govbuy.PeriodHalf, govbuy.Day(2024, 12, 31), govbuy.Day(2025, 1, 1)},
		{"2024", true, govbuy.Period{Year: 2024, First: 1, Last: 12}, govbuy.PeriodYear, govbuy.Day(2024, 1, 1), govbuy.Day(2025, 1, 1)},
		// Only codes: labels are ParsePeriod's.
		{"2024年第2季度", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024q2", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024Q5", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		p, ok := govbuy.ParsePeriodCode(tt.code)
		if ok != tt.ok || p != tt.want {
			t.Errorf("ParsePeriodCode(%q) = %+v, %v; want %+v, %v", tt.code, p, ok, tt.want, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if p.Kind() != tt.kind {
			t.Errorf("%s is a %s, want %s", tt.code, p.Kind(), tt.kind)
		}
		if !p.Contains(tt.contains) || p.Contains(tt.notContains) {
			t.Errorf("%s contains %s: %v, %s: %v", tt.code, govbuy.FormatDate(tt.contains), p.Contains(tt.contains),
				govbuy.FormatDate(tt.notContains), p.Contains(tt.notContains))
		}
	}
}

func TestComparePeriods(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2024Q1", "2024Q2", -1},
		{"2024", "2024Q4", -1}, // both end on 31 December: by code
		{"2024H1", "2024Q2", -1},
		{"2024-06", "2024Q2", -1},
		{"2023", "2024-01", -1},
		{"2024Q3", "2024Q3", 0},
	}
	for _, tt := range tests {
		if got := govbuy.ComparePeriods(tt.a, tt.b); got != tt.want {
			t.Errorf("ComparePeriods(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := govbuy.ComparePeriods(tt.b, tt.a); got != -tt.want {
			t.Errorf("ComparePeriods(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

// A record of a period that is over is dated its last day, not the day it
// is typed in; a period still running or yet to come is dated today.
func TestPeriodDate(t *testing.T) {
	today := time.Date(2026, 3, 14, 15, 4, 5, 0, time.Local)
	tests := []struct {
		code string
		want time.Time
	}{
		{"2024Q2", govbuy.Day(2024, 6, 30)},
		{"2024H2", govbuy.Day(2024, 12, 31)},
		{"2024-02", govbuy.Day(2024, 2, 29)},
		{"2025", govbuy.Day(2025, 12, 31)},
		{"2026Q1", govbuy.Day(2026, 3, 14)},
		{"2026-03", govbuy.Day(2026, 3, 14)},
		{"2026Q3", govbuy.Day(2026, 3, 14)},
		{"", govbuy.Day(2026, 3, 14)},
	}
	for _, tt := range tests {
		if got := govbuy.PeriodDate(tt.code, today); !got.Equal(tt.want) {
			t.Errorf("PeriodDate(%q) = %s, want %s", tt.code, govbuy.FormatDate(got), govbuy.FormatDate(tt.want))
		}
	}
}
