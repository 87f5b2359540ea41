package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"govbuy/reports/pdf/internal/fpdf"

	"govbuy"
	"govbuy/assets"
	"govbuy/reports/internal/figures"
)

// WriteReport writes the report for printing on A4: the title, the narrative,
// the headline figures (paid in 元, 万元 and 大写), the breakdown tables, a
// bar chart of payments by category and the signature block with a box for
// the seal, followed by the contract ledger on landscape pages that repeat
// the table header. Every page is numbered "第 X 页 共 N 页".
func WriteReport(w io.Writer, r *govbuy.Report) error {
	if r == nil {
		return errors.New("pdf: report: no report")
	}
	d, err := newPDFDoc(r)
	if err != nil {
		return fmt.Errorf("pdf: report: %w", err)
	}
	d.build()
	d.flush()
	// gofpdf records the first error and ignores later calls. Closing
	// first keeps a failed document from being written out at all.
	d.pdf.Close()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf: report: %w", err)
	}
	var raw bytes.Buffer
	if err := d.pdf.Output(&raw); err != nil {
		return fmt.Errorf("pdf: report: %w", err)
	}
	if err := compressStreams(w, raw.Bytes(), d.chunks); err != nil {
		return fmt.Errorf("pdf: report: %w", err)
	}
	return nil
}

const (
	fontFamily = "notosanssc"
	styleReg   = ""
	styleBold  = "B"

	pageMargin   = 15.0 // mm
	footerSpace  = 14.0 // mm kept free at the bottom for the page number
	ptToMM       = 25.4 / 72
	textSpacing  = 1.5  // line height of running text, in em
	tableSpacing = 1.25 // line height in table cells, in em
	glyphAscent  = 0.88 // top of a CJK ideograph above the baseline, in em
)

// pdfDoc is one PDF being written. It tracks the font it has set so that it
// can measure text without asking gofpdf for each string, and it writes
// table text and rules as raw content (see text), which gofpdf's own calls
// would make too slow for a ledger of thousands of pages.
type pdfDoc struct {
	pdf    *fpdf.Fpdf
	r      *govbuy.Report
	style  string
	sizePt float64
	widths map[string]*glyphWidths
	gw     *glyphWidths // of the current font
	y      float64      // where the next content goes, mm from the top
	pageH  float64      // height of the current page, mm

	raw    []byte  // content not yet handed over; see flush
	chunks *chunks // content handed over
	inText bool    // raw ends inside a text object (BT) ...
	tx, ty int64   // ... whose last line starts here, in 1/100 pt

	footers []pageFooter // one per finished page; see finishFooters
}

func newPDFDoc(r *govbuy.Report) (*pdfDoc, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, 0) // pages break where the layout decides
	pdf.SetCompression(false)      // compressStreams does it, faster
	pdf.AddUTF8FontFromBytes(fontFamily, styleReg, assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, styleBold, assets.FontBold)
	title := figures.Title(r)
	pdf.SetTitle(title, true)
	pdf.SetSubject(title, true)
	pdf.SetCreator("govbuy", true)
	d := &pdfDoc{pdf: pdf, r: r, chunks: newChunks(), widths: map[string]*glyphWidths{
		styleReg: newGlyphWidths(), styleBold: newGlyphWidths(),
	}}
	// gofpdf prints a font it cannot parse instead of failing; selecting
	// each font turns that into an error.
	d.setFont(styleBold, 10)
	d.setFont(styleReg, 10)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return d, nil
}

func (d *pdfDoc) build() {
	d.addPage("P")
	d.titleBlock()
	d.narrative()
	d.totals()
	d.breakdownTables()
	d.chart()
	d.signature()
	d.ledger()
	d.finishFooters()
}

// pageFooter is where a page's footer continues once the page count is
// known.
type pageFooter struct {
	x, pageH float64
}

const footerSizePt = 9

// footer writes "第 X 页 共" at the foot of the page being finished; the
// page count follows once known (finishFooters). gofpdf's AliasNbPages
// cannot do it here: it replaces the alias in gofpdf's page buffers, which
// hold only markers for most of the content (see flush), and it would
// search every page of a large ledger. Writing "共" and the page number
// here also puts every character the rest needs into the font subset: the
// count's digits are those of the last page's number.
func (d *pdfDoc) footer() {
	d.setFont(styleReg, footerSizePt)
	w, h := d.pdf.GetPageSize()
	no := strconv.Itoa(d.pdf.PageNo())
	head := "第 " + no + " 页 共"
	// centred as if the count had as many digits as the page number
	x := (w - d.textWidth(head+" "+no+" 页")) / 2
	lh := d.lineHeight()
	d.text(x, h-footerSpace+4, lh, head)
	d.footers = append(d.footers, pageFooter{x: x + d.textWidth(head), pageH: h})
}

