package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"govbuy"
)

// Mapping maps header text (as written; it is normalised before use) to a
// field key or label, or to Ignore. It comes from --map 'HEADER=field' or a
// saved preset and overrides what the vocabulary finds.
type Mapping map[string]string

// Header is what was found at the top of a sheet: where the header is, how
// each column maps to a field, and the money unit and year the title lines
// give. A wizard shows it, lets the person change Row or a column's field,
// and plans again with Options.HeaderRow and Options.Map.
type Header struct {
	Sheet   string
	Row     int // 1-based row of the (first) header line
	Lines   int // 1, or 2 for a two-row header (a merged group above its parts)
	DataRow int // 1-based row of the first data row
	Columns []Column
	Unit    govbuy.MoneyUnit // money unit of the title lines ("单位：万元"), else 元
	// UnitSource says where Unit came from: 第2行“单位：万元”, or "" when
	// the title lines name none.
	UnitSource string
	File       string // the workbook's name, set by the planner
	Year       int    // a year in the title lines, else 0
	Title      string // the first title line, if any
	PresetKey  string // identifies this header row for MappingPresets
	Preset     bool   // a saved preset was applied
}

// Column is one header column and the field it fills ("" when none).
type Column struct {
	Index  int    // 0-based
	Letter string // "A", "B", …
	Header string // header text as written; a two-row header's parts joined by "/"
	Field  Key    // "" when the column is not imported
	Unit   govbuy.MoneyUnit
	// UnitSource says where Unit came from, for the person to check
	// before importing: 表头“合同金额（万元）”, 第2行“单位：万元”.
	UnitSource string
	unitOK     bool // the header itself names the unit
	norm       string
}

// Mapping returns the header → field mapping in force, to save as a preset.
func (h *Header) Mapping() Mapping {
	m := Mapping{}
	for _, c := range h.Columns {
		if c.norm == "" {
			continue
		}
		if c.Field == "" {
			m[c.norm] = Ignore
		} else {
			m[c.norm] = string(c.Field)
		}
	}
	return m
}

// column returns the column mapped to field, or nil.
func (h *Header) column(field Key) *Column {
	for i := range h.Columns {
		if h.Columns[i].Field == field {
			return &h.Columns[i]
		}
	}
	return nil
}

// headerScan is how many rows from the top may hold the header.
const headerScan = 30

