package reports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"govbuy"
)

// WriteAuditXLSX writes audit-log entries as a workbook: one row each, the
// record before and after as its JSON text. Every cell is written as a
// string, so text that looks like a formula stays text.
func WriteAuditXLSX(w io.Writer, entries []govbuy.AuditEntry) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "操作日志"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("reports: audit: %w", err)
	}
	header := []string{"序号", "时间", "操作人", "操作", "对象", "对象ID", "修改前", "修改后"}
	widths := []float64{8, 22, 14, 10, 14, 10, 60, 60}
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return fmt.Errorf("reports: audit: %w", err)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, widths[i])
	}
	for r, e := range entries {
		values := []string{fmt.Sprint(e.ID), e.At, e.Actor, e.Action, e.Entity, fmt.Sprint(e.EntityID), e.Before, e.After}
		for c, v := range values {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return fmt.Errorf("reports: audit: %w", err)
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("reports: audit: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("reports: audit: %w", err)
	}
	return nil
}
