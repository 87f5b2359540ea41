// Package treasurydemo writes the treasury's payment list (国库集中支付明细)
// of a dataset's recorded payments, as a budget execution system exports
// it: title lines, the usual headers, amounts in 元 as text with thousands
// separators, and one payment voucher (支付凭证号) per payment. Tests import
// and reconcile it; Doctor makes the copy with three known differences.
package treasurydemo

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"govbuy"
)

// Row is one line of the list.
type Row struct {
	Date    time.Time
	Unit    string
	Payee   string
	Account string
	Amount  govbuy.Money
	Purpose string
	Voucher string
	Project string
}

// Header is the list's header row, as the treasury system writes it.
var Header = []string{"序号", "支付日期", "预算单位", "收款人全称", "收款人账号", "金额", "摘要/用途", "支付凭证号", "预算项目"}

// Rows lists the dataset's payments dated in year, one row each, in the
// order they were booked.
func Rows(ds *govbuy.Dataset, year int) []Row {
	contracts := map[string]govbuy.DatasetContract{}
	for _, c := range ds.Contracts {
		contracts[c.Number] = c
	}
	accounts := map[string]string{}
	for _, c := range ds.Contractors {
		accounts[c.Name] = c.Account
	}
	var rows []Row
	for _, p := range ds.Payments {
		c := contracts[p.ContractNumber]
		if p.Date.Year() != year {
			continue
		}
		rows = append(rows, Row{
			Date: p.Date, Unit: c.UnitName, Payee: c.ContractorName, Account: spaced(accounts[c.ContractorName]),
			Amount:  p.Amount,
			Purpose: fmt.Sprintf("支付%s%s服务费", govbuy.PeriodLabel(p.Period), c.Title),
			Voucher: fmt.Sprintf("%d%06d", year*10, len(rows)+1),
			Project: "政府购买服务—" + c.Title,
		})
	}
	return rows
}

// spaced writes an account in groups of four, as bank systems print it;
// matching must see through the spaces.
func spaced(account string) string {
	var b strings.Builder
	for i, r := range account {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Doctored is a list with three known differences from the books.
type Doctored struct {
	Rows []Row
	// Missing is the voucher of the row taken out; Changed the voucher of
	// the row whose amount was lowered by 1,000.00 元; Extra the voucher of
	// the row added, a payment nobody recorded.
	Missing, Changed, Extra string
}

// Doctor copies rows with row 10 taken out, row 20's amount lowered by
// 1,000.00 元 and a payment of 12,345.00 元 to row 30's payee added.
func Doctor(rows []Row) Doctored {
	d := Doctored{Missing: rows[9].Voucher, Changed: rows[19].Voucher}
	for i, r := range rows {
		switch i {
		case 9:
			continue
		case 19:
			r.Amount -= govbuy.Yuan(1000)
		}
		d.Rows = append(d.Rows, r)
	}
	extra := rows[29]
	extra.Date = govbuy.Day(extra.Date.Year(), time.November, 20)
	extra.Amount = govbuy.Money(1_234_500)
	extra.Voucher = fmt.Sprintf("%d999999", extra.Date.Year()*10)
	extra.Purpose = "支付" + strings.TrimPrefix(extra.Purpose, "支付")
	d.Extra = extra.Voucher
	d.Rows = append(d.Rows, extra)
	return d
}

// WriteXLSX writes the list with its title lines and a 合计 row.
func WriteXLSX(path string, year int, rows []Row) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "国库集中支付明细"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	lines := [][]any{
		{"国库集中支付明细表"},
		{fmt.Sprintf("查询期间：%d-01-01 至 %d-12-31", year, year), "", "", "", "", "单位：元"},
		anyRow(Header),
	}
	var total govbuy.Money
	for i, r := range rows {
		total += r.Amount
		lines = append(lines, []any{i + 1, r.Date.Format("2006-01-02"), r.Unit, r.Payee, r.Account, r.Amount.String(),
			r.Purpose, r.Voucher, r.Project})
	}
	lines = append(lines, []any{"合计", "", "", "", "", total.String()})
	for i, line := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &line); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

func anyRow(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
