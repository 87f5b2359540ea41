package pdf

// WrapText exposes the PDF's line breaker to the tests.
func WrapText(s string, width float64, measure func(rune) float64) []string {
	return wrapText(s, width, width, measure)
}

// IsClosingPunct reports whether r may not start a line.
func IsClosingPunct(r rune) bool { return isClosing(r) }

// IsOpeningPunct reports whether r may not end a line.
func IsOpeningPunct(r rune) bool { return isOpening(r) }

// FontMeasure returns the width in mm of each character in the PDF's
// regular font at sizePt.
func FontMeasure(sizePt float64) (func(rune) float64, error) {
	d, err := newPDFDoc("")
	if err != nil {
		return nil, err
	}
	d.setFont(styleReg, sizePt)
	return d.runeWidth, nil
}
