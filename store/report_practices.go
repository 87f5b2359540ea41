package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"

	"govbuy"
)

// screening counts the year's contracts that fall under a service
// requirement, those whose contractor meets it and those that went ahead
// on a recorded reason.
func (b *hintBook) screening(year int, lines []reportLine) govbuy.ReportScreening {
	var s govbuy.ReportScreening
	distinct := map[*govbuy.Requirement]bool{}
	for _, r := range b.requirements {
		distinct[r] = true
	}
	s.Requirements = len(distinct)
	for i := range lines {
		l := &lines[i]
		req := b.requirements[l.catalogID]
		k := b.contractors[l.contractorID]
		if l.Year != year || req == nil || k == nil || (req.Kind != "" && req.Kind != l.Kind) {
			continue
		}
		s.Contracts++
		c := l.contract()
		switch {
		case len(req.Missing(k, &c)) == 0:
			s.Met++
		case b.acks[hintKey{l.id, hintRequirement}] != "":
			s.WithReason++
		}
	}
	return s
}

// pricing counts the year's contracts priced by a fee standard, their
// amount, the standards used and the contracts departing from their price.
func (b *hintBook) pricing(year int, lines []reportLine) govbuy.ReportPricing {
	p := govbuy.ReportPricing{Standards: []string{}, MaxDeparture: b.maxDeparture}
	for i := range lines {
		l := &lines[i]
		f := b.fees[l.feeStandardID]
		if l.Year != year || f == nil {
			continue
		}
		p.Contracts++
		p.Amount += l.Amount
		if !slices.Contains(p.Standards, f.Name) {
			p.Standards = append(p.Standards, f.Name)
		}
		c := l.contract()
		if price := govbuy.PriceOf(f, &c); price.Departure > b.maxDeparture {
			p.Departures++
		}
	}
	slices.Sort(p.Standards)
	return p
}

// reportSupervision counts the inspections of the year's periods, reading
// each one's deductions.
func reportSupervision(ctx context.Context, tx *sql.Tx, year int) (govbuy.ReportSupervision, error) {
	var s govbuy.ReportSupervision
	contracts := map[int64]bool{}
	from, to := strconv.Itoa(year), strconv.Itoa(year+1) // period codes of year sort in [from, to)
	err := eachRow(ctx, tx, "SELECT contract_id, kind, deductions FROM inspections WHERE period >= ? AND period < ?", func(rows *sql.Rows) error {
		var id int64
		var kind, body string
		if err := rows.Scan(&id, &kind, &body); err != nil {
			return err
		}
		var ds []govbuy.Deduction
		if err := json.Unmarshal([]byte(body), &ds); err != nil {
			return err
		}
		s.Inspections++
		if govbuy.InspectionKind(kind) == govbuy.InspectionUnannounced {
			s.Unannounced++
		}
		contracts[id] = true
		for _, d := range ds {
			s.Deductions++
			s.PointsTenths += int(d.Points)
		}
		return nil
	}, from, to)
	s.Contracts = len(contracts)
	return s, err
}
