package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"govbuy"
)

// auditWidths are the export's column widths in characters: 序号, then
// govbuy.AuditColumns.
var auditWidths = []float64{7, 20, 22, 8, 36, 70}

// WriteAuditXLSX writes audit-log entries as a workbook that reads as the
// 操作日志 screen does: one row each, numbered, with the time, who, the
// operation, the record and the changes field by field (govbuy.AuditEntry's
// Cells). Every cell is written as a string, so text that looks like a
// formula stays text.
func WriteAuditXLSX(w io.Writer, entries []govbuy.AuditEntry) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeAuditSheet(f, entries); err != nil {
		return fmt.Errorf("reports: audit: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("reports: audit: %w", err)
	}
	return nil
}

const auditSheet = "操作日志"

func writeAuditSheet(f *excelize.File, entries []govbuy.AuditEntry) error {
	if err := f.SetSheetName("Sheet1", auditSheet); err != nil {
		return err
	}
	top, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	header := append([]string{"序号"}, govbuy.AuditColumns...)
	if err := setRowStrings(f, 1, header); err != nil {
		return err
	}
	for i, e := range entries {
		if err := setRowStrings(f, i+2, append([]string{strconv.Itoa(i + 1)}, e.Cells()...)); err != nil {
			return err
		}
	}
	last, err := excelize.ColumnNumberToName(len(auditWidths))
	if err != nil {
		return err
	}
	for i, width := range auditWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(auditSheet, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(auditSheet, "A2", last+strconv.Itoa(len(entries)+1), top); err != nil {
		return err
	}
	return f.SetPanes(auditSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func setRowStrings(f *excelize.File, row int, values []string) error {
	for c, v := range values {
		cell, err := excelize.CoordinatesToCellName(c+1, row)
		if err != nil {
			return err
		}
		if err := f.SetCellStr(auditSheet, cell, v); err != nil {
			return err
		}
	}
	return nil
}
