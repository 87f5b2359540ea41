package govbuy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The workbench (工作台) is what an officer has due on a day, each item
// pointing at the screen that settles it, and the year at a glance. What
// makes an item due is decided here, once: the store reads the records and
// settles each contract with Settle, and the window only shows the result.

// DueWindow is how many days ahead the workbench looks for contracts and
// qualifications running out.
const DueWindow = 60

// DueKind is what an item of the workbench asks the officer to do.
type DueKind string

const (
	DueAssess        DueKind = "assess"        // a period ended and not assessed
	DuePay           DueKind = "pay"           // a settled payable not fully paid
	DueApprove       DueKind = "approve"       // a payment waiting for approval
	DueContractEnd   DueKind = "contract_end"  // a running contract ending soon
	DueQualification DueKind = "qualification" // a qualification running out
	DueHint          DueKind = "hint"          // a compliance hint nobody acknowledged
)

// DueKinds lists the kinds in the order the workbench shows them.
var DueKinds = []DueKind{DueAssess, DuePay, DueApprove, DueContractEnd, DueQualification, DueHint}

// DueItem is one thing due. Which fields are set depends on Kind: the
// contract for all but a qualification, which names its contractor; the
// period for assessments and payments; the request for approvals.
type DueItem struct {
	Kind           DueKind `json:"kind"`
	ContractID     int64   `json:"contract_id,omitempty"`
	ContractNumber string  `json:"contract,omitempty"`
	ContractTitle  string  `json:"title,omitempty"`
	ContractorID   int64   `json:"contractor_id,omitempty"`
	ContractorName string  `json:"contractor,omitempty"`
	Period         string  `json:"period,omitempty"`
	// Date is the day the item fell or falls due: the period's end, the
	// contract's end, the qualification's expiry, the day a payment was
	// asked for. Days counts from it to the workbench's day: positive once
	// it has passed, negative while it is still ahead.
	Date    time.Time `json:"date,omitzero"`
	Days    int       `json:"days"`
	Score   *Score    `json:"score,omitempty"`
	Payable Money     `json:"payable_fen,omitempty"`
	Paid    Money     `json:"paid_fen,omitempty"`
	// Amount is what an approval asks to pay.
	Amount    Money  `json:"amount_fen,omitempty"`
	RequestID int64  `json:"request_id,omitempty"`
	Author    string `json:"author,omitempty"`
	// Subject is the qualification (kind and level) or the hint (article
	// and message) the item is about.
	Subject string `json:"subject,omitempty"`
}

// Outstanding is what is left to pay of the item's payable.
func (d DueItem) Outstanding() Money { return max(d.Payable-d.Paid, 0) }

// Label says in a sentence what the item is and how long it has been due.
func (d DueItem) Label() string {
	switch d.Kind {
	case DueAssess:
		return fmt.Sprintf("%s已于%s结束%s，尚未考核", PeriodLabel(d.Period), FormatDate(d.Date), daysPassed(d.Days))
	case DuePay:
		scored := "按合同金额"
		if d.Score != nil {
			scored = "得分" + d.Score.String() + "，"
		}
		return fmt.Sprintf("%s%s应付%s元，已付%s元，未付%s元", PeriodLabel(d.Period), scored, d.Payable, d.Paid, d.Outstanding())
	case DueApprove:
		return fmt.Sprintf("%s于%s申请支付%s元%s，待审批", d.Author, FormatDate(d.Date), d.Amount, periodNote(d.Period))
	case DueContractEnd:
		return fmt.Sprintf("合同将于%s到期（%s）", FormatDate(d.Date), daysAhead(d.Days))
	case DueQualification:
		if d.Days > 0 {
			return fmt.Sprintf("“%s”的%s已于%s过期，仍有合同在执行", d.ContractorName, d.Subject, FormatDate(d.Date))
		}
		return fmt.Sprintf("“%s”的%s将于%s到期（%s）", d.ContractorName, d.Subject, FormatDate(d.Date), daysAhead(d.Days))
	}
	return d.Subject
}

func daysPassed(days int) string {
	if days <= 0 {
		return ""
	}
	return fmt.Sprintf("%d天", days)
}

func daysAhead(days int) string {
	if days == 0 {
		return "今天"
	}
	return fmt.Sprintf("还有%d天", -days)
}

