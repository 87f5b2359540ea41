package importer

// The .xlsx reader walks the worksheet XML itself rather than through
// excelize's Rows: Rows().Columns() returns bare strings and drops each
// cell's style index, and the style's number format is the only thing that
// tells a date serial from an amount. GetCellStyle would load the whole sheet
// into memory. Walking the XML forward with encoding/xml keeps the stored
// digits exact (no float, no formatting), costs one pass, and is bounded by
// the zip checks below. excelize still supplies the date arithmetic and the
// test and benchmark files.

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

const bigEntry = 1 << 20 // entries above this must not exceed MaxRatio

// xlsxPackage is an opened .xlsx/.xlsm archive.
type xlsxPackage struct {
	name     string
	files    map[string]*zip.File // by lower-cased, slash-separated name
	strings  []string             // shared strings
	dates    []bool               // by cell style index: is the number format a date?
	date1904 bool
}

func readXLSX(ctx context.Context, r io.ReaderAt, size int64, name string) ([]*Sheet, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("importer: read xlsx: %w", err)
	}
	pkg := &xlsxPackage{name: name, files: make(map[string]*zip.File, len(zr.File))}
	if err := pkg.index(zr.File); err != nil {
		return nil, err
	}
	if err := pkg.identify(); err != nil {
		return nil, err
	}
	if pkg.files["encryptioninfo"] != nil {
		return nil, fileErrorf(name, nil, "“%s”受密码保护，请在Excel中取消密码后再导入", name)
	}
	wbPath := pkg.officeDocument()
	sheets, err := pkg.readWorkbook(wbPath)
	if err != nil {
		return nil, err
	}
	b := &budget{ctx: ctx}
	if err := pkg.readSharedStrings(ctx, wbPath); err != nil {
		return nil, err
	}
	if err := pkg.readStyles(wbPath); err != nil {
		return nil, err
	}
	var out []*Sheet
	for _, ref := range sheets {
		s, err := pkg.readSheet(b, ref)
		if err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// index records the archive's entries and refuses a zip bomb before any
// entry is opened: archive/zip enforces each entry's declared size while
// reading, so checking the declared sizes is enough.
func (p *xlsxPackage) index(files []*zip.File) error {
	var total uint64
	for _, f := range files {
		total += f.UncompressedSize64
		ratioOK := f.UncompressedSize64 <= bigEntry ||
			(f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 <= MaxRatio)
		if total > MaxUncompressed || !ratioOK {
			return fileErrorf(p.name, fmt.Errorf("importer: read xlsx: entry %q expands to %d bytes", f.Name, f.UncompressedSize64),
				"“%s”解压后过大，可能已损坏，拒绝导入", p.name)
		}
		key := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))
		p.files[key] = f
	}
	return nil
}

// identify refuses archives that are not Excel workbooks with a sentence
// saying what they are.
func (p *xlsxPackage) identify() error {
	has := func(prefix string) bool {
		for k := range p.files {
			if strings.HasPrefix(k, prefix) {
				return true
			}
		}
		return false
	}
	switch {
	case p.files["xl/workbook.bin"] != nil:
		return fileErrorf(p.name, nil, "“%s”是Excel二进制工作簿（.xlsb），不支持导入，请在Excel中另存为.xlsx", p.name)
	case p.files["content.xml"] != nil && p.files["mimetype"] != nil:
		return fileErrorf(p.name, nil, "“%s”是OpenDocument文档（.ods），不支持导入，请另存为.xlsx", p.name)
	case has("word/"):
		return fileErrorf(p.name, nil, "“%s”是Word文档，不是Excel工作簿", p.name)
	case has("ppt/"):
		return fileErrorf(p.name, nil, "“%s”是PowerPoint文档，不是Excel工作簿", p.name)
	case p.files["[content_types].xml"] == nil && p.files["encryptioninfo"] == nil:
		return fileErrorf(p.name, nil, "“%s”是压缩包，但不是Excel工作簿", p.name)
	}
	return nil
}

// open returns an entry's reader, or nil when the entry does not exist.
func (p *xlsxPackage) open(name string) (io.ReadCloser, error) {
	f := p.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("importer: read xlsx %s: %w", name, err)
	}
	return rc, nil
}

// relationship is one entry of a .rels part.
type relationship struct {
	ID, Type, Target, Mode string
}

func (p *xlsxPackage) rels(part string) (map[string]relationship, error) {
	dir, file := path.Split(part)
	rc, err := p.open(dir + "_rels/" + file + ".rels")
	if err != nil || rc == nil {
		return nil, err
	}
	defer rc.Close()
	out := map[string]relationship{}
	d := newDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("importer: read xlsx %s rels: %w", part, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			r := relationship{ID: attr(se, "Id"), Type: attr(se, "Type"), Target: attr(se, "Target"), Mode: attr(se, "TargetMode")}
			out[r.ID] = r
		}
	}
}

// resolve turns a relationship target into an archive path.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target)[1:]
	}
	return path.Join(path.Dir(base), target)
}

