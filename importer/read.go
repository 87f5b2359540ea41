package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"govbuy"
)

// Limits that keep a broken or hostile file from taking the machine: every
// reader checks them as it goes, so a parse ends with a message instead of
// running out of memory or time.
//
// The bound they give, asserted by TestHostileFilesStayBounded: the heap a
// read holds at its peak stays within 4 × L + 200 MB, where L is what the
// file holds — its size for .xls (read whole) and .csv (streamed), and for
// .xlsx the uncompressed size of the parts read (each worksheet once however
// often the workbook lists it, the shared strings). The 200 MB is the grid
// of MaxCells cells at 24 bytes each and its growth, and an xlsx's zip
// directory (at most maxZipDirectory); L pays for the text and the
// structure read from it. A file that says it holds more than it does —
// padded rows, a far cell, merged ranges, repeated sheet entries — spends
// the cell budget, not memory, and is refused when the budget runs out.
const (
	MaxFileSize = 200 << 20 // bytes on disk
	// MaxUncompressed bounds the sum of an xlsx archive's entries; a ledger
	// of a million rows is far below it.
	MaxUncompressed = 1 << 30
	// MaxRatio bounds the compression ratio of an xlsx entry over 1 MB;
	// spreadsheet XML compresses 10–30 times, zip bombs thousands.
	MaxRatio = 100
	MaxRows  = 1 << 20 // Excel's own row limit
	// MaxCells bounds the cells a read visits in one file: stored cells,
	// the empty cells a row is padded with up to its last cell, the empty
	// rows above a row, and the cells a merged range fills. Four million
	// is 300,000 ledger rows of 13 columns, three times the largest ledger
	// the benchmarks import, and caps the grid near 100 MB.
	MaxCells = 4_000_000
	// MaxToken bounds one XML token (a text run, a comment, a tag with its
	// attributes) and one csv record: no ledger has a megabyte in one, and
	// the readers would otherwise buffer a 900 MB comment to return it.
	MaxToken = 1 << 20
	// MaxCellChars is Excel's limit on the text of one cell; a cell or
	// shared string over it is refused before it is held.
	MaxCellChars = 32767
	// DefaultTimeout applies when the caller's context has no deadline.
	DefaultTimeout = 2 * time.Minute
)

// maxCellBytes bounds the raw text gathered for one cell before it is
// decoded: no cell of MaxCellChars characters takes more (four bytes a
// character in UTF-8, seven in an OOXML _xHHHH_ escape).
const maxCellBytes = 8 * MaxCellChars

// FileError is a file that could not be read. Its Error is one Chinese
// sentence naming the file, fit to show an officer as is; Unwrap gives the
// technical cause for logs. errors.As finds a *govbuy.Error of kind EInvalid
// in it, so govbuy.ErrorMessage shows the sentence rather than "内部错误".
type FileError struct {
	File    string
	Message string
	Err     error
}

func (e *FileError) Error() string { return e.Message }
func (e *FileError) Unwrap() error { return e.Err }

// As lets govbuy.ErrorKindOf and govbuy.ErrorMessage treat the failure as
// bad input rather than an internal error.
func (e *FileError) As(target any) bool {
	if t, ok := target.(**govbuy.Error); ok {
		*t = &govbuy.Error{Kind: govbuy.EInvalid, Message: e.Message}
		return true
	}
	return false
}

func fileErrorf(name string, cause error, format string, args ...any) *FileError {
	return &FileError{File: name, Message: fmt.Sprintf(format, args...), Err: cause}
}

// errCorrupt marks a structural fault found by one of our own readers.
var errCorrupt = errors.New("importer: corrupt file")

func corruptf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errCorrupt}, args...)...)
}

// limitError is a file that needs more rows or cells than MaxRows and
// MaxCells allow; sheet ("" for a csv) and row say where the read gave up.
type limitError struct {
	sheet string
	row   int // 0-based
}

func (e *limitError) Error() string {
	return fmt.Sprintf("importer: limit exceeded in sheet %q at row %d", e.sheet, e.row+1)
}

// capError is one token, record or text over its cap (MaxToken,
// MaxCellChars). where and what finish the sentence that names the file:
// “台账.xlsx”<where><what>，拒绝导入.
type capError struct {
	where, what string
}

func (e *capError) Error() string { return "importer: over cap: " + e.where + e.what }

// cellTooLong is the capError of a cell or string whose text is over
// MaxCellChars.
func cellTooLong(where string) *capError {
	return &capError{where: where, what: fmt.Sprintf("的内容超过%d个字符（Excel单元格的上限）", MaxCellChars)}
}

