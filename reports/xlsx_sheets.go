package reports

import (
	"fmt"
	"math"
	"slices"
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

// The ledger is what a bureau prints and signs: every column across one A3
// landscape page at tableSizePt, names wrapping in their cells, so it is
// never scaled below 9 pt. Numbers, which cannot wrap, take the width they
// need; names take what is left of ledgerBudget.
func (x *workbook) ledgerSheet() error {
	type rc = govbuy.ReportContract
	cols := []column[rc]{
		{"合同编号", kindText, 18, func(c *rc) cell { return textCell(c.Number) }},
		{"年度", kindYear, 6, func(c *rc) cell { return intCell(c.Year) }},
		{"购买主体", kindText, 18, func(c *rc) cell { return textCell(c.Unit) }},
		{"承接主体", kindText, 18, func(c *rc) cell { return textCell(c.Contractor) }},
		{"主体类型", kindText, 10, func(c *rc) cell { return textCell(string(c.ContractorType)) }},
		{"项目名称", kindText, 20, func(c *rc) cell { return textCell(c.Title) }},
		{"类型", kindText, 6, func(c *rc) cell { return textCell(c.Kind.Label()) }},
		{"服务类别", kindText, 12, func(c *rc) cell { return textCell(c.Category) }},
		{"购买方式", kindText, 11, func(c *rc) cell { return textCell(string(c.Method)) }},
		{"资金来源", kindText, 12, func(c *rc) cell { return textCell(string(c.Funding)) }},
		{"人数", kindCount, 8, headcountCell}, // none for projects
		{"合同金额", kindYuan, 18, func(c *rc) cell { return moneyCell(c.Amount) }},
		{"应付", kindYuan, 18, func(c *rc) cell { return moneyCell(c.Payable) }},
		{"本年支付", kindYuan, 18, func(c *rc) cell { return moneyCell(c.Paid) }},
		{"得分", kindScore, 6, func(c *rc) cell { return decimalCell(figures.ScoreText(c.Score)) }},
		{"等级", kindText, 6, func(c *rc) cell { return textCell(string(c.Grade)) }},
	}
	return writeListSheet(x, listSheet[rc]{name: sheetLedger, cols: cols, rows: x.r.Contracts,
		total: x.ledgerTotal(len(cols)), below: signatureLine(), paper: paperA3, budget: ledgerBudget})
}

// ledgerBudget is the most width the ledger's columns take, in units of
// the default font's digit width: where that is 8 px (宋体 11 pt in Chinese
// Excel; the fonts LibreOffice puts in its place are no wider), 195 units
// and 5 px of padding a column need at most 1640 px, of which A3 landscape
// within its margins holds 1510 at 100 %: scaled to 92 %, 10 pt prints at
// 9.2 pt.
const ledgerBudget = 195

// signatureLine is the line under a list for the people who sign it.
func signatureLine() string {
	var b strings.Builder
	for _, signer := range figures.Signers {
		b.WriteString(signer + "：" + strings.Repeat("　", 8))
	}
	return b.String() + "日期：　　　　年　　月　　日"
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

// hintSheet is the 合规提示清单 the narrative refers to, as the PDF
// appends it: each hint with its contract's unit.
func (x *workbook) hintSheet() error {
	type h = figures.Hint
	cols := []column[h]{
		{"序号", kindCount, 6, func(w *h) cell { return intCell(w.No) }},
		{"合同编号", kindText, 18, func(w *h) cell { return textCell(w.Contract) }},
		{"购买主体", kindText, 24, func(w *h) cell { return textCell(w.Unit) }},
		{"依据", kindText, 22, func(w *h) cell { return textCell(w.Rule) }},
		{"提示内容", kindText, 60, func(w *h) cell { return textCell(w.Message) }},
	}
	return writeListSheet(x, listSheet[h]{name: sheetHints, cols: cols, rows: figures.Hints(x.r)})
}

// Paper sizes as SpreadsheetML numbers them.
const (
	paperA3 = 8
	paperA4 = 9
)

// page is how a sheet prints.
type page struct {
	paper     int
	landscape bool
}

// portraitA4Width is about what fits across portrait A4 at 100 %, in
// column width units: wider A4 sheets print landscape before being scaled
// down to the page width.
const portraitA4Width = 100

// printSetup prepares a sheet for printing: fitted to one page wide and
// as many pages tall as needed, the header row repeated on every page, the
// report's name in the page header and page numbers in the footer.
func (x *workbook) printSetup(sheet string, pg page, titleRow bool) error {
	orientation := "portrait"
	if pg.landscape {
		orientation = "landscape"
	}
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size:        ptr(pg.paper),
		Orientation: ptr(orientation),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0), // 0: as many pages as it takes
	}); err != nil {
		return err
	}
	if err := x.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(marginIn), Right: ptr(marginIn), Top: ptr(0.75), Bottom: ptr(0.75),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if err := x.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerFooterText(truncateUTF16(x.title, 200)) + "&R" + headerFooterText(sheet),
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

// marginIn is the left and right page margin, in inches.
const marginIn = 0.4

// headerFooterText escapes & in text for a page header, where it starts a
// control code. (Excel allows 255 characters in all: the title is cut to
// 200, which only an absurd district name reaches.)
func headerFooterText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// Summary layout, four columns that print across A4 portrait at 100 %:
// labels in A, values in B, the seal box in D; the title, the narrative and
// the statement of the amount paid merged across A:D.
var summaryWidths = []float64{24, 22, 18, 18}