// officeDocument finds the workbook part, which is xl/workbook.xml in every
// file seen but may be named otherwise.
func (p *xlsxPackage) officeDocument() string {
	if rels, err := p.rels("/"); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				return resolve("/", r.Target)
			}
		}
	}
	return "xl/workbook.xml"
}

// sheetRef is a worksheet listed in the workbook.
type sheetRef struct {
	name, part string
	hidden     bool
}

func (p *xlsxPackage) readWorkbook(wbPath string) ([]sheetRef, error) {
	rc, err := p.open(wbPath)
	if err != nil {
		return nil, err
	}
	if rc == nil {
		return nil, fileErrorf(p.name, errors.New("importer: read xlsx: no workbook part"), "“%s”不是完整的Excel工作簿（缺少workbook.xml）", p.name)
	}
	defer rc.Close()
	rels, err := p.rels(wbPath)
	if err != nil {
		return nil, err
	}
	var refs []sheetRef
	d := newDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("importer: read xlsx workbook: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			p.date1904 = v == "1" || v == "true"
		case "sheet":
			rel, ok := rels[attr(se, "id")]
			if !ok || !strings.HasSuffix(rel.Type, "/worksheet") || rel.Mode == "External" {
				continue // chart sheets, dialog sheets, dangling references
			}
			state := attr(se, "state")
			refs = append(refs, sheetRef{name: attr(se, "name"), part: resolve(wbPath, rel.Target), hidden: state == "hidden" || state == "veryHidden"})
		}
	}
}

// partOf finds the part a workbook relationship of the given type names.
func (p *xlsxPackage) partOf(wbPath, relType, fallback string) string {
	rels, _ := p.rels(wbPath)
	for _, r := range rels {
		if strings.HasSuffix(r.Type, relType) {
			return resolve(wbPath, r.Target)
		}
	}
	return fallback
}

func (p *xlsxPackage) readSharedStrings(ctx context.Context, wbPath string) error {
	rc, err := p.open(p.partOf(wbPath, "/sharedStrings", "xl/sharedStrings.xml"))
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	b := &budget{ctx: ctx}
	d := newDecoder(rc)
	var sb strings.Builder
	inSI, inT, phonetic := false, false, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("importer: read xlsx shared strings: %w", err)
		}
		if err := b.tick(); err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				sb.Reset()
			case "rPh":
				phonetic++ // furigana-style readings are not part of the text
			case "t":
				inT = inSI && phonetic == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if len(p.strings) >= MaxCells {
					return fmt.Errorf("%w: too many shared strings", errLimit)
				}
				p.strings = append(p.strings, unescapeOOXML(sb.String()))
				inSI = false
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				sb.Write(t)
			}
		}
	}
}

func (p *xlsxPackage) readStyles(wbPath string) error {
	rc, err := p.open(p.partOf(wbPath, "/styles", "xl/styles.xml"))
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	custom := map[int]string{}
	var xfFormats []int
	d := newDecoder(rc)
	inCellXfs := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("importer: read xlsx styles: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
					custom[id] = attr(t, "formatCode")
				}
			case "cellXfs":
				inCellXfs = true
			case "xf":
				if inCellXfs && len(xfFormats) < 1<<16 {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					xfFormats = append(xfFormats, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inCellXfs = false
			}
		}
	}
	p.dates = make([]bool, len(xfFormats))
	for i, id := range xfFormats {
		code, ok := custom[id]
		p.dates[i] = isDateFormat(id, code, ok)
	}
	return nil
}

// readSheet streams one worksheet into a grid. It returns nil for a sheet
// part that is missing, which some writers leave behind for empty sheets.
func (p *xlsxPackage) readSheet(b *budget, ref sheetRef) (*Sheet, error) {
	rc, err := p.open(ref.part)
	if err != nil {
		return nil, err
	}
	if rc == nil {
		return nil, nil
	}
	defer rc.Close()
	s := &Sheet{Name: ref.name, Hidden: ref.hidden, Date1904: p.date1904}
	sr := sheetReader{pkg: p, sheet: s, budget: b, d: newDecoder(rc), row: -1}
	if err := sr.run(); err != nil {
		return nil, err
	}
	s.Rows = trimRows(s.Rows)
	applyMerges(s)
	return s, nil
}

// sheetReader holds the state of one worksheet's XML walk.
type sheetReader struct {
	pkg    *xlsxPackage
	sheet  *Sheet
	budget *budget
	d      *xml.Decoder

	row, col  int    // current cell position, 0-based
	cells     []Cell // cells of the current row
	cellType  string // t attribute of the current cell
	cellStyle int    // s attribute of the current cell
	value     []byte // text of <v> or of <is><t>
	inValue   bool
	isDepth   int // inside <is> (inline string)
	phonetic  int
}

func (sr *sheetReader) run() error {
	for {
		tok, err := sr.d.RawToken()
		if err == io.EOF {
			return sr.endRow()
		}
		if err != nil {
			return fmt.Errorf("importer: read xlsx sheet %q: %w", sr.sheet.Name, err)
		}
		if err := sr.budget.tick(); err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := sr.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if err := sr.end(t); err != nil {
				return err
			}
		case xml.CharData:
			if sr.inValue {
				sr.value = append(sr.value, t...)
			}
		}
	}
}

