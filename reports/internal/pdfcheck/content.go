package pdfcheck

import (
	"errors"
	"fmt"
	"unicode/utf16"
)

// Operators and where a content stream may use them (ISO 32000-1, 8.2 and
// figure 9): text positioning and showing only inside a text object
// (BT … ET); the graphics state stack, transformations, paths and external
// objects only outside one. Colours, line styles and text state go anywhere.
var (
	textOnly  = set("Td", "TD", "Tm", "T*", "Tj", "TJ", "'", `"`)
	notInText = set("q", "Q", "cm", "m", "l", "c", "v", "y", "h", "re",
		"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*", "sh", "Do", "BI")
	shows = set("Tj", "TJ", "'", `"`)
)

func set(ops ...string) map[string]bool {
	m := make(map[string]bool, len(ops))
	for _, op := range ops {
		m[op] = true
	}
	return m
}

// readContent checks that text objects neither nest nor stay open and that
// every operator is used where it may be, and returns the text shown.
func readContent(b []byte) ([]string, error) {
	var (
		text     []string
		operands [][]byte // the strings among the current operator's operands
		inText   bool
	)
	lx := lexer{b: b}
	for {
		tok, kind, err := lx.next()
		if err != nil {
			return nil, err
		}
		switch kind {
		case tokEnd:
			if inText {
				return nil, errors.New("a text object (BT) is never closed (ET)")
			}
			return text, nil
		case tokString:
			operands = append(operands, tok)
			continue
		case tokOther:
			continue
		}
		op := string(tok)
		switch {
		case op == "BT" && inText:
			return nil, errors.New("BT inside a text object")
		case op == "ET" && !inText:
			return nil, errors.New("ET outside a text object")
		case textOnly[op] && !inText:
			return nil, fmt.Errorf("%s outside a text object", op)
		case notInText[op] && inText:
			return nil, fmt.Errorf("%s inside a text object", op)
		}
		inText = (inText || op == "BT") && op != "ET"
		if shows[op] {
			s, err := decodeText(operands)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			text = append(text, s)
		}
		operands = operands[:0]
	}
}

// decodeText joins the strings a show operator was given (a TJ array holds
// several) and reads them as UTF-16BE.
func decodeText(operands [][]byte) (string, error) {
	var units []uint16
	for _, s := range operands {
		if len(s)%2 != 0 {
			return "", fmt.Errorf("string of %d bytes is not UTF-16", len(s))
		}
		for i := 0; i < len(s); i += 2 {
			units = append(units, uint16(s[i])<<8|uint16(s[i+1]))
		}
	}
	return string(utf16.Decode(units)), nil
}

type tokKind uint8

const (
	tokEnd      tokKind = iota
	tokOperator         // an operator such as BT or Tj
	tokString           // a literal or hexadecimal string, decoded
	tokOther            // a number, a name, or a dictionary or array delimiter
)

// lexer splits a content stream into tokens.
type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (lx *lexer) next() ([]byte, tokKind, error) {
	lx.skipSpaceAndComments()
	if lx.pos >= len(lx.b) {
		return nil, tokEnd, nil
	}
	switch c := lx.b[lx.pos]; {
	case c == '(':
		s, err := lx.literal()
		return s, tokString, err
	case c == '<' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '<',
		c == '>' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '>':
		lx.pos += 2
		return nil, tokOther, nil
	case c == '<':
		s, err := lx.hex()
		return s, tokString, err
	case c == '[' || c == ']' || c == '{' || c == '}':
		lx.pos++
		return nil, tokOther, nil
	case c == '/':
		lx.pos++
		lx.regular()
		return nil, tokOther, nil
	case c == ')' || c == '>':
		return nil, tokEnd, fmt.Errorf("unbalanced %q at byte %d", c, lx.pos)
	}
	tok := lx.regular()
	if c := tok[0]; c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' {
		return tok, tokOther, nil
	}
	return tok, tokOperator, nil
}

func (lx *lexer) skipSpaceAndComments() {
	for lx.pos < len(lx.b) {
		switch c := lx.b[lx.pos]; {
		case isSpace(c):
			lx.pos++
		case c == '%':
			for lx.pos < len(lx.b) && lx.b[lx.pos] != '\n' && lx.b[lx.pos] != '\r' {
				lx.pos++
			}
		default:
			return
		}
	}
}

func (lx *lexer) regular() []byte {
	start := lx.pos
	for lx.pos < len(lx.b) && !isSpace(lx.b[lx.pos]) && !isDelimiter(lx.b[lx.pos]) {
		lx.pos++
	}
	return lx.b[start:lx.pos]
}

// literal reads a (string) with its balanced parentheses and escapes.
func (lx *lexer) literal() ([]byte, error) {
	start := lx.pos
	lx.pos++ // (
	var s []byte
	depth := 1
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		switch c {
		case '\\':
			s = lx.escape(s)
			continue
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return s, nil
			}
		}
		s = append(s, c)
	}
	return nil, fmt.Errorf("string at byte %d is not closed", start)
}

var escapes = map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f', '(': '(', ')': ')', '\\': '\\'}

// escape reads what follows a backslash in a literal string.
func (lx *lexer) escape(s []byte) []byte {
	if lx.pos >= len(lx.b) {
		return s
	}
	c := lx.b[lx.pos]
	lx.pos++
	if e, ok := escapes[c]; ok {
		return append(s, e)
	}
	switch {
	case c >= '0' && c <= '7':
		v := c - '0'
		for range 2 {
			if lx.pos >= len(lx.b) || lx.b[lx.pos] < '0' || lx.b[lx.pos] > '7' {
				break
			}
			v = v*8 + lx.b[lx.pos] - '0'
			lx.pos++
		}
		return append(s, v)
	case c == '\r':
		if lx.pos < len(lx.b) && lx.b[lx.pos] == '\n' {
			lx.pos++
		}
		return s // a line continuation
	case c == '\n':
		return s
	}
	return append(s, c) // an unknown escape stands for the character itself
}

// hex reads a <hexadecimal string>.
func (lx *lexer) hex() ([]byte, error) {
	start := lx.pos
	lx.pos++ // <
	var digits []byte
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		switch {
		case c == '>':
			if len(digits)%2 != 0 {
				digits = append(digits, '0')
			}
			s := make([]byte, len(digits)/2)
			for i := range s {
				s[i] = unhex(digits[2*i])<<4 | unhex(digits[2*i+1])
			}
			return s, nil
		case isSpace(c):
		case unhex(c) != 0xFF:
			digits = append(digits, c)
		default:
			return nil, fmt.Errorf("hexadecimal string at byte %d holds %q", start, c)
		}
	}
	return nil, fmt.Errorf("hexadecimal string at byte %d is not closed", start)
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0xFF
}
