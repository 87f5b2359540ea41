package importer

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"govbuy"
	"govbuy/internal/hostile"
)

// heapBound is the bound read.go states for a file that holds l bytes.
func heapBound(l int64) uint64 { return uint64(4*l) + 200<<20 }

// holds is the L of the bound: for an xlsx the uncompressed size of all its
// entries (the parts read and a few more), else the file's size.
func holds(t *testing.T, path string) int64 {
	t.Helper()
	if zr, err := zip.OpenReader(path); err == nil {
		defer zr.Close()
		var n int64
		for _, f := range zr.File {
			n += int64(f.UncompressedSize64)
		}
		return n
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// readMeasured reads path with its peak heap measured against the bound;
// a read past the bound stops the test binary (see hostile.PeakHeap).
func readMeasured(t *testing.T, path string) (*Workbook, error, uint64) {
	t.Helper()
	l := holds(t, path)
	var wb *Workbook
	var err error
	peak := hostile.PeakHeap(heapBound(l), func() { wb, err = ReadFile(context.Background(), path) })
	t.Logf("%s: holds %.1f MB, peak heap %.1f MB (bound %.0f MB)", filepath.Base(path), float64(l)/(1<<20), float64(peak)/(1<<20), float64(heapBound(l))/(1<<20))
	if peak > heapBound(l) {
		t.Errorf("%s: peak heap %d MB over the bound %d MB", filepath.Base(path), peak>>20, heapBound(l)>>20)
	}
	return wb, err, peak
}

// oneSheet wants the file read as the one sheet it holds, rows rows long.
func oneSheet(rows int) func(*testing.T, *Workbook) {
	return func(t *testing.T, wb *Workbook) {
		if len(wb.Sheets) != 1 || wb.Sheets[0].Name != hostile.Sheet || len(wb.Sheets[0].Rows) != rows {
			t.Errorf("sheets %v, rows %d; want one sheet %q of %d rows", wb.SheetNames(), len(wb.Sheets[0].Rows), hostile.Sheet, rows)
		}
	}
}

// TestHostileFilesStayBounded reads the files of issue 18 that took
// gigabytes from a few kilobytes, or buffered one huge token or line: each
// is read once or refused with its message, within the stated heap bound.
func TestHostileFilesStayBounded(t *testing.T) {
	limit := "超过导入上限（最多1048576行、400万个单元格，空行、空单元格和合并单元格都计算在内），"
	cases := []struct {
		name  string
		write func(path string) error
		want  string // the refusal; "" when the file is read
		check func(*testing.T, *Workbook)
	}{
		{"重复工作表.xlsx", func(p string) error { return hostile.RepeatedSheetXLSX(p, 100, 200_000) }, "", oneSheet(200_000)},
		{"合并单元格.xlsx", func(p string) error { return hostile.MergedSheetXLSX(p, 200, 45_000) },
			"“合并单元格.xlsx”" + limit + "读到工作表“台账”第44行时超出，请删除多余的空行空列或拆分后再导入", nil},
		{"填充列.xlsx", func(p string) error { return hostile.PaddedRowsXLSX(p, 300) },
			"“填充列.xlsx”" + limit + "读到工作表“台账”第245行时超出，请删除多余的空行空列或拆分后再导入", nil},
		{"重复工作表.xls", func(p string) error { return hostile.BoundSheetsXLS(p, 5000, 60_000) }, "", oneSheet(60_000)},
		{"超长单元格.xlsx", func(p string) error { return hostile.BigCellXLSX(p, 3<<20, false) },
			"“超长单元格.xlsx”工作表“台账”单元格A2的内容超过32767个字符（Excel单元格的上限），拒绝导入", nil},
		{"超长共享字符串.xlsx", func(p string) error { return hostile.BigCellXLSX(p, 3<<20, true) },
			"“超长共享字符串.xlsx”共享字符串表第1项的内容超过32767个字符（Excel单元格的上限），拒绝导入", nil},
		{"超长注释.xlsx", func(p string) error { return hostile.CommentXLSX(p, 8<<20) },
			"“超长注释.xlsx”工作表“台账”中有一段XML内容超过1 MB（文件可能已损坏），拒绝导入", nil},
		{"多条目.xlsx", func(p string) error { return hostile.ManyEntriesXLSX(p, 200_000) },
			"“多条目.xlsx”的压缩目录超过4 MB（条目过多，不像是Excel工作簿），拒绝导入", nil},
		{"一行.csv", func(p string) error { return hostile.OneLineCSV(p, 64<<20) },
			"“一行.csv”第1行超过1 MB（可能缺少换行或引号未配对），拒绝导入", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name)
			if err := c.write(path); err != nil {
				t.Fatal(err)
			}
			wb, err, _ := readMeasured(t, path)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want == "":
				c.check(t, wb)
			case err == nil || err.Error() != c.want:
				t.Errorf("err = %v\nwant %s", err, c.want)
			case govbuy.ErrorKindOf(err) != govbuy.EInvalid:
				t.Errorf("kind = %s, want invalid", govbuy.ErrorKindOf(err))
			}
		})
	}
}

