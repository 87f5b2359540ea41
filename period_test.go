package govbuy_test

import (
	"regexp"
	"strconv"
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
		{"2024Q0", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024H3", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024-00", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024-13", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024-3", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024-1a", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024Q", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"202", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"20a4", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024Q22", false, govbuy.Period{}, "", time.Time{}, time.Time{}},
		{"2024-12", true, govbuy.Period{Year: 2024, First: 12, Last: 12}, govbuy.PeriodMonth, govbuy.Day(2024, 12, 1), govbuy.Day(2025, 1, 1)},
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

// periodCode is the grammar of period codes as a regular expression, the
// way ParsePeriodCode read them before it parsed by hand: the fuzz target
// holds the two to the same answers.
var periodCode = regexp.MustCompile(`^(\d{4})(?:Q([1-4])|H([12])|-(0[1-9]|1[0-2]))?$`)

func FuzzParsePeriodCode(f *testing.F) {
	for _, s := range []string{"2024", "2024Q2", "2024H1", "2024-03", "2024-13", "2024Q5", "２０２４", "2024-1", "2024QQ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		got, ok := govbuy.ParsePeriodCode(code)
		m := periodCode.FindStringSubmatch(code)
		if ok != (m != nil) {
			t.Fatalf("ParsePeriodCode(%q) ok = %v, the grammar says %v", code, ok, m != nil)
		}
		if m == nil {
			return
		}
		y, _ := strconv.Atoi(m[1])
		want := govbuy.Period{Year: y, First: 1, Last: 12}
		switch {
		case m[2] != "":
			q, _ := strconv.Atoi(m[2])
			want.First, want.Last = 3*q-2, 3*q
		case m[3] != "":
			h, _ := strconv.Atoi(m[3])
			want.First, want.Last = 6*h-5, 6*h
		case m[4] != "":
			mo, _ := strconv.Atoi(m[4])
			want.First, want.Last = mo, mo
		}
		if got != want {
			t.Fatalf("ParsePeriodCode(%q) = %+v, want %+v", code, got, want)
		}
	})
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
