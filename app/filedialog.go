package app

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fileRequest is what a file dialog asks for.
type fileRequest struct {
	title string
	save  bool
	name  string // the suggested file name, when saving
	// exts are the files shown (".xlsx"); the first is added to a saved
	// name that has none of them. None means any file.
	exts []string
	kind string // what the files are, for the system dialog's filter: "Excel 工作簿"
}

// errNoSystemDialog says the system has no file dialog govbuy can start:
// the window's own is used instead.
var errNoSystemDialog = errors.New("no system file dialog")

// chooseFile asks for a file to open or a place to save one, and calls
// picked on the UI goroutine with its path; a cancelled dialog calls
// nothing. It uses the system's own dialog when sh.systemDialogs is set
// and the system has one — officers know it, and its 桌面, Chinese folders
// and network drives — else the window's own. Neither creates the file:
// the caller writes it whole (reports.WriteFile) and shows any error,
// so a path that cannot be written is never met with silence.
func chooseFile(sh *shell, req fileRequest, picked func(path string)) {
	if !sh.systemDialogs {
		newFileDialog(sh, req, picked).show()
		return
	}
	wait := dialog.NewCustomWithoutButtons(req.title, message(lang.L("Choose in the system's file dialog.")), sh.win)
	wait.Show()
	parent := nativeWindowID(sh.win)
	go func() {
		path, err := systemFileDialog(req, parent)
		fyne.Do(func() {
			wait.Hide()
			switch {
			case errors.Is(err, errNoSystemDialog):
				newFileDialog(sh, req, picked).show()
			case err != nil:
				dialog.ShowError(errors.New(lang.L("The system's file dialog failed: {{.Error}}", map[string]any{"Error": err.Error()})), sh.win)
				newFileDialog(sh, req, picked).show()
			case path != "":
				confirmPath(sh, req, path, picked)
			}
		})
	}()
}

// confirmPath completes a chosen path: a saved name gets its extension,
// and a file that the extension makes an existing one is replaced only
// when the person says so (the system dialog asked about the name as
// typed).
func confirmPath(sh *shell, req fileRequest, path string, picked func(string)) {
	if !req.save {
		picked(path)
		return
	}
	full := withExtension(path, req.exts)
	if full == path || !exists(full) {
		picked(full)
		return
	}
	confirmReplace(sh, full, func() { picked(full) })
}

func confirmReplace(sh *shell, path string, replace func()) {
	confirmAct(sh.win, lang.L("Replace the file?"), lang.L("“{{.Path}}” already exists. Replace it?", map[string]any{"Path": path}),
		lang.L("Replace"), widget.DangerImportance, replace)
}

// withExtension adds exts[0] to a path that has none of exts.
func withExtension(path string, exts []string) string {
	if len(exts) == 0 || hasExtension(path, exts) {
		return path
	}
	return path + exts[0]
}

func hasExtension(path string, exts []string) bool {
	return len(exts) == 0 || slices.ContainsFunc(exts, func(e string) bool { return strings.EqualFold(filepath.Ext(path), e) })
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// fileDialog is the window's own file dialog, in the window's language:
// Fyne's writes Home, Computer, Overwrite? and Cancel in English whatever
// the language. A folder row (typed or reached by the places and the
// list), the files there, and a name, which may also be typed as a whole
// path.
type fileDialog struct {
	sh      *shell
	req     fileRequest
	picked  func(string)
	dir     string
	entries []os.DirEntry
	folder  *widget.Entry
	name    *widget.Entry
	list    *widget.List
	problem *widget.Label
	dlg     dialog.Dialog
}

func newFileDialog(sh *shell, req fileRequest, picked func(string)) *fileDialog {
	f := &fileDialog{sh: sh, req: req, picked: picked, folder: widget.NewEntry(), name: widget.NewEntry()}
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Truncation = fyne.TextTruncateEllipsis
	f.folder.OnSubmitted = func(dir string) { f.open(dir) }
	f.name.SetText(req.name)
	f.name.OnSubmitted = func(string) { f.confirm() }
	f.list = widget.NewList(func() int { return len(f.entries) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			icon := theme.FileIcon()
			if f.entries[i].IsDir() {
				icon = theme.FolderIcon()
			}
			row.Objects[0].(*widget.Icon).SetResource(icon)
			row.Objects[1].(*widget.Label).SetText(f.entries[i].Name())
		})
	f.list.OnSelected = f.choose
	start, err := os.UserHomeDir()
	if err != nil {
		start, _ = os.Getwd()
	}
	f.open(start)
	return f
}

func (f *fileDialog) show() {
	act := lang.L("Open")
	if f.req.save {
		act = lang.L("Save")
	}
	ok := widget.NewButton(act, f.confirm)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dlg.Hide() })
	up := widget.NewButtonWithIcon(lang.L("Up"), theme.MoveUpIcon(), func() { f.open(filepath.Dir(f.dir)) })
	row := container.NewHBox(up)
	for _, p := range places() {
		row.Add(widget.NewButton(p.label, func() { f.open(p.path) }))
	}
	top := container.NewVBox(row, widget.NewForm(widget.NewFormItem(lang.L("Folder"), f.folder)))
	bottom := container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("File name"), f.name)), f.problem,
		container.NewHBox(layout.NewSpacer(), cancel, ok))
	f.dlg = dialog.NewCustomWithoutButtons(f.req.title, container.NewBorder(top, bottom, nil, nil, f.list), f.sh.win)
	f.dlg.Resize(fyne.NewSize(760, 500))
	f.dlg.Show()
}

