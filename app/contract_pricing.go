package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// feeLibrary is what pricing a contract by a fee standard reads.
type feeLibrary interface {
	FindFeeStandards(ctx context.Context) ([]govbuy.FeeStandard, error)
	MaxFeeDeparture(ctx context.Context) (govbuy.Rate, error)
}

// contractPricing prices the contract being edited by a standard of the
// library as it is typed, with the working and how far the contract
// amount departs from the price, so an officer sees a departure before
// signing rather than as a hint afterwards. Its rows are always there,
// those the chosen standard does not charge on disabled: the standard is
// chosen, or read back, after the officer may have started typing.
type contractPricing struct {
	standards             []govbuy.FeeStandard // in option order, after "none"
	initial               govbuy.Contract      // its pricing is kept until the library arrives
	maxDeparture          govbuy.Rate
	sel, baseUnit         *widget.Select
	quantity, base, share *widget.Entry
	quantityUnit          *widget.Label // what the quantity counts: 月, 人次, 小时…
	price                 *messageLine
}

// baseUnits are the units a base can be typed in; a cost-consulting table
// is written in 万元.
var baseUnits = []govbuy.MoneyUnit{govbuy.UnitWan, govbuy.UnitYuan}

func newContractPricing(c govbuy.Contract) *contractPricing {
	p := &contractPricing{
		initial: c, sel: newSelect(nil, nil),
		baseUnit: newSelect([]string{lang.L("wan yuan"), lang.L("yuan")}, nil),
		quantity: widget.NewEntry(), quantityUnit: widget.NewLabel(""), base: widget.NewEntry(), share: widget.NewEntry(),
		price: newMessageLine(2),
	}
	if c.FeeShare != 0 {
		p.share.SetText(percentText(c.FeeShare))
	}
	p.sel.PlaceHolder = lang.L("Loading…")
	if c.FeeQuantity != 0 {
		p.quantity.SetText(strconv.FormatInt(c.FeeQuantity, 10))
	}
	p.baseUnit.SetSelectedIndex(0)
	if c.FeeBase%10_000 != 0 { // not whole hundreds of yuan: 万元 with 2 decimals would round it
		p.baseUnit.SetSelectedIndex(1)
		p.base.SetText(c.FeeBase.String())
	} else if c.FeeBase != 0 {
		p.base.SetText(wanText(c.FeeBase))
	}
	return p
}

// addTo lays the pricing rows into the contract form.
func (p *contractPricing) addTo(form *fieldForm) {
	form.add(lang.L("Fee standard"), p.sel, "收费标准")
	form.add(lang.L("Quantity"), container.NewBorder(nil, nil, nil, p.quantityUnit, p.quantity), "计费数量")
	unit := container.NewGridWrap(fyne.NewSize(90, p.baseUnit.MinSize().Height), p.baseUnit)
	form.add(lang.L("Fee base"), container.NewBorder(nil, nil, nil, unit, p.base), "计费基数")
	form.add(lang.L("Agreed share (%)"), p.share, "计价比例")
	form.add(lang.L("Standard price"), p.price)
}

// onChanged has every pricing entry call changed, which reprices.
func (p *contractPricing) onChanged(changed func()) {
	p.sel.OnChanged = func(string) { changed() }
	p.baseUnit.OnChanged = func(string) { changed() }
	p.quantity.OnChanged = func(string) { changed() }
	p.base.OnChanged = func(string) { changed() }
	p.share.OnChanged = func(string) { changed() }
}

// load fetches the library and the departure allowed in the background.
func (p *contractPricing) load(sh *shell, svc feeLibrary, loaded func()) {
	sh.tasks.run(func() func() {
		list, err := svc.FindFeeStandards(sh.ctx)
		var max govbuy.Rate
		if err == nil {
			max, err = svc.MaxFeeDeparture(sh.ctx)
		}
		return func() {
			if err != nil {
				p.sel.PlaceHolder = lang.L("Loading failed: {{.Error}}", map[string]any{"Error": errorText(err)})
				p.sel.Refresh()
				return
			}
			p.standards, p.maxDeparture = list, max
			options := []string{lang.L("None")}
			selected := 0
			for i, f := range list {
				options = append(options, f.Name)
				if f.ID == p.initial.FeeStandardID {
					selected = i + 1
				}
			}
			p.sel.PlaceHolder = lang.L("Choose…")
			p.sel.SetOptions(options)
			p.sel.SetSelectedIndex(selected)
			loaded()
		}
	})
}

// standard is the chosen standard, nil for none.
func (p *contractPricing) standard() *govbuy.FeeStandard {
	if i := p.sel.SelectedIndex(); i > 0 {
		return &p.standards[i-1]
	}
	return nil
}

