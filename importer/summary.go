package importer

import (
	"fmt"
	"strings"

	"govbuy"
)

// Summary is the object `govbuy import --json` prints (DESIGN.md).
type Summary struct {
	Files    int         `json:"files"`
	Rows     int         `json:"rows"`
	Imported Counts      `json:"imported"`
	Skipped  int         `json:"skipped"`
	Sheets   []SheetInfo `json:"sheets"`
	Problems []Problem   `json:"problems"`
	Warnings []Warning   `json:"warnings"`
	Matches  []Match     `json:"matches"` // each contractor the rows were matched to, and why
	// Treasury says, for a treasury list, which contract each row was
	// matched to and by which rule, or that it is recorded already.
	Treasury []TreasuryMatch `json:"treasury,omitempty"`
}

// SheetInfo is what was assumed of one sheet: where its header is and the
// money unit of its amounts, with where that unit came from.
type SheetInfo struct {
	File             string `json:"file"`
	Sheet            string `json:"sheet"`
	HeaderRow        int    `json:"header_row"`
	AmountUnit       string `json:"amount_unit,omitempty"`
	AmountUnitSource string `json:"amount_unit_source,omitempty"`
}

// Warning kinds.
const (
	WarnTotalMismatch = "total_mismatch" // a 合计/小计 row differs from the sum of its rows
	WarnPending       = "pending"        // records imported 待补充
)

// Warning is something the person should look at that does not block the
// run. Row is 0 when it concerns the whole run.
type Warning struct {
	Kind    string `json:"kind"`
	File    string `json:"file,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Message string `json:"message"`
}

// String writes the warning for a terminal, placed like a problem.
func (w Warning) String() string {
	if w.File == "" {
		return w.Message
	}
	return Problem{File: w.File, Sheet: w.Sheet, Row: w.Row, Message: w.Message}.String()
}

// Sheets describes each sheet planned.
func (p *Plan) Sheets() []SheetInfo {
	out := []SheetInfo{}
	for _, h := range p.Headers {
		info := SheetInfo{File: h.File, Sheet: h.Sheet, HeaderRow: h.Row}
		if c := h.AmountColumn(); c != nil {
			info.AmountUnit, info.AmountUnitSource = c.Unit.String(), c.UnitSource
		}
		out = append(out, info)
	}
	return out
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

// AllWarnings are the plan's warnings and one for each kind of field left
// 待补充 (“12份合同待补充岗位人数”).
func (p *Plan) AllWarnings() []Warning {
	out := append([]Warning{}, p.Warnings...)
	ds := p.Dataset
	var contracts, contractors []govbuy.FieldSet
	for _, c := range ds.Contracts {
		if !c.Pending.Empty() {
			contracts = append(contracts, c.Pending)
		}
	}
	for _, c := range ds.Contractors {
		if !c.Pending.Empty() {
			contractors = append(contractors, c.Pending)
		}
	}
	for _, line := range govbuy.PendingSummary(contracts, contractors) {
		out = append(out, Warning{Kind: WarnPending, Message: line + "，导入后可在工作台补充"})
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
	s := Summary{Files: p.Files, Rows: p.Rows, Skipped: p.Skipped, Problems: p.Problems,
		Sheets: p.Sheets(), Warnings: p.AllWarnings(), Matches: p.Matches, Treasury: p.TreasuryMatches()}
	if s.Matches == nil {
		s.Matches = []Match{}
	}
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
