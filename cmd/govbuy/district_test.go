package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A database filled from the command line is given its district there too,
// and its report is titled with it; before that, the PDF is refused with
// the field named and the command to run.
func TestDistrictFromTheCommandLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "山南.db")
	pdf := filepath.Join(t.TempDir(), "报告.pdf")
	code, _, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2025", "--pdf", pdf)
	if code != exitInput || !strings.Contains(stderr, "区县名称") || !strings.Contains(stderr, "govbuy district --name") {
		t.Errorf("report without a district: exit %d, %q", code, stderr)
	}
	for _, tt := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"district"}, exitOK, "尚未设置区县名称", ""},
		{[]string{"district", "--name", "山南区", "--first-year", "1999"}, exitInput, "", "首个预算年度：应为2000至2100之间的年份"},
		{[]string{"district", "--name", "山南区", "--first-year", "2025"}, exitOK, "区县名称：山南区\n财政局：山南区财政局\n首个预算年度：2025年\n", ""},
		{[]string{"district", "--name", "山南区", "--bureau", "山南区财政局（国资办）", "--first-year", "2025"}, exitOK, "财政局：山南区财政局（国资办）", ""},
		{[]string{"report", "--year", "2025", "--pdf", pdf}, exitOK, "", ""},
		{[]string{"district"}, exitOK, "OCDS前缀：ocds-govbuy-local（本地前缀，未登记）\n", ""},
		{[]string{"district", "--ocid-prefix", "ocds/1"}, exitInput, "", "OCDS前缀（ocid）：只能含英文字母、数字和“-”，“/”不行"},
		{[]string{"district", "--ocid-prefix", "ocds-abc123"}, exitOK, "区县名称：山南区\n财政局：山南区财政局（国资办）\n首个预算年度：2025年\nOCDS前缀：ocds-abc123\n", ""},
		{[]string{"district", "--ocid-prefix", ""}, exitOK, "OCDS前缀：ocds-govbuy-local（本地前缀，未登记）\n", ""},
	} {
		code, stdout, stderr := govbuyCmd(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, code, stdout, stderr)
		}
	}
}
