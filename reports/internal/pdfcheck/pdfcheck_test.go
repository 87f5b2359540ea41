package pdfcheck_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"govbuy/reports/internal/pdfcheck"
)

// utf16be writes s as the writers' fonts expect it in a string.
func utf16be(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return b.String()
}

func deflate(s string) []byte {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// onePage builds a small well-formed file the way fpdf lays one out: the
// page tree, one page whose content is deflated, the catalog, an xref
// table with each object's offset and the trailer.
func onePage(content string) []byte {
	stream := deflate(content)
	objs := []string{
		"<</Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595.28 841.89]>>",
		"<</Font <<>>>>",
		"<</Type /Page /Parent 1 0 R /Resources 2 0 R /Contents 4 0 R>>",
		fmt.Sprintf("<</Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream", len(stream), stream),
		"<</Type /Catalog /Pages 1 0 R>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	at := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root 5 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, at)
	return b.Bytes()
}

var hello = "BT 10 20 Td (" + utf16be("你好") + ") Tj 0 -12 Td (" + utf16be("合同") + ") Tj ET\n0 0 m 5 5 l S\n"

func TestCheckReadsAWellFormedFile(t *testing.T) {
	f, err := pdfcheck.Check(onePage(hello))
	if err != nil {
		t.Fatal(err)
	}
	if f.Objects != 5 || len(f.Pages) != 1 {
		t.Fatalf("%d objects, %d pages", f.Objects, len(f.Pages))
	}
	if got := strings.Join(f.Pages[0].Text, "|"); got != "你好|合同" {
		t.Errorf("text %q", got)
	}
	if p := f.Pages[0]; p.Width != 595.28 || p.Height != 841.89 {
		t.Errorf("page %v × %v pt, want A4's 595.28 × 841.89 inherited from the tree", p.Width, p.Height)
	}
}

func TestCheckReadsStringsAsWritten(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"escaped delimiters", `BT (\000\(\000\)\000\\) Tj ET`, `()\`},
		{"octal and line continuation", "BT (\\000A\\\n\\0\\102) Tj ET", "AB"},
		{"nested parentheses", "BT (\x00(\x00)) Tj ET", "()"},
		{"hexadecimal", "BT <4F60 597D> Tj ET", "你好"},
		{"array of strings", "BT [(\x00A) -250 <0042>] TJ ET", "AB"},
		{"comment", "% BT\nBT (\x00A) Tj ET", "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := pdfcheck.Check(onePage(tt.content))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(f.Pages[0].Text, "|"); got != tt.want {
				t.Errorf("text %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCheckFindsFaults spoils a well-formed file in one place at a time;
// each fault must be found and named.
func TestCheckFindsFaults(t *testing.T) {
	good := onePage(hello)
	replace := func(old, new string) func([]byte) []byte {
		return func(b []byte) []byte {
			if !bytes.Contains(b, []byte(old)) {
				panic("no " + old)
			}
			return bytes.Replace(b, []byte(old), []byte(new), 1)
		}
	}
	shiftOffset := func(b []byte) []byte { // object 3's xref entry, one byte off
		x := bytes.LastIndex(b, []byte("\nxref\n")) + 1
		entry := x + len("xref\n0 6\n") + 3*20
		off := 0
		fmt.Sscanf(string(b[entry:entry+10]), "%d", &off)
		out := bytes.Clone(b)
		copy(out[entry:], fmt.Sprintf("%010d", off+1))
		return out
	}
	shortenLength := func(b []byte) []byte {
		var n int
		at := bytes.Index(b, []byte("/Length ")) + len("/Length ")
		fmt.Sscanf(string(b[at:]), "%d", &n)
		return replace(fmt.Sprintf("/Length %d>>", n), fmt.Sprintf("/Length %d>>", n-1))(b)
	}
	flipStreamByte := func(b []byte) []byte {
		at := bytes.Index(b, []byte("stream\n")) + len("stream\n") + 4
		out := bytes.Clone(b)
		out[at] ^= 0xFF
		return out
	}
	tests := []struct {
		name  string
		spoil func([]byte) []byte
		want  string
	}{
		{"offset off by one", shiftOffset, "object 3: the xref offset"},
		{"/Length one short", shortenLength, "object 4: endstream is not where /Length"},
		{"stream byte changed", flipStreamByte, "object 4: the stream does not inflate"},
		{"wrong /Size", replace("/Size 6", "/Size 5"), "/Size 5, but the xref table has 6 entries"},
		{"no /Root", replace("/Root 5 0 R", "/Info 5 0 R"), "no /Root"},
		{"/Root not the catalog", replace("/Root 5 0 R", "/Root 3 0 R"), "is not a /Catalog"},
		{"/Root missing", replace("/Root 5 0 R", "/Root 9 0 R"), "not an object in use"},
		{"startxref off", replace("startxref\n", "startxref\n1"), "does not point at an xref table"},
		{"no %%EOF", replace("%%EOF", "%%EOX"), "no startxref"},
		{"page count", replace("/Count 1", "/Count 2"), "/Count 2, but the tree holds 1 pages"},
		{"no media box", replace("/MediaBox", "/CropBox ") /* same length: offsets hold */, "page 3 has no /MediaBox"},
		{"kid not a page", replace("/Kids [3 0 R]", "/Kids [2 0 R]"), "object 2 is neither /Pages nor /Page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pdfcheck.Check(tt.spoil(good))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// TestCheckFindsMisplacedOperators: text drawn outside a text object, or a
// path drawn inside one, is what a writer that lost track of its open
// text object would produce.
func TestCheckFindsMisplacedOperators(t *testing.T) {
	tests := []struct {
		content, want string
	}{
		{"BT BT ET ET", "BT inside a text object"},
		{"ET", "ET outside a text object"},
		{"BT 1 2 Td", "never closed"},
		{"10 20 Td", "Td outside a text object"},
		{"(\x00A) Tj", "Tj outside a text object"},
		{"BT 0 0 m 5 5 l S ET", "m inside a text object"},
		{"BT 0 0 5 5 re f ET", "re inside a text object"},
		{"BT q ET", "q inside a text object"},
		{"BT (\x00A Tj ET", "not closed"},
		{"BT (A) Tj ET", "Tj: string of 1 bytes is not UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := pdfcheck.Check(onePage(tt.content))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "page 3") {
				t.Errorf("%q: got %v, want an error for page 3 with %q", tt.content, err, tt.want)
			}
		})
	}
}
