package importer

import "govbuy"

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
		Sheets: p.Sheets(), Warnings: p.AllWarnings(), Matches: p.Matches}
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
