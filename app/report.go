package app

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/reports"
)

// reportSource is what the report screen needs: the year's model, the
// contract list to find the latest year with contracts, and the narrative
// as the officer last exported it.
type reportSource interface {
	govbuy.ReportService
	FindContracts(ctx context.Context, f govbuy.ContractFilter) ([]govbuy.ContractRow, int, error)
	govbuy.NarrativeService
	// ContractingYear is what the year's disclosure table is built from.
	ContractingYear(ctx context.Context, year int) (*govbuy.ContractingYear, error)
}

// reportScreen shows a year's annual report — totals, breakdowns, a chart of
// spend by category and the narrative, which can be edited — and exports it
// to Excel and PDF or prints it.
type reportScreen struct {
	sh        *shell
	svc       reportSource
	year      *widget.Select
	totals    *widget.Label
	words     *widget.Label
	groups    *widget.Select
	table     *sheet[govbuy.ReportGroup]
	chart     *fyne.Container
	narrative *widget.Entry
	report    *govbuy.Report
	rows      []govbuy.ReportGroup
	content   fyne.CanvasObject
	// The narrative as generated from the figures, and as the officer left
	// it per year: a reload after a change elsewhere must not wipe their
	// wording. editedNote says the text is theirs and offers the generated
	// one back; setting marks the screen's own SetText.
	generated  string
	edits      map[int]string
	editedNote fyne.CanvasObject
	regenerate *widget.Button
	setting    bool
}

func newReportScreen(sh *shell, svc reportSource) *reportScreen {
	s := &reportScreen{sh: sh, svc: svc, edits: map[int]string{}}
	s.year = newSelect(yearOptions(), func(string) { s.load() })
	s.totals = widget.NewLabel("")
	s.totals.Wrapping = fyne.TextWrapWord
	s.words = widget.NewLabel("")
	s.words.TextStyle.Bold = true
	s.groups = newSelect(groupTitles(), func(string) { s.showGroups() })
	s.table = s.newGroupTable()
	s.chart = container.NewVBox()
	s.narrative = widget.NewMultiLineEntry()
	s.narrative.Wrapping = fyne.TextWrapWord
	s.narrative.SetMinRowsVisible(6)
	s.narrative.OnChanged = s.narrativeEdited
	s.regenerate = widget.NewButtonWithIcon(lang.L("Write it afresh from the figures"), theme.ViewRefreshIcon(), s.writeAfresh)
	s.regenerate.Importance = widget.LowImportance
	note := widget.NewLabel(lang.L("The narrative holds your edits; check its figures if the data has changed since."))
	note.Importance = widget.WarningImportance
	note.Wrapping = fyne.TextWrapWord
	s.editedNote = container.NewBorder(nil, nil, nil, s.regenerate, note)
	s.editedNote.Hide()
	buttons := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Export Excel"), theme.DocumentSaveIcon(), func() { s.export(".xlsx", reports.WriteXLSX) }),
		widget.NewButtonWithIcon(lang.L("Export PDF"), theme.DocumentSaveIcon(), func() { s.export(".pdf", reports.WritePDF) }),
		widget.NewButtonWithIcon(lang.L("Print"), theme.DocumentPrintIcon(), s.print),
		s.disclosureButton(),
	)
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lang.L("Year")), s.year), buttons)
	// The narrative takes whatever height the window has left: it is the
	// part officers read and edit at length before they export.
	summary := container.NewBorder(
		container.NewVBox(s.words, s.totals, widget.NewLabel(lang.L("Narrative (edit before export)")), s.editedNote),
		nil, nil, nil, s.narrative)
	breakdown := container.NewBorder(s.groups, nil, nil, nil, s.table.view)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Summary"), summary),
		container.NewTabItem(lang.L("Breakdowns"), breakdown),
		container.NewTabItem(lang.L("Spend by category"), container.NewVScroll(s.chart)),
	)
	s.content = container.NewBorder(top, nil, nil, nil, tabs)
	return s
}

func (s *reportScreen) view() fyne.CanvasObject { return s.content }

