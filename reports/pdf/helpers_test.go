package pdf_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"govbuy"
	"govbuy/reports/internal/pdfcheck"
	"govbuy/reports/pdf"
)

// document is a PDF a test wrote: the file, for poppler's tools, and what
// pdfcheck read from it.
type document struct {
	path string
	*pdfcheck.File
}

// writePDF writes a document, fails the test unless pdfcheck finds its
// structure sound, and keeps it in a temporary file.
func writePDF(t *testing.T, write func(io.Writer) error) document {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	f, err := pdfcheck.Check(b.Bytes())
	if err != nil {
		t.Fatalf("structure: %v", err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return document{path, f}
}

func reportPDF(t *testing.T, r *govbuy.Report) document {
	t.Helper()
	return writePDF(t, func(w io.Writer) error { return pdf.WriteReport(w, r) })
}

func formPDF(t *testing.T, f *govbuy.PaymentForm) document {
	t.Helper()
	return writePDF(t, func(w io.Writer) error { return pdf.WritePaymentForm(w, f) })
}

// readings gives the document's text, page by page, in the order it was
// drawn, as each reader at hand reads it: pdfcheck, which needs nothing
// installed, and poppler's pdftotext -raw where it is installed. Either
// puts the lines of a table cell one after the other, so a wrapped name
// reads whole once white space is squeezed out, while a lost character
// does not.
func (d document) readings(t *testing.T) map[string][]string {
	t.Helper()
	pages := make([]string, len(d.Pages))
	for i, p := range d.Pages {
		pages[i] = strings.Join(p.Text, "\n")
	}
	byReader := map[string][]string{"pdfcheck": pages}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		byReader["pdftotext"] = strings.Split(pdfText(t, d.path, "-raw"), "\f")[:len(pages)]
	}
	return byReader
}

func hasPoppler() bool {
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return false
		}
	}
	return true
}

// needPoppler skips the rest of a test that only poppler can do; call it
// after the document is written, so its structure is checked regardless.
func needPoppler(t *testing.T) {
	t.Helper()
	if !hasPoppler() {
		t.Skip("pdftotext or pdfinfo not installed (Debian: poppler-utils); structure checked only")
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pdfText extracts the text with pdftotext in a mode ("-layout", "-raw",
// or "" for the default reading order).
func pdfText(t *testing.T, path, mode string) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if mode != "" {
		args = append(args, mode)
	}
	return run(t, "pdftotext", append(args, path, "-")...)
}

// squeeze removes all white space, so that text wrapped over several lines
// still reads as one string while a dropped character does not.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// inOrder reports whether every character of want appears in text in
// order (a dropped character fails it).
func inOrder(text, want string) bool {
	for _, r := range want {
		i := strings.IndexRune(text, r)
		if i < 0 {
			return false
		}
		text = text[i+len(string(r)):]
	}
	return true
}
