package store

import (
	"modernc.org/sqlite"

	"govbuy"
)

// Names sort in SQL by pinyin through a collation registered with the
// driver, rather than by stored sort keys: the order then holds for every
// row however it was written (window, import, demo, restore, an older
// file), needs no schema change, and paging by LIMIT/OFFSET stays exact
// because the whole order is SQLite's. Its cost is a Go call per comparison,
// kept small by govbuy's cache of collation keys.
func init() {
	sqlite.MustRegisterCollationUtf8(govbuy.PinyinCollation, govbuy.ComparePinyin)
}

// byPinyin is col ordered by pinyin in an ORDER BY.
func byPinyin(col string) string { return col + " COLLATE " + govbuy.PinyinCollation }
