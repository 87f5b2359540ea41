package importer

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"govbuy"
)

// TreasuryLine is one row of a treasury list as the plan left it: matched
// to its contract (Row.Match) or not, and whether it is a payment recorded
// already (skipped) rather than one to import.
type TreasuryLine struct {
	Source   Source
	Row      govbuy.TreasuryRow
	Recorded bool
}

// treasuryEntry is a row read from a treasury list, waiting for the whole
// sheet to be matched and checked against what is recorded.
type treasuryEntry struct {
	rc         *rowCtx
	row        govbuy.TreasuryRow
	overReason string
}

// treasury reads one row of the treasury's payment list. A voucher that
// repeats one earlier in the run is refused here; matching waits for
// finishTreasury.
func (rc *rowCtx) treasury() {
	sp := rc.sp
	r := govbuy.TreasuryRow{Origin: rc.source().String(), Date: rc.date(KeyDate), Unit: rc.required(KeyUnit),
		Payee: rc.required(KeyPayee), Account: govbuy.NormalizeCode(rc.text(KeyAccount)), Purpose: rc.text(KeyPurpose),
		Voucher: govbuy.NormalizeCode(rc.required(KeyVoucher)), Project: rc.text(KeyProject)}
	if !rc.has(KeyDate) {
		rc.failf(KeyDate, "不能为空")
	}
	r.Amount = rc.requiredMoney(KeyAmount)
	if r.Amount < 0 || (r.Amount == 0 && rc.has(KeyAmount)) {
		rc.failf(KeyAmount, "支付金额应大于0")
	}
	if r.Voucher != "" {
		if prev, dup := sp.vouchers[r.Voucher]; dup {
			rc.failf(KeyVoucher, "“%s”与%s重复，同一凭证不能支付两次", r.Voucher, describe(prev, rc.source()))
		} else {
			sp.vouchers[r.Voucher] = rc.source()
		}
	}
	if len(rc.problems) > 0 {
		return
	}
	sp.treasuryRows = append(sp.treasuryRows, treasuryEntry{rc: rc, row: r, overReason: rc.text(KeyOverReason)})
}

