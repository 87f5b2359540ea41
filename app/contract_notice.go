package app

import (
	"context"
	"image/color"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/reports"
)

// noticeSource reads what a contract's notice is written from.
type noticeSource interface {
	ContractingRecord(ctx context.Context, number string) (*govbuy.ContractingRecord, error)
}

// contractNotice is the 合同公告 of one contract as the window shows it:
// the notice's text to read over, with a button that copies it for the
// publication site and one that saves it as a PDF; or, when the record
// lacks what the notice states, the list of what is missing and nothing
// else, so no notice goes out with a blank in it.
type contractNotice struct {
	sh     *shell
	notice *govbuy.ContractNotice
	dlg    *dialog.CustomDialog
	note   *widget.Label // says the text was copied
}

// showContractNotice reads the contract's record in the background and
// opens the notice, or the list of what it lacks.
func showContractNotice(sh *shell, svc noticeSource, number string) {
	ctx := sh.ctx
	sh.tasks.run(func() func() {
		r, err := svc.ContractingRecord(ctx, number)
		if err != nil {
			return func() { dialog.ShowError(err, sh.win) }
		}
		n, err := govbuy.NewContractNotice(r, time.Now())
		if err != nil {
			missing := govbuy.NoticeMissing(r)
			return func() { showNoticeMissing(sh, number, missing) }
		}
		return func() { (&contractNotice{sh: sh, notice: n}).show() }
	})
}

// showNoticeMissing lists what the notice lacks, a line each.
func showNoticeMissing(sh *shell, number string, missing govbuy.ValidationErrors) {
	lines := make([]string, len(missing))
	for i, m := range missing {
		lines[i] = "· " + m.Message
	}
	text := lang.L("The notice of {{.Number}} is not produced: fill in what is missing first.", map[string]any{"Number": number}) +
		"\n\n" + strings.Join(lines, "\n")
	dialog.ShowCustom(lang.L("Contract notice"), lang.L("Close"), wrappedLabel(text), sh.win)
}

func (n *contractNotice) show() {
	n.note = widget.NewLabel("")
	n.note.Importance = widget.SuccessImportance
	body := container.NewBorder(nil, n.note, nil, nil, container.NewVScroll(noticeView(n.notice)))
	n.dlg = dialog.NewCustomWithoutButtons(lang.L("Contract notice")+" "+n.notice.Number, body, n.sh.win)
	copyB := widget.NewButtonWithIcon(lang.L("Copy notice text"), theme.ContentCopyIcon(), n.copyText)
	saveB := widget.NewButtonWithIcon(lang.L("Save as PDF"), theme.DocumentSaveIcon(), n.savePDF)
	saveB.Importance = widget.HighImportance
	n.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close"), n.dlg.Hide), copyB, saveB})
	n.dlg.Resize(fyne.NewSize(760, 600))
	n.dlg.Show()
}

// noticeView lays the notice out as it prints: the title, each heading
// with its value, and the labelled lines indented under theirs, each line
// wrapping within its own indent.
func noticeView(n *govbuy.ContractNotice) fyne.CanvasObject {
	title := boldLabel(n.Title)
	title.Alignment = fyne.TextAlignCenter
	box := container.NewVBox(title)
	for _, s := range n.Sections {
		if s.Lines == nil {
			box.Add(wrappedLabel(s.Heading + "：" + s.Value))
			continue
		}
		box.Add(boldLabel(s.Heading))
		for _, l := range s.Lines {
			indent := canvas.NewRectangle(color.Transparent) // one per line: an object has one parent
			indent.SetMinSize(fyne.NewSize(2*theme.TextSize(), 0))
			box.Add(container.NewBorder(nil, nil, indent, nil, wrappedLabel(l.Label+"："+l.Value)))
		}
	}
	return box
}

// copyText puts the notice's text on the clipboard, to paste into the
// publication site's form.
func (n *contractNotice) copyText() {
	fyne.CurrentApp().Clipboard().SetContent(n.notice.Text())
	n.note.SetText(lang.L("The notice text is copied: paste it into the publication site."))
}

// savePDF asks where to save the PDF and writes it off the UI goroutine.
func (n *contractNotice) savePDF() {
	chooseFile(n.sh, saveRequest(n.notice.Number+"合同公告.pdf"), func(path string) {
		n.sh.tasks.run(func() func() {
			err := reports.WriteFile(path, func(w io.Writer) error { return reports.WriteNoticePDF(w, n.notice) })
			return func() {
				if err != nil {
					dialog.ShowError(err, n.sh.win)
					return
				}
				dialog.ShowInformation(lang.L("Exported"), path, n.sh.win)
			}
		})
	})
}
