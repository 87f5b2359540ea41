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

// unitChars are the measure words and units that follow a number in report
// prose ("709.5分", "4057.91万元", "75份", "2024年度"): a line never ends
// between a number and them.
const (
	unitChars    = "万亿千百元角分个份种类项次条人名户家所号位件期年月日天周季度岁倍"
	maxUnitRunes = 2
)

// A bracketed group with at most maxShortGroup characters inside
// ("（公益二类）", "“定向招聘”", "（占25.1%）") is not broken; a longer one
// breaks like running text.
const maxShortGroup = 8

// bracketPairs maps each opening bracket to its closing one.
var bracketPairs = map[rune]rune{
	'（': '）', '(': ')', '《': '》', '「': '」', '『': '』', '【': '】',
	'〔': '〕', '〖': '〗', '〈': '〉', '“': '”', '‘': '’', '[': ']', '{': '}',
}

// minLastLine is the fewest characters a paragraph's last line may hold
// when it has more than one: two characters alone ("整。") look like a
// mistake on a signed page.
const minLastLine = 3

// wrapText splits a paragraph into lines at most first wide (the first line)
// and rest wide (the others), measuring with width. Chinese text breaks
// between any two characters, except that closing punctuation moves down
// with the character before it and opening punctuation with the one after;
// a run of Latin letters and digits such as "1,234.57" stays on one line
// when it fits on one, and so does a number with its unit ("709.5分") and
// a short bracketed group ("（公益二类）"); the last line holds at least
// minLastLine characters when the one above can spare them. Joined, the
// lines give back the text exactly. A piece that cannot fit at all (one
// character wider than the line) gets a line of its own.
func wrapText(s string, first, rest float64, width func(rune) float64) []string {
	if s == "" {
		return []string{""}
	}
	lines := breakLines(s, first, rest, width)
	fillLastLine(s, lines, rest, width)
	return lines
}

// breakLines breaks s greedily.
func breakLines(s string, first, rest float64, width func(rune) float64) []string {
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

// fillLastLine moves the break above a last line shorter than minLastLine
// back to an earlier place the line above may break: the latest that gives
// the last line enough characters, if the last line then still fits rest.
// The lines are consecutive pieces of s.
func fillLastLine(s string, lines []string, rest float64, width func(rune) float64) {
	n := len(lines)
	if n < 2 || runeCount(lines[n-1]) >= minLastLine {
		return
	}
	both := s[len(s)-len(lines[n-2])-len(lines[n-1]):]
	cut := -1
	for pos := segmentEnd(both, 0); pos < len(lines[n-2]); pos = segmentEnd(both, pos) {
		if runeCount(both[pos:]) >= minLastLine {
			cut = pos
		}
	}
	if cut < 0 {
		return
	}
	if w, hang := segmentWidth(both[cut:], width); w-hang <= rest {
		lines[n-2], lines[n-1] = both[:cut], both[cut:]
	}
}

// runeCount counts the characters of a line, without the spaces it ends
// with.
func runeCount(line string) int { return utf8.RuneCountInString(strings.TrimRight(line, " ")) }

// segmentEnd returns the end of the unbreakable piece starting at pos:
// opening punctuation, then one character, one Latin word or number with
// its unit, or a short bracketed group, then closing punctuation.
func segmentEnd(s string, pos int) int {
	i, grouped := pos, false
	for i < len(s) && !grouped {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isOpening(r) {
			break
		}
		if end := shortGroupEnd(s, i); end > 0 {
			i, grouped = end, true
		} else {
			i += n
		}
	}
	if i < len(s) && !grouped {
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

// shortGroupEnd returns the end of the bracketed group opening at i, after
// its closing bracket, when it holds at most maxShortGroup characters and
// no other opening bracket; else 0.
func shortGroupEnd(s string, i int) int {
	open, n := utf8.DecodeRuneInString(s[i:])
	closing, ok := bracketPairs[open]
	if !ok {
		return 0
	}
	inside := 0
	for j := i + n; j < len(s); {
		r, m := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == closing:
			return j + m
		case isOpening(r), inside == maxShortGroup:
			return 0
		}
		inside++
		j += m
	}
	return 0
}

// baseEnd returns the end of the character or Latin word starting at i. A
// word is letters and digits, joined by single . , : / - _ between them, as
// in "1,234.57", "2024-01-01" and "SLQ-2024-001"; a word ending in a digit
// takes up to maxUnitRunes units after it ("4057.91万元").
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
			return unitEnd(s, j)
		}
	}
	return j
}

// unitEnd returns the end of the units following a word that ends at j,
// if it ends in a digit.
func unitEnd(s string, j int) int {
	if s[j-1] < '0' || s[j-1] > '9' {
		return j
	}
	for k := 0; k < maxUnitRunes && j < len(s); k++ {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !strings.ContainsRune(unitChars, r) {
			break
		}
		j += n
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
