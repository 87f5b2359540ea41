package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/xuri/excelize/v2"
)

// sheetZip is the zip writer excelize saves the workbook through
// (File.ZipWriter). List sheets are laid out through excelize (columns,
// frozen pane, filter, print setup) but left without rows; when excelize
// writes such a sheet's part, sheetZip puts the rows in, written by
// rowWriter straight from the model. excelize's StreamWriter was the first
// choice, but for a 100,000-contract ledger it alone took about a second,
// and it cannot write an exact decimal such as 1234.56 as a number (only
// int or float64) nor a formula's cached value as one (it marks it text).
type sheetZip struct {
	zw      *zip.Writer
	rows    map[string]func(*rowWriter) // by part name
	filled  map[string]bool
	pending *partFiller // the part being written, if it gets rows
}

func newSheetZip(w io.Writer, rows map[string]func(*rowWriter)) *sheetZip {
	zw := zip.NewWriter(w)
	// The ledger of a large year is tens of MB of XML: the fastest
	// deflate level saves most of the time for a somewhat larger file.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return &sheetZip{zw: zw, rows: rows, filled: map[string]bool{}}
}

var _ excelize.ZipWriter = (*sheetZip)(nil)

func (z *sheetZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, err
	}
	if rows, ok := z.rows[name]; ok {
		z.pending = &partFiller{name: name, out: w, rows: rows}
		return &z.pending.part, nil
	}
	return w, nil
}

func (z *sheetZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

// Close fails if a list sheet's part never came by: its rows would be
// missing from the workbook.
func (z *sheetZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for name := range z.rows {
		if !z.filled[name] {
			return fmt.Errorf("worksheet part %s not written", name)
		}
	}
	return z.zw.Close()
}

func (z *sheetZip) finish() error {
	if z.pending == nil {
		return nil
	}
	p := z.pending
	z.pending = nil
	z.filled[p.name] = true
	return p.fill()
}

// partFiller holds a list sheet's part as excelize writes it (small: the
// sheet has no rows) and writes it out with the rows inside sheetData.
type partFiller struct {
	name string
	out  io.Writer
	part bytes.Buffer
	rows func(*rowWriter)
}

var emptySheetData = [][]byte{[]byte("<sheetData></sheetData>"), []byte("<sheetData/>")}

func (p *partFiller) fill() error {
	xml := p.part.Bytes()
	for _, empty := range emptySheetData {
		i := bytes.Index(xml, empty)
		if i < 0 {
			continue
		}
		// Deflating the rows takes about as long as writing them: the
		// two run side by side.
		aw := newAsyncWriter(p.out)
		aw.Write(xml[:i])
		aw.Write([]byte("<sheetData>"))
		rw := &rowWriter{w: aw}
		p.rows(rw)
		rw.flush()
		aw.Write([]byte("</sheetData>"))
		aw.Write(xml[i+len(empty):])
		return errors.Join(rw.err, aw.Close())
	}
	return fmt.Errorf("worksheet part %s: no empty sheetData", p.name)
}

// asyncWriter passes what is written to it on to another writer from a
// goroutine of its own, in chunks. Errors of that writer are reported by
// Close.
type asyncWriter struct {
	full chan []byte
	free chan []byte
	done chan error
	cur  []byte
}

const (
	asyncChunk   = 256 << 10
	asyncBuffers = 4
)

func newAsyncWriter(dst io.Writer) *asyncWriter {
	a := &asyncWriter{
		full: make(chan []byte, asyncBuffers),
		free: make(chan []byte, asyncBuffers+1),
		done: make(chan error, 1),
	}
	for range asyncBuffers + 1 {
		a.free <- make([]byte, 0, asyncChunk)
	}
	go func() {
		var err error
		for b := range a.full {
			if err == nil {
				_, err = dst.Write(b)
			}
			a.free <- b[:0]
		}
		a.done <- err
	}()
	a.cur = <-a.free
	return a
}

func (a *asyncWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := copy(a.cur[len(a.cur):cap(a.cur)], p)
		a.cur, p = a.cur[:len(a.cur)+k], p[k:]
		if len(a.cur) == cap(a.cur) {
			a.full <- a.cur
			a.cur = <-a.free
		}
	}
	return n, nil
}

func (a *asyncWriter) Close() error {
	if len(a.cur) > 0 {
		a.full <- a.cur
	}
	close(a.full)
	return <-a.done
}