// tooManyChars reports whether s has more than MaxCellChars characters,
// counting them only when its bytes could be that many.
func tooManyChars(s string) bool {
	return len(s) > MaxCellChars && utf8.RuneCountInString(s) > MaxCellChars
}

// errTooLong is what a cappedReader returns once the token or record it
// is reading passes MaxToken; the reader that catches it says where.
var errTooLong = errors.New("importer: token over MaxToken")

// cappedReader lets a decoder read at most MaxToken bytes past the end of
// the last token or record it returned, so an endless one is refused after
// a megabyte instead of being buffered whole. Its owner moves the limit on
// after each token (next).
type cappedReader struct {
	r           io.Reader
	read, limit int64
}

func newCappedReader(r io.Reader) *cappedReader {
	return &cappedReader{r: r, limit: MaxToken}
}

func (c *cappedReader) Read(p []byte) (int, error) {
	room := c.limit - c.read
	if room <= 0 {
		return 0, errTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	return n, err
}

// next allows the token or record that starts at offset its MaxToken.
func (c *cappedReader) next(offset int64) { c.limit = offset + MaxToken }

// exhausted reports whether the current token or record has had its
// MaxToken bytes.
func (c *cappedReader) exhausted() bool { return c.read >= c.limit }

// ReadFile reads a spreadsheet into memory. It recognises the format by the
// file's first bytes and refuses, with a one-sentence Chinese message, a
// format it does not import, a file whose content does not match its
// extension, and anything that is not a regular file (a folder, a pipe, a
// device) before opening it. It never panics, stays within the limits
// above, and gives up when ctx is done (after DefaultTimeout when ctx has
// no deadline).
func ReadFile(ctx context.Context, path string) (wb *Workbook, err error) {
	name := filepath.Base(path)
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	defer func() {
		if r := recover(); r != nil {
			wb = nil
			err = fileErrorf(name, fmt.Errorf("importer: panic: %v\n%s", r, debug.Stack()), "文件“%s”已损坏，无法读取", name)
		}
	}()
	wb, err = readFile(ctx, path, name)
	if err != nil {
		return nil, explain(ctx, name, err)
	}
	return wb, nil
}

func readFile(ctx context.Context, path, name string) (*Workbook, error) {
	f, info, err := openRegular(path, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > MaxFileSize {
		return nil, fileErrorf(name, nil, "“%s”有%d MB，超过导入上限%d MB，请拆分后再导入", name, info.Size()>>20, MaxFileSize>>20)
	}
	if info.Size() == 0 {
		return nil, fileErrorf(name, nil, "“%s”是空文件", name)
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	content := sniff(head)
	ext := strings.ToLower(filepath.Ext(name))
	if content == contentCFB && (ext == ".xlsx" || ext == ".xlsm") && encryptedOOXML(f, info.Size()) {
		return nil, fileErrorf(name, nil, "“%s”受密码保护，请在Excel中取消密码后再导入", name)
	}
	if err := checkFormat(name, ext, content); err != nil {
		return nil, err
	}
	sum, err := checksum(f)
	if err != nil {
		return nil, err
	}
	wb := &Workbook{Path: path, Name: name, Checksum: sum}
	switch content {
	case contentZip:
		wb.Format = "xlsx"
		wb.Sheets, err = readXLSX(ctx, f, info.Size(), name)
	case contentCFB:
		wb.Format = "xls"
		wb.Sheets, err = readXLSFile(ctx, f, info.Size(), name)
	default:
		wb.Format = "csv"
		wb.Sheets, err = readCSVFile(ctx, f, name)
	}
	if err != nil {
		return nil, err
	}
	if len(wb.Sheets) == 0 {
		return nil, fileErrorf(name, nil, "“%s”中没有可读取的工作表", name)
	}
	return wb, nil
}

// openRegular opens a regular file for reading and refuses anything else
// before it can block: opening a FIFO waits for a writer, and no deadline
// applies to open. The path is looked at first, and the opened file again,
// as it may have been swapped in between.
func openRegular(path, name string) (*os.File, os.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fileErrorf(name, fmt.Errorf("importer: stat: %w", err), "无法打开文件“%s”：%s", name, openReason(err))
	}
	if err := checkRegular(name, info); err != nil {
		return nil, nil, err
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, fileErrorf(name, fmt.Errorf("importer: open: %w", err), "无法打开文件“%s”：%s", name, openReason(err))
	}
	if info, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("importer: stat: %w", err)
	}
	if err := checkRegular(name, info); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

func checkRegular(name string, info os.FileInfo) error {
	switch {
	case info.IsDir():
		return fileErrorf(name, nil, "“%s”是文件夹，不是表格文件", name)
	case !info.Mode().IsRegular():
		return fileErrorf(name, fmt.Errorf("importer: mode %v", info.Mode()), "“%s”不是普通文件（而是管道、设备等特殊文件），无法导入", name)
	}
	return nil
}

// encryptedOOXML reports whether a compound file is an .xlsx that Excel
// encrypted with a password (it then wraps the package in OLE2).
func encryptedOOXML(f *os.File, size int64) bool {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
		return false
	}
	cf, err := openCFB(data)
	return err == nil && (cf.has("EncryptionInfo") || cf.has("EncryptedPackage"))
}

func openReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, os.ErrPermission):
		return "没有读取权限"
	}
	return err.Error()
}

