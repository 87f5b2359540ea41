package store_test

import (
	"context"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// A window hears of what another program commits, within seconds, and not
// of its own changes: another officer's on a server database, a second
// window's or a command-line import's on a file.
func TestChangesOfOthersAreSignalled(t *testing.T) {
	mine := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes, err := mine.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(mine.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	mustUnit(t, mine, "本人新增的单位")
	select {
	case <-changes:
		t.Fatal("signalled this program's own change")
	case <-time.After(time.Second):
	}
	if err := other.CreateUnit(ctxAs("李明"), &govbuy.Unit{Name: "他人新增的单位", Kind: govbuy.UnitAdministrative}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatal("another officer's change was not signalled within 5 s")
	}
	cancel()
	for range changes { // closed once ctx ends
	}
}
