package reports_test

import (
	"bytes"
	"io"
	"testing"

	"govbuy"
	"govbuy/reports"
)

// A report goes out on paper only with its district in the title: without
// one, the Excel and PDF writers refuse it, naming the field, and write
// nothing; JSON, which is data, not a titled document, is written.
func TestReportWithoutDistrictIsNotTitled(t *testing.T) {
	r := &govbuy.Report{Year: 2024}
	for name, write := range map[string]func(io.Writer, *govbuy.Report) error{
		"xlsx": reports.WriteXLSX, "pdf": reports.WritePDF,
	} {
		var b bytes.Buffer
		err := write(&b, r)
		if govbuy.ErrorField(err) != "区县名称" || govbuy.ErrorKindOf(err) != govbuy.EInvalid {
			t.Errorf("%s: %v, want an invalid 区县名称", name, err)
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %d bytes", name, b.Len())
		}
	}
	if err := reports.WriteJSON(io.Discard, r); err != nil {
		t.Errorf("json: %v", err)
	}
}
