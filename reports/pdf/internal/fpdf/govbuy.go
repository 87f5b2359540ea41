// govbuy: what this copy adds to go-pdf/fpdf for the ledger of a large
// year (see README.md): text drawn without fmt and without a map insertion
// per character, the widths of single characters, and page contents
// compressed on every CPU with reused zlib writers.

package fpdf

import (
	"bytes"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
)

// openText is the text object ShowText leaves open on the current page.
type openText struct {
	open bool
	x, y int64 // where its last line starts, in 1/100 pt
}

// shownRunes records the characters of the Basic Multilingual Plane a
// UTF-8 font has drawn, so that each goes into the font's subset
// (usedRunes) once rather than at every occurrence. Copies of a font
// definition share it, as they share usedRunes.
type shownRunes [0x10000 / 64]uint64

// add records r and reports whether it is new.
func (s *shownRunes) add(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return true
	}
	word, bit := r/64, uint64(1)<<(r%64)
	if s[word]&bit != 0 {
		return false
	}
	s[word] |= bit
	return true
}

// ShowText draws txtStr with the left end of its baseline at (x, y), in
// the current font and fill colour, as Text does. It writes straight into
// the page: consecutive calls share one text object, each line placed
// relative to the one before in exact hundredths of a point, so rounding
// never accumulates. The text object is ended by whatever is written to
// the page next (see endText), so callers need not order anything. Text
// with features ShowText does not draw (a core font, a text colour of its
// own, underline, strike-out, right to left) goes through Text.
func (f *Fpdf) ShowText(x, y float64, txtStr string) {
	if f.err != nil || txtStr == "" {
		return
	}
	if f.state != 2 || !f.isCurrentUTF8 || f.colorFlag || f.underline || f.strikeout || f.isRTL {
		f.Text(x, y, txtStr)
		return
	}
	f.markUsed(txtStr)
	px, py := hundredths(x*f.k), hundredths((f.h-y)*f.k)
	page := f.pages[f.page]
	b := page.AvailableBuffer()
	if f.text.open {
		b = appendHundredths(b, px-f.text.x)
		b = append(b, ' ')
		b = appendHundredths(b, py-f.text.y)
	} else {
		b = append(b, "BT "...)
		b = appendHundredths(b, px)
		b = append(b, ' ')
		b = appendHundredths(b, py)
	}
	f.text = openText{open: true, x: px, y: py}
	b = append(b, " Td ("...)
	b = appendUTF16Text(b, txtStr)
	b = append(b, ") Tj\n"...)
	page.Write(b)
}

// endText ends the text object ShowText left open. out, put, outbuf and
// putF64, which write everything else to the page, call it first, and
// endpage, SetPage and AddPageFormat before leaving the page, so that no
// other operator ever lands inside a text object.
func (f *Fpdf) endText() {
	if f.text.open {
		f.pages[f.page].WriteString("ET\n")
		f.text.open = false
	}
}

// markUsed adds the characters of s to the current font's subset.
func (f *Fpdf) markUsed(s string) {
	shown := f.currentFont.shown
	for _, r := range s {
		if shown == nil || shown.add(r) {
			f.currentFont.usedRunes[int(r)] = int(r)
		}
	}
}

// RuneWidth returns the advance width of r in the current font, in
// thousandths of the font size: GetStringSymbolWidth for one character,
// without converting it to a string.
func (f *Fpdf) RuneWidth(r rune) int {
	if f.err != nil {
		return 0
	}
	cw := f.currentFont.Cw
	if !f.isCurrentUTF8 {
		if r < 0 || r > 0xFF {
			return 0
		}
		return cw[r]
	}
	switch {
	case r >= 0 && int(r) < len(cw) && cw[r] > 0:
		if cw[r] == 65535 {
			return 0
		}
		return cw[r]
	case f.currentFont.Desc.MissingWidth != 0:
		return f.currentFont.Desc.MissingWidth
	}
	return 500
}

