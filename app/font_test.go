package app

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"

	"govbuy"
	"govbuy/assets"
)

// The window's fonts are cut to GB 2312 to save memory; every character the
// window itself writes — its translated strings and the domain's fixed
// labels — must still be in them, or it would fall back to whatever the
// system has.
func TestUIFontsCoverTheWindowsOwnText(t *testing.T) {
	data, err := translations.ReadFile("translation/zh-Hans.json")
	if err != nil {
		t.Fatal(err)
	}
	var zh map[string]string
	if err := json.Unmarshal(data, &zh); err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, v := range zh {
		text = append(text, v)
	}
	for _, k := range govbuy.ContractorTypes {
		text = append(text, string(k))
	}
	for _, m := range govbuy.Methods {
		text = append(text, string(m))
	}
	for _, f := range govbuy.FundingSources {
		text = append(text, string(f))
	}
	for _, c := range govbuy.DefaultCatalog {
		text = append(text, c.Name)
	}
	text = append(text, stringsOf(feeKinds)...)
	text = append(text, stringsOf(govbuy.InspectionKinds)...)
	text = append(text, govbuy.QualificationKinds...)
	text = append(text, qualificationLevels...)
	for _, otf := range [][]byte{assets.UIFontRegular, assets.UIFontBold} {
		face, err := font.ParseTTF(bytes.NewReader(otf))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range text {
			for _, r := range s {
				if unicode.IsSpace(r) {
					continue
				}
				gid, ok := face.NominalGlyph(r)
				if !ok {
					t.Errorf("UI font lacks %q (U+%04X) of %q", r, r, s)
					continue
				}
				// The CFF outlines are read when drawn: each must be there.
				if o, isOutline := face.GlyphData(gid).(font.GlyphOutline); !isOutline || len(o.Segments) == 0 {
					t.Errorf("UI font has no outline for %q (U+%04X)", r, r)
				}
			}
		}
	}
}
