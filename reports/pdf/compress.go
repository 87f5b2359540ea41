package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// gofpdf compresses each page with a new zlib writer, and Go's deflate
// allocates about 1.3 MB for each one whatever the level: for the 3,000
// pages of a 100,000-contract ledger that costs more than laying the pages
// out. It also holds every page's content twice over while it assembles
// the file. So the document is generated uncompressed, with the bulk of
// the content (the chunks) kept aside and only a marker for each in
// gofpdf's pages; compressStreams then puts the chunks in their place as it
// deflates the streams, reusing one writer per CPU, and rewrites the
// cross-reference table for the new offsets. The PDF it reads is gofpdf's
// own (v1.16.2), whose layout is fixed: "N 0 obj" objects listed in a
// classic xref table, streams as "<</Length L>>\nstream\n…".

// chunks is the page content written by pdfDoc. A chunk's marker is a PDF
// comment line holding a random key, which no text in the document can
// reproduce by chance or on purpose. Chunks are copied into large blocks:
// a few dozen allocations for a large ledger rather than several per page.
type chunks struct {
	prefix []byte // "%govbuy-<key>-"
	list   [][]byte
	block  []byte // where the next chunk goes
}

const chunkBlock = 1 << 20

func newChunks() *chunks {
	return &chunks{prefix: fmt.Appendf(nil, "%%govbuy-%016x-", rand.Uint64())}
}

// add keeps a copy of content and returns the marker line to put in its
// place.
func (c *chunks) add(content []byte) string {
	if cap(c.block)-len(c.block) < len(content) {
		c.block = make([]byte, 0, max(chunkBlock, len(content)))
	}
	start := len(c.block)
	c.block = append(c.block, content...)
	c.list = append(c.list, c.block[start:len(c.block):len(c.block)])
	return string(c.prefix) + strconv.Itoa(len(c.list)-1)
}

// take returns chunk id, once.
func (c *chunks) take(id int) ([]byte, bool) {
	if id < 0 || id >= len(c.list) || c.list[id] == nil {
		return nil, false
	}
	b := c.list[id]
	c.list[id] = nil // placed
	return b, true
}

// compressStreams writes pdf to w with every stream that has no filter
// (the pages' content and the ToUnicode maps) deflated and the chunks put
// in place of their markers.
func compressStreams(w io.Writer, pdf []byte, content *chunks) error {
	objs, xrefAt, err := pdfObjects(pdf)
	if err != nil {
		return err
	}
	packed, err := deflateObjects(pdf, objs, content)
	if err != nil {
		return err
	}
	for id := range content.list {
		if _, unplaced := content.take(id); unplaced {
			return fmt.Errorf("compress: content chunk %d has no marker", id)
		}
	}
	out := &countingWriter{w: w}
	out.write(pdf[:objs[0].start]) // header
	offsets := make(map[int]int, len(objs))
	for i, o := range objs {
		offsets[o.num] = out.n
		if packed[i] != nil {
			out.write(packed[i])
		} else {
			out.write(pdf[o.start:o.end])
		}
	}
	return writeXref(out, pdf[xrefAt:], offsets)
}

// pdfObject is the span of one indirect object in the document.
type pdfObject struct {
	num        int
	start, end int
}

// pdfObjects lists the document's objects, in file order, from its xref
// table, and returns where that table starts.
func pdfObjects(pdf []byte) ([]pdfObject, int, error) {
	tail := pdf[max(0, len(pdf)-64):]
	i := bytes.LastIndex(tail, []byte("startxref\n"))
	if i < 0 {
		return nil, 0, errors.New("compress: no startxref")
	}
	num, _, _ := bytes.Cut(tail[i+len("startxref\n"):], []byte("\n"))
	xrefAt, err := strconv.Atoi(string(num))
	if err != nil || xrefAt <= 0 || xrefAt >= len(pdf) {
		return nil, 0, errors.New("compress: bad startxref")
	}
	entries, err := xrefEntries(pdf[xrefAt:])
	if err != nil {
		return nil, 0, err
	}
	objs := make([]pdfObject, 0, len(entries))
	for n, off := range entries {
		if n > 0 {
			objs = append(objs, pdfObject{num: n, start: off})
		}
	}
	slices.SortFunc(objs, func(a, b pdfObject) int { return a.start - b.start })
	for i := range objs {
		objs[i].end = xrefAt
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].start
		}
		head := strconv.Itoa(objs[i].num) + " 0 obj\n"
		if objs[i].start <= 0 || !bytes.HasPrefix(pdf[objs[i].start:], []byte(head)) {
			return nil, 0, fmt.Errorf("compress: object %d not at its offset", objs[i].num)
		}
	}
	if len(objs) == 0 {
		return nil, 0, errors.New("compress: no objects")
	}
	return objs, xrefAt, nil
}

