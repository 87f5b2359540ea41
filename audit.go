package govbuy

import (
	"context"
	"time"
)

// AuditEntry is one row of the audit log: who changed what and when, with
// the record before and after as JSON.
type AuditEntry struct {
	ID       int64  `json:"id"`
	At       string `json:"at"` // RFC 3339, UTC
	Actor    string `json:"actor"`
	Action   string `json:"action"`
	Entity   string `json:"entity"`
	EntityID int64  `json:"entity_id,omitempty"`
	Before   string `json:"before,omitempty"`
	After    string `json:"after,omitempty"`
}

// AuditFilter narrows the audit log; zero fields do not filter.
type AuditFilter struct {
	Entity string
	Actor  string
	From   time.Time // first day included
	To     time.Time // last day included
	Limit  int
}

// AuditService reads the audit log.
type AuditService interface {
	FindAuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}
