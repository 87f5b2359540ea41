package govbuy

import "testing"

// isBlank answers what CleanText(s) == "" would, for the characters
// CleanText drops or folds.
func TestIsBlankAgreesWithCleanText(t *testing.T) {
	for _, s := range []string{"", " ", "\t\r\n", "\u3000", "\u00a0\u0085", "\u200b\ufeff", "\x00\x07\x7f\u0090",
		"名", " 名 ", "\u200b名", "a", "\x00a"} {
		if got, want := isBlank(s), CleanText(s) == ""; got != want {
			t.Errorf("isBlank(%q) = %v, CleanText gives %q", s, got, CleanText(s))
		}
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"云溪区财政局", "云溪区财政局"},
		{"HT-2024-000001", "HT-2024-000001"},
		{"某 公司", "某 公司"},
		{" 某公司", "某公司"},
		{"某公司 ", "某公司"},
		{"某  公司", "某 公司"},
		{"某\n公司", "某 公司"},
		{"某\u3000公司", "某 公司"},
		{"某\u200b公司", "某公司"},
		{"\ufeff某公司", "某公司"},
		{"某\x07公司", "某公司"},
		{"某\xff公司", "某\ufffd公司"},
		{" ", ""},
	} {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzCleanText: the shortcut for text already clean never changes what
// CleanText returns.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "某 公司", " a", "a ", "a  b", "\u3000", "\xff", "\u200b", "名\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CleanText(s), cleanText(s); got != want {
			t.Errorf("CleanText(%q) = %q, building it gives %q", s, got, want)
		}
	})
}