const (
	summaryLastCol = "D"
	signRowHeight  = 24 // pt: room to sign on
	chartRowHeight = 15 // pt: the rows the chart covers
)

// summarySheet writes the cover sheet in the order of the PDF's first
// page: title, narrative, totals and the amount in words, then the chart
// and the signature block with the seal.
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
	row, err := x.summaryText(1, figures.Title(x.r), st.title, titleSizePt, 36)
	if err != nil {
		return err
	}
	for _, p := range x.r.Narrative {
		if row, err = x.summaryText(row, p, st.narrative, bodySizePt, 0); err != nil {
			return err
		}
	}
	if row, err = x.summaryTotals(row + 1); err != nil {
		return err
	}
	if row, err = x.summaryText(row, figures.PaidStatement(x.r), st.emphasis, bodySizePt, 0); err != nil {
		return err
	}
	if row, err = x.summaryChart(row + 1); err != nil {
		return err
	}
	if err := x.summarySignature(row + 1); err != nil {
		return err
	}
	return x.printSetup(sh, page{paper: paperA4}, false)
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
	height := max(minHeight, float64(linesIn(text, int(units)-1, sizePt))*lineHeight(sizePt)+4)
	return row + 1, f.SetRowHeight(sh, row, min(height, 409)) // 409 pt: Excel's limit
}

// summaryTotals writes the headline figures under their heading as a
// two-column table.
func (x *workbook) summaryTotals(row int) (int, error) {
	const sh = sheetSummary
	st := x.st
	if err := x.f.SetCellStr(sh, cellName(1, row), "一、总体情况"); err != nil {
		return 0, err
	}
	if err := x.f.SetCellStyle(sh, cellName(1, row), cellName(1, row), st.heading); err != nil {
		return 0, err
	}
	if err := x.f.SetRowHeight(sh, row, signRowHeight); err != nil {
		return 0, err
	}
	row++
	if err := x.summaryRow(row, "项目", st.header, "数值", st.header, false); err != nil {
		return 0, err
	}
	for _, fig := range figures.Totals(x.r) {
		row++
		style, value, numeric := st.count, strconv.Itoa(fig.Count), true
		switch fig.Shown {
		case figures.AsYuan:
			style, value = st.yuan, figures.YuanText(fig.Amount)
		case figures.AsWan:
			style, value = st.yuan, figures.WanText(fig.Amount)
		case figures.AsText:
			style, value, numeric = st.figureText, fig.Text, false
		}
		if err := x.summaryRow(row, fig.Label, st.label, value, style, numeric); err != nil {
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
	return x.f.SetCellStyle(sh, b, b, valueStyle)
}

// summaryChart draws the year's payments by category as a native bar chart
// over the 按类别 sheet, so it follows any change made there, and returns
// the first row below it. The rows it covers get a set height, so that
// what follows starts below the chart in every program.
func (x *workbook) summaryChart(row int) (int, error) {
	n := len(x.r.ByCategory)
	if n == 0 {
		return row, nil
	}
	// references into 按类别: a column's rows first..last
	ref := func(col, first, last int) string {
		name, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", "按类别", name, first, name, last)
	}
	height := min(900, 90+26*n) // px
	err := x.f.AddChart(sheetSummary, cellName(1, row), &excelize.Chart{
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
		Dimension: excelize.ChartDimension{Width: 600, Height: uint(height)},
		Format:    excelize.GraphicOptions{PrintObject: ptr(true)},
	})
	if err != nil {
		return 0, err
	}
	rows := int(math.Ceil(float64(height)*0.75/chartRowHeight)) + 1 // 0.75 pt a px, and a row of space
	for r := row; r < row+rows; r++ {
		if err := x.f.SetRowHeight(sheetSummary, r, chartRowHeight); err != nil {
			return 0, err
		}
	}
	return row + rows, nil
}

// summarySignature writes the signature block as the PDF has it: a line
// for each signer and the date in A:B, the box for the seal beside them
// in D.
func (x *workbook) summarySignature(row int) error {
	const sh = sheetSummary
	f, st := x.f, x.st
	lines := append(slices.Clone(figures.Signers), "日期")
	for i, label := range lines {
		r := row + i
		if err := f.SetRowHeight(sh, r, signRowHeight); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellName(1, r), label+"："); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cellName(1, r), cellName(1, r), st.signLabel); err != nil {
			return err
		}
		if label == "日期" {
			if err := f.SetCellStr(sh, cellName(2, r), "年　　月　　日"); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, cellName(2, r), cellName(2, r), st.signLine); err != nil {
			return err
		}
	}
	top, bottom := cellName(4, row), cellName(4, row+len(lines)-1)
	if err := f.MergeCell(sh, top, bottom); err != nil {
		return err
	}
	if err := f.SetCellStr(sh, top, "（盖章）"); err != nil {
		return err
	}
	return f.SetCellStyle(sh, top, bottom, st.seal)
}

// headcountCell is a post's people, 待补充 while not known.
func headcountCell(c *govbuy.ReportContract) cell {
	if c.Pending.Has(govbuy.FieldHeadcount) {
		return textCell("待补充")
	}
	return optionalInt(c.Headcount)
}
