package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"govbuy"
	"govbuy/reports"
	"govbuy/reports/ocds"
)

// exportUsage is the export command's usage, also its help.
const exportUsage = `用法: govbuy export ocds --year 年度 文件
       govbuy export notice --contract 合同编号 [--text] 文件.pdf|文件.txt|-
       govbuy export disclosure --year 年度 文件.xlsx|文件.pdf

  ocds: 把该年度的合同（本年度合同及本年度有支付或考核的合同）写成开放合同数据标准
  OCDS 1.1.5 发布包（JSON，“-”为标准输出）：每份合同一个发布，含采购人、供应商、
  预算、采购方式、授标、合同、补充合同、本年度的支付和考核。
  ocid 为“OCDS前缀-合同编号”。前缀在 设置 → 本区信息 中设置（命令行：govbuy district --ocid-prefix 前缀）；
  未设置时用 ` + govbuy.DefaultOCIDPrefix + `，这是本地前缀，未在开放合同伙伴关系（OCP）登记，
  公开发布前请登记并设置本区的前缀。

  notice: 该合同的合同公告，按` + govbuy.NoticeFormat + `合同公告的格式：
  PDF，或加 --text（文件名以 .txt 结尾或为“-”时亦同）写成纯文本，粘贴到公告网站。
  公告所需信息（项目编号、采购人和供应商的地址与联系方式、服务要求、合同期限、履约地点、
  签订日期）缺少时不生成，逐项列出缺少什么。公告日期为已登记的公告日期，未登记时为今天。

  disclosure: 该年度政府购买服务信息公开表（` + govbuy.DisclosureBasis + `）：每份本年度合同一行，
  含购买服务内容、购买方式、承接主体、合同金额、分年财政资金安排、合同期限、绩效评价；
  按文件扩展名写成 Excel（.xlsx）或 PDF（.pdf）。`

// runExport writes what is published: `govbuy export ocds|notice|disclosure
// …`. It only reads the database.
func runExport(e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "ocds":
			return runExportOCDS(e, args[1:])
		case "notice":
			return runExportNotice(e, args[1:])
		case "disclosure":
			return runExportDisclosure(e, args[1:])
		}
	}
	fmt.Fprintln(e.stderr, exportUsage)
	return exitFailure
}

// runExportOCDS writes the year as an OCDS release package: `govbuy
// export ocds --year 2024 FILE`.
func runExportOCDS(e *env, args []string) int {
	y, path, code := yearToFile(e, "ocds", args, func(string) bool { return true })
	if y == nil {
		return code
	}
	if err := writeOut(e, path, func(w io.Writer) error { return ocds.Write(w, y) }); err != nil {
		return fail(e, "export ocds", err)
	}
	if path != "-" {
		fmt.Fprintf(e.stdout, "已写出%d年度OCDS发布包“%s”：%d份合同（ocid前缀 %s）\n", y.Year, path, len(y.Contracts), y.OCIDPrefix)
	}
	return exitOK
}

// yearToFile reads `--year Y FILE` for export what, refusing a year out of
// range or a file fileOK does not accept, and returns the year's
// contracting as the database holds it; nil with the exit status when it
// could not.
func yearToFile(e *env, what string, args []string, fileOK func(string) bool) (*govbuy.ContractingYear, string, int) {
	fs := newFlags(e, "export "+what)
	fs.Usage = func() { fmt.Fprintln(e.stderr, exportUsage) }
	year := fs.Int("year", 0, "年度（必填）")
	if fs.Parse(args) != nil {
		return nil, "", exitFailure
	}
	if fs.NArg() != 1 || govbuy.CheckBudgetYear(*year) != nil || !fileOK(fs.Arg(0)) {
		fmt.Fprintln(e.stderr, exportUsage)
		return nil, "", exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return nil, "", code
	}
	defer db.Close()
	y, err := db.ContractingYear(e.ctx, *year)
	if err != nil {
		return nil, "", fail(e, "export "+what, err)
	}
	return y, fs.Arg(0), exitOK
}

// writeOut writes to stdout for "-", else to the file through
// reports.WriteFile (temp file, then rename).
func writeOut(e *env, path string, write func(io.Writer) error) error {
	if path == "-" {
		return write(e.stdout)
	}
	return reports.WriteFile(path, write)
}

// runExportNotice writes a contract's notice: `govbuy export notice
// --contract NO [--text] FILE|-`.
func runExportNotice(e *env, args []string) int {
	fs := newFlags(e, "export notice")
	fs.Usage = func() { fmt.Fprintln(e.stderr, exportUsage) }
	number := fs.String("contract", "", "合同编号（必填）")
	text := fs.Bool("text", false, "写成纯文本")
	if fs.Parse(args) != nil {
		return exitFailure
	}
	if fs.NArg() != 1 || strings.TrimSpace(*number) == "" {
		fmt.Fprintln(e.stderr, exportUsage)
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	r, err := db.ContractingRecord(e.ctx, *number)
	if err != nil {
		return fail(e, "export notice", err)
	}
	n, err := govbuy.NewContractNotice(r, time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "govbuy export notice: 合同“%s”的合同公告缺少以下信息，未生成：\n", r.Contract.Number)
		for _, m := range govbuy.NoticeMissing(r) {
			fmt.Fprintln(e.stderr, "  "+m.Message)
		}
		return exitInput
	}
	path := fs.Arg(0)
	asText := *text || path == "-" || strings.EqualFold(filepath.Ext(path), ".txt")
	write := func(w io.Writer) error { return reports.WriteNoticePDF(w, n) }
	if asText {
		write = func(w io.Writer) error { _, err := io.WriteString(w, n.Text()); return err }
	}
	if err := writeOut(e, path, write); err != nil {
		return fail(e, "export notice", err)
	}
	if path != "-" {
		fmt.Fprintf(e.stdout, "已写出合同“%s”的合同公告“%s”\n", n.Number, path)
	}
	return exitOK
}

// runExportDisclosure writes the year's disclosure table: `govbuy export
// disclosure --year 2024 FILE.xlsx|FILE.pdf`.
func runExportDisclosure(e *env, args []string) int {
	ext := ""
	y, path, code := yearToFile(e, "disclosure", args, func(path string) bool {
		ext = strings.ToLower(filepath.Ext(path))
		return ext == ".xlsx" || ext == ".pdf"
	})
	if y == nil {
		return code
	}
	t := govbuy.NewDisclosure(y)
	write := func(w io.Writer) error { return reports.WriteDisclosureXLSX(w, t) }
	if ext == ".pdf" {
		write = func(w io.Writer) error { return reports.WriteDisclosurePDF(w, t) }
	}
	if err := reports.WriteFile(path, write); err != nil {
		return fail(e, "export disclosure", err)
	}
	fmt.Fprintf(e.stdout, "已写出%d年度政府购买服务信息公开表“%s”：%d份合同，合同金额合计%s元\n", y.Year, path, len(t.Rows), t.Total)
	return exitOK
}
