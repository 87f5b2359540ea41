package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// messageLine shows a message in a space whose height never changes — a
// fixed number of lines, whatever the message says, empty or not — so a
// message that appears, changes or clears while the officer types never
// moves the fields below it. Text that does not fit ends in "…"; a tap
// shows the whole of it.
type messageLine struct {
	widget.BaseWidget
	Text       string
	Importance widget.Importance
	lines      int
	cut        bool // the text did not fit when last laid out
}

func newMessageLine(lines int) *messageLine {
	m := &messageLine{lines: lines, Importance: widget.DangerImportance}
	m.ExtendBaseWidget(m)
	return m
}

// SetText shows text, keeping the importance.
func (m *messageLine) SetText(text string) {
	m.Text = text
	m.Refresh()
}

// set shows text with an importance: red for errors, amber for warnings.
func (m *messageLine) set(text string, importance widget.Importance) {
	m.Text, m.Importance = text, importance
	m.Refresh()
}

// Tapped shows the whole message when it was cut.
func (m *messageLine) Tapped(*fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(m)
	if !m.cut || c == nil {
		return
	}
	width := min(c.Size().Width-4*theme.Padding(), max(m.Size().Width, 480))
	lines, _ := wrapText(m.Text, width, measureRunes(m.textStyle()), 0)
	label := widget.NewLabel(strings.Join(lines, "\n"))
	label.Importance = m.Importance
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(m)
	widget.ShowPopUpAtPosition(label, c, fyne.NewPos(max(0, min(at.X, c.Size().Width-width)), at.Y))
}

func (m *messageLine) textStyle() (float32, fyne.TextStyle) {
	return theme.TextSize(), fyne.TextStyle{}
}

func (m *messageLine) CreateRenderer() fyne.WidgetRenderer {
	r := &messageRenderer{m: m, box: container.NewWithoutLayout()}
	for range m.lines {
		t := canvas.NewText("", theme.Color(theme.ColorNameError))
		t.TextSize = theme.TextSize()
		r.texts = append(r.texts, t)
		r.box.Add(t)
	}
	return r
}

type messageRenderer struct {
	m     *messageLine
	texts []*canvas.Text
	box   *fyne.Container
}

// lineHeight is the height of one line of message text.
func (r *messageRenderer) lineHeight() float32 {
	size, style := r.m.textStyle()
	return fyne.MeasureText("国", size, style).Height
}

func (r *messageRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, float32(r.m.lines)*r.lineHeight()+theme.Padding())
}

func (r *messageRenderer) Layout(size fyne.Size) {
	r.box.Resize(size)
	width := size.Width - 2*theme.InnerPadding()
	lines, cut := wrapText(r.m.Text, width, measureRunes(r.m.textStyle()), r.m.lines)
	r.m.cut = cut
	colour := theme.Color(importanceColor(r.m.Importance))
	for i, t := range r.texts {
		t.Text = ""
		if i < len(lines) {
			t.Text = lines[i]
		}
		t.Color = colour
		t.Move(fyne.NewPos(theme.InnerPadding(), theme.Padding()/2+float32(i)*r.lineHeight()))
		t.Refresh()
	}
}

func (r *messageRenderer) Refresh() { r.Layout(r.m.Size()) }

func (r *messageRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }

func (r *messageRenderer) Destroy() {}

// importanceColor is the colour a message of importance is written in.
func importanceColor(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.LowImportance:
		return theme.ColorNamePlaceHolder
	}
	return theme.ColorNameForeground
}

// measureRunes measures text in the given size and style.
func measureRunes(size float32, style fyne.TextStyle) func(string) float32 {
	return func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
}

// closingPunctuation never starts a line: it stays with what it closes.
const closingPunctuation = "，。；：、）》”！？,.;:)"

// wrapText breaks text into lines no wider than width, at any character
// (Chinese has no spaces to break at) and at line breaks in the text. With
// limit above 0 it returns at most limit lines, the last ending in "…" when
// text was cut; cut reports that.
func wrapText(text string, width float32, measure func(string) float32, limit int) (lines []string, cut bool) {
	for _, para := range strings.Split(text, "\n") {
		rest := []rune(para)
		if len(rest) == 0 {
			lines = append(lines, "")
			continue
		}
		for {
			n := fitRunes(rest, width, measure)
			for n < len(rest) && n > 1 && strings.ContainsRune(closingPunctuation, rest[n]) {
				n-- // carry the last character along with the punctuation
			}
			lines = append(lines, string(rest[:n]))
			rest = rest[n:]
			if len(rest) == 0 {
				break
			}
		}
	}
	if text == "" {
		lines = nil
	}
	if limit <= 0 || len(lines) <= limit {
		return lines, false
	}
	last := []rune(lines[limit-1])
	for len(last) > 0 && measure(string(last)+"…") > width {
		last = last[:len(last)-1]
	}
	return append(lines[:limit-1:limit-1], string(last)+"…"), true
}

// fitRunes is how many of rs fit in width, at least one so that a narrow
// space still makes progress.
func fitRunes(rs []rune, width float32, measure func(string) float32) int {
	lo, hi := 1, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(rs[:mid])) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
