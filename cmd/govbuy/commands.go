package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"govbuy"
	"govbuy/assets"
	"govbuy/reports"
	"govbuy/store"
)

// openDB opens the database for a command that writes, and reports a
// failure as a person would want it. Once roles are on, the command line
// signs in as $GOVBUY_USER with $GOVBUY_PASSWORD; without them a write is
// refused by the store, saying so.
func openDB(e *env) (*store.DB, int) {
	return openWriting(e, false)
}

// openWriting is openDB; firstUser lets a server database with no user yet
// be opened without signing in, to add its first administrator.
func openWriting(e *env, firstUser bool) (*store.DB, int) {
	db, err := store.Open(e.dbPath)
	if err != nil {
		return nil, cannotOpen(e, err)
	}
	err = signIn(e, db)
	if err == nil && !(firstUser && isFirstServerUser(e, db)) {
		err = requireServerSignIn(e, db)
	}
	if err != nil {
		db.Close()
		fmt.Fprintf(e.stderr, "govbuy: %s\n", govbuy.ErrorMessage(err))
		return nil, exitInput
	}
	return db, exitOK
}

// requireServerSignIn holds a server database's rule: every command signs
// in, reading ones too — officers of many PCs share it, and the roles are
// on from its first start. Only the first user, created when the server has
// none, is added without one.
func requireServerSignIn(e *env, db *store.DB) error {
	if !db.Server() || govbuy.UserFrom(e.ctx) != nil {
		return nil
	}
	on, err := db.HasUsers(e.ctx)
	if err != nil {
		return err
	}
	if !on {
		return govbuy.Errorf(govbuy.EConflict, "", "服务器数据库还没有用户：请先用 govbuy --db 服务器地址 user add 用户名 --role 管理员 添加第一个管理员")
	}
	return govbuy.Errorf(govbuy.EConflict, "", "服务器数据库须登录后使用：请设置 GOVBUY_USER 和 GOVBUY_PASSWORD")
}

// openForReading opens the database for a command that only reads (report,
// check, backup, forms): one that cannot be written — a read-only file,
// folder or medium — is opened read-only, and the person is told. Reading
// needs no sign-in.
func openForReading(e *env) (*store.DB, int) {
	db, err := store.Open(e.dbPath)
	if errors.Is(err, store.ErrReadOnly) {
		if db, err = store.OpenReadOnly(e.dbPath); err == nil {
			fmt.Fprintln(e.stderr, "govbuy: 数据库只读，已以只读方式打开（可以查看、出报表、检查和备份，不能修改）")
		}
	}
	if err != nil {
		return nil, cannotOpen(e, err)
	}
	if err := signInToServer(e, db); err != nil {
		db.Close()
		fmt.Fprintf(e.stderr, "govbuy: %s\n", govbuy.ErrorMessage(err))
		return nil, exitInput
	}
	return db, exitOK
}

// signInToServer signs a reading command in on a server database, which
// reads nothing for someone who has not.
func signInToServer(e *env, db *store.DB) error {
	if !db.Server() {
		return nil
	}
	if err := signIn(e, db); err != nil {
		return err
	}
	return requireServerSignIn(e, db)
}

func cannotOpen(e *env, err error) int {
	fmt.Fprintf(e.stderr, "govbuy: 无法打开数据库“%s”：%s\n", e.dbPath, govbuy.ErrorMessage(err))
	return exitFailure
}

// signIn signs in as $GOVBUY_USER when it is set, acting as that user from
// then on; it fails when the password is wrong.
func signIn(e *env, users govbuy.UserService) error {
	name := os.Getenv("GOVBUY_USER")
	if name == "" {
		return nil
	}
	u, err := users.Authenticate(e.ctx, name, os.Getenv("GOVBUY_PASSWORD"))
	if err != nil {
		return govbuy.Errorf(govbuy.ErrorKindOf(err), "", "登录失败：%s", govbuy.ErrorMessage(err))
	}
	e.ctx = govbuy.WithUser(e.ctx, u)
	return nil
}

// runUser adds a user: `govbuy user add NAME --role 管理员`, the password
// read from $GOVBUY_NEW_PASSWORD or the first line of standard input. The
// first user must be an administrator; later ones need one signed in.
func runUser(e *env, args []string) int {
	if len(args) < 2 || args[0] != "add" {
		fmt.Fprintln(e.stderr, "用法: govbuy user add 用户名 --role 录入员|审核员|管理员")
		return exitFailure
	}
	fs := newFlags(e, "user add")
	role := fs.String("role", "", "录入员、审核员或管理员")
	if fs.Parse(args[2:]) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	password := os.Getenv("GOVBUY_NEW_PASSWORD")
	if password == "" {
		line, _ := bufio.NewReader(e.stdin).ReadString('\n')
		password = strings.TrimRight(line, "\r\n")
	}
	db, code := openWriting(e, true)
	if db == nil {
		return code
	}
	defer db.Close()
	if _, err := db.CreateUser(e.ctx, args[1], govbuy.Role(*role), password); err != nil {
		return fail(e, "user add", err)
	}
	fmt.Fprintf(e.stdout, "已添加用户%s（%s）\n", args[1], *role)
	return exitOK
}

