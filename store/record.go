package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"govbuy"
)

// A contract's public record (its dates, publication and filing) lives in
// columns of contracts; its supplementary contracts in
// contract_supplements; the district's own calendar days in
// calendar_days (migration 0011_calendar).

// recordColumns are the public record's columns of contracts c, in the
// order scanContractRow and scanRecord read them.
const recordColumns = `c.award_date, c.sign_date, c.publish_date, c.publish_media, c.filing_date, c.filing_no,
	c.intent_date, c.procure_date, c.term_reason, c.project_no, c.place, c.spec`

// recordDates holds the record's date columns as read, until into parses
// them.
type recordDates struct{ award, sign, publish, filing, intent, procure string }

func (d recordDates) into(r *govbuy.PublicRecord) error {
	for _, f := range []struct {
		text string
		dst  *time.Time
	}{{d.award, &r.AwardDate}, {d.sign, &r.SignDate}, {d.publish, &r.PublishDate}, {d.filing, &r.FilingDate},
		{d.intent, &r.IntentDate}, {d.procure, &r.ProcureDate}} {
		t, err := parseDate(f.text)
		if err != nil {
			return err
		}
		*f.dst = t
	}
	return nil
}

// contractRecords reads the public record of every contract that has one,
// by contract id, for the hints of many contracts (hintBook), which read
// the rest of each contract elsewhere.
func contractRecords(ctx context.Context, q queryer) (map[int64]govbuy.PublicRecord, error) {
	out := map[int64]govbuy.PublicRecord{}
	err := eachRow(ctx, q, "SELECT c.id, "+recordColumns+` FROM contracts c
		WHERE c.award_date <> '' OR c.sign_date <> '' OR c.intent_date <> '' OR c.term_reason <> ''`, func(rows *sql.Rows) error {
		var id int64
		var r govbuy.PublicRecord
		var d recordDates
		if err := rows.Scan(&id, &d.award, &d.sign, &d.publish, &r.PublishMedia, &d.filing, &r.FilingNo, &d.intent, &d.procure, &r.TermReason,
			&r.ProjectNo, &r.Place, &r.Spec); err != nil {
			return err
		}
		err := d.into(&r)
		out[id] = r
		return err
	})
	return out, err
}

const supplementColumns = "id, contract_id, number, date, amount, notes"

func scanSupplement(rows *sql.Rows) (govbuy.Supplement, error) {
	var s govbuy.Supplement
	var date string
	if err := rows.Scan(&s.ID, &s.ContractID, &s.Number, &date, &s.Amount, &s.Notes); err != nil {
		return s, err
	}
	var err error
	s.Date, err = parseDate(date)
	return s, err
}

// allSupplements reads every supplementary contract by contract id.
func allSupplements(ctx context.Context, q queryer) (map[int64][]govbuy.Supplement, error) {
	out := map[int64][]govbuy.Supplement{}
	err := eachRow(ctx, q, "SELECT "+supplementColumns+" FROM contract_supplements ORDER BY contract_id, date, id", func(rows *sql.Rows) error {
		s, err := scanSupplement(rows)
		out[s.ContractID] = append(out[s.ContractID], s)
		return err
	})
	return out, err
}

func supplementsOf(ctx context.Context, q queryer, contractID int64) ([]govbuy.Supplement, error) {
	out := []govbuy.Supplement{}
	err := eachRow(ctx, q, "SELECT "+supplementColumns+" FROM contract_supplements WHERE contract_id = ? ORDER BY date, id", func(rows *sql.Rows) error {
		s, err := scanSupplement(rows)
		out = append(out, s)
		return err
	}, contractID)
	return out, err
}

// ContractSupplements lists a contract's supplementary contracts by date.
func (db *DB) ContractSupplements(ctx context.Context, contractID int64) ([]govbuy.Supplement, error) {
	out, err := supplementsOf(ctx, db.read, contractID)
	return out, wrapErr("contract supplements", err)
}

// AddSupplement records a supplementary contract, setting s.ID.
func (db *DB) AddSupplement(ctx context.Context, s *govbuy.Supplement) error {
	s.Normalize()
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("add supplement", err)
	}
	defer tx.Rollback()
	c, err := findContract(ctx, tx, s.ContractID)
	if err != nil {
		return wrapErr("add supplement", err)
	}
	if err := s.Validate(c); err != nil {
		return err
	}
	if err := insertSupplement(ctx, tx, s); err != nil {
		return wrapErr("add supplement", err)
	}
	if err := tx.audit(ctx, actionCreate, "supplement", s.ID, c.Number, nil, s); err != nil {
		return wrapErr("add supplement", err)
	}
	return commit(tx, "add supplement")
}

func insertSupplement(ctx context.Context, tx *writeTx, s *govbuy.Supplement) error {
	res, err := tx.ExecContext(ctx, "INSERT INTO contract_supplements (contract_id, number, date, amount, notes) VALUES (?, ?, ?, ?, ?)",
		s.ContractID, s.Number, dateText(s.Date), int64(s.Amount), s.Notes)
	if err != nil {
		return err
	}
	s.ID, err = res.LastInsertId()
	return err
}

