package importer

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// Short values repeated down a sheet are read into one string, long ones
// each into their own; either way every cell reads as written.
func TestReaderSharesRepeatedValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "repeat.xlsx")
	long := strings.Repeat("长", maxSharedValue) // 192 bytes
	writeBenchLedger(t, path, 3)
	wb, err := ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s := wb.Sheets[0]
	// The bench ledger's end date (column H) is one serial on every row.
	a, b := s.Cell(2, 7), s.Cell(4, 7)
	if a != (Cell{Text: "45657", Type: CellDate}) || a != b {
		t.Fatalf("end dates %+v and %+v", a, b)
	}
	if unsafe.StringData(a.Text) != unsafe.StringData(b.Text) {
		t.Error("the repeated end date is read into two strings")
	}
	sr := sheetReader{seen: map[string]string{}}
	sr.value = []byte(long)
	first := sr.valueText()
	second := sr.valueText()
	if first != long || second != long || unsafe.StringData(first) == unsafe.StringData(second) {
		t.Errorf("a value over %d bytes: %q, %q, shared %v", maxSharedValue, first, second, unsafe.StringData(first) == unsafe.StringData(second))
	}
	for i := range maxSharedValues + 10 {
		sr.value = strconv.AppendInt(sr.value[:0], int64(i), 10)
		if got := sr.valueText(); got != strconv.Itoa(i) {
			t.Fatalf("value %d read as %q", i, got)
		}
	}
	if len(sr.seen) != maxSharedValues {
		t.Errorf("the reader keeps %d values, bound %d", len(sr.seen), maxSharedValues)
	}
}
