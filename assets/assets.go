// Package assets embeds what the binary ships: the Noto Sans SC fonts (SIL
// OFL, licence in fonts/OFL.txt) used by both the window and the PDFs, the
// application icon, and the demo district.
package assets

import _ "embed"

// FontRegular and FontBold are Noto Sans SC with TrueType (glyf) outlines,
// the only kind gofpdf can embed; Fyne renders the same bytes.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	FontRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	FontBold []byte
	//go:embed fonts/OFL.txt
	FontLicence string
	//go:embed icon.png
	Icon []byte
)
