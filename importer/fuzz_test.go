package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("序号,项目名称,合同金额\n1,\"养老,服务\",\"1,234.56\"\n"))
	f.Add([]byte("\ufeffa\tb\tc\r\n1\t2\t3\r\n\r\n4\t5"))
	f.Add([]byte("a;\"b\nc\";d\n\n\n1;2;3"))
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().String("项目名称,金额\n养老,12.5万\n")
	f.Add([]byte(gbk))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadCSV(context.Background(), data)
		if err != nil {
			return
		}
		for _, row := range s.Rows {
			for _, c := range row {
				if c.Type != CellText && c.Type != CellEmpty {
					t.Fatalf("CSV cell of type %d", c.Type)
				}
			}
		}
		DetectHeader(s, Options{})
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-01-01", "2023/1/1", "2023.1.1", "2023年1月1日", "20230101", "44927",
		"2023-02-29", "２０２３年１月１日", "2023-01-01T08:00:00Z", "2023.1.1-2023.12.31", "2023年1月1日至12月31日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDate(s); err == nil {
			if d.Year() < 1900 || d.Year() > 2173 || d.Hour() != 0 || d.Location() != time.UTC {
				t.Fatalf("ParseDate(%q) = %v", s, d)
			}
		} else if err.Error() == "" {
			t.Fatal("empty message")
		}
		if start, end, err := ParseTerm(s); err == nil && (start.IsZero() || end.IsZero()) {
			t.Fatalf("ParseTerm(%q) = %v, %v", s, start, end)
		}
	})
}

// FuzzDetectHeader builds a sheet from lines of tab-separated cells (a
// leading '#' makes a cell a number) and detects and plans it.
func FuzzDetectHeader(f *testing.F) {
	f.Add("某区2023年台账\n序号\t购买主体\t项目名称\t合同期限\t合同期限\t合同金额（万元）\n\t\t\t开始\t结束\n#1\t民政局\t养老\t2023.1.1\t2023.12.31\t#12.5\n合计")
	f.Add("承接主体\t类型\t统一社会信用代码\n某公司\t企业\t91110000600037341L")
	f.Add("\n\n\n项目名称\t项目名称\t合同金额\n")
	f.Fuzz(func(t *testing.T, text string) {
		s := &Sheet{Name: "S"}
		for _, line := range strings.Split(text, "\n") {
			var row []Cell
			for _, cell := range strings.Split(line, "\t") {
				if rest, ok := strings.CutPrefix(cell, "#"); ok {
					row = append(row, Cell{Text: rest, Type: CellNumber})
				} else {
					row = append(row, textCell(cell))
				}
			}
			s.Rows = append(s.Rows, row)
		}
		s.Merges = []Range{{0, 0, 0, 3}, {1, 3, 1, 4}}
		if err := applyMerges(s, &budget{ctx: context.Background()}); err != nil {
			t.Fatal(err)
		}
		for _, as := range Kinds {
			h := DetectHeader(s, Options{As: as})
			if h != nil && (h.Row < 1 || h.DataRow <= h.Row || h.Lines < 1 || h.Lines > 2) {
				t.Fatalf("header %+v", h)
			}
			wb := &Workbook{Name: "f.xlsx", Checksum: "0123456789abcdef", Sheets: []*Sheet{s}}
			if _, err := PlanWorkbook(context.Background(), wb, Options{As: as}, nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzReadXLS feeds bytes to the compound-file and BIFF readers, seeded
// with the test ledger; they must return, never panic.
func FuzzReadXLS(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "ledger.xls")); err == nil {
		f.Add(data)
	}
	f.Add(append(append([]byte{}, cfbMagic...), make([]byte, 1024)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = parseBIFF(ctx, data, "x.xls")
		if cf, err := openCFB(data); err == nil {
			if e, ok := cf.find("Workbook", "Book"); ok {
				if stream, err := cf.stream(e); err == nil {
					_, _ = parseBIFF(ctx, stream, "x.xls")
				}
			}
		}
	})
}
