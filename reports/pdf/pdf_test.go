package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"govbuy"
	"govbuy/reports/internal/pdfcheck"
	"govbuy/reports/internal/reporttest"
	"govbuy/reports/pdf"
)

func TestPDFHoldsEveryName(t *testing.T) {
	r := reporttest.Sample()
	var names []string
	for _, c := range r.Contracts {
		names = append(names, c.Unit, c.Contractor, c.Title, c.Number)
	}
	for _, g := range r.ByCategory {
		names = append(names, g.Name)
	}
	for reader, pages := range reportPDF(t, r).readings(t) {
		raw := squeeze(strings.Join(pages, ""))
		for _, name := range names {
			if !strings.Contains(raw, squeeze(name)) {
				t.Errorf("%s: %q is not in the PDF whole", reader, name)
			}
		}
	}
}

func TestPDFNarrativeAndTotals(t *testing.T) {
	r := reporttest.Sample()
	d := reportPDF(t, r)
	texts := map[string]string{}
	for reader, pages := range d.readings(t) {
		texts[reader] = squeeze(strings.Join(pages, ""))
	}
	if hasPoppler() { // poppler's reading orders by position on the page
		for _, mode := range []string{"-layout", ""} {
			texts["pdftotext "+mode] = squeeze(pdfText(t, d.path, mode))
		}
	}
	for reader, text := range texts {
		if !strings.Contains(text, "示例区2024年度政府购买服务情况汇总表") {
			t.Errorf("%s: no title", reader)
		}
		for i, p := range r.Narrative {
			if !inOrder(text, squeeze(p)) {
				t.Errorf("%s: characters of paragraph %d missing or out of order", reader, i+1)
			}
			if !strings.Contains(text, squeeze(p)) {
				t.Errorf("%s: paragraph %d not whole", reader, i+1)
			}
		}
		for _, want := range []string{
			"11,047,499.31", "1,104.75", "11,210,000.00", "1,121.00",
			r.Totals.Paid.Words(), "人民币壹仟壹佰零肆万柒仟肆佰玖拾玖元叁角壹分",
			"单位负责人", "分管领导", "审核人", "制表人", "日期", "盖章",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: %q missing", reader, want)
			}
		}
	}
}

func TestPDFPageNumbers(t *testing.T) {
	d := reportPDF(t, reporttest.Generated(300, 20))
	n := len(d.Pages)
	if n < 5 {
		t.Fatalf("%d pages: the ledger should take several", n)
	}
	for reader, pages := range d.readings(t) {
		ledgerPages := 0
		for i, page := range pages {
			if want := fmt.Sprintf("第%d页共%d页", i+1, n); !strings.Contains(squeeze(page), want) {
				t.Errorf("%s: page %d lacks %q", reader, i+1, want)
			}
			// the ledger's header is repeated on each of its pages
			if strings.Contains(page, "GEN-2024-") {
				ledgerPages++
				if !strings.Contains(squeeze(page), "合同编号年度购买主体承接主体项目名称") {
					t.Errorf("%s: ledger page %d has no header", reader, i+1)
				}
			}
		}
		if ledgerPages < 3 {
			t.Errorf("%s: ledger on %d pages", reader, ledgerPages)
		}
	}
	// the summary is portrait A4 and the ledger landscape A4
	if first, last := d.Pages[0], d.Pages[n-1]; first.Width != a4Short || first.Height != a4Long ||
		last.Width != a4Long || last.Height != a4Short {
		t.Errorf("page 1 of %v × %v pt, page %d of %v × %v pt", first.Width, first.Height, n, last.Width, last.Height)
	}
	if !hasPoppler() {
		return
	}
	// a second opinion
	info := squeeze(run(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(n), d.path))
	if !strings.Contains(info, "Page1size:595.28x841.89pts(A4)") ||
		!strings.Contains(info, fmt.Sprintf("Page%dsize:841.89x595.28pts(A4)", n)) {
		t.Errorf("page sizes:\n%s", info)
	}
	if got := pageCount(t, d.path); got != n {
		t.Errorf("pdfinfo counts %d pages, pdfcheck %d", got, n)
	}
}

// A4 in pt, as the PDF's media boxes give it.
const a4Short, a4Long = 595.28, 841.89

