package store_test

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"govbuy"
)

// batchDataset is n new contracts N-000 … titled T-000 …, each paid
// index+1 fen, so that a payment filed under the wrong contract shows.
func batchDataset(n int) *govbuy.Dataset {
	ds := &govbuy.Dataset{
		Units:       []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "云溪区批量服务中心", Kind: govbuy.UnitPublic}}},
		Contractors: []govbuy.DatasetContractor{{Contractor: govbuy.Contractor{Name: "批量承接公司", Type: govbuy.TypeEnterprise}}},
	}
	for i := range n {
		number := fmt.Sprintf("N-%03d", i)
		ds.Contracts = append(ds.Contracts, govbuy.DatasetContract{
			Contract: govbuy.Contract{Number: number, Year: 2024, Kind: govbuy.KindProject, Title: fmt.Sprintf("T-%03d", i),
				Method: govbuy.MethodInquiry, Amount: 1_000_000, Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31)},
			UnitName: "云溪区批量服务中心", ContractorName: "批量承接公司"})
		ds.Payments = append(ds.Payments, govbuy.DatasetPayment{ContractNumber: number,
			Payment: govbuy.Payment{Date: govbuy.Day(2024, 6, 30), Amount: govbuy.Money(i + 1)}})
	}
	return ds
}

// New contracts are written many to an INSERT; each keeps its own id, so
// every payment lands on the contract its row names, across full batches
// and the partial one that ends the load.
func TestBatchedContractsKeepTheirRows(t *testing.T) {
	db := demoDB(t)
	const n = 150
	b, err := db.ImportDataset(context.Background(), batchDataset(n), govbuy.ImportBatch{Files: []string{"批量.xlsx"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts["contracts"] != n {
		t.Errorf("counts %v", b.Counts)
	}
	matched := mustCount(t, db, `SELECT COUNT(*) FROM payments p JOIN contracts c ON c.id = p.contract_id
		WHERE c.number LIKE 'N-%' AND c.title = 'T-' || substr(c.number, 3)
		AND p.amount = CAST(substr(c.number, 3) AS INTEGER) + 1`)
	if matched != n {
		t.Errorf("%d of %d payments on the contract their row names", matched, n)
	}
}

// A refusal inside a batch names the contract at fault, the earliest one
// when a later row is refused before the batch is written, and nothing of
// the load stays.
func TestBatchedContractRefusalNamesTheRow(t *testing.T) {
	db := demoDB(t)
	before := rowCounts(t, db)
	tests := []struct {
		name   string
		break_ func(ds *govbuy.Dataset)
		msg    string
	}{
		{"number twice in one batch", func(ds *govbuy.Dataset) { ds.Contracts[40].Number = "N-009" },
			"合同第41条“N-009”：合同编号：合同编号“N-009”已存在"},
		{"number of an earlier batch", func(ds *govbuy.Dataset) { ds.Contracts[99].Number = "N-009" },
			"合同第100条“N-009”：合同编号：合同编号“N-009”已存在"},
		{"number stored before", func(ds *govbuy.Dataset) { ds.Contracts[140].Number = "YX2024-001" },
			"合同第141条“YX2024-001”：合同编号：合同编号“YX2024-001”已存在"},
		{"queued row refused after a later one is found invalid", func(ds *govbuy.Dataset) {
			ds.Contracts[100].Number = "N-009"
			ds.Contracts[101].Title = ""
		}, "合同第101条“N-009”：合同编号：合同编号“N-009”已存在"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := batchDataset(150)
			tt.break_(ds)
			_, err := db.ImportDataset(context.Background(), ds, govbuy.ImportBatch{Files: []string{"批量.xlsx"}})
			wantDomainError(t, err, govbuy.EConflict, tt.msg)
			if got := rowCounts(t, db); !maps.Equal(got, before) {
				t.Errorf("a refused import changed rows: %v, want %v", got, before)
			}
		})
	}
}