func periodNote(period string) string {
	if period == "" {
		return ""
	}
	return "（" + PeriodLabel(period) + "）"
}

// DaysFrom counts the days from date to day, both dates at midnight UTC
// as govbuy stores them: negative when date is later.
func DaysFrom(date, day time.Time) int {
	return int(day.Sub(date).Hours()) / 24
}

// Today is the date of t in t's own zone, at midnight UTC like every
// stored date: the day the officer is working on.
func Today(t time.Time) time.Time { return Day(t.Year(), t.Month(), t.Day()) }

// DueOn appends to dst what the settlement of contract c has due on day:
// the planned periods that ended before day without a score, unless the
// contract was terminated, and the periods whose payable is settled —
// scored, or the one period of a contract without a plan once it has
// ended — with something left to pay. (Appending lets the store reuse one
// buffer for 100,000 contracts.)
func (s *Settlement) DueOn(dst []DueItem, c *Contract, day time.Time) []DueItem {
	return s.appendDue(dst, c, day, func(end time.Time) bool { return end.Before(day) })
}

// Unsettled appends to dst what stands between contract c and closing its
// year: what DueOn lists, whether or not the periods have ended. Days
// count to day.
func (s *Settlement) Unsettled(dst []DueItem, c *Contract, day time.Time) []DueItem {
	return s.appendDue(dst, c, day, func(time.Time) bool { return true })
}

func (s *Settlement) appendDue(dst []DueItem, c *Contract, day time.Time, counts func(end time.Time) bool) []DueItem {
	for _, p := range s.Periods {
		end, ok := PeriodEnd(p.Period)
		if !ok || !counts(end) {
			continue
		}
		item := DueItem{ContractID: c.ID, ContractNumber: c.Number, ContractTitle: c.Title, ContractorID: c.ContractorID,
			Period: p.Period, Date: end, Days: DaysFrom(end, day), Score: p.Score, Payable: p.Payable, Paid: p.Paid}
		switch {
		case s.Plan != nil && !p.Assessed():
			if c.Status != StatusTerminated {
				item.Kind = DueAssess
				dst = append(dst, item)
			}
		case p.Outstanding() > 0:
			item.Kind = DuePay
			dst = append(dst, item)
		}
	}
	return dst
}

// RunningOn reports whether the contract is in force on day: in progress
// and not past its end.
func (c *Contract) RunningOn(day time.Time) bool {
	return c.Status == StatusActive && (c.End.IsZero() || !c.End.Before(day))
}

// EndingDue is the item of a contract in progress that ends within
// DueWindow days of day.
func EndingDue(c *Contract, day time.Time) (DueItem, bool) {
	if c.Status != StatusActive || c.End.IsZero() || c.End.Before(day) || c.End.After(day.AddDate(0, 0, DueWindow)) {
		return DueItem{}, false
	}
	return DueItem{Kind: DueContractEnd, ContractID: c.ID, ContractNumber: c.Number, ContractTitle: c.Title,
		ContractorID: c.ContractorID, Date: c.End, Days: DaysFrom(c.End, day)}, true
}

// QualificationsDue lists a contractor's qualifications that expire within
// DueWindow days of day, and, while running says one of its contracts is
// in force, those already expired.
func QualificationsDue(k *Contractor, running bool, day time.Time) []DueItem {
	var out []DueItem
	for _, q := range k.Qualifications {
		if q.Expiry.IsZero() || q.Expiry.After(day.AddDate(0, 0, DueWindow)) || (q.ExpiredOn(day) && !running) {
			continue
		}
		out = append(out, DueItem{Kind: DueQualification, ContractorID: k.ID, ContractorName: k.Name,
			Date: q.Expiry, Days: DaysFrom(q.Expiry, day), Subject: strings.TrimSpace(q.Kind + q.Level)})
	}
	return out
}

// HintsDue appends to dst the hints of contract c that nobody has
// acknowledged.
func HintsDue(dst []DueItem, c *Contract, hints []Hint) []DueItem {
	for _, h := range hints {
		if h.Acknowledged == "" {
			dst = append(dst, DueItem{Kind: DueHint, ContractID: c.ID, ContractNumber: c.Number, ContractTitle: c.Title,
				ContractorID: c.ContractorID, Subject: h.Article + "：" + h.Message})
		}
	}
	return dst
}

