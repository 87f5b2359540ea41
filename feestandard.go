package govbuy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// FeeKind is how a fee standard prices a service (标准科学化).
type FeeKind string

const (
	// FeePostPay prices posts: monthly pay × headcount × months, plus the
	// employer's social insurance and a management fee, as shares of pay.
	FeePostPay FeeKind = "岗位薪酬"
	// FeeFlat is a fixed price.
	FeeFlat FeeKind = "定额"
	// FeeUnitPrice is a unit price times a quantity.
	FeeUnitPrice FeeKind = "单价"
	// FeeProgressive charges each band of a base at its own rate
	// (差额定率累进), as cost-consulting standards are written.
	FeeProgressive FeeKind = "差额定率累进"
)

// FeeBand is one band of a progressive table: the part of the base up to
// UpTo (0 for the last, open band) is charged at Rate.
type FeeBand struct {
	UpTo Money `json:"up_to_fen"`
	Rate Rate  `json:"rate"`
}

// FeeStandard is one entry of the fee-standard library (收费标准库): where it
// comes from, and how it prices. Share is the agreed part of the standard
// price (the demo's lab tests at 75 %); 0 means the full price.
type FeeStandard struct {
	ID      int64     `json:"id,omitempty"`
	Version int64     `json:"-"` // see StaleRecord
	Name    string    `json:"name"`
	Source  string    `json:"source"`
	Date    time.Time `json:"date"`
	Kind    FeeKind   `json:"kind"`
	// Post pay.
	MonthlyPay      Money `json:"monthly_pay_fen,omitempty"`
	SocialInsurance Rate  `json:"social_insurance,omitempty"`
	ManagementFee   Rate  `json:"management_fee,omitempty"`
	// Flat and unit price.
	Price Money  `json:"price_fen,omitempty"`
	Unit  string `json:"unit,omitempty"`
	// Progressive.
	Bands []FeeBand `json:"bands,omitempty"`
	Share Rate      `json:"share,omitempty"`
}

// PricesLike says whether g prices every contract as f does: they differ
// at most in name, source and date.
func (f *FeeStandard) PricesLike(g *FeeStandard) bool {
	return f.Kind == g.Kind && f.MonthlyPay == g.MonthlyPay && f.SocialInsurance == g.SocialInsurance &&
		f.ManagementFee == g.ManagementFee && f.Price == g.Price && f.Unit == g.Unit &&
		slices.Equal(f.Bands, g.Bands) && f.Share == g.Share
}

// Validate checks a standard: known kind, its figures, a share within
// 0–100 %, and a progressive table without gaps or overlaps.
func (f *FeeStandard) Validate() error {
	var v ValidationErrors
	if isBlank(f.Name) {
		v = append(v, Invalidf(FieldFeeName, "不能为空"))
	}
	if f.Share < 0 || f.Share > FullRate {
		v = append(v, Invalidf(FieldFeeShare, "应在0%%–100%%之间"))
	}
	switch f.Kind {
	case FeePostPay:
		if f.MonthlyPay <= 0 {
			v = append(v, Invalidf(FieldMonthlyPay, "应大于0"))
		}
	case FeeFlat, FeeUnitPrice:
		if f.Price <= 0 {
			v = append(v, Invalidf(FieldPrice, "应大于0"))
		}
	case FeeProgressive:
		v = append(v, f.checkBands()...)
	default:
		v = append(v, Invalidf(FieldFeeKind, "请选择岗位薪酬、定额、单价或差额定率累进"))
	}
	v = append(v, checkLengths(nameField(FieldFeeName, f.Name), nameField(FieldFeeSource, f.Source), nameField(FieldFeeUnit, f.Unit))...)
	return v.Err()
}