func checksum(f *os.File) (string, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", fmt.Errorf("importer: checksum: %w", err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("importer: checksum: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// explain turns a reader's failure into the sentence an officer sees.
func explain(ctx context.Context, name string, err error) error {
	var fe *FileError
	switch {
	case errors.As(err, &fe):
		return fe
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fileErrorf(name, err, "读取“%s”超时，已放弃（文件可能已损坏或过大）", name)
	case errors.Is(err, context.Canceled):
		return fileErrorf(name, err, "已取消读取“%s”", name)
	}
	var limit *limitError
	if errors.As(err, &limit) {
		at := ""
		if limit.sheet != "" {
			at = "工作表“" + limit.sheet + "”"
		}
		return fileErrorf(name, err, "“%s”超过导入上限（最多%d行、%d万个单元格，空行、空单元格和合并单元格都计算在内），读到%s第%d行时超出，请删除多余的空行空列或拆分后再导入",
			name, MaxRows, MaxCells/10000, at, limit.row+1)
	}
	var over *capError
	if errors.As(err, &over) {
		return fileErrorf(name, err, "“%s”%s%s，拒绝导入", name, over.where, over.what)
	}
	return fileErrorf(name, err, "文件“%s”已损坏，无法读取", name)
}

// content is what a file's first bytes say it is.
type content int

const (
	contentText content = iota
	contentZip
	contentCFB
	contentHTML
	contentXML
	contentBIFFRaw
	contentBinary
	contentPDF
)

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func sniff(head []byte) content {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return contentZip
	case bytes.HasPrefix(head, cfbMagic):
		return contentCFB
	case bytes.HasPrefix(head, []byte("%PDF")):
		return contentPDF
	case len(head) >= 4 && head[1] == 0x00 && (head[0] == 0x09 || head[0] == 0x00) && (head[2] == 4 || head[2] == 6 || head[2] == 8 || head[2] == 0x10):
		// A BIFF2–BIFF4 BOF record written without an OLE container.
		return contentBIFFRaw
	}
	t := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(t, []byte("<?xml")) && bytes.Contains(t, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return contentXML
	case bytes.HasPrefix(t, []byte("<html")), bytes.HasPrefix(t, []byte("<!doctype html")),
		bytes.HasPrefix(t, []byte("<table")), bytes.HasPrefix(t, []byte("<meta")),
		bytes.HasPrefix(t, []byte("<?xml")) && bytes.Contains(t, []byte("<html")):
		return contentHTML
	case bytes.HasPrefix(t, []byte("<?xml")):
		return contentXML
	case bytes.IndexByte(head, 0) >= 0:
		return contentBinary
	}
	return contentText
}

// checkFormat refuses formats we do not import and files whose content does
// not match their extension, each with a sentence that says what to do.
func checkFormat(name, ext string, c content) error {
	switch ext {
	case ".xlsb":
		return fileErrorf(name, nil, "“%s”是Excel二进制工作簿（.xlsb），不支持导入，请在Excel中另存为.xlsx", name)
	case ".ods":
		return fileErrorf(name, nil, "“%s”是OpenDocument表格（.ods），不支持导入，请另存为.xlsx", name)
	case ".et", ".ett":
		return fileErrorf(name, nil, "“%s”是WPS表格格式（%s），不支持导入，请在WPS中另存为.xlsx", name, ext)
	case ".xlsx", ".xlsm", ".xls", ".csv", ".txt":
	default:
		return fileErrorf(name, nil, "“%s”不是支持的表格文件，请导入.xlsx、.xls或.csv文件", name)
	}
	switch c {
	case contentHTML:
		return fileErrorf(name, nil, "“%s”实际是网页（HTML）文件，不是Excel工作簿，请在Excel中打开后另存为.xlsx", name)
	case contentXML:
		return fileErrorf(name, nil, "“%s”是XML表格，不是Excel工作簿，请在Excel中打开后另存为.xlsx", name)
	case contentBIFFRaw:
		if ext == ".xls" {
			return fileErrorf(name, nil, "“%s”是Excel 4.0或更早的格式，不支持导入，请在Excel中另存为.xlsx", name)
		}
	case contentPDF:
		return fileErrorf(name, nil, "“%s”实际是PDF文件，不是表格，无法导入", name)
	}
	want := map[string]content{".xlsx": contentZip, ".xlsm": contentZip, ".xls": contentCFB, ".csv": contentText, ".txt": contentText}[ext]
	if c == want {
		return nil
	}
	return fileErrorf(name, nil, "“%s”的内容是%s，与扩展名%s不符，请改正扩展名或在Excel中另存为.xlsx", name, contentLabel(c), ext)
}

