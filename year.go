package govbuy

import "context"

// YearService closes budget years (年度结账) and reopens them. Once a year is
// closed, every change to its contracts, plans, assessments and payments is
// refused (EConflict) on every path until the year is reopened.
type YearService interface {
	// ClosedYears lists the closed years, oldest first.
	ClosedYears(ctx context.Context) ([]int, error)
	// ReportYears lists the years a report has something to say of: those
	// of contracts and those of payments, oldest first.
	ReportYears(ctx context.Context) ([]int, error)
	// YearCloseBlockers is what stands between year and closing it: the
	// periods of its contracts unassessed and unpaid and its payments
	// waiting for approval, as the workbench lists them; each list keeps
	// its first limit items (0: all). A year CheckBudgetYear refuses is
	// EInvalid.
	YearCloseBlockers(ctx context.Context, year, limit int) (*YearCloseBlockers, error)
	// CloseYear closes year: a reviewer's act once roles are on
	// (ActApprove), recorded in the audit log. A year outside 1990–2100 is
	// EInvalid, one already closed EConflict.
	CloseYear(ctx context.Context, year int) error
	// ReopenYear reopens a closed year: an administrator's act, recorded in
	// the audit log with its reason (none: EInvalid). A year not closed is
	// EConflict.
	ReopenYear(ctx context.Context, year int, reason string) error
}