// DeleteSupplement removes a supplementary contract.
func (db *DB) DeleteSupplement(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete supplement", err)
	}
	defer tx.Rollback()
	var s govbuy.Supplement
	err = eachRow(ctx, tx, "SELECT "+supplementColumns+" FROM contract_supplements WHERE id = ?", func(rows *sql.Rows) error {
		var err error
		s, err = scanSupplement(rows)
		return err
	}, id)
	if err == nil && s.ID == 0 {
		err = notFound("补充合同", id)
	}
	if err != nil {
		return wrapErr("delete supplement", err)
	}
	c, err := findContract(ctx, tx, s.ContractID)
	if err != nil {
		return wrapErr("delete supplement", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM contract_supplements WHERE id = ?", id); err != nil {
		return wrapErr("delete supplement", err)
	}
	if err := tx.audit(ctx, actionDelete, "supplement", id, c.Number, s, nil); err != nil {
		return wrapErr("delete supplement", err)
	}
	return commit(tx, "delete supplement")
}

// enteredDays reads the calendar days the district entered.
func enteredDays(ctx context.Context, q queryer) ([]govbuy.CalendarDay, error) {
	out := []govbuy.CalendarDay{}
	err := eachRow(ctx, q, "SELECT date, work, name FROM calendar_days ORDER BY date", func(rows *sql.Rows) error {
		var d govbuy.CalendarDay
		var date string
		if err := rows.Scan(&date, &d.Work, &d.Name); err != nil {
			return err
		}
		var err error
		d.Date, err = parseDate(date)
		out = append(out, d)
		return err
	})
	return out, err
}

// workCalendar is the shipped calendar with the district's days.
func workCalendar(ctx context.Context, q queryer) (*govbuy.Calendar, error) {
	days, err := enteredDays(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	return govbuy.NewCalendar(days...), nil
}

// WorkCalendar is the calendar deadlines are counted on.
func (db *DB) WorkCalendar(ctx context.Context) (*govbuy.Calendar, error) {
	cal, err := workCalendar(ctx, db.read)
	return cal, wrapErr("work calendar", err)
}

// EnteredCalendarDays lists the days the district entered, by date.
func (db *DB) EnteredCalendarDays(ctx context.Context) ([]govbuy.CalendarDay, error) {
	days, err := enteredDays(ctx, db.read)
	return days, wrapErr("calendar days", err)
}

// calendarYear is a year's entered days as the audit log records them.
type calendarYear struct {
	Year int                  `json:"year"`
	Days []govbuy.CalendarDay `json:"days"`
}

// SaveHolidayYear replaces the entered days of year, an administrator's
// setting recorded in the audit log.
func (db *DB) SaveHolidayYear(ctx context.Context, year int, days []govbuy.CalendarDay) error {
	if err := govbuy.CheckBudgetYear(year); err != nil {
		return err
	}
	for _, d := range days {
		if d.Date.Year() != year {
			return govbuy.Invalidf(govbuy.FieldHolidays, "%s不在%d年内", govbuy.FormatDate(d.Date), year)
		}
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置节假日")
	if err != nil {
		return wrapErr("save holiday year", err)
	}
	defer tx.Rollback()
	before, err := yearDays(ctx, tx, year)
	if err != nil {
		return wrapErr("save holiday year", err)
	}
	if err := replaceYearDays(ctx, tx, year, days); err != nil {
		return wrapErr("save holiday year", err)
	}
	after := calendarYear{year, days}
	if err := tx.audit(ctx, actionUpdate, "calendar", int64(year), fmt.Sprintf("%d年节假日", year), before, after); err != nil {
		return wrapErr("save holiday year", err)
	}
	return commit(tx, "save holiday year")
}

func yearDays(ctx context.Context, q queryer, year int) (calendarYear, error) {
	all, err := enteredDays(ctx, q)
	out := calendarYear{Year: year, Days: []govbuy.CalendarDay{}}
	for _, d := range all {
		if d.Date.Year() == year {
			out.Days = append(out.Days, d)
		}
	}
	return out, err
}

func replaceYearDays(ctx context.Context, tx *writeTx, year int, days []govbuy.CalendarDay) error {
	from, to := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1)
	if _, err := tx.ExecContext(ctx, "DELETE FROM calendar_days WHERE date >= ? AND date < ?", from, to); err != nil {
		return err
	}
	for _, d := range days {
		if _, err := tx.ExecContext(ctx, "INSERT INTO calendar_days (date, work, name) VALUES (?, ?, ?)",
			dateText(d.Date), d.Work, d.Name); err != nil {
			if isUniqueViolation(err, "calendar_days.date") {
				return govbuy.Invalidf(govbuy.FieldHolidays, "%s填写了两次", govbuy.FormatDate(d.Date))
			}
			return err
		}
	}
	return nil
}

// contractDeadlineInput reads what the deadline hints of one contract
// need beside the contract.
func contractDeadlineInput(ctx context.Context, q queryer, today time.Time, contractID int64) (govbuy.DeadlineInput, error) {
	cal, err := workCalendar(ctx, q)
	if err != nil {
		return govbuy.DeadlineInput{}, err
	}
	supps, err := supplementsOf(ctx, q, contractID)
	if err != nil {
		return govbuy.DeadlineInput{}, fmt.Errorf("supplements: %w", err)
	}
	return govbuy.DeadlineInput{Calendar: cal, Today: today, Supplements: supps}, nil
}
