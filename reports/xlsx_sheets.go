package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/reports/internal/figures"
)

// Breakdown sheet columns; the summary's chart reads 名称 and 已支付（万元）.
const (
	breakdownNameCol    = 1
	breakdownPaidWanCol = 6
)

func (x *workbook) breakdownSheet(b figures.Breakdown) error {
	t := figures.Sum(b.Rows)
	paid := t.Paid
	type rg = govbuy.ReportGroup
	cols := []column[rg]{
		{"名称", kindText, 40, func(g *rg) cell { return textCell(g.Name) }},
		{"合同数", kindCount, 10, func(g *rg) cell { return intCell(g.Contracts) }},
		{"合同金额（元）", kindYuan, 20, func(g *rg) cell { return moneyCell(g.ContractAmount) }},
		{"合同金额（万元）", kindWan, 18, func(g *rg) cell { return moneyCell(g.ContractAmount) }},
		{"已支付（元）", kindYuan, 20, func(g *rg) cell { return moneyCell(g.Paid) }},
		{"已支付（万元）", kindWan, 18, func(g *rg) cell { return moneyCell(g.Paid) }},
		{"占比", kindShare, 10, func(g *rg) cell { return decimalCell(figures.ShareText(g.Paid, paid)) }},
		{"上年支付（元）", kindYuan, 20, func(g *rg) cell { return moneyCell(g.PrevPaid) }},
		{"增减（元）", kindYuan, 20, func(g *rg) cell { return moneyCell(g.Paid - g.PrevPaid) }},
	}
	n := len(b.Rows)
	st := x.st
	total := []totalCell{
		{style: st.totalText, text: "合计"},
		sumCell(st.totalCount, 2, n, strconv.Itoa(t.Contracts)),
		sumCell(st.totalYuan, 3, n, figures.YuanText(t.ContractAmount)),
		sumCell(st.totalYuan, 4, n, figures.WanText(t.ContractAmount)),
		sumCell(st.totalYuan, 5, n, figures.YuanText(t.Paid)),
		sumCell(st.totalYuan, 6, n, figures.WanText(t.Paid)),
		shareTotal(st.totalShare, n, b.Rows, paid),
		sumCell(st.totalYuan, 8, n, figures.YuanText(t.PrevPaid)),
		sumCell(st.totalYuan, 9, n, figures.YuanText(t.Paid-t.PrevPaid)),
	}
	return writeListSheet(x, listSheet[rg]{name: b.Name, cols: cols, rows: b.Rows, total: total})
}

// shareTotal sums the shares as written, so the cached value is exactly
// what the formula computes (100 % give or take the rounding of each row).
func shareTotal(style, n int, rows []govbuy.ReportGroup, paid govbuy.Money) totalCell {
	if paid == 0 {
		return totalCell{style: style}
	}
	var millionths int64
	for _, g := range rows {
		v, _ := figures.RatioScaled(g.Paid, paid, 6)
		millionths += v
	}
	return sumCell(style, 7, n, figures.FixedPoint(millionths, 6, 0))
}

func (x *workbook) ledgerSheet() error {
	type rc = govbuy.ReportContract
	cols := []column[rc]{
		{"合同编号", kindText, 24, func(c *rc) cell { return textCell(c.Number) }},
		{"年度", kindYear, 8, func(c *rc) cell { return intCell(c.Year) }},
		{"购买主体", kindText, 36, func(c *rc) cell { return textCell(c.Unit) }},
		{"承接主体", kindText, 36, func(c *rc) cell { return textCell(c.Contractor) }},
		{"主体类型", kindText, 22, func(c *rc) cell { return textCell(string(c.ContractorType)) }},
		{"项目名称", kindText, 44, func(c *rc) cell { return textCell(c.Title) }},
		{"类型", kindText, 8, func(c *rc) cell { return textCell(c.Kind.Label()) }},
		{"服务类别", kindText, 24, func(c *rc) cell { return textCell(c.Category) }},
		{"购买方式", kindText, 14, func(c *rc) cell { return textCell(string(c.Method)) }},
		{"资金来源", kindText, 16, func(c *rc) cell { return textCell(string(c.Funding)) }},
		{"人数", kindCount, 8, func(c *rc) cell { return optionalInt(c.Headcount) }}, // none for projects
		{"合同金额", kindYuan, 18, func(c *rc) cell { return moneyCell(c.Amount) }},
		{"应付", kindYuan, 18, func(c *rc) cell { return moneyCell(c.Payable) }},
		{"本年支付", kindYuan, 18, func(c *rc) cell { return moneyCell(c.Paid) }},
		{"得分", kindScore, 8, func(c *rc) cell { return decimalCell(figures.ScoreText(c.Score)) }},
		{"等级", kindText, 8, func(c *rc) cell { return textCell(string(c.Grade)) }},
	}
	return writeListSheet(x, listSheet[rc]{name: sheetLedger, cols: cols, rows: x.r.Contracts, total: x.ledgerTotal(len(cols))})
}

