package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// feeKinds are the ways a standard prices, in form order.
var feeKinds = []govbuy.FeeKind{govbuy.FeePostPay, govbuy.FeeFlat, govbuy.FeeUnitPrice, govbuy.FeeProgressive}

// feeForm edits one standard of the library, showing only the figures its
// kind prices with. Problems show beside their fields under the domain's
// field names; nothing is saved while any remains.
type feeForm struct {
	*formDialog
	id, version                                            int64 // as the form opened the record
	name, source, pay, insurance, mgmt, price, unit, share *widget.Entry
	kind                                                   *widget.Select
	date                                                   *dateField
	bands                                                  *pairRows
	priceField                                             *formField
	byKind                                                 map[govbuy.FeeKind][]*formField
}

// showFeeForm opens the editor; a standard without ID is a new one.
func (s *standardsScreen) showFeeForm(std govbuy.FeeStandard) *feeForm {
	f := &feeForm{
		id: std.ID, version: std.Version, name: entryWith(std.Name), source: entryWith(std.Source),
		pay: widget.NewEntry(), insurance: widget.NewEntry(), mgmt: widget.NewEntry(),
		price: widget.NewEntry(), unit: entryWith(std.Unit), share: widget.NewEntry(),
		kind:  newSelect(stringsOf(feeKinds), nil),
		date:  newDateField(s.sh.win),
		bands: newPairRows(lang.L("Up to (wan yuan; empty for the last band)"), lang.L("Rate %"), nil),
	}
	f.fill(std)
	form := newFieldForm()
	form.add(lang.L("Standard"), f.name, "标准名称")
	form.add(lang.L("Pricing"), f.kind, "计价方式")
	f.byKind = map[govbuy.FeeKind][]*formField{
		govbuy.FeePostPay: {
			form.add(lang.L("Monthly pay (yuan)"), f.pay, "月薪标准"),
			form.add(lang.L("Social insurance (%)"), f.insurance, "社会保险比例"),
			form.add(lang.L("Management fee (%)"), f.mgmt, "管理费比例"),
		},
		govbuy.FeeUnitPrice:   {form.add(lang.L("Unit"), f.unit, "计价单位")},
		govbuy.FeeProgressive: {form.add(lang.L("Bands"), f.bands.view, "累进档次")},
	}
	f.priceField = form.add(lang.L("Price (yuan)"), f.price, "单价")
	f.priceField.reserveLabel(lang.L("Fixed price (yuan)"), lang.L("Unit price (yuan)"))
	form.add(lang.L("Share of the standard (%)"), f.share, "计价比例")
	form.add(lang.L("Source"), f.source, "来源")
	form.add(lang.L("Date"), f.date.view, "发布日期")
	f.kind.OnChanged = func(string) { f.kindChanged() }
	f.kindChanged()
	f.bands.onChanged = form.changed
	form.check = problemsOf(f.read)

	title := lang.L("New fee standard")
	if std.ID != 0 {
		title = lang.L("Edit fee standard")
	}
	f.formDialog = newFormDialog(s.sh.win, title, form, fyne.NewSize(720, 640), func() { s.saveFee(f) })
	return f
}

// fill puts a standard into the editor; figures of other kinds stay empty.
func (f *feeForm) fill(std govbuy.FeeStandard) {
	f.kind.SetSelected(string(std.Kind))
	f.date.set(std.Date)
	if std.MonthlyPay != 0 {
		f.pay.SetText(std.MonthlyPay.String())
	}
	if std.SocialInsurance != 0 {
		f.insurance.SetText(percentText(std.SocialInsurance))
	}
	if std.ManagementFee != 0 {
		f.mgmt.SetText(percentText(std.ManagementFee))
	}
	if std.Price != 0 {
		f.price.SetText(std.Price.String())
	}
	if std.Share != 0 {
		f.share.SetText(percentText(std.Share))
	}
	f.share.SetPlaceHolder(lang.L("Empty: 100 %"))
	f.unit.SetPlaceHolder(lang.L("e.g. person-times, hours"))
	for _, b := range std.Bands {
		upTo := ""
		if b.UpTo != 0 {
			upTo = wanText(b.UpTo)
		}
		f.bands.add(upTo, percentText(b.Rate))
	}
}

