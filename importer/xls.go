package importer

// A reader of the BIFF8 (Excel 97–2003) and BIFF5 (Excel 5.0/95) workbook
// stream: it walks the records forward once, every read bounds-checked, so
// whatever the bytes say it ends after at most one pass over the stream.
// It keeps what a ledger needs: text, numbers with their date formats,
// cached formula results and merged cells.

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// BIFF record types.
const (
	recFormula    = 0x0006
	recEOF        = 0x000A
	recFilePass   = 0x002F
	recDateMode   = 0x0022
	recContinue   = 0x003C
	recCodePage   = 0x0042
	recBoundSheet = 0x0085
	recMulRK      = 0x00BD
	recRString    = 0x00D6
	recXF         = 0x00E0
	recMerged     = 0x00E5
	recSST        = 0x00FC
	recLabelSST   = 0x00FD
	recNumber     = 0x0203
	recLabel      = 0x0204
	recBoolErr    = 0x0205
	recFormula3   = 0x0206
	recString     = 0x0207
	recRK         = 0x027E
	recFormula4   = 0x0406
	recFormat     = 0x041E
	recBOF2       = 0x0009
	recBOF3       = 0x0209
	recBOF4       = 0x0409
	recBOF        = 0x0809
)

func readXLSFile(ctx context.Context, f *os.File, size int64, name string) ([]*Sheet, error) {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("importer: read xls: %w", err)
	}
	cf, err := openCFB(data)
	if err != nil {
		return nil, fmt.Errorf("importer: read xls: %w", err)
	}
	if cf.has("EncryptionInfo") || cf.has("EncryptedPackage") {
		return nil, fileErrorf(name, nil, "“%s”受密码保护，请在Excel中取消密码后再导入", name)
	}
	entry, ok := cf.find("Workbook", "Book")
	if !ok {
		switch {
		case cf.has("WordDocument"):
			return nil, fileErrorf(name, nil, "“%s”是Word文档，不是Excel工作簿", name)
		case cf.has("PowerPoint Document"):
			return nil, fileErrorf(name, nil, "“%s”是PowerPoint文档，不是Excel工作簿", name)
		}
		return nil, fileErrorf(name, nil, "“%s”不是Excel工作簿（文件中没有工作簿数据）", name)
	}
	stream, err := cf.stream(entry)
	if err != nil {
		return nil, fmt.Errorf("importer: read xls: %w", err)
	}
	return parseBIFF(ctx, stream, name)
}

// biff is the state of one workbook stream's walk.
type biff struct {
	data     []byte
	pos      int
	biff8    bool
	decoder  *encoding.Decoder // BIFF5 byte strings
	date1904 bool
	sst      []string
	formats  map[int]string
	xfFormat []int
	xfDate   []bool
	sheets   []boundSheet
	budget   *budget
	name     string
}

type boundSheet struct {
	name   string
	pos    int
	hidden bool
	kind   byte // 0 worksheet, 1 macro, 2 chart, 6 VB module
}

// record is one BIFF record; body may be shorter than declared when the
// stream is truncated.
type record struct {
	typ  uint16
	body []byte
	at   int
}

// next returns the record at b.pos and moves past it; false at the end.
func (b *biff) next() (record, bool) {
	if b.pos+4 > len(b.data) {
		return record{}, false
	}
	typ := binary.LittleEndian.Uint16(b.data[b.pos:])
	n := int(binary.LittleEndian.Uint16(b.data[b.pos+2:]))
	start := b.pos + 4
	end := min(start+n, len(b.data))
	r := record{typ: typ, body: b.data[start:end], at: b.pos}
	b.pos = start + n
	return r, true
}

