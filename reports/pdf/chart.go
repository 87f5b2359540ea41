package pdf

import (
	"govbuy"
	"govbuy/reports/internal/figures"
)

// Bar chart geometry, in mm.
const (
	chartLabelWidth = 50
	chartValueWidth = 24
	chartBarHeight  = 4
	chartRowGap     = 2.5
	chartBarScale   = 1000 // bar lengths in thousandths of the longest
)

// chart draws the year's payments by category as horizontal bars, the
// longest for the largest amount, each labelled with its 万元 figure.
func (d *pdfDoc) chart() {
	cats := d.r.ByCategory
	if len(cats) == 0 {
		return
	}
	d.setFont(styleReg, tableSizePt)
	lh := d.em() * tableSpacing
	rows := make([][]string, len(cats))
	height := 0.0
	for i, g := range cats {
		rows[i] = d.wrap(clean(g.Name), chartLabelWidth-2, chartLabelWidth-2)
		height += chartRowHeight(len(rows[i]), lh)
	}
	// on one page with its heading when it fits on one
	d.heading("三、各服务类别本年支付金额（万元）", headingSizePt, min(height, d.bottom()-pageMargin-20))
	d.setFont(styleReg, tableSizePt)
	maxPaid := govbuy.Money(0)
	for _, g := range cats {
		maxPaid = max(maxPaid, g.Paid)
	}
	x0 := pageMargin + chartLabelWidth
	barMax := d.contentWidth() - chartLabelWidth - chartValueWidth
	top := d.y
	for i, g := range cats {
		h := chartRowHeight(len(rows[i]), lh)
		if d.y+h > d.bottom() {
			d.line(x0, top, x0, d.y)
			d.breakPage()
			top = d.y
			d.setFont(styleReg, tableSizePt)
		}
		d.chartRow(rows[i], g.Paid, maxPaid, x0, barMax, h, lh)
		d.y += h
	}
	d.line(x0, top, x0, d.y) // the axis
	d.y += 4
}

func chartRowHeight(lines int, lh float64) float64 {
	return max(float64(lines)*lh, chartBarHeight) + chartRowGap
}

// chartRow draws one category: its name right-aligned before the axis, the
// bar, and the amount after it. Bar lengths come from an integer ratio of
// the amounts, so only the drawing is in floating point.
func (d *pdfDoc) chartRow(label []string, paid, maxPaid govbuy.Money, x0, barMax, h, lh float64) {
	top := d.y + (h-float64(len(label))*lh)/2
	for j, line := range label {
		d.text(x0-2-d.textWidth(line), top+float64(j)*lh, lh, line)
	}
	length := 0.0
	if thousandths, ok := figures.RatioScaled(max(paid, 0), maxPaid, 3); ok {
		length = barMax * float64(thousandths) / chartBarScale
	}
	barTop := d.y + (h-chartBarHeight)/2
	if length > 0 {
		d.fillRect(x0, barTop, length, chartBarHeight, 79, 129, 189)
	}
	d.text(x0+length+1.5, barTop, chartBarHeight, paid.Wan())
}
