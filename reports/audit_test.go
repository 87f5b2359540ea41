package reports_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/reports"
)

func TestAuditWorkbookKeepsFormulaTextAsText(t *testing.T) {
	entries := []govbuy.AuditEntry{
		{ID: 2, At: "2024-06-30T09:15:00Z", Actor: "张三", Action: "update", Entity: "contract", EntityID: 7,
			Before: `{"title":"=SUM(A1:A9)"}`, After: `{"title":"+86 电话"}`},
	}
	var b bytes.Buffer
	if err := reports.WriteAuditXLSX(&b, entries); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("操作日志")
	if err != nil || len(rows) != 2 || rows[1][2] != "张三" || rows[1][6] != `{"title":"=SUM(A1:A9)"}` {
		t.Fatalf("rows = %q, %v", rows, err)
	}
	if formula, _ := f.GetCellFormula("操作日志", "G2"); formula != "" {
		t.Errorf("before-text became a formula: %q", formula)
	}
}
