package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// detailStore is what a contract's details read, and the acknowledgement of
// a hint, the one thing they change.
type detailStore interface {
	hintAcknowledger
	noticeSource
	govbuy.SupplementService
	ContractSettlement(ctx context.Context, contractID int64) (*govbuy.ContractSettlement, error)
	FindAssessments(ctx context.Context, contractID int64) ([]govbuy.Assessment, error)
	FindPayments(ctx context.Context, contractID int64) ([]govbuy.Payment, error)
	ContractPrice(ctx context.Context, c *govbuy.Contract) (*govbuy.Price, error)
}

// contractDetails shows one contract as an officer checks it before paying
// or signing: where its money stands by period and in total, its
// assessments and payments, and its compliance hints, which can be
// acknowledged from here.
type contractDetails struct {
	sh          *shell
	svc         detailStore
	totals      *widget.Label
	periods     *widget.Label
	price       *widget.Label
	assessments *widget.Label
	payments    *widget.Label
	hints       *hintList
	supplements *supplementList
	dlg         *dialog.CustomDialog
}

// showContractDetails opens the details of r; edit, called after the
// details close, opens the contract's editor.
func showContractDetails(sh *shell, svc detailStore, r govbuy.ContractRow, edit func()) *contractDetails {
	d := &contractDetails{sh: sh, svc: svc}
	d.totals = boldLabel("…")
	d.periods, d.price, d.assessments, d.payments = wrappedLabel(""), wrappedLabel(""), wrappedLabel(""), wrappedLabel("")
	d.hints = newHintList(sh, svc, d.load)
	d.supplements = newSupplementList(sh, svc, func() { d.load(r.ID) })
	about := wrappedLabel(lang.L("Contract about", map[string]any{
		"Unit": r.UnitName, "Contractor": r.ContractorName, "Method": string(r.Method),
		"Start": govbuy.FormatDate(r.Start), "End": govbuy.FormatDate(r.End),
	}))
	body := container.NewVBox(about, d.totals, d.periods,
		heading(lang.L("Standard price")), d.price,
		heading(lang.L("Recorded assessments")), d.assessments,
		heading(lang.L("Recorded payments")), d.payments,
		heading(lang.L("Supplementary contracts")), d.supplements.box,
		heading(lang.L("Compliance hints")), d.hints.box)
	d.dlg = dialog.NewCustomWithoutButtons(r.Number+" "+r.Title, container.NewVScroll(body), sh.win)
	editB := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() {
		d.dlg.Hide()
		edit()
	})
	noticeB := widget.NewButtonWithIcon(lang.L("Contract notice"), theme.DocumentIcon(), func() { showContractNotice(sh, svc, r.Number) })
	d.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close"), d.dlg.Hide), noticeB, editB})
	d.dlg.Resize(fyne.NewSize(900, 640))
	d.dlg.Show()
	d.load(r.ID)
	return d
}

// load reads the settlement, price, assessments and payments of the
// contract.
func (d *contractDetails) load(id int64) {
	ctx := d.sh.ctx
	d.sh.tasks.run(func() func() {
		st, err := d.svc.ContractSettlement(ctx, id)
		var price *govbuy.Price
		var as []govbuy.Assessment
		var ps []govbuy.Payment
		var supps []govbuy.Supplement
		if err == nil {
			price, err = d.svc.ContractPrice(ctx, &st.Contract.Contract)
		}
		if err == nil {
			as, err = d.svc.FindAssessments(ctx, id)
		}
		if err == nil {
			ps, err = d.svc.FindPayments(ctx, id)
		}
		if err == nil {
			supps, err = d.svc.ContractSupplements(ctx, id)
		}
		return func() {
			if err != nil {
				d.totals.SetText(errorText(err))
				return
			}
			d.price.SetText(priceText(price, st.Contract.Amount))
			d.supplements.show(st.Contract.Contract, supps)
			d.show(st, as, ps)
		}
	})
}

// priceText is the contract's price by its fee standard with the working
// and, when there is an amount, how far it departs from the price.
func priceText(p *govbuy.Price, amount govbuy.Money) string {
	if p == nil {
		return lang.L("Not priced by a fee standard.")
	}
	// A clause to a line, like a calculation sheet: wrapped by the label,
	// a band's figures would break inside a number, and "；" or "，" could
	// start a line, which Chinese text never does.
	text := strings.NewReplacer("，", "，\n", "；", "；\n").Replace(p.Working)
	if p.Source != "" {
		text += lang.L(" (source: {{.Source}})", map[string]any{"Source": p.Source})
	}
	if amount > 0 {
		text += "\n" + departureText(p)
	}
	return text
}

func (d *contractDetails) show(st *govbuy.ContractSettlement, as []govbuy.Assessment, ps []govbuy.Payment) {
	d.totals.SetText(totalsText(st))
	var lines []string
	for _, p := range st.Periods {
		lines = append(lines, p.Explanation()+lang.L("; paid {{.Paid}} yuan", map[string]any{"Paid": p.Paid.String()}))
	}
	for _, p := range st.Others {
		lines = append(lines, p.Explanation())
	}
	d.periods.SetText(strings.Join(lines, "\n"))
	lines = nil
	for _, a := range as {
		lines = append(lines, assessmentLine(a, st.Plan))
	}
	d.assessments.SetText(orNone(lines, lang.L("No assessment recorded yet.")))
	lines = nil
	for _, p := range ps {
		lines = append(lines, paymentLine(p))
	}
	d.payments.SetText(orNone(lines, lang.L("No payment recorded yet.")))
	d.hints.show(st.Contract.ID, st.Hints, false)
}

// orNone joins lines, or says there are none.
func orNone(lines []string, none string) string {
	if len(lines) == 0 {
		return none
	}
	return strings.Join(lines, "\n")
}

func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func boldLabel(text string) *widget.Label {
	l := wrappedLabel(text)
	l.TextStyle.Bold = true
	return l
}

// heading starts a section of a long view.
func heading(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.Importance = widget.HighImportance
	return container.NewVBox(widget.NewSeparator(), l)
}
