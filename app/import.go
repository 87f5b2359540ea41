package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/importer"
)

// importStore is what the import wizard needs: the lookups the importer
// matches against, the catalog, presets, and the import service.
type importStore interface {
	importer.Lookup
	govbuy.ImportService
	govbuy.MappingPresets
	FindCatalog(ctx context.Context) ([]govbuy.CatalogItem, error)
	FindUnits(ctx context.Context, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error)
}

// previewRows caps the rows the preview table shows; the counts and
// problems always cover the whole file.
const previewRows = 500

// importScreen is the import wizard: file → what it holds → sheet → header
// row → column mapping → preview with problem cells → import (cancellable)
// → summary with undo. Reading, planning and committing all run off the UI
// goroutine; the commit is one transaction, so a cancelled or failed import
// writes nothing.
type importScreen struct {
	sh  *shell
	svc importStore

	path      *widget.Entry
	kind      *widget.Select
	sheet     *widget.Select
	headerRow *widget.Entry
	mapping   *fyne.Container
	preview   *widget.Table
	counts    *widget.Label
	problems  *widget.Label
	skipBad   *widget.Check
	update    *widget.Check
	importBtn *widget.Button
	cancelBtn *widget.Button
	progress  *widget.ProgressBarInfinite
	summary   *widget.Label
	batches   *fyne.Container
	unit      *widget.Select // the money unit of the sheet's amounts, which the person may change
	unitNote  *widget.Label  // where the unit came from
	cell      *widget.Label  // the full text and problem of the cell pointed at in the preview
	conflicts *fyne.Container
	hand      *handMatches // treasury rows matched by hand

	wb          *importer.Workbook
	plan        *importer.Plan
	header      *importer.Header
	override    importer.Mapping // what the person mapped by hand
	units       map[string]govbuy.MoneyUnit
	resolutions map[string]importer.Resolution // the person's answers to contractor conflicts
	bad         map[[2]int]string
	rowProblems map[int]string // problems by spreadsheet row, for the preview's own column
	cancel      context.CancelFunc
	content     fyne.CanvasObject
}

func newImportScreen(sh *shell, svc importStore) *importScreen {
	s := &importScreen{sh: sh, svc: svc}
	s.resetChoices()
	s.path = widget.NewEntry()
	s.path.SetPlaceHolder(lang.L("Path of an .xlsx, .xls or .csv file (paste or browse)"))
	s.path.OnSubmitted = func(string) { s.read() }
	browse := widget.NewButton(lang.L("Browse…"), s.browse)
	read := widget.NewButton(lang.L("Read file"), s.read)
	read.Importance = widget.HighImportance
	kinds := make([]string, len(importer.Kinds))
	for i, k := range importer.Kinds {
		kinds[i] = k.Label()
	}
	s.kind = newSelect(kinds, func(string) { s.replan() })
	s.kind.SetSelectedIndex(0)
	s.sheet = newSelect(nil, func(string) { s.replan() })
	s.headerRow = widget.NewEntry()
	s.headerRow.SetPlaceHolder(lang.L("auto"))
	redetect := widget.NewButton(lang.L("Apply header row"), s.replan)
	s.mapping = container.NewGridWrap(fyne.NewSize(300, 40))
	s.preview = s.newPreview()
	s.counts = widget.NewLabel("")
	s.counts.Wrapping = fyne.TextWrapWord
	s.problems = widget.NewLabel("")
	s.problems.Wrapping = fyne.TextWrapWord
	s.problems.Importance = widget.DangerImportance
	s.hand = newHandMatches(s.replan)
	s.skipBad = widget.NewCheck(lang.L("Skip the rows with problems"), func(bool) { s.enableImport() })
	// A contract already stored is skipped unless the person chooses to
	// update it from the file.
	s.update = widget.NewCheck(lang.L("Update contracts already stored (blank cells keep what is stored)"), func(bool) { s.replan() })
	s.newImportControls()
	s.batches = container.NewVBox()
	s.unit = newSelect([]string{govbuy.UnitYuan.String(), govbuy.UnitWan.String()}, nil)
	s.unit.OnChanged = func(string) { s.unitChanged() }
	s.unitNote = widget.NewLabel("")
	s.cell = widget.NewLabel("")
	s.cell.Wrapping = fyne.TextWrapWord
	s.conflicts = container.NewVBox()
	s.content = s.layout(browse, read, redetect)
	return s
}

