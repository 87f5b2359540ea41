package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"

	"govbuy/internal/pgtest"
	"govbuy/store"
)

// The store's suite runs twice: against SQLite files, and with
// GOVBUY_TEST_STORE=postgres against a PostgreSQL server it starts itself
// (make test does both where the server's programs are installed).
var testServer *pgtest.Server

// onServer reports whether this run of the suite is against a server.
func onServer() bool { return testServer != nil }

// startTestServer starts the suite's server when the run asks for one. A
// run that asks for it and cannot have it fails: a suite that silently ran
// against SQLite again would report a server it never tried.
func startTestServer() (stop func(), err error) {
	if os.Getenv("GOVBUY_TEST_STORE") != "postgres" {
		return func() {}, nil
	}
	s, err := pgtest.Start()
	if err != nil {
		return nil, err
	}
	testServer = s
	return func() {
		if err := s.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}, nil
}

// newDatabase is where a test's fresh database lives: a file in its temp
// folder, or an empty database on the suite's server.
func newDatabase(t testing.TB, file string) string {
	t.Helper()
	if !onServer() {
		return file
	}
	url, err := testServer.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// fileOnly skips a test of what only a database file has (locks, the file's
// own backup and restore, permissions) in the server run.
func fileOnly(t testing.TB) {
	t.Helper()
	if onServer() {
		t.Skip("a database file's own behaviour; the server run does not have it")
	}
}

// rawServerDB opens a server database behind the store's back, for checks
// that read what was really written.
func rawServerDB(t testing.TB, url string) *sql.DB {
	t.Helper()
	raw, err := store.OpenRaw(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}