func runVersion(e *env, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(e.stderr, "用法: govbuy version")
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "govbuy %s (commit %s), schema %d\n", version, commit, store.LatestSchemaVersion())
	return exitOK
}

func runDemo(e *env, args []string) int {
	fs := newFlags(e, "demo")
	force := fs.Bool("force", false, "清空数据库中已有数据后载入")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	db, code := openDB(e)
	if db == nil {
		return code
	}
	defer db.Close()
	ds := assets.Demo()
	if err := db.LoadDataset(e.ctx, ds, *force); err != nil {
		return fail(e, "demo", err)
	}
	fmt.Fprintf(e.stdout, "已载入示例数据“%s”：%d个单位，%d个承接主体，%d份合同，%d笔支付\n",
		ds.District, len(ds.Units), len(ds.Contractors), len(ds.Contracts), len(ds.Payments))
	return exitOK
}

func runReport(e *env, args []string) int {
	fs := newFlags(e, "report")
	year := fs.Int("year", 0, "预算年度（必填）")
	xlsxPath := fs.String("xlsx", "", "写出Excel工作簿")
	pdfPath := fs.String("pdf", "", "写出PDF汇总表")
	jsonPath := fs.String("json", "", "写出JSON（“-”为标准输出）")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	if *year < 1990 || *year > 2100 {
		fmt.Fprintln(e.stderr, "govbuy report: 请用 --year 指定年度，例如 --year 2024")
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	r, err := db.Report(e.ctx, *year)
	if err != nil {
		return fail(e, "report", err)
	}
	if *xlsxPath == "" && *pdfPath == "" && *jsonPath == "" {
		return writeOutputSummary(e, r)
	}
	// A titled document without its district is bad input: refused before
	// any file is written.
	if *xlsxPath != "" || *pdfPath != "" {
		if err := r.CheckTitled(); err != nil {
			fmt.Fprintln(e.stderr, "govbuy report: 命令行设置本区信息：govbuy district --name 区县名称 --first-year 年度")
			return fail(e, "report", err)
		}
	}
	return writeOutputs(e, r, []output{
		{*xlsxPath, reports.WriteXLSX},
		{*pdfPath, reports.WritePDF},
		{*jsonPath, reports.WriteJSON},
	})
}

// output is a file the report command writes: none when path is empty,
// standard output when it is "-".
type output struct {
	path  string
	write func(io.Writer, *govbuy.Report) error
}

// writeOutputs writes the files side by side — the writers only read the
// model, so the workbook is written while the PDF is laid out — and then
// what goes to standard output, one at a time. Every failure is reported;
// a file that fails leaves no half-written file behind (reports.WriteFile).
func writeOutputs(e *env, r *govbuy.Report, outputs []output) int {
	errs := make([]error, len(outputs))
	var wg sync.WaitGroup
	for i, o := range outputs {
		if o.path != "" && o.path != "-" {
			wg.Go(func() { errs[i] = writeOutput(e, o.path, r, o.write) })
		}
	}
	wg.Wait()
	for i, o := range outputs {
		if o.path == "-" {
			errs[i] = writeOutput(e, o.path, r, o.write)
		}
	}
	code := exitOK
	for _, err := range errs {
		if err != nil {
			fmt.Fprintf(e.stderr, "govbuy report: %s\n", govbuy.ErrorMessage(err))
			code = exitFailure
		}
	}
	return code
}

func writeOutput(e *env, path string, r *govbuy.Report, write func(io.Writer, *govbuy.Report) error) error {
	if path == "-" {
		return write(e.stdout, r)
	}
	return reports.WriteFile(path, func(w io.Writer) error { return write(w, r) })
}

// writeOutputSummary prints the headline figures when no file was asked for,
// so `govbuy report --year Y` alone is still useful.
func writeOutputSummary(e *env, r *govbuy.Report) int {
	t := r.Totals
	fmt.Fprintf(e.stdout, "%s%s年度：%d个单位，%d个承接主体，%d份合同，岗位%s种，项目%s个，合同金额%s元，支付%s元（%s万元）\n",
		r.District, strconv.Itoa(r.Year), t.Units, t.Contractors, t.Contracts,
		strconv.Itoa(t.PostTypes), strconv.Itoa(t.Projects), t.ContractAmount, t.Paid, t.Paid.Wan())
	return exitOK
}

// isFirstServerUser reports whether a server database has no user yet, so
// the first administrator may be added without signing in.
func isFirstServerUser(e *env, db *store.DB) bool {
	on, err := db.HasUsers(e.ctx)
	return err == nil && !on
}