func (f *feeForm) feeKind() govbuy.FeeKind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return feeKinds[i]
	}
	return ""
}

// kindChanged shows the figures of the chosen kind; a progressive table
// starts with one empty band, whose placeholders say what goes where.
func (f *feeForm) kindChanged() {
	kind := f.feeKind()
	for k, fields := range f.byKind {
		for _, ff := range fields {
			ff.setVisible(k == kind)
		}
	}
	f.priceField.setVisible(kind == govbuy.FeeFlat || kind == govbuy.FeeUnitPrice)
	if kind == govbuy.FeeFlat {
		f.priceField.label.SetText(lang.L("Fixed price (yuan)"))
	} else {
		f.priceField.label.SetText(lang.L("Unit price (yuan)"))
	}
	if kind == govbuy.FeeProgressive && len(f.bands.rows) == 0 {
		f.bands.add("", "")
	}
}

// standard reads the editor: the figures of the chosen kind only, so a
// figure left from another kind is not stored with it.
func (f *feeForm) standard() (*govbuy.FeeStandard, govbuy.ValidationErrors) {
	std := &govbuy.FeeStandard{ID: f.id, Version: f.version, Name: entryText(f.name), Source: entryText(f.source), Kind: f.feeKind()}
	r := &formReader{}
	switch std.Kind {
	case govbuy.FeePostPay:
		std.MonthlyPay = r.money(f.pay, "月薪标准", govbuy.UnitYuan)
		std.SocialInsurance = r.rate(f.insurance, "社会保险比例")
		std.ManagementFee = r.rate(f.mgmt, "管理费比例")
	case govbuy.FeeFlat:
		std.Price = r.money(f.price, "单价", govbuy.UnitYuan)
	case govbuy.FeeUnitPrice:
		std.Price = r.money(f.price, "单价", govbuy.UnitYuan)
		std.Unit = entryText(f.unit)
	case govbuy.FeeProgressive:
		std.Bands = f.readBands(r)
	}
	std.Share = r.rate(f.share, "计价比例")
	var bad *govbuy.Error
	if std.Date, bad = f.date.date("发布日期"); bad != nil {
		r.found = append(r.found, bad)
	}
	return std, r.found
}

// readBands reads the band table, naming the row of what cannot be read.
func (f *feeForm) readBands(r *formReader) []govbuy.FeeBand {
	var bands []govbuy.FeeBand
	f.bands.each(func(n int, upTo, rate string) {
		var b govbuy.FeeBand
		var err error
		if upTo != "" {
			b.UpTo, err = govbuy.ParseMoneyUnit(upTo, govbuy.UnitWan)
		}
		var ok bool
		b.Rate, ok = percentRate(rate)
		if err != nil || !ok || rate == "" {
			r.found = append(r.found, govbuy.Invalidf("累进档次", "第%d档“%s万元以下按%s%%”无法识别", n, upTo, rate))
		}
		bands = append(bands, b)
	})
	return bands
}

// formReader reads typed figures, collecting a problem for each that
// cannot be read; an empty entry is 0, which the domain judges.
type formReader struct {
	found govbuy.ValidationErrors
}

func (r *formReader) money(e *widget.Entry, field govbuy.Field, unit govbuy.MoneyUnit) govbuy.Money {
	text := entryText(e)
	if text == "" {
		return 0
	}
	m, err := govbuy.ParseMoneyUnit(text, unit)
	if err != nil {
		r.found = append(r.found, govbuy.Invalidf(field, "%s", problems(err)[0].Message))
	}
	return m
}

func (r *formReader) rate(e *widget.Entry, field govbuy.Field) govbuy.Rate {
	v, ok := percentRate(e.Text)
	if !ok {
		r.found = append(r.found, govbuy.Invalidf(field, "无法识别“%s”，请填写百分数，如16或0.45", entryText(e)))
	}
	return v
}

// read is the standard with every problem a save would find before
// writing.
func (f *feeForm) read() (*govbuy.FeeStandard, govbuy.ValidationErrors) {
	std, found := f.standard()
	return std, withDomainProblems(std, found)
}

func (s *standardsScreen) saveFee(f *feeForm) {
	std, found := f.read()
	f.submit(s.sh.tasks, found, func() error {
		return s.svc.SaveFeeStandard(s.sh.ctx, std)
	}, s.feesChanged)
}
