package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A ledger row whose 已支付 pays past its contract's amount is a problem of
// that row, naming the balance, unless the sheet says why in 超付原因.
func TestLedgerOverPaymentNeedsItsReason(t *testing.T) {
	tests := []struct {
		name, csv  string
		wantCode   int
		wantStderr string
	}{
		{"no reason column", "合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,已支付,年度\nX-1,云溪区财政局,补充保洁,新保洁公司,询价,1000,1200,2024\n",
			exitInput, "“台账.csv” 工作表“台账” 第2行 合同“X-1”的支付：超付原因：支付后累计1,200.00元，超过合同金额1,000.00元，请填写超付原因；如确需超付，请在表中增加“超付原因”列写明原因"},
		{"with its reason", "合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,已支付,超付原因,年度\nX-1,云溪区财政局,补充保洁,新保洁公司,询价,1000,1200,追加工作量,2024\n",
			exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "govbuy.db")
			if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
				t.Fatalf("demo: %s", stderr)
			}
			before := reportJSON(t, db)
			ledger := filepath.Join(dir, "台账.csv")
			if err := os.WriteFile(ledger, []byte(tt.csv), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := govbuyCmd(t, "--db", db, "import", ledger)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Fatalf("import: exit %d, %q; want %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
			if after := reportJSON(t, db); (after == before) != (tt.wantCode != exitOK) {
				t.Errorf("report changed: %v, want changed: %v", after != before, tt.wantCode == exitOK)
			}
		})
	}
}
