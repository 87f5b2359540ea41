package app

import (
	"errors"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// fieldForm lays out labelled fields with a message line under each, so
// every problem is shown where the officer has to fix it. Nothing in it
// moves while the officer types: each message line keeps its height
// whether it says something or not, the problems that belong to no field
// have a space of their own above the fields, and the label column never
// narrows. A field's error clears as soon as its value changes to one the
// form's check no longer faults. Fields are keyed by the names the domain
// uses in govbuy.Error.Field.
type fieldForm struct {
	grid    *fyne.Container
	rows    []*formField
	fields  map[govbuy.Field]*formField
	general *messageLine // problems that belong to no shown field
	// generalChecked are the general problems the form's own check found;
	// those from the store stay until the next save.
	generalChecked, generalStored []string
	// check reads the form and returns its problems as a save would find
	// them before writing; nil clears a changed field's error instead.
	check func() govbuy.ValidationErrors
	view  fyne.CanvasObject
}

// formField is one row of a fieldForm.
type formField struct {
	label  *widget.Label
	spacer *canvas.Rectangle // keeps the label column as wide as reserveLabel asks
	msg    *messageLine
	body   *fyne.Container
	// err is the problem shown, note a warning or hint from the form's live
	// checks, shown while there is no error.
	err            string
	note           string
	noteImportance widget.Importance
	seen           string // the field's values when err was shown
}

// messageLines is how many lines a field's message keeps room for.
const messageLines = 1

func newFieldForm() *fieldForm {
	f := &fieldForm{grid: container.New(&formRows{}), fields: map[govbuy.Field]*formField{}, general: newMessageLine(2)}
	f.view = container.NewVBox(f.general, f.grid)
	return f
}

// add appends a field under label; names are the domain field names whose
// errors it shows (a contractor's code answers to two).
func (f *fieldForm) add(label string, obj fyne.CanvasObject, names ...govbuy.Field) *formField {
	ff := &formField{label: widget.NewLabel(label), spacer: canvas.NewRectangle(color.Transparent), msg: newMessageLine(messageLines)}
	ff.label.TextStyle.Bold = true
	ff.body = container.New(layout.NewCustomPaddedVBoxLayout(0), obj, ff.msg)
	for _, n := range names {
		f.fields[n] = ff
	}
	f.rows = append(f.rows, ff)
	f.grid.Add(container.NewStack(ff.spacer, ff.label))
	f.grid.Add(ff.body)
	return ff
}

// content is the form with the general message space above the fields.
func (f *fieldForm) content() fyne.CanvasObject { return f.view }

// clear removes every error; notes stay, being the form's own live checks.
func (f *fieldForm) clear() {
	for _, ff := range f.rows {
		ff.setError("")
	}
	f.generalChecked, f.generalStored = nil, nil
	f.showGeneral()
}

// show puts each problem of err beside its field; problems of unknown or
// hidden fields, and failures that are not domain errors, go above the
// fields. Problems the form's check finds (validation) clear once fixed;
// the others (the store's refusals) stay until the next save.
func (f *fieldForm) show(err error) {
	f.clear()
	byField, general := f.sort(problems(err))
	for ff, m := range byField {
		ff.setError(strings.Join(m, "；"))
	}
	if _, checked := err.(govbuy.ValidationErrors); checked {
		f.generalChecked = general
	} else {
		f.generalStored = general
	}
	f.showGeneral()
}

// live shows found as the form's problems now, field by field, for a
// form checked at every keystroke; the store's refusals stay until the
// next save.
func (f *fieldForm) live(found govbuy.ValidationErrors) {
	byField, general := f.sort(found)
	for _, ff := range f.rows {
		ff.setError(strings.Join(byField[ff], "；"))
	}
	f.generalChecked = general
	f.showGeneral()
}

// sort files each problem under its shown field, or among the general ones.
func (f *fieldForm) sort(list []*govbuy.Error) (map[*formField][]string, []string) {
	byField := map[*formField][]string{}
	var general []string
	for _, e := range list {
		if ff := f.fields[e.Field]; ff != nil && ff.body.Visible() {
			byField[ff] = append(byField[ff], e.Message)
			continue
		}
		general = append(general, e.Error())
	}
	return byField, general
}

func (f *fieldForm) showGeneral() {
	f.general.SetText(strings.Join(append(slices.Clone(f.generalStored), f.generalChecked...), "\n"))
}

// changed follows any change of a field's value: the error of each field
// whose value changed is worked out again, so it clears the moment the
// field is fixed; the others' stay as the last save found them. Only forms
// showing an error do any work.
func (f *fieldForm) changed() {
	var byField map[*formField][]string
	var general []string
	checked := false
	recheck := func() {
		if !checked && f.check != nil {
			byField, general = f.sort(f.check())
		}
		checked = true
	}
	for _, ff := range f.rows {
		if ff.err == "" || ff.values() == ff.seen {
			continue
		}
		recheck()
		ff.setError(strings.Join(byField[ff], "；"))
	}
	if len(f.generalChecked) > 0 {
		recheck()
		f.generalChecked = slices.DeleteFunc(f.generalChecked, func(m string) bool { return !slices.Contains(general, m) })
		f.showGeneral()
	}
}

// watch has every entry, select, radio group and check of the form report
// its changes to changed, keeping what each already does. A form calls it
// once its fields and their handlers are in place; rows an editor adds
// later report through the editor's own onChanged.
func (f *fieldForm) watch() {
	for _, ff := range f.rows {
		walkFields(ff.body, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Entry:
				prev := w.OnChanged
				w.OnChanged = func(s string) { after(prev, s, f.changed) }
			case *widget.Select:
				prev := w.OnChanged
				w.OnChanged = func(s string) { after(prev, s, f.changed) }
			case *widget.RadioGroup:
				prev := w.OnChanged
				w.OnChanged = func(s string) { after(prev, s, f.changed) }
			case *widget.CheckGroup:
				prev := w.OnChanged
				w.OnChanged = func(s []string) { after(prev, s, f.changed) }
			}
		})
	}
}