// ledgerTotal adds up the ledger. The list also holds earlier contracts paid
// in the year, so 合同金额 sums the year's own contracts only (SUMIF on 年度),
// matching the totals; the other columns sum every row.
func (x *workbook) ledgerTotal(ncols int) []totalCell {
	rows := x.r.Contracts
	n := len(rows)
	var heads int
	var amount, payable, paid govbuy.Money
	for i := range rows {
		heads += rows[i].Headcount
		payable += rows[i].Payable
		paid += rows[i].Paid
		if rows[i].Year == x.r.Year {
			amount += rows[i].Amount
		}
	}
	st := x.st
	total := make([]totalCell, ncols)
	for i := range total {
		total[i] = totalCell{style: st.totalText}
	}
	total[0].text = "合计"
	total[5].text = fmt.Sprintf("合同金额只计%d年度合同", x.r.Year)
	total[10] = sumCell(st.totalCount, 11, n, strconv.Itoa(heads))
	total[11] = totalCell{style: st.totalYuan, number: figures.YuanText(amount)} // 合同金额, L
	if n > 0 {
		total[11].formula = fmt.Sprintf("SUMIF(B2:B%d,%d,L2:L%d)", n+1, x.r.Year, n+1) // B: 年度
	}
	total[12] = sumCell(st.totalYuan, 13, n, figures.YuanText(payable))
	total[13] = sumCell(st.totalYuan, 14, n, figures.YuanText(paid))
	return total
}

func (x *workbook) assessmentSheet() error {
	type ra = govbuy.ReportAssessment
	cols := []column[ra]{
		{"合同编号", kindText, 24, func(a *ra) cell { return textCell(a.Contract) }},
		{"考核期间", kindText, 12, func(a *ra) cell { return textCell(a.Period) }},
		{"得分", kindScore, 8, func(a *ra) cell { return decimalCell(a.Score.String()) }},
		{"等级", kindText, 8, func(a *ra) cell { return textCell(string(a.Grade)) }},
		{"考核基数（元）", kindYuan, 18, func(a *ra) cell { return moneyCell(a.Base) }},
		{"应付（元）", kindYuan, 18, func(a *ra) cell { return moneyCell(a.Payable) }},
		{"已支付（元）", kindYuan, 18, func(a *ra) cell { return moneyCell(a.Paid) }},
		{"支付规则", kindText, 50, func(a *ra) cell { return textCell(a.Rule) }},
	}
	return writeListSheet(x, listSheet[ra]{name: sheetAssessments, cols: cols, rows: x.r.Assessments})
}

func (x *workbook) warningSheet() error {
	type rw = govbuy.Warning
	cols := []column[rw]{
		{"合同编号", kindText, 24, func(w *rw) cell { return textCell(w.Contract) }},
		{"依据", kindText, 30, func(w *rw) cell { return textCell(w.Rule) }},
		{"提示内容", kindText, 70, func(w *rw) cell { return textCell(w.Message) }},
	}
	return writeListSheet(x, listSheet[rw]{name: sheetWarnings, cols: cols, rows: x.r.Warnings})
}

// printSetup prepares a sheet for printing: A4, fitted to one page wide and
// as many pages tall as needed, the header row repeated on every page, the
// report's name in the page header and page numbers in the footer.
func (x *workbook) printSetup(sheet string, landscape, titleRow bool) error {
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr(orientation),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0), // 0: as many pages as it takes
	}); err != nil {
		return err
	}
	if err := x.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if err := x.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerFooterText(truncateUTF16(figures.Title(x.r), 200)) + "&R" + headerFooterText(sheet),
		OddFooter: "&C第 &P 页 共 &N 页",
	}); err != nil {
		return err
	}
	if !titleRow {
		return nil
	}
	return x.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + sheet + "'!$1:$1",
		Scope:    sheet,
	})
}

// headerFooterText escapes & in text for a page header, where it starts a
// control code. (Excel allows 255 characters in all: the title is cut to
// 200, which only an absurd district name reaches.)
func headerFooterText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// Summary layout: labels in A, values in B, the title and the narrative
// merged across A:H.
var summaryWidths = []float64{28, 24, 12, 12, 12, 12, 12, 12}

const (
	summaryLastCol = "H"
	lineHeightPt   = 15 // one line of 11 pt 宋体
)

func (x *workbook) summarySheet() error {
	const sh = sheetSummary
	f, st := x.f, x.st
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	for i, w := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	row, err := x.summaryText(1, figures.Title(x.r), st.title, 16, 36)
	if err != nil {
		return err
	}
	for _, p := range x.r.Narrative {
		if row, err = x.summaryText(row, p, st.narrative, 11, 0); err != nil {
			return err
		}
	}
	if row, err = x.summaryTotals(row + 1); err != nil {
		return err
	}
	if err := x.summaryChart(row + 1); err != nil {
		return err
	}
	return x.printSetup(sh, false, false)
}

