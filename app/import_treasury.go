package app

import (
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/importer"
)

// handRowsShown caps the rows offered for matching by hand at once; the
// problems list names every one.
const handRowsShown = 50

// handMatches lists the rows of a treasury list that the rule left
// unmatched, and those a person matched, each with the contracts it may pay
// (the payee's at the row's unit first): choosing one plans the file again
// with the row tied to it. Nothing is guessed for the person.
type handMatches struct {
	box     *fyne.Container
	chosen  map[string]string // payment voucher → contract number
	changed func()
}

func newHandMatches(changed func()) *handMatches {
	return &handMatches{box: container.NewVBox(), chosen: map[string]string{}, changed: changed}
}

// choices copies the choices for a plan made off the UI goroutine.
func (h *handMatches) choices() map[string]string { return maps.Clone(h.chosen) }

// reset forgets the choices: a new file is matched afresh.
func (h *handMatches) reset() {
	h.chosen = map[string]string{}
	h.box.RemoveAll()
}

// show offers a contract list for each row unmatched or matched by hand.
func (h *handMatches) show(p *importer.Plan) {
	h.box.RemoveAll()
	if p.Matcher == nil {
		return
	}
	shown := 0
	for _, l := range p.Treasury {
		if l.Row.Match.Matched() && l.Row.Match.By != govbuy.MatchByHand {
			continue
		}
		if shown == 0 {
			h.box.Add(widget.NewLabelWithStyle(lang.L("Rows without a contract: choose the contract each pays"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			rule := widget.NewLabel(govbuy.TreasuryMatchRule)
			rule.Wrapping = fyne.TextWrapWord
			h.box.Add(rule)
		}
		if shown++; shown > handRowsShown {
			break
		}
		h.box.Add(h.rowChoice(p.Matcher, l))
	}
}

// rowChoice is one row's description and its contract list.
func (h *handMatches) rowChoice(m *govbuy.TreasuryMatcher, l importer.TreasuryLine) fyne.CanvasObject {
	r := l.Row
	var options []string
	numbers := map[string]string{}
	for _, c := range m.Contracts(r) {
		label := lang.L("Contract to choose", map[string]any{"Number": c.Number, "Title": c.Title, "Unit": c.Unit,
			"Contractor": c.Contractor, "Amount": c.Amount.String()})
		options = append(options, label)
		numbers[label] = c.Number
	}
	pick := newSelect(options, nil)
	for label, number := range numbers {
		if number == r.Match.Contract {
			pick.SetSelected(label)
		}
	}
	voucher := r.Voucher
	pick.OnChanged = func(label string) {
		h.chosen[voucher] = numbers[label]
		h.changed()
	}
	text := lang.L("Treasury row", map[string]any{"Row": l.Source.Row, "Unit": r.Unit, "Payee": r.Payee,
		"Amount": r.Amount.String(), "Voucher": r.Voucher})
	if !r.Match.Matched() {
		text += lang.L(": ") + r.Match.Why
	}
	desc := widget.NewLabel(text)
	desc.Wrapping = fyne.TextWrapWord
	return container.NewGridWithColumns(2, desc, pick)
}
