package reports_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/reports"
)

// The export reads as the 操作日志 screen does: the same cells, in Chinese,
// changes one to a line, and text that looks like a formula stays text.
func TestAuditWorkbookReadsAsTheScreen(t *testing.T) {
	entries := []govbuy.AuditEntry{
		{ID: 2, At: "2024-06-30T09:15:00Z", Actor: "操作系统账户 zhangsan", Action: "update", Entity: "contract", EntityID: 7,
			Label:  "YX2024-076",
			Before: `{"title":"=SUM(A1:A9)","amount_fen":92000000}`, After: `{"title":"+86 电话","amount_fen":93000000}`},
		{ID: 1, At: "2024-06-29T08:00:00Z", Actor: "system", Action: "close", Entity: "year", EntityID: 2023, Label: "2023",
			After: `{"year":2023}`},
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
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"序号", "时间", "操作人", "操作", "对象", "修改内容"},
		append([]string{"1"}, entries[0].Cells()...),
		append([]string{"2"}, entries[1].Cells()...),
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Fatalf("rows\n got %q\nwant %q", rows, want)
	}
	if got := rows[1][5]; got != "项目名称：=SUM(A1:A9) → +86 电话\n合同金额：920,000.00 → 930,000.00" {
		t.Errorf("changes cell %q", got)
	}
	if rows[1][3] != "修改" || rows[1][4] != "合同 YX2024-076" || rows[2][2] != "系统" || rows[2][3] != "结账" {
		t.Errorf("names %q %q", rows[1], rows[2])
	}
	if formula, err := f.GetCellFormula("操作日志", "F2"); err != nil || formula != "" {
		t.Errorf("changes text became a formula: %q, %v", formula, err)
	}
}
