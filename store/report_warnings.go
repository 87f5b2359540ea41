package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"govbuy"
)

// The compliance hints of many contracts (the report's warnings, `govbuy
// check`) are worked out from what hintBook reads once: every contractor
// with its qualifications, every contractor's grade by year, every
// acknowledgement and the tender threshold. The cost is then one pass over
// the contracts, never a query per contract; ContractSettlement asks the
// same questions of one contract with its own few queries (contractHints),
// and both go through govbuy.ComplianceHints with the same inputs, so a
// contract's screen and the report always agree.

// hintKey names one hint of one contract, as hint_acks keys it.
type hintKey struct {
	contract int64
	rule     string
}

// gradeKey is a contractor's year.
type gradeKey struct {
	contractor int64
	year       int
}

type hintBook struct {
	units        map[int64]*govbuy.Unit
	contractors  map[int64]*govbuy.Contractor
	requirements map[int64]*govbuy.Requirement // by catalog item id
	grades       map[gradeKey]govbuy.Grade
	acks         map[hintKey]string
	threshold    govbuy.Money
	fees         map[int64]*govbuy.FeeStandard
	maxDeparture govbuy.Rate
	// The deadline hints count on calendar to today, from the records
	// (of the contracts that have one) and supplements by contract id.
	today       time.Time
	calendar    *govbuy.Calendar
	records     map[int64]govbuy.PublicRecord
	supplements map[int64][]govbuy.Supplement
}

// loadHintBook reads what the hints need, deadlines counted to today;
// grades are read for the years from fromYear to toYear (the budget years
// before those of the contracts at hand), all years when both are 0.
func loadHintBook(ctx context.Context, q queryer, today time.Time, fromYear, toYear int) (*hintBook, error) {
	b := &hintBook{today: today}
	var err error
	if err = b.loadDeadlines(ctx, q); err != nil {
		return nil, err
	}
	if b.units, err = allUnits(ctx, q); err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	if b.contractors, err = contractorsWithQualifications(ctx, q); err != nil {
		return nil, fmt.Errorf("contractors: %w", err)
	}
	if b.grades, err = contractorGrades(ctx, q, fromYear, toYear); err != nil {
		return nil, fmt.Errorf("grades: %w", err)
	}
	if b.acks, err = allHintAcks(ctx, q); err != nil {
		return nil, fmt.Errorf("acknowledgements: %w", err)
	}
	if b.threshold, err = tenderThreshold(ctx, q); err != nil {
		return nil, fmt.Errorf("tender threshold: %w", err)
	}
	if b.requirements, err = requirementsByCatalogID(ctx, q); err != nil {
		return nil, fmt.Errorf("requirements: %w", err)
	}
	if b.fees, err = feeStandardsByID(ctx, q); err != nil {
		return nil, fmt.Errorf("fee standards: %w", err)
	}
	if b.maxDeparture, err = maxFeeDeparture(ctx, q); err != nil {
		return nil, fmt.Errorf("fee departure: %w", err)
	}
	return b, nil
}

// allUnits reads every unit by ID: a district has dozens, not thousands.
func allUnits(ctx context.Context, q queryer) (map[int64]*govbuy.Unit, error) {
	out := map[int64]*govbuy.Unit{}
	err := eachRow(ctx, q, "SELECT "+unitColumns+" FROM units u", func(rows *sql.Rows) error {
		var u govbuy.Unit
		err := scanUnit(rows, &u)
		out[u.ID] = &u
		return err
	})
	return out, err
}

// loadDeadlines reads what the deadline hints need.
func (b *hintBook) loadDeadlines(ctx context.Context, q queryer) error {
	var err error
	if b.calendar, err = workCalendar(ctx, q); err != nil {
		return err
	}
	if b.records, err = contractRecords(ctx, q); err != nil {
		return fmt.Errorf("contract records: %w", err)
	}
	if b.supplements, err = allSupplements(ctx, q); err != nil {
		return fmt.Errorf("supplements: %w", err)
	}
	return nil
}

