package govbuy

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is how often a contract is assessed (考核周期).
type PeriodKind string

const (
	PeriodMonth   PeriodKind = "月"
	PeriodQuarter PeriodKind = "季"
	PeriodHalf    PeriodKind = "半年"
	PeriodYear    PeriodKind = "年"
	PeriodOnce    PeriodKind = "一次"
)

// PeriodKinds lists the kinds in form order.
var PeriodKinds = []PeriodKind{PeriodMonth, PeriodQuarter, PeriodHalf, PeriodYear, PeriodOnce}

// Periods returns the codes of the periods of kind in year, in order:
// "2024-01"…, "2024Q1"…, "2024H1", "2024H2", "2024". A one-off assessment
// uses the year's code, so it reads as the year it belongs to.
func (k PeriodKind) Periods(year int) []string {
	var n int
	var code func(i int) string
	switch k {
	case PeriodMonth:
		n, code = 12, func(i int) string { return fmt.Sprintf("%d-%02d", year, i) }
	case PeriodQuarter:
		n, code = 4, func(i int) string { return fmt.Sprintf("%dQ%d", year, i) }
	case PeriodHalf:
		n, code = 2, func(i int) string { return fmt.Sprintf("%dH%d", year, i) }
	default:
		return []string{strconv.Itoa(year)}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = code(i + 1)
	}
	return out
}

// Period is a parsed period code: its year and its first and last month.
type Period struct {
	Year, First, Last int
}

// ParsePeriodCode reads a period code as govbuy stores it ("2024Q2",
// "2024H1", "2024-03", "2024"); ok is false for anything else. ParsePeriod
// also reads the ways spreadsheets write periods. Codes are read by hand:
// the report and the workbench read one for every period of every
// contract, where a regular expression cost more than the settling.
func ParsePeriodCode(code string) (p Period, ok bool) {
	if len(code) < 4 || !isDigits(code[:4]) {
		return Period{}, false
	}
	y, _ := strconv.Atoi(code[:4])
	rest := code[4:]
	switch {
	case rest == "":
		return Period{y, 1, 12}, true
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		q := int(rest[1] - '0')
		return Period{y, 3*q - 2, 3 * q}, true
	case len(rest) == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'):
		h := int(rest[1] - '0')
		return Period{y, 6*h - 5, 6 * h}, true
	case len(rest) == 3 && rest[0] == '-' && isDigits(rest[1:]):
		if mo, _ := strconv.Atoi(rest[1:]); mo >= 1 && mo <= 12 {
			return Period{y, mo, mo}, true
		}
	}
	return Period{}, false
}

// Kind is the kind of period p is one of, by its length: a month, a
// quarter, a half year or a year (a one-off assessment uses the year too).
func (p Period) Kind() PeriodKind {
	switch p.Last - p.First {
	case 0:
		return PeriodMonth
	case 2:
		return PeriodQuarter
	case 5:
		return PeriodHalf
	}
	return PeriodYear
}

// End is the last day of the period.
func (p Period) End() time.Time {
	return Day(p.Year, time.Month(p.Last)+1, 1).AddDate(0, 0, -1)
}

// Contains reports whether day falls within the period.
func (p Period) Contains(day time.Time) bool {
	return day.Year() == p.Year && int(day.Month()) >= p.First && int(day.Month()) <= p.Last
}

// PeriodLabel writes a period code the way officers say it:
// "2024Q2" → "2024年第2季度", "2024H1" → "2024年上半年", "2024-03" →
// "2024年3月", "2024" → "2024年度". Unknown codes come back unchanged.
func PeriodLabel(code string) string {
	p, ok := ParsePeriodCode(code)
	if !ok {
		return code
	}
	switch p.Kind() {
	case PeriodYear:
		return fmt.Sprintf("%d年度", p.Year)
	case PeriodHalf:
		return fmt.Sprintf("%d年%s半年", p.Year, map[int]string{1: "上", 7: "下"}[p.First])
	case PeriodQuarter:
		return fmt.Sprintf("%d年第%d季度", p.Year, p.Last/3)
	}
	return fmt.Sprintf("%d年%d月", p.Year, p.First)
}

// YearOfPeriod returns the year a period code belongs to, or 0.
func YearOfPeriod(code string) int {
	p, _ := ParsePeriodCode(code)
	return p.Year
}

// PeriodEnd returns the last day of a period, the date a ledger's yearly
// figures and the demo's payments are booked on.
func PeriodEnd(code string) (time.Time, bool) {
	p, ok := ParsePeriodCode(code)
	if !ok {
		return time.Time{}, false
	}
	return p.End(), true
}

// PeriodDate is the date a record of a period (an assessment, an
// inspection, a payment) starts from: today while the period runs or is
// yet to come, its last day once it is over — a 2024 Q2 assessment entered
// in 2026 is dated 2024-06-30, not the day it was typed. An unknown code
// gives today.
func PeriodDate(code string, today time.Time) time.Time {
	today = Day(today.Year(), today.Month(), today.Day())
	if end, ok := PeriodEnd(code); ok && end.Before(today) {
		return end
	}
	return today
}

// ComparePeriods orders period codes by their last day, then by code: a
// year's first three quarters come before the year.
func ComparePeriods(a, b string) int {
	ea, _ := PeriodEnd(a)
	eb, _ := PeriodEnd(b)
	if c := ea.Compare(eb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

var (
	cnDigits      = map[string]string{"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3", "4": "4"}
	quarterLabel  = regexp.MustCompile(`^(\d{4})年?(?:第)?([一二三四1-4])季度?$`)
	halfLabel     = regexp.MustCompile(`^(\d{4})年?([上下])半年$`)
	monthLabel    = regexp.MustCompile(`^(\d{4})(?:年|-|/|\.)(\d{1,2})月?$`)
	yearLabel     = regexp.MustCompile(`^(\d{4})(?:年度?)?$`)
	quarterSuffix = regexp.MustCompile(`^(\d{4})[Qq]([1-4])$`)
)

// ParsePeriod accepts a period code or the way a spreadsheet writes one
// ("2024年第2季度", "2024年二季度", "2024q2", "2024年上半年", "2024年3月",
// "2024年度") and returns its code.
func ParsePeriod(s string) (string, error) {
	t := strings.ReplaceAll(CleanText(NormalizeCode(s)), " ", "")
	if _, ok := ParsePeriodCode(t); ok {
		return t, nil
	}
	if m := quarterSuffix.FindStringSubmatch(t); m != nil {
		return m[1] + "Q" + m[2], nil
	}
	if m := quarterLabel.FindStringSubmatch(t); m != nil {
		return m[1] + "Q" + cnDigits[m[2]], nil
	}
	if m := halfLabel.FindStringSubmatch(t); m != nil {
		return m[1] + map[string]string{"上": "H1", "下": "H2"}[m[2]], nil
	}
	if m := monthLabel.FindStringSubmatch(t); m != nil {
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d", m[1], mo), nil
		}
	}
	if m := yearLabel.FindStringSubmatch(t); m != nil {
		return m[1], nil
	}
	return "", Invalidf(FieldPeriod, "无法识别的期间“%s”（例如2024年第2季度、2024年上半年、2024年度）", s)
}
