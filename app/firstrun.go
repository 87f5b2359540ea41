package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// firstRun is the page an empty database opens on: whom the database
// belongs to (district, finance bureau, first budget year), then how to
// begin — the office's old ledgers, an empty start, or a look at the demo
// district, which comes with its own name (云溪区).
type firstRun struct {
	u       *UI
	form    *districtForm
	content fyne.CanvasObject
}

func newFirstRun(u *UI) *firstRun {
	f := &firstRun{u: u, form: newDistrictForm()}
	title := widget.NewLabelWithStyle(lang.L("Government Purchase of Services"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("Welcome. First say whose records these are: the window's title, the reports and the approval forms carry them. They can be changed later in Settings → District."))
	intro.Wrapping = fyne.TextWrapWord
	importBtn := widget.NewButtonWithIcon(lang.L("Import ledgers"), theme.UploadIcon(), func() { f.form.save(u.sh, u.svc, u.showImport) })
	importBtn.Importance = widget.HighImportance
	empty := widget.NewButtonWithIcon(lang.L("Start empty"), theme.DocumentCreateIcon(), func() { f.form.save(u.sh, u.svc, u.showUnits) })
	choices := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Then choose how to begin:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		firstRunChoice(importBtn, lang.L("Units, contractors, contracts, scores and payments from the Excel/WPS ledgers kept so far")),
		firstRunChoice(empty, lang.L("Enter units, contractors and contracts by hand")))
	if u.OnLoadDemo != nil {
		demo := widget.NewButtonWithIcon(lang.L("Load the demo district"), theme.ViewRefreshIcon(), f.loadDemo)
		choices.Add(widget.NewSeparator())
		choices.Add(firstRunChoice(demo, lang.L("A look around first: 云溪区 with its 2024 figures, replaceable later in Settings; the fields above are not needed")))
	}
	page := container.NewVBox(title, intro, f.form.view(), choices)
	f.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(640, page.MinSize().Height), page))
	return f
}

// firstRunChoice is a button with a line saying what it does.
func firstRunChoice(b *widget.Button, says string) fyne.CanvasObject {
	l := widget.NewLabel(says)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(170, b.MinSize().Height), b), nil, l)
}

func (f *firstRun) loadDemo() {
	f.u.showMain()
	f.u.loadDemo(false)
}

// askDistrict asks once for the profile of a database that holds records
// but no district (one filled before the first-run page existed): its
// reports cannot go out without it.
func (u *UI) askDistrict() {
	form := newDistrictForm()
	var dlg dialog.Dialog
	save := widget.NewButton(lang.L("Save"), func() { form.save(u.sh, u.svc, func() { dlg.Hide() }) })
	save.Importance = widget.HighImportance
	later := widget.NewButton(lang.L("Later"), func() { dlg.Hide() })
	intro := message(lang.L("Reports are titled with the district: say whose records these are."))
	dlg = dialog.NewCustomWithoutButtons(lang.L("District profile"), container.NewVBox(intro, form.view(), container.NewHBox(layout.NewSpacer(), later, save)), u.sh.win)
	dlg.Show()
}

// districtTitle is the window's title: the program and, once set, the
// district, as every window of the office's programs names its owner.
func districtTitle(p govbuy.DistrictProfile) string {
	title := lang.L("Government Purchase of Services")
	if p.Name != "" {
		title += " — " + p.Name
	}
	return title
}

// districtStatus names the district in the status bar: its bureau, which
// names the district too, or both when it does not.
func districtStatus(p govbuy.DistrictProfile) string {
	switch {
	case p.Name == "":
		return lang.L("District not set")
	case p.Bureau == "" || p.Bureau == p.Name:
		return p.Name
	case strings.Contains(p.Bureau, p.Name):
		return p.Bureau
	}
	return p.Name + " · " + p.Bureau
}