// finishFooters adds the page count to every page's footer.
func (d *pdfDoc) finishFooters() {
	d.footer()
	rest := " " + strconv.Itoa(len(d.footers)) + " 页"
	d.setFont(styleReg, footerSizePt)
	if !d.widths[styleReg].allSeen(rest) {
		d.pdf.SetError(errors.New("page count: characters missing from the font subset"))
		return
	}
	lh := d.lineHeight()
	for i, f := range d.footers {
		d.flush()
		d.pdf.SetPage(i + 1)
		d.pdf.SetFontSize(footerSizePt) // selects the font in this page's content
		d.pageH = f.pageH
		d.text(f.x, f.pageH-footerSpace+4, lh, rest)
	}
	d.flush()
	d.pdf.SetPage(len(d.footers))
}

// addPage finishes the current page, if any, and starts a new one in the
// same font.
func (d *pdfDoc) addPage(orientation string) {
	if d.pdf.PageNo() > 0 {
		style, size := d.style, d.sizePt
		defer d.setFont(style, size) // the footer changes it
		d.footer()
	}
	d.flush()
	d.pdf.AddPageFormat(orientation, fpdf.SizeType{Wd: 210, Ht: 297})
	_, d.pageH = d.pdf.GetPageSize()
	d.y = pageMargin
}

// contentWidth and bottom bound the current page's writing area.
func (d *pdfDoc) contentWidth() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - 2*pageMargin
}

func (d *pdfDoc) bottom() float64 {
	_, h := d.pdf.GetPageSize()
	return h - footerSpace
}

// need starts a new page unless h mm fit below the current position.
func (d *pdfDoc) need(h float64) {
	if d.y+h > d.bottom() {
		d.breakPage()
	}
}

// breakPage continues on a new page of the same orientation.
func (d *pdfDoc) breakPage() {
	w, h := d.pdf.GetPageSize()
	orientation := "P"
	if w > h {
		orientation = "L"
	}
	d.addPage(orientation)
}

func (d *pdfDoc) setFont(style string, sizePt float64) {
	if d.style == style && d.sizePt == sizePt {
		return
	}
	d.flush()
	d.pdf.SetFont(fontFamily, style, sizePt)
	d.style, d.sizePt, d.gw = style, sizePt, d.widths[style]
}

// em is the current font size in mm.
func (d *pdfDoc) em() float64 { return d.sizePt * ptToMM }

// lineHeight is the height of a line of running text.
func (d *pdfDoc) lineHeight() float64 { return d.em() * textSpacing }

// runeWidth is the width in mm of r in the current font.
func (d *pdfDoc) runeWidth(r rune) float64 {
	return float64(d.gw.units(d, r)) * d.em() / 1000
}

func (d *pdfDoc) textWidth(s string) float64 {
	cached := d.gw.w
	units := 0
	for _, r := range s {
		if r <= 0xFFFF && cached[r] >= 0 {
			units += int(cached[r])
		} else {
			units += d.gw.units(d, r)
		}
	}
	return float64(units) * d.em() / 1000
}

// glyphWidths caches the advance widths of one font, in 1/1000 em, filled
// as characters are first met: gofpdf's GetStringWidth converts and walks
// every string, which the ledger of a large year would do millions of times.
// It also records which characters gofpdf has been shown in this font, so
// that its subset of the font includes them.
type glyphWidths struct {
	w    []int16 // by rune; -1 until measured
	seen []bool  // by rune: drawn through gofpdf, so in its font subset
}

func newGlyphWidths() *glyphWidths {
	w := make([]int16, 0x10000)
	for i := range w {
		w[i] = -1
	}
	return &glyphWidths{w: w, seen: make([]bool, 0x10000)}
}

// allSeen reports whether every character of s is in gofpdf's subset.
func (g *glyphWidths) allSeen(s string) bool {
	for _, r := range s {
		if r > 0xFFFF || !g.seen[r] {
			return false
		}
	}
	return true
}

func (g *glyphWidths) markSeen(s string) {
	for _, r := range s {
		if r <= 0xFFFF {
			g.seen[r] = true
		}
	}
}

func (g *glyphWidths) units(d *pdfDoc, r rune) int {
	if r < 0 || r > 0xFFFF {
		r = replacementRune
	}
	if v := g.w[r]; v >= 0 {
		return int(v)
	}
	v := d.pdf.GetStringSymbolWidth(string(r))
	g.w[r] = int16(v)
	return v
}

// replacementRune stands for characters that cannot be printed; see clean.
const replacementRune = '□'

