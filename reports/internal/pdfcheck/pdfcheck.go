// Package pdfcheck checks the structure of the PDF files the report writers
// make, in pure Go, so that their tests mean something on a machine without
// poppler or qpdf: the cross-reference table and trailer, every object where
// the table says, every stream's length, every deflated stream inflating,
// and every page's content keeping text objects well formed. It also returns
// each page's text, as drawn, for the writers' fonts (see Page).
//
// It reads what govbuy writes — a classic xref table, one revision, no
// object streams — and says so when a file is anything else.
package pdfcheck

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// File is what Check read from a well-formed file.
type File struct {
	Objects int    // objects in use, as the xref table lists them
	Pages   []Page // in the order of the page tree
}

// Page is one page's size and content.
type Page struct {
	Width, Height float64 // of its media box, in pt

	// Text holds the strings the page shows, one per text-showing
	// operator, in the order they are drawn, decoded as UTF-16BE: the
	// writers' fonts are Identity-H with Unicode character codes.
	Text []string
}

// Check reads data as a PDF file and returns the first structural fault it
// finds, naming the object and what is wrong with it.
func Check(data []byte) (*File, error) {
	x, err := readXref(data)
	if err != nil {
		return nil, err
	}
	objs := make(map[int]object, len(x.offsets))
	for num, off := range x.offsets {
		o, err := readObject(data, num, off)
		if err != nil {
			return nil, err
		}
		objs[num] = o
	}
	for num := range objs {
		if err := checkStream(objs, num); err != nil {
			return nil, err
		}
	}
	pages, err := pageTree(objs, x.root)
	if err != nil {
		return nil, err
	}
	f := &File{Objects: len(objs)}
	for _, l := range pages {
		p, err := readPage(objs, l)
		if err != nil {
			return nil, err
		}
		f.Pages = append(f.Pages, p)
	}
	return f, nil
}

