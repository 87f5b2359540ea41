package reports

import (
	"io"
	"strconv"
	"unicode/utf8"

	"govbuy/reports/internal/figures"
)

// rowWriter writes the rows of a worksheet's sheetData as SpreadsheetML.
// Text is always an inline string cell: it is never read as a formula or a
// number, whatever it starts with. Numbers are written from exact decimal
// text.
type rowWriter struct {
	w   io.Writer
	buf []byte
	row int // current row, 1-based
	col int // columns written in the current row
	err error
}

// maxCellChars is Excel's limit on a cell's length, in UTF-16 code units;
// longer text is cut, as Excel itself would refuse the file.
const maxCellChars = 32767

// startRow opens row n; a height of 0 leaves the row at its default.
func (rw *rowWriter) startRow(n int, heightPt float64) {
	rw.row, rw.col = n, 0
	rw.buf = append(rw.buf, `<row r="`...)
	rw.buf = strconv.AppendInt(rw.buf, int64(n), 10)
	if heightPt > 0 {
		rw.buf = append(rw.buf, `" ht="`...)
		rw.buf = strconv.AppendFloat(rw.buf, heightPt, 'f', -1, 64)
		rw.buf = append(rw.buf, `" customHeight="1`...)
	}
	rw.buf = append(rw.buf, `">`...)
}

func (rw *rowWriter) endRow() {
	rw.buf = append(rw.buf, "</row>"...)
	if len(rw.buf) >= 64<<10 {
		rw.flush()
	}
}

func (rw *rowWriter) flush() {
	if rw.err == nil && len(rw.buf) > 0 {
		_, rw.err = rw.w.Write(rw.buf)
	}
	rw.buf = rw.buf[:0]
}

// open starts the next cell: <c r="B7" s="3"
func (rw *rowWriter) open(style int) {
	rw.col++
	rw.buf = append(rw.buf, `<c r="`...)
	rw.buf = appendColumnName(rw.buf, rw.col)
	rw.buf = strconv.AppendInt(rw.buf, int64(rw.row), 10)
	rw.buf = append(rw.buf, `" s="`...)
	rw.buf = strconv.AppendInt(rw.buf, int64(style), 10)
	rw.buf = append(rw.buf, '"')
}

// empty writes a cell with a style (its borders) and no value.
func (rw *rowWriter) empty(style int) {
	rw.open(style)
	rw.buf = append(rw.buf, "/>"...)
}

// number writes a numeric cell from exact decimal text ("-1234.56").
func (rw *rowWriter) number(style int, decimal string) {
	rw.open(style)
	rw.buf = append(rw.buf, "><v>"...)
	rw.buf = append(rw.buf, decimal...)
	rw.buf = append(rw.buf, "</v></c>"...)
}

// fixedPoint writes a numeric cell of n/10^scale; see figures.AppendFixedPoint.
func (rw *rowWriter) fixedPoint(style int, n int64, scale, minDecimals int) {
	rw.open(style)
	rw.buf = append(rw.buf, "><v>"...)
	rw.buf = figures.AppendFixedPoint(rw.buf, n, scale, minDecimals)
	rw.buf = append(rw.buf, "</v></c>"...)
}

// formula writes a formula cell with its cached numeric value.
func (rw *rowWriter) formula(style int, formula, cached string) {
	rw.open(style)
	rw.buf = append(rw.buf, "><f>"...)
	rw.buf = appendXMLText(rw.buf, formula)
	rw.buf = append(rw.buf, "</f><v>"...)
	rw.buf = append(rw.buf, cached...)
	rw.buf = append(rw.buf, "</v></c>"...)
}

// text writes a string cell; an empty string leaves the cell empty.
func (rw *rowWriter) text(style int, s string) {
	if s == "" {
		rw.empty(style)
		return
	}
	rw.open(style)
	rw.buf = append(rw.buf, ` t="inlineStr"><is><t`...)
	if needsSpacePreserve(s) {
		rw.buf = append(rw.buf, ` xml:space="preserve"`...)
	}
	rw.buf = append(rw.buf, '>')
	rw.buf = appendXMLText(rw.buf, truncateUTF16(s, maxCellChars))
	rw.buf = append(rw.buf, "</t></is></c>"...)
}

func needsSpacePreserve(s string) bool {
	isSpace := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// appendColumnName writes the letters of column col (1 = A).
func appendColumnName(b []byte, col int) []byte {
	var name [4]byte
	i := len(name)
	for col > 0 {
		col--
		i--
		name[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, name[i:]...)
}

// appendXMLText escapes text for an XML element. Characters XML 1.0 cannot
// carry are written as Excel's _xHHHH_ escapes, and a literal _xHHHH_ in
// the text is protected by escaping its underscore, so Excel reads back
// exactly what was written. Invalid UTF-8 becomes U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '_' {
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '_':
			if isExcelEscape(s[i:]) {
				b = append(b, "_x005F_"...)
			} else {
				b = append(b, '_')
			}
		case r == '\t' || r == '\n':
			b = append(b, byte(r))
		case r == '\r':
			b = append(b, "&#13;"...)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			b = append(b, "_x"...)
			b = append(b, hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF], '_')
		case r == utf8.RuneError && n == 1:
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

const hexDigits = "0123456789ABCDEF"

// isExcelEscape reports whether s starts with _xHHHH_.
func isExcelEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// truncateUTF16 cuts s to at most n UTF-16 code units, between characters.
func truncateUTF16(s string, n int) string {
	if len(s) <= n { // every code unit takes at least one byte
		return s
	}
	units := 0
	for i, r := range s {
		units++
		if r > 0xFFFF {
			units++
		}
		if units > n {
			return s[:i]
		}
	}
	return s
}
