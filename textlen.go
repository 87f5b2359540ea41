package govbuy

import "unicode/utf8"

// The longest text a field may hold, in characters. Each record's Validate
// checks its fields against them, so the window, every import, the dataset
// and demo loaders and restore's checks all obey the same limits: a name
// that fills a database or a 150 MB report is refused with its field named.
const (
	// MaxNameChars: names of units, contractors, contract titles, people,
	// criteria, and other one-line text (addresses, banks, sources).
	MaxNameChars = 200
	// MaxNoteChars: notes, remarks, reasons and findings.
	MaxNoteChars = 2000
	// MaxCodeChars: numbers and codes (contract numbers, vouchers,
	// accounts, phone numbers, catalog codes).
	MaxCodeChars = 100
)

// textField is one field's text and the limit it must keep.
type textField struct {
	label Field
	text  string
	max   int
}

func nameField(label Field, text string) textField { return textField{label, text, MaxNameChars} }
func noteField(label Field, text string) textField { return textField{label, text, MaxNoteChars} }
func codeField(label Field, text string) textField { return textField{label, text, MaxCodeChars} }

// checkLengths returns a problem for each field over its limit.
func checkLengths(fields ...textField) ValidationErrors {
	var v ValidationErrors
	for _, f := range fields {
		if len(f.text) <= f.max {
			continue // no more characters than bytes
		}
		if n := utf8.RuneCountInString(f.text); n > f.max {
			v = append(v, Invalidf(f.label, "不能超过%d个字符（现有%d个）", f.max, n))
		}
	}
	return v
}