// checkBands wants bands in rising order, each ending above the last, and
// only the last one open: anything else leaves a gap or an overlap.
func (f *FeeStandard) checkBands() ValidationErrors {
	var v ValidationErrors
	if len(f.Bands) == 0 {
		return append(v, Invalidf(FieldFeeBands, "至少需要一个档次"))
	}
	var prev Money
	for i, b := range f.Bands {
		last := i == len(f.Bands)-1
		switch {
		case b.Rate < 0 || b.Rate > FullRate:
			v = append(v, Invalidf(FieldFeeBands, "第%d档费率%s不在0%%–100%%之间", i+1, b.Rate))
		case b.UpTo == 0 && !last:
			v = append(v, Invalidf(FieldFeeBands, "只有最后一档可以不设上限"))
		case b.UpTo != 0 && b.UpTo <= prev:
			v = append(v, Invalidf(FieldFeeBands, "第%d档上限%s元不高于上一档的%s元，档次重叠", i+1, b.UpTo, prev))
		}
		prev = b.UpTo
	}
	return v
}

// PriceFor prices a contract under the standard, with the working: posts
// for their headcount over FeeQuantity months (the term's when 0),
// projects on FeeQuantity or FeeBase; at the contract's own share when it
// agreed one.
func (f *FeeStandard) PriceFor(c *Contract) (Money, string) {
	if c.FeeShare != 0 {
		agreed := *f
		agreed.Share = c.FeeShare
		f = &agreed
	}
	if f.Kind == FeePostPay {
		months := int(c.FeeQuantity)
		if months == 0 {
			months = c.TermMonths()
		}
		return f.PostPrice(c.Headcount, months)
	}
	return f.ProjectPrice(c.FeeQuantity, c.FeeBase)
}

// CheckContract wants what the standard charges on: a post's headcount and
// months, a quantity for a unit price, a base for a progressive table.
func (f *FeeStandard) CheckContract(c *Contract) error {
	var v ValidationErrors
	switch f.Kind {
	case FeePostPay:
		if c.Kind != KindPost {
			v = append(v, Invalidf(FieldFeeStandard, "“%s”是岗位薪酬标准，只能用于购买岗位", f.Name))
		} else if c.FeeQuantity == 0 && c.TermMonths() == 0 {
			v = append(v, Invalidf(FieldFeeQuantity, "请填写服务月数，或填写合同起止日期"))
		}
	case FeeUnitPrice:
		if c.FeeQuantity <= 0 {
			v = append(v, Invalidf(FieldFeeQuantity, "按单价计费须填写数量（以%s计）", f.Unit))
		}
	case FeeProgressive:
		if c.FeeBase <= 0 {
			v = append(v, Invalidf(FieldFeeBase, "差额定率累进计费须填写计费基数（如送审造价）"))
		}
	}
	if c.FeeQuantity < 0 {
		v = append(v, Invalidf(FieldFeeQuantity, "不能为负数"))
	}
	return v.Err()
}

// DefaultFeeDeparture is how far a contract amount may depart from its
// standard's price before it is a hint: 10 %.
const DefaultFeeDeparture Rate = 1000

// Departure is how far amount departs from price, as a share of price
// rounded half up to a basis point, and whether it is above it.
func Departure(amount, price Money) (Rate, bool) {
	if price <= 0 {
		return 0, false
	}
	diff, above := amount-price, amount > price
	if diff < 0 {
		diff = -diff
	}
	return Rate((int64(diff)*int64(FullRate)*2 + int64(price)) / (2 * int64(price))), above
}

// Price is what a contract's fee standard makes of it: the price with its
// working, and how far the contract amount departs from it.
type Price struct {
	Standard  string `json:"standard"`
	Source    string `json:"source,omitempty"`
	Amount    Money  `json:"amount_fen"`
	Working   string `json:"working"`
	Departure Rate   `json:"departure"`
	Above     bool   `json:"above,omitempty"`
}

// PriceOf prices c under f.
func PriceOf(f *FeeStandard, c *Contract) *Price {
	amount, working := f.PriceFor(c)
	d, above := Departure(c.Amount, amount)
	return &Price{Standard: f.Name, Source: f.Source, Amount: amount, Working: working, Departure: d, Above: above}
}

