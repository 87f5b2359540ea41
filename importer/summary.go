package importer

// Summary is the object `govbuy import --json` prints (DESIGN.md).
type Summary struct {
	Files    int       `json:"files"`
	Rows     int       `json:"rows"`
	Imported Counts    `json:"imported"`
	Skipped  int       `json:"skipped"`
	Problems []Problem `json:"problems"`
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
	s := Summary{Files: p.Files, Rows: p.Rows, Skipped: p.Skipped, Problems: p.Problems}
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
