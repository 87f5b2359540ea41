package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"govbuy"
	"govbuy/store"
)

// The approval form of a period paid in full is the form of the payment
// that settled it, not a request for 0.00; every payment's form shows that
// payment and reads the same however many payments follow.
func TestPaymentFormOfARecordedPayment(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	c := roadContract(t, db)
	mustAssess(t, db, c.ID, "2024Q2", 880) // payable 215,600.00
	first := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 7, 5), Amount: 10_000_000, Period: "2024Q2", Voucher: "记-0705"}
	second := &govbuy.Payment{ContractID: c.ID, Date: govbuy.Day(2024, 7, 20), Amount: 11_560_000, Period: "2024Q2",
		Voucher: "记-0720", Account: "6228480000000000009"}
	for _, p := range []*govbuy.Payment{first, second} {
		if err := db.CreatePayment(ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	byPeriod, err := db.PaymentForm(ctx, "GL-1", "2024Q2")
	if err != nil {
		t.Fatal(err)
	}
	if !byPeriod.Recorded() || byPeriod.PaymentID != second.ID || byPeriod.Amount != 11_560_000 ||
		byPeriod.Amount.Words() != "人民币壹拾壹万伍仟陆佰元整" || byPeriod.PaidBefore != 10_000_000 || byPeriod.PaidToDate != 21_560_000 ||
		byPeriod.NumberText() != "2024-0002" || byPeriod.Voucher != "记-0720" || byPeriod.Account != "6228480000000000009" ||
		!byPeriod.Date.Equal(govbuy.Day(2024, 7, 20)) || byPeriod.Payable != 21_560_000 {
		t.Errorf("form of the paid period %+v", byPeriod)
	}

	firstForm, err := db.PaymentFormOf(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *firstForm
	if want.Amount != 10_000_000 || want.PaidBefore != 0 || want.PaidToDate != 10_000_000 || want.NumberText() != "2024-0001" ||
		want.Voucher != "记-0705" || !want.Date.Equal(govbuy.Day(2024, 7, 5)) {
		t.Errorf("form of the first payment %+v", want)
	}
	// Later payments change nothing on it.
	mustPayPeriod(t, db, c.ID, "2024Q3", 5_000_000)
	again, err := db.PaymentFormOf(ctx, first.ID)
	if err != nil || !reflect.DeepEqual(*again, want) {
		t.Errorf("reprint differs:\n got %+v, %v\nwant %+v", again, err, want)
	}

	// A period with something left asks for it, and has no number yet.
	open, err := db.PaymentForm(ctx, "GL-1", "2024Q3")
	if err != nil || open.Recorded() || !open.Number.IsZero() || open.NumberText() != "待付款后编号" ||
		open.Amount != 19_500_000 || open.PaidBefore != 5_000_000 {
		t.Errorf("form of a part-paid period %+v, %v", open, err)
	}

	_, err = db.PaymentFormOf(ctx, 999)
	wantDomainError(t, err, govbuy.ENotFound, "未找到ID为999的支付记录")
}

// Form numbers run 0001, 0002… within the year of the payment, in the
// order payments are recorded, whichever way they arrive: the window, an
// import, a reviewer's approval. A deleted payment's number is never given
// again.
func TestFormNumbersRunPerYearOnEveryPath(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区民政局")
	k := mustContractor(t, db, "绿源公司", govbuy.TypeEnterprise, creditCode(t, 3))
	c23 := mustContract(t, db, newContract("MZ-2023", 2023, u, k, 50_000_000))
	c24 := mustContract(t, db, newContract("MZ-2024", 2024, u, k, 50_000_000))

	window := mustPay(t, db, c24, govbuy.Day(2024, 3, 31), 1_000_000)
	lastYear := mustPay(t, db, c23, govbuy.Day(2023, 12, 31), 1_000_000)
	if _, err := db.ImportDataset(ctx, &govbuy.Dataset{Payments: []govbuy.DatasetPayment{
		{ContractNumber: "MZ-2024", Payment: govbuy.Payment{Date: govbuy.Day(2024, 4, 30), Amount: 1_000_000}},
		{ContractNumber: "MZ-2023", Payment: govbuy.Payment{Date: govbuy.Day(2023, 6, 30), Amount: 1_000_000}},
		{ContractNumber: "MZ-2024", Payment: govbuy.Payment{Date: govbuy.Day(2024, 1, 31), Amount: 1_000_000}},
	}}, govbuy.ImportBatch{Files: []string{"支付.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	admin, clerk, reviewer := signedIn(t, db)
	if err := db.SetApprovalThreshold(admin, 2_000_000); err != nil {
		t.Fatal(err)
	}
	big := &govbuy.Payment{ContractID: c24.ID, Date: govbuy.Day(2024, 5, 31), Amount: 3_000_000}
	if err := db.CreatePayment(clerk, big); err != nil || !big.PendingApproval || !big.Form.IsZero() {
		t.Fatalf("request: %+v, %v", big, err)
	}
	reqs, err := db.FindPaymentRequests(ctx)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests %v, %v", reqs, err)
	}
	approved, err := db.ApprovePayment(reviewer, reqs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePayment(clerk, approved.ID); err != nil {
		t.Fatal(err)
	}
	after := &govbuy.Payment{ContractID: c24.ID, Date: govbuy.Day(2024, 6, 30), Amount: 1_000_000}
	if err := db.CreatePayment(clerk, after); err != nil {
		t.Fatal(err)
	}

	if window.Form.String() != "2024-0001" || lastYear.Form.String() != "2023-0001" || approved.Form.String() != "2024-0004" ||
		after.Form.String() != "2024-0005" {
		t.Errorf("numbers given: window %s, last year %s, approved %s, after the delete %s",
			window.Form, lastYear.Form, approved.Form, after.Form)
	}
	got := formNumbers(t, db, c23.ID, c24.ID)
	want := []string{"2023-0001", "2023-0002", "2024-0001", "2024-0002", "2024-0003", "2024-0005"}
	if !slices.Equal(got, want) {
		t.Errorf("stored numbers %v, want %v", got, want)
	}
}

func formNumbers(t *testing.T, db *store.DB, contractIDs ...int64) []string {
	t.Helper()
	var out []string
	for _, id := range contractIDs {
		ps, err := db.FindPayments(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			out = append(out, p.Form.String())
		}
	}
	slices.Sort(out)
	return out
}

// The demo's payments, loaded in one go, are numbered like any others.
func TestDemoPaymentsAreNumbered(t *testing.T) {
	db := demoDB(t)
	raw := rawDB(t, db.Path())
	var payments, numbered, years, maxSeq, distinct int
	err := raw.QueryRow(`SELECT (SELECT COUNT(*) FROM payments), COUNT(*), COUNT(DISTINCT year), MAX(seq),
		COUNT(DISTINCT year * 100000 + seq) FROM payment_forms`).Scan(&payments, &numbered, &years, &maxSeq, &distinct)
	if err != nil {
		t.Fatal(err)
	}
	var in2024 int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM payments WHERE date LIKE '2024%'`).Scan(&in2024); err != nil {
		t.Fatal(err)
	}
	if payments == 0 || numbered != payments || distinct != payments || years != 1 || maxSeq != in2024 {
		t.Errorf("%d payments, %d numbered (%d distinct) in %d years, up to %d; %d in 2024", payments, numbered, distinct, years, maxSeq, in2024)
	}
}

// A form's number is kept with its payment: a backup restored brings it
// back the same, and numbering goes on from the backup's.
func TestFormNumbersSurviveBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	live, backup := liveDB(t, dir)
	ctx := context.Background()
	db, err := store.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.FindPayments(ctx, 1)
	if err != nil || len(ps) != 1 {
		t.Fatalf("payments %v, %v", ps, err)
	}
	before, err := db.PaymentFormOf(ctx, ps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	mustPay(t, db, &govbuy.Contract{ID: 1}, govbuy.Day(2024, 7, 31), 100_000)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	if _, err := store.Restore(ctx, live, backup, store.RestoreOptions{Reason: "撤回误录的支付"}); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(filepath.Clean(live))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after, err := db.PaymentFormOf(ctx, ps[0].ID)
	if err != nil || after.NumberText() != "2024-0001" || !reflect.DeepEqual(after, before) {
		t.Errorf("after the restore %+v, %v\nbefore %+v", after, err, before)
	}
	next := mustPay(t, db, &govbuy.Contract{ID: 1}, govbuy.Day(2024, 8, 31), 100_000)
	if next.Form.String() != "2024-0002" {
		t.Errorf("the next payment after the restore is %s, want 2024-0002", next.Form)
	}
}
