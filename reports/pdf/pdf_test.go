package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"govbuy"
	"govbuy/reports/internal/reporttest"
	"govbuy/reports/pdf"
)

// pdfFile writes the report's PDF to a temporary file for poppler's tools.
func pdfFile(t *testing.T, r *govbuy.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian: poppler-utils)", tool)
		}
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pdfText extracts the text with pdftotext in a mode ("-layout", "-raw",
// or "" for the default reading order).
func pdfText(t *testing.T, path, mode string) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if mode != "" {
		args = append(args, mode)
	}
	return run(t, "pdftotext", append(args, path, "-")...)
}

// squeeze removes all white space, so that text wrapped over several lines
// still reads as one string while a dropped character does not.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func pageCount(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(run(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestPDFHoldsEveryName(t *testing.T) {
	needPoppler(t)
	r := reporttest.Sample()
	path := pdfFile(t, r)
	// -raw keeps the order the text was drawn in: all lines of a table cell
	// one after the other, so a name wrapped in its cell reads whole.
	raw := squeeze(pdfText(t, path, "-raw"))
	var names []string
	for _, c := range r.Contracts {
		names = append(names, c.Unit, c.Contractor, c.Title, c.Number)
	}
	for _, g := range r.ByCategory {
		names = append(names, g.Name)
	}
	for _, name := range names {
		if !strings.Contains(raw, squeeze(name)) {
			t.Errorf("%q is not in the PDF whole", name)
		}
	}
}

func TestPDFNarrativeAndTotals(t *testing.T) {
	needPoppler(t)
	r := reporttest.Sample()
	path := pdfFile(t, r)
	for _, mode := range []string{"-layout", ""} {
		text := squeeze(pdfText(t, path, mode))
		if !strings.Contains(text, "示例区2024年度政府购买服务情况汇总表") {
			t.Errorf("%s: no title", mode)
		}
		for i, p := range r.Narrative {
			if !inOrder(text, squeeze(p)) {
				t.Errorf("%s: characters of paragraph %d missing or out of order", mode, i+1)
			}
			if !strings.Contains(text, squeeze(p)) {
				t.Errorf("%s: paragraph %d not whole", mode, i+1)
			}
		}
		for _, want := range []string{
			"11,047,499.31", "1,104.75", "11,210,000.00", "1,121.00",
			r.Totals.Paid.Words(), "人民币壹仟壹佰零肆万柒仟肆佰玖拾玖元叁角壹分",
			"单位负责人", "分管领导", "审核人", "制表人", "日期", "盖章",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q missing", mode, want)
			}
		}
	}
}

// inOrder reports whether every character of want appears in text in
// order (a dropped character fails it).
func inOrder(text, want string) bool {
	for _, r := range want {
		i := strings.IndexRune(text, r)
		if i < 0 {
			return false
		}
		text = text[i+len(string(r)):]
	}
	return true
}

func TestPDFPageNumbers(t *testing.T) {
	needPoppler(t)
	path := pdfFile(t, reporttest.Generated(300, 20))
	n := pageCount(t, path)
	if n < 5 {
		t.Fatalf("%d pages: the ledger should take several", n)
	}
	pages := strings.Split(pdfText(t, path, "-raw"), "\f")
	for i := 1; i <= n; i++ {
		want := fmt.Sprintf("第%d页共%d页", i, n)
		if !strings.Contains(squeeze(pages[i-1]), want) {
			t.Errorf("page %d lacks %q", i, want)
		}
	}
	// the ledger's header is repeated on each of its pages
	ledgerPages := 0
	for i, page := range pages[:n] {
		if strings.Contains(page, "GEN-2024-") {
			ledgerPages++
			if !strings.Contains(squeeze(page), "合同编号年度购买主体承接主体项目名称") {
				t.Errorf("ledger page %d has no header", i+1)
			}
		}
	}
	if ledgerPages < 3 {
		t.Errorf("ledger on %d pages", ledgerPages)
	}
	// the summary is portrait A4 and the ledger landscape A4
	info := squeeze(run(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(n), path))
	if !strings.Contains(info, "Page1size:595.28x841.89pts(A4)") ||
		!strings.Contains(info, fmt.Sprintf("Page%dsize:841.89x595.28pts(A4)", n)) {
		t.Errorf("page sizes:\n%s", info)
	}
}

func TestPDFEmbedsTheFont(t *testing.T) {
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Skip("pdffonts not installed")
	}
	out := run(t, "pdffonts", pdfFile(t, reporttest.Sample()))
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(lines) != 2 {
		t.Fatalf("fonts:\n%s", out)
	}
	for _, line := range lines {
		if f := strings.Fields(line); len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
}

func TestPDFEmptyYear(t *testing.T) {
	needPoppler(t)
	path := pdfFile(t, &govbuy.Report{Year: 2024, District: "示例区"})
	n := pageCount(t, path)
	text := squeeze(pdfText(t, path, ""))
	if !strings.Contains(text, fmt.Sprintf("第%d页共%d页", n, n)) || !strings.Contains(text, "人民币零元整") {
		t.Errorf("text: %s", text)
	}
}

func TestPDFReportsWriteErrors(t *testing.T) {
	err := pdf.WriteReport(reporttest.FailingWriter{}, reporttest.Sample())
	if !errors.Is(err, reporttest.ErrDiskFull) || !strings.HasPrefix(err.Error(), "pdf: report: ") {
		t.Errorf("got %v", err)
	}
	if err := pdf.WriteReport(io.Discard, nil); err == nil {
		t.Error("no error for a nil report")
	}
}

// TestPDFOddText: characters beyond the BMP, control characters and
// PDF string delimiters must neither break the document nor vanish.
func TestPDFOddText(t *testing.T) {
	needPoppler(t)
	r := reporttest.Sample()
	r.Contracts[0].Title = "括号(a)与反斜杠\\和\r回车\t制表𠮷字"
	text := squeeze(pdfText(t, pdfFile(t, r), "-raw"))
	if !strings.Contains(text, "括号(a)与反斜杠\\和回车制表□字") {
		t.Errorf("odd title not found in %s", text)
	}
}

// TestPDFCellTallerThanAPage: a cell holding more text than a page can
// take continues on the next page instead of running off this one.
func TestPDFCellTallerThanAPage(t *testing.T) {
	needPoppler(t)
	r := reporttest.Sample()
	long := strings.Repeat("政府购买服务项目说明，包括服务内容、标准和考核办法。", 200)
	r.Contracts[3].Title = long
	path := pdfFile(t, r)
	// The header repeated on each new page comes between the parts, and a
	// page break may fall inside one sentence.
	text := squeeze(pdfText(t, path, "-raw"))
	if !inOrder(text, long) || strings.Count(text, "考核办法") < 199 {
		t.Error("the long title is not whole")
	}
	if n := pageCount(t, path); n < 6 {
		t.Errorf("%d pages: the long title should take several", n)
	}
}

// TestPDFStructure has qpdf check the rewritten file: cross-reference
// table, stream lengths and compression.
func TestPDFStructure(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	for _, r := range []*govbuy.Report{reporttest.Sample(), reporttest.Generated(300, 20), {Year: 2024}} {
		path := pdfFile(t, r)
		if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf: %v\n%s", err, out)
		}
	}
}