// hints returns c's hints with the acknowledgements filled in; c's public
// record is the book's (c is read without it).
func (b *hintBook) hints(c *govbuy.Contract) []govbuy.Hint {
	withRecord := *c
	withRecord.PublicRecord = b.records[c.ID]
	c = &withRecord
	hints := govbuy.ComplianceHints(govbuy.HintInput{
		Contract:        c,
		Unit:            b.units[c.UnitID],
		Contractor:      b.contractors[c.ContractorID],
		PrevGrade:       b.grades[gradeKey{c.ContractorID, c.BudgetYear() - 1}],
		TenderThreshold: b.threshold,
		Requirement:     b.requirements[c.CatalogID],
		FeeStandard:     b.fees[c.FeeStandardID],
		MaxFeeDeparture: b.maxDeparture,
		Deadlines:       b.deadlineInput(c.ID),
	})
	for i := range hints {
		hints[i].Acknowledged = b.acks[hintKey{c.ID, hints[i].Rule}]
	}
	return hints
}

// deadlineInput is what the deadlines of contract id are counted on.
func (b *hintBook) deadlineInput(id int64) govbuy.DeadlineInput {
	return govbuy.DeadlineInput{Calendar: b.calendar, Today: b.today, Supplements: b.supplements[id]}
}

// deadlines tallies how the contracts of the report's year kept the
// deadlines of publication and 备案, on the inputs of their hints, so the
// report counts late exactly the contracts whose hints say so.
func (b *hintBook) deadlines(lines []reportLine) govbuy.ReportDeadlines {
	d := govbuy.NewReportDeadlines()
	for i := range lines {
		if !lines[i].cur {
			continue
		}
		c := lines[i].contract()
		c.PublicRecord = b.records[c.ID]
		d.Add(&c, b.deadlineInput(c.ID), govbuy.DeadlineAcks{
			Publish: b.acks[hintKey{c.ID, "publish"}] != "",
			Filing:  b.acks[hintKey{c.ID, "filing"}] != "",
		})
	}
	return d
}

// hintContractColumns are the contract fields the checks look at, in the
// order scanHintContract reads them, with the title and status the
// workbench shows and judges by.
const hintContractColumns = `id, number, year, kind, method, headcount, amount, start_date, end_date, unit_id, contractor_id,
	COALESCE(catalog_id, 0), COALESCE(fee_standard_id, 0), fee_quantity, fee_base, fee_share, title, status, pending`

func scanHintContract(rows *sql.Rows) (*govbuy.Contract, error) {
	var c govbuy.Contract
	var start, end string
	if err := rows.Scan(&c.ID, &c.Number, &c.Year, &c.Kind, &c.Method, &c.Headcount, &c.Amount, &start, &end, &c.UnitID, &c.ContractorID,
		&c.CatalogID, &c.FeeStandardID, &c.FeeQuantity, &c.FeeBase, &c.FeeShare, &c.Title, &c.Status, pendingCol{&c.Pending}); err != nil {
		return nil, err
	}
	var err error
	if c.Start, err = parseDate(start); err != nil {
		return nil, err
	}
	c.End, err = parseDate(end)
	return &c, err
}

// contractWarnings lists, as report warnings, the hints nobody has
// acknowledged of the contracts that where (a condition on contracts, with
// args) selects, ordered by contract number. An acknowledged hint has its
// reason on record and leaves the list; the contract screen still shows it.
func contractWarnings(ctx context.Context, q queryer, today time.Time, where string, args ...any) ([]govbuy.Warning, error) {
	book, err := loadHintBook(ctx, q, today, 0, 0)
	if err != nil {
		return nil, err
	}
	out := []govbuy.Warning{}
	err = eachRow(ctx, q, "SELECT "+hintContractColumns+" FROM contracts "+where+" ORDER BY number", func(rows *sql.Rows) error {
		c, err := scanHintContract(rows)
		if err != nil {
			return err
		}
		out = book.appendWarnings(out, c)
		return nil
	}, args...)
	return out, err
}

