package govbuy

import (
	"slices"
	"strconv"
)

// Settle works out where a contract's money stands from the contract, its
// assessment plan (nil when it has none), its assessments and its payments.
// It is the one place payables are worked out: the contract and payment
// screens, the payment approval form, the annual report and the live
// preview of a score all show what it says.
//
// A contract with a plan is settled by the plan's periods of its budget
// year. Each has its base (AssessmentPlan.Installment); once assessed, its
// grade by the plan's bands and what the rule makes payable of the base;
// until then the base, the most that may be paid ahead; and what the
// payments naming it paid.
//
// A contract without a plan is not paid by score. It is settled as one
// period, its budget year, whose base and payable are the contract amount
// and to which every payment of the contract counts; a score recorded for
// that year (a ledger's 考核得分) is graded by the default bands and changes
// nothing payable.
//
// A score of a period the contract is not settled by is one of Others,
// shown with its grade and nothing payable on it.
func Settle(c *Contract, plan *AssessmentPlan, assessments []Assessment, payments []Payment) Settlement {
	s := Settlement{Plan: plan, Amount: c.Amount}
	if plan == nil {
		s.Periods = []PeriodSettlement{wholeYear(c, payments)}
	} else {
		s.Periods = plannedPeriods(c, plan, payments)
	}
	bands := PlanBands(plan)
	for _, a := range assessments {
		s.score(a.Period, a.Score, bands)
	}
	if len(s.Others) > 1 {
		slices.SortFunc(s.Others, func(a, b PeriodSettlement) int { return ComparePeriods(a.Period, b.Period) })
	}
	s.total(payments)
	return s
}

// plannedPeriods lays out the plan's periods of the contract's budget year,
// not yet assessed.
func plannedPeriods(c *Contract, plan *AssessmentPlan, payments []Payment) []PeriodSettlement {
	codes := plan.Period.Periods(c.BudgetYear())
	bases := plan.bases(c.Amount, codes)
	out := make([]PeriodSettlement, len(codes))
	for i, code := range codes {
		out[i] = PeriodSettlement{Period: code, Base: bases[i], Payable: bases[i], Paid: paidFor(code, payments), rule: &plan.Rule}
	}
	return out
}

// wholeYear is the one period of a contract without a plan.
func wholeYear(c *Contract, payments []Payment) PeriodSettlement {
	p := PeriodSettlement{Period: strconv.Itoa(c.BudgetYear()), Base: c.Amount, Payable: c.Amount}
	for _, pay := range payments {
		p.Paid += pay.Amount
	}
	return p
}

func paidFor(period string, payments []Payment) Money {
	var paid Money
	for _, p := range payments {
		if p.Period == period {
			paid += p.Amount
		}
	}
	return paid
}

// score enters the score of a period: into its settled period, where the
// plan's rule makes it payable, else as one of Others.
func (s *Settlement) score(period string, score Score, bands GradeBands) {
	i := slices.IndexFunc(s.Periods, func(p PeriodSettlement) bool { return p.Period == period })
	if i < 0 {
		s.Others = append(s.Others, PeriodSettlement{Period: period, Score: &score, Grade: bands.Grade(score), outside: true})
		return
	}
	p := &s.Periods[i]
	p.Score, p.Grade = &score, bands.Grade(score)
	if p.rule != nil {
		p.Payable = p.rule.Payable(p.Base, score)
	}
}

func (s *Settlement) total(payments []Payment) {
	for _, p := range s.Periods {
		s.Payable += p.Payable
		if p.Assessed() || s.Plan == nil {
			s.PayableToDate += p.Payable
		}
		s.Withheld += p.Deduction()
	}
	for _, p := range payments {
		s.Paid += p.Amount
	}
	s.Balance = s.Amount - s.Paid
}

// ReportYear fills a contract's line of the annual report of year from its
// settlement, and returns the scored periods of the year as the report
// lists them, in order of their end, each with the contract's rule in
// words. A contract of the year is payable what its periods make payable
// (Payable), one of another year paid in it 0; its score is the average of
// the year's scores (AverageScore) with the grade of its plan's bands, nil
// when it has none.
func (s *Settlement) ReportYear(c *ReportContract, year int) []ReportAssessment {
	c.Payable, c.Score, c.Grade = 0, nil, ""
	if c.Year == year {
		c.Payable = s.Payable
	}
	var rows []ReportAssessment
	var sum int64
	for _, list := range [][]PeriodSettlement{s.Periods, s.Others} {
		for _, p := range list {
			if !p.Assessed() || YearOfPeriod(p.Period) != year {
				continue
			}
			rows = append(rows, ReportAssessment{Contract: c.Number, Period: p.Period, Score: *p.Score, Grade: p.Grade,
				Base: p.Base, Payable: p.Payable, Paid: p.Paid})
			sum += int64(*p.Score)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if len(s.Others) > 0 {
		slices.SortStableFunc(rows, func(a, b ReportAssessment) int { return ComparePeriods(a.Period, b.Period) })
	}
	rule := s.Rule()
	for i := range rows {
		rows[i].Rule = rule
	}
	avg := AverageScore(sum, int64(len(rows)))
	c.Score, c.Grade = &avg, PlanBands(s.Plan).Grade(avg)
	return rows
}
