package app

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// yearKeeper closes and reopens budget years (年度结账 / 反结账).
type yearKeeper interface {
	ClosedYears(ctx context.Context) ([]int, error)
	CloseYear(ctx context.Context, year int) error
	ReopenYear(ctx context.Context, year int, reason string) error
	YearCloseBlockers(ctx context.Context, year, limit int) (*govbuy.YearCloseBlockers, error)
}

// reasonWidth keeps the 反结账 reason box wide enough for a sentence.
const reasonWidth = 480

// blockersShown is how many unsettled periods the close dialog lists; the
// workbench's 结账前 tab has them all.
const blockersShown = 50

// mayReopen reports whether the person at the window may reopen a year: an
// administrator, or anyone while roles are off. The store checks it again.
func mayReopen(ctx context.Context) bool {
	u := govbuy.UserFrom(ctx)
	return u == nil || u.Role.May(govbuy.ActAdminister)
}

// askReopen asks for the reason and reopens year; done runs after.
func askReopen(sh *shell, svc yearKeeper, year int, done func()) {
	reason := widget.NewMultiLineEntry()
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	reason.SetPlaceHolder(lang.L("Why the closed year must change, e.g. a payment entered under the wrong year"))
	intro := message(lang.L("Reopening {{.Year}} lets its contracts, assessments and payments be changed again. The reason is kept in the audit log.", map[string]any{"Year": year}))
	wide := container.NewGridWrap(fyne.NewSize(reasonWidth, reason.MinSize().Height), reason)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(lang.L("Reopen year"), lang.L("Confirm reopening"), lang.L("Cancel"),
		container.NewVBox(intro, widget.NewLabel(lang.L("Reason")), wide), func(ok bool) {
			if ok {
				yearAct(sh, lang.L("{{.Year}} is open again.", map[string]any{"Year": year}),
					func(ctx context.Context) error { return svc.ReopenYear(ctx, year, reason.Text) }, done)
			}
		}, sh.win)
	d.SetConfirmImportance(widget.WarningImportance)
	d.Show()
	sh.win.Canvas().Focus(reason)
}

// askClose lists what closing year would leave undone — periods not
// assessed or not paid, payments waiting for approval — and then asks.
func askClose(sh *shell, svc yearKeeper, year int, done func()) {
	ctx := sh.ctx
	sh.tasks.run(func() func() {
		b, err := svc.YearCloseBlockers(ctx, year, blockersShown)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), sh.win)
				return
			}
			showCloseDialog(sh, svc, b, done)
		}
	})
}

func showCloseDialog(sh *shell, svc yearKeeper, b *govbuy.YearCloseBlockers, done func()) {
	year := b.Year
	summary := boldLabel(b.Summary())
	summary.Wrapping = fyne.TextWrapWord
	if !b.Empty() {
		summary.Importance = widget.DangerImportance
	}
	warning := message(lang.L("After closing, the year's contracts, assessments and payments cannot be changed. Close {{.Year}}?", map[string]any{"Year": year}))
	var body fyne.CanvasObject = container.NewVBox(summary, warning)
	size := fyne.NewSize(560, 260)
	if all := b.All(); len(all.Items) > 0 {
		list := newSheet(standingColumns(), func() []govbuy.DueItem { return all.Items }, nil)
		body = container.NewBorder(summary, warning, nil, nil, list.view)
		size = fyne.NewSize(960, 560)
	}
	d := dialog.NewCustomConfirm(lang.L("Close year {{.Year}}", map[string]any{"Year": year}), lang.L("Confirm closing"), lang.L("Cancel"), body, func(ok bool) {
		if ok {
			yearAct(sh, lang.L("{{.Year}} is closed.", map[string]any{"Year": year}),
				func(ctx context.Context) error { return svc.CloseYear(ctx, year) }, done)
		}
	}, sh.win)
	d.SetConfirmImportance(widget.HighImportance)
	d.Resize(size)
	d.Show()
}

// yearAct closes or reopens a year off the UI goroutine, then says so.
func yearAct(sh *shell, said string, act func(ctx context.Context) error, done func()) {
	ctx := sh.ctx
	sh.tasks.run(func() func() {
		err := act(ctx)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), sh.win)
				return
			}
			dialog.ShowInformation(lang.L("Closed years"), said, sh.win)
			sh.changed()
			if done != nil {
				done()
			}
		}
	})
}

// closedBanner says, above the 考核 and 支付 forms, that the contract's
// year is closed, with 反结账 for those who may reopen it, rather than
// letting the officer fill a form the store will refuse.
type closedBanner struct {
	sh     *shell
	svc    yearKeeper
	text   *widget.Label
	reopen *widget.Button
	box    *fyne.Container
	year   int
	asked  int        // the check asked for last; older answers are dropped
	onOpen func()     // the year was reopened: the screen reloads
	closed func(bool) // the screen's form follows the year's state
}

func newClosedBanner(sh *shell, svc yearKeeper, onOpen func(), closed func(bool)) *closedBanner {
	b := &closedBanner{sh: sh, svc: svc, onOpen: onOpen, closed: closed}
	b.text = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.text.Importance = widget.DangerImportance
	b.text.Wrapping = fyne.TextWrapWord
	b.reopen = widget.NewButtonWithIcon(lang.L("Reopen year…"), theme.ViewRefreshIcon(), func() {
		askReopen(sh, svc, b.year, b.onOpen)
	})
	b.box = container.NewBorder(nil, nil, nil, b.reopen, b.text)
	b.box.Hide()
	return b
}

// check shows the banner when year is closed.
func (b *closedBanner) check(year int) {
	b.year = year
	b.asked++
	asked, ctx := b.asked, b.sh.ctx
	b.sh.tasks.run(func() func() {
		years, err := b.svc.ClosedYears(ctx)
		return func() {
			if asked != b.asked {
				return
			}
			closed := err == nil && slices.Contains(years, year)
			b.text.SetText(lang.L("{{.Year}} is closed: its contracts, assessments and payments cannot be changed.", map[string]any{"Year": strconv.Itoa(year)}))
			if err != nil {
				b.text.SetText(errorText(err))
			}
			showIf(b.box, closed || err != nil)
			showIf(b.reopen, closed && mayReopen(ctx))
			if b.closed != nil {
				b.closed(closed)
			}
		}
	})
}