// newImportControls makes the import's button, its cancel, the
// progress bar and the line that reports the outcome.
func (s *importScreen) newImportControls() {
	s.importBtn = widget.NewButton(lang.L("Import"), s.commit)
	s.importBtn.Importance = widget.HighImportance
	s.importBtn.Disable()
	s.cancelBtn = widget.NewButton(lang.L("Cancel"), func() {
		if s.cancel != nil {
			s.cancel()
		}
	})
	s.cancelBtn.Hide()
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.summary.Importance = widget.SuccessImportance
}

// layout puts the file's choices and the last outcome on top, where they
// are seen without scrolling, and the mapping, preview and problems under.
func (s *importScreen) layout(browse, read, redetect *widget.Button) fyne.CanvasObject {
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(browse, read), s.path),
		container.NewHBox(widget.NewLabel(lang.L("The file holds")), s.kind, widget.NewLabel(lang.L("Sheet")), s.sheet,
			widget.NewLabel(lang.L("Header row")), container.NewGridWrap(fyne.NewSize(70, 36), s.headerRow), redetect),
		container.NewHBox(widget.NewLabel(lang.L("Amounts are in")), s.unit, s.unitNote),
		// The outcome of the last import, where it is seen without scrolling.
		s.summary, s.progress)
	body := container.NewVBox(
		widget.NewLabel(lang.L("Column mapping")), s.mapping,
		container.NewGridWrap(fyne.NewSize(1060, 260), s.preview), s.cell,
		s.counts, s.problems, s.conflicts, s.hand.box,
		container.NewHBox(s.update, s.skipBad, s.importBtn, s.cancelBtn),
		widget.NewSeparator(), widget.NewLabel(lang.L("Earlier imports")), s.batches)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
}

func (s *importScreen) view() fyne.CanvasObject { return s.content }

// reload lists the earlier import batches, each with its undo.
func (s *importScreen) reload() {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		list, err := s.svc.FindImportBatches(ctx)
		return func() {
			s.batches.RemoveAll()
			if err != nil {
				s.batches.Add(widget.NewLabel(errorText(err)))
				return
			}
			for _, b := range list {
				s.batches.Add(s.batchRow(b))
			}
		}
	})
}

func (s *importScreen) batchRow(b govbuy.ImportBatch) fyne.CanvasObject {
	text := fmt.Sprintf("%s　%s　%s　%s", b.At.Local().Format("2006-01-02 15:04"), strings.Join(b.Files, "、"), b.Actor,
		lang.L("Batch counts", map[string]any{"Contracts": b.Counts["contracts"], "Units": b.Counts["units"],
			"Contractors": b.Counts["contractors"], "Payments": b.Counts["payments"], "Assessments": b.Counts["assessments"]}))
	if !b.UndoneAt.IsZero() {
		return widget.NewLabel(text + "　" + lang.L("(undone)"))
	}
	id := b.ID
	return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Undo import"), func() { s.undo(id) }), widget.NewLabel(text))
}

func (s *importScreen) browse() {
	chooseFile(s.sh, openRequest(lang.L("Choose a ledger"), ".xlsx", ".xlsm", ".xls", ".csv"), func(path string) {
		s.path.SetText(path)
		s.read()
	})
}

