package benchdata

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"govbuy"
)

// WriteLedgerXLSX writes a 9-column contract ledger of n rows, as officers
// keep them: a title line, then 合同编号, 购买主体, 项目名称, 承接主体,
// 统一社会信用代码, 购买方式, 开始日期 and 结束日期 (date cells) and 合同金额,
// for 61 units and 500 contractors. It streams, so 100,000 rows are cheap.
func WriteLedgerXLSX(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	head := [][]any{
		{"某区2024年度政府购买服务合同台账（单位：元）"},
		{"合同编号", "购买主体", "项目名称", "承接主体", "统一社会信用代码", "购买方式", "开始日期", "结束日期", "合同金额"},
	}
	for i, row := range head {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	codes, err := creditCodes(500)
	if err != nil {
		return err
	}
	methods := []string{"公开招标", "定向委托", "竞争性磋商", "单一来源", "公开招聘"}
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		row := []any{
			fmt.Sprintf("HT-2024-%06d", i+1),
			fmt.Sprintf("区第%d局", i%61+1),
			fmt.Sprintf("购买服务项目%d", i),
			fmt.Sprintf("承接服务有限公司%d", i%500),
			codes[i%500],
			methods[i%len(methods)],
			excelize.Cell{StyleID: dateStyle, Value: 45292 + i%180},
			excelize.Cell{StyleID: dateStyle, Value: 45657},
			10000 + i%90000, // a number cell of whole yuan, as many ledgers hold amounts
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

func creditCodes(n int) ([]string, error) {
	codes := make([]string, n)
	for i := range codes {
		first := fmt.Sprintf("91110000%09d", i)
		check, err := govbuy.CreditCodeCheck(first)
		if err != nil {
			return nil, err
		}
		codes[i] = first + string(check)
	}
	return codes, nil
}
