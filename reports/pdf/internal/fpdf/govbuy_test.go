package fpdf

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"govbuy/assets"
	"govbuy/reports/internal/pdfcheck"
)

// newDoc starts an A4 document in mm with govbuy's font selected.
func newDoc(t *testing.T) *Fpdf {
	t.Helper()
	f := NewCustom(&InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.AddUTF8FontFromBytes("noto", "", assets.FontRegular)
	f.SetFont("noto", "", 10)
	if err := f.Error(); err != nil {
		t.Fatal(err)
	}
	return f
}

// output writes f and returns what pdfcheck reads from it.
func output(t *testing.T, f *Fpdf) *pdfcheck.File {
	t.Helper()
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	file, err := pdfcheck.Check(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return file
}

// TestShowTextEndsItsTextObject: whatever is called after ShowText, the
// operators it writes land outside ShowText's text object (pdfcheck fails
// a path or a q inside one, and text outside one), and the text is kept.
func TestShowTextEndsItsTextObject(t *testing.T) {
	calls := map[string]func(f *Fpdf){
		"Line":           func(f *Fpdf) { f.Line(10, 10, 50, 10) },
		"Rect":           func(f *Fpdf) { f.Rect(10, 10, 20, 20, "F") },
		"SetFillColor":   func(f *Fpdf) { f.SetFillColor(200, 200, 200) },
		"SetLineWidth":   func(f *Fpdf) { f.SetLineWidth(0.5) },
		"SetDashPattern": func(f *Fpdf) { f.SetDashPattern([]float64{1, 1}, 0) },
		"SetFontSize":    func(f *Fpdf) { f.SetFontSize(12) },
		"SetFont":        func(f *Fpdf) { f.SetFont("noto", "", 9) },
		"Text":           func(f *Fpdf) { f.Text(10, 40, "旧路") },
		"TransformBegin": func(f *Fpdf) { f.TransformBegin(); f.TransformEnd() },
		"RawWriteStr":    func(f *Fpdf) { f.RawWriteStr("0 0 m 1 1 l S") },
		"AddPage":        func(f *Fpdf) { f.AddPage() },
		"SetPage":        func(f *Fpdf) { f.AddPage(); f.SetPage(1) },
		"AddPage after SetPage": func(f *Fpdf) {
			f.AddPage()
			f.SetPage(1)
			f.ShowText(10, 60, "回到")
			f.AddPage()
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			f := newDoc(t)
			f.AddPage()
			f.ShowText(10, 20, "第一行")
			f.ShowText(10, 25, "第二行")
			call(f)
			f.ShowText(10, 30, "之后")
			var text []string
			for _, p := range output(t, f).Pages {
				text = append(text, p.Text...)
			}
			got := strings.Join(text, "|")
			if !strings.HasPrefix(got, "第一行|第二行|") || !strings.Contains(got, "之后") {
				t.Errorf("text %q", got)
			}
		})
	}
}

// TestShowTextWritesWhatTextWrites: the same characters, escaped the same
// way, placed at the same point to the hundredth of a point. (Beyond the
// BMP, Text writes garbage and ShowText a surrogate pair; govbuy replaces
// such characters before drawing.)
func TestShowTextWritesWhatTextWrites(t *testing.T) {
	for _, s := range []string{"合同(2024)\\附件", "回车\r后", "A", "（）"} {
		fast, slow := newDoc(t), newDoc(t)
		fast.AddPage()
		slow.AddPage()
		// at 34.99 pt, 649.44 pt: two decimals, as Text's %.2f writes them
		fast.ShowText(12.345, 67.891, s)
		slow.Text(12.345, 67.891, s)
		fast.endText()
		want := strings.TrimSuffix(slow.pages[1].String(), " ET\n")
		got := strings.TrimSuffix(fast.pages[1].String(), "\nET\n")
		if got != want {
			t.Errorf("%q: ShowText wrote\n%q\nText writes\n%q", s, got, want)
		}
	}
}

// TestShowTextPlacesLinesExactly: each line of a text object is placed
// relative to the one before in hundredths of a point, which add up to
// exactly where the last line is meant to be: no rounding accumulates.
func TestShowTextPlacesLinesExactly(t *testing.T) {
	f := newDoc(t)
	f.AddPage()
	const step = 3.3333 // mm, not a whole number of hundredths of a point
	for i := range 100 {
		f.ShowText(15, 20+float64(i)*step, "行")
	}
	var x, y int64 // in hundredths of a point
	for _, line := range strings.Split(f.pages[1].String(), "\n") {
		var dx, dy float64
		if _, err := fmt.Sscanf(strings.TrimPrefix(line, "BT "), "%g %g Td", &dx, &dy); err == nil {
			x, y = x+hundredths(dx), y+hundredths(dy)
		}
	}
	if wantX, wantY := hundredths(15*f.k), hundredths((297-20-99*step)*f.k); x != wantX || y != wantY {
		t.Errorf("last line at (%d, %d)/100 pt, want (%d, %d)", x, y, wantX, wantY)
	}
}

// TestSetPageUsesThatPagesSize: text drawn on a portrait page revisited
// after a landscape one is placed by the portrait page's height.
func TestSetPageUsesThatPagesSize(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	f := newDoc(t)
	f.AddPageFormat("P", SizeType{Wd: 210, Ht: 297})
	f.AddPageFormat("L", SizeType{Wd: 210, Ht: 297})
	f.SetPage(1)
	if w, h := f.GetPageSize(); !near(w, 210) || !near(h, 297) {
		t.Fatalf("page 1 is %v × %v mm after SetPage", w, h)
	}
	f.ShowText(10, 10, "页脚")
	if want := "BT 28.35 813.54 Td"; !strings.Contains(f.pages[1].String(), want) {
		t.Errorf("page 1 content %q lacks %q", f.pages[1].String(), want)
	}
	f.SetPage(2)
	if w, h := f.GetPageSize(); !near(w, 297) || !near(h, 210) {
		t.Errorf("page 2 is %v × %v mm after SetPage", w, h)
	}
}

// TestCompressedPagesReadBack: pages deflated on several goroutines with
// reused writers inflate to what was drawn, each page its own.
func TestCompressedPagesReadBack(t *testing.T) {
	f := newDoc(t)
	for p := range 40 {
		f.AddPage()
		for i := range p * 10 {
			f.ShowText(15, 20+float64(i%50)*5, fmt.Sprintf("第%d页第%d行", p+1, i))
		}
	}
	file := output(t, f)
	if len(file.Pages) != 40 {
		t.Fatalf("%d pages", len(file.Pages))
	}
	for p, page := range file.Pages {
		if len(page.Text) != p*10 {
			t.Errorf("page %d: %d lines, want %d", p+1, len(page.Text), p*10)
			continue
		}
		for i, line := range page.Text {
			if want := fmt.Sprintf("第%d页第%d行", p+1, i); line != want {
				t.Errorf("page %d line %d: %q, want %q", p+1, i, line, want)
				break
			}
		}
	}
}

func TestRuneWidthIsGetStringSymbolWidth(t *testing.T) {
	f := newDoc(t)
	for _, r := range "A中，１ \u3000□\uFFFF" {
		if got, want := f.RuneWidth(r), f.GetStringSymbolWidth(string(r)); got != want {
			t.Errorf("%q: RuneWidth %d, GetStringSymbolWidth %d", r, got, want)
		}
	}
}