func parseBIFF(ctx context.Context, data []byte, name string) ([]*Sheet, error) {
	b := &biff{data: data, formats: map[int]string{}, budget: &budget{ctx: ctx}, name: name}
	first, ok := b.next()
	if !ok {
		return nil, corruptf("empty workbook stream")
	}
	switch first.typ {
	case recBOF:
	case recBOF2, recBOF3, recBOF4:
		return nil, fileErrorf(name, nil, "“%s”是Excel 4.0或更早的格式，不支持导入，请在Excel中另存为.xlsx", name)
	default:
		return nil, corruptf("workbook stream starts with record %#04x", first.typ)
	}
	// BIFF5 writes 0x0500 (some writers 0x05xx); BIFF8 writes 0x0600.
	b.biff8 = len(first.body) < 2 || le16(first.body, 0)&0xFF00 != 0x0500
	b.decoder = charmap.Windows1252.NewDecoder()
	if err := b.globals(); err != nil {
		return nil, err
	}
	var sheets []*Sheet
	read := map[int]bool{}
	for _, bs := range b.sheets {
		// A substream is read once however many BOUNDSHEET records point
		// at it, so ten thousand of them cost no more than one.
		if bs.kind != 0 || read[bs.pos] {
			continue
		}
		read[bs.pos] = true
		s, err := b.sheet(bs)
		if err != nil {
			return nil, err
		}
		if s != nil {
			sheets = append(sheets, s)
		}
	}
	return sheets, nil
}

// globals reads the workbook globals substream up to its EOF.
func (b *biff) globals() error {
	var sst []record
	inSST := false
	for {
		r, ok := b.next()
		if !ok || r.typ == recEOF {
			break
		}
		if err := b.budget.tick(); err != nil {
			return err
		}
		if r.typ == recContinue && inSST {
			sst = append(sst, r)
			continue
		}
		inSST = false
		switch r.typ {
		case recFilePass:
			return fileErrorf(b.name, nil, "“%s”受密码保护，请在Excel中取消密码后再导入", b.name)
		case recCodePage:
			if len(r.body) >= 2 {
				b.decoder = codepageDecoder(le16(r.body, 0))
			}
		case recDateMode:
			b.date1904 = len(r.body) >= 2 && le16(r.body, 0) == 1
		case recFormat:
			b.format(r.body)
		case recXF:
			if len(r.body) >= 4 && len(b.xfFormat) < 1<<16 {
				b.xfFormat = append(b.xfFormat, int(le16(r.body, 2)))
			}
		case recBoundSheet:
			b.boundSheet(r.body)
		case recSST:
			sst, inSST = []record{r}, true
		}
	}
	b.xfDate = make([]bool, len(b.xfFormat))
	for i, id := range b.xfFormat {
		code, ok := b.formats[id]
		b.xfDate[i] = isDateFormat(id, code, ok)
	}
	if len(sst) > 0 {
		b.readSST(sst)
	}
	return nil
}

func (b *biff) format(body []byte) {
	if len(body) < 3 {
		return
	}
	id := int(le16(body, 0))
	var code string
	if b.biff8 {
		code, _ = b.unicodeString(body[2:], 2)
	} else {
		code = b.byteString(body[2:], 1)
	}
	b.formats[id] = code
}

func (b *biff) boundSheet(body []byte) {
	if len(body) < 7 {
		return
	}
	bs := boundSheet{pos: int(binary.LittleEndian.Uint32(body)), hidden: body[4]&3 != 0, kind: body[5]}
	if b.biff8 {
		bs.name, _ = b.unicodeString(body[6:], 1)
	} else {
		bs.name = b.byteString(body[6:], 1)
	}
	if bs.name == "" {
		bs.name = fmt.Sprintf("Sheet%d", len(b.sheets)+1)
	}
	b.sheets = append(b.sheets, bs)
}

// unicodeString reads a BIFF8 XLUnicodeString whose character count takes
// lenSize bytes (1 or 2); it returns the string and the bytes consumed.
func (b *biff) unicodeString(p []byte, lenSize int) (string, int) {
	if len(p) < lenSize+1 {
		return "", len(p)
	}
	cch := int(p[0])
	if lenSize == 2 {
		cch = int(le16(p, 0))
	}
	flags := p[lenSize]
	off := lenSize + 1
	runs, ext := 0, 0
	if flags&0x08 != 0 && off+2 <= len(p) {
		runs = int(le16(p, off))
		off += 2
	}
	if flags&0x04 != 0 && off+4 <= len(p) {
		ext = int(binary.LittleEndian.Uint32(p[off:]))
		off += 4
	}
	s, n := decodeChars(p[off:], cch, flags&1 != 0)
	off += n
	return s, min(len(p), off+4*runs+ext)
}