// TestCellTextCap: a cell or shared string of exactly MaxCellChars
// characters is read whole; one character more is refused.
func TestCellTextCap(t *testing.T) {
	for _, shared := range []bool{false, true} {
		for _, chars := range []int{MaxCellChars, MaxCellChars + 1} {
			path := filepath.Join(t.TempDir(), "台账.xlsx")
			if err := hostile.BigCellXLSX(path, chars, shared); err != nil {
				t.Fatal(err)
			}
			wb, err := ReadFile(context.Background(), path)
			if chars > MaxCellChars {
				if err == nil || !strings.Contains(err.Error(), "的内容超过32767个字符") {
					t.Errorf("shared %v, %d characters: err = %v, want the cap", shared, chars, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("shared %v, %d characters: %v", shared, chars, err)
			}
			if got := utf8.RuneCountInString(wb.Sheets[0].Cell(1, 0).Text); got != chars {
				t.Errorf("shared %v: A2 has %d characters, want %d", shared, got, chars)
			}
		}
	}
	long := "项目名称,合同金额\n" + strings.Repeat("名", MaxCellChars+1) + ",1\n"
	_, err := ReadFile(context.Background(), writeFile(t, "长.csv", []byte(long)))
	if want := "“长.csv”第2行第1列的内容超过32767个字符（Excel单元格的上限），拒绝导入"; err == nil || err.Error() != want {
		t.Errorf("csv: err = %v, want %s", err, want)
	}
}

// TestCSVEncodingDecidedOncePerFile: a csv is read in one encoding; a row
// in another is a problem of that row, never garbled text.
func TestCSVEncodingDecidedOncePerFile(t *testing.T) {
	gbk := func(s string) string {
		out, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	header := "项目名称,购买主体,承接主体,购买方式,合同金额,年度\n"
	row := func(title string) string {
		return title + ",区民政局,某某养老服务有限公司,公开招标,1000,2024\n"
	}
	const (
		asUTF8    = "不是有效的GBK文本（像是UTF-8编码），该行未读取；请把整个文件另存为同一种编码后再导入"
		asGBK     = "不是有效的UTF-8文本（可能是GBK编码），该行未读取；请把整个文件另存为同一种编码后再导入"
		notGBK    = "不是有效的GBK文本，该行未读取；请检查文件的编码"
		badGBKRow = "坏行\xff\xfe,区民政局,某某养老服务有限公司,公开招标,1000,2024\n"
	)
	cases := []struct {
		name   string
		data   string
		titles []string
		faults map[int]string // row → message
	}{
		{"GBK with a UTF-8 row", gbk(header+row("社区养老")) + row("居家养老") + gbk(row("助餐服务")),
			[]string{"社区养老", "助餐服务"}, map[int]string{3: asUTF8}},
		{"UTF-8 with a GBK row", header + row("社区养老") + gbk(row("居家养老")) + row("助餐服务"),
			[]string{"社区养老", "助餐服务"}, map[int]string{3: asGBK}},
		{"BOM decides UTF-8", "\ufeff" + header + gbk(row("社区养老")+row("居家养老")) + row("助餐服务"),
			[]string{"助餐服务"}, map[int]string{2: asGBK, 3: asGBK}},
		{"bytes GBK does not have", gbk(header+row("社区养老")) + badGBKRow,
			[]string{"社区养老"}, map[int]string{3: notGBK}},
		{"one byte, three in UTF-8", gbk(strings.TrimSuffix(header, "\n") + ",备注\n" +
			strings.TrimSuffix(row("社区养老"), "\n") + ",欧元" + strings.Repeat("€", 1000) + "\n"),
			[]string{"社区养老"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, p := readAndPlan(t, writeFile(t, "台账.csv", []byte(c.data)), Options{}, nil)
			var titles []string
			for _, k := range p.Dataset.Contracts {
				titles = append(titles, k.Title)
			}
			if strings.Join(titles, "|") != strings.Join(c.titles, "|") {
				t.Errorf("contracts %q, want %q", titles, c.titles)
			}
			if len(p.Problems) != len(c.faults) {
				t.Fatalf("problems %+v, want rows %v", p.Problems, c.faults)
			}
			for _, pr := range p.Problems {
				if want, ok := c.faults[pr.Row]; !ok || pr.Message != want || pr.File != "台账.csv" || pr.Sheet != "台账" {
					t.Errorf("problem %+v; want row %d: %s", pr, pr.Row, want)
				}
			}
			for _, name := range p.NewUnits {
				if name != "区民政局" {
					t.Errorf("new unit %q: garbled", name)
				}
			}
		})
	}
}

// TestNotARegularFile: a folder, a device and (on unix) a FIFO named like
// a spreadsheet are refused at once, never opened and waited on.
func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "文件夹.xlsx")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(context.Background(), folder)
	if want := "“文件夹.xlsx”是文件夹，不是表格文件"; err == nil || err.Error() != want {
		t.Errorf("folder: err = %v, want %s", err, want)
	}
	for _, path := range specialFiles(t, dir) {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(context.Background(), path)
			done <- err
		}()
		want := "“" + filepath.Base(path) + "”不是普通文件（而是管道、设备等特殊文件），无法导入"
		select {
		case err := <-done:
			if err == nil || err.Error() != want {
				t.Errorf("%s: err = %v, want %s", path, err, want)
			}
		case <-time.After(5 * time.Second):
			unblock(path)
			t.Fatalf("%s: ReadFile still waiting after 5 s", path)
		}
	}
}

