// Package assets embeds what the binary ships: the Noto Sans SC fonts (SIL
// OFL, licence in fonts/OFL.txt) used by both the window and the PDFs, the
// application icon, and the demo district.
package assets

import _ "embed"

// FontRegular and FontBold are Noto Sans SC with TrueType (glyf) outlines,
// the only kind gofpdf can embed: the PDFs embed them whole, so no printed
// name loses a character. UIFontRegular and UIFontBold are the same fonts
// cut to GB 2312 and rewritten with CFF outlines (scripts/ui-font-subset.sh)
// for the window, because Fyne holds every TrueType glyph of its fonts in
// memory.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	FontRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	FontBold []byte
	//go:embed fonts/NotoSansSC-Regular-GB2312.otf
	UIFontRegular []byte
	//go:embed fonts/NotoSansSC-Bold-GB2312.otf
	UIFontBold []byte
	//go:embed fonts/OFL.txt
	FontLicence string
	//go:embed icon.png
	Icon []byte
)
