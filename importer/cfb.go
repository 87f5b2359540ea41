package importer

// A minimal reader of the Compound File Binary format (the OLE2 container
// of .xls files), enough to pull one stream out. It works on the file held in
// memory and follows every sector chain with a visited set, so a corrupt or
// hostile file can end the read early but never loop.

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

const (
	cfbFreeSect   = 0xFFFFFFFF
	cfbEndOfChain = 0xFFFFFFFE
	cfbMaxRegSect = 0xFFFFFFFA
)

type cfbFile struct {
	data        []byte
	sectorShift uint
	miniShift   uint
	miniCutoff  uint64
	fat         []uint32
	miniFAT     []uint32
	entries     []cfbEntry
	miniStream  []byte
}

type cfbEntry struct {
	name  string
	kind  byte // 1 storage, 2 stream, 5 root
	start uint32
	size  uint64
}

func openCFB(data []byte) (*cfbFile, error) {
	if len(data) < 512 || string(data[:8]) != string(cfbMagic) {
		return nil, corruptf("not a compound file")
	}
	le := binary.LittleEndian
	f := &cfbFile{data: data}
	f.sectorShift = uint(le.Uint16(data[0x1E:]))
	f.miniShift = uint(le.Uint16(data[0x20:]))
	if f.sectorShift != 9 && f.sectorShift != 12 {
		return nil, corruptf("sector shift %d", f.sectorShift)
	}
	if f.miniShift == 0 || f.miniShift >= f.sectorShift {
		f.miniShift = 6
	}
	f.miniCutoff = uint64(le.Uint32(data[0x38:]))
	if f.miniCutoff == 0 || f.miniCutoff > 1<<20 {
		f.miniCutoff = 4096
	}
	if err := f.readFAT(); err != nil {
		return nil, err
	}
	dir, err := f.chain(le.Uint32(data[0x30:]), f.fat, f.sector, 1<<f.sectorShift)
	if err != nil {
		return nil, err
	}
	f.readDirectory(dir)
	if len(f.entries) == 0 || f.entries[0].kind != 5 {
		return nil, corruptf("no root entry")
	}
	f.readMini(le.Uint32(data[0x3C:]))
	return f, nil
}

// sectors is how many whole sectors follow the header.
func (f *cfbFile) sectors() uint32 {
	n := (len(f.data) >> f.sectorShift) - 1
	if n < 0 {
		return 0
	}
	return uint32(n)
}

// sector returns sector n, or nil when it lies outside the file.
func (f *cfbFile) sector(n uint32) []byte {
	size := 1 << f.sectorShift
	off := (int(n) + 1) << f.sectorShift
	if n > cfbMaxRegSect || off < 0 || off+size > len(f.data) {
		return nil
	}
	return f.data[off : off+size]
}

// readFAT gathers the FAT sector numbers from the header's 109 slots and
// the DIFAT chain, then reads the FAT itself.
func (f *cfbFile) readFAT() error {
	le := binary.LittleEndian
	var fatSectors []uint32
	for i := 0; i < 109; i++ {
		if s := le.Uint32(f.data[0x4C+4*i:]); s <= cfbMaxRegSect {
			fatSectors = append(fatSectors, s)
		}
	}
	seen := map[uint32]bool{}
	per := (1 << f.sectorShift) / 4
	for s := le.Uint32(f.data[0x44:]); s <= cfbMaxRegSect && !seen[s]; {
		seen[s] = true
		buf := f.sector(s)
		if buf == nil || len(seen) > int(f.sectors())+1 {
			break
		}
		for i := 0; i < per-1; i++ {
			if v := le.Uint32(buf[4*i:]); v <= cfbMaxRegSect {
				fatSectors = append(fatSectors, v)
			}
		}
		s = le.Uint32(buf[4*(per-1):])
	}
	limit := int(f.sectors())
	for _, s := range fatSectors {
		buf := f.sector(s)
		if buf == nil || len(f.fat) > limit+per {
			continue
		}
		for i := 0; i < per; i++ {
			f.fat = append(f.fat, le.Uint32(buf[4*i:]))
		}
	}
	if len(f.fat) == 0 {
		return corruptf("empty FAT")
	}
	return nil
}

