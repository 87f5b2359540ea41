package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// standardsStore is what the 标准与要求 screen needs: the fee-standard
// library with the departure allowed from it, and the service requirements
// of catalog items.
type standardsStore interface {
	FindFeeStandards(ctx context.Context) ([]govbuy.FeeStandard, error)
	SaveFeeStandard(ctx context.Context, f *govbuy.FeeStandard) error
	DeleteFeeStandard(ctx context.Context, id, version int64) error
	MaxFeeDeparture(ctx context.Context) (govbuy.Rate, error)
	SetMaxFeeDeparture(ctx context.Context, r govbuy.Rate) error
	FindRequirements(ctx context.Context) ([]govbuy.Requirement, error)
	SaveRequirement(ctx context.Context, r *govbuy.Requirement) error
	DeleteRequirement(ctx context.Context, catalogCode string) error
	FindCatalog(ctx context.Context) ([]govbuy.CatalogItem, error)
}

// standardsScreen keeps what contracts are measured against before they are
// signed: what a service should cost (收费标准库) and what its contractor
// must be (服务要求). Both are short lists, read whole.
type standardsScreen struct {
	sh            *shell
	svc           standardsStore
	fees          *listTable[govbuy.FeeStandard]
	feeSearch     *widget.Entry
	departure     *widget.Entry
	departureForm *fieldForm
	reqs          *listTable[requirementRow]
	reqSearch     *widget.Entry
	content       fyne.CanvasObject
}

func newStandardsScreen(sh *shell, svc standardsStore) *standardsScreen {
	s := &standardsScreen{sh: sh, svc: svc}
	s.content = container.NewAppTabs(
		container.NewTabItem(lang.L("Fee-standard library"), s.feeTab()),
		container.NewTabItem(lang.L("Service requirements"), s.requirementTab()),
	)
	return s
}

func (s *standardsScreen) view() fyne.CanvasObject { return s.content }

func (s *standardsScreen) reload() {
	s.reloadFees()
	s.reloadRequirements()
	s.loadDeparture()
}

// wholeList serves a list read whole to a listTable, keeping the rows that
// match: a library of dozens needs no paging in the store.
func wholeList[T any](load func(ctx context.Context) ([]T, error), match func(T) bool) fetchFunc[T] {
	return func(ctx context.Context, offset, limit int) ([]T, int, error) {
		all, err := load(ctx)
		var rows []T
		for _, r := range all {
			if match(r) {
				rows = append(rows, r)
			}
		}
		if offset >= len(rows) {
			return nil, len(rows), err
		}
		return rows[offset:min(offset+limit, len(rows))], len(rows), err
	}
}

// containsText reports whether any of fields contains what was typed into
// a search box; an empty search matches everything.
func containsText(search string, fields ...string) bool {
	for _, f := range fields {
		if strings.Contains(f, search) {
			return true
		}
	}
	return false
}

func (s *standardsScreen) feeTab() fyne.CanvasObject {
	s.fees = newListTable(s.sh.ctx, s.sh.tasks, feeColumns(), "")
	s.fees.onSort = s.reloadFees
	s.fees.onOpen = func(f govbuy.FeeStandard) { s.showFeeForm(f) }
	s.feeSearch = newSearchEntry(s.sh, lang.L("Search name, source"), s.reloadFees)
	bar := toolbar(s.feeSearch, nil,
		func() { s.showFeeForm(govbuy.FeeStandard{Kind: govbuy.FeeUnitPrice}) },
		func() { withSelected(s.sh, s.fees, func(f govbuy.FeeStandard) { s.showFeeForm(f) }) },
		func() { withSelected(s.sh, s.fees, s.confirmDeleteFee) })
	return container.NewBorder(nil, s.departureRow(), nil, nil, s.fees.view(bar))
}

func feeColumns() []column[govbuy.FeeStandard] {
	type row = govbuy.FeeStandard
	return []column[row]{
		{title: lang.L("Standard"), width: 280, value: func(f row) string { return f.Name }},
		{title: lang.L("Pricing"), width: 110, value: func(f row) string { return string(f.Kind) }},
		{title: lang.L("Source"), width: 280, value: func(f row) string { return f.Source }},
		{title: lang.L("Date"), width: 100, value: func(f row) string { return govbuy.FormatDate(f.Date) }},
		{title: lang.L("Summary"), width: 420, value: feeSummary},
	}
}