// ApprovalDue is the item of a payment waiting for approval on a contract.
func ApprovalDue(c *Contract, r PaymentRequest, asked, day time.Time) DueItem {
	return DueItem{Kind: DueApprove, ContractID: c.ID, ContractNumber: c.Number, ContractTitle: c.Title,
		ContractorID: c.ContractorID, Period: r.Payment.Period, Date: asked, Days: DaysFrom(asked, day),
		Amount: r.Payment.Amount, RequestID: r.ID, Author: r.Author}
}

// DueList is one list of the workbench: how many items are due, and the
// first Limit of them in due order (all when Limit is 0). The window shows
// the first page of a list whatever its length, so 100,000 unpaid periods
// cost a count, not 100,000 kept items.
type DueList struct {
	Total int       `json:"total"`
	Items []DueItem `json:"items"`
	Limit int       `json:"limit,omitempty"`
	// trimmed: Items[:Limit] holds the first items seen so far, in
	// order, and an item not before Items[Limit-1] cannot make the list.
	trimmed bool
}

// Add counts items and keeps those among the first Limit.
func (l *DueList) Add(items ...DueItem) {
	for _, it := range items {
		l.Total++
		if l.trimmed && compareDue(it, l.Items[l.Limit-1]) >= 0 {
			continue
		}
		l.Items = append(l.Items, it)
		if l.Limit > 0 && len(l.Items) >= 2*l.Limit {
			l.trim()
		}
	}
}

// Finish puts the kept items in order once all are added.
func (l *DueList) Finish() { l.trim() }

// More is how many items are due beyond those kept.
func (l *DueList) More() int { return l.Total - len(l.Items) }

// trim sorts the items and keeps the first Limit: sorting twice Limit
// items once every Limit additions keeps the cost of a long list near
// that of counting it.
func (l *DueList) trim() {
	SortDue(l.Items)
	if l.Limit > 0 && len(l.Items) >= l.Limit {
		l.Items = slices.Clip(l.Items[:l.Limit])
		l.trimmed = true
	}
}

// SortDue puts the longest due first — the earliest date — then orders by
// contract and period, so a list reads the same every time. Periods of one
// contract with the same date (the year and its last quarter) go by code.
func SortDue(items []DueItem) {
	slices.SortFunc(items, compareDue)
}

func compareDue(a, b DueItem) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := strings.Compare(a.ContractNumber, b.ContractNumber); c != 0 {
		return c
	}
	if c := strings.Compare(a.Period, b.Period); c != 0 {
		return c
	}
	if c := strings.Compare(a.ContractorName, b.ContractorName); c != 0 {
		return c
	}
	return strings.Compare(a.Subject, b.Subject)
}

// YearGlance is a budget year at a glance, on the report's basis (see
// Report): the year's contracts and their amount and payable, the payments
// dated in the year in total and by month.
type YearGlance struct {
	Year           int       `json:"year"`
	Closed         bool      `json:"closed"`
	Contracts      int       `json:"contracts"`
	ContractAmount Money     `json:"contract_amount_fen"`
	Payable        Money     `json:"payable_fen"`
	Paid           Money     `json:"paid_fen"`
	PaidByMonth    [12]Money `json:"paid_by_month_fen"`
}

// SharePaid is Paid as a share of Payable, rounded half up to a basis
// point; ok is false when nothing is payable.
func (g YearGlance) SharePaid() (share Rate, ok bool) {
	if g.Payable <= 0 {
		return 0, false
	}
	return Rate(g.Paid.MulRatio(int64(FullRate), int64(g.Payable))), true
}

// YearCloseBlockers is what stands between a budget year and closing it:
// the periods of its contracts not assessed and not paid, and the payments
// of the year waiting for approval. Closing locks the year's assessments
// and payments, so the lists are what closing would leave undone.
type YearCloseBlockers struct {
	Year       int      `json:"year"`
	Closed     bool     `json:"closed"`
	Unassessed *DueList `json:"unassessed"`
	Unpaid     *DueList `json:"unpaid"`
	Requests   *DueList `json:"requests"`
}