// reload picks the latest year that has contracts the first time, then
// reloads the chosen year.
func (s *reportScreen) reload() {
	if s.year.Selected != "" {
		s.load()
		return
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		rows, _, err := s.svc.FindContracts(ctx, govbuy.ContractFilter{Sort: "year", Desc: true, Limit: 1})
		year := yearOptions()[1] // this year
		if err == nil && len(rows) > 0 {
			year = strconv.Itoa(rows[0].Year)
		}
		return func() { s.year.SetSelected(year) }
	})
}

func (s *reportScreen) load() {
	year, err := strconv.Atoi(s.year.Selected)
	if err != nil {
		return
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		r, err := s.svc.Report(ctx, year)
		var saved []string
		if err == nil {
			saved, err = s.svc.EditedNarrative(ctx, year)
		}
		return func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", errorText(err)), s.sh.win)
				return
			}
			s.show(r, saved)
		}
	})
}

// show lays out the year's report. The narrative is the one the officer
// is editing in this session, else the one they last exported edited
// (saved), else the one generated from the figures.
func (s *reportScreen) show(r *govbuy.Report, saved []string) {
	s.report = r
	t := r.Totals
	s.words.SetText(lang.L("Paid {{.Wan}} ten-thousand yuan ({{.Words}})", map[string]any{"Wan": t.Paid.Wan(), "Words": t.Paid.Words()}))
	s.totals.SetText(lang.L("Report totals", map[string]any{
		"Units": t.Units, "Contractors": t.Contractors, "Contracts": t.Contracts, "Posts": t.PostTypes,
		"Projects": t.Projects, "Headcount": t.PostsHeadcount, "Amount": t.ContractAmount.String(),
		"Payable": t.Payable.String(), "Paid": t.Paid.String(),
	}))
	s.generated = strings.Join(r.Narrative, "\n\n")
	text, ok := s.edits[r.Year]
	if !ok && saved != nil {
		text, ok = strings.Join(saved, "\n\n"), true
		s.edits[r.Year] = text
	}
	if !ok {
		text = s.generated
	}
	s.setNarrative(text)
	if s.groups.Selected == "" {
		s.groups.SetSelectedIndex(0)
	} else {
		s.showGroups()
	}
	s.drawChart()
}

func groupTitles() []string {
	return []string{lang.L("By unit"), lang.L("By category"), lang.L("By method"), lang.L("By contractor type"), lang.L("By funding source")}
}

func (s *reportScreen) showGroups() {
	if s.report == nil {
		return
	}
	r := s.report
	s.rows = [][]govbuy.ReportGroup{r.ByUnit, r.ByCategory, r.ByMethod, r.ByContractorType, r.ByFundingSource}[max(s.groups.SelectedIndex(), 0)]
	s.table.refresh()
	s.table.table.ScrollToTop()
}

// groupColumns are a breakdown's columns; its 合计 row is the report's own
// totals, summed by the store.
func (s *reportScreen) groupColumns() []column[govbuy.ReportGroup] {
	type row = govbuy.ReportGroup
	right := fyne.TextAlignTrailing
	return []column[row]{
		{title: lang.L("Name"), width: 320, value: func(g row) string { return g.Name }},
		{title: lang.L("Contract count"), width: 90, align: right, value: func(g row) string { return strconv.Itoa(g.Contracts) }},
		amountColumn(lang.L("Contract amount (yuan)"), "", "amount", func(g row) govbuy.Money { return g.ContractAmount }),
		amountColumn(lang.L("Paid (yuan)"), "", "paid", func(g row) govbuy.Money { return g.Paid }),
		{title: lang.L("Share"), width: 80, align: right, value: func(g row) string { return percent(g.Paid, s.report.Totals.Paid) }},
		amountColumn(lang.L("Paid last year (yuan)"), "", "prev_paid", func(g row) govbuy.Money { return g.PrevPaid }),
	}
}

func (s *reportScreen) newGroupTable() *sheet[govbuy.ReportGroup] {
	return newSheet(s.groupColumns(), func() []govbuy.ReportGroup { return s.rows }, nil).withTotals(func() govbuy.ListTotals {
		if s.report == nil {
			return nil
		}
		return govbuy.GroupTotals(s.rows)
	})
}

// percent is part/whole with one decimal, rounded half up as the
// narrative writes it; a dash when there is no whole.
func percent(part, whole govbuy.Money) string {
	if whole == 0 {
		return "—"
	}
	return govbuy.PermilleText(govbuy.SharePermille(part, whole))
}

