package reports

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/reports/internal/figures"
)

// Sheet names of the workbook, in order.
const (
	sheetSummary     = "汇总"
	sheetLedger      = "合同台账"
	sheetAssessments = "考核情况"
	sheetHints       = figures.HintList
)

// WriteXLSX writes the model as an Excel workbook: a 汇总 cover sheet that
// reads like the PDF's first page (the title with the district, the
// narrative, the totals with the amount in 大写, a chart of payments by
// category and the signature block) on A4 portrait; one sheet per
// breakdown with a 合计 row of SUM formulas; the contract ledger, printed
// on A3 landscape to be signed; the assessments and the 合规提示清单 the
// narrative refers to. Every sheet prints fitted to the page width with
// page numbers in the footer; the list sheets, in 10 pt, freeze, filter and
// repeat on each printed page their header row.
//
// Amounts are numeric cells written from exact decimal text; 万元 columns
// hold the exact value (fen/10^6, up to six decimals) shown with two, so
// they add up to their totals. Text from the database is always a string
// cell, never a formula, whatever character it starts with.
func WriteXLSX(w io.Writer, r *govbuy.Report) error {
	if r == nil {
		return errors.New("reports: xlsx: no report")
	}
	if err := r.CheckTitled(); err != nil {
		return err
	}
	x, err := newWorkbook(r)
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	defer x.f.Close() // releases excelize's temporary files, if any
	if err := x.build(); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if err := x.f.Write(w); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	return nil
}

// workbook is one workbook being written.
type workbook struct {
	f     *excelize.File
	r     *govbuy.Report // the annual report, when the workbook is one
	title string         // in every printed page's header
	st    styles
	rows  map[string]func(*rowWriter) // list sheets' rows, by part name
}

func newWorkbook(r *govbuy.Report) (*workbook, error) {
	x, err := newTitledWorkbook(figures.Title(r))
	if err != nil {
		return nil, err
	}
	x.r = r
	return x, nil
}

// newTitledWorkbook starts a workbook of list sheets whose printed pages
// are headed by title.
func newTitledWorkbook(title string) (*workbook, error) {
	f := excelize.NewFile()
	x := &workbook{f: f, title: title, rows: map[string]func(*rowWriter){}}
	// 宋体 is what Chinese offices' Excel and WPS expect; column widths are
	// measured in its digit width.
	if err := f.SetDefaultFont(defaultFont); err != nil {
		f.Close()
		return nil, err
	}
	if err := x.st.create(f); err != nil {
		f.Close()
		return nil, err
	}
	f.ZipWriter = func(w io.Writer) excelize.ZipWriter { return newSheetZip(w, x.rows) }
	return x, nil
}

