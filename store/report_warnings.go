package store

import (
	"context"
	"database/sql"

	"govbuy"
)

// reportWarnings lists the compliance hints of the year's contracts (those
// of budget year Y and those paid in Y) that nobody has acknowledged; an
// acknowledged hint has its reason on record and leaves the list. Rule cites
// the article. Contractors, qualifications, last year's grades and the
// acknowledgements are read once, so the cost stays one pass over the
// contracts however many there are.
func reportWarnings(ctx context.Context, tx *sql.Tx, year int) ([]govbuy.Warning, error) {
	contractors, err := contractorsWithQualifications(ctx, tx)
	if err != nil {
		return nil, err
	}
	prev, err := gradesOfYear(ctx, tx, year-1)
	if err != nil {
		return nil, err
	}
	acks, err := allHintAcks(ctx, tx)
	if err != nil {
		return nil, err
	}
	threshold, err := tenderThreshold(ctx, tx)
	if err != nil {
		return nil, err
	}
	from, to := yearRange(year)
	out := []govbuy.Warning{}
	err = eachRow(ctx, tx, `
		SELECT id, number, year, kind, method, headcount, amount, start_date, end_date, contractor_id FROM contracts
		WHERE year = ? OR id IN (SELECT contract_id FROM payments WHERE date >= ? AND date < ?)
		ORDER BY number`, func(rows *sql.Rows) error {
		var c govbuy.Contract
		var start, end string
		if err := rows.Scan(&c.ID, &c.Number, &c.Year, &c.Kind, &c.Method, &c.Headcount, &c.Amount, &start, &end, &c.ContractorID); err != nil {
			return err
		}
		c.Start, _ = parseDate(start)
		c.End, _ = parseDate(end)
		hints := govbuy.ComplianceHints(govbuy.HintInput{
			Contract: &c, Contractor: contractors[c.ContractorID], PrevGrade: prev[c.ContractorID], TenderThreshold: threshold,
		})
		for _, h := range hints {
			if acks[hintKey{c.ID, h.Rule}] == "" {
				out = append(out, govbuy.Warning{Contract: c.Number, Rule: h.Article, Message: h.Message})
			}
		}
		return nil
	}, year, from, to)
	return out, err
}

func contractorsWithQualifications(ctx context.Context, tx *sql.Tx) (map[int64]*govbuy.Contractor, error) {
	out := map[int64]*govbuy.Contractor{}
	err := eachRow(ctx, tx, "SELECT id, name, type FROM contractors", func(rows *sql.Rows) error {
		k := &govbuy.Contractor{}
		if err := rows.Scan(&k.ID, &k.Name, &k.Type); err != nil {
			return err
		}
		out[k.ID] = k
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, "SELECT contractor_id, kind, level, number, issuer, expiry FROM qualifications", func(rows *sql.Rows) error {
		var id int64
		q, err := scanQualification(rows, &id)
		if k := out[id]; err == nil && k != nil {
			k.Qualifications = append(k.Qualifications, q)
		}
		return err
	})
	return out, err
}

// gradesOfYear grades each contractor by the average of its assessments of
// periods in year, rounded half up to a tenth as ContractorStanding does.
func gradesOfYear(ctx context.Context, tx *sql.Tx, year int) (map[int64]govbuy.Grade, error) {
	sums, counts := map[int64]int64{}, map[int64]int64{}
	err := eachRow(ctx, tx, `
		SELECT c.contractor_id, a.period, a.score FROM assessments a JOIN contracts c ON c.id = a.contract_id
		WHERE a.period LIKE ? || '%'`, func(rows *sql.Rows) error {
		var id int64
		var period string
		var score int64
		if err := rows.Scan(&id, &period, &score); err != nil {
			return err
		}
		if govbuy.YearOfPeriod(period) == year {
			sums[id] += score
			counts[id]++
		}
		return nil
	}, year)
	grades := map[int64]govbuy.Grade{}
	for id, n := range counts {
		grades[id] = govbuy.DefaultGradeBands.Grade(govbuy.Score((sums[id]*2 + n) / (2 * n)))
	}
	return grades, err
}

type hintKey struct {
	contract int64
	rule     string
}

func allHintAcks(ctx context.Context, tx *sql.Tx) (map[hintKey]string, error) {
	acks := map[hintKey]string{}
	err := eachRow(ctx, tx, "SELECT contract_id, rule, reason FROM hint_acks", func(rows *sql.Rows) error {
		var k hintKey
		var reason string
		err := rows.Scan(&k.contract, &k.rule, &reason)
		acks[k] = reason
		return err
	})
	return acks, err
}
