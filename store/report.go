package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"govbuy"
)

// The report's figures, as DESIGN.md "report --json" defines them for a year Y:
//
//   - a contract's budget year is its year column (Contract.Validate fills it
//     from the start date when the officer leaves it empty);
//   - Contracts, ContractAmount and PostsHeadcount cover contracts of year Y;
//   - Paid sums payments dated in Y, whatever the contract's year;
//   - Units and Contractors count those with a contract of year Y or a
//     payment dated in Y;
//   - PostTypes counts the distinct titles of post contracts with a payment
//     dated in Y, Projects the distinct titles of project contracts with one:
//     a post kind (岗位种类) or a project is known by its title, since several
//     units may buy the same post under one catalog item;
//   - Payable is, for a year-Y contract, what govbuy.Settle makes its
//     periods payable; 0 for contracts of other years that were paid in Y
//     (see report_assess.go);
//   - every by_* group has Contracts and ContractAmount of its year-Y
//     contracts, Paid of payments dated in Y and PrevPaid of payments dated in
//     Y-1 (both attributed to the contract's group); a group appears when any
//     of these is non-zero, ordered by Paid descending, then name;
//   - by_category groups by the top-level category above the contract's
//     catalog item ("未分类" without one); a contract line's Category is the
//     name of its own catalog item;
//   - Contracts lists year-Y contracts and any other contract paid in Y,
//     ordered by unit then number, each with Paid for payments dated in Y.
//
// All money is integer fen: payments are summed per contract by SQLite
// (pay), everything above that in Go (report_summary.go) or from exact
// rules. Assessments (report_assess.go) lists the year's assessed
// periods; Warnings (report_warnings.go) the compliance hints of the listed
// contracts that nobody has acknowledged; Deadlines how the year-Y contracts
// kept publication and 备案 (counted as their hints count); SocialOrg the
// share of year-Y contract amounts bought from 社会组织; Narrative is
// written from the finished model.

// reportBase is the CTE every report query starts from. rel holds one row per
// contract that counts for year Y (of year Y, or paid in Y or Y-1), with the
// money it contributes (amount only for year-Y contracts) and the keys of the
// groups it falls in. pay is grouped in contract order, so rel reaches the
// contracts by primary key in ascending order; the year-Y contracts without
// payments come from the year index.
//
// Parameters: ?1 = Y, ?2 = first day of Y, ?3 = first day of Y+1, ?4 =
// first day of Y-1.
const reportBase = `
WITH RECURSIVE
pay AS (
	SELECT contract_id,
	       SUM(CASE WHEN date >= ?2 THEN amount ELSE 0 END) AS paid,
	       SUM(CASE WHEN date <  ?2 THEN amount ELSE 0 END) AS prev
	FROM payments
	WHERE date >= ?4 AND date < ?3
	GROUP BY contract_id
),
rel AS (
	SELECT c.id, c.number, c.year, c.unit_id, c.contractor_id, c.catalog_id, c.kind, c.title,
	       c.headcount, c.method, c.funding, c.start_date, c.end_date, c.amount AS contract_amount,
	       c.fee_standard_id, c.fee_quantity, c.fee_base, c.fee_share, c.pending,
	       CASE WHEN c.year = ?1 THEN 1 ELSE 0 END AS cur,
	       CASE WHEN c.year = ?1 THEN c.amount ELSE 0 END AS amount,
	       p.paid, p.prev
	FROM pay p JOIN contracts c ON c.id = p.contract_id
	UNION ALL
	SELECT c.id, c.number, c.year, c.unit_id, c.contractor_id, c.catalog_id, c.kind, c.title,
	       c.headcount, c.method, c.funding, c.start_date, c.end_date, c.amount,
	       c.fee_standard_id, c.fee_quantity, c.fee_base, c.fee_share, c.pending, 1, c.amount, 0, 0
	FROM contracts c
	WHERE c.year = ?1 AND NOT EXISTS (
		SELECT 1 FROM payments WHERE contract_id = c.id AND date >= ?4 AND date < ?3)
)`

