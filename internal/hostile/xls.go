package hostile

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"unicode/utf16"
)

// BoundSheetsXLS writes an Excel 97–2003 workbook whose globals hold
// `records` BOUNDSHEET records, all pointing at one worksheet substream.
// The sheet holds a header cell at A1 and a number at row lastRow (at most
// 65,536, BIFF8's limit), so every read of it pads lastRow rows.
func BoundSheetsXLS(path string, records, lastRow int) error {
	globals := func(sheetAt uint32) []byte {
		out := bof(0x0005)
		for i := range records {
			name := Sheet
			if i > 0 {
				name = fmt.Sprintf("%s(%d)", Sheet, i+1)
			}
			out = append(out, boundSheet(sheetAt, name)...)
		}
		return append(out, record(0x000A, nil)...) // EOF
	}
	stream := globals(uint32(len(globals(0))))
	stream = append(stream, bof(0x0010)...)
	stream = append(stream, label(0, 0, "项目名称")...)
	stream = append(stream, number(uint16(lastRow-1), 0, 1)...)
	stream = append(stream, record(0x000A, nil)...)
	return os.WriteFile(path, compoundFile(stream), 0o600)
}

func record(typ uint16, body []byte) []byte {
	out := binary.LittleEndian.AppendUint16(nil, typ)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(body)))
	return append(out, body...)
}

// bof opens a BIFF8 substream of type dt (5 globals, 0x10 worksheet).
func bof(dt uint16) []byte {
	body := make([]byte, 16)
	binary.LittleEndian.PutUint16(body, 0x0600)
	binary.LittleEndian.PutUint16(body[2:], dt)
	return record(0x0809, body)
}

func boundSheet(pos uint32, name string) []byte {
	body := binary.LittleEndian.AppendUint32(nil, pos)
	body = append(body, 0, 0) // visible worksheet
	units := utf16.Encode([]rune(name))
	body = append(body, byte(len(units)), 1) // UTF-16 characters
	for _, u := range units {
		body = binary.LittleEndian.AppendUint16(body, u)
	}
	return record(0x0085, body)
}

func label(row, col uint16, text string) []byte {
	units := utf16.Encode([]rune(text))
	body := cellHead(row, col)
	body = binary.LittleEndian.AppendUint16(body, uint16(len(units)))
	body = append(body, 1)
	for _, u := range units {
		body = binary.LittleEndian.AppendUint16(body, u)
	}
	return record(0x0204, body)
}

func number(row, col uint16, v float64) []byte {
	return record(0x0203, binary.LittleEndian.AppendUint64(cellHead(row, col), math.Float64bits(v)))
}

func cellHead(row, col uint16) []byte {
	body := binary.LittleEndian.AppendUint16(nil, row)
	body = binary.LittleEndian.AppendUint16(body, col)
	return binary.LittleEndian.AppendUint16(body, 0) // XF 0
}

// compoundFile wraps a workbook stream in a version 3 compound file: the
// stream's sectors, one directory sector (root and "Workbook"), then the
// FAT. The stream is padded to 4,096 bytes so it lives in regular sectors.
func compoundFile(stream []byte) []byte {
	const sector = 512
	const endOfChain, free, fatSect, noStream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
	size := max(len(stream), 4096)
	streamSectors := (size + sector - 1) / sector
	fatSectors := 1
	for streamSectors+1+fatSectors > fatSectors*sector/4 {
		fatSectors++
	}
	dirSector := streamSectors
	le := binary.LittleEndian

	header := make([]byte, sector)
	copy(header, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(header[0x18:], 0x003E)
	le.PutUint16(header[0x1A:], 3)
	le.PutUint16(header[0x1C:], 0xFFFE)
	le.PutUint16(header[0x1E:], 9)
	le.PutUint16(header[0x20:], 6)
	le.PutUint32(header[0x2C:], uint32(fatSectors))
	le.PutUint32(header[0x30:], uint32(dirSector))
	le.PutUint32(header[0x38:], 4096)
	le.PutUint32(header[0x3C:], endOfChain)
	le.PutUint32(header[0x44:], endOfChain)
	for i := range 109 {
		v := uint32(free)
		if i < fatSectors {
			v = uint32(dirSector + 1 + i)
		}
		le.PutUint32(header[0x4C+4*i:], v)
	}

	body := make([]byte, streamSectors*sector)
	copy(body, stream)
	dir := make([]byte, sector)
	entry(dir[0:128], "Root Entry", 5, 1, endOfChain, 0)
	entry(dir[128:256], "Workbook", 2, noStream, 0, uint32(size))
	for _, e := range [][]byte{dir[256:384], dir[384:512]} {
		le.PutUint32(e[0x44:], noStream)
		le.PutUint32(e[0x48:], noStream)
		le.PutUint32(e[0x4C:], noStream)
	}
	fat := make([]byte, fatSectors*sector)
	for i := range len(fat) / 4 {
		v := uint32(free)
		switch {
		case i < streamSectors-1:
			v = uint32(i + 1)
		case i == streamSectors-1, i == dirSector:
			v = endOfChain
		case i <= dirSector+fatSectors:
			v = fatSect
		}
		le.PutUint32(fat[4*i:], v)
	}
	out := append(header, body...)
	out = append(out, dir...)
	return append(out, fat...)
}

func entry(e []byte, name string, kind byte, child, start, size uint32) {
	units := utf16.Encode([]rune(name))
	for i, u := range units {
		binary.LittleEndian.PutUint16(e[2*i:], u)
	}
	binary.LittleEndian.PutUint16(e[0x40:], uint16(2*len(units)+2))
	e[0x42] = kind
	e[0x43] = 1 // black
	binary.LittleEndian.PutUint32(e[0x44:], 0xFFFFFFFF)
	binary.LittleEndian.PutUint32(e[0x48:], 0xFFFFFFFF)
	binary.LittleEndian.PutUint32(e[0x4C:], child)
	binary.LittleEndian.PutUint32(e[0x74:], start)
	binary.LittleEndian.PutUint32(e[0x78:], size)
}