func (sr *sheetReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "row":
		if err := sr.endRow(); err != nil {
			return err
		}
		sr.row++
		if v := attr(t, "r"); v != "" {
			if r, err := strconv.Atoi(v); err == nil && r >= 1 && r-1 >= sr.row {
				sr.row = r - 1
			}
		}
		if sr.row >= MaxRows {
			return fmt.Errorf("%w: more than %d rows", errLimit, MaxRows)
		}
		sr.col = -1
	case "c":
		sr.col++
		if ref := attr(t, "r"); ref != "" {
			if c, ok := refColumn(ref); ok && c >= sr.col {
				sr.col = c
			}
		}
		sr.cellType = attr(t, "t")
		sr.cellStyle = 0
		if v := attr(t, "s"); v != "" {
			sr.cellStyle, _ = strconv.Atoi(v)
		}
		sr.value = sr.value[:0]
	case "v":
		sr.inValue = sr.isDepth == 0
	case "is":
		sr.isDepth++
	case "rPh":
		sr.phonetic++
	case "t":
		sr.inValue = sr.isDepth > 0 && sr.phonetic == 0
	case "mergeCell":
		if m, ok := parseRange(attr(t, "ref")); ok {
			sr.sheet.Merges = append(sr.sheet.Merges, m)
		}
	}
	return nil
}

func (sr *sheetReader) end(t xml.EndElement) error {
	switch t.Name.Local {
	case "c":
		if sr.row < 0 {
			sr.row = 0 // a cell outside any row: treat as the first row
		}
		if sr.col < 0 || sr.col >= 16384 {
			return corruptf("column %d out of range", sr.col)
		}
		if c := sr.cell(); c.Type != CellEmpty {
			sr.cells = appendCell(sr.cells, sr.col, c)
		}
	case "v", "t":
		sr.inValue = false
	case "is":
		sr.isDepth--
	case "rPh":
		sr.phonetic--
	case "sheetData":
		return sr.endRow()
	}
	return nil
}

// endRow stores the cells gathered for the current row.
func (sr *sheetReader) endRow() error {
	if len(sr.cells) == 0 {
		return nil
	}
	if err := sr.budget.row(len(sr.cells)); err != nil {
		return err
	}
	rows := sr.sheet.Rows
	for len(rows) < sr.row {
		rows = append(rows, nil)
	}
	sr.sheet.Rows = append(rows, sr.cells)
	// The next row is likely as wide: allocate once rather than grow.
	sr.cells = make([]Cell, 0, len(sr.cells))
	return nil
}

// cell builds the current cell from its type, style and text.
func (sr *sheetReader) cell() Cell {
	v := string(sr.value)
	switch sr.cellType {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(sr.pkg.strings) {
			return Cell{}
		}
		return textCell(sr.pkg.strings[i])
	case "inlineStr", "str":
		return textCell(unescapeOOXML(v))
	case "b":
		if v == "1" || strings.EqualFold(v, "true") {
			return Cell{Text: "TRUE", Type: CellBool}
		}
		return Cell{Text: "FALSE", Type: CellBool}
	case "e":
		return Cell{Text: v, Type: CellError}
	case "d": // ISO 8601 text; the date parser reads it
		return textCell(v)
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return Cell{}
	}
	if sr.cellStyle >= 0 && sr.cellStyle < len(sr.pkg.dates) && sr.pkg.dates[sr.cellStyle] {
		return Cell{Text: v, Type: CellDate}
	}
	return Cell{Text: v, Type: CellNumber}
}

func textCell(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{Text: s, Type: CellText}
}

func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false // WPS and old writers emit entities and attributes Go's strict mode rejects
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// refColumn reads the 0-based column of a cell reference such as "AB12".
func refColumn(ref string) (int, bool) {
	c := 0
	i := 0
	for ; i < len(ref) && i < 4; i++ {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			break
		}
		c = c*26 + int(ch-'a'+1)
	}
	if i == 0 || c > 16384 {
		return 0, false
	}
	return c - 1, true
}

// refRow reads the 0-based row of a cell reference such as "AB12".
func refRow(ref string) (int, bool) {
	i := strings.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return 0, false
	}
	r, err := strconv.Atoi(ref[i:])
	if err != nil || r < 1 || r > MaxRows {
		return 0, false
	}
	return r - 1, true
}

// parseRange reads "A1:C3" (or a single "A1").
func parseRange(ref string) (Range, bool) {
	a, b, found := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
	if !found {
		b = a
	}
	r1, ok1 := refRow(a)
	c1, ok2 := refColumn(a)
	r2, ok3 := refRow(b)
	c2, ok4 := refColumn(b)
	if !(ok1 && ok2 && ok3 && ok4) {
		return Range{}, false
	}
	return Range{Row1: min(r1, r2), Col1: min(c1, c2), Row2: max(r1, r2), Col2: max(c1, c2)}, true
}

// unescapeOOXML decodes the _xHHHH_ escapes OOXML uses for control
// characters ("_x000D_" for a carriage return in a cell).
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
