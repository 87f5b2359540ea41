package pdf_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"govbuy/reports/internal/reporttest"
	"govbuy/reports/pdf"
)

// simpleMeasure gives CJK characters a width of 1 and others 0.5, close to
// the proportions of the real font.
func simpleMeasure(r rune) float64 {
	if r >= 0x2E80 {
		return 1
	}
	return 0.5
}

func TestWrapTextKeepsEveryCharacter(t *testing.T) {
	fontMeasure, err := pdf.FontMeasure(11)
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string{
		"",
		"短",
		"，开头就是标点。",
		"（括号）（括号）（括号）（括号）（括号）",
		"。。。。。。。。。。。。。。。。",
		"引号“示例”、书名号《政府购买服务管理办法》（财政部令第102号）。",
		"Latin words such as SLQ-2024-001 and 1,234,567.89 stay whole when they fit.",
		"一个非常非常长的没有任何标点的句子用来检验在字符之间断行是否正确并且不会丢失任何一个字符",
		"AVeryLongLatinWordThatCannotPossiblyFitOnAnyLineOfTheGivenWidthAtAll",
		"两个  空格  之间",
	}, reporttest.Sample().Narrative...)
	measures := map[string]func(rune) float64{"simple": simpleMeasure, "font": fontMeasure}
	for name, measure := range measures {
		for _, width := range []float64{3, 7.5, 12, 40} {
			if name == "font" {
				width *= 3.9 // mm: about as many characters as the simple measure
			}
			for _, text := range texts {
				checkWrap(t, text, width, measure)
			}
		}
	}
}

func checkWrap(t *testing.T, text string, width float64, measure func(rune) float64) {
	t.Helper()
	lines := pdf.WrapText(text, width, measure)
	if got := strings.Join(lines, ""); got != text {
		t.Fatalf("width %v: lines join to %q, want %q", width, got, text)
	}
	for i, line := range lines {
		first, _ := utf8.DecodeRuneInString(line)
		last, _ := utf8.DecodeLastRuneInString(line)
		allPunct := strings.IndexFunc(text, func(r rune) bool { return !pdf.IsClosingPunct(r) }) < 0
		if i > 0 && pdf.IsClosingPunct(first) && !allPunct {
			t.Errorf("width %v: line %d starts with closing punctuation: %q (of %q)", width, i, line, text)
		}
		if i < len(lines)-1 && pdf.IsOpeningPunct(last) {
			t.Errorf("width %v: line %d ends with opening punctuation: %q", width, i, line)
		}
		trimmed := strings.TrimRight(line, " ")
		var w float64
		for _, r := range trimmed {
			w += measure(r)
		}
		if w > width+1e-9 && utf8.RuneCountInString(trimmed) > 1 {
			t.Errorf("width %v: line %d is %v wide: %q", width, i, w, line)
		}
	}
}

func TestWrapTextBreaksWhereChineseTextMay(t *testing.T) {
	cases := []struct {
		text  string
		width float64
		want  []string
	}{
		// the full stop moves down with the character before it
		{"一二三四。", 4, []string{"一二三", "四。"}},
		// and so does a run of closing punctuation
		{"一二三“四”。", 4, []string{"一二三", "“四”。"}},
		// an opening bracket moves down with what it opens
		{"一二三（四）", 4, []string{"一二三", "（四）"}},
		// a number stays whole when it fits on a line
		{"合计1,234.57万元", 5.5, []string{"合计", "1,234.57万", "元"}},
		// spaces hang at the end of a line
		{"ab cd", 1, []string{"ab ", "cd"}},
	}
	for _, c := range cases {
		got := pdf.WrapText(c.text, c.width, simpleMeasure)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("WrapText(%q, %v) = %q, want %q", c.text, c.width, got, c.want)
		}
	}
}
