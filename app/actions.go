package app

import (
	"context"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// toolbar lays out a screen's search entry (which takes the spare width),
// its filters and the add, edit and delete buttons, with a screen's own
// buttons (more) after add. More than a few filters go on a row of their
// own, so the search keeps a usable width.
func toolbar(search *widget.Entry, filters []fyne.CanvasObject, add, edit, del func(), more ...fyne.CanvasObject) fyne.CanvasObject {
	return toolbarWith(search, filters, add, edit, widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), del), more...)
}

// toolbarWith is toolbar with a delete button of the screen's own, such as
// guardDelete's.
func toolbarWith(search *widget.Entry, filters []fyne.CanvasObject, add, edit func(), del *widget.Button, more ...fyne.CanvasObject) fyne.CanvasObject {
	addB := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), add)
	addB.Importance = widget.HighImportance
	buttons := append([]fyne.CanvasObject{addB}, more...)
	buttons = append(buttons, widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), edit), del)
	filters = slices.Clone(filters)
	for i, f := range filters {
		if sel, ok := f.(*widget.Select); ok {
			filters[i] = wideEnough(sel)
		}
	}
	if len(filters) > maxInlineFilters {
		return container.NewVBox(
			container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), search),
			container.NewHBox(filters...))
	}
	right := container.NewHBox(append(append(filters, widget.NewSeparator()), buttons...)...)
	return container.NewBorder(nil, nil, nil, right, search)
}

const maxInlineFilters = 3

// wideEnough holds a filter open to its longest option, which a select
// would otherwise cut to "全部主体…".
func wideEnough(sel *widget.Select) fyne.CanvasObject {
	w := sel.MinSize().Width
	for _, o := range sel.Options {
		w = max(w, textWidth(o, false)+theme.IconInlineSize()+2*theme.InnerPadding())
	}
	return container.NewGridWrap(fyne.NewSize(w, sel.MinSize().Height), sel)
}

// newSearchEntry is a search box that calls reload once typing pauses.
func newSearchEntry(sh *shell, placeholder string, reload func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.ActionItem = widget.NewIcon(theme.SearchIcon())
	later := sh.tasks.debounced(searchDelay, reload)
	e.OnChanged = func(string) { later() }
	return e
}

// newFilter is a select whose first option, all, means no filter; changing
// it calls reload.
func newFilter(all string, options []string, reload func()) *widget.Select {
	s := newSelect(append([]string{all}, options...), nil)
	s.SetSelectedIndex(0)
	s.OnChanged = func(string) { reload() }
	return s
}

// filterValue is the chosen option, "" for the "all" option.
func filterValue(s *widget.Select) string {
	if s.SelectedIndex() <= 0 {
		return ""
	}
	return s.Selected
}

// yearOptions lists budget years from next year back over a decade, the
// span officers look at; older years are reached through search.
func yearOptions() []string {
	y := time.Now().Year() + 1
	out := make([]string, 0, 12)
	for i := 0; i < 12; i++ {
		out = append(out, strconv.Itoa(y-i))
	}
	return out
}

// newYearFilter is a budget-year filter.
func newYearFilter(reload func()) *widget.Select {
	return newFilter(lang.L("All years"), yearOptions(), reload)
}

// yearValue is the chosen year, 0 for all years.
func yearValue(s *widget.Select) int {
	y, _ := strconv.Atoi(filterValue(s))
	return y
}

// stringsOf converts a list of domain string values for a select.
func stringsOf[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// withSelected runs fn on the list's selected row, or tells the officer to
// select one first.
func withSelected[T any](sh *shell, l *listTable[T], fn func(T)) {
	if r, ok := l.selectedRow(); ok {
		fn(r)
		return
	}
	dialog.ShowInformation(lang.L("No row selected"), lang.L("Select a row in the list first."), sh.win)
}

// guardDelete is a list's 删除 button that asks the store, as each row is
// selected, whether it would refuse to delete it. While it would, the
// button is disabled and the store's reason shows beside the count, so the
// officer reads why before trying rather than after confirming; the words
// are the store's own refusal (refusal is a govbuy …DeleteRefusal). A
// failure to ask leaves the button to the delete's own answer.
func guardDelete[T any](sh *shell, l *listTable[T], refusal func(ctx context.Context, row T) error, confirm func(T)) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { withSelected(sh, l, confirm) })
	asked := 0
	l.onSelect = func(row T) {
		asked++
		mine, ctx := asked, sh.ctx
		b.Disable()
		sh.tasks.run(func() func() {
			err := refusal(ctx, row)
			return func() {
				if mine != asked {
					return // another row was selected meanwhile
				}
				if govbuy.ErrorKindOf(err) == govbuy.EConflict {
					l.note.SetText(errorText(err))
					return
				}
				b.Enable()
				l.note.SetText(errorText(err))
			}
		})
	}
	l.onDeselect = func() {
		asked++
		b.Enable()
		l.note.SetText("")
	}
	return b
}

// confirmDelete asks before deleting; del runs in the background and a
// refusal (a unit that still has contracts) is shown with its reason. done
// reloads what the screen shows after a delete; it runs after a conflict
// or a record not found too, since they say the database no longer holds
// what the screen shows: someone else changed the record (a delete by the
// version the screen read is refused) or removed it, and the reload shows
// their change and the version a second delete goes by.
func confirmDelete(sh *shell, question string, del func() error, done func()) {
	confirmAct(sh.win, lang.L("Confirm delete"), question, lang.L("Delete"), widget.DangerImportance, func() { deleteNow(sh, del, done) })
}

func deleteNow(sh *shell, del func() error, done func()) {
	sh.tasks.run(func() func() {
		err := del()
		return func() {
			if err != nil {
				dialog.ShowInformation(lang.L("Not deleted"), errorText(err), sh.win)
			}
			if kind := govbuy.ErrorKindOf(err); err == nil || kind == govbuy.EConflict || kind == govbuy.ENotFound {
				done()
			}
		}
	})
}