// read loads the file into memory (bounded in size and time by the
// importer) and plans it.
func (s *importScreen) read() {
	path := strings.TrimSpace(strings.Trim(s.path.Text, `"`))
	if path == "" {
		return
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		wb, err := importer.ReadFile(ctx, path)
		return func() {
			if err != nil {
				s.wb = nil
				s.problems.SetText(govbuy.ErrorMessage(err))
				return
			}
			s.wb = wb
			s.resetChoices()
			s.hand.reset()
			if k, ok := importer.DetectKind(wb); ok {
				s.kind.SetSelected(k.Label()) // the header says it is the treasury's list
			}
			s.headerRow.SetText("")
			s.sheet.SetOptions(wb.SheetNames())
			s.sheet.SetSelectedIndex(0) // plans through OnChanged
		}
	})
}

// resetChoices forgets what the person chose for the last file: each file
// starts from what is read of it, with problem rows not skipped and no
// earlier outcome shown.
func (s *importScreen) resetChoices() {
	s.override = importer.Mapping{}
	s.units = map[string]govbuy.MoneyUnit{}
	s.resolutions = map[string]importer.Resolution{}
	s.plan, s.header = nil, nil
	if s.skipBad != nil {
		s.skipBad.SetChecked(false)
		s.summary.SetText("")
		s.cell.SetText("")
	}
}

func (s *importScreen) options() importer.Options {
	row, _ := strconv.Atoi(strings.TrimSpace(s.headerRow.Text))
	return importer.Options{As: importer.Kinds[max(s.kind.SelectedIndex(), 0)], Map: s.override, Presets: s.svc,
		HeaderRow: row, Sheet: s.sheet.Selected, Update: s.update.Checked, Units: s.units, Resolutions: s.resolutions, Hand: s.hand.choices()}
}

// unitChanged reads the sheet's amounts in the unit the person chose.
func (s *importScreen) unitChanged() {
	if s.header == nil || s.unit.SelectedIndex() < 0 {
		return
	}
	u := govbuy.MoneyUnit(s.unit.SelectedIndex())
	if c := s.header.AmountColumn(); c != nil && c.Unit == u {
		return
	}
	s.units[s.header.Sheet] = u
	s.replan()
}

// showUnit says in which unit the amounts are read, and why.
func (s *importScreen) showUnit() {
	var c *importer.Column
	if s.header != nil {
		c = s.header.AmountColumn()
	}
	if c == nil {
		s.unit.Disable()
		s.unitNote.SetText("")
		return
	}
	s.unit.Enable()
	s.unit.SetSelectedIndex(int(c.Unit)) // no replan: unitChanged sees the unit in force
	s.unitNote.SetText(lang.L("Unit source", map[string]any{"Column": c.Header, "Source": c.UnitSource}))
}

// replan plans the chosen sheet again with the current choices.
func (s *importScreen) replan() {
	if s.wb == nil {
		return
	}
	wb, opts, ctx := s.wb, s.options(), s.sh.ctx
	s.sh.tasks.run(func() func() {
		var err error
		if opts.Catalog, err = s.svc.FindCatalog(ctx); err != nil {
			return func() { s.problems.SetText(errorText(err)) }
		}
		p := importer.NewPlanner(opts, s.svc)
		err = p.Add(ctx, wb)
		return func() {
			if err != nil {
				s.problems.SetText(errorText(err))
				return
			}
			s.showPlan(p.Result())
		}
	})
}

func (s *importScreen) showPlan(p *importer.Plan) {
	s.plan, s.header = p, nil
	if len(p.Headers) > 0 {
		s.header = p.Headers[0]
		s.headerRow.SetText(strconv.Itoa(s.header.Row))
	}
	s.bad, s.rowProblems = map[[2]int]string{}, map[int]string{}
	var lines []string
	for _, pr := range p.Problems {
		s.bad[[2]int{pr.Row, pr.Col}] = pr.Message
		s.rowProblems[pr.Row] = joinLine(s.rowProblems[pr.Row], cellProblem(pr))
		lines = append(lines, pr.String())
	}
	s.problems.SetText(strings.Join(lines, "\n"))
	c := p.Counts()
	s.counts.SetText(lang.L("Plan counts", map[string]any{
		"Rows": p.Rows, "Contracts": c.Contracts, "Assessments": c.Assessments, "Payments": c.Payments,
		"Skipped": p.Skipped, "Problems": len(p.Problems),
		"NewUnits": namesOrNone(p.NewUnits), "NewContractors": namesOrNone(p.NewContractors),
	}) + noticesText(p.Notices) + warningsText(p))
	s.showUnit()
	s.showConflicts(p)
	s.hand.show(p)
	s.showMapping()
	s.preview.Refresh()
	s.preview.ScrollToTop()
	s.enableImport()
}

