package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// fieldForm lays out labelled fields with a message line under each, so every
// problem a save reports is shown where the officer has to fix it. Fields are
// keyed by the names the domain uses in govbuy.Error.Field.
type fieldForm struct {
	grid    *fyne.Container
	fields  map[string]*formField
	general *widget.Label // problems that belong to no shown field
}

// formField is one row of a fieldForm.
type formField struct {
	label *widget.Label
	msg   *widget.Label
	body  *fyne.Container
}

func newFieldForm() *fieldForm {
	general := widget.NewLabel("")
	general.Importance = widget.DangerImportance
	general.Wrapping = fyne.TextWrapWord
	general.Hide()
	return &fieldForm{grid: container.New(layout.NewFormLayout()), fields: map[string]*formField{}, general: general}
}

// add appends a field under label; names are the domain field names whose
// errors it shows (a contractor's code answers to two).
func (f *fieldForm) add(label string, obj fyne.CanvasObject, names ...string) *formField {
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	ff := &formField{label: widget.NewLabel(label), msg: msg, body: container.NewVBox(obj, msg)}
	ff.label.TextStyle.Bold = true
	for _, n := range names {
		f.fields[n] = ff
	}
	f.grid.Add(ff.label)
	f.grid.Add(ff.body)
	return ff
}

// content is the form with the general message line above the fields.
func (f *fieldForm) content() fyne.CanvasObject {
	return container.NewVBox(f.general, f.grid)
}

// clear removes every message.
func (f *fieldForm) clear() {
	for _, ff := range f.fields {
		ff.setMessage("")
	}
	f.general.SetText("")
	f.general.Hide()
}

// show puts each problem of err beside its field; problems of unknown or
// hidden fields, and failures that are not domain errors, go above the form.
func (f *fieldForm) show(err error) {
	f.clear()
	msgs := map[*formField][]string{}
	var general []string
	for _, e := range problems(err) {
		if ff := f.fields[e.Field]; ff != nil && ff.body.Visible() {
			msgs[ff] = append(msgs[ff], e.Message)
			continue
		}
		general = append(general, e.Error())
	}
	for ff, m := range msgs {
		ff.setMessage(strings.Join(m, "；"))
	}
	if len(general) > 0 {
		f.general.SetText(strings.Join(general, "\n"))
		f.general.Show()
	}
}

// problems lists the domain errors in err; any other failure becomes one
// error without a field.
func problems(err error) []*govbuy.Error {
	var list govbuy.ValidationErrors
	if errors.As(err, &list) {
		return list
	}
	var e *govbuy.Error
	if errors.As(err, &e) {
		return []*govbuy.Error{e}
	}
	return []*govbuy.Error{{Kind: govbuy.EInternal, Message: errorText(err)}}
}

// errorText is what a person is shown for err.
func errorText(err error) string {
	return govbuy.ErrorMessage(err)
}

func (ff *formField) setMessage(m string) {
	ff.msg.SetText(m)
	if m == "" {
		ff.msg.Hide()
	} else {
		ff.msg.Show()
	}
}

// setVisible shows or hides the whole row, label included.
func (ff *formField) setVisible(v bool) {
	for _, o := range []fyne.CanvasObject{ff.label, ff.body} {
		if v {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// formDialog is a modal editor that stays open until the save succeeds, so a
// rejected record can be corrected in place rather than typed again.
type formDialog struct {
	dlg  *dialog.CustomDialog
	form *fieldForm
	save *widget.Button
}

// newFormDialog shows form in a dialog of size; onSave runs when 保存 is
// tapped.
func newFormDialog(win fyne.Window, title string, form *fieldForm, size fyne.Size, onSave func()) *formDialog {
	fd := &formDialog{form: form}
	fd.dlg = dialog.NewCustomWithoutButtons(title, container.NewVScroll(form.content()), win)
	fd.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), onSave)
	fd.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), fd.dlg.Hide)
	fd.dlg.SetButtons([]fyne.CanvasObject{cancel, fd.save})
	fd.dlg.Resize(size)
	fd.dlg.Show()
	return fd
}

