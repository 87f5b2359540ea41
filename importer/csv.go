package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func readCSVFile(ctx context.Context, f *os.File, name string) ([]*Sheet, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("importer: read csv: %w", err)
	}
	s, err := readCSV(ctx, f)
	if err != nil {
		return nil, err
	}
	s.Name = strings.TrimSuffix(name, filepath.Ext(name))
	return []*Sheet{s}, nil
}

// ReadCSV reads a CSV file's bytes into a sheet of text cells (see readCSV).
func ReadCSV(ctx context.Context, data []byte) (*Sheet, error) {
	return readCSV(ctx, bytes.NewReader(data))
}

// sniffBytes is how much of the start of a csv file the delimiter is
// sniffed from.
const sniffBytes = 64 << 10

var utf8BOM = []byte("\xEF\xBB\xBF")

// readCSV streams a CSV file into a sheet of text cells; no record may pass
// MaxToken bytes nor a field MaxCellChars characters, so a file that is one
// endless line costs a megabyte, not its size. The encoding is decided once
// for the whole file (see csvEncoding); a row not valid in it is left empty
// and listed in Sheet.Faults, never read as garbled text. The delimiter
// (comma, tab or semicolon) is sniffed from the first lines.
func readCSV(ctx context.Context, r io.Reader) (*Sheet, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	bom := false
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
		bom = true
	}
	head, _ := br.Peek(sniffBytes)
	if i := bytes.LastIndexByte(head, '\n'); i > 0 {
		head = head[:i]
	}
	in := newCappedReader(br)
	cr := csv.NewReader(in)
	cr.Comma = sniffDelimiter(string(head))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	b := &budget{ctx: ctx}
	s := &Sheet{}
	// encoding/csv skips blank lines, but a blank line is a row of the
	// sheet and problems must name the row Excel shows: count the lines
	// each record spans and put the skipped ones back as empty rows.
	lines := 0
	for {
		rec, err := cr.Read()
		in.next(cr.InputOffset())
		if errors.Is(err, errTooLong) {
			return nil, &capError{where: fmt.Sprintf("第%d行", len(s.Rows)+1), what: "超过1 MB（可能缺少换行或引号未配对）"}
		}
		if err == io.EOF {
			break
		}
		if err != nil && rec == nil {
			return nil, fmt.Errorf("importer: read csv: %w", err)
		}
		start, _ := cr.FieldPos(0)
		row := len(s.Rows) + max(0, start-1-lines) // after the blank lines skipped
		if row >= MaxRows {
			return nil, &limitError{row: row}
		}
		if err := b.visit(row-len(s.Rows)+1+len(rec), row); err != nil {
			return nil, err
		}
		for len(s.Rows) < row {
			s.Rows = append(s.Rows, nil)
		}
		s.Rows = append(s.Rows, csvRow(rec))
		lines = start + innerNewlines(rec)
	}
	s.Rows = trimRows(s.Rows)
	if err := decodeRows(s, bom); err != nil {
		return nil, err
	}
	return s, nil
}

func csvRow(rec []string) []Cell {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	row := make([]Cell, n)
	for i := 0; i < n; i++ {
		row[i] = textCell(rec[i])
	}
	return row
}

// innerNewlines counts the line breaks inside a record's quoted fields.
func innerNewlines(rec []string) int {
	n := 0
	for _, f := range rec {
		n += strings.Count(f, "\n")
	}
	return n
}

// textEncoding is how a csv file's bytes are read.
type textEncoding int

const (
	encUTF8 textEncoding = iota
	encGB18030
)

// textKind is what a row's bytes look like; a row is of the greatest kind
// of its cells.
type textKind int

const (
	textASCII   textKind = iota
	textLatin            // valid UTF-8, 2-byte characters at most: could be either encoding
	textUTF8             // valid UTF-8 holding a character of 3+ bytes: Chinese in UTF-8 (GBK text aligns so only by rare accident)
	textInvalid          // not valid UTF-8
)

func kindOfText(s string) textKind {
	switch {
	case isASCII(s):
		return textASCII
	case !utf8.ValidString(s):
		return textInvalid
	case hasWideRune(s):
		return textUTF8
	}
	return textLatin
}

// hasWideRune reports whether valid UTF-8 holds a character of three or
// more bytes: it has a byte that leads one.
func hasWideRune(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE0 {
			return true
		}
	}
	return false
}

