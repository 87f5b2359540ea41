package importer

// A worksheet and its shared strings are the parts of a workbook that
// grow with the ledger: 100,000 rows are some 2,000,000 XML tokens, and
// encoding/xml's tokenizer (a method call, a line count and a buffer write
// per byte, an allocation per name and attribute) took more of an import's
// time than the database did. xmlScanner reads the same tokens from a
// buffer it scans with bytes.IndexByte, hands out names, attribute values
// and text as slices of that buffer (copied only when an entity or a
// carriage return must be rewritten), and allocates nothing per token.
//
// It accepts exactly what encoding/xml's Decoder.RawToken accepts with
// Strict = false and returns the same elements and text: what the readers
// make of a part is unchanged by it, and FuzzXMLScanner holds the two to
// each other. Comments, processing instructions and directives are
// checked as RawToken checks them and then skipped, since no reader needs
// them. Rare constructs (a processing instruction, a name outside ASCII)
// are checked by encoding/xml itself, on that token's bytes alone.

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"unicode/utf8"
)

// Token kinds xmlScanner.next returns.
const (
	tokStart = iota + 1 // a start tag: name and attrs are set
	tokEnd              // an end tag, or the end of a self-closing one: name is set
	tokText             // character data: text is set
)

// scanBuffer is the scanner's first buffer; it grows, up to a token's
// MaxToken, only for a token longer than it.
const scanBuffer = 64 << 10

type xmlAttr struct {
	local, value []byte
}

// xmlScanner tokenizes one XML part. name, attrs and text are valid until
// the next call of next.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // unread bytes are buf[pos:end]
	rerr     error // the reader's error once it has given one (io.EOF at the end)

	name       []byte
	attrs      []xmlAttr
	text       []byte
	scratch    []byte // rewritten text and attribute values
	pendingEnd bool   // the start tag returned was self-closing
}

var errXMLSyntax = errors.New("importer: XML syntax error")

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, scanBuffer)}
}

// next returns the next start tag, end tag or text; io.EOF at the end of
// the part, errTooLong for a token over MaxToken and an error wrapping
// errXMLSyntax for anything encoding/xml refuses.
func (s *xmlScanner) next() (int, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		return tokEnd, nil
	}
	s.scratch = s.scratch[:0]
	for {
		if s.pos == s.end {
			if err := s.more(); err != nil {
				return 0, err
			}
		}
		if s.buf[s.pos] != '<' {
			return s.charData()
		}
		kind, err := s.markup()
		if err != nil || kind != 0 {
			return kind, err
		}
	}
}