// read sets what the chosen standard charges on: a quantity for posts and
// unit prices, a base for a progressive table, nothing otherwise, so a
// figure typed for another standard is not stored. Until the library has
// loaded the contract keeps what it had.
func (p *contractPricing) read(c *govbuy.Contract, r *formReader) {
	if p.standards == nil {
		c.FeeStandardID, c.FeeQuantity, c.FeeBase = p.initial.FeeStandardID, p.initial.FeeQuantity, p.initial.FeeBase
		c.FeeShare = p.initial.FeeShare
		return
	}
	f := p.standard()
	if f == nil {
		return
	}
	c.FeeStandardID = f.ID
	c.FeeShare = r.rate(p.share, "计价比例")
	switch f.Kind {
	case govbuy.FeePostPay, govbuy.FeeUnitPrice:
		if text := entryText(p.quantity); text != "" {
			n, err := strconv.ParseInt(text, 10, 64)
			if err != nil {
				r.found = append(r.found, govbuy.Invalidf("计费数量", "%s", lang.L("Write the quantity as a whole number")))
			}
			c.FeeQuantity = n
		}
	case govbuy.FeeProgressive:
		c.FeeBase = r.money(p.base, "计费基数", baseUnits[p.baseUnit.SelectedIndex()])
	}
}

// show enables the entries the chosen standard charges on and prices c by
// it.
func (p *contractPricing) show(c *govbuy.Contract) {
	f := p.standard()
	kind := govbuy.FeeKind("")
	if f != nil {
		kind = f.Kind
	}
	enableIf(p.quantity, kind == govbuy.FeePostPay || kind == govbuy.FeeUnitPrice)
	enableIf(p.base, kind == govbuy.FeeProgressive)
	enableIf(p.baseUnit, kind == govbuy.FeeProgressive)
	enableIf(p.share, f != nil)
	if f == nil {
		p.quantityUnit.SetText("")
		p.price.set(lang.L("No fee standard prices this contract"), widget.LowImportance)
		return
	}
	p.share.SetPlaceHolder(shareHint(f))
	p.quantity.SetPlaceHolder(quantityHint(f, c))
	p.quantityUnit.SetText(quantityUnit(f))
	if err := f.CheckContract(c); err != nil {
		p.price.set(strings.Join(messages(err), "；"), widget.MediumImportance)
		return
	}
	price := govbuy.PriceOf(f, c)
	importance := widget.MediumImportance
	if c.Amount > 0 && price.Departure > p.maxDeparture {
		importance = widget.WarningImportance
	}
	p.price.set(priceLine(price, c.Amount), importance)
}

// priceLine puts the price in the form's two lines: the standard's price
// and how the contract amount stands against it first, then the working,
// which a tap on the line shows whole.
func priceLine(p *govbuy.Price, amount govbuy.Money) string {
	head := lang.L("Standard price {{.Price}} yuan", map[string]any{"Price": p.Amount.String()})
	if amount > 0 {
		head += lang.L(", ") + departureText(p)
	}
	return head + "\n" + p.Working
}

// quantityHint says what the quantity counts: months for posts (the
// term's when left empty), else the standard's unit.
func quantityHint(f *govbuy.FeeStandard, c *govbuy.Contract) string {
	if f.Kind != govbuy.FeePostPay {
		return lang.L("Quantity in {{.Unit}}", map[string]any{"Unit": f.Unit})
	}
	if m := c.TermMonths(); m > 0 {
		return lang.L("Months; empty: the term's {{.Months}}", map[string]any{"Months": m})
	}
	return lang.L("Months")
}

// shareHint says what an empty share means: the standard's own.
func shareHint(f *govbuy.FeeStandard) string {
	if f.Share == 0 || f.Share == govbuy.FullRate {
		return lang.L("Empty: the whole standard")
	}
	return lang.L("Empty: the standard's {{.Share}}", map[string]any{"Share": f.Share.String()})
}

// quantityUnit is the unit shown beside the quantity, which stays in view
// once the placeholder is typed over.
func quantityUnit(f *govbuy.FeeStandard) string {
	if f.Kind == govbuy.FeePostPay {
		return lang.L("months")
	}
	return f.Unit
}

// departureText says how the contract amount stands against the price:
// "合同金额高于标准价格18.50%".
func departureText(p *govbuy.Price) string {
	if p.Departure == 0 {
		return lang.L("The contract amount matches the standard price")
	}
	rate := fmt.Sprintf("%d.%02d%%", p.Departure/100, p.Departure%100)
	if p.Above {
		return lang.L("The contract amount is {{.Rate}} above the standard price", map[string]any{"Rate": rate})
	}
	return lang.L("The contract amount is {{.Rate}} below the standard price", map[string]any{"Rate": rate})
}

// messages lists the messages of the problems in err.
func messages(err error) []string {
	var out []string
	for _, e := range problems(err) {
		out = append(out, e.Message)
	}
	return out
}
