package reports

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"io"
	"io/fs"
	"strings"

	"github.com/xuri/excelize/v2"
)

// numberZip is the zip writer excelize saves the workbook through
// (File.ZipWriter). excelize v2.11.1 can write an exact decimal such as
// "1234.56" as a number only through SetCellDefault on in-memory cells:
// its StreamWriter writes strings as text and numbers only from int or
// float64, and every formula's cached value is marked as text (t="str").
// So, in worksheet parts only, numberZip rewrites the cells whose style is
// one of the workbook's numeric styles and whose value is plain decimal
// text:
//
//	<c r="L2" s="7" t="inlineStr"><is><t>1234.56</t></is></c>  →  <c r="L2" s="7"><v>1234.56</v></c>
//	<c r="L9" s="12" t="str"><f>SUM(L2:L8)</f><v>1234.56</v></c> →  <c r="L9" s="12"><f>SUM(L2:L8)</f><v>1234.56</v></c>
//
// Text cells never carry a numeric style, and a value that is not a plain
// decimal is left alone, so no text can turn into a number or a formula.
type numberZip struct {
	zw      *zip.Writer
	numeric map[string]bool // style ids as written in s="…"
	open    *cellRewriter   // the worksheet part being written, if any
}

func newNumberZip(w io.Writer, numeric map[string]bool) *numberZip {
	zw := zip.NewWriter(w)
	// The ledger sheet of a large year is tens of MB of XML: the fastest
	// deflate level saves most of the time for a slightly larger file.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return &numberZip{zw: zw, numeric: numeric}
}

func (z *numberZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	w, err := z.zw.Create(name)
	if err != nil || !isWorksheetPart(name) {
		return w, err
	}
	z.open = &cellRewriter{out: bufio.NewWriterSize(w, 64<<10), numeric: z.numeric}
	return z.open, nil
}

func (z *numberZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *numberZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.Close()
}

// finish writes out the rest of the open worksheet part.
func (z *numberZip) finish() error {
	if z.open == nil {
		return nil
	}
	err := z.open.flush()
	z.open = nil
	return err
}

func isWorksheetPart(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml")
}

var _ excelize.ZipWriter = (*numberZip)(nil)

// cellRewriter rewrites one worksheet part as it is written. It holds back
// the text after the last complete cell until more arrives, so a cell split
// across writes is seen whole.
type cellRewriter struct {
	out     *bufio.Writer
	numeric map[string]bool
	pending []byte
}

var (
	cellOpen  = []byte(`<c r="`)
	cellClose = []byte(`</c>`)
)

func (c *cellRewriter) Write(p []byte) (int, error) {
	c.pending = append(c.pending, p...)
	cut := bytes.LastIndex(c.pending, cellClose)
	if cut < 0 {
		return len(p), nil
	}
	cut += len(cellClose)
	if err := c.rewrite(c.pending[:cut]); err != nil {
		return 0, err
	}
	c.pending = append(c.pending[:0], c.pending[cut:]...)
	return len(p), nil
}

func (c *cellRewriter) flush() error {
	if err := c.rewrite(c.pending); err != nil {
		return err
	}
	c.pending = nil
	return c.out.Flush()
}

// rewrite copies b, rewriting each numeric cell in it.
func (c *cellRewriter) rewrite(b []byte) error {
	for {
		i := bytes.Index(b, cellOpen)
		if i < 0 {
			_, err := c.out.Write(b)
			return err
		}
		end := bytes.Index(b[i:], cellClose)
		tagEnd := bytes.IndexByte(b[i:], '>')
		if end < 0 || tagEnd < 0 || tagEnd > end || b[i+tagEnd-1] == '/' {
			// not a cell with content: copy up to past its start
			if _, err := c.out.Write(b[:i+len(cellOpen)]); err != nil {
				return err
			}
			b = b[i+len(cellOpen):]
			continue
		}
		if _, err := c.out.Write(b[:i]); err != nil {
			return err
		}
		cell := b[i : i+end+len(cellClose)]
		if err := c.writeCell(cell[:tagEnd+1], cell[tagEnd+1:len(cell)-len(cellClose)]); err != nil {
			return err
		}
		b = b[i+end+len(cellClose):]
	}
}

var (
	inlineStart = []byte(`<is><t>`)
	inlineEnd   = []byte(`</t></is>`)
	valueStart  = []byte(`<v>`)
	valueEnd    = []byte(`</v>`)
)

// writeCell writes one cell, given its start tag and its content.
func (c *cellRewriter) writeCell(tag, body []byte) error {
	typ, typeAttr := attr(tag, ` t="`)
	style, _ := attr(tag, ` s="`)
	var value []byte
	switch {
	case typ == nil || !c.numeric[string(style)]:
	case string(typ) == "inlineStr" && bytes.HasPrefix(body, inlineStart) && bytes.HasSuffix(body, inlineEnd):
		value = body[len(inlineStart) : len(body)-len(inlineEnd)]
		body = nil // replaced by <v>value</v>
	case string(typ) == "str":
		if v := bytes.LastIndex(body, valueStart); v >= 0 && bytes.HasSuffix(body, valueEnd) {
			value = body[v+len(valueStart) : len(body)-len(valueEnd)]
		}
	}
	if value == nil || !isDecimal(value) {
		return c.write(tag, body, cellClose)
	}
	// drop the t="…" attribute: a cell without one holds a number
	if err := c.write(tag[:typeAttr[0]], tag[typeAttr[1]:]); err != nil {
		return err
	}
	if body != nil {
		return c.write(body, cellClose)
	}
	return c.write(valueStart, value, valueEnd, cellClose)
}

func (c *cellRewriter) write(parts ...[]byte) error {
	for _, p := range parts {
		if _, err := c.out.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// attr finds name="value" in a start tag and returns the value and the
// span of the whole attribute, leading space included.
func attr(tag []byte, name string) (value []byte, span [2]int) {
	i := bytes.Index(tag, []byte(name))
	if i < 0 {
		return nil, span
	}
	start := i + len(name)
	end := bytes.IndexByte(tag[start:], '"')
	if end < 0 {
		return nil, span
	}
	return tag[start : start+end], [2]int{i, start + end + 1}
}

// isDecimal accepts what fixedPoint and strconv.Itoa write: an optional
// minus, digits, and an optional fraction.
func isDecimal(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	digits, dot := 0, false
	for i, ch := range b {
		switch {
		case ch >= '0' && ch <= '9':
			digits++
		case ch == '.' && !dot && i > 0 && i < len(b)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
