// Package importer turns the legacy spreadsheets officers kept before govbuy
// (.xlsx, old .xls, .csv in UTF-8 or GBK) into a govbuy.Dataset: it reads a
// file into a grid of cells, finds the header row below any title lines,
// maps the columns to fields, parses every cell and reports each problem with
// its file, sheet, row and column. It writes nothing: the caller commits the
// Dataset through the store in one transaction.
//
// The pipeline is ReadFile → Plan (or a Planner for several files) →
// Summarize. Every reader is bounded in time and memory and never panics:
// a file it cannot read comes back as an error whose text is one Chinese
// sentence naming the file.
package importer

import (
	"math"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// CellType says what a cell held in the spreadsheet, so that amounts and
// dates are parsed from their exact stored text and never via formatting.
type CellType uint8

const (
	CellEmpty  CellType = iota
	CellText            // a string (every CSV cell is text)
	CellNumber          // a number; Text is its exact stored digits ("12.3456")
	CellDate            // a number formatted as a date; Text is the Excel serial
	CellBool            // TRUE/FALSE; Text is "TRUE" or "FALSE"
	CellError           // an error value such as #N/A; Text is the code
)

// Cell is one spreadsheet cell: the raw text as stored and its type.
type Cell struct {
	Text string
	Type CellType
}

// IsEmpty reports whether the cell holds nothing but spaces.
func (c Cell) IsEmpty() bool {
	if c.Type == CellEmpty {
		return true
	}
	for i := 0; i < len(c.Text); i++ {
		if b := c.Text[i]; b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return false
		}
	}
	return true
}

// Range is a block of merged cells, 0-based and inclusive.
type Range struct {
	Row1, Col1, Row2, Col2 int
}

// Sheet is one worksheet read into memory. Rows[r][c] is the cell at 0-based
// row r and column c; rows may differ in length and trailing empty cells are
// not stored. Text of a merged block is repeated in every cell the block
// covers (a merged header or a unit name merged over several contract rows
// applies to each); numbers are left in the top-left cell only, so an amount
// merged over two rows is not counted twice.
type Sheet struct {
	Name     string
	Hidden   bool
	Rows     [][]Cell
	Merges   []Range
	Date1904 bool       // the workbook counts dates from 1904 (old Mac Excel)
	Faults   []RowFault // rows that could not be read, their cells left empty
}

// RowFault is a row the reader could not read, such as a csv row in another
// encoding than the rest of its file; the plan reports it as a problem of
// that row.
type RowFault struct {
	Row     int // 1-based
	Message string
}

// Cell returns the cell at 0-based row r and column c, empty when outside.
func (s *Sheet) Cell(r, c int) Cell {
	if r < 0 || r >= len(s.Rows) || c < 0 || c >= len(s.Rows[r]) {
		return Cell{}
	}
	return s.Rows[r][c]
}

// Display is the text a preview shows for a cell: a date cell as
// 2006-01-02, any other cell as stored.
func (s *Sheet) Display(r, c int) string {
	cell := s.Cell(r, c)
	if cell.Type == CellDate {
		if d, ok := serialToDate(cell.Text, s.Date1904); ok {
			return d.Format("2006-01-02")
		}
	}
	return cell.Text
}

// Workbook is a file read into memory.
type Workbook struct {
	Path     string   // as given to ReadFile
	Name     string   // the base name, used in messages
	Format   string   // "xlsx", "xls" or "csv"
	Checksum string   // SHA-256 of the file, hex
	Sheets   []*Sheet // in workbook order, hidden ones included
}

// SheetNames lists the sheets in workbook order.
func (wb *Workbook) SheetNames() []string {
	names := make([]string, len(wb.Sheets))
	for i, s := range wb.Sheets {
		names[i] = s.Name
	}
	return names
}

// maxSerial is 9999-12-31, the last day Excel can show.
const maxSerial = 2958465

// serialToDate converts an Excel date serial, given as its stored text, to a
// day at midnight UTC. A time of day is dropped: ledgers record days.
func serialToDate(text string, date1904 bool) (time.Time, bool) {
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(v) || v < 1 || v > maxSerial {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(math.Floor(v), date1904)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

// columnName writes a 0-based column index as spreadsheet letters: 0 → A.
func columnName(c int) string {
	name := ""
	for c++; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name
}
