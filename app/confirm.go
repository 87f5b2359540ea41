package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// messageWidth keeps a dialog's question from wrapping into a narrow column.
const messageWidth = 480

// confirmAct asks before an act with buttons that name it (确认结账 / 取消),
// never Fyne's 是 / 不: a person reads the button, not the question.
// Dangerous acts show their button in red.
func confirmAct(win fyne.Window, title, question, act string, importance widget.Importance, do func()) {
	d := dialog.NewCustomConfirm(title, act, lang.L("Cancel"), message(question), func(ok bool) {
		if ok {
			do()
		}
	}, win)
	d.SetConfirmImportance(importance)
	d.Show()
}

// message is a dialog's text, wrapped at a readable width.
func message(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(messageWidth, 0))
	return container.NewStack(width, l)
}