// after calls prev (when set) with v, then then.
func after[T any](prev func(T), v T, then func()) {
	if prev != nil {
		prev(v)
	}
	then()
}

// walkFields visits o and, inside containers, everything under it; the
// values of a field live in the widgets themselves.
func walkFields(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			walkFields(x, fn)
		}
	}
}

// values is what the field holds, to tell whether it changed.
func (ff *formField) values() string {
	var b strings.Builder
	walkFields(ff.body, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			b.WriteString(w.Text)
		case *widget.Select:
			b.WriteString(w.Selected)
		case *widget.RadioGroup:
			b.WriteString(w.Selected)
		case *widget.CheckGroup:
			b.WriteString(strings.Join(w.Selected, "、"))
		case *widget.Button:
			b.WriteString(w.Text) // a picker shows its choice
		default:
			return
		}
		b.WriteByte(0)
	})
	return b.String()
}

// problemsOf turns a form's read function into its check.
func problemsOf[T any](read func() (T, govbuy.ValidationErrors)) func() govbuy.ValidationErrors {
	return func() govbuy.ValidationErrors {
		_, found := read()
		return found
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

// setError shows m as the field's problem, or its note when m is empty.
func (ff *formField) setError(m string) {
	ff.err = m
	ff.seen = ff.values()
	ff.showMessage()
}

// setNote shows a warning or hint of the form's live checks, under any
// error the field has.
func (ff *formField) setNote(m string, importance widget.Importance) {
	ff.note, ff.noteImportance = m, importance
	ff.showMessage()
}

func (ff *formField) showMessage() {
	if ff.err != "" {
		ff.msg.set(ff.err, widget.DangerImportance)
		return
	}
	ff.msg.set(ff.note, ff.noteImportance)
}

// setVisible shows or hides the whole row, label included. Only a choice
// the officer makes shows or hides a row, at once and below the choice:
// never typing, never an answer from the background.
func (ff *formField) setVisible(v bool) {
	for _, o := range []fyne.CanvasObject{ff.label, ff.body} {
		showIf(o, v)
	}
}

// roomFor keeps room for lines lines of message, for a field whose notes
// run long; it is called while the form is built.
func (ff *formField) roomFor(lines int) *formField {
	ff.msg.lines = lines
	return ff
}

// reserveLabel keeps the label column wide enough for each of texts, the
// labels the row can take: renaming it then moves no field sideways.
func (ff *formField) reserveLabel(texts ...string) {
	w := ff.spacer.MinSize().Width
	for _, t := range texts {
		l := widget.NewLabel(t)
		l.TextStyle = ff.label.TextStyle
		w = max(w, l.MinSize().Width)
	}
	ff.spacer.SetMinSize(fyne.NewSize(w, 0))
}

// formRows lays out label–field pairs like Fyne's form layout, except that
// the label column never narrows: it stays as wide as the widest label it
// has held, hidden rows' too, so no field slides sideways when a row is
// hidden or a label renamed.
type formRows struct {
	labelWidth float32
}

func (l *formRows) widths(objects []fyne.CanvasObject) (label, content float32) {
	for i := 0; i+1 < len(objects); i += 2 {
		l.labelWidth = max(l.labelWidth, objects[i].MinSize().Width)
		if objects[i].Visible() || objects[i+1].Visible() {
			content = max(content, objects[i+1].MinSize().Width)
		}
	}
	return l.labelWidth, content
}

func (l *formRows) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	label, _ := l.widths(objects)
	pad := theme.Padding()
	y := float32(0)
	for i := 0; i+1 < len(objects); i += 2 {
		name, field := objects[i], objects[i+1]
		if !name.Visible() && !field.Visible() {
			continue
		}
		height := max(name.MinSize().Height, field.MinSize().Height)
		name.Move(fyne.NewPos(0, y))
		name.Resize(fyne.NewSize(label, name.MinSize().Height))
		field.Move(fyne.NewPos(label+pad, y))
		field.Resize(fyne.NewSize(size.Width-label-pad, height))
		y += height + pad
	}
}

func (l *formRows) MinSize(objects []fyne.CanvasObject) fyne.Size {
	label, content := l.widths(objects)
	height := float32(0)
	rows := 0
	for i := 0; i+1 < len(objects); i += 2 {
		if objects[i].Visible() || objects[i+1].Visible() {
			height += max(objects[i].MinSize().Height, objects[i+1].MinSize().Height)
			rows++
		}
	}
	return fyne.NewSize(label+theme.Padding()+content, height+float32(max(rows-1, 0))*theme.Padding())
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
	form.watch()
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

// validate normalises a record as the store will (when it has a Normalize)
// and runs its own checks, so every problem shows at once with those found
// while reading the form; the store checks again when writing.
func validate(v interface{ Validate() error }, found govbuy.ValidationErrors) govbuy.ValidationErrors {
	if n, ok := v.(interface{ Normalize() }); ok {
		n.Normalize()
	}
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
	var pick *tapIcon
	pick = newTapIcon(theme.Icon(theme.IconNameCalendar), func() {
		start := time.Now()
		if t, err := parseDate(d.entry.Text); err == nil && !t.IsZero() {
			start = t
		}
		pop = widget.NewPopUp(newCalendar(start, func(t time.Time) {
			d.entry.SetText(govbuy.FormatDate(t))
			pop.Hide()
		}), win.Canvas())
		pop.ShowAtPosition(popUpPosition(win.Canvas(), pick, pop.MinSize()))
	})
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
func (d *dateField) date(field govbuy.Field) (time.Time, *govbuy.Error) {
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

// leftThen lays left at the left of center, which takes the rest of the
// width, and keeps them in that order for Tab: container.NewBorder would
// put center first.
func leftThen(left, center fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewBorderLayout(nil, nil, left, nil), left, center)
}

// enableIf enables w when on is set and disables it otherwise.
func enableIf(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// showIf shows o when show is set and hides it otherwise.
func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}

// tapIcon is an icon that acts when tapped but stays out of the tab order,
// unlike a button: Tab goes from field to field, so a value typed after a
// date never lands on its calendar, nor one typed after a row on the
// button that removes it.
type tapIcon struct {
	widget.BaseWidget
	icon     fyne.Resource
	onTapped func()
}

func newTapIcon(icon fyne.Resource, onTapped func()) *tapIcon {
	t := &tapIcon{icon: icon, onTapped: onTapped}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapIcon) Tapped(*fyne.PointEvent) { t.onTapped() }

// Cursor shows the hand a button shows.
func (t *tapIcon) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *tapIcon) CreateRenderer() fyne.WidgetRenderer {
	icon := widget.NewIcon(t.icon)
	size := theme.IconInlineSize() + 2*theme.InnerPadding()
	return widget.NewSimpleRenderer(container.NewGridWrap(fyne.NewSize(size, size), container.NewCenter(icon)))
}