func contentLabel(c content) string {
	switch c {
	case contentZip:
		return "压缩包（.xlsx等）"
	case contentCFB:
		return "Excel 97-2003工作簿（.xls）或其他Office旧格式文件"
	case contentBIFFRaw:
		return "Excel 4.0或更早的工作簿"
	case contentText:
		return "文本"
	}
	return "无法识别的二进制数据"
}

// budget counts the cells a read visits against MaxCells over the whole
// file (see MaxCells: padding, empty rows and merge fill included) and
// polls the deadline, so that each reader checks both the same way. A grid
// cell takes 24 bytes, so the budget bounds the grid however few bytes the
// file spends to claim its cells.
type budget struct {
	ctx   context.Context
	cells int
	ticks int
	sheet string // the sheet being read, for the message
}

// visit accounts for n cells visited at 0-based row of the current sheet.
func (b *budget) visit(n, row int) error {
	b.cells += n
	if b.cells > MaxCells {
		return &limitError{sheet: b.sheet, row: row}
	}
	return b.tick()
}

// tick polls the context every 1024 calls; cheap enough for every record.
func (b *budget) tick() error {
	b.ticks++
	if b.ticks&1023 == 0 {
		return b.ctx.Err()
	}
	return nil
}

// appendCell puts v at column col of row, padding with empty cells. A far
// column grows the row once to its length, not by doubling.
func appendCell(row []Cell, col int, v Cell) []Cell {
	if n := len(row); col >= n {
		row = slices.Grow(row, col+1-n)[:col+1]
		clear(row[n:col]) // a reused buffer keeps the cells of its last row
	}
	row[col] = v
	return row
}

// setCell puts v at (r, c) of a grid, growing it, and returns the cells and
// rows it added, for the budget. Its callers' rows are 16-bit record fields,
// below MaxRows.
func setCell(rows [][]Cell, r, c int, v Cell) ([][]Cell, int) {
	added := 0
	if n := len(rows); r >= n {
		added = r + 1 - n
		rows = slices.Grow(rows, added)[:r+1]
		clear(rows[n:])
	}
	before := len(rows[r])
	rows[r] = appendCell(rows[r], c, v)
	return rows, added + len(rows[r]) - before
}

// trimRows drops trailing empty rows, which Excel leaves after deletions.
func trimRows(rows [][]Cell) [][]Cell {
	for len(rows) > 0 && rowEmpty(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	return rows
}

func rowEmpty(row []Cell) bool {
	for _, c := range row {
		if !c.IsEmpty() {
			return false
		}
	}
	return true
}

// applyMerges repeats the text of each merged block's top-left cell in the
// other cells of the block that exist in the grid (see Sheet). Every cell
// a block covers within the grid is counted against the budget, filled or
// not, so that many overlapping blocks cost the budget rather than time.
func applyMerges(s *Sheet, b *budget) error {
	width := 0
	for _, row := range s.Rows {
		width = max(width, len(row))
	}
	for _, m := range s.Merges {
		top := s.Cell(m.Row1, m.Col1)
		if top.Type != CellText || m.Row1 < 0 || m.Col1 < 0 {
			continue
		}
		// The top cell holds text, so the block starts inside the grid.
		lastRow, lastCol := min(m.Row2, len(s.Rows)-1), min(m.Col2, width-1)
		for r := m.Row1; r <= lastRow; r++ {
			if err := b.visit(lastCol-m.Col1+1, r); err != nil {
				return err
			}
			for c := m.Col1; c <= lastCol; c++ {
				if s.Cell(r, c).IsEmpty() {
					s.Rows[r] = appendCell(s.Rows[r], c, top)
				}
			}
		}
	}
	return nil
}
