package app

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// districtForm edits the district's profile: its name, its finance bureau
// (filled in from the name until the person writes another) and the first
// budget year. The first-run page and 设置 → 本区信息 share it.
type districtForm struct {
	name, bureau, year *widget.Entry
	problems           *widget.Label
	form               *widget.Form
	// ownBureau is set once the person writes a bureau of their own, which
	// a change of name then leaves alone.
	ownBureau bool
}

func newDistrictForm() *districtForm {
	f := &districtForm{name: widget.NewEntry(), bureau: widget.NewEntry(), year: widget.NewEntry()}
	f.name.SetPlaceHolder(lang.L("e.g. 云溪区"))
	f.bureau.SetPlaceHolder(lang.L("e.g. 云溪区财政局"))
	f.year.SetText(strconv.Itoa(time.Now().Year()))
	f.name.OnChanged = func(name string) {
		if !f.ownBureau {
			f.bureau.SetText(govbuy.DefaultBureau(name))
		}
	}
	f.bureau.OnChanged = func(b string) {
		f.ownBureau = b != "" && b != govbuy.DefaultBureau(f.name.Text)
	}
	f.problems = widget.NewLabel("")
	f.problems.Importance = widget.DangerImportance
	f.problems.Wrapping = fyne.TextWrapWord
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("District"), f.name),
		widget.NewFormItem(lang.L("Finance bureau"), f.bureau),
		widget.NewFormItem(lang.L("First budget year"), f.year))
	return f
}

// view is the form with room under it for what is wrong.
func (f *districtForm) view() fyne.CanvasObject {
	return container.NewVBox(f.form, f.problems)
}

// set shows a stored profile; a profile with no year (an empty
// database) keeps this year.
func (f *districtForm) set(p govbuy.DistrictProfile) {
	f.name.SetText(p.Name)
	f.bureau.SetText(p.Bureau)
	if p.FirstYear != 0 {
		f.year.SetText(strconv.Itoa(p.FirstYear))
	}
}

// profile reads the form and checks it, showing each problem by its
// field; nil error means the profile may be saved.
func (f *districtForm) profile() (govbuy.DistrictProfile, error) {
	year, _ := strconv.Atoi(strings.TrimSpace(f.year.Text))
	p := govbuy.DistrictProfile{Name: f.name.Text, Bureau: f.bureau.Text, FirstYear: year}
	p.Normalize()
	err := p.Validate()
	f.showProblem(err)
	return p, err
}

// showProblem lists err's problems, one a line, or clears them.
func (f *districtForm) showProblem(err error) {
	var lines []string
	var v govbuy.ValidationErrors
	switch {
	case err == nil:
	case errors.As(err, &v):
		for _, e := range v {
			lines = append(lines, e.Error())
		}
	default:
		lines = append(lines, errorText(err))
	}
	f.problems.SetText(strings.Join(lines, "\n"))
}

// save keeps the profile through svc, off the UI goroutine; a problem,
// the store's refusal included (roles on, not an administrator), is shown
// under the form and nothing is kept. saved runs on the UI goroutine, after
// the window has been told the district changed.
func (f *districtForm) save(sh *shell, svc govbuy.DistrictService, saved func()) {
	p, err := f.profile()
	if err != nil {
		return
	}
	ctx := sh.ctx
	sh.tasks.run(func() func() {
		err := svc.SetDistrictProfile(ctx, p)
		return func() {
			f.showProblem(err)
			if err == nil {
				sh.changed() // the title and the status bar name the district
				saved()
			}
		}
	})
}