func (s *standardsScreen) reloadFees() {
	search := entryText(s.feeSearch)
	s.fees.reload(wholeList(s.svc.FindFeeStandards, func(f govbuy.FeeStandard) bool {
		return containsText(search, f.Name, f.Source)
	}), nil)
}

// feeSummary is a standard's figures on one line of the list.
func feeSummary(f govbuy.FeeStandard) string {
	var text string
	switch f.Kind {
	case govbuy.FeePostPay:
		text = lang.L("Monthly pay {{.Pay}} yuan, social insurance {{.Insurance}}, management fee {{.Fee}}", map[string]any{
			"Pay": f.MonthlyPay.String(), "Insurance": f.SocialInsurance.String(), "Fee": f.ManagementFee.String()})
	case govbuy.FeeFlat:
		text = lang.L("Fixed price {{.Price}} yuan", map[string]any{"Price": f.Price.String()})
	case govbuy.FeeUnitPrice:
		text = lang.L("{{.Price}} yuan per {{.Unit}}", map[string]any{"Price": f.Price.String(), "Unit": f.Unit})
	case govbuy.FeeProgressive:
		text = bandSummary(f.Bands)
	}
	if f.Share != 0 && f.Share != govbuy.FullRate {
		text += lang.L("; priced at {{.Share}} of the standard", map[string]any{"Share": f.Share.String()})
	}
	return text
}

// bandSummary writes a progressive table as "≤500万元 0.6%，≤1,000万元 0.5%，以上 0.2%".
func bandSummary(bands []govbuy.FeeBand) string {
	parts := make([]string, len(bands))
	for i, b := range bands {
		if b.UpTo == 0 {
			parts[i] = lang.L("above {{.Rate}}", map[string]any{"Rate": b.Rate.String()})
			continue
		}
		parts[i] = lang.L("up to {{.UpTo}} wan yuan {{.Rate}}", map[string]any{"UpTo": wanText(b.UpTo), "Rate": b.Rate.String()})
	}
	return strings.Join(parts, lang.L(", "))
}

// wanText writes an amount in 万元 without trailing zeros: 500, 1,000.5.
func wanText(m govbuy.Money) string {
	s := m.Wan()
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func (s *standardsScreen) confirmDeleteFee(f govbuy.FeeStandard) {
	confirmDelete(s.sh, lang.L("Delete the fee standard “{{.Name}}”?", map[string]any{"Name": f.Name}),
		func() error { return s.svc.DeleteFeeStandard(s.sh.ctx, f.ID, f.Version) }, s.feesChanged)
}

// feesChanged follows a write to the library: contract prices and their
// hints on other screens rest on it.
func (s *standardsScreen) feesChanged() {
	s.reloadFees()
	s.sh.changed()
}

// departureRow sets how far a contract amount may depart from its
// standard's price before the contract carries a hint.
func (s *standardsScreen) departureRow() fyne.CanvasObject {
	s.departure = widget.NewEntry()
	s.departure.SetPlaceHolder(percentText(govbuy.DefaultFeeDeparture))
	s.departureForm = newFieldForm()
	save := widget.NewButton(lang.L("Save"), s.saveDeparture)
	s.departureForm.add(lang.L("Allowed departure (%)"),
		container.NewBorder(nil, nil, nil, save, container.NewGridWrap(fyne.NewSize(120, s.departure.MinSize().Height), s.departure)),
		"允许偏离比例")
	return container.NewVBox(widget.NewSeparator(), s.departureForm.content())
}

func (s *standardsScreen) loadDeparture() {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		r, err := s.svc.MaxFeeDeparture(ctx)
		return func() {
			if err != nil {
				s.departureForm.show(err)
				return
			}
			s.departure.SetText(percentText(r))
		}
	})
}

func (s *standardsScreen) saveDeparture() {
	r, ok := percentRate(s.departure.Text)
	if !ok {
		s.departureForm.show(govbuy.Invalidf("允许偏离比例", "无法识别“%s”", entryText(s.departure)))
		return
	}
	s.departureForm.clear()
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		err := s.svc.SetMaxFeeDeparture(ctx, r)
		return func() {
			if err != nil {
				s.departureForm.show(err)
				return
			}
			s.sh.changed()
			s.loadDeparture()
		}
	})
}
