package govbuy

import "context"

// ChangeService tells an open window that others changed the data: other
// officers on a shared server database, within a few seconds of their
// commit; on a database file, another program on the same PC (a second
// window, a command-line import), within a second or two.
type ChangeService interface {
	// Changes signals, until ctx ends, each time others have committed a
	// change since the last signal (signals coalesce: one may stand for
	// many changes). This program's own changes are not signalled.
	Changes(ctx context.Context) (<-chan struct{}, error)
}
