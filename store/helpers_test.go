package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// testNow is the clock of every test database, so timestamps are exact.
var testNow = time.Date(2024, 6, 30, 9, 15, 0, 0, time.UTC)

const testStamp = "2024-06-30T09:15:00Z"

// openDB opens a fresh database in the test's temp dir and closes it after.
func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(newDatabase(t, filepath.Join(t.TempDir(), "govbuy.db")))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	db.Now = func() time.Time { return testNow }
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return db
}

// mustCount runs query, a SELECT COUNT(*), on the database file itself and
// fails the test when it cannot: a check that nothing was written must not
// pass on a read that failed and counted nothing.
func mustCount(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := rawDB(t, db.Path()).QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("count (%s): %v", query, err)
	}
	return n
}

// ctxAs is a context whose changes are recorded as made by actor.
func ctxAs(actor string) context.Context {
	return govbuy.WithActor(context.Background(), actor)
}

// creditCode returns a valid 统一社会信用代码 numbered n.
func creditCode(t testing.TB, n int) string {
	t.Helper()
	first := fmt.Sprintf("91110000%09d", n)
	c, err := govbuy.CreditCodeCheck(first)
	if err != nil {
		t.Fatalf("credit code %d: %v", n, err)
	}
	return first + string(c)
}

func mustUnit(t testing.TB, db *store.DB, name string) *govbuy.Unit {
	t.Helper()
	u := &govbuy.Unit{Name: name, Kind: govbuy.UnitAdministrative}
	if err := db.CreateUnit(context.Background(), u); err != nil {
		t.Fatalf("create unit %s: %v", name, err)
	}
	return u
}

func mustContractor(t testing.TB, db *store.DB, name string, typ govbuy.ContractorType, code string) *govbuy.Contractor {
	t.Helper()
	c := &govbuy.Contractor{Name: name, Type: typ, CreditCode: code}
	if err := db.CreateContractor(context.Background(), c); err != nil {
		t.Fatalf("create contractor %s: %v", name, err)
	}
	return c
}

// newContract returns a valid project contract between u and k.
func newContract(number string, year int, u *govbuy.Unit, k *govbuy.Contractor, amount govbuy.Money) *govbuy.Contract {
	return &govbuy.Contract{
		Number: number, Year: year, UnitID: u.ID, ContractorID: k.ID,
		Kind: govbuy.KindProject, Title: "项目" + number, Method: govbuy.MethodDirectEntrust,
		Amount: amount, Start: govbuy.Day(year, 1, 1), End: govbuy.Day(year, 12, 31),
		Funding: govbuy.FundBudget, Status: govbuy.StatusActive,
	}
}

func mustContract(t testing.TB, db *store.DB, c *govbuy.Contract) *govbuy.Contract {
	t.Helper()
	if err := db.CreateContract(context.Background(), c); err != nil {
		t.Fatalf("create contract %s: %v", c.Number, err)
	}
	return c
}

func mustPay(t testing.TB, db *store.DB, c *govbuy.Contract, date time.Time, amount govbuy.Money) *govbuy.Payment {
	t.Helper()
	p := &govbuy.Payment{ContractID: c.ID, Date: date, Amount: amount, OverReason: "测试"}
	if err := db.CreatePayment(context.Background(), p); err != nil {
		t.Fatalf("pay %s: %v", c.Number, err)
	}
	return p
}

// wantDomainError fails unless err is a domain error of kind with message msg
// (as ErrorMessage shows it).
func wantDomainError(t testing.TB, err error, kind govbuy.ErrorKind, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s %q", kind, msg)
	}
	var e *govbuy.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a domain error", err, err)
	}
	if got := govbuy.ErrorKindOf(err); got != kind {
		t.Errorf("kind %s, want %s (%v)", got, kind, err)
	}
	if got := govbuy.ErrorMessage(err); got != msg {
		t.Errorf("message %q, want %q", got, msg)
	}
}