// decodeChars reads cch characters, UTF-16LE when high or one byte each
// (Latin-1, the high byte left out) otherwise, as many as p holds.
func decodeChars(p []byte, cch int, high bool) (string, int) {
	if !high {
		n := min(cch, len(p))
		r := make([]rune, n)
		for i := 0; i < n; i++ {
			r[i] = rune(p[i])
		}
		return string(r), n
	}
	n := min(cch, len(p)/2)
	units := make([]uint16, n)
	for i := range units {
		units[i] = le16(p, 2*i)
	}
	return string(utf16.Decode(units)), 2 * n
}

// byteString reads a BIFF5 string in the workbook's code page.
func (b *biff) byteString(p []byte, lenSize int) string {
	if len(p) < lenSize {
		return ""
	}
	cch := int(p[0])
	if lenSize == 2 {
		cch = int(le16(p, 0))
	}
	raw := p[lenSize:min(len(p), lenSize+cch)]
	out, err := b.decoder.Bytes(raw)
	if err != nil {
		return string(raw)
	}
	return string(out)
}

// codepageDecoder maps a CODEPAGE record to a decoder for BIFF5 strings;
// Chinese workbooks from Excel 95 use 936 (GBK).
func codepageDecoder(cp uint16) *encoding.Decoder {
	var e encoding.Encoding
	switch cp {
	case 936:
		e = simplifiedchinese.GBK
	case 950:
		e = traditionalchinese.Big5
	case 932:
		e = japanese.ShiftJIS
	case 949:
		e = korean.EUCKR
	case 437:
		e = charmap.CodePage437
	case 850:
		e = charmap.CodePage850
	case 866:
		e = charmap.CodePage866
	case 874:
		e = charmap.Windows874
	case 1250:
		e = charmap.Windows1250
	case 1251:
		e = charmap.Windows1251
	case 1253:
		e = charmap.Windows1253
	case 1254:
		e = charmap.Windows1254
	case 1255:
		e = charmap.Windows1255
	case 1256:
		e = charmap.Windows1256
	case 1257:
		e = charmap.Windows1257
	case 1258:
		e = charmap.Windows1258
	case 10000, 32768:
		e = charmap.Macintosh
	default:
		e = charmap.Windows1252
	}
	return e.NewDecoder()
}

// sstReader reads the shared string table across its CONTINUE records. A
// string's characters may break at a record boundary, where the next record
// starts with a fresh option byte saying whether they are one or two bytes.
type sstReader struct {
	segs [][]byte
	seg  int
	off  int
}

func (r *sstReader) avail() []byte {
	for r.seg < len(r.segs) && r.off >= len(r.segs[r.seg]) {
		r.seg++
		r.off = 0
	}
	if r.seg >= len(r.segs) {
		return nil
	}
	return r.segs[r.seg][r.off:]
}

func (r *sstReader) bytes(n int) ([]byte, bool) {
	var out []byte
	for n > 0 {
		p := r.avail()
		if p == nil {
			return out, false
		}
		k := min(n, len(p))
		out = append(out, p[:k]...)
		r.off += k
		n -= k
	}
	return out, true
}

func (r *sstReader) skip(n int) bool {
	for n > 0 {
		p := r.avail()
		if p == nil {
			return false
		}
		k := min(n, len(p))
		r.off += k
		n -= k
	}
	return true
}

func (r *sstReader) chars(cch int, high bool) (string, bool) {
	var sb strings.Builder
	for cch > 0 {
		if r.seg < len(r.segs) && r.off >= len(r.segs[r.seg]) {
			// A boundary inside the characters: the next record begins with
			// the option byte for the rest of them.
			r.seg++
			r.off = 0
			if r.seg >= len(r.segs) || len(r.segs[r.seg]) == 0 {
				return sb.String(), false
			}
			high = r.segs[r.seg][0]&1 != 0
			r.off = 1
			continue
		}
		if r.seg >= len(r.segs) {
			return sb.String(), false
		}
		p := r.segs[r.seg][r.off:]
		s, used := decodeChars(p, cch, high)
		if used == 0 {
			r.off = len(r.segs[r.seg]) // a lone odd byte: move on
			continue
		}
		sb.WriteString(s)
		r.off += used
		if high {
			cch -= used / 2
		} else {
			cch -= used
		}
	}
	return sb.String(), true
}