func namesOrNone(names []string) string {
	if len(names) == 0 {
		return lang.L("none")
	}
	return fmt.Sprintf("%d（%s）", len(names), strings.Join(names, "、"))
}

// warningsText lists what does not block the import but should be read:
// 合计 rows that do not add up, records going in 待补充, and each
// contractor the rows were matched to.
func warningsText(p *importer.Plan) string {
	var b strings.Builder
	for _, w := range p.AllWarnings() {
		b.WriteString("\n" + lang.L("Warning") + w.String())
	}
	for _, m := range p.Matches {
		b.WriteString("\n" + lang.L("Matched") + m.String())
	}
	return b.String()
}

func cellProblem(pr importer.Problem) string {
	if pr.Column == "" {
		return pr.Message
	}
	return pr.Column + "：" + pr.Message
}

func joinLine(a, b string) string {
	if a == "" {
		return b
	}
	return a + "；" + b
}

func noticesText(notices []string) string {
	if len(notices) == 0 {
		return ""
	}
	return "\n" + strings.Join(notices, "\n")
}

// showMapping offers, for each header column, the fields it can fill.
func (s *importScreen) showMapping() {
	s.mapping.RemoveAll()
	if s.header == nil {
		return
	}
	fields := importer.Fields(importer.Kinds[max(s.kind.SelectedIndex(), 0)])
	labels := []string{lang.L("(ignore)")}
	for _, f := range fields {
		labels = append(labels, f.Label)
	}
	for _, col := range s.header.Columns {
		sel := newSelect(labels, nil)
		sel.SetSelectedIndex(0)
		for i, f := range fields {
			if f.Key == col.Field {
				sel.SetSelectedIndex(i + 1)
			}
		}
		header := col.Header
		sel.OnChanged = func(string) {
			if i := sel.SelectedIndex(); i > 0 {
				s.override[header] = string(fields[i-1].Key)
			} else {
				s.override[header] = importer.Ignore
			}
			s.replan()
		}
		s.mapping.Add(container.NewBorder(nil, nil, widget.NewLabel(col.Letter+" "+header), nil, sel))
	}
}

func (s *importScreen) sheetData() *importer.Sheet {
	if s.wb == nil {
		return nil
	}
	for _, sh := range s.wb.Sheets {
		if sh.Name == s.sheet.Selected {
			return sh
		}
	}
	return nil
}

// newPreview shows the sheet's rows from the header on, problem cells
// marked and coloured, with row numbers as the spreadsheet has them.
func (s *importScreen) newPreview() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) {
			sh := s.sheetData()
			if sh == nil || s.header == nil {
				return 0, 0
			}
			return min(len(sh.Rows)-s.header.Row+1, previewRows), s.sheetColumns() + 1
		},
		func() fyne.CanvasObject { return newPreviewCell(s.pointAt) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			cell := o.(*previewCell)
			cell.id = id
			text, importance := s.cellText(id)
			cell.Importance = importance
			cell.SetText(text)
		})
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Col < 0:
			l.SetText(strconv.Itoa(s.header.Row + id.Row))
		case id.Col == s.sheetColumns():
			l.SetText(lang.L("Problems"))
		default:
			l.SetText(columnLetter(id.Col))
		}
	}
	t.OnSelected = s.pointAt
	// Ledgers rarely pass 40 columns; wider ones scroll at the same width.
	for c := range 40 {
		t.SetColumnWidth(c, 140)
	}
	return t
}

