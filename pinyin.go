package govbuy

import (
	"bytes"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// PinyinCollation is the name under which the store registers ComparePinyin
// with SQLite, so lists sort names in SQL (and page correctly) in the order
// officers look them up in a register.
const PinyinCollation = "PINYIN"

// maxPinyinKeys bounds the cache of sort keys. A district has a few hundred
// units and a few thousand contractors; a sort over 100,000 contracts
// compares the same names again and again.
const maxPinyinKeys = 50000

// pinyinOrder holds CLDR's Chinese collation, which orders Han characters
// by their pinyin, and the keys it has made. A Collator is not safe for
// concurrent use, and SQLite calls the collation from every reader.
var pinyinOrder = struct {
	sync.Mutex
	coll *collate.Collator
	buf  collate.Buffer
	keys map[string][]byte
}{coll: collate.New(language.Chinese), keys: map[string][]byte{}}

// ComparePinyin orders two names by pinyin (阿 before 北 before 中), Latin
// letters and digits by their own order among them. Names the collation
// holds equal fall back to their bytes, so the order is total and paging
// by it never repeats or skips a row.
func ComparePinyin(a, b string) int {
	if c := bytes.Compare(pinyinKey(a), pinyinKey(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// pinyinKey returns the collation key of s, from the cache when it can.
func pinyinKey(s string) []byte {
	o := &pinyinOrder
	o.Lock()
	defer o.Unlock()
	if k, ok := o.keys[s]; ok {
		return k
	}
	if len(o.keys) >= maxPinyinKeys {
		o.keys = map[string][]byte{}
	}
	k := bytes.Clone(o.coll.KeyFromString(&o.buf, s))
	o.buf.Reset()
	o.keys[s] = k
	return k
}
