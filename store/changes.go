package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/jackc/pgx/v5"
)

// changesChannel is what the server's triggers notify (pgmigrations).
const changesChannel = "govbuy_changes"

// newAppName is the application_name this process's connections carry:
// the payload of its own change notices, which its window skips.
func newAppName() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "govbuy-" + hex.EncodeToString(b)
}

// Changes listens on a connection of its own for others' change notices.
// A dropped connection is made again every few seconds until ctx ends. A
// database file has no notices: its changes are polled (fileChanges).
func (db *DB) Changes(ctx context.Context) (<-chan struct{}, error) {
	if !db.server {
		return db.fileChanges(ctx)
	}
	conn, err := db.listen(ctx)
	if err != nil {
		return nil, wrapErr("changes", err)
	}
	out := make(chan struct{}, 1)
	go db.follow(ctx, conn, out)
	return out, nil
}

func (db *DB) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, db.serverCfg)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return conn, nil
}

// follow passes others' notices on, coalesced into out's one slot.
func (db *DB) follow(ctx context.Context, conn *pgx.Conn, out chan<- struct{}) {
	defer close(out)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err == nil {
			if n.Payload != db.appName {
				select {
				case out <- struct{}{}:
				default:
				}
			}
			continue
		}
		conn.Close(context.Background())
		if conn = db.relisten(ctx); conn == nil {
			return
		}
		// Changes may have been missed while the connection was down.
		select {
		case out <- struct{}{}:
		default:
		}
	}
}

// relisten connects again after a drop, every few seconds, until ctx ends.
func (db *DB) relisten(ctx context.Context) *pgx.Conn {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(3 * time.Second):
		}
		if conn, err := db.listen(ctx); err == nil {
			return conn
		}
	}
}

// filePollInterval is how often a database file is asked whether another
// program committed: a PRAGMA on an idle connection, nothing to measure.
const filePollInterval = time.Second

// fileChanges signals the commits of other programs on the same file. The
// writer connection's data_version moves only when another connection
// commits, and every write of this program goes through that connection, so
// what it sees move is someone else's work, never the window's own save.
func (db *DB) fileChanges(ctx context.Context) (<-chan struct{}, error) {
	last, err := db.dataVersion(ctx)
	if err != nil {
		return nil, wrapErr("changes", err)
	}
	out := make(chan struct{}, 1)
	go func() {
		defer close(out)
		tick := time.NewTicker(filePollInterval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			// An error (the file closed, a long import holding the
			// writer past ctx) is a poll missed, not a change.
			if v, err := db.dataVersion(ctx); err == nil && v != last {
				last = v
				select {
				case out <- struct{}{}:
				default:
				}
			}
		}
	}()
	return out, nil
}

func (db *DB) dataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.write.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}