func hundredths(v float64) int64 { return int64(math.Round(v * 100)) }

// appendHundredths writes n/100 with no more decimals than it needs.
func appendHundredths(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// appendUTF16Text writes s as the string of a UTF-8 font (Identity-H):
// UTF-16BE code units, with the string delimiters, backslash and carriage
// return escaped. Invalid UTF-8 is written as U+FFFD.
func appendUTF16Text(b []byte, s string) []byte {
	b = slices.Grow(b, 2*len(s)+8)
	for _, r := range s {
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			b = appendUTF16Unit(appendUTF16Unit(b, hi), lo)
			continue
		}
		if r == utf8.RuneError {
			r = '\uFFFD'
		}
		b = appendUTF16Unit(b, r)
	}
	return b
}

func appendUTF16Unit(b []byte, u rune) []byte {
	for _, c := range [2]byte{byte(u >> 8), byte(u)} {
		if c == '\\' || c == '(' || c == ')' || c == '\r' {
			b = append(b, '\\', escapeLetter[c])
		} else {
			b = append(b, c)
		}
	}
	return b
}

// escapeLetter is the letter after the backslash of each escaped byte.
var escapeLetter = [256]byte{'\\': '\\', '(': '(', ')': ')', '\r': 'r'}

// compressPages deflates the content of pages 1..nb, sharing the work among
// the CPUs (at most 4: more gains little and costs memory), and releases
// each page's uncompressed content once it is compressed. Go's deflate
// allocates about 1.3 MB per new writer, more than a page of a ledger
// costs to lay out, so the writers are reused (see xmem.compress).
func (f *Fpdf) compressPages(nb int) [][]byte {
	out := make([][]byte, nb+1) // 1-based, like f.pages
	workers := max(1, min(runtime.GOMAXPROCS(0), 4, nb))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for n := int(next.Add(1)); n <= nb; n = int(next.Add(1)) {
				mem := xmem.compress(f.pages[n].Bytes())
				out[n] = mem.copy()
				mem.release()
				f.pages[n] = nil
			}
		})
	}
	wg.Wait()
	return out
}

// putMaybeCompressed writes a stream's dictionary and data, deflated when
// the document is compressed.
func (f *Fpdf) putMaybeCompressed(data []byte) {
	if !f.compress {
		f.out("<</Length " + strconv.Itoa(len(data)) + ">>")
		f.putstream(data)
		return
	}
	mem := xmem.compress(data)
	defer mem.release()
	f.out("<</Filter /FlateDecode /Length " + strconv.Itoa(len(mem.bytes())) + ">>")
	f.putstream(mem.bytes())
}

// usePageSize makes page n's size and orientation the current ones, as
// beginpage does for a new page.
func (f *Fpdf) usePageSize(n int) {
	w, h := f.defPageSize.Wd, f.defPageSize.Ht
	if f.defOrientation == "L" {
		w, h = h, w
	}
	if sz, ok := f.pageSizes[n]; ok {
		w, h = sz.Wd/f.k, sz.Ht/f.k
	}
	f.w, f.h, f.wPt, f.hPt = w, h, w*f.k, h*f.k
	f.pageBreakTrigger = f.h - f.bMargin
	f.curOrientation, f.curPageSize = "P", SizeType{Wd: w, Ht: h}
	if w > h {
		f.curOrientation, f.curPageSize = "L", SizeType{Wd: h, Ht: w}
	}
}

// newPageBuffer returns the content buffer of a new page, as large as the
// last page's content: pages of a ledger are alike, and a buffer grown
// from empty to a page's tens of KB copies it many times over.
func (f *Fpdf) newPageBuffer() *bytes.Buffer {
	size := 0
	if last := len(f.pages) - 1; last > 0 {
		size = f.pages[last].Len() + f.pages[last].Len()/8
	}
	return bytes.NewBuffer(make([]byte, 0, size))
}

func totalLen(streams [][]byte) int {
	n := 0
	for _, s := range streams {
		n += len(s)
	}
	return n
}
