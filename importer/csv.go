package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func readCSVFile(ctx context.Context, f *os.File, size int64, name string) ([]*Sheet, error) {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("importer: read csv: %w", err)
	}
	s, err := ReadCSV(ctx, data)
	if err != nil {
		return nil, err
	}
	s.Name = strings.TrimSuffix(name, filepath.Ext(name))
	return []*Sheet{s}, nil
}

// ReadCSV reads a CSV file's bytes into a sheet of text cells. The encoding
// is UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030,
// which covers GBK as saved by Excel and WPS on Chinese Windows. The
// delimiter (comma, tab or semicolon) is sniffed from the first lines.
func ReadCSV(ctx context.Context, data []byte) (*Sheet, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	b := &budget{ctx: ctx}
	s := &Sheet{}
	// encoding/csv skips blank lines, but a blank line is a row of the
	// sheet and problems must name the row Excel shows: count the lines
	// consumed and put the skipped ones back as empty rows.
	consumed, lines := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil && rec == nil {
			return nil, fmt.Errorf("importer: read csv: %w", err)
		}
		if start, _ := r.FieldPos(0); start-1 > lines {
			for range start - 1 - lines {
				s.Rows = append(s.Rows, nil)
			}
		}
		off := int(r.InputOffset())
		lines += strings.Count(text[consumed:off], "\n")
		consumed = off
		if len(s.Rows) >= MaxRows {
			return nil, fmt.Errorf("%w: more than %d rows", errLimit, MaxRows)
		}
		if err := b.row(len(rec) + 1); err != nil {
			return nil, err
		}
		s.Rows = append(s.Rows, csvRow(rec))
	}
	s.Rows = trimRows(s.Rows)
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

// decodeText returns the file as a UTF-8 string.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("importer: read csv: decode GB18030: %w", err)
	}
	return string(out), nil
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
