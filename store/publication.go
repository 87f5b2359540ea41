package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"govbuy"
)

// settingOCIDPrefix holds the district's ocid prefix; without it the
// export uses govbuy.DefaultOCIDPrefix.
const settingOCIDPrefix = "ocid_prefix"

// OCIDPrefix returns the district's ocid prefix, the default until one is
// set.
func (db *DB) OCIDPrefix(ctx context.Context) (string, error) {
	p, err := ocidPrefix(ctx, db.read)
	return p, wrapErr("ocid prefix", err)
}

func ocidPrefix(ctx context.Context, q queryer) (string, error) {
	v, err := getSetting(ctx, q, settingOCIDPrefix)
	if v == "" {
		v = govbuy.DefaultOCIDPrefix
	}
	return v, err
}

// SetOCIDPrefix sets the ocid prefix (recorded in the audit log); "" goes
// back to the default.
func (db *DB) SetOCIDPrefix(ctx context.Context, prefix string) error {
	prefix = govbuy.NormalizeOCIDPrefix(prefix)
	value := prefix
	if prefix == "" || prefix == govbuy.DefaultOCIDPrefix {
		value = ""
	} else if err := govbuy.CheckOCIDPrefix(prefix); err != nil {
		return err
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置OCDS前缀")
	if err != nil {
		return wrapErr("set ocid prefix", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingOCIDPrefix, value); err != nil {
		return wrapErr("set ocid prefix", err)
	}
	return commit(tx, "set ocid prefix")
}

// inYear selects the contracts of a year's contracting (c): those of the
// budget year and those paid or assessed in it. Its arguments are given by
// inYearArgs.
const inYear = `(c.year = ?
	OR EXISTS (SELECT 1 FROM payments p WHERE p.contract_id = c.id AND p.date >= ? AND p.date < ?)
	OR EXISTS (SELECT 1 FROM assessments a WHERE a.contract_id = c.id AND substr(a.period, 1, 4) = ?))`

func inYearArgs(year int) []any {
	from, to := yearRange(year)
	return []any{year, from, to, strconv.Itoa(year)}
}

// ContractingYear reads the year's contracting from one snapshot of the
// database: the contracts, their units and contractors, supplementary
// contracts, and the payments and assessments of the year.
func (db *DB) ContractingYear(ctx context.Context, year int) (*govbuy.ContractingYear, error) {
	if err := govbuy.CheckBudgetYear(year); err != nil {
		return nil, err
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("contracting year", err)
	}
	defer tx.Rollback()
	y, err := contractingYear(ctx, tx, year)
	return y, wrapErr(fmt.Sprintf("contracting year %d", year), err)
}

func contractingYear(ctx context.Context, tx *sql.Tx, year int) (*govbuy.ContractingYear, error) {
	y := &govbuy.ContractingYear{Year: year, Contracts: []govbuy.ContractingRecord{}}
	var err error
	if y.Profile, err = districtProfile(ctx, tx); err != nil {
		return nil, err
	}
	if y.OCIDPrefix, err = ocidPrefix(ctx, tx); err != nil {
		return nil, err
	}
	units, contractors, err := yearParties(ctx, tx, year)
	if err != nil {
		return nil, err
	}
	supplements, err := allSupplements(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("supplements: %w", err)
	}
	yearEnd := govbuy.Day(year, time.December, 31)
	for id, list := range supplements {
		// The year's view: a supplement signed after it is not yet in it.
		supplements[id] = slices.DeleteFunc(list, func(s govbuy.Supplement) bool { return s.Date.After(yearEnd) })
	}
	byID := map[int64]int{}
	err = eachRow(ctx, tx, "SELECT "+contractRowColumns+" FROM contracts c"+contractRowJoins+
		" WHERE "+inYear+" ORDER BY c.number", func(rows *sql.Rows) error {
		r, err := scanContractRow(rows)
		if err != nil {
			return err
		}
		byID[r.ID] = len(y.Contracts)
		y.Contracts = append(y.Contracts, govbuy.ContractingRecord{Contract: r.Contract,
			Unit: units[r.UnitID], Contractor: contractors[r.ContractorID], Supplements: supplements[r.ID]})
		return nil
	}, inYearArgs(year)...)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	if err := yearBands(ctx, tx, y.Contracts, byID); err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	return y, yearEvents(ctx, tx, year, y.Contracts, byID)
}

// yearParties reads the units and contractors of the year's contracts, by
// id.
func yearParties(ctx context.Context, tx *sql.Tx, year int) (map[int64]govbuy.Unit, map[int64]govbuy.Contractor, error) {
	units := map[int64]govbuy.Unit{}
	err := eachRow(ctx, tx, "SELECT "+unitColumns+" FROM units u WHERE u.id IN (SELECT c.unit_id FROM contracts c WHERE "+inYear+")",
		func(rows *sql.Rows) error {
			var u govbuy.Unit
			err := scanUnit(rows, &u)
			units[u.ID] = u
			return err
		}, inYearArgs(year)...)
	if err != nil {
		return nil, nil, fmt.Errorf("units: %w", err)
	}
	contractors := map[int64]govbuy.Contractor{}
	err = eachRow(ctx, tx, "SELECT "+contractorColumns+" FROM contractors k WHERE k.id IN (SELECT c.contractor_id FROM contracts c WHERE "+inYear+")",
		func(rows *sql.Rows) error {
			var k govbuy.Contractor
			err := scanContractor(rows, &k)
			contractors[k.ID] = k
			return err
		}, inYearArgs(year)...)
	if err != nil {
		return nil, nil, fmt.Errorf("contractors: %w", err)
	}
	return units, contractors, nil
}

// yearEvents adds the payments dated in the year and the assessments of its
// periods to their contracts (byID: the place of each in list).
func yearEvents(ctx context.Context, tx *sql.Tx, year int, list []govbuy.ContractingRecord, byID map[int64]int) error {
	from, to := yearRange(year)
	err := eachRow(ctx, tx, selectPayments+" WHERE p.date >= ? AND p.date < ? ORDER BY p.date, p.id", func(rows *sql.Rows) error {
		p, err := scanPayment(rows)
		if err != nil {
			return err
		}
		r := &list[byID[p.ContractID]] // the contract is in: it is paid in the year
		r.Payments = append(r.Payments, p)
		return nil
	}, from, to)
	if err != nil {
		return fmt.Errorf("payments: %w", err)
	}
	err = eachRow(ctx, tx, "SELECT "+assessmentColumns+" FROM assessments WHERE substr(period, 1, 4) = ? ORDER BY contract_id, period",
		func(rows *sql.Rows) error {
			a, err := scanAssessment(rows)
			if err != nil {
				return err
			}
			r := &list[byID[a.ContractID]] // the contract is in: it is assessed in the year
			r.Assessments = append(r.Assessments, a)
			return nil
		}, strconv.Itoa(year))
	if err != nil {
		return fmt.Errorf("assessments: %w", err)
	}
	return nil
}

// ContractingRecord reads one contract with its unit, contractor and
// supplementary contracts from one snapshot: what its notice is written
// from.
func (db *DB) ContractingRecord(ctx context.Context, number string) (*govbuy.ContractingRecord, error) {
	number = govbuy.CleanText(number)
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("contracting record", err)
	}
	defer tx.Rollback()
	row, err := findContractWhere(ctx, tx, "c.number = ?", number)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, govbuy.Errorf(govbuy.ENotFound, "", "未找到编号为“%s”的合同", number)
	}
	if err != nil {
		return nil, wrapErr("contracting record", err)
	}
	r := &govbuy.ContractingRecord{Contract: row.Contract}
	u, err := findUnitByID(ctx, tx, row.UnitID)
	if err != nil {
		return nil, wrapErr("contracting record: unit", err)
	}
	k, err := findContractorByID(ctx, tx, row.ContractorID)
	if err != nil {
		return nil, wrapErr("contracting record: contractor", err)
	}
	r.Unit, r.Contractor = *u, *k
	if r.Supplements, err = supplementsOf(ctx, tx, row.ID); err != nil {
		return nil, wrapErr("contracting record: supplements", err)
	}
	return r, nil
}

// yearBands sets the grade bands of each contract of the year: its plan's,
// else the default bands (byID: the place of each in list).
func yearBands(ctx context.Context, tx *sql.Tx, list []govbuy.ContractingRecord, byID map[int64]int) error {
	for i := range list {
		list[i].Bands = govbuy.DefaultGradeBands
	}
	var planned []int64
	err := eachRow(ctx, tx, "SELECT contract_id FROM plans", func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if _, ok := byID[id]; ok {
			planned = append(planned, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range planned {
		p, err := findPlan(ctx, tx, id)
		if err != nil {
			return err
		}
		list[byID[id]].Bands = govbuy.PlanBands(p)
	}
	return nil
}
