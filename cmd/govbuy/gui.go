package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/app"
	"govbuy/assets"
	"govbuy/reports"
	"govbuy/store"
)

// appID matches FyneApp.toml; Fyne keeps its preferences under it.
const appID = "cn.gov.govbuy"

// runGUI opens the window over the database. One window holds a database
// at a time; a second one says who holds it and closes. A backup of the day
// is taken once the window is usable and again when it closes.
// Without a display or OpenGL it says so and ends (graphics.go).
// GOVBUY_TRACE_STARTUP=1 prints how long the window took to become usable,
// for make bench.
func runGUI(e *env) int {
	started := time.Now()
	// Checked before the database is locked: a window that cannot open
	// must never keep the next one out.
	if p := graphicsMissing(func(p *graphicsProblem) {
		// The probe is stuck in the driver; nothing is open or locked
		// yet, so the process can end here.
		reportGraphicsProblem(e.stderr, e.dbPath, p)
		os.Exit(exitFailure)
	}); p != nil {
		reportGraphicsProblem(e.stderr, e.dbPath, p)
		return exitFailure
	}
	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if !store.IsServerURL(e.dbPath) {
		// A server database has no file to lock or replace: many windows
		// share it.
		lock, err := store.AcquireLock(e.dbPath)
		if err != nil {
			return refuseWindow(e, fa, err)
		}
		defer lock.Release()
	}
	endAfterSignal(e, signalGrace)
	restorePending(e)
	db, err := store.Open(e.dbPath)
	if err != nil {
		return refuseWindow(e, fa, govbuy.Errorf(govbuy.ErrorKindOf(err), "", "无法打开数据库“%s”：%s", e.dbPath, govbuy.ErrorMessage(err)))
	}
	defer db.Close()
	if err := signIn(e, db); err != nil {
		return refuseWindow(e, fa, err)
	}
	defer autoBackup(e, db)
	fa.Settings().SetTheme(app.Theme())
	// Once roles are on, the window opens for whoever signs in; on a
	// server database they are on from the start.
	if err := requireServerSignIn(e, db); err != nil && isFirstServerUser(e, db) {
		return refuseWindow(e, fa, err)
	}
	if on, err := db.HasUsers(e.ctx); err == nil && on && govbuy.UserFrom(e.ctx) == nil {
		signInWindow(e, fa, db, func(u *govbuy.User) { openMain(e, fa, db, govbuy.WithUser(e.ctx, u), started) })
	} else {
		openMain(e, fa, db, e.ctx, started)
	}
	fa.Run()
	return exitOK
}

// openMain builds and shows the main window acting as ctx's user.
func openMain(e *env, fa fyne.App, db *store.DB, ctx context.Context, started time.Time) {
	e.ctx = ctx
	ui := app.New(ctx, fa, db)
	ui.FirstRun = true
	ui.SystemFileDialogs = true
	ui.OnLoadDemo = func(replace bool) error { return db.LoadDataset(e.ctx, assets.Demo(), replace) }
	ui.OnPrintPaymentForm = func(r app.FormRequest) (string, error) { return printPaymentForm(e, db, r) }
	trace := os.Getenv("GOVBUY_TRACE_STARTUP") != ""
	ui.OnFirstLoad = func() {
		if trace {
			fmt.Fprintf(e.stderr, "startup: window usable after %d ms\n", time.Since(started).Milliseconds())
		}
		go func() {
			// The day's first backup waits until the window is usable, so
			// it never slows the start.
			autoBackup(e, db)
			// Parsing the fonts and copying the database leave tens of
			// megabytes of garbage; hand those pages back to the system
			// rather than keep them for a peak that does not come again.
			debug.FreeOSMemory()
		}()
	}
	ui.Window().SetMaster()
	ui.Start()
	followChanges(e, ui, db)
}

// signInWindow asks for a name and password once roles are on, and calls
// done with the user who signed in.
func signInWindow(e *env, fa fyne.App, users govbuy.UserService, done func(*govbuy.User)) {
	w := fa.NewWindow("政府购买服务管理 — 登录")
	name, password := widget.NewEntry(), widget.NewPasswordEntry()
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	submit := func() {
		u, err := users.Authenticate(e.ctx, name.Text, password.Text)
		if err != nil {
			msg.SetText(govbuy.ErrorMessage(err))
			return
		}
		done(u)
		w.Close()
	}
	password.OnSubmitted = func(string) { submit() }
	form := widget.NewForm(widget.NewFormItem("用户名", name), widget.NewFormItem("密码", password))
	w.SetContent(container.NewVBox(form, msg, container.NewCenter(widget.NewButton("登录", submit))))
	w.Resize(fyne.NewSize(420, 200))
	w.Show()
}