// submit writes the record in the background. Problems found before the
// write (problems) are shown without calling the store; a refusal from the
// store is shown beside its fields and the dialog stays open; on success the
// dialog closes and done runs.
func (fd *formDialog) submit(t *tasks, problems govbuy.ValidationErrors, write func() error, done func()) {
	if len(problems) > 0 {
		fd.form.show(problems)
		return
	}
	fd.form.clear()
	fd.save.Disable()
	t.run(func() func() {
		err := write()
		return func() {
			fd.save.Enable()
			if err != nil {
				fd.form.show(err)
				return
			}
			fd.dlg.Hide()
			done()
		}
	})
}

// validate runs a record's own checks, so every problem shows at once with
// those found while reading the form; the store checks again when writing.
func validate(v interface{ Validate() error }, found govbuy.ValidationErrors) govbuy.ValidationErrors {
	if err := v.Validate(); err != nil {
		found = append(found, problems(err)...)
	}
	return found
}

// dateField is an entry for a date written 2024-01-01 with a button that
// opens a calendar. widget.DateEntry writes dates in the locale's order
// (01/02/2006 under zh_CN), which is not how Chinese offices write them.
type dateField struct {
	entry *widget.Entry
	view  fyne.CanvasObject
}

func newDateField(win fyne.Window) *dateField {
	d := &dateField{entry: widget.NewEntry()}
	d.entry.SetPlaceHolder("2024-01-01")
	var pop *widget.PopUp
	pick := widget.NewButtonWithIcon("", theme.Icon(theme.IconNameCalendar), nil)
	pick.Importance = widget.LowImportance
	pick.OnTapped = func() {
		start := time.Now()
		if t, err := parseDate(d.entry.Text); err == nil && !t.IsZero() {
			start = t
		}
		pop = widget.NewPopUp(newCalendar(start, func(t time.Time) {
			d.entry.SetText(govbuy.FormatDate(t))
			pop.Hide()
		}), win.Canvas())
		pop.ShowAtPosition(popUpPosition(win.Canvas(), pick, pop.MinSize()))
	}
	d.view = container.NewBorder(nil, nil, nil, pick, d.entry)
	return d
}

// popUpPosition places a pop-up of size under anchor, right-aligned to it,
// or above it when the window has no room below: date fields sit low in
// long forms.
func popUpPosition(c fyne.Canvas, anchor fyne.CanvasObject, size fyne.Size) fyne.Position {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(anchor)
	x := max(0, at.X+anchor.Size().Width-size.Width)
	if below := at.Y + anchor.Size().Height; below+size.Height <= c.Size().Height {
		return fyne.NewPos(x, below)
	}
	return fyne.NewPos(x, max(0, at.Y-size.Height))
}

func (d *dateField) set(t time.Time) { d.entry.SetText(govbuy.FormatDate(t)) }

// date reads the entry; an empty entry is the zero date.
func (d *dateField) date(field string) (time.Time, *govbuy.Error) {
	t, err := parseDate(d.entry.Text)
	if err != nil {
		return time.Time{}, govbuy.Invalidf(field, "%s", lang.L("Unrecognised date “{{.Text}}”, write it as 2024-01-01",
			map[string]any{"Text": strings.TrimSpace(d.entry.Text)}))
	}
	return t, nil
}

// dateLayouts are the ways officers write a date by hand or paste it from
// a spreadsheet.
var dateLayouts = []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日", "20060102"}

// parseDate reads a date in any of dateLayouts as a stored date (midnight
// UTC); an empty string is the zero date.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	var err error
	for _, l := range dateLayouts {
		var t time.Time
		if t, err = time.Parse(l, s); err == nil {
			return govbuy.Day(t.Year(), t.Month(), t.Day()), nil
		}
	}
	return time.Time{}, err
}

// entryText is what was typed, without the spaces pasting brings along.
func entryText(e *widget.Entry) string { return strings.TrimSpace(e.Text) }

// showIf shows o when show is set and hides it otherwise.
func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}
