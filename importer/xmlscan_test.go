package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// tokensByEncodingXML lists the tokens encoding/xml's RawToken reads in
// non-strict mode, as the worksheet reader used them: elements and text,
// comments, processing instructions and directives left out. failed says
// it stopped at an error.
func tokensByEncodingXML(doc []byte) (tokens []string, failed bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return tokens, false
		}
		if err != nil {
			return tokens, true
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			tokens = append(tokens, s+">")
		case xml.EndElement:
			tokens = append(tokens, "</"+t.Name.Local+">")
		case xml.CharData:
			tokens = append(tokens, fmt.Sprintf("%q", string(t)))
		}
	}
}

// tokensByScanner lists xmlScanner's tokens in the same words.
func tokensByScanner(r io.Reader) (tokens []string, err error) {
	s := newXMLScanner(r)
	for {
		kind, err := s.next()
		if err == io.EOF {
			return tokens, nil
		}
		if err != nil {
			return tokens, err
		}
		switch kind {
		case tokStart:
			t := "<" + string(s.name)
			for _, a := range s.attrs {
				t += fmt.Sprintf(" %s=%q", a.local, a.value)
			}
			tokens = append(tokens, t+">")
		case tokEnd:
			tokens = append(tokens, "</"+string(s.name)+">")
		case tokText:
			tokens = append(tokens, fmt.Sprintf("%q", string(s.text)))
		}
	}
}

// sameTokens fails t unless the scanner reads doc as encoding/xml does:
// the same tokens, and an error where it stops at one. It reads doc whole
// and a byte at a time, so that every token also crosses a buffer refill.
func sameTokens(t *testing.T, doc []byte) {
	t.Helper()
	want, failed := tokensByEncodingXML(doc)
	for _, r := range []io.Reader{bytes.NewReader(doc), iotest.OneByteReader(bytes.NewReader(doc))} {
		got, err := tokensByScanner(r)
		if failed != (err != nil) || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\nscanner   %q (error %v)\nencoding/xml %q (failed %v)", doc, got, err, want, failed)
		}
		if err != nil && !errors.Is(err, errXMLSyntax) {
			t.Fatalf("%q: error %v is not a syntax error", doc, err)
		}
	}
}

var scannerCases = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><sheetData>` +
		`<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>45292</v></c>` +
		`<c r="C1" t="inlineStr"><is><t xml:space="preserve"> 合同 &amp; 协议 </t></is></c></row></sheetData>` +
		`<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`,
	`<x:row x:r="3"><x:c x:r="B3"/></x:row>`,
	`<c t='s' r=A1 hidden><v>1</v></c>`,
	`<a b=>text</a><a b=/>`,
	`<t>&lt;&gt;&amp;&apos;&quot;&#20013;&#x6587;&#X41;&#;&#x;&nbsp;&unknown;&amp&#12 </t>`,
	`<t>&#0;</t>`,
	`<t>&#1114112;</t>`,
	`<t>&#99999999999999999999999;</t>`,
	`<t>a` + "\r\n" + `b` + "\r" + `c` + "\r\r\n" + `&amp;` + "\r\n" + `</t>`,
	`<t>&`,
	`<t>&amp`,
	`<t>tail&#12`,
	`<t>]]></t>`,
	`<t>]&#93;]></t>`,
	`<t><![CDATA[<b>&amp;]] ]]>x</t>`,
	`<t><![CDATA[unterminated`,
	`<t><![CDAT[x]]></t>`,
	`<!-- comment --><a/><!-- a -- b --><b/>`,
	`<!---><a/>-->`,
	`<!----><a/>`,
	`<!DOCTYPE sheet [<!ENTITY x "<y>"> <!-- > --> ]><a>&x;</a>`,
	`<!>x><a/>`,
	`<!'x'>'><a/>`,
	`<?xml version="1.1"?><a/>`,
	`<?pi some ? data?><a/>`,
	`<??><a/>`,
	`<a b="1" / >`,
	`<a b="x>y" c='"'>v</a>`,
	`<a b="x<y">v</a>`,
	`<a b="x`,
	`<a b:c:d="1"/>`,
	`<a:b:c/>`,
	`<:a :b="1"/><a: b:="2"/>`,
	`<1a/>`,
	`< a/>`,
	`<a></ a>`,
	`<a></a  >`,
	`<a></a b>`,
	`<名称 属性="值">文本</名称>`,
	`<€/>`,
	`<a>` + "\x01" + `</a>`,
	`<a>` + "\xff" + `</a>`,
	`<a b="` + "\xff" + `"/>`,
	"\ufeff<a/>",
	`text at the end`,
	`<a>`,
	`<`,
	`</`,
	`<a`,
}

func TestXMLScannerReadsAsEncodingXML(t *testing.T) {
	for _, doc := range scannerCases {
		sameTokens(t, []byte(doc))
	}
}

// FuzzXMLScanner holds the scanner to encoding/xml on any input.
func FuzzXMLScanner(f *testing.F) {
	for _, doc := range scannerCases {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		sameTokens(t, doc)
	})
}

// A token longer than MaxToken is refused as too long, whatever it is.
func TestXMLScannerTokenCap(t *testing.T) {
	long := strings.Repeat("x", MaxToken+10)
	for _, doc := range []string{
		"<a>" + long + "</a>",
		`<a b="` + long + `"/>`,
		"<!--" + long + "-->",
		"<a>" + strings.Repeat("&amp;", MaxToken/4) + "</a>",
	} {
		_, err := tokensByScanner(strings.NewReader(doc))
		if !errors.Is(err, errTooLong) {
			t.Errorf("%.20q…: error %v, want errTooLong", doc, err)
		}
	}
	// A long part of short tokens is read whole.
	doc := "<a>" + strings.Repeat("<b>x</b>", MaxToken/4) + "</a>"
	if got, err := tokensByScanner(strings.NewReader(doc)); err != nil || len(got) != 2+3*(MaxToken/4) {
		t.Errorf("%d tokens, %v", len(got), err)
	}
}
