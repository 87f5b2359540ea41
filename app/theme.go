package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"govbuy/assets"
)

// officeTheme is Fyne's default theme with the bundled Noto Sans SC, whose
// CJK glyphs the default font lacks, and a calm light palette for long days
// of ledger work. It always uses the light variant: officers print and
// compare against paper, and a dark list is harder to read beside it.
type officeTheme struct {
	regular, bold fyne.Resource
}

func newTheme() fyne.Theme {
	return &officeTheme{
		regular: fyne.NewStaticResource("NotoSansSC-Regular-GB2312.otf", assets.UIFontRegular),
		bold:    fyne.NewStaticResource("NotoSansSC-Bold-GB2312.otf", assets.UIFontBold),
	}
}

// palette overrides a few light-variant colours: a muted government blue for
// emphasis and a soft grey page so white input fields stand out.
var palette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNamePrimary:           color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff},
	theme.ColorNameFocus:             color.NRGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0x7f},
	theme.ColorNameSelection:         color.NRGBA{R: 0xd3, G: 0xe3, B: 0xf6, A: 0xff},
	theme.ColorNameBackground:        color.NRGBA{R: 0xf4, G: 0xf5, B: 0xf7, A: 0xff},
	theme.ColorNameHeaderBackground:  color.NRGBA{R: 0xe6, G: 0xea, B: 0xf0, A: 0xff},
	theme.ColorNameInputBackground:   color.White,
	theme.ColorNameMenuBackground:    color.White,
	theme.ColorNameOverlayBackground: color.White,
	theme.ColorNameForeground:        color.NRGBA{R: 0x1d, G: 0x23, B: 0x2b, A: 0xff},
	theme.ColorNameSeparator:         color.NRGBA{R: 0xd8, G: 0xdc, B: 0xe2, A: 0xff},
}

func (t *officeTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := palette[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Font serves Noto Sans SC for every proportional style; there is no italic
// cut, and Chinese is not set in italics anyway. Monospace and symbols keep
// Fyne's fonts.
func (t *officeTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return t.bold
	}
	return t.regular
}

func (t *officeTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *officeTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}

// Theme is the window's theme, for the few windows cmd opens on its own
// (the refusal when another window holds the database).
func Theme() fyne.Theme { return newTheme() }
