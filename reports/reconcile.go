package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"govbuy"
)

const reconSheet = "国库对账"

// reconHeader is the table's header; reconWidths its column widths in
// characters.
var (
	reconHeader = []string{"序号", "类别", "合同编号", "支付日期", "预算单位", "收款人", "支付凭证号", "国库金额（元）", "记录金额（元）", "差额（元）", "说明"}
	reconWidths = []float64{6, 14, 14, 12, 24, 28, 16, 15, 15, 13, 60}
)

// WriteReconciliationXLSX writes a reconciliation of the treasury's payment
// list as one sheet: the title, the totals of both sides and the number of
// differences of each kind, then one row per difference in the order of
// govbuy.ReconKinds — paid but not recorded, recorded but not paid, amounts
// that differ, paid before the assessment, above the payable. Amounts are
// numeric cells written from exact decimal text, shown with two decimals;
// text is always a string cell.
func WriteReconciliationXLSX(w io.Writer, district string, rec *govbuy.Reconciliation) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeReconSheet(f, district, rec); err != nil {
		return fmt.Errorf("reports: reconciliation: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("reports: reconciliation: %w", err)
	}
	return nil
}

func writeReconSheet(f *excelize.File, district string, rec *govbuy.Reconciliation) error {
	if err := f.SetSheetName("Sheet1", reconSheet); err != nil {
		return err
	}
	title := fmt.Sprintf("%s%d年度国库集中支付对账表", district, rec.Year)
	lines := [][]string{{title}, {ReconSummary(rec)}, {ReconCounts(rec)}, reconHeader}
	for i, l := range lines {
		if err := setReconRow(f, i+1, l); err != nil {
			return err
		}
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return err
	}
	for i, it := range SortedReconItems(rec.Items) {
		if err := writeReconItem(f, len(lines)+1+i, i+1, it, money); err != nil {
			return err
		}
	}
	for i, width := range reconWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(reconSheet, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(reconSheet, &excelize.Panes{Freeze: true, YSplit: len(lines), TopLeftCell: "A" + strconv.Itoa(len(lines)+1), ActivePane: "bottomLeft"})
}

// ReconSummary is the line that sums a reconciliation up: both sides'
// totals and how many rows matched their contracts.
func ReconSummary(rec *govbuy.Reconciliation) string {
	return fmt.Sprintf("国库支付%d笔，合计%s元，匹配合同%d笔；已记录支付合计%s元；差异%d项",
		len(rec.Rows), rec.TreasuryTotal, rec.Matched, rec.RecordedTotal, len(rec.Items))
}

// ReconCounts says how many differences of each kind there are.
func ReconCounts(rec *govbuy.Reconciliation) string {
	s := ""
	for i, k := range govbuy.ReconKinds {
		if i > 0 {
			s += "，"
		}
		s += fmt.Sprintf("%s%d项", k, rec.Count(k))
	}
	return s
}

// SortedReconItems orders the items by kind, then by date.
func SortedReconItems(items []govbuy.ReconItem) []govbuy.ReconItem {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b govbuy.ReconItem) int {
		if c := cmp.Compare(slices.Index(govbuy.ReconKinds, a.Kind), slices.Index(govbuy.ReconKinds, b.Kind)); c != 0 {
			return c
		}
		return ReconItemDate(a).Compare(ReconItemDate(b))
	})
	return out
}

// ReconItemDate is the date of the item's treasury row, else of its payment.
func ReconItemDate(it govbuy.ReconItem) time.Time {
	if it.Row != nil {
		return it.Row.Date
	}
	return it.Payment.Date
}

func writeReconItem(f *excelize.File, row, n int, it govbuy.ReconItem, money int) error {
	unit, payee, voucher := ReconParties(it)
	text := []string{strconv.Itoa(n), string(it.Kind), it.Contract, ReconItemDate(it).Format(time.DateOnly), unit, payee, voucher}
	if err := setReconRow(f, row, text); err != nil {
		return err
	}
	var treasury, recorded *govbuy.Money
	if it.Row != nil {
		treasury = &it.Row.Amount
	}
	if it.Payment != nil {
		recorded = &it.Payment.Amount
	}
	amounts := []*govbuy.Money{treasury, recorded, nil}
	if treasury != nil && recorded != nil && *treasury != *recorded {
		amounts[2] = ptr(*treasury - *recorded)
	}
	for c, m := range amounts {
		if m == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(len(text)+1+c, row)
		if err := f.SetCellDefault(reconSheet, cell, yuanDecimal(*m)); err != nil {
			return err
		}
		if err := f.SetCellStyle(reconSheet, cell, cell, money); err != nil {
			return err
		}
	}
	cell, _ := excelize.CoordinatesToCellName(len(reconHeader), row)
	return f.SetCellStr(reconSheet, cell, it.Message)
}

// ReconParties are the unit, payee and voucher of an item: its treasury
// row's, else its payment's contract's (a payment has no treasury voucher).
func ReconParties(it govbuy.ReconItem) (unit, payee, voucher string) {
	if it.Row != nil {
		return it.Row.Unit, it.Row.Payee, it.Row.Voucher
	}
	return it.Payment.Unit, it.Payment.Payee, ""
}

// yuanDecimal writes fen as exact decimal yuan: 1234.50, -0.05.
func yuanDecimal(m govbuy.Money) string {
	sign, n := "", int64(m)
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}

func setReconRow(f *excelize.File, row int, values []string) error {
	for c, v := range values {
		cell, err := excelize.CoordinatesToCellName(c+1, row)
		if err != nil {
			return err
		}
		if err := f.SetCellStr(reconSheet, cell, v); err != nil {
			return err
		}
	}
	return nil
}