func kindOfRow(row []Cell) textKind {
	kind := textASCII
	for _, c := range row {
		kind = max(kind, kindOfText(c.Text))
	}
	return kind
}

// csvEncoding decides a file's encoding once: UTF-8 when it starts with a
// BOM, when every row is valid UTF-8, or when more rows read as Chinese in
// UTF-8 than fail it; else GB18030, which covers GBK as saved by Excel and
// WPS on Chinese Windows.
func csvEncoding(bom bool, kinds []textKind) textEncoding {
	utf8Rows, invalid := 0, 0
	for _, k := range kinds {
		switch k {
		case textUTF8:
			utf8Rows++
		case textInvalid:
			invalid++
		}
	}
	if bom || invalid == 0 || utf8Rows > invalid {
		return encUTF8
	}
	return encGB18030
}

// decodeRows turns each row's bytes into text in the file's encoding. A
// row that is not valid in it loses its cells and becomes a fault of that
// row; a field over MaxCellChars refuses the file.
func decodeRows(s *Sheet, bom bool) error {
	kinds := make([]textKind, len(s.Rows))
	for r, row := range s.Rows {
		kinds[r] = kindOfRow(row)
	}
	enc := csvEncoding(bom, kinds)
	gb := &gbRows{dec: simplifiedchinese.GB18030.NewDecoder()}
	for r, row := range s.Rows {
		var fault string
		switch kind := kinds[r]; {
		case kind == textASCII:
		case enc == encUTF8 && kind == textInvalid:
			fault = "不是有效的UTF-8文本（可能是GBK编码），该行未读取；请把整个文件另存为同一种编码后再导入"
		case enc == encGB18030 && kind == textUTF8:
			fault = "不是有效的GBK文本（像是UTF-8编码），该行未读取；请把整个文件另存为同一种编码后再导入"
		case enc == encGB18030 && !gb.decode(row):
			fault = "不是有效的GBK文本，该行未读取；请检查文件的编码"
		}
		if fault != "" {
			s.Rows[r] = nil
			s.Faults = append(s.Faults, RowFault{Row: r + 1, Message: fault})
			continue
		}
		if err := checkFieldLengths(row, r); err != nil {
			return err
		}
	}
	return nil
}

// gbRows decodes rows from GB18030, reusing its buffers: each row's cells
// become parts of one string, one allocation a row.
type gbRows struct {
	dec      *encoding.Decoder
	raw, out []byte
	ends     []int
}

// decode decodes a row's cells in place; false when a byte sequence is not
// GB18030 (the decoder writes U+FFFD for it).
func (g *gbRows) decode(row []Cell) bool {
	g.out, g.ends = g.out[:0], g.ends[:0]
	for _, c := range row {
		g.raw = append(g.raw[:0], c.Text...)
		// A byte decodes to three at most (0x80 is €, a bad byte U+FFFD).
		g.out = slices.Grow(g.out, 3*len(g.raw))
		g.dec.Reset()
		n, _, err := g.dec.Transform(g.out[len(g.out):cap(g.out)], g.raw, true)
		if err != nil {
			return false
		}
		g.out = g.out[:len(g.out)+n]
		g.ends = append(g.ends, len(g.out))
	}
	if bytes.Contains(g.out, []byte(string(utf8.RuneError))) {
		return false
	}
	text, start := string(g.out), 0
	for i, end := range g.ends {
		row[i].Text = text[start:end]
		start = end
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func checkFieldLengths(row []Cell, r int) error {
	for c, cell := range row {
		if tooManyChars(cell.Text) {
			return cellTooLong(fmt.Sprintf("第%d行第%d列", r+1, c+1))
		}
	}
	return nil
}

// sniffDelimiter picks the delimiter that splits the first lines most
// consistently: the one that appears in the most lines, the same number of
// times in each, outside quotes; comma when none does.
func sniffDelimiter(text string) rune {
	lines := firstLines(text, 20)
	best, bestScore := ',', 0
	for _, d := range []rune{',', '\t', ';'} {
		counts := map[int]int{}
		for _, l := range lines {
			if n := countOutsideQuotes(l, d); n > 0 {
				counts[n]++
			}
		}
		score := 0
		for n, lines := range counts {
			// Lines that agree on the count weigh most; more columns break ties.
			if s := lines*1000 + n; s > score {
				score = s
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func firstLines(text string, n int) []string {
	var out []string
	for len(out) < n && text != "" {
		line, rest, _ := strings.Cut(text, "\n")
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
		text = rest
	}
	return out
}

func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}
