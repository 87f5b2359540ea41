package importer

import "strings"

// isDateFormat reports whether a number format shows its number as a date.
// Built-in formats 14–22 and 45–47 are dates and times everywhere; 27–36 and
// 50–58 are the date formats of the Chinese, Japanese and Korean editions
// of Excel (yyyy"年"m"月"d"日" and the like), which Chinese ledgers use.
// A custom format is a date when it has a year or day part, or a month part
// without hours or seconds (so "mm:ss" stays a duration), once quoted text,
// escapes and [bracketed] sections are removed.
func isDateFormat(id int, code string, custom bool) bool {
	if custom {
		return isDateCode(code)
	}
	switch {
	case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return true
	}
	return false
}

func isDateCode(code string) bool {
	section, _, _ := strings.Cut(code, ";") // the positive-number section decides
	var b strings.Builder
	for i := 0; i < len(section); i++ {
		switch ch := section[i]; ch {
		case '"':
			j := strings.IndexByte(section[i+1:], '"')
			if j < 0 {
				i = len(section)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is literal, padding or fill
		case '[':
			j := strings.IndexByte(section[i+1:], ']')
			if j < 0 {
				i = len(section)
			} else {
				i += j + 1
			}
		default:
			b.WriteByte(ch | 0x20)
		}
	}
	s := b.String()
	if strings.Contains(s, "general") {
		return false
	}
	hasY := strings.ContainsAny(s, "ye") && !strings.Contains(s, "e+") && !strings.Contains(s, "e-")
	hasD := strings.Contains(s, "d")
	hasM := strings.Contains(s, "m")
	hasTime := strings.ContainsAny(s, "hs")
	return hasY || hasD || (hasM && !hasTime)
}