func (b *biff) readSST(recs []record) {
	segs := make([][]byte, len(recs))
	for i, r := range recs {
		segs[i] = r.body
	}
	if len(segs[0]) < 8 {
		return
	}
	unique := int(binary.LittleEndian.Uint32(segs[0][4:]))
	r := &sstReader{segs: segs, off: 8}
	b.sst = make([]string, 0, min(unique, len(b.data)/3+1, MaxCells))
	for len(b.sst) < unique && len(b.sst) < MaxCells {
		head, ok := r.bytes(3)
		if !ok {
			return
		}
		cch, flags := int(le16(head, 0)), head[2]
		runs, ext := 0, 0
		if flags&0x08 != 0 {
			p, ok := r.bytes(2)
			if !ok {
				return
			}
			runs = int(le16(p, 0))
		}
		if flags&0x04 != 0 {
			p, ok := r.bytes(4)
			if !ok {
				return
			}
			ext = int(binary.LittleEndian.Uint32(p))
		}
		s, ok := r.chars(cch, flags&1 != 0)
		b.sst = append(b.sst, s)
		if !ok || !r.skip(4*runs) || !r.skip(ext) {
			return
		}
	}
}

// sheet reads one worksheet substream; nil when its offset does not lead to
// a worksheet.
func (b *biff) sheet(bs boundSheet) (*Sheet, error) {
	if bs.pos < 0 || bs.pos+4 > len(b.data) {
		return nil, nil
	}
	b.pos = bs.pos
	bof, ok := b.next()
	if !ok || bof.typ != recBOF {
		return nil, nil
	}
	if len(bof.body) >= 4 && le16(bof.body, 2) != 0x0010 {
		return nil, nil // a chart or macro sheet
	}
	s := &Sheet{Name: bs.name, Hidden: bs.hidden, Date1904: b.date1904}
	b.budget.sheet = s.Name
	w := sheetWriter{sheet: s, budget: b.budget}
	depth := 0
	var pending *[2]int // the cell a FORMULA's STRING record belongs to
	for {
		r, ok := b.next()
		if !ok {
			break
		}
		if err := b.budget.tick(); err != nil {
			return nil, err
		}
		switch {
		case r.typ == recBOF:
			depth++ // an embedded chart
			continue
		case r.typ == recEOF:
			depth--
		}
		if depth < 0 {
			break
		}
		if depth > 0 {
			continue
		}
		if err := b.cellRecord(&w, r, &pending); err != nil {
			return nil, err
		}
	}
	s.Rows = trimRows(s.Rows)
	if err := applyMerges(s, b.budget); err != nil {
		return nil, err
	}
	return s, nil
}

// cellRecord stores the value of one cell record.
func (b *biff) cellRecord(w *sheetWriter, r record, pending **[2]int) error {
	p := r.body
	if r.typ != recString {
		*pending = nil
	}
	switch r.typ {
	case recLabelSST:
		if len(p) >= 10 {
			i := int(binary.LittleEndian.Uint32(p[6:]))
			if i >= 0 && i < len(b.sst) {
				return w.put(le16(p, 0), le16(p, 2), textCell(b.sst[i]))
			}
		}
	case recLabel, recRString:
		if len(p) >= 8 {
			return w.put(le16(p, 0), le16(p, 2), textCell(b.cellString(p[6:])))
		}
	case recNumber:
		if len(p) >= 14 {
			v := math.Float64frombits(binary.LittleEndian.Uint64(p[6:]))
			return w.put(le16(p, 0), le16(p, 2), b.numberCell(le16(p, 4), formatFloat(v)))
		}
	case recRK:
		if len(p) >= 10 {
			return w.put(le16(p, 0), le16(p, 2), b.numberCell(le16(p, 4), rkText(binary.LittleEndian.Uint32(p[6:]))))
		}
	case recMulRK:
		return b.mulRK(w, p)
	case recFormula, recFormula3, recFormula4:
		return b.formula(w, p, pending)
	case recString:
		if *pending != nil {
			cell := (*pending)
			*pending = nil
			return w.put(uint16(cell[0]), uint16(cell[1]), textCell(b.cellString(p)))
		}
	case recBoolErr:
		if len(p) >= 8 {
			return w.put(le16(p, 0), le16(p, 2), boolErrCell(p[6], p[7]))
		}
	case recMerged:
		b.merges(w.sheet, p)
	}
	return nil
}

