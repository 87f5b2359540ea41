package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/store"
)

// A form opened before another officer saved the same record refuses to
// overwrite their change: it says who changed it and when, stays open,
// and keeps what was typed, which reaches the database only once the
// record is reopened.
func TestStaleFormStaysOpenWithWhatWasTyped(t *testing.T) {
	tests := []struct {
		name string
		// open shows the record's form; notes is its 备注 entry.
		open func(t *testing.T, u *UI, c *govbuy.ContractRow) (fd *formDialog, notes *widget.Entry)
		// change is the other officer's save; stored reads 备注 back.
		change func(ctx context.Context, db *store.DB, c *govbuy.ContractRow) error
		stored func(db *store.DB, c *govbuy.ContractRow) (string, error)
		word   string
	}{
		{"contract",
			func(t *testing.T, u *UI, c *govbuy.ContractRow) (*formDialog, *widget.Entry) {
				f := showScreen[*contractsScreen](t, u).showForm(*c)
				return f.formDialog, f.notes
			},
			func(ctx context.Context, db *store.DB, c *govbuy.ContractRow) error {
				other := c.Contract
				other.Notes = "李明的修改"
				return db.UpdateContract(ctx, &other)
			},
			func(db *store.DB, c *govbuy.ContractRow) (string, error) {
				r, err := db.FindContractByID(context.Background(), c.ID)
				if err != nil {
					return "", err
				}
				return r.Notes, nil
			},
			"合同"},
		{"unit",
			func(t *testing.T, u *UI, c *govbuy.ContractRow) (*formDialog, *widget.Entry) {
				unit, err := u.svc.FindUnitByID(context.Background(), c.UnitID)
				if err != nil {
					t.Fatal(err)
				}
				f := showScreen[*unitsScreen](t, u).showForm(*unit)
				return f.formDialog, f.notes
			},
			func(ctx context.Context, db *store.DB, c *govbuy.ContractRow) error {
				unit, err := db.FindUnitByID(ctx, c.UnitID)
				if err != nil {
					return err
				}
				unit.Notes = "李明的修改"
				return db.UpdateUnit(ctx, unit)
			},
			func(db *store.DB, c *govbuy.ContractRow) (string, error) {
				unit, err := db.FindUnitByID(context.Background(), c.UnitID)
				if err != nil {
					return "", err
				}
				return unit.Notes, nil
			},
			"单位"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, db := newTestUI(t, nil)
			db.Now = func() time.Time { return time.Date(2024, 6, 30, 14, 5, 0, 0, time.Local) }
			_, _, created := mustCreate(t, db)
			row, err := db.FindContractByID(context.Background(), created.ID)
			if err != nil {
				t.Fatal(err)
			}
			fd, notes := tt.open(t, u, row)
			waitIdle(t, u)
			if err := tt.change(govbuy.WithActor(context.Background(), "李明"), db, row); err != nil {
				t.Fatal(err)
			}
			test.Type(notes, "我的补充")
			test.Tap(fd.save)
			waitIdle(t, u)
			want := "该" + tt.word + "已被李明于14:05修改，请重新打开后再改"
			if !hasText(overlay(t, u), want) {
				t.Errorf("the form shows %q, want %q", texts(overlay(t, u)), want)
			}
			if notes.Text != "我的补充" {
				t.Errorf("the form holds %q, want what was typed", notes.Text)
			}
			if got, err := tt.stored(db, row); err != nil || got != "李明的修改" {
				t.Errorf("stored %q, %v: want the other officer's change kept", got, err)
			}
			fd.dlg.Hide()

			row, err = db.FindContractByID(context.Background(), created.ID)
			if err != nil {
				t.Fatal(err)
			}
			fd, notes = tt.open(t, u, row)
			waitIdle(t, u)
			notes.SetText("我的补充")
			test.Tap(fd.save)
			waitIdle(t, u)
			if got, err := tt.stored(db, row); err != nil || got != "我的补充" {
				t.Errorf("reopened and saved: stored %q, %v; the form shows %q", got, err, texts(fd.form.content()))
			}
		})
	}
}

// A contract selected before another officer changed it is not deleted by
// its 删除: the window says who changed it and when, the contract stays in
// the list showing their change, and deleting it again, now read, works.
func TestStaleDeleteKeepsTheRowWithTheOtherChange(t *testing.T) {
	u, db := newTestUI(t, nil)
	db.Now = func() time.Time { return time.Date(2024, 6, 30, 9, 15, 0, 0, time.Local) }
	_, _, c := mustCreate(t, db)
	s := showScreen[*contractsScreen](t, u)
	del := button(t, s.view(), "删除")
	selectRow(t, u, s.list, func(r govbuy.ContractRow) bool { return r.ID == c.ID })

	other := *c
	other.Title = "农村公路养护（李明改）"
	if err := db.UpdateContract(govbuy.WithActor(context.Background(), "李明"), &other); err != nil {
		t.Fatal(err)
	}
	test.Tap(del)
	test.Tap(button(t, overlay(t, u), "删除"))
	waitIdle(t, u)
	if want := "该合同已被李明于09:15修改，请查看其修改后再决定是否删除"; !hasText(overlay(t, u), want) {
		t.Errorf("the window shows %q, want %q", texts(overlay(t, u)), want)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE id = ?", c.ID); n != 1 {
		t.Fatalf("%d contracts after the refused delete, want 1", n)
	}
	u.Window().Canvas().Overlays().Top().Hide()
	r, ok := s.list.pager.row(0)
	if !ok || r.ID != c.ID || r.Title != other.Title || r.Version != other.Version {
		t.Fatalf("the list shows %+v (%v), want the contract as 李明 saved it at version %d", r, ok, other.Version)
	}

	selectRow(t, u, s.list, func(r govbuy.ContractRow) bool { return r.ID == c.ID })
	test.Tap(del)
	test.Tap(button(t, overlay(t, u), "删除"))
	waitIdle(t, u)
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE id = ?", c.ID); n != 0 {
		t.Errorf("%d contracts after deleting it as read again, want 0", n)
	}
}
