package app

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/importer"
	"govbuy/reports"
)

// reconcileStore is what 国库对账 needs: the lookups and presets the
// importer reads the treasury's list with, the treasury queries, and the
// district's name for the sheet.
type reconcileStore interface {
	importer.Lookup
	govbuy.MappingPresets
	govbuy.TreasuryService
	District(ctx context.Context) (string, error)
}

// reconColumns are the difference table's columns, each at most as wide
// as given and fitted to what it holds. The explanation comes right after
// the amounts, so it is in view at 1366×768; the parties, which it names,
// follow.
func reconColumns() []column[govbuy.ReconItem] {
	right := fyne.TextAlignTrailing
	cols := []column[govbuy.ReconItem]{
		{title: lang.L("Difference"), width: 116}, {title: lang.L("Contract No."), width: 104}, {title: lang.L("Date"), width: 96},
		{title: lang.L("Treasury amount"), width: 150, align: right}, {title: lang.L("Recorded amount"), width: 150, align: right},
		{title: lang.L("Explanation"), width: 480}, {title: lang.L("Budget unit"), width: 170}, {title: lang.L("Payee"), width: 200},
		{title: lang.L("Payment voucher"), width: 120},
	}
	for i := range cols {
		cols[i].value = func(it govbuy.ReconItem) string { return reconCell(it, i) }
	}
	return cols
}

// reconcileScreen (国库对账) reads the treasury's payment list
// (国库集中支付明细), matches its rows to contracts and compares a year of
// it with the payments recorded: what the treasury paid that nobody recorded, what was
// recorded that the treasury did not pay, amounts that differ, payments
// before the assessment or above the payable. It writes nothing but the
// sheet the officer exports.
type reconcileScreen struct {
	sh  *shell
	svc reconcileStore

	path      *widget.Entry
	year      *widget.Entry
	summary   *widget.Label
	problems  *widget.Label
	table     *sheet[govbuy.ReconItem]
	detail    *widget.Label // the tapped difference in full
	exportBtn *widget.Button
	content   fyne.CanvasObject

	rec   *govbuy.Reconciliation
	items []govbuy.ReconItem
}

func newReconcileScreen(sh *shell, svc reconcileStore) *reconcileScreen {
	s := &reconcileScreen{sh: sh, svc: svc}
	s.path = widget.NewEntry()
	s.path.SetPlaceHolder(lang.L("Path of the treasury's payment list (.xlsx, .xls or .csv)"))
	s.path.OnSubmitted = func(string) { s.run() }
	s.year = widget.NewEntry()
	s.year.SetPlaceHolder(lang.L("auto"))
	browse := widget.NewButton(lang.L("Browse…"), s.browse)
	run := widget.NewButton(lang.L("Reconcile"), s.run)
	run.Importance = widget.HighImportance
	s.exportBtn = widget.NewButton(lang.L("Export reconciliation sheet…"), s.export)
	s.exportBtn.Disable()
	s.summary = widget.NewLabel(lang.L("Choose the treasury's payment list of a year to compare it with the payments recorded."))
	s.summary.Wrapping = fyne.TextWrapWord
	s.summary.TextStyle.Bold = true
	s.problems = widget.NewLabel("")
	s.problems.Wrapping = fyne.TextWrapWord
	s.problems.Importance = widget.DangerImportance
	s.problems.Hide()
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.table = newSheet(reconColumns(), func() []govbuy.ReconItem { return s.items }, s.showDetail)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(browse, widget.NewLabel(lang.L("Year")),
			container.NewGridWrap(fyne.NewSize(80, 36), s.year), run, s.exportBtn), s.path),
		s.summary, s.problems)
	s.content = container.NewBorder(top, s.detail, nil, nil, s.table.view)
	return s
}

func (s *reconcileScreen) view() fyne.CanvasObject { return s.content }

// reload compares again once the payments may have changed.
func (s *reconcileScreen) reload() {
	if s.rec != nil {
		s.run()
	}
}

func (s *reconcileScreen) browse() {
	chooseFile(s.sh, openRequest(lang.L("Choose the treasury's payment list"), ".xlsx", ".xls", ".csv"), func(path string) {
		s.path.SetText(path)
		s.run()
	})
}

// run reads, matches and reconciles off the UI goroutine.
func (s *reconcileScreen) run() {
	path := strings.TrimSpace(strings.Trim(s.path.Text, `"`))
	if path == "" {
		return
	}
	year, _ := strconv.Atoi(strings.TrimSpace(s.year.Text))
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		rec, problems, err := reconcileFile(ctx, s.svc, path, year)
		return func() { s.show(rec, problems, err) }
	})
}

