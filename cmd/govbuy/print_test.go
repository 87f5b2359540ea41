package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"govbuy"
	"govbuy/app"
	"govbuy/store"
)

// The window's print writes the form asked for into a file named by its
// number, or by its contract and period before payment.
func TestPrintPaymentFormWritesTheFormAskedFor(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "govbuy.db")
	govbuyCmd(t, "--db", dbPath, "demo")
	paymentID := lastPaymentOf(t, dbPath, "YX2024-042")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e := &env{ctx: govbuy.WithActor(context.Background(), "测试")}
	form, err := db.PaymentFormOf(e.ctx, paymentID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		req  app.FormRequest
		name string
	}{
		{app.FormRequest{Payment: paymentID}, "支付审批表-" + form.Number.String() + "-YX2024-042.pdf"},
		{app.FormRequest{Contract: "YX2024-042", Period: form.Period}, "支付审批表-" + form.Number.String() + "-YX2024-042.pdf"},
	} {
		path, err := printPaymentForm(e, db, tt.req)
		if err != nil {
			t.Fatalf("%+v: %v", tt.req, err)
		}
		if filepath.Base(path) != tt.name {
			t.Errorf("%+v written as %s, want %s", tt.req, filepath.Base(path), tt.name)
		}
		if st, err := os.Stat(path); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", path, err)
		}
		os.RemoveAll(filepath.Dir(path))
	}
	if _, err := printPaymentForm(e, db, app.FormRequest{Payment: 999999}); govbuy.ErrorMessage(err) != "未找到ID为999999的支付记录" {
		t.Errorf("a payment not recorded: %v", err)
	}
	if got := safeFileName(`支付审批表-HT/2024:01.pdf`); got != "支付审批表-HT-2024-01.pdf" {
		t.Errorf("safeFileName %q", got)
	}
}