// xrefEntries reads "xref\n0 N\n" and N entries of 20 bytes.
func xrefEntries(x []byte) ([]int, error) {
	line, rest, _ := bytes.Cut(x, []byte("\n"))
	if string(line) != "xref" {
		return nil, errors.New("compress: no xref table")
	}
	line, rest, _ = bytes.Cut(rest, []byte("\n"))
	var first, count int
	if _, err := fmt.Sscanf(string(line), "%d %d", &first, &count); err != nil || first != 0 || count < 1 {
		return nil, errors.New("compress: unexpected xref section")
	}
	if len(rest) < 20*count {
		return nil, errors.New("compress: short xref table")
	}
	offsets := make([]int, count)
	for n := range count {
		off, err := strconv.Atoi(string(rest[20*n : 20*n+10]))
		if err != nil {
			return nil, errors.New("compress: bad xref entry")
		}
		offsets[n] = off
	}
	return offsets, nil
}

// writeXref writes a new xref table for offsets, followed by the old
// trailer dictionary and the new table's position.
func writeXref(out *countingWriter, oldXref []byte, offsets map[int]int) error {
	t := bytes.Index(oldXref, []byte("trailer\n"))
	s := bytes.LastIndex(oldXref, []byte("startxref\n"))
	if t < 0 || s < t {
		return errors.New("compress: no trailer")
	}
	at := out.n
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for n := 1; n <= len(offsets); n++ {
		off, ok := offsets[n]
		if !ok {
			return fmt.Errorf("compress: object %d missing", n)
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	b.Write(oldXref[t:s])
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", at)
	out.write(b.Bytes())
	return out.err
}

// deflateObjects returns each object rewritten with its stream deflated,
// or nil for objects left as they are. The work is shared among the CPUs,
// each with its own reused writer.
func deflateObjects(pdf []byte, objs []pdfObject, content *chunks) ([][]byte, error) {
	packed := make([][]byte, len(objs))
	workers := max(1, min(runtime.GOMAXPROCS(0), 4))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for i := w; i < len(objs) && errs[w] == nil; i += workers {
				packed[i], errs[w] = deflateObject(pdf[objs[i].start:objs[i].end], objs[i].num, content, zw, &buf)
			}
		}()
	}
	wg.Wait()
	return packed, errors.Join(errs...)
}

// deflateObject rewrites "N 0 obj\n<</Length L>>\nstream\n…" with its data
// deflated; other objects, such as the already compressed fonts, give nil.
// Each worker takes distinct chunks, as each marker is in one page.
func deflateObject(obj []byte, num int, content *chunks, zw *zlib.Writer, buf *bytes.Buffer) ([]byte, error) {
	head := strconv.Itoa(num) + " 0 obj\n<</Length "
	if !bytes.HasPrefix(obj, []byte(head)) {
		return nil, nil
	}
	lenText, rest, ok := bytes.Cut(obj[len(head):], []byte(">>\nstream\n"))
	n, err := strconv.Atoi(string(lenText))
	if !ok || err != nil || n > len(rest) || !bytes.HasPrefix(rest[n:], []byte("\nendstream\n")) {
		return nil, nil
	}
	buf.Reset()
	zw.Reset(buf)
	if err := writeContent(zw, rest[:n], content); err != nil {
		return nil, fmt.Errorf("compress: object %d: %w", num, err)
	}
	zw.Close() // writes to a bytes.Buffer do not fail
	out := make([]byte, 0, buf.Len()+len(head)+64)
	out = append(out, strconv.Itoa(num)+" 0 obj\n<</Filter /FlateDecode /Length "...)
	out = strconv.AppendInt(out, int64(buf.Len()), 10)
	out = append(out, ">>\nstream\n"...)
	out = append(out, buf.Bytes()...)
	return append(out, rest[n:]...), nil // "\nendstream\nendobj\n"
}

// writeContent writes a stream's data with each marker line replaced by
// its chunk.
func writeContent(w io.Writer, data []byte, content *chunks) error {
	for {
		i := bytes.Index(data, content.prefix)
		if i < 0 {
			_, err := w.Write(data)
			return err
		}
		idText, after, ok := bytes.Cut(data[i+len(content.prefix):], []byte("\n"))
		id, err := strconv.Atoi(string(idText))
		if !ok || err != nil || (i > 0 && data[i-1] != '\n') {
			return errors.New("malformed content marker")
		}
		chunk, ok := content.take(id)
		if !ok {
			return fmt.Errorf("content chunk %d placed twice", id)
		}
		if _, err := w.Write(data[:i]); err != nil {
			return err
		}
		if _, err := w.Write(chunk); err != nil {
			return err
		}
		data = after
	}
}

// countingWriter tracks the offset it has written to and keeps the first
// error.
type countingWriter struct {
	w   io.Writer
	n   int
	err error
}

func (c *countingWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	n, err := c.w.Write(p)
	c.n += n
	c.err = err
}
