package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"govbuy"
)

// reportPlan is what the report needs of one contract with a plan.
type reportPlan struct {
	plan   govbuy.AssessmentPlan
	amount govbuy.Money
	year   int
	scores map[string]govbuy.Score
	paid   map[string]govbuy.Money // by period, payments dated in the report's year
}

// fillAssessments adds the assessed periods, each contract's score and
// grade, and what plans make payable. A contract with a plan is payable, for
// each period of the year, what its score makes payable, or its base while
// the period is not yet assessed; the others keep their contract amount.
// Everything is read in three queries whatever the number of contracts.
func fillAssessments(ctx context.Context, tx *sql.Tx, year int, r *govbuy.Report) error {
	plans, err := loadReportPlans(ctx, tx, year)
	if err != nil {
		return err
	}
	r.Totals.Payable = 0
	for i := range r.Contracts {
		c := &r.Contracts[i]
		if p, ok := plans[c.Number]; ok {
			settleReportContract(c, p, year, r)
		}
		r.Totals.Payable += c.Payable
	}
	return nil
}

func settleReportContract(c *govbuy.ReportContract, p *reportPlan, year int, r *govbuy.Report) {
	var payable govbuy.Money
	var sum, n int64
	for _, period := range p.plan.Period.Periods(p.year) {
		if govbuy.YearOfPeriod(period) != year {
			continue
		}
		base := p.plan.Installment(p.amount, p.year, period)
		score, assessed := p.scores[period]
		if !assessed {
			payable += base
			continue
		}
		due := p.plan.Rule.Payable(base, score)
		payable += due
		sum, n = sum+int64(score), n+1
		r.Assessments = append(r.Assessments, govbuy.ReportAssessment{
			Contract: c.Number, Period: period, Score: score, Grade: p.plan.Bands.Grade(score),
			Base: base, Payable: due, Paid: p.paid[period], Rule: p.plan.Rule.Describe(),
		})
	}
	if c.Year == year {
		c.Payable = payable
	}
	if n > 0 {
		avg := govbuy.Score((sum*2 + n) / (2 * n))
		c.Score, c.Grade = &avg, p.plan.Bands.Grade(avg)
	}
}

func loadReportPlans(ctx context.Context, tx *sql.Tx, year int) (map[string]*reportPlan, error) {
	plans := map[string]*reportPlan{}
	err := eachRow(ctx, tx, `
		SELECT c.number, c.amount, c.year, p.period, p.criteria, p.bands, p.rule, p.installments
		FROM plans p JOIN contracts c ON c.id = p.contract_id`, func(rows *sql.Rows) error {
		var number, period, criteria, bands, rule, installments string
		rp := &reportPlan{scores: map[string]govbuy.Score{}, paid: map[string]govbuy.Money{}}
		if err := rows.Scan(&number, &rp.amount, &rp.year, &period, &criteria, &bands, &rule, &installments); err != nil {
			return err
		}
		rp.plan.Period = govbuy.PeriodKind(period)
		for _, f := range []struct {
			text string
			into any
		}{{criteria, &rp.plan.Criteria}, {bands, &rp.plan.Bands}, {rule, &rp.plan.Rule}, {installments, &rp.plan.Installments}} {
			if err := json.Unmarshal([]byte(f.text), f.into); err != nil {
				return err
			}
		}
		plans[number] = rp
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `
		SELECT c.number, a.period, a.score FROM assessments a JOIN contracts c ON c.id = a.contract_id`, func(rows *sql.Rows) error {
		var number, period string
		var score govbuy.Score
		if err := rows.Scan(&number, &period, &score); err != nil {
			return err
		}
		if p, ok := plans[number]; ok {
			p.scores[period] = score
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	from, to := yearRange(year)
	err = eachRow(ctx, tx, `
		SELECT c.number, p.period, SUM(p.amount) FROM payments p JOIN contracts c ON c.id = p.contract_id
		WHERE p.contract_id IN (SELECT contract_id FROM plans) AND p.date >= ? AND p.date < ?
		GROUP BY c.number, p.period`, func(rows *sql.Rows) error {
		var number, period string
		var paid govbuy.Money
		if err := rows.Scan(&number, &period, &paid); err != nil {
			return err
		}
		if p, ok := plans[number]; ok {
			p.paid[period] = paid
		}
		return nil
	}, from, to)
	return plans, err
}