// printPaymentForm writes the approval form asked for into a folder of its
// own under the system's temporary folder, named by the form's number (or
// the contract and period before payment), and returns its path; the 支付
// screen hands it to the system to print.
func printPaymentForm(e *env, forms govbuy.SettlementService, r app.FormRequest) (string, error) {
	form, err := findPaymentForm(e, forms, r.Payment, r.Contract, r.Period)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "govbuy-print-")
	if err != nil {
		return "", err
	}
	name := "支付审批表-" + form.ContractNumber + "-" + form.Period + ".pdf"
	if form.Recorded() {
		name = "支付审批表-" + form.Number.String() + "-" + form.ContractNumber + ".pdf"
	}
	path := filepath.Join(dir, safeFileName(name))
	return path, reports.WriteFile(path, func(w io.Writer) error { return reports.WritePaymentForm(w, form) })
}

// safeFileName replaces the characters Windows refuses in a file name (a
// contract number may hold a slash).
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
}

// signalGrace is how long a signalled window has to close: its closing
// backup of a large database takes seconds, a shutdown waits little longer.
const signalGrace = 30 * time.Second

// endAfterSignal makes sure SIGTERM or Ctrl+C ends the process. Fyne closes
// the window on either and runGUI's deferred work takes the closing backup
// and releases the lock; but once, with an input method running, the window
// closed and the process stayed blocked in poll, holding the database lock
// until killed. Past grace the process ends regardless: every write is a
// transaction, and the system drops the locks of a process that ends.
func endAfterSignal(e *env, grace time.Duration) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-signals
		time.Sleep(grace)
		fmt.Fprintln(e.stderr, "govbuy: 窗口未能按时关闭，已强制结束；数据库未受影响")
		os.Exit(exitFailure)
	}()
}

// autoBackup keeps the day's backup; a failure is reported, never fatal:
// the officer's work goes on and the next start tries again.
func autoBackup(e *env, backups govbuy.BackupService) {
	if path, err := backups.AutoBackup(e.ctx, time.Now()); err != nil {
		fmt.Fprintf(e.stderr, "govbuy: 自动备份失败：%s\n", govbuy.ErrorMessage(err))
	} else if os.Getenv("GOVBUY_TRACE_STARTUP") != "" {
		fmt.Fprintf(e.stderr, "backup: %s\n", path)
	}
}

// refuseWindow tells a person who started the window (often without a
// console) why it cannot open, in a small window of its own.
func refuseWindow(e *env, fa fyne.App, err error) int {
	fa.Settings().SetTheme(app.Theme())
	msg := govbuy.ErrorMessage(err)
	fmt.Fprintln(e.stderr, "govbuy:", msg)
	w := fa.NewWindow("政府购买服务管理")
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, container.NewCenter(widget.NewButton("关闭", fa.Quit)), nil, nil, label))
	w.Resize(fyne.NewSize(460, 180))
	w.ShowAndRun()
	return exitFailure
}

// restorePending carries out a restore chosen in 设置, before the database
// file is opened.
func restorePending(e *env) {
	if store.IsServerURL(e.dbPath) {
		return
	}
	if src, kept, err := store.RestorePending(e.ctx, e.dbPath); err != nil {
		fmt.Fprintf(e.stderr, "govbuy: 恢复“%s”失败，数据库未改动：%s\n", src, govbuy.ErrorMessage(err))
	} else if src != "" {
		fmt.Fprintf(e.stderr, "govbuy: 已从“%s”恢复，原数据库另存为“%s”\n", src, kept)
	}
}

// followChanges lets the window follow other officers' changes to a shared
// server database, for as long as the program runs.
func followChanges(e *env, ui *app.UI, db *store.DB) {
	changes, err := db.Changes(e.ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "govbuy: 无法接收其他人的修改通知（窗口仍可用，切换页面时会重新读取）：%s\n", govbuy.ErrorMessage(err))
		return
	}
	ui.FollowChanges(changes)
}