// PostPrice prices posts under a post-pay standard: headcount for months,
// with the working shown.
func (f *FeeStandard) PostPrice(headcount, months int) (Money, string) {
	pay := f.MonthlyPay.MulRatio(int64(headcount*months), 1)
	extra := f.SocialInsurance + f.ManagementFee
	total := pay.MulRatio(int64(FullRate+extra), int64(FullRate))
	return f.shared(total, fmt.Sprintf("按%s，月薪%s元×%d人×%d个月=%s元，另计社会保险%s、管理费%s，合计%s元",
		f.Name, f.MonthlyPay, headcount, months, pay, f.SocialInsurance, f.ManagementFee, total))
}

// ProjectPrice prices a project: quantity for a unit price (1 for a flat
// price), or the progressive charge on base.
func (f *FeeStandard) ProjectPrice(quantity int64, base Money) (Money, string) {
	switch f.Kind {
	case FeeProgressive:
		total, parts := f.progressive(base)
		return f.shared(total, fmt.Sprintf("按%s，计费基数%s万元，差额定率累进计费：%s，合计%s元", f.Name, base.Wan(), strings.Join(parts, "，"), total))
	case FeeUnitPrice:
		total := f.Price.MulRatio(quantity, 1)
		return f.shared(total, fmt.Sprintf("按%s，单价%s元/%s×%d=%s元", f.Name, f.Price, f.Unit, quantity, total))
	}
	return f.shared(f.Price, fmt.Sprintf("按%s，定额%s元", f.Name, f.Price))
}

// progressive charges each band's part of base at the band's rate.
func (f *FeeStandard) progressive(base Money) (Money, []string) {
	var total, from Money
	var parts []string
	for _, b := range f.Bands {
		if base <= from {
			break
		}
		upTo := base
		if b.UpTo != 0 && b.UpTo < base {
			upTo = b.UpTo
		}
		fee := (upTo - from).MulRatio(int64(b.Rate), int64(FullRate))
		parts = append(parts, fmt.Sprintf("%s万元×%s=%s元", (upTo-from).Wan(), b.Rate, fee))
		total += fee
		from = upTo
	}
	return total, parts
}

// shared applies the agreed share to a standard price.
func (f *FeeStandard) shared(total Money, working string) (Money, string) {
	if f.Share == 0 || f.Share == FullRate {
		return total, working
	}
	price := total.MulRatio(int64(f.Share), int64(FullRate))
	return price, fmt.Sprintf("%s；按标准的%s计价：%s元", working, f.Share, price)
}

// FeeStandardService keeps the fee-standard library (收费标准库) and prices
// contracts by it. Its writes are recorded in the audit log.
type FeeStandardService interface {
	// FindFeeStandards lists the library by name.
	FindFeeStandards(ctx context.Context) ([]FeeStandard, error)
	// SaveFeeStandard validates f (EInvalid) and stores it: a new standard
	// when f.ID is 0, which it then sets, else a change to the stored one
	// (ENotFound when there is none). A name already taken is EConflict, as
	// is changing how a standard prices contracts of a closed year.
	SaveFeeStandard(ctx context.Context, f *FeeStandard) error
	// DeleteFeeStandard removes a standard: ENotFound when there is none,
	// EConflict while a contract is priced by it, and StaleRecord when it is
	// no longer at the version the caller read.
	DeleteFeeStandard(ctx context.Context, id, version int64) error
	// ContractPrice prices c by its fee standard, with the working; nil and
	// no error when c names none, ENotFound when it names one not stored.
	ContractPrice(ctx context.Context, c *Contract) (*Price, error)
	// MaxFeeDeparture is how far a contract amount may depart from its
	// standard's price before it is a hint: the setting, else
	// DefaultFeeDeparture.
	MaxFeeDeparture(ctx context.Context) (Rate, error)
	// SetMaxFeeDeparture changes that setting: an administrator's act once
	// roles are on, since widening it silences the 收费标准 hint for every
	// contract. 0 goes back to the default; a rate outside 0–FullRate is
	// EInvalid.
	SetMaxFeeDeparture(ctx context.Context, r Rate) error
}
