package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// choice is a record a picker can select.
type choice struct {
	id     int64
	label  string
	detail string // a code or type shown beside the label in the list
}

// searchFunc returns the first few records matching text.
type searchFunc func(ctx context.Context, text string) ([]choice, error)

// pickLimit caps the candidates a picker lists: a few more characters narrow
// a long list faster than scrolling it.
const pickLimit = 100

// searchDelay is how long typing must pause before a search runs.
const searchDelay = 250 * time.Millisecond

// picker chooses a unit or a contractor from a searchable list. Fyne 2.7 has
// no input-method composition window, so picking (and pasting a few
// characters to search) spares the officer typing whole Chinese names.
type picker struct {
	sh        *shell
	title     string
	empty     string // shown while nothing is chosen
	search    searchFunc
	button    *widget.Button
	view      fyne.CanvasObject
	selected  choice
	onChanged func(choice)
	// onNew, when set, offers "新增…" in the search dialog: it opens the
	// record's editor with what was typed as the name, and the editor's
	// save chooses the new record (set), so an officer never leaves a
	// contract half-typed to register a unit first.
	onNew func(name string)
}

// newPicker builds a picker; with clearable set, a button returns it to
// "nothing chosen", as a list filter needs.
func newPicker(sh *shell, title, empty string, clearable bool, search searchFunc) *picker {
	p := &picker{sh: sh, title: title, empty: empty, search: search}
	p.button = widget.NewButtonWithIcon(empty, theme.SearchIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.view = p.button
	if clearable {
		clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { p.set(choice{}) })
		clear.Importance = widget.LowImportance
		p.view = container.NewBorder(nil, nil, nil, clear, p.button)
	}
	return p
}

// set chooses c (the zero choice for none) and reports a change.
func (p *picker) set(c choice) {
	changed := c.id != p.selected.id
	p.show(c)
	if changed && p.onChanged != nil {
		p.onChanged(c)
	}
}

// show displays c as chosen without reporting a change, for filling a form.
func (p *picker) show(c choice) {
	p.selected = c
	if c.id == 0 {
		p.button.SetText(p.empty)
	} else {
		p.button.SetText(c.label)
	}
}

// open shows the search dialog, listing the first matches at once.
func (p *picker) open() {
	var results []choice
	list := widget.NewList(
		func() int { return len(results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := results[i]
			text := c.label
			if c.detail != "" {
				text += "　" + c.detail
			}
			o.(*widget.Label).SetText(text)
		})
	status := widget.NewLabel("")
	entry := widget.NewEntry()
	entry.SetPlaceHolder(lang.L("Type or paste part of the name"))
	bottom := fyne.CanvasObject(status)
	var dlg *dialog.CustomDialog
	if p.onNew != nil {
		add := widget.NewButtonWithIcon(lang.L("New…"), theme.ContentAddIcon(), func() {
			dlg.Hide()
			p.onNew(entryText(entry))
		})
		bottom = container.NewBorder(nil, nil, nil, add, status)
	}
	dlg = dialog.NewCustom(p.title, lang.L("Cancel"), container.NewBorder(entry, bottom, nil, nil, list), p.sh.win)
	list.OnSelected = func(i widget.ListItemID) {
		p.set(results[i])
		dlg.Hide()
	}
	query := func() {
		text := entryText(entry)
		p.sh.tasks.run(func() func() {
			found, err := p.search(p.sh.ctx, text)
			return func() {
				if text != entryText(entry) {
					return // a newer search is on its way
				}
				results = found
				list.UnselectAll()
				list.Refresh()
				status.SetText(pickStatus(len(found), err))
			}
		})
	}
	later := p.sh.tasks.debounced(searchDelay, query)
	entry.OnChanged = func(string) { later() }
	dlg.Resize(fyne.NewSize(520, 560))
	dlg.Show()
	p.sh.win.Canvas().Focus(entry)
	query()
}

func pickStatus(n int, err error) string {
	switch {
	case err != nil:
		return lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)})
	case n == 0:
		return lang.L("Nothing found")
	case n >= pickLimit:
		return lang.L("Showing the first {{.Count}}; type more to narrow", map[string]any{"Count": n})
	}
	return ""
}