// xref is what the cross-reference table and the trailer say.
type xref struct {
	offsets map[int]int // by object number, objects in use
	root    int         // the catalog's object number
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sectionRE   = regexp.MustCompile(`^(\d+) (\d+)\s*$`)
	entryRE     = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)$`)
	sizeRE      = regexp.MustCompile(`/Size (\d+)`)
	rootRE      = regexp.MustCompile(`/Root (\d+) 0 R`)
)

// readXref reads the table startxref points at and the trailer after it.
func readXref(data []byte) (xref, error) {
	m := startxrefRE.FindSubmatch(data[max(0, len(data)-64):])
	if m == nil {
		return xref{}, errors.New("pdfcheck: no startxref and %%EOF at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref")) {
		return xref{}, fmt.Errorf("pdfcheck: startxref %d does not point at an xref table", at)
	}
	rest := data[at+len("xref"):]
	rest = rest[len(rest)-len(bytes.TrimLeft(rest, "\r\n")):]
	x := xref{offsets: map[int]int{}}
	size := 0
	for !bytes.HasPrefix(rest, []byte("trailer")) {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		s := sectionRE.FindSubmatch(line)
		if s == nil {
			return xref{}, fmt.Errorf("pdfcheck: xref: bad subsection header %q", line)
		}
		first, _ := strconv.Atoi(string(s[1]))
		count, _ := strconv.Atoi(string(s[2]))
		if len(after) < 20*count {
			return xref{}, errors.New("pdfcheck: xref: table cut short")
		}
		for i := range count {
			e := entryRE.FindSubmatch(after[20*i : 20*i+20])
			if e == nil {
				return xref{}, fmt.Errorf("pdfcheck: xref: bad entry for object %d", first+i)
			}
			if e[3][0] == 'n' {
				off, _ := strconv.Atoi(string(e[1]))
				x.offsets[first+i] = off
			}
		}
		size = max(size, first+count)
		rest = after[20*count:]
	}
	trailer := rest
	if err := checkTrailer(trailer, size, &x); err != nil {
		return xref{}, err
	}
	return x, nil
}

func checkTrailer(trailer []byte, size int, x *xref) error {
	end := bytes.Index(trailer, []byte("startxref"))
	if end < 0 {
		return errors.New("pdfcheck: trailer: no startxref after it")
	}
	dict := trailer[:end]
	m := sizeRE.FindSubmatch(dict)
	if m == nil {
		return errors.New("pdfcheck: trailer: no /Size")
	}
	if n, _ := strconv.Atoi(string(m[1])); n != size {
		return fmt.Errorf("pdfcheck: trailer: /Size %d, but the xref table has %d entries", n, size)
	}
	r := rootRE.FindSubmatch(dict)
	if r == nil {
		return errors.New("pdfcheck: trailer: no /Root")
	}
	x.root, _ = strconv.Atoi(string(r[1]))
	if _, ok := x.offsets[x.root]; !ok {
		return fmt.Errorf("pdfcheck: trailer: /Root %d 0 R is not an object in use", x.root)
	}
	return nil
}

// object is one indirect object: its dictionary (or whole body, for an
// object that is not a stream) and its stream's raw data, if any.
type object struct {
	dict     []byte
	stream   []byte // nil for an object without a stream
	isStream bool
	data     []byte // the file from the stream's first byte on
}

var (
	streamRE = regexp.MustCompile(`>>\s*stream(\r\n|\n)`)
	lengthRE = regexp.MustCompile(`/Length (\d+)(?: (\d+) 0 R)?`)
	filterRE = regexp.MustCompile(`/Filter\s*/(\w+)`)
)

// readObject checks that object num starts at off and splits it into its
// dictionary and the rest, up to endobj.
func readObject(data []byte, num, off int) (object, error) {
	head := fmt.Appendf(nil, "%d 0 obj", num)
	if off <= 0 || off >= len(data) || !bytes.HasPrefix(data[off:], head) {
		return object{}, fmt.Errorf("pdfcheck: object %d: the xref offset %d does not point at %q", num, off, head)
	}
	body := data[off+len(head):]
	endobj := bytes.Index(body, []byte("endobj"))
	s := streamRE.FindIndex(body)
	if s == nil || (endobj >= 0 && endobj < s[0]) {
		if endobj < 0 {
			return object{}, fmt.Errorf("pdfcheck: object %d: no endobj", num)
		}
		return object{dict: body[:endobj]}, nil
	}
	return object{dict: body[:s[0]+2], isStream: true, data: body[s[1]:]}, nil
}

// checkStream checks a stream's /Length against where endstream is and
// keeps its data, inflated if it is deflated.
func checkStream(objs map[int]object, num int) error {
	o := objs[num]
	if !o.isStream {
		return nil
	}
	n, err := streamLength(objs, num, o.dict)
	if err != nil {
		return err
	}
	if n > len(o.data) {
		return fmt.Errorf("pdfcheck: object %d: /Length %d runs past the end of the file", num, n)
	}
	after, ok := cutEOL(o.data[n:])
	if !ok || !bytes.HasPrefix(after, []byte("endstream")) {
		return fmt.Errorf("pdfcheck: object %d: endstream is not where /Length %d ends the data", num, n)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(after[len("endstream"):], "\r\n "), []byte("endobj")) {
		return fmt.Errorf("pdfcheck: object %d: no endobj after endstream", num)
	}
	stream := o.data[:n]
	if f := filterRE.FindSubmatch(o.dict); f != nil && string(f[1]) == "FlateDecode" {
		if stream, err = inflate(stream); err != nil {
			return fmt.Errorf("pdfcheck: object %d: the stream does not inflate: %w", num, err)
		}
	}
	o.stream = stream
	objs[num] = o
	return nil
}

// cutEOL removes the end of line that must follow a stream's data.
func cutEOL(b []byte) ([]byte, bool) {
	for _, eol := range []string{"\r\n", "\n", "\r"} {
		if rest, ok := bytes.CutPrefix(b, []byte(eol)); ok {
			return rest, true
		}
	}
	return b, false
}

func streamLength(objs map[int]object, num int, dict []byte) (int, error) {
	m := lengthRE.FindSubmatch(dict)
	if m == nil {
		return 0, fmt.Errorf("pdfcheck: object %d: stream without /Length", num)
	}
	n, _ := strconv.Atoi(string(m[1]))
	if m[2] == nil {
		return n, nil
	}
	ref, ok := objs[n]
	if !ok {
		return 0, fmt.Errorf("pdfcheck: object %d: /Length refers to missing object %d", num, n)
	}
	v, err := strconv.Atoi(string(bytes.TrimSpace(ref.dict)))
	if err != nil {
		return 0, fmt.Errorf("pdfcheck: object %d: /Length object %d is not an integer", num, n)
	}
	return v, nil
}

func inflate(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(zr) // checks the Adler-32 checksum at the end
	if err != nil {
		return nil, err
	}
	return out, zr.Close()
}