// chain concatenates the sectors of a chain. A chain that leaves the table,
// runs off the file or comes back on itself ends there: what was read so far
// is returned, which is how Excel treats a truncated file too.
func (f *cfbFile) chain(start uint32, table []uint32, get func(uint32) []byte, size int) ([]byte, error) {
	var out []byte
	seen := make(map[uint32]struct{})
	for s := start; s != cfbEndOfChain && s != cfbFreeSect; {
		if _, dup := seen[s]; dup || int(s) >= len(table) {
			break
		}
		seen[s] = struct{}{}
		buf := get(s)
		if buf == nil {
			break
		}
		out = append(out, buf[:size]...)
		s = table[s]
	}
	if len(out) == 0 && start != cfbEndOfChain {
		return nil, corruptf("empty chain at %d", start)
	}
	return out, nil
}

func (f *cfbFile) readDirectory(dir []byte) {
	le := binary.LittleEndian
	for off := 0; off+128 <= len(dir); off += 128 {
		e := dir[off : off+128]
		n := int(le.Uint16(e[0x40:]))
		if n > 64 {
			n = 64
		}
		units := make([]uint16, 0, 32)
		for i := 0; i+1 < n; i += 2 {
			if u := le.Uint16(e[i:]); u != 0 {
				units = append(units, u)
			}
		}
		size := le.Uint64(e[0x78:])
		if f.sectorShift == 9 {
			size &= 0xFFFFFFFF // version 3 files leave the high half undefined
		}
		f.entries = append(f.entries, cfbEntry{
			name: string(utf16.Decode(units)), kind: e[0x42], start: le.Uint32(e[0x74:]), size: size,
		})
	}
}

// readMini loads the mini stream and the mini FAT; small streams live there.
func (f *cfbFile) readMini(miniFATStart uint32) {
	le := binary.LittleEndian
	root := f.entries[0]
	ms, _ := f.chain(root.start, f.fat, f.sector, 1<<f.sectorShift)
	if uint64(len(ms)) > root.size {
		ms = ms[:root.size]
	}
	f.miniStream = ms
	mf, _ := f.chain(miniFATStart, f.fat, f.sector, 1<<f.sectorShift)
	for i := 0; i+4 <= len(mf); i += 4 {
		f.miniFAT = append(f.miniFAT, le.Uint32(mf[i:]))
	}
}

func (f *cfbFile) miniSector(n uint32) []byte {
	size := 1 << f.miniShift
	off := int(n) << f.miniShift
	if off < 0 || off+size > len(f.miniStream) {
		return nil
	}
	return f.miniStream[off : off+size]
}

// find returns the first stream entry whose name matches one of names,
// ignoring case, in the order of names.
func (f *cfbFile) find(names ...string) (cfbEntry, bool) {
	for _, want := range names {
		for _, e := range f.entries {
			if e.kind == 2 && strings.EqualFold(e.name, want) {
				return e, true
			}
		}
	}
	return cfbEntry{}, false
}

// has reports whether any entry has the name.
func (f *cfbFile) has(name string) bool {
	for _, e := range f.entries {
		if strings.EqualFold(e.name, name) {
			return true
		}
	}
	return false
}

// stream reads an entry's bytes; a stream shorter than its recorded size
// (a truncated file) comes back short.
func (f *cfbFile) stream(e cfbEntry) ([]byte, error) {
	var data []byte
	var err error
	if e.size < f.miniCutoff {
		data, err = f.chain(e.start, f.miniFAT, f.miniSector, 1<<f.miniShift)
	} else {
		data, err = f.chain(e.start, f.fat, f.sector, 1<<f.sectorShift)
	}
	if err != nil {
		return nil, err
	}
	if uint64(len(data)) > e.size {
		data = data[:e.size]
	}
	return data, nil
}