// NewYearCloseBlockers starts the blockers of year, keeping limit items of
// each list (0: all).
func NewYearCloseBlockers(year int, closed bool, limit int) *YearCloseBlockers {
	return &YearCloseBlockers{Year: year, Closed: closed,
		Unassessed: &DueList{Limit: limit}, Unpaid: &DueList{Limit: limit}, Requests: &DueList{Limit: limit}}
}

// Add files the items of one contract, as Settlement.Unsettled lists them.
func (b *YearCloseBlockers) Add(items []DueItem) {
	for _, it := range items {
		if it.Kind == DueAssess {
			b.Unassessed.Add(it)
		} else {
			b.Unpaid.Add(it)
		}
	}
}

// AddRequest files a payment waiting for approval if it is the year's: on
// a contract of the year or dated in it.
func (b *YearCloseBlockers) AddRequest(c *Contract, r PaymentRequest, item DueItem) {
	if c.Year == b.Year || r.Payment.Date.Year() == b.Year {
		b.Requests.Add(item)
	}
}

// Finish puts each list in order once all items are filed.
func (b *YearCloseBlockers) Finish() {
	for _, l := range []*DueList{b.Unassessed, b.Unpaid, b.Requests} {
		l.Finish()
	}
}

// All is the three lists as one, the unassessed first, for a screen that
// lists them together.
func (b *YearCloseBlockers) All() *DueList {
	all := &DueList{}
	for _, l := range []*DueList{b.Unassessed, b.Unpaid, b.Requests} {
		all.Total += l.Total
		all.Items = append(all.Items, l.Items...)
	}
	return all
}

// Empty reports whether nothing stands in the way.
func (b *YearCloseBlockers) Empty() bool {
	return b.Unassessed.Total+b.Unpaid.Total+b.Requests.Total == 0
}

// Summary says in a sentence what stands in the way, or that nothing does.
func (b *YearCloseBlockers) Summary() string {
	if b.Closed {
		return fmt.Sprintf("%d年度已结账。", b.Year)
	}
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{b.Unassessed.Total, "个期间未考核"}, {b.Unpaid.Total, "个期间未付清"}, {b.Requests.Total, "笔付款待审批"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d%s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%d年度的考核和支付均已办结，可以结账。", b.Year)
	}
	return fmt.Sprintf("%d年度尚有%s。", b.Year, strings.Join(parts, "、"))
}

// Workbench is what is due on Today, by kind, and the year at a glance
// with what blocks closing it.
type Workbench struct {
	Today time.Time `json:"today"`
	// Years are the budget years that have contracts, latest first; none
	// means the database holds no contract yet.
	Years    []int                `json:"years"`
	Glance   YearGlance           `json:"glance"`
	Due      map[DueKind]*DueList `json:"due"`
	Blockers *YearCloseBlockers   `json:"blockers"`
}

// NewWorkbench starts the workbench of today with glance's year, keeping
// limit items of each list (0: all).
func NewWorkbench(today time.Time, years []int, glance YearGlance, limit int) *Workbench {
	w := &Workbench{Today: today, Years: years, Glance: glance, Due: map[DueKind]*DueList{},
		Blockers: NewYearCloseBlockers(glance.Year, glance.Closed, limit)}
	for _, k := range DueKinds {
		w.Due[k] = &DueList{Limit: limit}
	}
	return w
}

// Add files items under their kinds.
func (w *Workbench) Add(items ...DueItem) {
	for _, it := range items {
		w.Due[it.Kind].Add(it)
	}
}

// Finish puts every list in order once all items are filed.
func (w *Workbench) Finish() {
	for _, l := range w.Due {
		l.Finish()
	}
	w.Blockers.Finish()
}

// DefaultYear is the year a workbench opens on: the latest with contracts,
// else the year of today.
func DefaultYear(years []int, today time.Time) int {
	if len(years) > 0 {
		return years[0]
	}
	return today.Year()
}

// WorkbenchService answers what is due. Each list keeps its first limit
// items (0: all) and counts the rest.
type WorkbenchService interface {
	// Workbench is what is due today (the store's clock) across the years
	// not closed, and budget year year at a glance (0: DefaultYear).
	Workbench(ctx context.Context, year, limit int) (*Workbench, error)
}