// more reads into the buffer, keeping the unread bytes, which belong to
// the token being scanned; it returns errTooLong when that token already
// fills MaxToken, and the reader's error (io.EOF) when it has no more.
func (s *xmlScanner) more() error {
	if s.rerr != nil {
		return s.rerr
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end >= MaxToken {
		return errTooLong
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, min(len(s.buf), MaxToken))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// byteAt is the token's i-th byte, read in when needed; an end of input
// inside a token is a syntax error.
func (s *xmlScanner) byteAt(i int) (byte, error) {
	for s.pos+i >= s.end {
		if err := s.more(); err != nil {
			return 0, eofInToken(err)
		}
	}
	return s.buf[s.pos+i], nil
}

func eofInToken(err error) error {
	if err == io.EOF {
		return syntaxError("unexpected EOF")
	}
	return err
}

func syntaxError(msg string) error { return errors.Join(errXMLSyntax, errors.New(msg)) }

// index finds b in the token from its i-th byte on, reading in as needed;
// it returns -1 at the end of input.
func (s *xmlScanner) index(i int, b byte) (int, error) {
	for {
		if j := bytes.IndexByte(s.buf[s.pos+i:s.end], b); j >= 0 {
			return i + j, nil
		}
		i = s.end - s.pos
		if err := s.more(); err == io.EOF {
			return -1, nil
		} else if err != nil {
			return 0, err
		}
	}
}

// indexOf finds sep in the token from its i-th byte on; the end of input
// is a syntax error.
func (s *xmlScanner) indexOf(i int, sep string) (int, error) {
	for {
		if j := bytes.Index(s.buf[s.pos+i:s.end], []byte(sep)); j >= 0 {
			return i + j, nil
		}
		i = max(s.end-s.pos-len(sep)+1, i)
		if err := s.more(); err != nil {
			return 0, eofInToken(err)
		}
	}
}

// charData is the text up to the next '<' or the end of input.
func (s *xmlScanner) charData() (int, error) {
	n, err := s.index(0, '<')
	if err != nil {
		return 0, err
	}
	atEOF := n < 0
	if atEOF {
		n = s.end - s.pos
	}
	raw := s.buf[s.pos : s.pos+n]
	if bytes.Contains(raw, []byte("]]>")) {
		return 0, syntaxError("unescaped ]]> not in CDATA section")
	}
	text, err := s.decode(raw, true, atEOF)
	if err != nil {
		return 0, err
	}
	s.pos += n
	s.text = text
	return tokText, nil
}

// decode rewrites entities (when entities) and carriage returns as
// encoding/xml's text does, and checks the characters. Text that needs no
// rewriting is returned as it is. atEOF says raw ends the input.
func (s *xmlScanner) decode(raw []byte, entities, atEOF bool) ([]byte, error) {
	text := raw
	if (entities && bytes.IndexByte(raw, '&') >= 0) || bytes.IndexByte(raw, '\r') >= 0 {
		start := len(s.scratch)
		var cut bool
		s.scratch, cut = appendText(s.scratch, raw, entities)
		if cut && atEOF {
			return nil, syntaxError("unexpected EOF")
		}
		text = s.scratch[start:]
	}
	if !xmlChars(text) {
		return nil, syntaxError("invalid UTF-8 or illegal character")
	}
	return text, nil
}

// appendText appends raw with its entities resolved (when entities) and
// \r\n and \r written as \n. An entity encoding/xml does not know, or one
// without its semicolon, stays as written, as non-strict mode leaves it.
// cut reports an entity that raw ends inside, which encoding/xml refuses
// at the end of input.
func appendText(dst, raw []byte, entities bool) (out []byte, cut bool) {
	for i := 0; i < len(raw); {
		switch b := raw[i]; {
		case b == '&' && entities:
			n, text, ok := entity(raw[i:])
			if ok {
				dst = append(dst, text...)
			} else {
				dst = append(dst, raw[i:i+n]...)
				cut = i+n == len(raw) && raw[i+n-1] != ';'
			}
			i += n
		case b == '\r':
			dst = append(dst, '\n')
			if i++; i < len(raw) && raw[i] == '\n' {
				i++
			}
		default:
			dst = append(dst, b)
			i++
		}
	}
	return dst, cut
}

// entity reads the reference at the start of raw ('&' …): the bytes it
// takes and the text it stands for, ok false when it stands for nothing
// encoding/xml knows (it then takes what encoding/xml reads of it).
func entity(raw []byte) (n int, text string, ok bool) {
	i := 1
	if i < len(raw) && raw[i] == '#' {
		return charRef(raw)
	}
	for i < len(raw) && (raw[i] >= utf8.RuneSelf || isNameByte(raw[i])) {
		i++
	}
	if i >= len(raw) || raw[i] != ';' {
		return i, "", false
	}
	name := raw[1:i]
	switch string(name) {
	case "lt":
		return i + 1, "<", true
	case "gt":
		return i + 1, ">", true
	case "amp":
		return i + 1, "&", true
	case "apos":
		return i + 1, "'", true
	case "quot":
		return i + 1, `"`, true
	}
	return i + 1, "", false
}

// charRef reads &#NNN; or &#xHHH; (only a lower-case x, as encoding/xml).
func charRef(raw []byte) (n int, text string, ok bool) {
	i, base := 2, uint64(10)
	if i < len(raw) && raw[i] == 'x' {
		i, base = 3, 16
	}
	start := i
	var v uint64
	overflow := false
	for ; i < len(raw); i++ {
		d, digit := digitValue(raw[i], base)
		if !digit {
			break
		}
		if v > (1<<63)/base {
			overflow = true
		}
		v = v*base + d
	}
	if i >= len(raw) || raw[i] != ';' {
		return i, "", false
	}
	if i == start || overflow || v > utf8.MaxRune {
		return i + 1, "", false
	}
	return i + 1, string(rune(v)), true
}

func digitValue(b byte, base uint64) (uint64, bool) {
	switch {
	case '0' <= b && b <= '9':
		return uint64(b - '0'), true
	case base == 16 && 'a' <= b && b <= 'f':
		return uint64(b-'a') + 10, true
	case base == 16 && 'A' <= b && b <= 'F':
		return uint64(b-'A') + 10, true
	}
	return 0, false
}

// xmlChars reports whether text is UTF-8 in XML's character range.
func xmlChars(text []byte) bool {
	for i := 0; i < len(text); {
		b := text[i]
		if b >= 0x20 && b < utf8.RuneSelf {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			if b != '\t' && b != '\n' && b != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 || !xmlRune(r) {
			return false
		}
		i += size
	}
	return true
}

func xmlRune(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// markup reads the token that begins with '<': a start or end tag (its
// kind returned), or a comment, processing instruction, CDATA section
// (returned as text) or directive (checked and skipped: kind 0).
func (s *xmlScanner) markup() (int, error) {
	b, err := s.byteAt(1)
	if err != nil {
		return 0, err
	}
	switch b {
	case '/':
		return s.endTag()
	case '?':
		return 0, s.procInst()
	case '!':
		return s.bang()
	}
	return s.startTag()
}

// endTag reads </name>, with spaces allowed before the '>'.
func (s *xmlScanner) endTag() (int, error) {
	gt, err := s.indexOf(2, ">")
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.pos+2 : s.pos+gt]
	n := nameLen(tag)
	local, err := elementName(tag[:n])
	if err != nil {
		return 0, err
	}
	if !spaces(tag[n:]) {
		return 0, syntaxError("invalid characters in end tag")
	}
	s.name = local
	s.pos += gt + 1
	return tokEnd, nil
}

// startTag reads <name attr="value" …> or <name …/>.
func (s *xmlScanner) startTag() (int, error) {
	gt, err := s.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.pos+1 : s.pos+gt]
	n := nameLen(tag)
	local, err := elementName(tag[:n])
	if err != nil {
		return 0, err
	}
	empty, err := s.readAttrs(tag[n:])
	if err != nil {
		return 0, err
	}
	s.name = local
	s.pendingEnd = empty
	s.pos += gt + 1
	return tokStart, nil
}

// tagEnd finds the '>' that closes the tag begun at pos: the first one
// outside quotes. Quotes only delimit attribute values in a tag
// encoding/xml accepts, so a tag it refuses may end elsewhere here, but is
// refused all the same.
func (s *xmlScanner) tagEnd() (int, error) {
	var quote byte
	for i := 1; ; i++ {
		if s.pos+i >= s.end {
			if err := s.more(); err != nil {
				return 0, eofInToken(err)
			}
		}
		switch b := s.buf[s.pos+i]; {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '>':
			return i, nil
		}
	}
}

// readAttrs reads a start tag's attributes from rest, what follows its
// name; it reports a self-closing tag.
func (s *xmlScanner) readAttrs(rest []byte) (empty bool, err error) {
	s.attrs = s.attrs[:0]
	for {
		rest = trimSpace(rest)
		switch {
		case len(rest) == 0:
			return false, nil
		case rest[0] == '/':
			if len(rest) != 1 {
				return false, syntaxError("expected /> in element")
			}
			return true, nil
		}
		n := nameLen(rest)
		local, err := elementName(rest[:n])
		if err != nil {
			return false, err
		}
		rest = trimSpace(rest[n:])
		a := xmlAttr{local: local, value: local}
		if len(rest) > 0 && rest[0] == '=' {
			a.value, rest, err = s.attrValue(trimSpace(rest[1:]))
			if err != nil {
				return false, err
			}
		}
		s.attrs = append(s.attrs, a)
	}
}

// attrValue reads a quoted value, or an unquoted one of the letters,
// digits and _:- that non-strict mode allows.
func (s *xmlScanner) attrValue(rest []byte) (value, after []byte, err error) {
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return nil, nil, syntaxError("unterminated attribute value")
		}
		raw := rest[1 : end+1]
		if bytes.IndexByte(raw, '<') >= 0 {
			return nil, nil, syntaxError("unescaped < inside quoted string")
		}
		value, err = s.decode(raw, true, false)
		return value, rest[end+2:], err
	}
	i := 0
	for i < len(rest) && unquotedByte(rest[i]) {
		i++
	}
	return rest[:i], rest[i:], nil
}

func unquotedByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_' || b == ':' || b == '-'
}

// attr is the value of the current start tag's attribute of that local
// name ("" when it has none).
func (s *xmlScanner) attr(local string) []byte {
	for _, a := range s.attrs {
		if string(a.local) == local {
			return a.value
		}
	}
	return nil
}

// nameLen is the length of the name that begins b: name bytes, and any
// byte outside ASCII, as encoding/xml reads a name.
func nameLen(b []byte) int {
	i := 0
	for i < len(b) && (b[i] >= utf8.RuneSelf || isNameByte(b[i])) {
		i++
	}
	return i
}

// elementName checks an element or attribute name as encoding/xml does
// and returns its local part (after a single prefix: "x:c" is c).
func elementName(name []byte) ([]byte, error) {
	if !validName(name) {
		return nil, syntaxError("invalid XML name")
	}
	colon := bytes.IndexByte(name, ':')
	if colon < 0 {
		return name, nil
	}
	if bytes.IndexByte(name[colon+1:], ':') >= 0 {
		return nil, syntaxError("more than one colon in a name")
	}
	if colon == 0 || colon == len(name)-1 {
		return name, nil
	}
	return name[colon+1:], nil
}

// validName is encoding/xml's rule for a name: an ASCII name must start
// with a letter, '_' or ':'; a name outside ASCII is put to encoding/xml
// itself, which holds the Unicode tables of XML's name characters.
func validName(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	for _, b := range name {
		if b >= utf8.RuneSelf {
			return validByEncodingXML(name)
		}
	}
	c := name[0]
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

func validByEncodingXML(name []byte) bool {
	doc := append(append([]byte("<"), name...), "/>"...)
	_, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	return err == nil
}

func spaces(b []byte) bool { return len(trimSpace(b)) == 0 }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}