// clean makes text printable: control characters become spaces, and
// characters beyond the BMP (which gofpdf's font subsetting cannot embed)
// and invalid UTF-8 (on which gofpdf's own conversion panics) become the
// replacement box. Text that needs none of this, almost all of it, is
// returned as is.
func clean(s string) string {
	if printable(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20:
			return ' '
		case r > 0xFFFF || r == utf8.RuneError:
			return replacementRune
		}
		return r
	}, s)
}

func printable(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r > 0xFFFF {
			return false
		}
		i += n
	}
	return true
}

// wrap splits text into lines of the current font fitting width.
func (d *pdfDoc) wrap(s string, first, rest float64) []string {
	return wrapText(s, first, rest, d.runeWidth)
}

// text draws one line in a line box lh high starting at top, the
// ideographs (one em high) centred in the box. s must be clean.
//
// gofpdf's Text formats every call with fmt and records every character in
// a map for font subsetting: for a ledger of 100,000 contracts that is the
// larger part of the time. So text whose characters gofpdf has already
// drawn in the current font is written as raw content in the same form
// Text writes it (UTF-16BE, escaped); a string with a new character goes
// through Text, which adds it to the subset.
func (d *pdfDoc) text(x, top, lh float64, s string) {
	if s == "" {
		return
	}
	em := d.em()
	y := top + (lh-em)/2 + glyphAscent*em
	g := d.gw
	if !g.allSeen(s) {
		d.flush()
		d.pdf.Text(x, y, s)
		g.markSeen(s)
		return
	}
	// Lines of a text object are placed relative to the one before, in
	// exact hundredths of a point, so rounding never accumulates.
	px, py := hundredths(x*mmToPt), hundredths((d.pageH-y)*mmToPt)
	if d.inText {
		d.raw = appendHundredths(d.raw, px-d.tx)
		d.raw = append(d.raw, ' ')
		d.raw = appendHundredths(d.raw, py-d.ty)
	} else {
		d.raw = append(d.raw, "BT "...)
		d.raw = appendHundredths(d.raw, px)
		d.raw = append(d.raw, ' ')
		d.raw = appendHundredths(d.raw, py)
		d.inText = true
	}
	d.tx, d.ty = px, py
	d.raw = append(d.raw, " Td ("...)
	d.raw = appendPDFText(d.raw, s)
	d.raw = append(d.raw, ") Tj\n"...)
}

// line draws a rule in the current line width and colour.
func (d *pdfDoc) line(x1, y1, x2, y2 float64) {
	d.endText()
	d.raw = d.appendPoint(d.raw, x1, y1)
	d.raw = append(d.raw, " m "...)
	d.raw = d.appendPoint(d.raw, x2, y2)
	d.raw = append(d.raw, " l S\n"...)
}

// appendPoint writes a point given in mm from the top left in PDF user
// space: points from the bottom left.
func (d *pdfDoc) appendPoint(b []byte, x, y float64) []byte {
	b = appendHundredths(b, hundredths(x*mmToPt))
	b = append(b, ' ')
	return appendHundredths(b, hundredths((d.pageH-y)*mmToPt))
}

func (d *pdfDoc) endText() {
	if d.inText {
		d.raw = append(d.raw, "ET\n"...)
		d.inText = false
	}
}

// fillRect paints a rectangle, then returns the fill colour to black:
// raw text is painted in the fill colour.
func (d *pdfDoc) fillRect(x, y, w, h float64, r, g, b int) {
	d.flush()
	d.pdf.SetFillColor(r, g, b)
	d.pdf.Rect(x, y, w, h, "F")
	d.pdf.SetFillColor(0, 0, 0)
}

// flush hands the raw content over; it must run before any other gofpdf
// call that draws or changes state, to keep the page's order. gofpdf gets
// only a marker in its place (see chunks), so that the ledger's tens of MB
// of content are not copied through its buffers.
func (d *pdfDoc) flush() {
	d.endText()
	if len(d.raw) > 0 {
		d.pdf.RawWriteStr(d.chunks.add(d.raw))
		d.raw = d.raw[:0]
	}
}

const mmToPt = 72 / 25.4

func hundredths(v float64) int64 { return int64(math.Round(v * 100)) }

// appendHundredths writes n/100 with up to two decimals, as PDF numbers.
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// appendPDFText writes s as a PDF string for gofpdf's Identity-H fonts:
// UTF-16BE code units (s holds no character beyond the BMP, see clean),
// with the string delimiters and backslash escaped.
func appendPDFText(b []byte, s string) []byte {
	b = slices.Grow(b, 2*len(s)+8)
	for _, r := range s {
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			if c == '\\' || c == '(' || c == ')' || c == '\r' {
				b = append(b, '\\', pdfEscape[c])
			} else {
				b = append(b, c)
			}
		}
	}
	return b
}

// pdfEscape is the letter after the backslash of each escaped byte.
var pdfEscape = [256]byte{'\\': '\\', '(': '(', ')': ')', '\r': 'r'}