// finishTreasury matches the sheet's rows to contracts (by hand where the
// person chose, else by govbuy.TreasuryMatcher's rule) and, unless the plan
// only matches (Options.MatchOnly, for a reconciliation), refuses vouchers
// stored before, and reconciles each year's rows with its recorded
// payments: a row that is a recorded payment is skipped, one whose amount
// differs from it is a problem, one without a contract is a problem until a
// person chooses it, and the rest become payments.
func (sp *sheetPlan) finishTreasury(ctx context.Context) error {
	entries := sp.treasuryRows
	if len(entries) == 0 {
		return nil
	}
	m, err := sp.treasuryMatcher(ctx)
	if err != nil {
		return err
	}
	for i := range entries {
		entries[i].row.Match = sp.matchRow(m, entries[i])
	}
	if sp.opts.MatchOnly {
		for _, e := range entries {
			sp.plan.Treasury = append(sp.plan.Treasury, TreasuryLine{Source: e.rc.source(), Row: e.row})
			sp.plan.Problems = append(sp.plan.Problems, e.rc.problems...)
		}
		return nil
	}
	taken, err := sp.takenVouchers(ctx, entries)
	if err != nil {
		return err
	}
	years := map[int][]int{}
	for i, e := range entries {
		years[e.row.Date.Year()] = append(years[e.row.Date.Year()], i)
	}
	for _, year := range slices.Sorted(mapKeys(years)) {
		if err := sp.reconcileYear(ctx, year, years[year], taken); err != nil {
			return err
		}
	}
	return nil
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// matchRow applies the person's choice for the row's voucher, else the rule.
func (sp *sheetPlan) matchRow(m *govbuy.TreasuryMatcher, e treasuryEntry) govbuy.TreasuryMatch {
	if number, ok := sp.opts.Hand[e.row.Voucher]; ok {
		match, err := m.ByHand(number)
		if err != nil {
			e.rc.fail(KeyPayee, err)
			return govbuy.TreasuryMatch{Why: message(err)}
		}
		return match
	}
	return m.Match(e.row)
}

// reconcileYear settles the rows (indexes into sp.treasuryRows) of one
// year against that year's book.
func (sp *sheetPlan) reconcileYear(ctx context.Context, year int, idx []int, taken map[string]string) error {
	book, err := sp.treasuryBook(ctx, year)
	if err != nil {
		return err
	}
	rows := make([]govbuy.TreasuryRow, len(idx))
	for k, i := range idx {
		rows[k] = sp.treasuryRows[i].row
	}
	rec := govbuy.Reconcile(book, rows)
	for k, i := range idx {
		e := sp.treasuryRows[i]
		line := TreasuryLine{Source: e.rc.source(), Row: e.row}
		if what, ok := taken[e.row.Voucher]; ok {
			e.rc.failf(KeyVoucher, "“%s”已登记（%s），不能重复导入", e.row.Voucher, what)
		}
		if j, ok := rec.PairOf(k); ok {
			line.Recorded = sp.recorded(e, book.Payments[j])
		} else if !e.row.Match.Matched() && len(e.rc.problems) == 0 {
			e.rc.failf(KeyPayee, "未能匹配合同：%s。请在导入向导中为此行选择合同，或用 --match '%s=合同编号' 指定", e.row.Match.Why, e.row.Voucher)
		}
		sp.plan.Treasury = append(sp.plan.Treasury, line)
		sp.plan.Problems = append(sp.plan.Problems, e.rc.problems...)
		if len(e.rc.problems) == 0 && !line.Recorded {
			sp.addTreasuryPayment(e)
		}
	}
	return nil
}

// recorded reports a row that is payment p, recorded already, so it is
// skipped; a row whose amount differs from p is a problem of its amount.
func (sp *sheetPlan) recorded(e treasuryEntry, p govbuy.BookPayment) bool {
	if e.row.Amount != p.Amount {
		e.rc.failf(KeyAmount, "国库支付%s元，与已记录的合同%s %s支付%s元不符，请核对后修改记录或本行",
			e.row.Amount, p.Contract, p.Date.Format("2006-01-02"), p.Amount)
		return false
	}
	sp.plan.Skipped++
	return true
}

var periodInText = regexp.MustCompile(`\d{4}\s*年\s*(?:第?[一二三四1-4]\s*季度|[上下]半年|\d{1,2}\s*月|度)`)

// addTreasuryPayment makes a matched row a payment of its contract. The
// period it settles is read from 摘要 ("2024年第2季度服务费") when written
// there; the store refuses a contract paid by score without one, naming
// the row.
func (sp *sheetPlan) addTreasuryPayment(e treasuryEntry) {
	var period string
	if m := periodInText.FindString(e.row.Purpose); m != "" {
		period, _ = govbuy.ParsePeriod(m)
	}
	sp.plan.Dataset.Payments = append(sp.plan.Dataset.Payments, govbuy.DatasetPayment{
		Payment: govbuy.Payment{Date: e.row.Date, Amount: e.row.Amount, Period: period, Voucher: e.row.Voucher,
			Account: e.row.Account, Notes: treasuryNotes(e.row), OverReason: e.overReason},
		ContractNumber: e.row.Match.Contract,
		Origin:         e.row.Origin,
		Treasury:       true,
	})
	sp.plan.Sources = append(sp.plan.Sources, e.rc.source())
}

// treasuryNotes keeps what the treasury wrote about the payment and how
// it was matched, so the payment can be traced to its row.
func treasuryNotes(r govbuy.TreasuryRow) string {
	notes := fmt.Sprintf("国库集中支付（%s）", r.Match.By)
	if r.Purpose != "" {
		notes = r.Purpose + "；" + notes
	}
	return notes
}

// treasuryService is the lookup's govbuy.TreasuryService, nil when it has
// none (no database): then no row matches and nothing is recorded.
func (p *Planner) treasuryService() govbuy.TreasuryService {
	ts, _ := p.lookup.(govbuy.TreasuryService)
	return ts
}

// treasuryMatcher loads the contracts rows are matched against once a run.
func (p *Planner) treasuryMatcher(ctx context.Context) (*govbuy.TreasuryMatcher, error) {
	if p.matcher != nil {
		return p.matcher, nil
	}
	var contracts []govbuy.PayeeContract
	if ts := p.treasuryService(); ts != nil {
		var err error
		if contracts, err = ts.PayeeContracts(ctx); err != nil {
			return nil, fmt.Errorf("importer: payee contracts: %w", err)
		}
	}
	p.matcher = govbuy.NewTreasuryMatcher(contracts)
	p.plan.Matcher = p.matcher
	return p.matcher, nil
}

// treasuryBook reads a year's recorded payments.
func (p *Planner) treasuryBook(ctx context.Context, year int) (*govbuy.TreasuryBook, error) {
	ts := p.treasuryService()
	if ts == nil {
		return &govbuy.TreasuryBook{Year: year}, nil
	}
	book, err := ts.TreasuryBook(ctx, year)
	if err != nil {
		return nil, fmt.Errorf("importer: treasury book %d: %w", year, err)
	}
	return book, nil
}

// takenVouchers asks which of the rows' vouchers are stored already.
func (p *Planner) takenVouchers(ctx context.Context, entries []treasuryEntry) (map[string]string, error) {
	ts := p.treasuryService()
	if ts == nil {
		return nil, nil
	}
	vouchers := make([]string, len(entries))
	for i, e := range entries {
		vouchers[i] = e.row.Voucher
	}
	taken, err := ts.TakenVouchers(ctx, vouchers)
	if err != nil {
		return nil, fmt.Errorf("importer: taken vouchers: %w", err)
	}
	return taken, nil
}

// DetectKind tells the treasury's payment list from the other files by
// its header: a visible sheet whose header names the payee (收款人全称),
// the budget unit (预算单位) and the payment voucher (支付凭证号), or their
// variants, is one. The other kinds are not told apart: ok is false.
func DetectKind(wb *Workbook) (Kind, bool) {
	for _, s := range wb.Sheets {
		if s.Hidden {
			continue
		}
		h := DetectHeader(s, Options{As: KindTreasury})
		if h != nil && h.has(KeyPayee) && h.has(KeyUnit) && h.has(KeyVoucher) {
			return KindTreasury, true
		}
	}
	return "", false
}

func (h *Header) has(k Key) bool {
	return slices.ContainsFunc(h.Columns, func(c Column) bool { return c.Field == k })
}