// normHeader folds width, turns every kind of bracket into ASCII
// parentheses and removes spaces, line breaks and required-field stars, so
// "合同金额\n（万元）" and "合同金额(万元)" compare equal.
func normHeader(s string) string {
	s = foldWidth(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '*', r == '\u200b', r == '\ufeff', unicode.IsControl(r):
		case strings.ContainsRune("(【[〔〖「", r):
			b.WriteByte('(')
		case strings.ContainsRune(")】]〕〗」", r):
			b.WriteByte(')')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.TrimRight(b.String(), ":")
}

var parenthetical = regexp.MustCompile(`\([^()]*\)`)

// stripUnits removes parenthesised notes and unit suffixes from a
// normalised header: "合同金额(万元)" → "合同金额".
func stripUnits(h string) string {
	h = parenthetical.ReplaceAllString(h, "")
	for _, sfx := range []string{"/万元", "/元", "万元"} {
		h = strings.TrimSuffix(h, sfx)
	}
	return h
}

// headerUnit reads the money unit a normalised header names, if any.
func headerUnit(h string) (govbuy.MoneyUnit, bool) {
	switch {
	case strings.Contains(h, "万元"), strings.Contains(h, "(万)"):
		return govbuy.UnitWan, true
	case strings.Contains(h, "(元)"), strings.Contains(h, "/元"), strings.HasSuffix(h, "元") && !strings.HasSuffix(h, "单元"):
		return govbuy.UnitYuan, true
	}
	return govbuy.UnitYuan, false
}

// maxFuzzyRunes keeps title lines and long notes from matching by
// containment: a header is short.
const maxFuzzyRunes = 16

// match maps a normalised header to a field: exact vocabulary names first,
// then the longest vocabulary name the header contains.
func (v *vocab) match(h string) (field Key, exact bool) {
	key := stripUnits(h)
	if key == "" {
		return "", false
	}
	if f, ok := v.exact[key]; ok {
		return f, true
	}
	if f, ok := v.exact[h]; ok {
		return f, true
	}
	if utf8.RuneCountInString(key) > maxFuzzyRunes {
		return "", false
	}
	for _, n := range v.names {
		if n.runes >= 2 && strings.Contains(key, n.name) {
			return n.field, false
		}
	}
	return "", false
}

// rowScore counts the distinct fields a row's text cells name.
func (v *vocab) rowScore(row []Cell) int {
	seen := map[Key]bool{}
	for _, c := range row {
		if c.Type != CellText {
			continue
		}
		if f, _ := v.match(normHeader(c.Text)); f != "" {
			seen[f] = true
		}
	}
	return len(seen)
}

// DetectHeader finds the header of a sheet and maps its columns: the row
// among the first 30 whose cells name the most fields (at least two), or
// opts.HeaderRow when set; a merged group header with its parts on the row
// below is read as one two-row header. opts.Map overrides the vocabulary.
// It returns nil when no row looks like a header.
func DetectHeader(s *Sheet, opts Options) *Header {
	v := vocabs[normalKind(opts.As)]
	first, last, ok := findHeaderRows(s, v, opts.HeaderRow)
	if !ok {
		return nil
	}
	h := &Header{Sheet: s.Name, Row: first + 1, Lines: last - first + 1, DataRow: last + 2}
	h.Columns = headerColumns(s, v, first, last)
	h.Unit, h.UnitSource, h.Year, h.Title = titleInfo(s, first)
	for i := range h.Columns {
		col := &h.Columns[i]
		switch {
		case col.unitOK:
			col.UnitSource = "表头“" + col.Header + "”"
		case h.UnitSource != "":
			col.Unit, col.UnitSource = h.Unit, h.UnitSource
		default:
			col.UnitSource = "未注明，按元"
		}
	}
	h.PresetKey = presetKey(h.Columns)
	h.apply(opts.As, opts.Map)
	return h
}

// findHeaderRows returns the 0-based first and last header rows.
func findHeaderRows(s *Sheet, v *vocab, fixed int) (first, last int, ok bool) {
	if fixed > 0 {
		r := fixed - 1
		if r >= len(s.Rows) {
			return 0, 0, false
		}
		if hasSubHeader(s, v, r) {
			return r, r + 1, true
		}
		return r, r, true
	}
	best, bestScore := -1, 1
	for r := 0; r < len(s.Rows) && r < headerScan; r++ {
		if score := v.rowScore(s.Rows[r]); score > bestScore {
			best, bestScore = r, score
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	switch {
	case best > 0 && allText(s.Rows[best-1]) && v.rowScore(s.Rows[best-1]) >= 2 && differs(s.Rows[best-1], s.Rows[best]):
		// The best row is the lower line of a two-row header whose
		// merged cells were filled down: the group names sit above.
		return best - 1, best, true
	case hasSubHeader(s, v, best):
		return best, best + 1, true
	}
	return best, best, true
}

// hasSubHeader reports whether the row below r holds the parts of merged
// group headers in r ("合同期限" over "开始" and "结束"): text only, and
// mapping more fields together with r than r does alone.
func hasSubHeader(s *Sheet, v *vocab, r int) bool {
	if r+1 >= len(s.Rows) || !allText(s.Rows[r+1]) || rowEmpty(s.Rows[r+1]) || !differs(s.Rows[r], s.Rows[r+1]) {
		return false
	}
	alone, both := map[Key]bool{}, map[Key]bool{}
	for c := range max(len(s.Rows[r]), len(s.Rows[r+1])) {
		if f, _ := v.match(normHeader(s.Cell(r, c).Text)); f != "" {
			alone[f] = true
		}
		if f, _ := combinedMatch(v, s.Cell(r, c).Text, s.Cell(r+1, c).Text); f != "" {
			both[f] = true
		}
	}
	return len(both) > len(alone)
}

// allText reports whether every non-empty cell of a row is text.
func allText(row []Cell) bool {
	for _, c := range row {
		if !c.IsEmpty() && c.Type != CellText {
			return false
		}
	}
	return true
}

// differs reports whether two rows differ in some non-empty cell, which a
// parent line with its parts below must.
func differs(a, b []Cell) bool {
	for c := range max(len(a), len(b)) {
		var x, y string
		if c < len(a) {
			x = a[c].Text
		}
		if c < len(b) {
			y = b[c].Text
		}
		if y != "" && x != y {
			return true
		}
	}
	return false
}

// combinedMatch maps a column of a two-row header: the joined text first
// ("承接主体"+"类型"), then the part alone ("开始"), then the group.
func combinedMatch(v *vocab, parent, child string) (Key, bool) {
	p, c := normHeader(parent), normHeader(child)
	switch {
	case c == "" || c == p:
		return v.match(p)
	case p == "":
		return v.match(c)
	}
	if f, exact := v.match(p + c); exact {
		return f, true
	}
	if f, exact := v.match(c); f != "" {
		return f, exact
	}
	if f, exact := v.match(p + c); f != "" {
		return f, exact
	}
	return v.match(p)
}

// headerColumns maps each header column; a field already taken by an
// exact match, or by an earlier column, is not given to another.
func headerColumns(s *Sheet, v *vocab, first, last int) []Column {
	n := 0
	for r := first; r <= last; r++ {
		n = max(n, len(s.Rows[r]))
	}
	cols := make([]Column, n)
	exact := make([]bool, n)
	for c := range cols {
		parent, child := s.Cell(first, c).Text, ""
		if last > first {
			child = s.Cell(last, c).Text
		}
		text := headerText(parent)
		if cc := headerText(child); cc != "" && cc != text {
			if text != "" {
				text += "/"
			}
			text += cc
		}
		col := Column{Index: c, Letter: columnName(c), Header: text, norm: normHeader(text)}
		if s.Cell(first, c).Type == CellText || s.Cell(last, c).Type == CellText {
			col.Field, exact[c] = combinedMatch(v, parent, child)
		}
		col.Unit, col.unitOK = headerUnit(col.norm)
		cols[c] = col
	}
	taken := map[Key]bool{}
	for _, pass := range []bool{true, false} {
		for c := range cols {
			if f := cols[c].Field; f != "" && exact[c] == pass {
				if taken[f] && f != KeySeq {
					cols[c].Field = ""
				}
				taken[f] = true
			}
		}
	}
	return cols
}

var (
	titleYear = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	anyYear   = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)`)
)

// titleInfo reads the title lines above the header: the money unit
// ("单位：万元"), the ledger's year and the first line's text.
func titleInfo(s *Sheet, first int) (unit govbuy.MoneyUnit, source string, year int, title string) {
	var fallbackYear int
	for r := 0; r < first; r++ {
		for _, c := range s.Rows[r] {
			if c.Type != CellText {
				continue
			}
			t := normHeader(c.Text)
			if title == "" && t != "" {
				title = govbuy.CleanText(c.Text)
			}
			if strings.Contains(t, "单位") || strings.Contains(t, "金额") {
				if strings.Contains(t, "万元") && source == "" {
					unit, source = govbuy.UnitWan, fmt.Sprintf("第%d行“%s”", r+1, govbuy.CleanText(c.Text))
				}
			}
			if m := titleYear.FindStringSubmatch(t); m != nil && year == 0 {
				year, _ = strconv.Atoi(m[1])
			} else if m := anyYear.FindStringSubmatch(t); m != nil && fallbackYear == 0 {
				fallbackYear, _ = strconv.Atoi(m[1])
			}
		}
	}
	if year == 0 {
		year = fallbackYear
	}
	return unit, source, year, title
}

// AmountColumn is the column of the sheet's amounts (合同金额, 支付金额),
// nil when none is mapped.
func (h *Header) AmountColumn() *Column {
	for i := range h.Columns {
		if h.Columns[i].Field == KeyAmount {
			return &h.Columns[i]
		}
	}
	return nil
}

// SetUnit reads every money column of the sheet in unit, as the person
// said: the detected unit was wrong or missing.
func (h *Header) SetUnit(as Kind, unit govbuy.MoneyUnit) {
	v := vocabs[normalKind(as)]
	for i := range h.Columns {
		if v.money[h.Columns[i].Field] {
			h.Columns[i].Unit, h.Columns[i].UnitSource = unit, "导入时指定"
		}
	}
}

// presetKey identifies a header row by its normalised texts.
func presetKey(cols []Column) string {
	h := sha256.New()
	for _, c := range cols {
		h.Write([]byte(c.norm))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// apply puts a mapping's entries over the columns it names. Unknown field
// names are ignored here; Plan reports them.
func (h *Header) apply(as Kind, m Mapping) {
	if len(m) == 0 {
		return
	}
	norm := make(map[string]string, len(m))
	for k, v := range m {
		norm[normHeader(k)] = v
	}
	for i := range h.Columns {
		c := &h.Columns[i]
		target, ok := norm[c.norm]
		if !ok {
			target, ok = norm[stripUnits(c.norm)]
		}
		if !ok && strings.Contains(c.Header, "/") {
			// A two-row header column may also be named by its part.
			_, part, _ := strings.Cut(c.Header, "/")
			target, ok = norm[normHeader(part)]
		}
		if !ok {
			continue
		}
		if isIgnore(target) {
			c.Field = ""
			continue
		}
		if f, found := fieldByKey(as, target); found {
			for j := range h.Columns { // a field fills one column
				if h.Columns[j].Field == f.Key {
					h.Columns[j].Field = ""
				}
			}
			c.Field = f.Key
		}
	}
}

func isIgnore(s string) bool {
	switch strings.TrimSpace(s) {
	case Ignore, "", "ignore", "忽略", "不导入":
		return true
	}
	return false
}

// lineBreaks are dropped from header text: they are layout ("合同金额\n（万元）").
var lineBreaks = strings.NewReplacer("\r\n", "", "\n", "", "\r", "")

// headerText is a header cell's text as shown in problems and the wizard.
func headerText(s string) string { return govbuy.CleanText(lineBreaks.Replace(s)) }