func (b *biff) cellString(p []byte) string {
	if b.biff8 {
		s, _ := b.unicodeString(p, 2)
		return s
	}
	return b.byteString(p, 2)
}

func (b *biff) numberCell(xf uint16, text string) Cell {
	if int(xf) < len(b.xfDate) && b.xfDate[xf] {
		return Cell{Text: text, Type: CellDate}
	}
	return Cell{Text: text, Type: CellNumber}
}

func (b *biff) mulRK(w *sheetWriter, p []byte) error {
	if len(p) < 6 {
		return nil
	}
	row, col := le16(p, 0), le16(p, 2)
	for off := 4; off+6 <= len(p)-2; off += 6 {
		cell := b.numberCell(le16(p, off), rkText(binary.LittleEndian.Uint32(p[off+2:])))
		if err := w.put(row, col, cell); err != nil {
			return err
		}
		col++
	}
	return nil
}

// formula stores a formula's cached result; a string result arrives in the
// STRING record that follows.
func (b *biff) formula(w *sheetWriter, p []byte, pending **[2]int) error {
	if len(p) < 14 {
		return nil
	}
	row, col, xf := le16(p, 0), le16(p, 2), le16(p, 4)
	res := p[6:14]
	if le16(res, 6) != 0xFFFF {
		v := math.Float64frombits(binary.LittleEndian.Uint64(res))
		return w.put(row, col, b.numberCell(xf, formatFloat(v)))
	}
	switch res[0] {
	case 0:
		*pending = &[2]int{int(row), int(col)}
	case 1:
		return w.put(row, col, boolErrCell(res[2], 0))
	case 2:
		return w.put(row, col, boolErrCell(res[2], 1))
	}
	return nil
}

func (b *biff) merges(s *Sheet, p []byte) {
	if len(p) < 2 {
		return
	}
	n := int(le16(p, 0))
	for i := 0; i < n && 2+8*i+8 <= len(p); i++ {
		q := p[2+8*i:]
		s.Merges = append(s.Merges, Range{Row1: int(le16(q, 0)), Row2: int(le16(q, 2)), Col1: int(le16(q, 4)), Col2: int(le16(q, 6))})
	}
}

func boolErrCell(v, isErr byte) Cell {
	if isErr != 0 {
		codes := map[byte]string{0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}
		code, ok := codes[v]
		if !ok {
			code = "#ERROR"
		}
		return Cell{Text: code, Type: CellError}
	}
	if v != 0 {
		return Cell{Text: "TRUE", Type: CellBool}
	}
	return Cell{Text: "FALSE", Type: CellBool}
}

// rkText decodes an RK number to its exact decimal text. An integer RK
// scaled by 100 is written from the integer, so 12345 with the ×0.01 flag
// becomes "123.45" without a float in between.
func rkText(rk uint32) string {
	div100 := rk&1 != 0
	if rk&2 != 0 {
		n := int64(int32(rk) >> 2)
		if !div100 {
			return strconv.FormatInt(n, 10)
		}
		neg := n < 0
		if neg {
			n = -n
		}
		s := fmt.Sprintf("%d.%02d", n/100, n%100)
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
		if neg {
			s = "-" + s
		}
		return s
	}
	v := math.Float64frombits(uint64(rk&^3) << 32)
	if div100 {
		v /= 100
	}
	return formatFloat(v)
}

// formatFloat writes a stored double as the shortest decimal that reads
// back as the same double: the digits Excel shows for it.
func formatFloat(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func le16(p []byte, off int) uint16 { return binary.LittleEndian.Uint16(p[off:]) }

// sheetWriter puts cells into a sheet's grid, counting against the budget
// every cell and row the grid grows by (padding included) and refusing
// text over MaxCellChars.
type sheetWriter struct {
	sheet  *Sheet
	budget *budget
}

func (w *sheetWriter) put(row, col uint16, c Cell) error {
	if c.Type == CellEmpty {
		return nil
	}
	r, k := int(row), int(col)
	if tooManyChars(c.Text) {
		return cellTooLong(fmt.Sprintf("工作表“%s”单元格%s%d", w.sheet.Name, columnName(k), r+1))
	}
	rows, added := setCell(w.sheet.Rows, r, k, c)
	w.sheet.Rows = rows
	return w.budget.visit(added, r)
}
