package pdf

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"govbuy"
	"govbuy/assets"
	"govbuy/reports/internal/figures"
	"govbuy/reports/pdf/internal/fpdf"
)

// WriteReport writes the report for printing on A4: the title, the narrative,
// the headline figures (paid in 元, 万元 and 大写), the breakdown tables, a
// bar chart of payments by category and the signature block with a box for
// the seal, followed by the list of compliance hints the narrative refers
// to, if there are any, and the contract ledger on landscape pages; both
// lists repeat their table header on each page. Every page is numbered
// "第 X 页 共 N 页".
func WriteReport(w io.Writer, r *govbuy.Report) error {
	if r == nil {
		return errors.New("pdf: report: no report")
	}
	return write(w, "report", figures.Title(r), func(d *pdfDoc) {
		d.r = r
		d.build()
	})
}

// write starts a document titled title, has layout draw it and writes it
// to w; what names the document in errors.
func write(w io.Writer, what, title string, layout func(*pdfDoc)) error {
	d, err := newPDFDoc(title)
	if err != nil {
		return fmt.Errorf("pdf: %s: %w", what, err)
	}
	layout(d)
	if err := d.writeTo(w); err != nil {
		return fmt.Errorf("pdf: %s: %w", what, err)
	}
	return nil
}

// writeTo finishes the document and writes it to w. fpdf records the
// first error and ignores later calls; closing first keeps a failed
// document from being written out at all.
func (d *pdfDoc) writeTo(w io.Writer) error {
	d.pdf.Close()
	if err := d.pdf.Error(); err != nil {
		return err
	}
	return d.pdf.Output(w)
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

// pdfDoc is one PDF being written: where the next content goes, and the
// font it has set, whose size every measurement needs. Text and rules go
// through fpdf's ShowText and Line, which write straight into the page;
// see fpdf's README for what that copy does differently.
type pdfDoc struct {
	pdf    *fpdf.Fpdf
	r      *govbuy.Report // the annual report being written, if it is
	style  string
	sizePt float64
	y      float64 // where the next content goes, mm from the top

	footers []float64 // where each finished page's footer continues; see finishFooters
}

func newPDFDoc(title string) (*pdfDoc, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, 0) // pages break where the layout decides
	pdf.AddUTF8FontFromBytes(fontFamily, styleReg, assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, styleBold, assets.FontBold)
	pdf.SetTitle(title, true)
	pdf.SetSubject(title, true)
	pdf.SetCreator("govbuy", true)
	d := &pdfDoc{pdf: pdf}
	// fpdf prints a font it cannot parse instead of failing; selecting
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
	d.hintList()
	d.ledger()
	d.finishFooters()
}

const footerSizePt = 9

// footer writes "第 X 页 共" at the foot of the page being finished; the
// page count follows once known (finishFooters). fpdf's AliasNbPages
// would do it by searching and rewriting the content of every page, tens
// of MB for the ledger of a large year.
func (d *pdfDoc) footer() {
	d.setFont(styleReg, footerSizePt)
	w, h := d.pdf.GetPageSize()
	no := strconv.Itoa(d.pdf.PageNo())
	head := "第 " + no + " 页 共"
	// centred as if the count had as many digits as the page number
	x := (w - d.textWidth(head+" "+no+" 页")) / 2
	d.text(x, h-footerSpace+4, d.lineHeight(), head)
	d.footers = append(d.footers, x+d.textWidth(head))
}

// finishFooters adds the page count to every page's footer.
func (d *pdfDoc) finishFooters() {
	d.footer()
	rest := " " + strconv.Itoa(len(d.footers)) + " 页"
	d.setFont(styleReg, footerSizePt)
	lh := d.lineHeight()
	for i, x := range d.footers {
		d.pdf.SetPage(i + 1)
		d.pdf.SetFontSize(footerSizePt) // selects the font in this page's content
		d.text(x, d.pageHeight()-footerSpace+4, lh, rest)
	}
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
	d.pdf.AddPageFormat(orientation, fpdf.SizeType{Wd: 210, Ht: 297})
	d.y = pageMargin
}

// contentWidth and bottom bound the current page's writing area.
func (d *pdfDoc) contentWidth() float64 {
	w, _ := d.pdf.GetPageSize()
	return w - 2*pageMargin
}

func (d *pdfDoc) bottom() float64 { return d.pageHeight() - footerSpace }

func (d *pdfDoc) pageHeight() float64 {
	_, h := d.pdf.GetPageSize()
	return h
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
	d.pdf.SetFont(fontFamily, style, sizePt)
	d.style, d.sizePt = style, sizePt
}

// em is the current font size in mm.
func (d *pdfDoc) em() float64 { return d.sizePt * ptToMM }

// lineHeight is the height of a line of running text.
func (d *pdfDoc) lineHeight() float64 { return d.em() * textSpacing }

// runeWidth is the width in mm of r in the current font.
func (d *pdfDoc) runeWidth(r rune) float64 {
	return float64(d.pdf.RuneWidth(r)) * d.em() / 1000
}

func (d *pdfDoc) textWidth(s string) float64 {
	units := 0
	for _, r := range s {
		units += d.pdf.RuneWidth(r)
	}
	return float64(units) * d.em() / 1000
}

// replacementRune stands for characters that cannot be printed; see clean.
const replacementRune = '□'

// clean makes text printable: control characters become spaces, and
// characters beyond the BMP (which fpdf's font subsetting cannot embed)
// and invalid UTF-8 (on which fpdf's own conversion panics) become the
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
func (d *pdfDoc) text(x, top, lh float64, s string) {
	em := d.em()
	d.pdf.ShowText(x, top+(lh-em)/2+glyphAscent*em, s)
}

// line draws a rule in the current line width and colour.
func (d *pdfDoc) line(x1, y1, x2, y2 float64) { d.pdf.Line(x1, y1, x2, y2) }

// fillRect paints a rectangle, then returns the fill colour to black, the
// colour text is painted in.
func (d *pdfDoc) fillRect(x, y, w, h float64, r, g, b int) {
	d.pdf.SetFillColor(r, g, b)
	d.pdf.Rect(x, y, w, h, "F")
	d.pdf.SetFillColor(0, 0, 0)
}
