package govbuy

import (
	"strconv"
	"strings"
)

// Score is an assessment score in tenths of a point, 0..1000 (0–100.0分).
// Tenths keep 86.5 exact, so payments computed from it are exact too.
type Score int

// MaxScore is 100 points.
const MaxScore Score = 1000

// ParseScore reads a score as typed or found in a spreadsheet: "86.5",
// "８６．５", "86.5分". A second decimal is accepted only when it is zero, so
// that no score is silently rounded.
func ParseScore(s string) (Score, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, Invalidf(FieldScore, "不能为空")
	}
	t := strings.TrimSpace(strings.TrimSuffix(strings.Map(toHalfWidth, text), "分"))
	neg, t, _ := cutSign(t)
	whole, frac, _ := strings.Cut(t, ".")
	if !isDigits(whole) || (frac != "" && !isDigits(frac)) {
		return 0, Invalidf(FieldScore, "无法识别的得分“%s”", text)
	}
	if len(frac) > 1 && strings.Trim(frac[1:], "0") != "" {
		return 0, Invalidf(FieldScore, "得分最多保留一位小数：“%s”", text)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 3 {
		return 0, Invalidf(FieldScore, "得分应在0到100之间：“%s”", text)
	}
	tenths, _ := strconv.Atoi(whole + "0")
	if frac != "" {
		tenths += int(frac[0] - '0')
	}
	if tenths > int(MaxScore) || (neg && tenths > 0) {
		return 0, Invalidf(FieldScore, "得分应在0到100之间：“%s”", text)
	}
	return Score(tenths), nil
}

// String writes the score without a trailing ".0": "86.5", "90", "100".
func (s Score) String() string {
	sign, n := "", int(s)
	if n < 0 {
		sign, n = "-", -n
	}
	text := sign + strconv.Itoa(n/10)
	if n%10 != 0 {
		text += "." + strconv.Itoa(n%10)
	}
	return text
}

// MarshalJSON writes the score as a JSON number built from its digits, so no
// float conversion can turn 86.5 into 86.49999.
func (s Score) MarshalJSON() ([]byte, error) {
	return []byte(s.String()), nil
}

// UnmarshalJSON reads a JSON number such as 86.5 or 90; null leaves s as is.
func (s *Score) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	v, err := ParseScore(string(data))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Grade is the 考核等级 a score falls in.
type Grade string

const (
	GradeExcellent Grade = "优"
	GradeGood      Grade = "良"
	GradeFair      Grade = "中"
	GradePoor      Grade = "差"
)

// GradeBands holds the lowest score of each grade but 差, which takes the rest.
type GradeBands struct {
	Excellent, Good, Fair Score
}

// DefaultGradeBands are the Ministry of Finance bands: 优 ≥ 90, 良 ≥ 80,
// 中 ≥ 60, 差 below.
var DefaultGradeBands = GradeBands{Excellent: 900, Good: 800, Fair: 600}

// Grade returns the grade score s falls in.
func (b GradeBands) Grade(s Score) Grade {
	switch {
	case s >= b.Excellent:
		return GradeExcellent
	case s >= b.Good:
		return GradeGood
	case s >= b.Fair:
		return GradeFair
	}
	return GradePoor
}

// Validate checks bands a person configured: within 0–100 and strictly
// decreasing, or some grade could never be given.
func (b GradeBands) Validate() error {
	if b.Fair < 0 || b.Excellent > MaxScore {
		return Invalidf(FieldGradeBands, "等级分界应在0到100分之间")
	}
	if !(b.Excellent > b.Good && b.Good > b.Fair) {
		return Invalidf(FieldGradeBands, "等级分界须依次递减：优>良>中")
	}
	return nil
}

// AverageScore is sum/n rounded half up to a tenth of a point, exactly, in
// integers: the one way govbuy averages scores (0 when there are none).
func AverageScore(sum, n int64) Score {
	if n == 0 {
		return 0
	}
	return Score((2*sum + n) / (2 * n))
}
