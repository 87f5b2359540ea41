package importer

// The .xlsx reader walks the worksheet XML itself rather than through
// excelize's Rows: Rows().Columns() returns bare strings and drops each
// cell's style index, and the style's number format is the only thing that
// tells a date serial from an amount. GetCellStyle would load the whole sheet
// into memory. Walking the XML forward keeps the stored digits exact (no
// float, no formatting), costs one pass, and is bounded by the zip checks
// below. The worksheets and the shared strings, which grow with the
// ledger, are walked by xmlScanner (xmlscan.go); the small parts by
// encoding/xml. excelize still supplies the date arithmetic and the
// test and benchmark files.

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

const bigEntry = 1 << 20 // entries above this must not exceed MaxRatio

// maxZipDirectory bounds what zip.NewReader may read: it turns the whole
// central directory into records of about four times its size before any
// entry can be looked at. Four megabytes is some 40,000 entries; a
// workbook has tens.
const maxZipDirectory = 4 << 20

// directoryCap is the file as zip.NewReader sees it: reads count against
// maxZipDirectory until open ends the count (left < 0); the entries are
// read later through it uncapped.
type directoryCap struct {
	r    io.ReaderAt
	left int64
}

func (d *directoryCap) ReadAt(p []byte, off int64) (int, error) {
	if d.left >= 0 {
		if int64(len(p)) > d.left {
			return 0, errTooLong
		}
		d.left -= int64(len(p))
	}
	return d.r.ReadAt(p, off)
}

// openZip reads the archive's directory within maxZipDirectory.
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	capped := &directoryCap{r: r, left: maxZipDirectory}
	zr, err := zip.NewReader(capped, size)
	if errors.Is(err, errTooLong) {
		return nil, &capError{where: "的压缩目录", what: "超过4 MB（条目过多，不像是Excel工作簿）"}
	}
	if err != nil {
		return nil, fmt.Errorf("importer: read xlsx: %w", err)
	}
	capped.left = -1
	return zr, nil
}

// xlsxPackage is an opened .xlsx/.xlsm archive.
type xlsxPackage struct {
	name     string
	files    map[string]*zip.File // by lower-cased, slash-separated name
	strings  []string             // shared strings
	dates    []bool               // by cell style index: is the number format a date?
	date1904 bool
}

