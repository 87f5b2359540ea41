package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"govbuy"
)

// The workbench reads one snapshot: the budget years with contracts and
// the closed ones; the year's payments by month; every contract of a year
// not closed and of the year at a glance, settled one by one with
// govbuy.Settle as it is read, from plans, assessments and payments by
// period that are each read whole and kept by contract (as the report
// does, report_assess.go: no query per contract); the hint book
// (report_warnings.go) for the hints and the contractors' qualifications;
// and the payments waiting for approval. The window opens on it, so it
// stays a handful of queries whatever the number of contracts.
//
// A closed year's contracts are locked, so nothing on them can be done
// any more: they count in the year at a glance, never in what is due.

// openOrYearContracts selects the contracts of years not closed and of
// the year at a glance (?).
const openOrYearContracts = "WHERE year = ? OR year NOT IN (SELECT year FROM closed_years)"

// Workbench is what is due today, by the store's clock (Now), and budget
// year year at a glance (0: the latest year with contracts, else this
// year's); each list keeps its first limit items (0: all).
func (db *DB) Workbench(ctx context.Context, year, limit int) (*govbuy.Workbench, error) {
	if year != 0 {
		if err := govbuy.CheckBudgetYear(year); err != nil {
			return nil, err
		}
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("workbench", err)
	}
	defer tx.Rollback()
	w, err := buildWorkbench(ctx, tx, govbuy.Today(db.Now()), year, limit)
	return w, wrapErr("workbench", err)
}

// YearCloseBlockers is what stands between budget year year and closing
// it: the periods of its contracts unassessed and unpaid and the payments
// of the year waiting for approval, as the workbench lists them; each list
// keeps its first limit items (0: all).
func (db *DB) YearCloseBlockers(ctx context.Context, year, limit int) (*govbuy.YearCloseBlockers, error) {
	if err := govbuy.CheckBudgetYear(year); err != nil {
		return nil, err
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, wrapErr("year close blockers", err)
	}
	defer tx.Rollback()
	b, err := yearCloseBlockers(ctx, tx, govbuy.Today(db.Now()), year, limit)
	return b, wrapErr(fmt.Sprintf("year close blockers %d", year), err)
}

