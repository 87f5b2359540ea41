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