// addRows registers the writer of a sheet's rows. excelize keeps a new
// sheet's XML in the part named after its sheet id.
func (x *workbook) addRows(sheet string, write func(*rowWriter)) error {
	for id, name := range x.f.GetSheetMap() {
		if name == sheet {
			x.rows["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = write
			return nil
		}
	}
	return fmt.Errorf("sheet %s not found", sheet)
}

func (x *workbook) build() error {
	if err := x.setTitle(); err != nil {
		return err
	}
	// The summary's chart refers to 按类别, so that sheet must exist first;
	// the summary is written last but stays the first sheet.
	if err := x.f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return err
	}
	for _, b := range figures.Breakdowns(x.r) {
		if err := x.breakdownSheet(b); err != nil {
			return fmt.Errorf("%s: %w", b.Name, err)
		}
	}
	steps := []struct {
		name  string
		write func() error
	}{
		{sheetLedger, x.ledgerSheet},
		{sheetAssessments, x.assessmentSheet},
		{sheetHints, x.hintSheet},
		{sheetSummary, x.summarySheet},
	}
	for _, s := range steps {
		if err := s.write(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	x.f.SetActiveSheet(0)
	return nil
}

// setTitle names the workbook's title in its document properties.
func (x *workbook) setTitle() error {
	return x.f.SetDocProps(&excelize.DocProperties{Title: x.title, Creator: "govbuy", Language: "zh-CN"})
}

// styles are the cell formats of the workbook.
type styles struct {
	title, narrative, heading, emphasis, header, label, text int
	count, plain, yuan, share, score, figureText             int
	totalText, totalCount, totalYuan, totalShare             int
	signLabel, signLine, seal                                int
}

// forKind is the style of a list sheet's cells of a kind.
func (s *styles) forKind(k cellKind) int {
	switch k {
	case kindCount:
		return s.count
	case kindYear:
		return s.plain
	case kindYuan, kindWan:
		return s.yuan
	case kindShare:
		return s.share
	case kindScore:
		return s.score
	}
	return s.text
}

const (
	fmtCount = "#,##0"
	fmtYuan  = "#,##0.00"
	fmtShare = "0.00%"
	fmtScore = "0.0"
)

const defaultFont = "宋体"

// Font sizes, in pt: tables print at tableSizePt, which on the A3 ledger
// stays above the 9 pt a signed document needs (see ledgerCaps).
const (
	titleSizePt   = 16
	headingSizePt = 12
	bodySizePt    = 11 // the workbook's default font, 宋体 11 pt
	tableSizePt   = 10
)

func (s *styles) create(f *excelize.File) error {
	line := func(style int, sides ...string) []excelize.Border {
		var b []excelize.Border
		for _, side := range sides {
			b = append(b, excelize.Border{Type: side, Color: "808080", Style: style})
		}
		return b
	}
	thin := line(1, "left", "right", "top", "bottom")
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	// A font with a size but no family would print in the viewer's own
	// default, a Latin serif for the digits in LibreOffice.
	font := func(bold bool, sizePt float64) *excelize.Font {
		return &excelize.Font{Family: defaultFont, Bold: bold, Size: sizePt}
	}
	table, bold := font(false, tableSizePt), font(true, tableSizePt)
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	specs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(true, titleSizePt),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.narrative, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.heading, excelize.Style{Font: font(true, headingSizePt), Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&s.emphasis, excelize.Style{Font: font(true, bodySizePt), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.header, excelize.Style{Font: bold, Fill: grey, Border: thin,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.label, excelize.Style{Border: thin, Font: bold, Alignment: wrap}},
		{&s.text, excelize.Style{Border: thin, Font: table, Alignment: wrap}},
		{&s.count, excelize.Style{Border: thin, Font: table, Alignment: right, CustomNumFmt: ptr(fmtCount)}},
		{&s.plain, excelize.Style{Border: thin, Font: table, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, NumFmt: 1}},
		{&s.yuan, excelize.Style{Border: thin, Font: table, Alignment: right, CustomNumFmt: ptr(fmtYuan)}},
		{&s.share, excelize.Style{Border: thin, Font: table, Alignment: right, CustomNumFmt: ptr(fmtShare)}},
		{&s.score, excelize.Style{Border: thin, Font: table, Alignment: right, CustomNumFmt: ptr(fmtScore)}},
		// a figure written as text ("21.1%", "未达到"), aligned with the numbers above it
		{&s.figureText, excelize.Style{Border: thin, Font: table, Alignment: right}},
		{&s.totalText, excelize.Style{Border: thin, Font: bold, Alignment: wrap}},
		{&s.totalCount, excelize.Style{Border: thin, Font: bold, Alignment: right, CustomNumFmt: ptr(fmtCount)}},
		{&s.totalYuan, excelize.Style{Border: thin, Font: bold, Alignment: right, CustomNumFmt: ptr(fmtYuan)}},
		{&s.totalShare, excelize.Style{Border: thin, Font: bold, Alignment: right, CustomNumFmt: ptr(fmtShare)}},
		{&s.signLabel, excelize.Style{Alignment: &excelize.Alignment{Vertical: "bottom"}}},
		{&s.signLine, excelize.Style{Border: line(1, "bottom"), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "bottom"}}},
		{&s.seal, excelize.Style{Border: line(3, "left", "right", "top", "bottom"), // 3: dashed
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom"}}},
	}
	for _, sp := range specs {
		id, err := f.NewStyle(&sp.style)
		if err != nil {
			return err
		}
		*sp.id = id
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