func pageCount(t *testing.T, path string) int {
	t.Helper()
	for _, line := range strings.Split(run(t, "pdfinfo", path), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("pdfinfo gives no page count")
	return 0
}

func TestPDFEmbedsTheFont(t *testing.T) {
	d := reportPDF(t, reporttest.Sample())
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Skip("pdffonts not installed; structure checked only")
	}
	out := run(t, "pdffonts", d.path)
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
	d := reportPDF(t, &govbuy.Report{Year: 2024, District: "示例区"})
	n := len(d.Pages)
	for reader, pages := range d.readings(t) {
		text := squeeze(strings.Join(pages, ""))
		if !strings.Contains(text, fmt.Sprintf("第%d页共%d页", n, n)) || !strings.Contains(text, "人民币零元整") {
			t.Errorf("%s: text: %s", reader, text)
		}
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
	r := reporttest.Sample()
	r.Contracts[0].Title = "括号(a)与反斜杠\\和\r回车\t制表𠮷字"
	for reader, pages := range reportPDF(t, r).readings(t) {
		if text := squeeze(strings.Join(pages, "")); !strings.Contains(text, "括号(a)与反斜杠\\和回车制表□字") {
			t.Errorf("%s: odd title not found in %s", reader, text)
		}
	}
}

// TestPDFCellTallerThanAPage: a cell holding more text than a page can
// take continues on the next page instead of running off this one.
func TestPDFCellTallerThanAPage(t *testing.T) {
	r := reporttest.Sample()
	long := strings.Repeat("政府购买服务项目说明，包括服务内容、标准和考核办法。", 200)
	r.Contracts[3].Title = long
	d := reportPDF(t, r)
	if n := len(d.Pages); n < 6 {
		t.Errorf("%d pages: the long title should take several", n)
	}
	// The header repeated on each new page comes between the parts, and a
	// page break may fall inside one sentence.
	for reader, pages := range d.readings(t) {
		text := squeeze(strings.Join(pages, ""))
		if !inOrder(text, long) || strings.Count(text, "考核办法") < 199 {
			t.Errorf("%s: the long title is not whole", reader)
		}
	}
}

// TestPDFStructure has qpdf check the file too, where it is installed:
// a second opinion on what pdfcheck checks for every PDF written.
func TestPDFStructure(t *testing.T) {
	for _, r := range []*govbuy.Report{reporttest.Sample(), reporttest.Generated(300, 20), {Year: 2024}} {
		d := reportPDF(t, r)
		qpdf, err := exec.LookPath("qpdf")
		if err != nil {
			t.Skip("qpdf not installed; checked by pdfcheck only")
		}
		if out, err := exec.Command(qpdf, "--check", d.path).CombinedOutput(); err != nil {
			t.Errorf("qpdf: %v\n%s", err, out)
		}
	}
}

// TestStructureCheckCatchesDamage damages a real report in the places a
// writer that patches its library's output could get wrong; pdfcheck,
// which every test here relies on, must notice each.
func TestStructureCheckCatchesDamage(t *testing.T) {
	var b bytes.Buffer
	if err := pdf.WriteReport(&b, reporttest.Sample()); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	xref := bytes.LastIndex(good, []byte("\nxref\n")) + 1
	firstEntry := bytes.Index(good[xref:], []byte(" 65535 f \n")) + xref + len(" 65535 f \n")
	deflated := bytes.Index(good, []byte("/FlateDecode /Length "))
	data := bytes.Index(good[deflated:], []byte("stream\n")) + deflated + len("stream\n")
	tests := []struct {
		name string
		at   int
		want string
	}{
		{"an object's offset", firstEntry + 9, "xref offset"},
		{"a deflated stream", data + 10, "does not inflate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			damaged := bytes.Clone(good)
			damaged[tt.at]++ // a byte of data changed
			if c := good[tt.at]; c >= '0' && c <= '9' {
				damaged[tt.at] = '0' + (c-'0'+1)%10 // an offset's last digit
			}
			if _, err := pdfcheck.Check(damaged); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// footers matches the page numbers (squeezed) that a list running over a
// page break holds between its rows.
var footers = regexp.MustCompile(`第\d+页共\d+页`)

// TestPDFListsTheHints: the hints the narrative refers to follow the
// signature as 附表1, one row per warning with its contract's unit, before
// the ledger (附表2); a year without hints has neither the list nor numbers.
func TestPDFListsTheHints(t *testing.T) {
	r := reporttest.Sample()
	for reader, pages := range reportPDF(t, r).readings(t) {
		text := squeeze(strings.Join(pages, ""))
		_, list, found := strings.Cut(text, "附表1：示例区2024年度政府购买服务合规提示清单序号合同编号购买主体依据提示内容")
		if !found {
			t.Fatalf("%s: no hint list", reader)
		}
		list, _, found = strings.Cut(list, "附表2：示例区2024年度政府购买服务合同台账")
		if !found {
			t.Fatalf("%s: the ledger does not follow the hint list as 附表2", reader)
		}
		units := map[string]string{}
		for _, c := range r.Contracts {
			units[c.Number] = c.Unit
		}
		var want string
		for i, w := range r.Warnings {
			want += strconv.Itoa(i+1) + w.Contract + units[w.Contract] + w.Rule + w.Message
		}
		if list = footers.ReplaceAllString(list, ""); list != squeeze(want) {
			t.Errorf("%s: hint list\n%s\nwant\n%s", reader, list, squeeze(want))
		}
	}
	r.Warnings = nil
	for reader, pages := range reportPDF(t, r).readings(t) {
		text := squeeze(strings.Join(pages, ""))
		if strings.Contains(text, "合规提示清单") || !strings.Contains(text, "附表：示例区2024年度政府购买服务合同台账") {
			t.Errorf("%s: a year without hints lists them or numbers the ledger", reader)
		}
	}
}
