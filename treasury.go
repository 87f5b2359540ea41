package govbuy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// TreasuryRow is one line of the treasury's payment list (国库集中支付明细)
// as budget execution systems export it: what the treasury paid, to whom,
// for which budget unit, under which payment voucher (支付凭证号).
type TreasuryRow struct {
	Origin  string    `json:"origin"` // where the row came from: “国库.xlsx” 工作表“Sheet1” 第7行
	Date    time.Time `json:"date"`
	Unit    string    `json:"unit"`
	Payee   string    `json:"payee"`
	Account string    `json:"account,omitempty"`
	Amount  Money     `json:"amount_fen"`
	Purpose string    `json:"purpose,omitempty"`
	Voucher string    `json:"voucher"`
	Project string    `json:"project,omitempty"`
	// Match is the contract the row pays, found by TreasuryMatcher or
	// chosen by hand; zero while none is.
	Match TreasuryMatch `json:"match"`
}

// MatchRule says how a treasury row was tied to its contract.
type MatchRule string

const (
	// MatchByAccount: the payee account is a registered contractor's, and
	// that contractor has one contract with the row's unit that the amount
	// fits.
	MatchByAccount MatchRule = "按收款人账号"
	// MatchByName: no contractor has the account (or the row has none), the
	// payee's full name is a registered contractor's, and exactly one of its
	// contracts with the row's unit fits the amount.
	MatchByName MatchRule = "按名称+单位+金额"
	// MatchByHand: a person chose the contract.
	MatchByHand MatchRule = "手工指定"
)

