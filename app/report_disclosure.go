package app

import (
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/reports"
)

// disclosureButton offers the year's disclosure table (财预〔2017〕87号
// 第五点) beside the report's exports, as Excel or PDF from its menu.
func (s *reportScreen) disclosureButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.L("Disclosure table"), theme.DocumentSaveIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(lang.L("Excel…"), func() { s.exportDisclosure(".xlsx", reports.WriteDisclosureXLSX) }),
			fyne.NewMenuItem(lang.L("PDF…"), func() { s.exportDisclosure(".pdf", reports.WriteDisclosurePDF) }))
		widget.ShowPopUpMenuAtRelativePosition(menu, s.sh.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

// exportDisclosure asks where to save the chosen year's table, then reads
// the year and writes the file off the UI goroutine.
func (s *reportScreen) exportDisclosure(ext string, write func(io.Writer, *govbuy.Disclosure) error) {
	year, err := strconv.Atoi(s.year.Selected)
	if err != nil {
		return
	}
	district := ""
	if s.report != nil {
		district = s.report.District
	}
	name := fmt.Sprintf("%s%d年度政府购买服务信息公开表%s", district, year, ext)
	ctx := s.sh.ctx
	chooseFile(s.sh, saveRequest(name), func(path string) {
		s.sh.tasks.run(func() func() {
			y, err := s.svc.ContractingYear(ctx, year)
			if err == nil {
				t := govbuy.NewDisclosure(y)
				err = reports.WriteFile(path, func(w io.Writer) error { return write(w, t) })
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
