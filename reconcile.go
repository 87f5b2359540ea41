package govbuy

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// TreasuryBook is what the database holds for reconciling one year with the
// treasury: the payments recorded as made in the year, and where each
// period they pay stands.
type TreasuryBook struct {
	Year     int
	Payments []BookPayment
	Periods  []BookPeriod
}

// BookPayment is a recorded payment with its contract's number, unit and
// contractor (the payee).
type BookPayment struct {
	Payment
	Contract string `json:"contract"`
	Unit     string `json:"unit"`
	Payee    string `json:"payee"`
}

// BookPeriod is what one period of a contract makes payable and when it
// was assessed (zero when not yet). Period "" stands for the contract as a
// whole, payable its amount: payments naming no period of a plan count to
// it. ByScore marks a period paid by its score, which is payable only once
// assessed.
type BookPeriod struct {
	ContractID int64
	Period     string
	Payable    Money
	AssessedOn time.Time
	ByScore    bool
}

// ReconKind is what a reconciliation finding is.
type ReconKind string

const (
	ReconUnrecorded    ReconKind = "国库已付未记录"
	ReconNotInTreasury ReconKind = "已记录国库未付"
	ReconAmountDiffers ReconKind = "金额不符"
	ReconEarly         ReconKind = "考核前支付"
	ReconAbovePayable  ReconKind = "超过应付"
)

// ReconKinds lists the kinds in the order a reconciliation shows them.
var ReconKinds = []ReconKind{ReconUnrecorded, ReconNotInTreasury, ReconAmountDiffers, ReconEarly, ReconAbovePayable}

// ReconItem is one difference between the treasury and the books. Row is
// nil for a payment the treasury does not show, Payment nil for a row
// nothing recorded.
type ReconItem struct {
	Kind     ReconKind    `json:"kind"`
	Contract string       `json:"contract,omitempty"`
	Row      *TreasuryRow `json:"row,omitempty"`
	Payment  *BookPayment `json:"payment,omitempty"`
	Message  string       `json:"message"`
}

// ReconPair is a treasury row and the recorded payment it is.
type ReconPair struct {
	Row     int // index into Reconciliation.Rows
	Payment int // index into TreasuryBook.Payments
}

// Reconciliation compares a treasury list of one year with the payments
// recorded in it.
type Reconciliation struct {
	Year          int           `json:"year"`
	Rows          []TreasuryRow `json:"rows"`
	Pairs         []ReconPair   `json:"-"`
	Matched       int           `json:"matched"`
	TreasuryTotal Money         `json:"treasury_total_fen"`
	RecordedTotal Money         `json:"recorded_total_fen"`
	Items         []ReconItem   `json:"items"`
}

// Count is how many items are of kind k.
func (r *Reconciliation) Count(k ReconKind) int {
	n := 0
	for _, it := range r.Items {
		if it.Kind == k {
			n++
		}
	}
	return n
}

// Reconcile compares treasury rows of book.Year, already matched to their
// contracts, with the payments recorded in that year. A row is the
// recorded payment of its contract with the same voucher, else the same
// date and amount, else the same amount, else the same date (an amount that
// differs); rows left are paid but not recorded, payments left recorded but
// not paid. Each period is then checked on the treasury's figures: paid
// more than it makes payable is 超过应付, or 考核前支付 when the excess was
// paid before the period's assessment. Payments of a period made in other
// years are not counted.
func Reconcile(book *TreasuryBook, rows []TreasuryRow) *Reconciliation {
	r := &Reconciliation{Year: book.Year, Rows: rows, Items: []ReconItem{}}
	for _, row := range rows {
		r.TreasuryTotal += row.Amount
		if row.Match.Matched() {
			r.Matched++
		}
	}
	for _, p := range book.Payments {
		r.RecordedTotal += p.Amount
	}
	r.Pairs = pairRows(rows, book.Payments)
	r.unpaired(book)
	r.differences(book)
	r.overpaid(book)
	return r
}

// pairing is one pass of pairRows: whether a row is a payment.
type pairing func(row TreasuryRow, p BookPayment) bool

var pairings = []pairing{
	func(row TreasuryRow, p BookPayment) bool {
		return p.Voucher != "" && textKey(p.Voucher) == textKey(row.Voucher)
	},
	func(row TreasuryRow, p BookPayment) bool { return row.Date.Equal(p.Date) && row.Amount == p.Amount },
	func(row TreasuryRow, p BookPayment) bool { return row.Amount == p.Amount },
	func(row TreasuryRow, p BookPayment) bool { return row.Date.Equal(p.Date) },
}

