package govbuy_test

import (
	"strings"
	"testing"

	"govbuy"
)

func TestOCIDPrefixes(t *testing.T) {
	tests := []struct {
		typed, kept, problem string
	}{
		{"ocds-abc123", "ocds-abc123", ""},
		{" ｏｃｄｓ－ａｂｃ１２３\u200b ", "ocds-abc123", ""},
		{govbuy.DefaultOCIDPrefix, "ocds-govbuy-local", ""},
		{"", "", "OCDS前缀（ocid）：不能为空（未登记时用 ocds-govbuy-local）"},
		{"1ocds", "1ocds", "OCDS前缀（ocid）：应以英文字母开头，如 ocds-abc123"},
		{"ocds_abc", "ocds_abc", "OCDS前缀（ocid）：只能含英文字母、数字和“-”，“_”不行"},
		{"ocds-云溪", "ocds-云溪", "OCDS前缀（ocid）：只能含英文字母、数字和“-”，“云”不行"},
		{"ocds-" + strings.Repeat("a", 36), "", "OCDS前缀（ocid）：不能超过40个字符"},
	}
	for _, tt := range tests {
		kept := govbuy.NormalizeOCIDPrefix(tt.typed)
		if tt.kept != "" && kept != tt.kept {
			t.Errorf("NormalizeOCIDPrefix(%q) = %q, want %q", tt.typed, kept, tt.kept)
		}
		err := govbuy.CheckOCIDPrefix(kept)
		if got := govbuy.ErrorMessage(err); (err == nil) != (tt.problem == "") || (err != nil && got != tt.problem) {
			t.Errorf("CheckOCIDPrefix(%q) = %q, want %q", kept, got, tt.problem)
		}
	}
}