// procInst checks <?target …?> through encoding/xml (a part has one, its
// XML declaration, whose version encoding/xml refuses unless 1.0).
func (s *xmlScanner) procInst() error {
	n, err := s.nameEnd(2)
	if err != nil {
		return err
	}
	end, err := s.indexOf(n, "?>")
	if err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(s.buf[s.pos : s.pos+end+2]))
	d.Strict = false
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	if _, err := d.RawToken(); err != nil {
		return errors.Join(errXMLSyntax, err)
	}
	s.pos += end + 2
	return nil
}

// nameEnd is the index just past the name that begins at the token's i-th
// byte, read in whole.
func (s *xmlScanner) nameEnd(i int) (int, error) {
	for {
		b, err := s.byteAt(i)
		if err != nil {
			return 0, err
		}
		if b < utf8.RuneSelf && !isNameByte(b) {
			return i, nil
		}
		i++
	}
}

// bang reads what begins "<!": a comment (skipped), a CDATA section
// (text) or a directive such as <!DOCTYPE …> (skipped).
func (s *xmlScanner) bang() (int, error) {
	b, err := s.byteAt(2)
	if err != nil {
		return 0, err
	}
	switch b {
	case '-':
		return 0, s.comment()
	case '[':
		return s.cdata()
	}
	return 0, s.directive()
}

// comment skips <!-- … -->, where "--" may only end it.
func (s *xmlScanner) comment() error {
	if b, err := s.byteAt(3); err != nil {
		return err
	} else if b != '-' {
		return syntaxError("invalid sequence <!- not part of <!--")
	}
	dashes, err := s.indexOf(4, "--")
	if err != nil {
		return err
	}
	if b, err := s.byteAt(dashes + 2); err != nil {
		return err
	} else if b != '>' {
		return syntaxError(`invalid sequence "--" not allowed in comments`)
	}
	s.pos += dashes + 3
	return nil
}

// cdata reads <![CDATA[ … ]]> as text: no entities, '<' allowed.
func (s *xmlScanner) cdata() (int, error) {
	for i := range len("CDATA[") {
		b, err := s.byteAt(3 + i)
		if err != nil {
			return 0, err
		}
		if b != "CDATA["[i] {
			return 0, syntaxError("invalid <![ sequence")
		}
	}
	const open = len("<![CDATA[")
	end, err := s.indexOf(open, "]]>")
	if err != nil {
		return 0, err
	}
	text, err := s.decode(s.buf[s.pos+open:s.pos+end], false, false)
	if err != nil {
		return 0, err
	}
	s.pos += end + 3
	s.text = text
	return tokText, nil
}

// directive skips <!…> as encoding/xml does: quoted '>' and nested <…>
// do not end it, and comments inside it are skipped. Like encoding/xml it
// looks at the bytes after the one following "<!".
func (s *xmlScanner) directive() error {
	var quote byte
	depth := 0
	for i := 3; ; i++ {
		b, err := s.byteAt(i)
		if err != nil {
			return err
		}
		switch {
		case quote == 0 && b == '>' && depth == 0:
			s.pos += i + 1
			return nil
		case b == quote:
			quote = 0
		case quote != 0:
		case b == '\'' || b == '"':
			quote = b
		case b == '>':
			depth--
		case b == '<':
			if i, err = s.directiveLT(i, &depth); err != nil {
				return err
			}
		}
	}
}

// directiveLT reads what follows a '<' inside a directive at i: a comment,
// skipped to its "-->", or another markup, one level deeper. It returns
// the index of the last byte it took.
func (s *xmlScanner) directiveLT(i int, depth *int) (int, error) {
	for k := range len("!--") {
		b, err := s.byteAt(i + 1 + k)
		if err != nil {
			return 0, err
		}
		if b != "!--"[k] {
			*depth++
			return i + k, nil // the byte that differed is read again
		}
	}
	end, err := s.indexOf(i+4, "-->")
	if err != nil {
		return 0, err
	}
	return end + 2, nil
}