// sheetColumns is the widest row of the sheet; the preview's last column,
// after it, holds each row's problems.
func (s *importScreen) sheetColumns() int {
	cols := 0
	if sh := s.sheetData(); sh != nil {
		for _, r := range sh.Rows {
			cols = max(cols, len(r))
		}
	}
	return cols
}

// cellText is what a preview cell shows: the sheet's text, a problem cell
// marked ※ in red (its message is in the row's problem column), and the
// problem column itself.
func (s *importScreen) cellText(id widget.TableCellID) (string, widget.Importance) {
	row := s.header.Row + id.Row // 1-based
	if id.Col == s.sheetColumns() {
		return s.rowProblems[row], widget.DangerImportance
	}
	text := s.sheetData().Display(row-1, id.Col)
	if _, bad := s.bad[[2]int{row, id.Col + 1}]; bad {
		return "※" + text, widget.DangerImportance
	}
	return text, widget.MediumImportance
}

// pointAt shows the whole text of the cell pointed at or chosen, with its
// problem, below the preview (cells are clipped to their width).
func (s *importScreen) pointAt(id widget.TableCellID) {
	if s.header == nil || s.sheetData() == nil {
		return
	}
	row := s.header.Row + id.Row
	if id.Col == s.sheetColumns() {
		s.cell.SetText(fmt.Sprintf("%d：%s", row, s.rowProblems[row]))
		return
	}
	text := fmt.Sprintf("%s%d：%s", columnLetter(id.Col), row, s.sheetData().Display(row-1, id.Col))
	if msg, bad := s.bad[[2]int{row, id.Col + 1}]; bad {
		text += "　※" + msg
	}
	s.cell.SetText(text)
}

// previewCell is a clipped label that reports the pointer on it, so the
// whole text can be shown elsewhere.
type previewCell struct {
	widget.Label
	id    widget.TableCellID
	hover func(widget.TableCellID)
}

