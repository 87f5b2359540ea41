package pdfcheck

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

var (
	typeRE     = regexp.MustCompile(`/Type\s*/(\w+)`)
	pagesRE    = regexp.MustCompile(`/Pages (\d+) 0 R`)
	kidsRE     = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	countRE    = regexp.MustCompile(`/Count (\d+)`)
	refRE      = regexp.MustCompile(`(\d+) 0 R`)
	contentsRE = regexp.MustCompile(`/Contents\s*(\[[^\]]*\]|\d+ 0 R)`)
	mediaBoxRE = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`)
)

// leaf is a page object and the media box it has or inherits.
type leaf struct {
	num int
	box *[4]float64
}

// pageTree returns the page objects in order, from the catalog down, and
// checks the tree's /Count.
func pageTree(objs map[int]object, root int) ([]leaf, error) {
	catalog := objs[root].dict
	if !hasType(catalog, "Catalog") {
		return nil, fmt.Errorf("pdfcheck: /Root %d 0 R is not a /Catalog", root)
	}
	m := pagesRE.FindSubmatch(catalog)
	if m == nil {
		return nil, fmt.Errorf("pdfcheck: catalog %d has no /Pages", root)
	}
	top, _ := strconv.Atoi(string(m[1]))
	var pages []leaf
	if err := collectPages(objs, top, nil, &pages, 0); err != nil {
		return nil, err
	}
	c := countRE.FindSubmatch(objs[top].dict)
	if c == nil {
		return nil, fmt.Errorf("pdfcheck: pages %d has no /Count", top)
	}
	if n, _ := strconv.Atoi(string(c[1])); n != len(pages) {
		return nil, fmt.Errorf("pdfcheck: pages %d: /Count %d, but the tree holds %d pages", top, n, len(pages))
	}
	return pages, nil
}

// maxTreeDepth bounds the walk of a page tree that refers back to itself.
const maxTreeDepth = 32

// collectPages appends the pages under node num in order; box is the media
// box num inherits.
func collectPages(objs map[int]object, num int, box *[4]float64, pages *[]leaf, depth int) error {
	o, ok := objs[num]
	if ok {
		box = mediaBox(o.dict, box)
	}
	switch {
	case !ok:
		return fmt.Errorf("pdfcheck: page tree: object %d is missing", num)
	case depth > maxTreeDepth:
		return fmt.Errorf("pdfcheck: page tree: deeper than %d at object %d", maxTreeDepth, num)
	case hasType(o.dict, "Page"):
		if box == nil {
			return fmt.Errorf("pdfcheck: page %d has no /MediaBox", num)
		}
		*pages = append(*pages, leaf{num, box})
		return nil
	case !hasType(o.dict, "Pages"):
		return fmt.Errorf("pdfcheck: page tree: object %d is neither /Pages nor /Page", num)
	}
	kids := kidsRE.FindSubmatch(o.dict)
	if kids == nil {
		return fmt.Errorf("pdfcheck: pages %d has no /Kids", num)
	}
	for _, ref := range refs(kids[1]) {
		if err := collectPages(objs, ref, box, pages, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// mediaBox returns the media box dict sets, else the inherited one.
func mediaBox(dict []byte, inherited *[4]float64) *[4]float64 {
	m := mediaBoxRE.FindSubmatch(dict)
	if m == nil {
		return inherited
	}
	var box [4]float64
	for i := range box {
		box[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
	}
	return &box
}

func hasType(dict []byte, name string) bool {
	m := typeRE.FindSubmatch(dict)
	return m != nil && string(m[1]) == name
}

func refs(b []byte) []int {
	var nums []int
	for _, m := range refRE.FindAllSubmatch(b, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		nums = append(nums, n)
	}
	return nums
}

// readPage checks the page's content streams and collects their text.
func readPage(objs map[int]object, l leaf) (Page, error) {
	num := l.num
	p := Page{Width: l.box[2] - l.box[0], Height: l.box[3] - l.box[1]}
	m := contentsRE.FindSubmatch(objs[num].dict)
	if m == nil {
		return p, nil // a blank page
	}
	var content bytes.Buffer
	for _, ref := range refs(m[1]) {
		o, ok := objs[ref]
		if !ok || !o.isStream {
			return p, fmt.Errorf("pdfcheck: page %d: /Contents %d 0 R is not a stream", num, ref)
		}
		// The streams of a page are one content stream cut in pieces.
		content.Write(o.stream)
		content.WriteByte('\n')
	}
	text, err := readContent(content.Bytes())
	if err != nil {
		return p, fmt.Errorf("pdfcheck: page %d: %w", num, err)
	}
	p.Text = text
	return p, nil
}