// appendWarnings adds c's unacknowledged hints to list.
func (b *hintBook) appendWarnings(list []govbuy.Warning, c *govbuy.Contract) []govbuy.Warning {
	for _, h := range b.hints(c) {
		if h.Acknowledged == "" {
			list = append(list, govbuy.Warning{Contract: c.Number, Rule: h.Article, Code: h.Rule, Message: h.Message})
		}
	}
	return list
}

// reportHintBook reads what the hints of the report's contracts (those of
// budget year Y and those paid in Y) need, deadlines counted to asOf.
func reportHintBook(ctx context.Context, tx *sql.Tx, asOf time.Time, lines []reportLine) (*hintBook, error) {
	if len(lines) == 0 {
		return &hintBook{}, nil
	}
	first, last := lines[0].Year, lines[0].Year
	for i := range lines {
		first, last = min(first, lines[i].Year), max(last, lines[i].Year)
	}
	return loadHintBook(ctx, tx, asOf, first-1, last-1)
}

// reportWarnings lists the unacknowledged hints of the report's contracts
// in the list's order: by unit, then number.
func reportWarnings(book *hintBook, lines []reportLine) []govbuy.Warning {
	out := []govbuy.Warning{}
	for i := range lines {
		c := lines[i].contract()
		out = book.appendWarnings(out, &c)
	}
	return out
}

func contractorsWithQualifications(ctx context.Context, q queryer) (map[int64]*govbuy.Contractor, error) {
	out := map[int64]*govbuy.Contractor{}
	err := eachRow(ctx, q, "SELECT "+contractorColumns+" FROM contractors k", func(rows *sql.Rows) error {
		k := &govbuy.Contractor{}
		if err := scanContractor(rows, k); err != nil {
			return err
		}
		out[k.ID] = k
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, q, "SELECT contractor_id, kind, level, number, issuer, expiry FROM qualifications ORDER BY contractor_id, position, id", func(rows *sql.Rows) error {
		var id int64
		qual, err := scanQualification(rows, &id)
		if k := out[id]; err == nil && k != nil {
			k.Qualifications = append(k.Qualifications, qual)
		}
		return err
	})
	return out, err
}

// yearScoresSQL sums each contractor's assessment scores by the year of
// their period (a period code starts with its year), in SQL, so grading
// every contractor reads a few rows per contractor rather than every
// assessment. CROSS JOIN keeps SQLite reading the assessments first (and
// only those of the years asked for) instead of probing them for every
// contract: three times faster on 100,000 contracts.
const yearScoresSQL = `
	SELECT c.contractor_id, CAST(substr(a.period, 1, 4) AS INTEGER) AS y, SUM(a.score), COUNT(*)
	FROM assessments a CROSS JOIN contracts c ON c.id = a.contract_id`

// contractorGrades grades every contractor for every year from fromYear to
// toYear (all years when both are 0) it was assessed in, by the average of
// that year's scores (as ContractorStanding does).
func contractorGrades(ctx context.Context, q queryer, fromYear, toYear int) (map[gradeKey]govbuy.Grade, error) {
	query, args := yearScoresSQL, []any{}
	if fromYear != 0 || toYear != 0 {
		// Period codes of years from..to sort in ["from", "to+1").
		query += " WHERE a.period >= ? AND a.period < ?"
		args = append(args, strconv.Itoa(fromYear), strconv.Itoa(toYear+1))
	}
	grades := map[gradeKey]govbuy.Grade{}
	err := eachRow(ctx, q, query+" GROUP BY c.contractor_id, y", func(rows *sql.Rows) error {
		var k gradeKey
		var sum, n int64
		if err := rows.Scan(&k.contractor, &k.year, &sum, &n); err != nil {
			return err
		}
		grades[k] = govbuy.DefaultGradeBands.Grade(govbuy.AverageScore(sum, n))
		return nil
	}, args...)
	return grades, err
}

func allHintAcks(ctx context.Context, q queryer) (map[hintKey]string, error) {
	acks := map[hintKey]string{}
	err := eachRow(ctx, q, "SELECT contract_id, rule, reason FROM hint_acks", func(rows *sql.Rows) error {
		var k hintKey
		var reason string
		err := rows.Scan(&k.contract, &k.rule, &reason)
		acks[k] = reason
		return err
	})
	return acks, err
}