// reconcileFile reads the list at path and reconciles the rows of year
// (0: the year most rows are of) with the book. Rows that cannot be read
// are returned as problems, and nothing is reconciled while any remain.
func reconcileFile(ctx context.Context, svc reconcileStore, path string, year int) (*govbuy.Reconciliation, []importer.Problem, error) {
	wb, err := importer.ReadFile(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	opts := importer.Options{As: importer.KindTreasury, Presets: svc, MatchOnly: true}
	plan, err := importer.PlanWorkbook(ctx, wb, opts, svc)
	if err != nil || len(plan.Problems) > 0 {
		return nil, plan.Problems, err
	}
	if year == 0 {
		year = commonYear(plan.Treasury)
	}
	var rows []govbuy.TreasuryRow
	for _, l := range plan.Treasury {
		if l.Row.Date.Year() == year {
			rows = append(rows, l.Row)
		}
	}
	book, err := svc.TreasuryBook(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	return govbuy.Reconcile(book, rows), nil, nil
}

// commonYear is the year most rows are of (the latest of equals), or this
// year for a list without rows.
func commonYear(lines []importer.TreasuryLine) int {
	count := map[int]int{}
	best := time.Now().Year()
	for _, l := range lines {
		y := l.Row.Date.Year()
		count[y]++
		if count[y] > count[best] || (count[y] == count[best] && y > best) {
			best = y
		}
	}
	return best
}

func (s *reconcileScreen) show(rec *govbuy.Reconciliation, problems []importer.Problem, err error) {
	s.rec, s.items = rec, nil
	s.problems.SetText("")
	s.detail.SetText("")
	switch {
	case err != nil:
		s.problems.SetText(errorText(err))
	case len(problems) > 0:
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = p.String()
		}
		s.problems.SetText(lang.L("The list has problems; nothing was reconciled:") + "\n" + strings.Join(lines, "\n"))
	}
	s.problems.Hidden = s.problems.Text == ""
	s.problems.Refresh()
	if rec == nil {
		s.summary.SetText("")
		s.exportBtn.Disable()
		s.table.refresh()
		return
	}
	s.year.SetText(strconv.Itoa(rec.Year))
	s.items = reports.SortedReconItems(rec.Items)
	s.summary.SetText(s.summaryText())
	s.exportBtn.Enable()
	s.table.refresh()
	s.table.table.ScrollToTop()
}

func (s *reconcileScreen) summaryText() string {
	text := lang.L("Year {{.Year}}", map[string]any{"Year": s.rec.Year}) + "：" + reports.ReconSummary(s.rec) + "\n" + reports.ReconCounts(s.rec)
	if len(s.rec.Items) == 0 {
		text += "\n" + lang.L("The treasury's payments and the records agree.")
	}
	return text
}

// showDetail shows a tapped difference whole under the table.
func (s *reconcileScreen) showDetail(it govbuy.ReconItem) {
	s.detail.SetText(string(it.Kind) + lang.L(": ") + it.Message)
}

// reconCell is the text of one cell of the difference table.
func reconCell(it govbuy.ReconItem, col int) string {
	unit, payee, voucher := reports.ReconParties(it)
	switch col {
	case 0:
		return string(it.Kind)
	case 1:
		return it.Contract
	case 2:
		return reports.ReconItemDate(it).Format(time.DateOnly)
	case 3:
		if it.Row != nil {
			return it.Row.Amount.String()
		}
	case 4:
		if it.Payment != nil {
			return it.Payment.Amount.String()
		}
	case 5:
		return it.Message
	case 6:
		return unit
	case 7:
		return payee
	case 8:
		return voucher
	}
	return ""
}

// export asks where to save the 国库对账 sheet and writes it off the UI
// goroutine.
func (s *reconcileScreen) export() {
	rec := s.rec
	if rec == nil {
		return
	}
	ctx := s.sh.ctx
	chooseFile(s.sh, saveRequest(fmt.Sprintf("%d年度国库对账.xlsx", rec.Year)), func(path string) {
		s.sh.tasks.run(func() func() {
			district, err := s.svc.District(ctx)
			if err == nil {
				err = reports.WriteFile(path, func(w io.Writer) error { return reports.WriteReconciliationXLSX(w, district, rec) })
			}
			return func() {
				if err != nil {
					dialog.ShowError(err, s.sh.win)
					return
				}
				dialog.ShowInformation(lang.L("Exported"), path, s.sh.win)
			}
		})
	})
}
