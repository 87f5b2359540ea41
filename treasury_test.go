package govbuy_test

import (
	"strings"
	"testing"
	"time"

	"govbuy"
)

var payeeContracts = []govbuy.PayeeContract{
	{ID: 1, Number: "HT-1", Unit: "云溪区民政局", Contractor: "云溪区绿源环保科技有限公司", Account: "6222000011112222", Amount: govbuy.Yuan(100_000), Paid: []govbuy.Money{govbuy.Yuan(25_000)}},
	{ID: 2, Number: "HT-2", Unit: "云溪区司法局", Contractor: "云溪区心连心社会工作服务中心", Account: "6222000033334444", Amount: govbuy.Yuan(80_000), Paid: []govbuy.Money{govbuy.Yuan(20_000)}},
	{ID: 3, Number: "HT-3", Unit: "云溪区司法局", Contractor: "云溪区心连心社会工作服务中心", Account: "6222000033334444", Amount: govbuy.Yuan(60_000), Paid: []govbuy.Money{govbuy.Yuan(15_000)}},
	{ID: 4, Number: "HT-4", Unit: "云溪区教育局", Contractor: "张三", Amount: govbuy.Yuan(10_000)},
}

func TestTreasuryMatch(t *testing.T) {
	m := govbuy.NewTreasuryMatcher(payeeContracts)
	tests := []struct {
		name     string
		row      govbuy.TreasuryRow
		contract string
		by       govbuy.MatchRule
		why      string
	}{
		{"account with spaces and another name", govbuy.TreasuryRow{Unit: "云溪区民政局", Payee: "绿源公司", Account: "6222 0000 1111 2222", Amount: govbuy.Yuan(1)},
			"HT-1", govbuy.MatchByAccount, ""},
		{"two contracts told apart by a recorded amount", govbuy.TreasuryRow{Unit: "云溪区司法局", Account: "6222000033334444", Amount: govbuy.Yuan(15_000)},
			"HT-3", govbuy.MatchByAccount, ""},
		{"two contracts told apart by what covers the amount", govbuy.TreasuryRow{Unit: "云溪区司法局", Account: "6222000033334444", Amount: govbuy.Yuan(70_000)},
			"HT-2", govbuy.MatchByAccount, ""},
		{"two contracts alike", govbuy.TreasuryRow{Unit: "云溪区司法局", Account: "6222000033334444", Amount: govbuy.Yuan(5_000)},
			"", "", "有2份合同（HT-2、HT-3），按金额无法区分"},
		{"by name, unit and amount", govbuy.TreasuryRow{Unit: "云溪区教育局", Payee: "张 三", Amount: govbuy.Yuan(2_500)},
			"HT-4", govbuy.MatchByName, ""},
		{"by name, amount above the contract", govbuy.TreasuryRow{Unit: "云溪区教育局", Payee: "张三", Amount: govbuy.Yuan(20_000)},
			"", "", "合同金额都小于支付金额20,000.00元"},
		{"unknown account falls back to the name", govbuy.TreasuryRow{Unit: "云溪区教育局", Payee: "张三", Account: "999", Amount: govbuy.Yuan(1)},
			"HT-4", govbuy.MatchByName, ""},
		{"no contract at the unit", govbuy.TreasuryRow{Unit: "云溪区教育局", Account: "6222000011112222", Amount: govbuy.Yuan(1)},
			"", "", "“云溪区教育局”与收款人“云溪区绿源环保科技有限公司”没有合同"},
		{"unknown payee", govbuy.TreasuryRow{Unit: "云溪区教育局", Payee: "李四", Amount: govbuy.Yuan(1)},
			"", "", "收款人“李四”（账号未填）不是已登记合同的承接主体"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(tt.row)
			if got.Contract != tt.contract || got.By != tt.by || !strings.Contains(got.Why, tt.why) || got.Matched() != (tt.contract != "") {
				t.Errorf("Match = %+v, want %s %s %q", got, tt.contract, tt.by, tt.why)
			}
		})
	}
	if got, err := m.ByHand("HT-3"); err != nil || got.ContractID != 3 || got.By != govbuy.MatchByHand {
		t.Errorf("ByHand(HT-3) = %+v, %v", got, err)
	}
	if _, err := m.ByHand("HT-9"); err == nil {
		t.Error("ByHand of a missing contract accepted")
	}
	first := m.Contracts(govbuy.TreasuryRow{Unit: "云溪区司法局", Payee: "云溪区心连心社会工作服务中心"})
	if len(first) != 2 || first[0].Number != "HT-2" || first[1].Number != "HT-3" {
		t.Errorf("Contracts = %+v, want HT-2, HT-3", first)
	}
}

func day(m time.Month, d int) time.Time { return govbuy.Day(2024, m, d) }

func TestReconcileOverpaid(t *testing.T) {
	matched := govbuy.TreasuryMatch{ContractID: 1, Contract: "HT-1", By: govbuy.MatchByAccount}
	book := &govbuy.TreasuryBook{Year: 2024,
		Payments: []govbuy.BookPayment{
			{Payment: govbuy.Payment{ID: 1, ContractID: 1, Date: day(4, 10), Amount: govbuy.Yuan(30_000), Period: "2024Q1"}, Contract: "HT-1"},
			{Payment: govbuy.Payment{ID: 2, ContractID: 1, Date: day(7, 10), Amount: govbuy.Yuan(30_000), Period: "2024Q2"}, Contract: "HT-1"},
			{Payment: govbuy.Payment{ID: 3, ContractID: 1, Date: day(8, 1), Amount: govbuy.Yuan(5_000), Period: ""}, Contract: "HT-1"},
		},
		Periods: []govbuy.BookPeriod{
			{ContractID: 1, Payable: govbuy.Yuan(40_000)},
			{ContractID: 1, Period: "2024Q1", Payable: govbuy.Yuan(25_000), AssessedOn: day(4, 5), ByScore: true},
			{ContractID: 1, Period: "2024Q2", Payable: govbuy.Yuan(27_000), AssessedOn: day(7, 15), ByScore: true},
		},
	}
	rows := []govbuy.TreasuryRow{
		{Date: day(4, 10), Amount: govbuy.Yuan(30_000), Voucher: "A", Match: matched},
		{Date: day(7, 10), Amount: govbuy.Yuan(30_000), Voucher: "B", Match: matched},
		{Date: day(8, 1), Amount: govbuy.Yuan(5_000), Voucher: "C", Match: matched},
	}
	rec := govbuy.Reconcile(book, rows)
	var kinds []string
	for _, it := range rec.Items {
		kinds = append(kinds, string(it.Kind)+" "+it.Row.Voucher)
	}
	want := "超过应付 A|考核前支付 B"
	if strings.Join(kinds, "|") != want {
		t.Errorf("items %q, want %q", kinds, want)
	}
	if !strings.Contains(rec.Items[1].Message, "2024-07-15考核") {
		t.Errorf("early payment message %q does not name the assessment", rec.Items[1].Message)
	}
}
