package app

import (
	"context"
	"slices"
	"testing"
	"time"

	"govbuy"
)

// When another officer adds a unit to the shared database, the list on
// screen shows it without the officer doing anything; the screens not shown
// reload when next shown.
func TestOthersChangesReloadTheListOnScreen(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*unitsScreen](t, u)
	changes := make(chan struct{}, 1)
	u.FollowChanges(changes)
	defer close(changes)

	other := govbuy.WithActor(context.Background(), "李明")
	if err := db.CreateUnit(other, &govbuy.Unit{Name: "他人新增的街道办", Kind: govbuy.UnitAdministrative}); err != nil {
		t.Fatal(err)
	}
	changes <- struct{}{}
	deadline := time.Now().Add(5 * time.Second)
	for !listShows(u, s, "他人新增的街道办") {
		if time.Now().After(deadline) {
			t.Fatal("the unit another officer added did not appear within 5 s")
		}
		time.Sleep(50 * time.Millisecond)
		waitIdle(t, u)
	}
	for i, it := range u.screens {
		if want := i != u.current; it.stale != want {
			t.Errorf("screen %d (%s) stale %v, want %v", i, it.title, it.stale, want)
		}
	}
}

func listShows(u *UI, s *unitsScreen, name string) bool {
	found := false
	onUI(u, func() {
		rows, _ := s.list.table.Length()
		for r := range rows {
			found = found || slices.Contains(rowTexts(s.list.table, r), name)
		}
	})
	return found
}