// drawChart draws paid by category as horizontal bars scaled to the largest.
func (s *reportScreen) drawChart() {
	s.chart.RemoveAll()
	var top govbuy.Money
	for _, g := range s.report.ByCategory {
		top = max(top, g.Paid)
	}
	const full = 520
	for _, g := range s.report.ByCategory {
		w := float32(0)
		if top > 0 {
			w = float32(int64(g.Paid)*full/int64(top)) + 1
		}
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(w, 22))
		name := widget.NewLabel(g.Name)
		name.Alignment = fyne.TextAlignTrailing
		figure := widget.NewLabel(lang.L("{{.Wan}} ten-thousand yuan", map[string]any{"Wan": g.Paid.Wan()}))
		row := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(200, 36), name), nil,
			container.NewHBox(container.NewCenter(bar), figure))
		s.chart.Add(row)
	}
	s.chart.Add(canvas.NewRectangle(color.Transparent))
	s.chart.Refresh()
}

func (s *reportScreen) setNarrative(text string) {
	s.setting = true
	s.narrative.SetText(text)
	s.setting = false
	showIf(s.editedNote, text != s.generated)
}

// narrativeEdited keeps what the officer typed for the year on show.
func (s *reportScreen) narrativeEdited(text string) {
	if s.setting || s.report == nil {
		return
	}
	s.edits[s.report.Year] = text
	showIf(s.editedNote, text != s.generated)
}

// writeAfresh gives up the officer's wording for the narrative generated
// from the figures; the next export forgets the kept one.
func (s *reportScreen) writeAfresh() {
	if s.report == nil {
		return
	}
	delete(s.edits, s.report.Year)
	s.setNarrative(s.generated)
}

// edited is the report with the narrative as the person left it: blank
// lines separate paragraphs.
func (s *reportScreen) edited() *govbuy.Report {
	r := *s.report
	r.Narrative = nil
	for _, p := range strings.Split(s.narrative.Text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			r.Narrative = append(r.Narrative, p)
		}
	}
	return &r
}

func (s *reportScreen) fileName(ext string) string {
	return fmt.Sprintf("%s%d年度政府购买服务情况%s", s.report.District, s.report.Year, ext)
}

// export asks where to save and writes the file there off the UI goroutine;
// the extension is added when the person left it off.
func (s *reportScreen) export(ext string, write func(io.Writer, *govbuy.Report) error) {
	if s.report == nil {
		return
	}
	r := s.edited()
	chooseFile(s.sh, saveRequest(s.fileName(ext)), func(path string) {
		s.write(path, r, write, func() {
			dialog.ShowInformation(lang.L("Exported"), path, s.sh.win)
		})
	})
}

// write writes r's file off the UI goroutine, then keeps the narrative as
// exported — the officer's wording, or none when it is the generated one —
// so reopening the year shows what went out.
func (s *reportScreen) write(path string, r *govbuy.Report, write func(io.Writer, *govbuy.Report) error, done func()) {
	var kept []string
	if s.narrative.Text != s.generated {
		kept = r.Narrative
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		err := reports.WriteFile(path, func(w io.Writer) error { return write(w, r) })
		var keepErr error
		if err == nil {
			keepErr = s.svc.SaveEditedNarrative(ctx, r.Year, kept)
		}
		return func() {
			if err != nil {
				dialog.ShowError(err, s.sh.win)
				return
			}
			done()
			if keepErr != nil {
				dialog.ShowError(fmt.Errorf("%s", lang.L("The file was written, but the edited narrative was not kept: {{.Error}}",
					map[string]any{"Error": errorText(keepErr)})), s.sh.win)
			}
		}
	})
}

// print writes the PDF to a temporary folder and opens it in the system's
// viewer, from which the officer prints.
func (s *reportScreen) print() {
	if s.report == nil {
		return
	}
	dir, err := os.MkdirTemp("", "govbuy-print-")
	if err != nil {
		dialog.ShowError(err, s.sh.win)
		return
	}
	path := filepath.Join(dir, s.fileName(".pdf"))
	s.write(path, s.edited(), reports.WritePDF, func() {
		u, _ := url.Parse(storage.NewFileURI(path).String())
		if err := fyne.CurrentApp().OpenURL(u); err != nil {
			dialog.ShowError(err, s.sh.win)
		}
	})
}
