package pdf

import "govbuy/reports/internal/figures"

// Signature block geometry, in mm.
const (
	signRowGap   = 13
	signLine     = 38 // length of a signature line
	signColWidth = 68 // from one label to the next in a row
	sealBox      = 40 // side of the box left for the seal
)

// signature writes the lines the people responsible sign on and a box for
// the unit's seal, kept together on one page.
func (d *pdfDoc) signature() {
	d.setFont(styleReg, bodySizePt)
	lh := d.lineHeight()
	height := float64(max(3*signRowGap, sealBox) + 10)
	d.y += 6
	d.need(height)
	top := d.y
	// two signers a row
	for i, signer := range figures.Signers {
		y := top + float64(i/2)*signRowGap
		d.signLine(pageMargin+float64(i%2)*signColWidth, y, lh, signer+"：")
	}
	y := top + 2*signRowGap
	d.text(pageMargin, y, lh, "日期：")
	x := pageMargin + d.textWidth("日期：")
	for _, part := range []struct {
		blank float64
		unit  string
	}{{16, "年"}, {10, "月"}, {10, "日"}} {
		d.line(x, y+lh-1, x+part.blank, y+lh-1)
		x += part.blank
		d.text(x+0.5, y, lh, part.unit)
		x += d.textWidth(part.unit) + 1
	}
	d.sealBox(top, lh)
	d.y = top + height
}

// signLine writes a label followed by a line to sign on.
func (d *pdfDoc) signLine(x, y, lh float64, label string) {
	d.text(x, y, lh, label)
	start := x + d.textWidth(label)
	d.line(start, y+lh-1, start+signLine-d.textWidth(label)+12, y+lh-1)
}

// sealBox draws the dashed square where the seal (盖章) goes.
func (d *pdfDoc) sealBox(top, lh float64) {
	x := pageMargin + d.contentWidth() - sealBox
	d.pdf.SetDashPattern([]float64{1.5, 1}, 0)
	d.pdf.Rect(x, top-2, sealBox, sealBox, "D")
	d.pdf.SetDashPattern(nil, 0)
	label := "（盖章）"
	d.text(x+(sealBox-d.textWidth(label))/2, top-2+sealBox-lh-2, lh, label)
}
