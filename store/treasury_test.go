package store_test

import (
	"context"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
	"govbuy/internal/treasurydemo"
	"govbuy/store"
)

// treasuryRows turns the demo's treasury list into rows matched to their
// contracts as the importer does.
func treasuryRows(t *testing.T, db *store.DB, list []treasurydemo.Row) []govbuy.TreasuryRow {
	t.Helper()
	contracts, err := db.PayeeContracts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := govbuy.NewTreasuryMatcher(contracts)
	rows := make([]govbuy.TreasuryRow, len(list))
	for i, r := range list {
		rows[i] = govbuy.TreasuryRow{Date: r.Date, Unit: r.Unit, Payee: r.Payee, Account: r.Account, Amount: r.Amount,
			Purpose: r.Purpose, Voucher: r.Voucher}
		rows[i].Match = m.Match(rows[i])
	}
	return rows
}

func TestTreasuryDemoMatchesEveryRow(t *testing.T) {
	db := demoDB(t)
	list := treasurydemo.Rows(assets.Demo(), assets.DemoYear)
	rows := treasuryRows(t, db, list)
	byRule := map[govbuy.MatchRule]int{}
	for _, r := range rows {
		if !r.Match.Matched() {
			t.Fatalf("row %s (%s, %s, %s) not matched: %s", r.Voucher, r.Unit, r.Payee, r.Amount, r.Match.Why)
		}
		byRule[r.Match.By]++
	}
	if byRule[govbuy.MatchByAccount] != len(rows) {
		t.Errorf("matches by rule %v, want all %d by account", byRule, len(rows))
	}
	book, err := db.TreasuryBook(context.Background(), assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	rec := govbuy.Reconcile(book, rows)
	if len(rec.Items) != 0 {
		t.Errorf("reconciliation of the demo's own list found %d differences, first %+v", len(rec.Items), rec.Items[0])
	}
	if rec.TreasuryTotal != assets.DemoPaid || rec.RecordedTotal != assets.DemoPaid || len(rec.Pairs) != len(rows) {
		t.Errorf("totals %s / %s, pairs %d of %d; want %s both", rec.TreasuryTotal, rec.RecordedTotal, len(rec.Pairs), len(rows), assets.DemoPaid)
	}
}

func TestTreasuryDoctoredShowsExactlyThree(t *testing.T) {
	db := demoDB(t)
	d := treasurydemo.Doctor(treasurydemo.Rows(assets.Demo(), assets.DemoYear))
	book, err := db.TreasuryBook(context.Background(), assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	rec := govbuy.Reconcile(book, treasuryRows(t, db, d.Rows))
	got := map[govbuy.ReconKind]string{}
	for _, it := range rec.Items {
		v := ""
		if it.Row != nil {
			v = it.Row.Voucher
		}
		got[it.Kind] += v + ";"
	}
	want := map[govbuy.ReconKind]string{
		govbuy.ReconNotInTreasury: ";", govbuy.ReconAmountDiffers: d.Changed + ";", govbuy.ReconUnrecorded: d.Extra + ";",
	}
	if len(rec.Items) != 3 || len(got) != 3 {
		t.Fatalf("items %+v, want exactly three", rec.Items)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for _, it := range rec.Items {
		if it.Kind == govbuy.ReconAmountDiffers && it.Row.Amount-it.Payment.Amount != -govbuy.Yuan(1000) {
			t.Errorf("amount difference %s − %s, want −1,000.00", it.Row.Amount, it.Payment.Amount)
		}
	}
}

// The store refuses a treasury payment whose voucher is stored already,
// whoever built the dataset: the importer's check is not the only gate.
func TestImportRefusesAStoredTreasuryVoucher(t *testing.T) {
	db := demoDB(t)
	pay := func(voucher string) *govbuy.Dataset {
		return &govbuy.Dataset{Payments: []govbuy.DatasetPayment{{
			Payment:        govbuy.Payment{Date: govbuy.Day(2024, 12, 20), Amount: 100, Period: "2024Q4", Voucher: voucher, OverReason: "年终补付"},
			ContractNumber: "YX2024-042", Origin: "“国库.xlsx” 第2行", Treasury: true,
		}}}
	}
	ctx := ctxAs("clerk")
	if _, err := db.ImportDataset(ctx, pay("ZF-1"), govbuy.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	before := mustCount(t, db, "SELECT COUNT(*) FROM payments")
	for voucher, want := range map[string]string{
		"ZF-1":      "“国库.xlsx” 第2行 合同“YX2024-042”的支付：支付凭证号：“ZF-1”已登记（合同YX2024-042 2024-12-20 1.00元），不能重复导入",
		"记-042-041": "支付凭证号：“记-042-041”已登记（合同YX2024-042",
		"":          "支付凭证号：不能为空",
	} {
		_, err := db.ImportDataset(ctx, pay(voucher), govbuy.ImportBatch{})
		if err == nil || !strings.Contains(govbuy.ErrorMessage(err), want) {
			t.Errorf("voucher %q: %v, want %q", voucher, err, want)
		}
	}
	if after := mustCount(t, db, "SELECT COUNT(*) FROM payments"); after != before {
		t.Errorf("refused imports stored %d payments", after-before)
	}
}

// A year no budget can have is refused before anything is read, as the
// report refuses it.
func TestTreasuryBookRefusesAYearOutOfRange(t *testing.T) {
	db := demoDB(t)
	for _, year := range []int{0, 1989, 2101} {
		if _, err := db.TreasuryBook(context.Background(), year); govbuy.ErrorKindOf(err) != govbuy.EInvalid {
			t.Errorf("year %d: %v, want EInvalid", year, err)
		}
	}
}