// summaryText writes text merged across the summary's width. Excel does not
// fit the height of merged cells to their text, so the row height comes from
// the text's width; minHeight 0 means just that.
func (x *workbook) summaryText(row int, text string, style int, sizePt, minHeight float64) (int, error) {
	const sh = sheetSummary
	f := x.f
	first, last := cellName(1, row), summaryLastCol+strconv.Itoa(row)
	if err := f.MergeCell(sh, first, last); err != nil {
		return 0, err
	}
	if err := f.SetCellStr(sh, first, text); err != nil {
		return 0, err
	}
	if err := f.SetCellStyle(sh, first, last, style); err != nil {
		return 0, err
	}
	var units float64
	for _, w := range summaryWidths {
		units += w
	}
	perLine := int(units*11/sizePt) - 2
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines += max(1, (displayWidth(para)+perLine-1)/perLine)
	}
	height := max(minHeight, float64(lines)*lineHeightPt*sizePt/11+4)
	return row + 1, f.SetRowHeight(sh, row, min(height, 409)) // 409 pt: Excel's limit
}

// summaryTotals writes the headline figures as a two-column table.
func (x *workbook) summaryTotals(row int) (int, error) {
	t, st := x.r.Totals, x.st
	items := []struct {
		label   string
		style   int
		value   string // exact decimal text for numbers
		numeric bool
	}{
		{"单位数", st.count, strconv.Itoa(t.Units), true},
		{"承接主体数", st.count, strconv.Itoa(t.Contractors), true},
		{"合同数", st.count, strconv.Itoa(t.Contracts), true},
		{"岗位种类", st.count, strconv.Itoa(t.PostTypes), true},
		{"服务项目", st.count, strconv.Itoa(t.Projects), true},
		{"岗位人数", st.count, strconv.Itoa(t.PostsHeadcount), true},
		{"合同金额（元）", st.yuan, figures.YuanText(t.ContractAmount), true},
		{"合同金额（万元）", st.yuan, figures.WanText(t.ContractAmount), true},
		{"已支付（元）", st.yuan, figures.YuanText(t.Paid), true},
		{"已支付（万元）", st.yuan, figures.WanText(t.Paid), true},
		{"已支付（大写）", st.text, t.Paid.Words(), false},
	}
	if err := x.summaryRow(row, "项目", st.header, "数值", st.header, false); err != nil {
		return 0, err
	}
	for _, it := range items {
		row++
		if err := x.summaryRow(row, it.label, st.label, it.value, it.style, it.numeric); err != nil {
			return 0, err
		}
	}
	return row + 1, nil
}

func (x *workbook) summaryRow(row int, label string, labelStyle int, value string, valueStyle int, numeric bool) error {
	const sh = sheetSummary
	a, b := cellName(1, row), cellName(2, row)
	if err := x.f.SetCellStr(sh, a, label); err != nil {
		return err
	}
	var err error
	if numeric {
		// SetCellDefault stores numeric text as the cell's value as is:
		// exact, where SetCellValue would go through float64.
		err = x.f.SetCellDefault(sh, b, value)
	} else {
		err = x.f.SetCellStr(sh, b, value)
	}
	if err != nil {
		return err
	}
	if err := x.f.SetCellStyle(sh, a, a, labelStyle); err != nil {
		return err
	}
	if err := x.f.SetCellStyle(sh, b, b, valueStyle); err != nil {
		return err
	}
	if perLine := int(summaryWidths[1]) - 1; !numeric && displayWidth(value) > perLine {
		lines := (displayWidth(value) + perLine - 1) / perLine
		return x.f.SetRowHeight(sh, row, float64(lines)*lineHeightPt)
	}
	return nil
}

// summaryChart draws the year's payments by category as a native bar chart
// over the 按类别 sheet, so it follows any change made there.
func (x *workbook) summaryChart(row int) error {
	n := len(x.r.ByCategory)
	if n == 0 {
		return nil
	}
	// references into 按类别: a column's rows first..last
	ref := func(col, first, last int) string {
		name, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", "按类别", name, first, name, last)
	}
	return x.f.AddChart(sheetSummary, cellName(1, row), &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       strings.Split(ref(breakdownPaidWanCol, 1, 1), ":")[0], // the header
			Categories: ref(breakdownNameCol, 2, n+1),
			Values:     ref(breakdownPaidWanCol, 2, n+1),
		}},
		Title:    excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "各服务类别本年支付金额（万元）"}}},
		Legend:   excelize.ChartLegend{Position: "none"},
		PlotArea: excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtYuan}},
		XAxis:    excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "000000"}}, // top to bottom, as listed
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Color: "000000"},
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtCount}},
		Dimension: excelize.ChartDimension{Width: 820, Height: uint(min(900, 90+26*n))},
		Format:    excelize.GraphicOptions{PrintObject: ptr(true)},
	})
}