// pairRows pairs each matched row with a recorded payment of its contract,
// pass by pass from the surest likeness down, each payment at most once.
func pairRows(rows []TreasuryRow, pays []BookPayment) []ReconPair {
	byContract := map[int64][]int{}
	for i, p := range pays {
		byContract[p.ContractID] = append(byContract[p.ContractID], i)
	}
	rowDone, payDone := make([]bool, len(rows)), make([]bool, len(pays))
	var pairs []ReconPair
	for _, alike := range pairings {
		for i, row := range rows {
			if rowDone[i] || !row.Match.Matched() {
				continue
			}
			for _, j := range byContract[row.Match.ContractID] {
				if !payDone[j] && alike(row, pays[j]) {
					pairs = append(pairs, ReconPair{Row: i, Payment: j})
					rowDone[i], payDone[j] = true, true
					break
				}
			}
		}
	}
	slices.SortFunc(pairs, func(a, b ReconPair) int { return cmp.Compare(a.Row, b.Row) })
	return pairs
}

// PairOf returns the recorded payment row i is, if any.
func (r *Reconciliation) PairOf(i int) (int, bool) {
	k, ok := slices.BinarySearchFunc(r.Pairs, i, func(p ReconPair, i int) int { return cmp.Compare(p.Row, i) })
	if !ok {
		return 0, false
	}
	return r.Pairs[k].Payment, true
}

// unpaired lists the rows nothing recorded and the payments no row is.
func (r *Reconciliation) unpaired(book *TreasuryBook) {
	paidRow, paidPay := map[int]bool{}, map[int]bool{}
	for _, p := range r.Pairs {
		paidRow[p.Row], paidPay[p.Payment] = true, true
	}
	for i := range r.Rows {
		if paidRow[i] {
			continue
		}
		row := &r.Rows[i]
		msg := fmt.Sprintf("%s 国库支付%s元（凭证%s，收款人%s）未见支付记录", row.Date.Format(time.DateOnly), row.Amount, row.Voucher, row.Payee)
		if !row.Match.Matched() {
			msg += "，且未能匹配合同：" + row.Match.Why
		}
		r.Items = append(r.Items, ReconItem{Kind: ReconUnrecorded, Contract: row.Match.Contract, Row: row, Message: msg})
	}
	for j := range book.Payments {
		if paidPay[j] {
			continue
		}
		p := &book.Payments[j]
		r.Items = append(r.Items, ReconItem{Kind: ReconNotInTreasury, Contract: p.Contract, Payment: p,
			Message: fmt.Sprintf("合同%s %s 记录支付%s元，国库支付明细中没有", p.Contract, p.Date.Format(time.DateOnly), p.Amount)})
	}
}

// differences lists the pairs whose amounts differ.
func (r *Reconciliation) differences(book *TreasuryBook) {
	for _, pr := range r.Pairs {
		row, p := &r.Rows[pr.Row], &book.Payments[pr.Payment]
		if row.Amount == p.Amount {
			continue
		}
		r.Items = append(r.Items, ReconItem{Kind: ReconAmountDiffers, Contract: p.Contract, Row: row, Payment: p,
			Message: fmt.Sprintf("合同%s %s 国库支付%s元，记录为%s元，相差%s元", p.Contract, row.Date.Format(time.DateOnly),
				row.Amount, p.Amount, row.Amount-p.Amount)})
	}
}

// overpaid checks each period on the treasury's amounts in date order and
// reports the row that first takes it past its payable.
func (r *Reconciliation) overpaid(book *TreasuryBook) {
	type key struct {
		id     int64
		period string
	}
	periods := map[key]BookPeriod{}
	for _, bp := range book.Periods {
		periods[key{bp.ContractID, bp.Period}] = bp
	}
	pairs := slices.Clone(r.Pairs)
	slices.SortStableFunc(pairs, func(a, b ReconPair) int { return r.Rows[a.Row].Date.Compare(r.Rows[b.Row].Date) })
	paid, flagged := map[key]Money{}, map[key]bool{}
	for _, pr := range pairs {
		row, p := &r.Rows[pr.Row], &book.Payments[pr.Payment]
		k := key{p.ContractID, p.Period}
		if _, ok := periods[k]; !ok {
			k.period = ""
		}
		bp, ok := periods[k]
		paid[k] += row.Amount
		if !ok || flagged[k] || paid[k] <= bp.Payable {
			continue
		}
		flagged[k] = true
		r.Items = append(r.Items, overpaidItem(bp, row, p, paid[k]))
	}
}

func overpaidItem(bp BookPeriod, row *TreasuryRow, p *BookPayment, paid Money) ReconItem {
	what := "合同"
	if bp.Period != "" {
		what = PeriodLabel(bp.Period)
	}
	it := ReconItem{Kind: ReconAbovePayable, Contract: p.Contract, Row: row, Payment: p,
		Message: fmt.Sprintf("合同%s %s国库累计支付%s元，超过应付%s元", p.Contract, what, paid, bp.Payable)}
	if bp.ByScore && (bp.AssessedOn.IsZero() || row.Date.Before(bp.AssessedOn)) {
		it.Kind = ReconEarly
		on := "尚未考核"
		if !bp.AssessedOn.IsZero() {
			on = bp.AssessedOn.Format(time.DateOnly) + "考核"
		}
		it.Message = fmt.Sprintf("合同%s %s%s，%s国库支付后累计%s元，超过按得分应付的%s元", p.Contract, what, on,
			row.Date.Format(time.DateOnly), paid, bp.Payable)
	}
	return it
}
