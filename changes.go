package govbuy

import "context"

// ChangeService tells an open window that other officers changed the data:
// on a shared server database, within a few seconds of their commit. A
// database file has one writer, the window itself, and never signals.
type ChangeService interface {
	// Changes signals, until ctx ends, each time others have committed a
	// change since the last signal (signals coalesce: one may stand for
	// many changes). It is nil for a database file.
	Changes(ctx context.Context) (<-chan struct{}, error)
}