// reportContractList reads every row of rel: the totals and breakdowns are
// summed from them (summarise), and the year-Y contracts and the others paid
// in Y make the list, whose names are filled in and rows sorted in Go
// (reportRows, listedLines). The id, contractor and dates are what the
// assessment figures and the compliance hints of the list need, so they
// read no contract again.
const reportContractList = reportBase + `
SELECT id, unit_id, contractor_id, COALESCE(catalog_id, 0), number, year, title, kind,
       method, funding, headcount, start_date, end_date, contract_amount, amount, paid, prev, cur,
       COALESCE(fee_standard_id, 0), fee_quantity, fee_base, fee_share, pending
FROM rel`

// Report builds the annual report model for budget year year, reading one
// snapshot of the database.
func (db *DB) Report(ctx context.Context, year int) (*govbuy.Report, error) {
	if year < 1990 || year > 2100 {
		return nil, govbuy.Invalidf("年度", "请填写年度（1990–2100）")
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("report", err)
	}
	defer tx.Rollback()
	// Deadlines count to today, as on the contract's screen and the
	// workbench, so the three agree.
	r, err := buildReport(ctx, tx, year, govbuy.Today(db.Now()))
	return r, wrapErr(fmt.Sprintf("report %d", year), err)
}

func buildReport(ctx context.Context, tx *sql.Tx, year int, asOf time.Time) (*govbuy.Report, error) {
	r := &govbuy.Report{
		Year:             year,
		ByUnit:           []govbuy.ReportGroup{},
		ByCategory:       []govbuy.ReportGroup{},
		ByMethod:         []govbuy.ReportGroup{},
		ByContractorType: []govbuy.ReportGroup{},
		ByFundingSource:  []govbuy.ReportGroup{},
		Contracts:        []govbuy.ReportContract{},
		Assessments:      []govbuy.ReportAssessment{},
		Warnings:         []govbuy.Warning{},
		Narrative:        []string{},
	}
	var err error
	if r.District, err = getSetting(ctx, tx, settingDistrict); err != nil {
		return nil, err
	}
	names, err := loadReportNames(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	rows, err := reportRows(ctx, tx, reportArgs(year), names)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	summarise(r, rows, names)
	lines := listedLines(rows)
	r.Contracts = make([]govbuy.ReportContract, len(lines))
	for i := range lines {
		r.Contracts[i] = lines[i].ReportContract
	}
	if err := fillAssessments(ctx, tx, year, r, lines); err != nil {
		return nil, fmt.Errorf("assessments: %w", err)
	}
	book, err := reportHintBook(ctx, tx, asOf, lines)
	if err != nil {
		return nil, fmt.Errorf("warnings: %w", err)
	}
	r.Warnings = reportWarnings(book, lines)
	r.Screening = book.screening(year, lines)
	r.Pricing = book.pricing(year, lines)
	r.Deadlines = book.deadlines(lines)
	r.SocialOrg = govbuy.SocialOrgShare(r.ByContractorType, r.Totals.ContractAmount)
	if r.Supervision, err = reportSupervision(ctx, tx, year); err != nil {
		return nil, fmt.Errorf("supervision: %w", err)
	}
	r.Narrative = govbuy.Narrative(r)
	return r, nil
}

func reportArgs(year int) []any {
	from, to := yearRange(year)
	prev, _ := yearRange(year - 1)
	return []any{year, from, to, prev}
}

// reportLine is a row of rel: a line of the contract list with what the
// breakdowns, the assessment figures and the hints need besides.
type reportLine struct {
	govbuy.ReportContract
	id, unitID, contractorID, catalogID int64
	start, end                          time.Time
	// cur: a contract of the report's year, which alone counts its amount
	// (yearAmount); prevPaid is what was paid on it the year before.
	cur                  bool
	yearAmount, prevPaid govbuy.Money
	// What the contract's fee standard charges on, for its hint.
	feeStandardID, feeQuantity int64
	feeBase                    govbuy.Money
	feeShare                   govbuy.Rate
}

// contract returns the fields of the line's contract that
// govbuy.ComplianceHints looks at.
func (l *reportLine) contract() govbuy.Contract {
	return govbuy.Contract{
		ID: l.id, Number: l.Number, Year: l.Year, UnitID: l.unitID, ContractorID: l.contractorID, Kind: l.Kind, Method: l.Method,
		Headcount: l.Headcount, Amount: l.Amount, Start: l.start, End: l.end, CatalogID: l.catalogID,
		FeeStandardID: l.feeStandardID, FeeQuantity: l.feeQuantity, FeeBase: l.feeBase, FeeShare: l.feeShare,
	}
}

// reportRows reads rel. Units, contractors and catalog items are few next
// to 100,000 contracts, so their names come from maps read in the same
// snapshot rather than three lookups per contract. The rows are pointers so
// that neither growing the slice nor sorting the list moves 100,000 wide
// structs around.
func reportRows(ctx context.Context, tx *sql.Tx, args []any, names *reportNames) ([]*reportLine, error) {
	rows, err := tx.QueryContext(ctx, reportContractList, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*reportLine{}
	for rows.Next() {
		l := &reportLine{}
		c := &l.ReportContract
		var start, end string
		if err := rows.Scan(&l.id, &l.unitID, &l.contractorID, &l.catalogID, &c.Number, &c.Year, &c.Title, &c.Kind,
			&c.Method, &c.Funding, &c.Headcount, &start, &end, &c.Amount, &l.yearAmount, &c.Paid, &l.prevPaid, &l.cur,
			&l.feeStandardID, &l.feeQuantity, &l.feeBase, &l.feeShare, pendingCol{&c.Pending}); err != nil {
			return nil, err
		}
		c.Unit = names.units[l.unitID]
		k := names.contractors[l.contractorID]
		c.Contractor, c.ContractorType = k.name, k.typ
		c.Category = names.catalog[l.catalogID]
		if l.start, err = parseDate(start); err != nil {
			return nil, err
		}
		if l.end, err = parseDate(end); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// listedLines is the contract list: the year's contracts and the others
// paid in the year, by unit, then number.
func listedLines(rows []*reportLine) []reportLine {
	listed := slices.DeleteFunc(rows, func(l *reportLine) bool { return !l.cur && l.Paid <= 0 })
	slices.SortFunc(listed, func(a, b *reportLine) int {
		if c := strings.Compare(a.Unit, b.Unit); c != 0 {
			return c
		}
		return strings.Compare(a.Number, b.Number)
	})
	lines := make([]reportLine, len(listed))
	for i, l := range listed {
		lines[i] = *l
	}
	return lines
}

type contractorName struct {
	name string
	typ  govbuy.ContractorType
}

// reportNames maps ids to the names a report shows.
type reportNames struct {
	units       map[int64]string
	contractors map[int64]contractorName
	catalog     map[int64]string
	parent      map[int64]int64 // catalog item to its category; absent at the top
	top         map[int64]string
}

// topCategory names the top category a catalog item falls under, walking
// up once per item; 0 is no item at all.
func (n *reportNames) topCategory(id int64) string {
	if id == 0 {
		return unclassified
	}
	if name, ok := n.top[id]; ok {
		return name
	}
	name, root := unclassified, id
	// More steps than there are items would be a loop, reaching no top.
	for steps := 0; steps <= len(n.parent); steps++ {
		up, ok := n.parent[root]
		if !ok {
			name = n.catalog[root]
			break
		}
		root = up
	}
	n.top[id] = name
	return name
}

func loadReportNames(ctx context.Context, tx *sql.Tx) (*reportNames, error) {
	n := &reportNames{units: map[int64]string{}, contractors: map[int64]contractorName{}, catalog: map[int64]string{},
		parent: map[int64]int64{}, top: map[int64]string{}}
	if err := eachRow(ctx, tx, "SELECT id, name FROM units", func(rows *sql.Rows) error {
		var id int64
		var name string
		err := rows.Scan(&id, &name)
		n.units[id] = name
		return err
	}); err != nil {
		return nil, err
	}
	if err := eachRow(ctx, tx, "SELECT id, name, type FROM contractors", func(rows *sql.Rows) error {
		var id int64
		var k contractorName
		err := rows.Scan(&id, &k.name, &k.typ)
		n.contractors[id] = k
		return err
	}); err != nil {
		return nil, err
	}
	err := eachRow(ctx, tx, "SELECT id, COALESCE(parent_id, 0), name FROM catalog", func(rows *sql.Rows) error {
		var id, parent int64
		var name string
		err := rows.Scan(&id, &parent, &name)
		n.catalog[id] = name
		if parent != 0 {
			n.parent[id] = parent
		}
		return err
	})
	return n, err
}

// eachRow runs query and calls scan for each row.
func eachRow(ctx context.Context, q queryer, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
