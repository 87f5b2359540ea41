package main

import (
	"fmt"
	"io"

	"govbuy"
	"govbuy/reports"
	"govbuy/reports/ocds"
)

// exportUsage is the export command's usage, also its help.
const exportUsage = `用法: govbuy export ocds --year 年度 文件
  把该年度的合同（本年度合同及本年度有支付或考核的合同）写成开放合同数据标准
  OCDS 1.1.5 发布包（JSON，“-”为标准输出）：每份合同一个发布，含采购人、供应商、
  预算、采购方式、授标、合同、补充合同、本年度的支付和考核。
  ocid 为“OCDS前缀-合同编号”。前缀在 设置 → 本区信息 中设置（命令行：govbuy district --ocid-prefix 前缀）；
  未设置时用 ` + govbuy.DefaultOCIDPrefix + `，这是本地前缀，未在开放合同伙伴关系（OCP）登记，
  公开发布前请登记并设置本区的前缀。`

// runExport writes the year as an OCDS release package: `govbuy export
// ocds --year 2024 FILE`. It only reads the database.
func runExport(e *env, args []string) int {
	if len(args) == 0 || args[0] != "ocds" {
		fmt.Fprintln(e.stderr, exportUsage)
		return exitFailure
	}
	fs := newFlags(e, "export ocds")
	fs.Usage = func() { fmt.Fprintln(e.stderr, exportUsage) }
	year := fs.Int("year", 0, "年度（必填）")
	if fs.Parse(args[1:]) != nil {
		return exitFailure
	}
	if fs.NArg() != 1 || govbuy.CheckBudgetYear(*year) != nil {
		fmt.Fprintln(e.stderr, exportUsage)
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	y, err := db.ContractingYear(e.ctx, *year)
	if err != nil {
		return fail(e, "export ocds", err)
	}
	path := fs.Arg(0)
	if path == "-" {
		err = ocds.Write(e.stdout, y)
	} else {
		err = reports.WriteFile(path, func(w io.Writer) error { return ocds.Write(w, y) })
	}
	if err != nil {
		return fail(e, "export ocds", err)
	}
	if path != "-" {
		fmt.Fprintf(e.stdout, "已写出%d年度OCDS发布包“%s”：%d份合同（ocid前缀 %s）\n", *year, path, len(y.Contracts), y.OCIDPrefix)
	}
	return exitOK
}