func newPreviewCell(hover func(widget.TableCellID)) *previewCell {
	c := &previewCell{hover: hover}
	c.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

// MouseIn shows the cell's whole text.
func (c *previewCell) MouseIn(*desktop.MouseEvent) { c.hover(c.id) }

// MouseMoved is needed for desktop.Hoverable; entering is enough.
func (c *previewCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut keeps the text shown until another cell is pointed at.
func (c *previewCell) MouseOut() {}

// showConflicts offers, for each contractor or unit matched by code but
// not name (or name but not code), the answers it can take: the same one
// (the name recorded as its 曾用名), a corrected code, or a new one.
func (s *importScreen) showConflicts(p *importer.Plan) {
	s.conflicts.RemoveAll()
	seen := map[string]bool{}
	for _, pr := range p.Problems {
		c := pr.Conflict
		if c == nil || seen[c.Key] {
			continue
		}
		seen[c.Key] = true
		s.conflicts.Add(s.conflictRow(pr, c))
	}
}

// conflictWords are the words of a conflict's code entry and its three
// answers, in the party's terms.
func conflictWords(p importer.Party) [4]string {
	if p == importer.PartyUnit {
		return [4]string{lang.L("Correct unit code"), lang.L("Same unit (record the name as a former name)"),
			lang.L("Correct the unit code"), lang.L("A new unit")}
	}
	return [4]string{lang.L("Correct credit code"), lang.L("Same contractor (record the name as a former name)"),
		lang.L("Correct the code"), lang.L("A new contractor")}
}

func (s *importScreen) conflictRow(pr importer.Problem, c *importer.Conflict) fyne.CanvasObject {
	words := conflictWords(c.Party)
	label := widget.NewLabel(fmt.Sprintf("“%s”（%s）：%s", c.Name, c.Code, pr.Message))
	label.Wrapping = fyne.TextWrapWord
	code := widget.NewEntry()
	code.SetPlaceHolder(words[0])
	resolve := func(r importer.Resolution) {
		s.resolutions[c.Key] = r
		s.replan()
	}
	answers := container.NewHBox()
	for _, choice := range c.Choices() {
		switch choice {
		case importer.ChoiceSame:
			answers.Add(widget.NewButton(words[1], func() { resolve(importer.Resolution{Choice: importer.ChoiceSame}) }))
		case importer.ChoiceCode:
			answers.Add(container.NewGridWrap(fyne.NewSize(220, 36), code))
			answers.Add(widget.NewButton(words[2], func() {
				resolve(importer.Resolution{Choice: importer.ChoiceCode, Code: code.Text})
			}))
		case importer.ChoiceNew:
			answers.Add(widget.NewButton(words[3], func() { resolve(importer.Resolution{Choice: importer.ChoiceNew}) }))
		}
	}
	return container.NewVBox(label, answers)
}

// columnLetter names a 0-based column as a spreadsheet does: A … Z, AA ….
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func (s *importScreen) enableImport() {
	ok := s.plan != nil && s.plan.Rows > 0 && (len(s.plan.Problems) == 0 || s.skipBad.Checked)
	if ok {
		s.importBtn.Enable()
	} else {
		s.importBtn.Disable()
	}
}

// commit writes the planned rows in one transaction; a cancel before the
// commit ends leaves the database as it was.
func (s *importScreen) commit() {
	if s.plan == nil {
		return
	}
	ctx, cancel := context.WithCancel(s.sh.ctx)
	s.cancel = cancel
	plan, header, override := s.plan, s.header, len(s.override) > 0
	batch := govbuy.ImportBatch{Files: []string{s.wb.Name}, Checksums: []string{s.wb.Checksum}}
	s.busy(true)
	s.sh.tasks.run(func() func() {
		b, err := s.svc.ImportDataset(ctx, plan.Dataset, batch)
		if err == nil && override && header != nil {
			// Remembered for the next file with this header row.
			err = s.svc.SavePreset(s.sh.ctx, header.PresetKey, header.Mapping())
		}
		return func() {
			cancel()
			s.busy(false)
			if err != nil {
				if errors.Is(err, context.Canceled) {
					s.summary.SetText(lang.L("Import cancelled: nothing was written."))
					return
				}
				s.summary.SetText(lang.L("Import failed, nothing was written: {{.Error}}", map[string]any{"Error": errorText(err)}))
				return
			}
			text := lang.L("Imported", map[string]any{"Contracts": b.Counts["contracts"], "Units": b.Counts["units"],
				"Contractors": b.Counts["contractors"], "Payments": b.Counts["payments"], "Assessments": b.Counts["assessments"]})
			if n := b.Counts["payment_requests"]; n > 0 {
				text += " " + lang.L("{{.Count}} payments above the approval amount wait for a reviewer's approval.", map[string]any{"Count": n})
			}
			s.summary.SetText(text)
			s.plan = nil
			s.enableImport()
			s.sh.changed()
			s.reload()
		}
	})
}

func (s *importScreen) busy(on bool) {
	if on {
		s.importBtn.Disable()
		s.cancelBtn.Show()
		s.progress.Show()
		s.progress.Start()
		return
	}
	s.cancelBtn.Hide()
	s.progress.Stop()
	s.progress.Hide()
}

func (s *importScreen) undo(id int64) {
	confirmAct(s.sh.win, lang.L("Undo import"), lang.L("Remove everything this import wrote?"), lang.L("Undo import"), widget.DangerImportance, func() {
		ctx := s.sh.ctx
		s.sh.tasks.run(func() func() {
			err := s.svc.UndoImport(ctx, id)
			return func() {
				if err != nil {
					dialog.ShowError(errors.New(errorText(err)), s.sh.win)
					return
				}
				s.sh.changed()
				s.reload()
			}
		})
	})
}