// TestTextLimitsAtTheirCells: a text over the domain's limit is a problem
// of its cell, named by the column as written.
func TestTextLimitsAtTheirCells(t *testing.T) {
	long := func(n int) string { return strings.Repeat("字", n) }
	ledger := "项目名称,购买主体,承接主体,合同金额,年度,说明\n" +
		long(201) + ",区民政局,某某养老服务有限公司,1000,2024,\n" +
		"社区养老,区民政局," + long(201) + "有限公司,1000,2024," + long(2001) + "\n"
	_, p := readAndPlan(t, writeFile(t, "台账.csv", []byte(ledger)), Options{}, nil)
	want := []Problem{
		{File: "台账.csv", Sheet: "台账", Row: 2, Column: "项目名称", Col: 1, Message: "不能超过200个字符（现有201个）"},
		{File: "台账.csv", Sheet: "台账", Row: 3, Column: "说明", Col: 6, Message: "不能超过2000个字符（现有2001个）"},
		{File: "台账.csv", Sheet: "台账", Row: 3, Column: "承接主体", Col: 3, Message: "不能超过200个字符（现有205个）"},
	}
	if len(p.Problems) != len(want) {
		t.Fatalf("problems %+v\nwant %+v", p.Problems, want)
	}
	for i := range want {
		if p.Problems[i] != want[i] {
			t.Errorf("problem %d = %+v, want %+v", i, p.Problems[i], want[i])
		}
	}
	list := "单位名称,单位性质,法定代表人\n某某物业有限公司,企业," + long(201) + "\n"
	_, p = readAndPlan(t, writeFile(t, "名录.csv", []byte(list)), Options{As: KindContractors}, nil)
	if len(p.Problems) != 1 || p.Problems[0].Column != "法定代表人" || p.Problems[0].Message != "不能超过200个字符（现有201个）" {
		t.Errorf("contractor list: problems %+v", p.Problems)
	}
}

// TestCSVRowsAreTheLinesExcelShows: a quoted field over two lines is one
// row, and a blank line is a row, so problems name the row Excel shows.
func TestCSVRowsAreTheLinesExcelShows(t *testing.T) {
	s, err := ReadCSV(context.Background(), []byte("项目名称,备注\n养老,\"第一行\n第二行\"\n\n助餐,x\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(s.Rows))
	for i, row := range s.Rows {
		for _, c := range row {
			got[i] += c.Text + "|"
		}
	}
	want := []string{"项目名称|备注|", "养老|第一行\n第二行|", "", "助餐|x|"}
	if strings.Join(got, "/") != strings.Join(want, "/") {
		t.Errorf("rows %q, want %q", got, want)
	}
}
