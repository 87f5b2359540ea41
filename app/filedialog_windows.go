package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/sqweek/dialog"
)

// systemFileDialog asks through Windows' own Open and Save dialogs
// (comdlg32, in the system's language, with 桌面, 此电脑 and mapped network
// drives), which sqweek/dialog calls without cgo.
func systemFileDialog(req fileRequest, _ uintptr) (string, error) {
	b := dialog.File().Title(req.title)
	if len(req.exts) > 0 {
		exts := make([]string, len(req.exts))
		for i, e := range req.exts {
			exts[i] = strings.TrimPrefix(e, ".")
		}
		b = b.Filter(req.kind, exts...).Filter(lang.L("All files"), "*")
	}
	var path string
	var err error
	if req.save {
		path, err = b.SetStartFile(req.name).Save()
	} else {
		path, err = b.Load()
	}
	if errors.Is(err, dialog.ErrCancelled) {
		return "", nil
	}
	return path, err
}

// nativeWindowID is unused on Windows: sqweek/dialog takes no owner
// window, and the wait dialog keeps the window from being used meanwhile.
func nativeWindowID(fyne.Window) uintptr { return 0 }

// userDir is one of the person's folders under %USERPROFILE%.
func userDir(home, _, name string) string { return filepath.Join(home, name) }

// roots are the drives there are, C: to Z:.
func roots() []place {
	var out []place
	for d := 'C'; d <= 'Z'; d++ {
		root := string(d) + `:\`
		if _, err := os.Stat(root); err == nil {
			out = append(out, place{string(d) + ":", root})
		}
	}
	return out
}
