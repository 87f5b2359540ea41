package govbuy_test

import (
	"testing"

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