func readXLSX(ctx context.Context, r io.ReaderAt, size int64, name string) ([]*Sheet, error) {
	zr, err := openZip(r, size)
	if err != nil {
		return nil, err
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
	if err := pkg.readSharedStrings(b, wbPath); err != nil {
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

// tokenTooLong is the capError of an XML token over MaxToken found at where.
func tokenTooLong(where string) *capError {
	return &capError{where: where, what: "有一段XML内容超过1 MB（文件可能已损坏）"}
}

// partError names the part whose XML could not be read.
func partError(part string, err error) error {
	if errors.Is(err, errTooLong) {
		return tokenTooLong("的" + part + "中")
	}
	return fmt.Errorf("importer: read xlsx %s: %w", part, err)
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
		p.files[partKey(strings.ReplaceAll(f.Name, "\\", "/"))] = f
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

// partKey is how the package indexes a part: lower case, no leading slash.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(name, "/"))
}

// open returns an entry's reader, or nil when the entry does not exist.
func (p *xlsxPackage) open(name string) (io.ReadCloser, error) {
	f := p.files[partKey(name)]
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
	x := newXMLStream(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, partError(dir+"_rels/"+file+".rels", err)
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

// sheetRef is a worksheet listed in the workbook; part is its archive key.
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
	listed := map[string]bool{}
	x := newXMLStream(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return nil, partError(wbPath, err)
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
			// A part listed again is the same sheet: reading it once keeps
			// a workbook that lists one part a thousand times as small as
			// the part.
			part := partKey(resolve(wbPath, rel.Target))
			if listed[part] {
				continue
			}
			listed[part] = true
			state := attr(se, "state")
			refs = append(refs, sheetRef{name: attr(se, "name"), part: part, hidden: state == "hidden" || state == "veryHidden"})
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

// readSharedStrings reads the shared string table, refusing a string over
// MaxCellChars as it gathers it, and more strings than MaxCells.
func (p *xlsxPackage) readSharedStrings(b *budget, wbPath string) error {
	rc, err := p.open(p.partOf(wbPath, "/sharedStrings", "xl/sharedStrings.xml"))
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	x := newXMLScanner(rc)
	var sb strings.Builder
	inSI, inT, phonetic := false, false, 0
	for {
		kind, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.sharedStringsError(err, inT)
		}
		if err := b.tick(); err != nil {
			return err
		}
		switch kind {
		case tokStart:
			switch string(x.name) {
			case "si":
				inSI = true
				sb.Reset()
			case "rPh":
				phonetic++ // furigana-style readings are not part of the text
			case "t":
				inT = inSI && phonetic == 0
			}
		case tokEnd:
			switch string(x.name) {
			case "si":
				if err := p.addSharedString(sb.String()); err != nil {
					return err
				}
				inSI = false
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case tokText:
			if inT {
				if sb.Len()+len(x.text) > maxCellBytes {
					return cellTooLong(p.sharedStringPlace())
				}
				sb.Write(x.text)
			}
		}
	}
}

// addSharedString keeps the text of one <si>, within the bounds.
func (p *xlsxPackage) addSharedString(raw string) error {
	if len(p.strings) >= MaxCells {
		return &capError{where: "的共享字符串表", what: fmt.Sprintf("超过%d万项", MaxCells/10000)}
	}
	text := unescapeOOXML(raw)
	if tooManyChars(text) {
		return cellTooLong(p.sharedStringPlace())
	}
	p.strings = append(p.strings, text)
	return nil
}

// sharedStringsError says what stopped the shared strings being read: a
// string or a token past the bounds (named by the item it is in), else
// the XML itself.
func (p *xlsxPackage) sharedStringsError(err error, inText bool) error {
	switch {
	case errors.Is(err, errTooLong) && inText:
		return cellTooLong(p.sharedStringPlace())
	case errors.Is(err, errTooLong):
		return tokenTooLong(p.sharedStringPlace() + "中")
	}
	return fmt.Errorf("importer: read xlsx shared strings: %w", err)
}

// sharedStringPlace names the shared string being read.
func (p *xlsxPackage) sharedStringPlace() string {
	return fmt.Sprintf("共享字符串表第%d项", len(p.strings)+1)
}

func (p *xlsxPackage) readStyles(wbPath string) error {
	part := p.partOf(wbPath, "/styles", "xl/styles.xml")
	rc, err := p.open(part)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	custom := map[int]string{}
	var xfFormats []int
	x := newXMLStream(rc)
	inCellXfs := false
	for {
		tok, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return partError(part, err)
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
	b.sheet = s.Name
	sr := sheetReader{pkg: p, sheet: s, budget: b, x: newXMLScanner(rc), row: -1, col: -1, seen: map[string]string{}}
	if err := sr.run(); err != nil {
		return nil, err
	}
	s.Rows = trimRows(s.Rows)
	if err := applyMerges(s, b); err != nil {
		return nil, err
	}
	return s, nil
}

// sheetReader holds the state of one worksheet's XML walk.
type sheetReader struct {
	pkg    *xlsxPackage
	sheet  *Sheet
	budget *budget
	x      *xmlScanner

	row, col  int    // current cell position, 0-based
	cells     []Cell // cells of the current row
	cellType  string // t attribute of the current cell
	cellStyle int    // s attribute of the current cell
	value     []byte // text of <v> or of <is><t>
	inValue   bool
	isDepth   int // inside <is> (inline string)
	phonetic  int
	seen      map[string]string // short values already read, see valueText
}

// Bounds of the values a sheet reader shares between cells.
const (
	maxSharedValue  = 64
	maxSharedValues = 1 << 16
)

// valueText is the current cell's stored text. A short value an earlier
// cell held is that cell's string: a ledger writes its few units,
// contractors, codes, methods and dates on every row (inline, as WPS and
// streaming writers do, not in the shared string table), and sharing them
// keeps a 100,000-row sheet some 10 MB smaller, which is what keeps the
// import's peak heap under 200 MB. The lookup does not allocate; the map is
// bounded, and dropped with the reader.
func (sr *sheetReader) valueText() string {
	if len(sr.value) > maxSharedValue {
		return string(sr.value)
	}
	if v, ok := sr.seen[string(sr.value)]; ok {
		return v
	}
	v := string(sr.value)
	if len(sr.seen) < maxSharedValues {
		sr.seen[v] = v
	}
	return v
}

func (sr *sheetReader) run() error {
	for {
		kind, err := sr.x.next()
		if err == io.EOF {
			return sr.endRow()
		}
		if errors.Is(err, errTooLong) && sr.inValue {
			return cellTooLong(sr.where())
		}
		if errors.Is(err, errTooLong) {
			return tokenTooLong(sr.tokenWhere())
		}
		if err != nil {
			return fmt.Errorf("importer: read xlsx sheet %q: %w", sr.sheet.Name, err)
		}
		if err := sr.budget.tick(); err != nil {
			return err
		}
		if err := sr.token(kind); err != nil {
			return err
		}
	}
}

// token takes in the token the scanner has just read.
func (sr *sheetReader) token(kind int) error {
	switch kind {
	case tokStart:
		return sr.start()
	case tokEnd:
		return sr.end()
	}
	if sr.inValue {
		if len(sr.value)+len(sr.x.text) > maxCellBytes {
			return cellTooLong(sr.where())
		}
		sr.value = append(sr.value, sr.x.text...)
	}
	return nil
}

// where names the sheet and the cell being read, for a message.
func (sr *sheetReader) where() string {
	return fmt.Sprintf("工作表“%s”单元格%s%d", sr.sheet.Name, columnName(max(sr.col, 0)), max(sr.row, 0)+1)
}

// tokenWhere places a token that is no cell's text: after the cell last
// begun, or in the sheet before any.
func (sr *sheetReader) tokenWhere() string {
	if sr.col < 0 {
		return "工作表“" + sr.sheet.Name + "”中"
	}
	return sr.where() + "之后"
}

func (sr *sheetReader) start() error {
	switch string(sr.x.name) {
	case "row":
		if err := sr.endRow(); err != nil {
			return err
		}
		sr.row++
		if v := sr.x.attr("r"); len(v) > 0 {
			if r, err := strconv.Atoi(string(v)); err == nil && r >= 1 && r-1 >= sr.row {
				sr.row = r - 1
			}
		}
		if sr.row >= MaxRows {
			return &limitError{sheet: sr.sheet.Name, row: sr.row}
		}
		sr.col = -1
	case "c":
		sr.col++
		if c, ok := refColumn(sr.x.attr("r")); ok && c >= sr.col {
			sr.col = c
		}
		sr.cellType = cellType(sr.x.attr("t"))
		sr.cellStyle = 0
		if v := sr.x.attr("s"); len(v) > 0 {
			sr.cellStyle, _ = strconv.Atoi(string(v))
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
		if m, ok := parseRange(string(sr.x.attr("ref"))); ok {
			sr.sheet.Merges = append(sr.sheet.Merges, m)
		}
	}
	return nil
}

func (sr *sheetReader) end() error {
	switch string(sr.x.name) {
	case "c":
		if sr.row < 0 {
			sr.row = 0 // a cell outside any row: treat as the first row
		}
		if sr.col < 0 || sr.col >= 16384 {
			return corruptf("column %d out of range", sr.col)
		}
		c, err := sr.cell()
		if err != nil {
			return err
		}
		if c.Type != CellEmpty {
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

// endRow stores the cells gathered for the current row, counting them, the
// row and the empty rows above it against the budget before it grows the
// grid.
func (sr *sheetReader) endRow() error {
	if len(sr.cells) == 0 {
		return nil
	}
	rows := sr.sheet.Rows
	if err := sr.budget.visit(len(sr.cells)+sr.row+1-len(rows), sr.row); err != nil {
		return err
	}
	if n := len(rows); sr.row > n {
		rows = slices.Grow(rows, sr.row+1-n)[:sr.row]
		clear(rows[n:])
	}
	// The row is gathered in a buffer kept for the next one and stored at
	// its own length: a row allocated as wide as the one before would let
	// one padded row make every later row as big, outside the budget.
	sr.sheet.Rows = append(rows, slices.Clone(sr.cells))
	sr.cells = sr.cells[:0]
	return nil
}

// cell builds the current cell from its type, style and text; text over
// MaxCellChars is refused (shared strings were checked as they were read).
func (sr *sheetReader) cell() (Cell, error) {
	v := sr.valueText()
	switch sr.cellType {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(sr.pkg.strings) {
			return Cell{}, nil
		}
		return textCell(sr.pkg.strings[i]), nil
	case "inlineStr", "str", "d": // "d" is ISO 8601 text; the date parser reads it
		if sr.cellType != "d" {
			v = unescapeOOXML(v)
		}
		if tooManyChars(v) {
			return Cell{}, cellTooLong(sr.where())
		}
		return textCell(v), nil
	case "b":
		if v == "1" || strings.EqualFold(v, "true") {
			return Cell{Text: "TRUE", Type: CellBool}, nil
		}
		return Cell{Text: "FALSE", Type: CellBool}, nil
	case "e":
		return Cell{Text: v, Type: CellError}, nil
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return Cell{}, nil
	}
	if sr.cellStyle >= 0 && sr.cellStyle < len(sr.pkg.dates) && sr.pkg.dates[sr.cellStyle] {
		return Cell{Text: v, Type: CellDate}, nil
	}
	return Cell{Text: v, Type: CellNumber}, nil
}

// cellType is a cell's t attribute as the constant the reader compares
// it with, so that reading a cell's type allocates nothing.
func cellType(t []byte) string {
	for _, known := range [...]string{"", "s", "n", "inlineStr", "str", "b", "e", "d"} {
		if string(t) == known {
			return known
		}
	}
	return string(t)
}

func textCell(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{Text: s, Type: CellText}
}

// xmlStream walks a part's raw XML tokens with each token capped at
// MaxToken (see cappedReader).
type xmlStream struct {
	d  *xml.Decoder
	in *cappedReader
}

func newXMLStream(r io.Reader) *xmlStream {
	in := newCappedReader(r)
	d := xml.NewDecoder(in)
	d.Strict = false // WPS and old writers emit entities and attributes Go's strict mode rejects
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return &xmlStream{d: d, in: in}
}

// next returns the next raw token, or errTooLong for one over MaxToken.
// The decoder may report a token cut at the cap in its own words (text cut
// inside a character is "invalid UTF-8"), so any failure once the cap is
// reached is the cap's.
func (x *xmlStream) next() (xml.Token, error) {
	tok, err := x.d.RawToken()
	if err != nil && x.in.exhausted() {
		return nil, errTooLong
	}
	x.in.next(x.d.InputOffset())
	return tok, err
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
func refColumn[T string | []byte](ref T) (int, bool) {
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