// TreasuryMatch is the contract a treasury row pays and how that was
// found, or why none was.
type TreasuryMatch struct {
	ContractID int64     `json:"contract_id,omitempty"`
	Contract   string    `json:"contract,omitempty"` // its number
	By         MatchRule `json:"by,omitempty"`
	// Why says why no contract matched; Candidates name the contracts that
	// fit equally well, when more than one did.
	Why        string   `json:"why,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
}

// Matched reports whether the row has its contract.
func (m TreasuryMatch) Matched() bool { return m.ContractID != 0 }

// PayeeContract is a contract as a treasury list is matched against it:
// its unit, its contractor's name and account, its amount, and the amounts
// of the payments recorded on it, which tell two contracts of one payee at
// one unit apart.
type PayeeContract struct {
	ID         int64
	Number     string
	Title      string
	Unit       string
	Contractor string
	Account    string
	Amount     Money
	Paid       []Money
}

// TreasuryMatchRule says in a sentence how rows are matched, for the dry
// run and the wizard.
const TreasuryMatchRule = "匹配规则：先按收款人账号找承接主体（按收款人账号），账号未登记时按收款人全称；再取其与预算单位的合同，" +
	"多份时取已记有同额支付的一份，否则取合同金额足以支付的一份（按名称匹配时金额须足以支付：按名称+单位+金额）；仍不能确定的不猜测，列出待手工选择。"

// TreasuryMatcher ties treasury rows to contracts. The rule, never a
// guess:
//
//  1. the payee: the contractor whose bank account is the row's 收款人账号
//     (按收款人账号); failing that, the one whose name is the row's
//     收款人全称 (按名称+单位+金额);
//  2. the contract: of that payee's contracts, those of the row's 预算单位;
//  3. the amount: one left is the match (found by name, its amount must
//     cover the row's). Of several, the one with a recorded payment of
//     exactly the row's amount, else the one whose amount alone covers the
//     row's.
//
// Anything else — no payee, no contract at the unit, several that fit
// alike — leaves the row unmatched with the reason and the candidates, for
// a person to choose.
type TreasuryMatcher struct {
	byAccount map[string][]*PayeeContract
	byName    map[string][]*PayeeContract
	byNumber  map[string]*PayeeContract
}

// NewTreasuryMatcher indexes the contracts rows are matched against.
func NewTreasuryMatcher(contracts []PayeeContract) *TreasuryMatcher {
	m := &TreasuryMatcher{byAccount: map[string][]*PayeeContract{}, byName: map[string][]*PayeeContract{},
		byNumber: map[string]*PayeeContract{}}
	for i := range contracts {
		c := &contracts[i]
		if a := accountKey(c.Account); a != "" {
			m.byAccount[a] = append(m.byAccount[a], c)
		}
		m.byName[textKey(c.Contractor)] = append(m.byName[textKey(c.Contractor)], c)
		m.byNumber[textKey(c.Number)] = c
	}
	return m
}

// accountKey compares bank accounts as written in different systems:
// half-width, without spaces or dashes.
func accountKey(s string) string { return strings.ReplaceAll(NormalizeCode(s), "-", "") }

// textKey compares names: half-width, without spaces.
func textKey(s string) string { return NormalizeCode(CleanText(s)) }

// Match finds the contract a row pays by the rule of TreasuryMatcher.
func (m *TreasuryMatcher) Match(r TreasuryRow) TreasuryMatch {
	payee, by := m.byAccount[accountKey(r.Account)], MatchByAccount
	if accountKey(r.Account) == "" || len(payee) == 0 {
		payee, by = m.byName[textKey(r.Payee)], MatchByName
	}
	if len(payee) == 0 {
		return TreasuryMatch{Why: fmt.Sprintf("收款人“%s”（账号%s）不是已登记合同的承接主体", r.Payee, orNone(r.Account))}
	}
	atUnit := filterContracts(payee, func(c *PayeeContract) bool { return textKey(c.Unit) == textKey(r.Unit) })
	if len(atUnit) == 0 {
		return TreasuryMatch{Why: fmt.Sprintf("“%s”与收款人“%s”没有合同", r.Unit, payee[0].Contractor)}
	}
	fits := byAmount(atUnit, r.Amount, by)
	switch len(fits) {
	case 1:
		return TreasuryMatch{ContractID: fits[0].ID, Contract: fits[0].Number, By: by}
	case 0:
		return TreasuryMatch{Why: fmt.Sprintf("“%s”与“%s”的合同金额都小于支付金额%s元", r.Unit, payee[0].Contractor, r.Amount),
			Candidates: numbersOf(atUnit)}
	}
	return TreasuryMatch{Why: fmt.Sprintf("“%s”与“%s”有%d份合同（%s），按金额无法区分，请手工选择",
		r.Unit, payee[0].Contractor, len(fits), strings.Join(numbersOf(fits), "、")), Candidates: numbersOf(fits)}
}

// byAmount narrows a payee's contracts at a unit by the row's amount (step
// 3 of the rule).
func byAmount(cs []*PayeeContract, amount Money, by MatchRule) []*PayeeContract {
	covers := filterContracts(cs, func(c *PayeeContract) bool { return c.Amount == 0 || c.Amount >= amount })
	if len(cs) == 1 {
		if by == MatchByAccount {
			return cs
		}
		return covers
	}
	if same := filterContracts(cs, func(c *PayeeContract) bool { return slices.Contains(c.Paid, amount) }); len(same) == 1 {
		return same
	}
	return covers
}

func filterContracts(cs []*PayeeContract, keep func(*PayeeContract) bool) []*PayeeContract {
	var out []*PayeeContract
	for _, c := range cs {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

func numbersOf(cs []*PayeeContract) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Number
	}
	return out
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "未填"
	}
	return s
}

// ByHand ties a row to the contract a person chose by its number.
func (m *TreasuryMatcher) ByHand(number string) (TreasuryMatch, error) {
	c, ok := m.byNumber[textKey(number)]
	if !ok {
		return TreasuryMatch{}, Invalidf(FieldContractNo, "合同编号“%s”不存在", number)
	}
	return TreasuryMatch{ContractID: c.ID, Contract: c.Number, By: MatchByHand}, nil
}

// Contracts lists the contracts a row may be matched to by hand: the
// payee's at the row's unit first, then the unit's, then the payee's
// elsewhere — a short list for a person to choose from.
func (m *TreasuryMatcher) Contracts(r TreasuryRow) []PayeeContract {
	var first, second, third []PayeeContract
	for _, c := range m.byNumber {
		unit := textKey(c.Unit) == textKey(r.Unit)
		payee := textKey(c.Contractor) == textKey(r.Payee) || (accountKey(r.Account) != "" && accountKey(c.Account) == accountKey(r.Account))
		switch {
		case unit && payee:
			first = append(first, *c)
		case unit:
			second = append(second, *c)
		case payee:
			third = append(third, *c)
		}
	}
	for _, l := range [][]PayeeContract{first, second, third} {
		slices.SortFunc(l, func(a, b PayeeContract) int { return strings.Compare(a.Number, b.Number) })
	}
	return slices.Concat(first, second, third)
}

// TreasuryService gives what matching and reconciling a treasury list need
// from the database; the store implements it. It only reads: the payments
// of a treasury list are written through ImportService, whose gate refuses
// a voucher stored already (EInvalid).
type TreasuryService interface {
	// PayeeContracts lists every contract with its unit, its contractor's
	// name and account, and the amounts of its recorded payments.
	PayeeContracts(ctx context.Context) ([]PayeeContract, error)
	// TreasuryBook reads the payments recorded in year and where the
	// periods they pay stand, from one snapshot; a year outside 1990–2100
	// is EInvalid.
	TreasuryBook(ctx context.Context, year int) (*TreasuryBook, error)
	// TakenVouchers returns, of the given payment vouchers (支付凭证号),
	// those already stored with a payment or a payment request, each with
	// what it paid ("合同YX2024-001 2024-04-10 576,000.00元").
	TakenVouchers(ctx context.Context, vouchers []string) (map[string]string, error)
}
