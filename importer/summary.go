package importer

import (
	"fmt"
	"strings"

	"govbuy"
)

// Summary is the object `govbuy import --json` prints (DESIGN.md).
type Summary struct {
	Files    int       `json:"files"`
	Rows     int       `json:"rows"`
	Imported Counts    `json:"imported"`
	Skipped  int       `json:"skipped"`
	Problems []Problem `json:"problems"`
	// Treasury says, for a treasury list, which contract each row was
	// matched to and by which rule, or that it is recorded already.
	Treasury []TreasuryMatch `json:"treasury,omitempty"`
}

// TreasuryMatch is one row of a treasury list in the summary.
type TreasuryMatch struct {
	File     string           `json:"file"`
	Sheet    string           `json:"sheet"`
	Row      int              `json:"row"`
	Voucher  string           `json:"voucher"`
	Contract string           `json:"contract,omitempty"`
	By       govbuy.MatchRule `json:"by,omitempty"`
	Why      string           `json:"why,omitempty"`
	Recorded bool             `json:"recorded,omitempty"`
}

// String writes the match for a terminal: 第7行 凭证20240000001 → 合同YX2024-001（按收款人账号）.
func (m TreasuryMatch) String() string {
	head := fmt.Sprintf("%s 凭证%s", Source{File: m.File, Sheet: m.Sheet, Row: m.Row}, m.Voucher)
	switch {
	case m.Contract == "":
		return head + " 未匹配：" + m.Why
	case m.Recorded:
		return fmt.Sprintf("%s → 合同%s（%s），已有支付记录，跳过", head, m.Contract, m.By)
	}
	return fmt.Sprintf("%s → 合同%s（%s）", head, m.Contract, m.By)
}

// TreasuryMatches lists the plan's treasury rows as the summary shows them.
func (p *Plan) TreasuryMatches() []TreasuryMatch {
	var out []TreasuryMatch
	for _, l := range p.Treasury {
		out = append(out, TreasuryMatch{File: l.Source.File, Sheet: l.Source.Sheet, Row: l.Source.Row, Voucher: l.Row.Voucher,
			Contract: l.Row.Match.Contract, By: l.Row.Match.By, Why: l.Row.Match.Why, Recorded: l.Recorded})
	}
	return out
}

// TreasuryTally counts the treasury rows by how they were matched, for
// the line under an import: 按收款人账号290行，按名称+单位+金额2行.
func (p *Plan) TreasuryTally() string {
	counts := map[govbuy.MatchRule]int{}
	unmatched, recorded := 0, 0
	for _, l := range p.Treasury {
		switch {
		case !l.Row.Match.Matched():
			unmatched++
		default:
			counts[l.Row.Match.By]++
		}
		if l.Recorded {
			recorded++
		}
	}
	var parts []string
	for _, by := range []govbuy.MatchRule{govbuy.MatchByAccount, govbuy.MatchByName, govbuy.MatchByHand} {
		if counts[by] > 0 {
			parts = append(parts, fmt.Sprintf("%s%d行", by, counts[by]))
		}
	}
	if unmatched > 0 {
		parts = append(parts, fmt.Sprintf("未匹配%d行", unmatched))
	}
	return fmt.Sprintf("国库支付%d行：%s；其中已有支付记录%d行", len(p.Treasury), strings.Join(parts, "，"), recorded)
}

// Counts are records by kind.
type Counts struct {
	Contracts   int `json:"contracts"`
	Contractors int `json:"contractors"`
	Units       int `json:"units"`
	Assessments int `json:"assessments"`
	Payments    int `json:"payments"`
	// PaymentRequests are payments above the approval amount that the
	// store turned into requests for a second person; Payments excludes
	// them. Only the store knows, so the caller sets it after the commit.
	PaymentRequests int `json:"payment_requests"`
}

// Summary describes the plan. Imported counts the records the Dataset
// holds when written is true, and zero otherwise (a dry run, or a run
// stopped by problems), so the JSON never claims what was not written.
func (p *Plan) Summary(written bool) Summary {
	s := Summary{Files: p.Files, Rows: p.Rows, Skipped: p.Skipped, Problems: p.Problems, Treasury: p.TreasuryMatches()}
	if s.Problems == nil {
		s.Problems = []Problem{}
	}
	if written {
		s.Imported = p.Counts()
	}
	return s
}

// Counts are the records the Dataset holds, updates included.
func (p *Plan) Counts() Counts {
	ds := p.Dataset
	return Counts{
		Contracts:   len(ds.Contracts),
		Contractors: len(ds.Contractors),
		Units:       len(ds.Units),
		Assessments: len(ds.Assessments),
		Payments:    len(ds.Payments),
	}
}
