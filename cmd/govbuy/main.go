// Command govbuy is 政府购买服务管理: with no subcommand it opens the window,
// otherwise it runs one of the stable command-line tasks in DESIGN.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"govbuy"
	// Imported first for its init: it fixes the locale before Fyne's
	// packages read it (see its doc).
	_ "govbuy/internal/locale"
	"govbuy/store"
)

// Exit statuses are part of the stable command line.
const (
	exitOK      = 0
	exitInput   = 1 // the input had problems; nothing was written
	exitFailure = 2 // usage error or the program failed
)

// Set by the Makefile through -ldflags.
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	limitMemory()
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// memoryLimit is the soft limit on the program's Go memory. By default the
// collector lets a heap that keeps L live grow to 2L before collecting: a
// 100,000-row import keeps some 110 MB live as its plan ends, and went past
// 200 MB, the budget DESIGN.md gives the program. Near the limit the
// collector runs sooner instead (on the second core, which an import
// leaves idle), and never takes more than half the CPU, so a file that
// truly needs more still imports, only slower.
const memoryLimit = 160 << 20

// limitMemory applies memoryLimit, unless GOMEMLIMIT sets one.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// env carries what every command needs; tests build one with buffers.
type env struct {
	ctx    context.Context
	dbPath string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name  string
	usage string
	run   func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"demo", "demo [--force]                     载入示例区县数据（--force 替换全部数据；启用权限后须管理员）", runDemo},
		{"import", "import [--as 类型] [--dry-run] [--map '表头=字段']... [--json] 文件...  导入旧台账", runImport},
		{"reconcile", "reconcile --year Y [--match '凭证号=合同编号']... [--xlsx F] [--json] 文件...  国库集中支付明细与支付记录对账", runReconcile},
		{"report", "report --year Y [--xlsx F] [--pdf F] [--json F]  年度报告", runReport},
		{"export", "export ocds|notice|disclosure …            OCDS发布包、合同公告（--contract NO）、87号文信息公开表", runExport},
		{"payment-form", "payment-form --contract 编号 [--period 期间] | --payment ID  --pdf 文件  支付审批表（已付款的打印该笔支付）", runPaymentForm},
		{"backup", "backup 文件                        备份数据库（程序运行时也可）", runBackup},
		{"connect", "connect [postgres://用户@主机/库名 | --off]  本机改用（或不再用）单位的服务器数据库（口令放在 pgpass 中）", runConnect},
		{"migrate", "migrate --to postgres://用户@主机/库名      把本机数据库文件整体迁入空的服务器数据库并核对（须管理员）", runMigrate},
		{"restore", "restore 文件 [--reason 理由] [--wait 30s]  检查备份后恢复，原数据库另存（启用权限后须管理员）", runRestore},
		{"year", "year close 年度 | year reopen 年度 --reason 理由  年度结账/反结账", runYear},
		{"user", "user add 用户名 --role 角色           添加用户（启用权限后须管理员登录）", runUser},
		{"district", "district [--name 区县名称 [--bureau 财政局] --first-year 年度] [--ocid-prefix 前缀]  查看或设置本区信息（报告标题用）和OCDS前缀（启用权限后须管理员）", runDistrict},
		{"check", "check [--json]                     数据库完整性检查和合规提示", runCheck},
		{"version", "version                            版本、提交和数据库结构版本", runVersion},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("govbuy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "数据库文件或服务器数据库地址 postgres://…（默认 $GOVBUY_DB，否则 govbuy connect 保存的服务器，否则用户配置目录下的 govbuy.db）")
	fs.Usage = func() { printUsage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitFailure
	}
	path, err := resolveDBPath(*dbPath)
	if err != nil {
		fmt.Fprintln(stderr, "govbuy:", err)
		return exitFailure
	}
	e := &env{ctx: govbuy.WithActor(ctx, store.OSActor()), dbPath: path, stdin: os.Stdin, stdout: stdout, stderr: stderr}
	rest := fs.Args()
	if len(rest) == 0 {
		return runGUI(e)
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return c.run(e, rest[1:])
		}
	}
	fmt.Fprintf(stderr, "govbuy: 未知命令“%s”\n", rest[0])
	printUsage(stderr, fs)
	return exitFailure
}

func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "用法: govbuy [--db 文件] [命令]")
	fmt.Fprintln(w, "不带命令时打开图形界面。命令：")
	for _, c := range commands() {
		fmt.Fprintln(w, "  govbuy "+c.usage)
	}
	fs.PrintDefaults()
}

// resolveDBPath applies the documented order: --db, $GOVBUY_DB, the
// server database saved by govbuy connect, then govbuy.db in the user's
// config directory (created when missing).
func resolveDBPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := os.Getenv("GOVBUY_DB"); p != "" {
		return p, nil
	}
	if p, err := savedServer(); p != "" || err != nil {
		return p, err
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到用户配置目录，请用 --db 指定数据库文件: %w", err)
	}
	dir = filepath.Join(dir, "govbuy")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("无法创建数据目录 %s: %w", dir, err)
	}
	return filepath.Join(dir, "govbuy.db"), nil
}

// fail prints err the way a person should read it and picks the exit
// status: bad input is 1; a failure, or a database another program held
// past the wait (nothing wrong with the input), is 2.
func fail(e *env, op string, err error) int {
	fmt.Fprintf(e.stderr, "govbuy %s: %s\n", op, govbuy.ErrorMessage(err))
	switch govbuy.ErrorKindOf(err) {
	case govbuy.EInternal, govbuy.EUnavailable:
		return exitFailure
	}
	return exitInput
}

// newFlags returns a flag set for a subcommand that reports usage errors on
// stderr instead of exiting.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("govbuy "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}
