package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"govbuy/app"
	"govbuy/assets"
)

// appID matches FyneApp.toml; Fyne keeps its preferences under it.
const appID = "cn.gov.govbuy"

// runGUI opens the window over the database. GOVBUY_TRACE_STARTUP=1 prints
// how long the window took to become usable, for make bench.
func runGUI(e *env) int {
	started := time.Now()
	db, code := openDB(e)
	if db == nil {
		return code
	}
	defer db.Close()
	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	ui := app.New(e.ctx, fa, db)
	ui.OnLoadDemo = func() error { return db.LoadDataset(e.ctx, assets.Demo(), false) }
	if os.Getenv("GOVBUY_TRACE_STARTUP") != "" {
		ui.OnFirstLoad = func() {
			fmt.Fprintf(e.stderr, "startup: window usable after %d ms\n", time.Since(started).Milliseconds())
		}
	}
	ui.ShowAndRun()
	return exitOK
}
