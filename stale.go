package govbuy

import (
	"fmt"
	"time"
)

// Records an officer opens in a form and saves back (units, contractors,
// catalog items, contracts, plans, assessments, inspections, fee standards)
// carry a Version that every save raises by one. A save carries the version
// its form opened; when the stored one has moved on, someone else saved the
// record in between, and the save is refused with StaleRecord instead of
// overwriting their change. Version is left out of JSON: it counts saves in
// one database and means nothing in a dataset or in the audit log.

// StaleRecord is the refusal of a save from a form opened before someone
// else changed the record: what names the record (合同), by the person and
// at the time of the change that won. The time reads as the clock of the PC
// (now's location) shows it: the hour alone today, with the date before,
// and the year too when it is not this year's.
func StaleRecord(what, by string, at, now time.Time) *Error {
	return overtaken(what, by, at, now, "请重新打开后再改")
}

// StaleDelete is the same refusal of a delete: the person is asked to look
// at the change before deleting what it made, not to edit.
func StaleDelete(what, by string, at, now time.Time) *Error {
	return overtaken(what, by, at, now, "请查看其修改后再决定是否删除")
}

func overtaken(what, by string, at, now time.Time, advice string) *Error {
	if by == "" {
		by = "他人"
	}
	if at.IsZero() {
		// A record written from a form that never read its version
		// (a bug), against a row not changed since it got one.
		return Errorf(EConflict, "", "该%s已被%s修改，%s", what, by, advice)
	}
	return Errorf(EConflict, "", "该%s已被%s于%s修改，%s", what, by, changeTime(at, now), advice)
}

// changeTime writes at for a person at now: 14:05, 12月3日14:05 or
// 2025年12月3日14:05.
func changeTime(at, now time.Time) string {
	at = at.In(now.Location())
	clock := at.Format("15:04")
	y, m, d := at.Date()
	ny, nm, nd := now.Date()
	switch {
	case y == ny && m == nm && d == nd:
		return clock
	case y == ny:
		return fmt.Sprintf("%d月%d日%s", m, d, clock)
	}
	return fmt.Sprintf("%d年%d月%d日%s", y, m, d, clock)
}
