package reports

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"govbuy"
	"govbuy/reports/internal/figures"
	"govbuy/reports/pdf"
)

// sheetDisclosure is the disclosure workbook's one sheet.
const sheetDisclosure = "信息公开表"

// WriteDisclosureXLSX writes the year's disclosure table (财预〔2017〕87号
// 第五点) as a workbook of one list sheet, laid out and printed like the
// report's lists: a row per contract of the year with the seven items the
// rule names, the funding arranged for each year in a column of its own
// (the years any contract's term covers), a 合计 row of SUM formulas, and
// below it how the per-year split is derived. The title heads each
// printed page.
func WriteDisclosureXLSX(w io.Writer, t *govbuy.Disclosure) error {
	if t == nil {
		return errors.New("reports: disclosure: no table")
	}
	x, err := newTitledWorkbook(t.Title())
	if err != nil {
		return fmt.Errorf("reports: disclosure: %w", err)
	}
	defer x.f.Close()
	if err := x.disclosureSheet(t); err != nil {
		return fmt.Errorf("reports: disclosure: %w", err)
	}
	if err := x.f.Write(w); err != nil {
		return fmt.Errorf("reports: disclosure: %w", err)
	}
	return nil
}

// WriteDisclosurePDF writes the table for printing on A4 landscape.
func WriteDisclosurePDF(w io.Writer, t *govbuy.Disclosure) error { return pdf.WriteDisclosure(w, t) }

// WriteNoticePDF writes a contract's notice (合同公告) on A4.
func WriteNoticePDF(w io.Writer, n *govbuy.ContractNotice) error { return pdf.WriteNotice(w, n) }

type numberedRow struct {
	no int
	*govbuy.DisclosureRow
}

func (x *workbook) disclosureSheet(t *govbuy.Disclosure) error {
	if err := x.setTitle(); err != nil {
		return err
	}
	// writeListSheet's NewSheet takes the renamed first sheet as it is
	if err := x.f.SetSheetName("Sheet1", sheetDisclosure); err != nil {
		return err
	}
	rows := make([]numberedRow, len(t.Rows))
	for i := range t.Rows {
		rows[i] = numberedRow{i + 1, &t.Rows[i]}
	}
	cols := disclosureColumns(fundingYears(t))
	return writeListSheet(x, listSheet[numberedRow]{name: sheetDisclosure, cols: cols, rows: rows,
		total: x.disclosureTotal(cols, t), below: "注：" + govbuy.FundingSplitNote, budget: ledgerBudget})
}

type nr = numberedRow

func disclosureColumns(years []int) []column[nr] {
	cols := []column[nr]{
		{"序号", kindCount, 6, func(r *nr) cell { return intCell(r.no) }},
		{"合同编号", kindText, 20, func(r *nr) cell { return textCell(r.Number) }},
		{"购买主体", kindText, 24, func(r *nr) cell { return textCell(r.Unit) }},
		{"购买服务内容", kindText, 30, func(r *nr) cell { return textCell(r.Content) }},
		{"购买方式", kindText, 10, func(r *nr) cell { return textCell(string(r.Method)) }},
		{"承接主体", kindText, 26, func(r *nr) cell { return textCell(r.Contractor) }},
		{"合同金额（元）", kindYuan, 18, func(r *nr) cell { return moneyCell(r.Amount) }},
	}
	for _, y := range years {
		cols = append(cols, column[nr]{strconv.Itoa(y) + "年财政资金安排（元）", kindYuan, 18, func(r *nr) cell {
			for _, f := range r.Funding {
				if f.Year == y {
					return moneyCell(f.Amount)
				}
			}
			return cell{}
		}})
	}
	return append(cols,
		column[nr]{"合同期限", kindText, 12, func(r *nr) cell { return textCell(r.TermText()) }},
		column[nr]{"绩效评价", kindText, 24, func(r *nr) cell { return textCell(r.Performance) }})
}

// fundingYears are the years any row's funding falls in, in order.
func fundingYears(t *govbuy.Disclosure) []int {
	seen := map[int]bool{}
	var years []int
	for _, r := range t.Rows {
		for _, f := range r.Funding {
			if !seen[f.Year] {
				seen[f.Year] = true
				years = append(years, f.Year)
			}
		}
	}
	slices.Sort(years)
	return years
}

// disclosureTotal sums the amount and each year's funding.
func (x *workbook) disclosureTotal(cols []column[nr], t *govbuy.Disclosure) []totalCell {
	n := len(t.Rows)
	total := make([]totalCell, len(cols))
	for i := range total {
		total[i] = totalCell{style: x.st.totalText}
	}
	total[0].text = "合计"
	total[6] = sumCell(x.st.totalYuan, 7, n, figures.YuanText(t.Total))
	for i, y := range fundingYears(t) {
		var sum govbuy.Money
		for _, r := range t.Rows {
			for _, f := range r.Funding {
				if f.Year == y {
					sum += f.Amount
				}
			}
		}
		total[7+i] = sumCell(x.st.totalYuan, 8+i, n, figures.YuanText(sum))
	}
	return total
}
