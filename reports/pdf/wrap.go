package pdf

import (
	"strings"
	"unicode/utf8"
)

// fpdf's MultiCell and SplitText, like gofpdf's, drop a character at every
// line break in Chinese text, so the PDF wraps text itself with wrapText.

// Closing punctuation never starts a line and opening punctuation never ends
// one (the usual 避头尾 rules); a space hangs at the end of its line.
const (
	closingPunct = "，。、；：？！）》」』】〕〗〉”’…—～％,.;:!?)]}% "
	openingPunct = "（《「『【〔〖〈“‘([{"
)

func isClosing(r rune) bool { return strings.ContainsRune(closingPunct, r) }
func isOpening(r rune) bool { return strings.ContainsRune(openingPunct, r) }

// wrapText splits a paragraph into lines at most first wide (the first line)
// and rest wide (the others), measuring with width. Chinese text breaks
// between any two characters, except that closing punctuation moves down
// with the character before it and opening punctuation with the one after;
// a run of Latin letters and digits such as "1,234.57" stays on one line
// when it fits on one. Joined, the lines give back the text exactly. A
// piece that cannot fit at all (one character wider than the line) gets a
// line of its own.
func wrapText(s string, first, rest float64, width func(rune) float64) []string {
	if s == "" {
		return []string{""}
	}
	var (
		lines []string
		start int     // byte offset where the current line starts
		used  float64 // width of the current line, trailing spaces included
		limit = first
	)
	newLine := func(at int) {
		lines = append(lines, s[start:at])
		start, used, limit = at, 0, rest
	}
	for pos := 0; pos < len(s); {
		end := segmentEnd(s, pos)
		w, hang := segmentWidth(s[pos:end], width)
		switch {
		case used+w-hang <= limit:
			used += w
		case pos > start:
			newLine(pos)
			continue // place the segment on the new line
		default:
			// A segment wider than a whole line: break it between
			// characters, still keeping closing punctuation off line starts.
			end = breakLong(s, pos, end, limit, width)
			newLine(end)
		}
		pos = end
	}
	if start < len(s) || len(lines) == 0 {
		lines = append(lines, s[start:])
	}
	return lines
}

// segmentEnd returns the end of the unbreakable piece starting at pos:
// opening punctuation, then one character or one Latin word, then closing
// punctuation.
func segmentEnd(s string, pos int) int {
	i := pos
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isOpening(r) {
			break
		}
		i += n
	}
	if i < len(s) {
		i = baseEnd(s, i)
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isClosing(r) {
			break
		}
		i += n
	}
	return i
}

// baseEnd returns the end of the character or Latin word starting at i. A
// word is letters and digits, joined by single . , : / - _ between them, as
// in "1,234.57", "2024-01-01" and "SLQ-2024-001".
func baseEnd(s string, i int) int {
	if !isWordByte(s[i]) {
		_, n := utf8.DecodeRuneInString(s[i:])
		return i + n
	}
	j := i + 1
	for j < len(s) {
		switch {
		case isWordByte(s[j]):
			j++
		case strings.IndexByte(".,:/-_", s[j]) >= 0 && j+1 < len(s) && isWordByte(s[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// segmentWidth returns a segment's width and the width of its trailing
// spaces, which may hang past the end of a line.
func segmentWidth(seg string, width func(rune) float64) (w, hang float64) {
	for _, r := range seg {
		cw := width(r)
		w += cw
		if r == ' ' {
			hang += cw
		} else {
			hang = 0
		}
	}
	return w, hang
}

// breakLong returns where to end a line that starts at pos with a segment
// (ending at end) too wide for limit: after as many characters as fit, at
// least one, moving a character down with closing punctuation that would
// otherwise start the next line.
func breakLong(s string, pos, end int, limit float64, width func(rune) float64) int {
	var used float64
	cut := pos
	for cut < end {
		r, n := utf8.DecodeRuneInString(s[cut:])
		if cut > pos && r != ' ' && used+width(r) > limit {
			break
		}
		used += width(r)
		cut += n
	}
	if cut >= end {
		return end
	}
	// Keep closing punctuation off the next line's start.
	for back := cut; back > pos; {
		next, _ := utf8.DecodeRuneInString(s[back:])
		prev, n := utf8.DecodeLastRuneInString(s[pos:back])
		if !isClosing(next) && !isOpening(prev) {
			return back
		}
		back -= n
	}
	return cut // all closing punctuation: nothing better to do
}
