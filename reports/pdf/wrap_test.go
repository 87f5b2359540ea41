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
		name  string
		text  string
		width float64
		want  []string
	}{
		{"a full stop moves down with the character before it",
			"一二三四五。", 5, []string{"一二三", "四五。"}},
		{"and so does a run of closing punctuation",
			"一二三四“五”。", 5, []string{"一二三四", "“五”。"}},
		{"an opening bracket moves down with what it opens",
			"一二三（四）", 4, []string{"一二三", "（四）"}},
		{"spaces hang at the end of a line",
			"abc defg", 2, []string{"abc ", "defg"}},
		// a number and its unit
		{"a unit never starts a line",
			"扣分合计709.5分。", 7, []string{"扣分合计", "709.5分。"}},
		{"nor does the second character of a unit",
			"合计1,234.57万元", 6, []string{"合计", "1,234.57万元"}},
		{"a number wider than a line still breaks",
			"12345678万元整", 4, []string{"12345678", "万元整"}},
		{"a measure word stays with its count",
			"对74份合同开展考核", 2.5, []string{"对", "74份", "合同", "开展", "考核"}},
		// brackets
		{"a short bracketed group is one piece",
			"事业单位（公益二类）1个", 8, []string{"事业单位", "（公益二类）1个"}},
		{"so is a short quotation",
			"采用“定向招聘”方式", 5, []string{"采用", "“定向招聘”", "方式"}},
		{"a long bracketed group breaks like running text",
			"（肆仟零贰拾玖万叁仟元整）", 6, []string{"（肆仟零贰拾", "玖万叁仟", "元整）"}},
		// the last line
		{"the last line takes characters from the line above",
			"一二三四五六七八九十整。", 5, []string{"一二三四五", "六七八九", "十整。"}},
		{"and whole pieces only",
			"一二709.5分整。", 5.5, []string{"一二", "709.5分整。"}},
		{"unless the line above has nothing to spare",
			"（公益二类）整。", 6, []string{"（公益二类）", "整。"}},
	}
	for _, c := range cases {
		got := pdf.WrapText(c.text, c.width, simpleMeasure)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: WrapText(%q, %v) = %q, want %q", c.name, c.text, c.width, got, c.want)
		}
	}
}
