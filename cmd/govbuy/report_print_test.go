package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"govbuy"
)

// demoReportPDF writes the demo's 2024 report as PDF and JSON and returns
// the PDF's path and the model.
func demoReportPDF(t *testing.T) (string, *govbuy.Report) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	pdf, js := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.json")
	if code, _, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2024", "--pdf", pdf, "--json", js); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var r govbuy.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return pdf, &r
}

// pdfPages extracts a PDF's text page by page with poppler's pdftotext in
// a mode ("-layout": as the lines are printed, "-raw": in drawing order).
func pdfPages(t *testing.T, path, mode string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", mode, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(string(out), "\f")
}

// squeeze removes white space, so a name wrapped in a table cell reads whole.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// The pieces of the narrative a printed line must not split: a number and
// its unit, and a short bracketed group.
var (
	numberWithUnit = regexp.MustCompile(`\d[\d,.]*(万元|元|分|份|个|种|次|条|项|%)`)
	shortBracket   = regexp.MustCompile(`（[^（）]{1,8}）`)
)

// TestDemoReportPDFKeepsFiguresWhole reads the printed narrative of the
// demo's report line by line: every number stays on the line of its unit
// ("扣706.5分"), every short bracket on one line ("（公益二类）"), and no
// paragraph ends on a line of one or two characters.
func TestDemoReportPDFKeepsFiguresWhole(t *testing.T) {
	path, r := demoReportPDF(t)
	pages := pdfPages(t, path, "-layout")
	body, _, found := strings.Cut(pages[0]+pages[1], "一、总体情况")
	if !found {
		t.Fatal("no 一、总体情况 on the first two pages")
	}
	var lines []string
	for _, line := range strings.Split(body, "\n") {
		if s := squeeze(line); s != "" {
			lines = append(lines, s)
		}
	}
	narrative := strings.Join(r.Narrative, "")
	var pieces []string
	for _, re := range []*regexp.Regexp{numberWithUnit, shortBracket} {
		pieces = append(pieces, re.FindAllString(narrative, -1)...)
	}
	for _, want := range []string{"706.5分", "4057.91万元", "（公益二类）", "（附后）"} {
		if !strings.Contains(strings.Join(pieces, "|"), want) {
			t.Fatalf("the demo's narrative has no %s: the checks below need other figures", want)
		}
	}
	for _, piece := range pieces {
		if !onOneLine(lines, piece) {
			t.Errorf("%q is split across lines", piece)
		}
	}
	for _, line := range lines {
		if n := utf8.RuneCountInString(line); n < 3 {
			t.Errorf("a line of %d characters: %q", n, line)
		}
	}
}

func onOneLine(lines []string, piece string) bool {
	for _, line := range lines {
		if strings.Contains(line, piece) {
			return true
		}
	}
	return false
}

// TestDemoReportPDFListsEveryHint: the narrative says the hints are
// 逐项列入合规提示清单（附后）, and the PDF appends that list, one row for
// each warning of the model in its order: number, contract, rule, message.
func TestDemoReportPDFListsEveryHint(t *testing.T) {
	path, r := demoReportPDF(t)
	if len(r.Warnings) == 0 || !strings.Contains(strings.Join(r.Narrative, ""), "已逐项列入合规提示清单（附后）") {
		t.Fatalf("the demo's narrative does not refer to its %d hints", len(r.Warnings))
	}
	var list string
	for _, page := range pdfPages(t, path, "-raw") {
		text := squeeze(page)
		if strings.Contains(text, "合规提示清单") || list != "" && !strings.Contains(text, "合同台账") {
			list += text
		}
	}
	_, list, found := strings.Cut(list, "附表1：云溪区2024年度政府购买服务合规提示清单序号合同编号购买主体依据提示内容")
	if !found {
		t.Fatal("no appendix 附表1 headed 序号 合同编号 购买主体 依据 提示内容")
	}
	for i, w := range r.Warnings {
		row := strconv.Itoa(i+1) + w.Contract
		at := strings.Index(list, row)
		if at < 0 {
			t.Fatalf("hint %d (%s) not listed", i+1, w.Contract)
		}
		list = list[at+len(row):]
		for _, part := range []string{w.Rule, w.Message} {
			if at := strings.Index(list, squeeze(part)); at < 0 || at > 200 {
				t.Errorf("hint %d (%s): %q not in its row", i+1, w.Contract, part)
			}
		}
	}
}
