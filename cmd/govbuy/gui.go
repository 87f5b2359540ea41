package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"govbuy/app"
	"govbuy/assets"
)

// appID matches FyneApp.toml; Fyne keeps its preferences under it.
const appID = "cn.gov.govbuy"

// runGUI opens the window over the database.
func runGUI(e *env) int {
	db, code := openDB(e)
	if db == nil {
		return code
	}
	defer db.Close()
	fa := fyneapp.NewWithID(appID)
	fa.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	ui := app.New(e.ctx, fa, db)
	ui.OnLoadDemo = func() error { return db.LoadDataset(e.ctx, assets.Demo(), false) }
	ui.ShowAndRun()
	return exitOK
}