// open shows dir's folders and the files asked for, or says why it cannot.
func (f *fileDialog) open(dir string) {
	dir = filepath.Clean(strings.TrimSpace(dir))
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.say(lang.L("Cannot open the folder “{{.Path}}”", map[string]any{"Path": dir}))
		f.folder.SetText(f.dir)
		return
	}
	f.dir, f.entries = dir, f.entries[:0]
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() || hasExtension(e.Name(), f.req.exts) {
			f.entries = append(f.entries, e)
		}
	}
	slices.SortStableFunc(f.entries, func(a, b os.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name(), b.Name())
	})
	f.folder.SetText(dir)
	f.say("")
	f.list.UnselectAll()
	f.list.Refresh()
	f.list.ScrollToTop()
}

// choose enters a folder, or takes a file's name.
func (f *fileDialog) choose(i widget.ListItemID) {
	e := f.entries[i]
	if e.IsDir() {
		f.open(filepath.Join(f.dir, e.Name()))
		return
	}
	f.name.SetText(e.Name())
}

// confirm checks the chosen path before handing it on: a file to open
// must be one, a file to save needs a folder that exists, and an
// existing file is replaced only when the person says so.
func (f *fileDialog) confirm() {
	name := strings.TrimSpace(f.name.Text)
	if name == "" {
		f.say(lang.L("Write a file name"))
		return
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(f.dir, name)
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		f.open(path)
	case !f.req.save && err != nil:
		f.say(lang.L("File not found: {{.Path}}", map[string]any{"Path": path}))
	case !f.req.save:
		f.done(path)
	default:
		f.save(withExtension(path, f.req.exts))
	}
}

func (f *fileDialog) save(path string) {
	if dir, err := os.Stat(filepath.Dir(path)); err != nil || !dir.IsDir() {
		f.say(lang.L("The folder “{{.Path}}” does not exist", map[string]any{"Path": filepath.Dir(path)}))
		return
	}
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			f.say(lang.L("“{{.Path}}” is a folder", map[string]any{"Path": path}))
			return
		}
		confirmReplace(f.sh, path, func() { f.done(path) })
		return
	}
	f.done(path)
}

func (f *fileDialog) done(path string) {
	f.dlg.Hide()
	f.picked(path)
}

func (f *fileDialog) say(problem string) { f.problem.SetText(problem) }

// place is a folder the dialog offers at one click.
type place struct{ label, path string }

// places are the person's home, desktop, documents and downloads (by the
// names the system gives them: ~/桌面 on a Chinese Linux desktop), and the
// drives or the file system's root.
func places() []place {
	home, err := os.UserHomeDir()
	if err != nil {
		return roots()
	}
	out := []place{{lang.L("Home folder"), home}}
	for _, p := range []place{
		{lang.L("Desktop"), userDir(home, "DESKTOP", "Desktop")},
		{lang.L("Documents"), userDir(home, "DOCUMENTS", "Documents")},
		{lang.L("Downloads"), userDir(home, "DOWNLOAD", "Downloads")},
	} {
		if info, err := os.Stat(p.path); err == nil && info.IsDir() {
			out = append(out, p)
		}
	}
	return append(out, roots()...)
}

// saveRequest asks where to save a file, suggesting name; its extension
// is the kind of file.
func saveRequest(name string) fileRequest {
	ext := filepath.Ext(name)
	return fileRequest{title: lang.L("Save as"), save: true, name: name, exts: []string{ext}, kind: fileKind(ext)}
}

// openRequest asks for a file to open, of exts (any file without).
func openRequest(title string, exts ...string) fileRequest {
	req := fileRequest{title: title, exts: exts}
	if len(exts) > 0 {
		req.kind = fileKind(exts[0])
	}
	return req
}

// fileKind names a kind of file for the system dialog's filter.
func fileKind(ext string) string {
	switch strings.ToLower(ext) {
	case ".xlsx", ".xls", ".xlsm", ".csv":
		return lang.L("Spreadsheets")
	case ".pdf":
		return lang.L("PDF documents")
	case ".db":
		return lang.L("Database backups")
	}
	return lang.L("All files")
}
