// Package hostile writes the hostile files of issue 18 for the importer's
// and the command line's tests — spreadsheets small on disk that say they
// hold far more than they do, or hold one thing far too big — and measures
// the heap a read of them takes.
package hostile

import (
	"archive/zip"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Sheet is the name every generated sheet is listed under first.
const Sheet = "台账"

// header is a ledger header the importer recognises.
const header = "项目名称,购买主体,承接主体,合同金额"

// RepeatedSheetXLSX writes a workbook that lists one worksheet part
// `listings` times, each time through its own relationship. The sheet
// holds a header cell and a number at row lastRow, so every read of it
// pads lastRow rows.
func RepeatedSheetXLSX(path string, listings, lastRow int) error {
	sheet := fmt.Sprintf(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>`+
		`<row r="%d"><c r="A%d"><v>1</v></c></row></sheetData>`, lastRow, lastRow)
	return writeXLSX(path, worksheet(sheet), listings, nil)
}

// MergedSheetXLSX writes a workbook that lists one worksheet `listings`
// times; the sheet is 100 rows by 16,384 columns (a text cell at A1, a
// number at XFD1 and at A100) and merges A1:XFD100 `merges` times.
func MergedSheetXLSX(path string, listings, merges int) error {
	var b strings.Builder
	b.WriteString(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>购买主体</t></is></c><c r="XFD1"><v>1</v></c></row>` +
		`<row r="100"><c r="A100"><v>1</v></c></row></sheetData>`)
	fmt.Fprintf(&b, `<mergeCells count="%d">`, merges)
	for range merges {
		b.WriteString(`<mergeCell ref="A1:XFD100"/>`)
	}
	b.WriteString(`</mergeCells>`)
	return writeXLSX(path, worksheet(b.String()), listings, nil)
}

// PaddedRowsXLSX writes a sheet of `rows` rows, each holding one number in
// its last column, XFD: 16,384 cells a row for a few bytes.
func PaddedRowsXLSX(path string, rows int) error {
	var b strings.Builder
	b.WriteString(`<sheetData>`)
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	b.WriteString(`</sheetData>`)
	return writeXLSX(path, worksheet(b.String()), 1, nil)
}

// BigCellXLSX writes a ledger whose 项目名称 in row 2 (cell A2) is `chars`
// characters long, as a shared string when shared, else inline.
func BigCellXLSX(path string, chars int, shared bool) error {
	title := strings.Repeat("养", chars)
	cells := `<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>合同金额</t></is></c></row>`
	var strs []string
	if shared {
		strs = []string{title}
		cells += `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>100</v></c></row>`
	} else {
		cells += `<row r="2"><c r="A2" t="inlineStr"><is><t>` + title + `</t></is></c><c r="B2"><v>100</v></c></row>`
	}
	return writeXLSX(path, worksheet("<sheetData>"+cells+"</sheetData>"), 1, strs)
}

// CommentXLSX writes a sheet whose XML opens with a comment of size bytes.
func CommentXLSX(path string, size int) error {
	sheet := "<!--" + strings.Repeat("x", size) + "-->" +
		`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row></sheetData>`
	return writeXLSX(path, worksheet(sheet), 1, nil)
}

// OneLineCSV writes a csv that is one line of about size bytes: a ledger
// header followed by one field after another, and no line break.
func OneLineCSV(path string, size int) error {
	field := ",社区养老服务"
	line := header + strings.Repeat(field, size/len(field))
	return os.WriteFile(path, []byte(line), 0o600)
}

// MixedEncodingCSV writes a contract ledger saved in GBK, except its third
// line, which is in UTF-8 as if pasted from another file.
func MixedEncodingCSV(path string) error {
	gbk := simplifiedchinese.GBK.NewEncoder()
	var out []byte
	for i, line := range MixedEncodingLines {
		if i == 2 {
			out = append(out, line+"\r\n"...)
			continue
		}
		enc, err := gbk.String(line + "\r\n")
		if err != nil {
			return fmt.Errorf("hostile: encode line %d: %w", i+1, err)
		}
		out = append(out, enc...)
	}
	return os.WriteFile(path, out, 0o600)
}

// MixedEncodingLines are the lines MixedEncodingCSV writes; the third is the
// one in UTF-8.
var MixedEncodingLines = []string{
	"序号,项目名称,购买主体,承接主体,购买方式,合同金额,年度",
	"1,社区养老服务项目,区民政局,某某养老服务有限公司,公开招标,120000,2024",
	"2,社区养老服务项目（二期）,区民政局,某某养老服务有限公司,公开招标,80000,2024",
	"3,城市管理协管员服务,区城管局,某某物业服务有限公司,公开招标,60000,2024",
}

func worksheet(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + body + `</worksheet>`
}

// writeXLSX writes a workbook listing the one worksheet part `listings`
// times, each through its own relationship, with the shared strings given.
// Entries are stored, not deflated, so a big part is not taken for a zip
// bomb: the file is as big as what it holds.
func writeXLSX(path, sheet string, listings int, shared []string) error {
	var sheets, rels strings.Builder
	for i := 1; i <= listings; i++ {
		name := Sheet
		if i > 1 {
			name = fmt.Sprintf("%s(%d)", Sheet, i)
		}
		fmt.Fprintf(&sheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>`, i, relNS)
	}
	parts := []part{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/></Types>`},
		{"_rels/.rels", relationships(fmt.Sprintf(`<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>`, relNS))},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets.String() + `</sheets></workbook>`},
		{"xl/worksheets/sheet1.xml", sheet},
	}
	if shared != nil {
		fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, relNS)
		var sst strings.Builder
		sst.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for _, s := range shared {
			sst.WriteString("<si><t>" + s + "</t></si>")
		}
		sst.WriteString("</sst>")
		parts = append(parts, part{"xl/sharedStrings.xml", sst.String()})
	}
	parts = append(parts, part{"xl/_rels/workbook.xml.rels", relationships(rels.String())})
	return writeZip(path, parts)
}

const relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

func relationships(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + body + `</Relationships>`
}

type part struct{ name, body string }

func writeZip(path string, parts []part) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("hostile: %w", err)
	}
	zw := zip.NewWriter(f)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			f.Close()
			return fmt.Errorf("hostile: %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			f.Close()
			return fmt.Errorf("hostile: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("hostile: %w", err)
	}
	return f.Close()
}

// PeakHeap runs fn and returns the most its heap objects grew above what
// they took before it began, sampled every millisecond (dead objects not
// yet swept count too, so the figure errs high). Should they grow by more
// than limit, PeakHeap panics: a read that has lost its bound is stopped
// before it takes a shared machine's memory, and the test binary fails
// saying why.
func PeakHeap(limit uint64, fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := heap()
	var peak atomic.Uint64
	measure := func() {
		if h := heap(); h > base && h-base > peak.Load() {
			peak.Store(h - base)
			if h-base > limit {
				panic(fmt.Sprintf("hostile: heap grew by %d MB, over the bound of %d MB", (h-base)>>20, limit>>20))
			}
		}
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			measure()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	measure()
	return peak.Load()
}

// ManyEntriesXLSX writes an archive of `entries` empty entries with
// one-character names: a directory of some 47 bytes an entry that zip
// readers turn into records four times that size.
func ManyEntriesXLSX(path string, entries int) error {
	parts := make([]part, entries)
	for i := range parts {
		parts[i] = part{name: string(rune('a' + i%26))}
	}
	return writeZip(path, parts)
}
