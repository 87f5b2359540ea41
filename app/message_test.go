package app

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// A message line wraps at any character, never starts a line with closing
// punctuation, and cuts what does not fit its lines with "…".
func TestWrapText(t *testing.T) {
	width := func(s string) float32 { return float32(utf8.RuneCountInString(s)) } // one unit a character
	tests := []struct {
		name  string
		text  string
		limit int
		lines []string
		cut   bool
	}{
		{"empty", "", 1, nil, false},
		{"fits", "不能为空", 1, []string{"不能为空"}, false},
		{"wraps", "校验位应为L实际为A", 0, []string{"校验位应为", "L实际为A"}, false},
		{"keeps punctuation with what it closes", "扣3分请填，写原因", 0, []string{"扣3分请", "填，写原因"}, false},
		{"line breaks", "第一行\n第二行", 0, []string{"第一行", "第二行"}, false},
		{"cut to its lines", "承接主体不符合该服务的要求：缺少资质", 2, []string{"承接主体不", "符合该服…"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, cut := wrapText(tt.text, 5, width, tt.limit)
			if !slices.Equal(lines, tt.lines) || cut != tt.cut {
				t.Errorf("wrapText(%q) = %q, cut %v; want %q, cut %v", tt.text, lines, cut, tt.lines, tt.cut)
			}
		})
	}
}
