package main

import (
	"bytes"
	"fmt"
	"strings"

	"govbuy"
	"govbuy/reports"
	"govbuy/store"
)

// runMigrate moves a district's file into an empty server database:
// govbuy --db FILE migrate --to postgres://…. Every table goes over in one
// transaction of the server (all or nothing), and the move is verified
// before it is reported done: the same rows in every table and, for every
// year, the same report to the byte.
func runMigrate(e *env, args []string) int {
	fs := newFlags(e, "migrate")
	to := fs.String("to", "", "目标服务器数据库地址 postgres://用户@主机:端口/库名?sslmode=verify-full")
	if fs.Parse(args) != nil || fs.NArg() > 0 || !store.IsServerURL(*to) {
		fmt.Fprintln(e.stderr, "用法: govbuy --db 文件 migrate --to postgres://用户@主机:端口/库名")
		return exitFailure
	}
	if store.IsServerURL(e.dbPath) {
		fmt.Fprintln(e.stderr, "govbuy migrate: 源数据库须是本机的数据库文件（--db 文件）；服务器数据库请用 govbuy backup 导出为文件")
		return exitFailure
	}
	src, code := openDB(e)
	if src == nil {
		return code
	}
	defer src.Close()
	dst, err := store.Open(*to)
	if err != nil {
		return fail(e, "migrate", err)
	}
	defer dst.Close()
	counts, err := src.MigrateInto(e.ctx, dst, e.dbPath)
	if err != nil {
		return fail(e, "migrate", err)
	}
	years, err := verifyReports(e, src, dst)
	if err != nil {
		return fail(e, "migrate", err)
	}
	fmt.Fprintf(e.stdout, "已迁入服务器数据库 %s：%s；%d个年度的报告与原数据库逐字节相同\n",
		dst.Path(), describeCounts(counts), len(years))
	return exitOK
}

// verifyReports compares the report JSON of every year of src and dst: the
// years of its contracts and payments, and the year either side (a report
// counts the payments of the year before).
func verifyReports(e *env, src, dst *store.DB) ([]int, error) {
	data, err := src.ReportYears(e.ctx)
	if err != nil || len(data) == 0 {
		return nil, err
	}
	var years []int
	for y := data[0] - 1; y <= data[len(data)-1]+1; y++ {
		years = append(years, y)
	}
	for _, y := range years {
		a, err := yearReportJSON(e, src, y)
		if err != nil {
			return nil, err
		}
		b, err := yearReportJSON(e, dst, y)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(a, b) {
			return nil, govbuy.Errorf(govbuy.EInternal, "", "迁入后%d年度报告与原数据库不同，请勿使用目标数据库，并将两库交信息中心核查", y)
		}
	}
	return years, nil
}

func yearReportJSON(e *env, db *store.DB, year int) ([]byte, error) {
	r, err := db.Report(e.ctx, year)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = reports.WriteJSON(&b, r)
	return b.Bytes(), err
}

// movedTables are the tables the migrate command names in its summary, in
// the order an officer reads them.
var movedTables = []struct{ table, name string }{
	{"units", "单位"}, {"contractors", "承接主体"}, {"contracts", "合同"}, {"assessments", "考核"},
	{"payments", "支付"}, {"import_batches", "导入批次"}, {"users", "用户"}, {"audit_log", "操作日志"},
}

// describeCounts names the rows moved: "单位61、承接主体32、合同75、…".
func describeCounts(c store.CopyCounts) string {
	parts := make([]string, len(movedTables))
	for i, t := range movedTables {
		parts[i] = fmt.Sprintf("%s%d", t.name, c[t.table])
	}
	return strings.Join(parts, "、")
}