func buildWorkbench(ctx context.Context, tx *sql.Tx, today time.Time, year, limit int) (*govbuy.Workbench, error) {
	w, closed, err := startWorkbench(ctx, tx, today, year, limit)
	if err != nil {
		return nil, err
	}
	year = w.Glance.Year
	book, err := loadHintBook(ctx, tx, today, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("hints: %w", err)
	}
	running := map[int64]bool{} // contractors with a contract in force
	var buf []govbuy.DueItem    // one contract's items, reused
	err = settleContracts(ctx, tx, openOrYearContracts, func(c *govbuy.Contract, s *govbuy.Settlement) {
		if c.Year == year {
			w.Glance.Contracts++
			w.Glance.ContractAmount += c.Amount
			w.Glance.Payable += s.Payable
			if !w.Blockers.Closed {
				w.Blockers.Add(s.Unsettled(buf[:0], c, today))
			}
		}
		if closed[c.Year] {
			return
		}
		buf = s.DueOn(buf[:0], c, today)
		if it, ok := govbuy.EndingDue(c, today); ok {
			buf = append(buf, it)
		}
		buf = govbuy.HintsDue(buf, c, book.hints(c))
		buf = govbuy.PendingDue(buf, c)
		w.Add(buf...)
		running[c.ContractorID] = running[c.ContractorID] || c.RunningOn(today)
	}, year)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	for _, k := range book.contractors {
		w.Add(govbuy.QualificationsDue(k, running[k.ID], today)...)
		if it, ok := govbuy.ContractorPendingDue(k); ok {
			w.Add(it)
		}
	}
	err = eachPaymentRequest(ctx, tx, today, func(c *govbuy.Contract, r govbuy.PaymentRequest, item govbuy.DueItem) {
		w.Add(item)
		if !w.Blockers.Closed {
			w.Blockers.AddRequest(c, r, item)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("payment requests: %w", err)
	}
	w.Finish()
	return w, nil
}

// startWorkbench opens the workbench on year (the default year when 0)
// with its payments by month, and gives the closed years beside it.
func startWorkbench(ctx context.Context, tx *sql.Tx, today time.Time, year, limit int) (*govbuy.Workbench, map[int]bool, error) {
	years, err := contractYears(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("years: %w", err)
	}
	if year == 0 {
		year = govbuy.DefaultYear(years, today)
	}
	closed, err := closedYearSet(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("closed years: %w", err)
	}
	w := govbuy.NewWorkbench(today, years, govbuy.YearGlance{Year: year, Closed: closed[year]}, limit)
	if err := fillPaidByMonth(ctx, tx, &w.Glance); err != nil {
		return nil, nil, fmt.Errorf("paid by month: %w", err)
	}
	return w, closed, nil
}

func yearCloseBlockers(ctx context.Context, tx *sql.Tx, today time.Time, year, limit int) (*govbuy.YearCloseBlockers, error) {
	closed, err := closedYearSet(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("closed years: %w", err)
	}
	b := govbuy.NewYearCloseBlockers(year, closed[year], limit)
	if b.Closed {
		return b, nil
	}
	var buf []govbuy.DueItem // one contract's items, reused
	err = settleContracts(ctx, tx, "WHERE year = ?", func(c *govbuy.Contract, s *govbuy.Settlement) {
		buf = s.Unsettled(buf[:0], c, today)
		b.Add(buf)
	}, year)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	err = eachPaymentRequest(ctx, tx, today, b.AddRequest)
	if err != nil {
		return nil, fmt.Errorf("payment requests: %w", err)
	}
	b.Finish()
	return b, nil
}

// Statements of the settlement of many contracts, each read in one go:
// every assessment; the payments of contracts with a plan summed by
// period, which Settle matches to the plan's periods; and the payments of
// every contract in total, all Settle counts for a contract without a
// plan — an index-only scan, where summing 100,000 contracts' payments by
// period would sort them all.
const (
	allAssessmentsSQL = `SELECT contract_id, period, score FROM assessments`
	paidByPeriodSQL   = `SELECT contract_id, period, SUM(amount) FROM payments
		WHERE contract_id IN (SELECT contract_id FROM plans) GROUP BY contract_id, period`
	paidInAllSQL       = `SELECT contract_id, SUM(amount) FROM payments GROUP BY contract_id`
	paidByMonthSQL     = `SELECT CAST(substr(date, 6, 2) AS INTEGER), SUM(amount) FROM payments WHERE date >= ? AND date < ? GROUP BY 1`
	paymentRequestsSQL = `SELECT r.id, r.payment, r.author, r.created_at, c.id, c.number, c.title, c.year, c.contractor_id
		FROM payment_requests r JOIN contracts c ON c.id = r.contract_id ORDER BY r.id`
)

func anyContract(int64) bool { return true }

// settleContracts settles each contract that where (with args) selects
// and hands it to fn with its settlement.
func settleContracts(ctx context.Context, tx *sql.Tx, where string, fn func(*govbuy.Contract, *govbuy.Settlement), args ...any) error {
	plans, err := readPlans(ctx, tx, anyContract)
	if err != nil {
		return fmt.Errorf("plans: %w", err)
	}
	assessed, err := byContract(ctx, tx, allAssessmentsSQL, anyContract, scanYearAssessment)
	if err != nil {
		return fmt.Errorf("assessments: %w", err)
	}
	byPeriod, err := byContract(ctx, tx, paidByPeriodSQL, anyContract, scanPaidByPeriod)
	if err != nil {
		return fmt.Errorf("payments: %w", err)
	}
	inAll, err := paidInAll(ctx, tx)
	if err != nil {
		return fmt.Errorf("payments: %w", err)
	}
	total := make([]govbuy.Payment, 1) // a contract without a plan's payments, reused
	return eachRow(ctx, tx, "SELECT "+hintContractColumns+" FROM contracts "+where, func(rows *sql.Rows) error {
		c, err := scanHintContract(rows)
		if err != nil {
			return err
		}
		plan, paid := plans[c.ID], byPeriod[c.ID]
		if plan == nil {
			total[0].Amount = inAll[c.ID]
			paid = total
		}
		s := govbuy.Settle(c, plan, assessed[c.ID], paid)
		fn(c, &s)
		return nil
	}, args...)
}

// paidInAll sums each contract's payments.
func paidInAll(ctx context.Context, q queryer) (map[int64]govbuy.Money, error) {
	out := map[int64]govbuy.Money{}
	err := eachRow(ctx, q, paidInAllSQL, func(rows *sql.Rows) error {
		var id int64
		var sum govbuy.Money
		err := rows.Scan(&id, &sum)
		out[id] = sum
		return err
	})
	return out, err
}

// contractYears lists the budget years that have contracts, latest first.
func contractYears(ctx context.Context, q queryer) ([]int, error) {
	var years []int
	err := eachRow(ctx, q, "SELECT DISTINCT year FROM contracts ORDER BY year DESC", func(rows *sql.Rows) error {
		var y int
		err := rows.Scan(&y)
		years = append(years, y)
		return err
	})
	return years, err
}

func closedYearSet(ctx context.Context, q queryer) (map[int]bool, error) {
	closed := map[int]bool{}
	err := eachRow(ctx, q, "SELECT year FROM closed_years", func(rows *sql.Rows) error {
		var y int
		err := rows.Scan(&y)
		closed[y] = true
		return err
	})
	return closed, err
}

// fillPaidByMonth sums the payments dated in the glance's year by month,
// and in total.
func fillPaidByMonth(ctx context.Context, q queryer, g *govbuy.YearGlance) error {
	from, to := yearRange(g.Year)
	return eachRow(ctx, q, paidByMonthSQL, func(rows *sql.Rows) error {
		var month int
		var sum govbuy.Money
		if err := rows.Scan(&month, &sum); err != nil {
			return err
		}
		if month < 1 || month > 12 {
			return fmt.Errorf("payment dated in month %d", month)
		}
		g.PaidByMonth[month-1] = sum
		g.Paid += sum
		return nil
	}, from, to)
}

// eachPaymentRequest hands fn each payment waiting for approval with its
// contract and its workbench item, the day it was asked for counted in
// days to today.
func eachPaymentRequest(ctx context.Context, q queryer, today time.Time,
	fn func(*govbuy.Contract, govbuy.PaymentRequest, govbuy.DueItem)) error {
	return eachRow(ctx, q, paymentRequestsSQL, func(rows *sql.Rows) error {
		var r govbuy.PaymentRequest
		var c govbuy.Contract
		var body string
		if err := rows.Scan(&r.ID, &body, &r.Author, &r.At, &c.ID, &c.Number, &c.Title, &c.Year, &c.ContractorID); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(body), &r.Payment); err != nil {
			return fmt.Errorf("request %d: %w", r.ID, err)
		}
		at, err := time.Parse(time.RFC3339, r.At)
		if err != nil {
			return fmt.Errorf("request %d: %w", r.ID, err)
		}
		fn(&c, r, govbuy.ApprovalDue(&c, r, govbuy.Today(at.Local()), today))
		return nil
	})
}
