package govbuy

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ImportBatch records one committed import run: which files, their
// checksums, who ran it and when, and how many records it wrote. Every row
// it inserted is tagged with its ID, so the whole run can be undone
// (撤销导入) while nothing else depends on it.
type ImportBatch struct {
	ID        int64          `json:"id"`
	Files     []string       `json:"files"`
	Checksums []string       `json:"checksums"`
	Actor     string         `json:"actor"`
	At        time.Time      `json:"at"`
	Counts    map[string]int `json:"counts"` // units, contractors, contracts, updated, assessments, payments
	UndoneAt  time.Time      `json:"undone_at,omitzero"`
}

// ImportService commits imports and undoes them.
type ImportService interface {
	// ImportDataset writes ds in one transaction: units and contractors not
	// yet stored are created (stored ones are matched by name or credit
	// code, never changed), contracts and contractors that carry their
	// stored ID (the importer's update mode) are updated, the rest inserted
	// with their payments and assessments.
	ImportDataset(ctx context.Context, ds *Dataset, batch ImportBatch) (*ImportBatch, error)
	// FindImportBatches lists the import batches, newest first, undone ones
	// included (with UndoneAt set).
	FindImportBatches(ctx context.Context) ([]ImportBatch, error)
	// UndoImport removes the batch's rows, refused with the reason while
	// anything outside the batch depends on them.
	UndoImport(ctx context.Context, id int64) error
	// GeneratedNumbers lists the contracts an import numbered (年度-导入-序号),
	// so a later import gives the same row the same number, and the next
	// number of a year follows the last one given.
	GeneratedNumbers(ctx context.Context) ([]GeneratedNumber, error)
}

// GeneratedNumber is a contract numbered by an import, with what tells its
// row again: year, unit, title and amount.
type GeneratedNumber struct {
	Number      string
	Year        int
	Unit, Title string
	Amount      Money
}

// ImportedNumber is the number an import gives the seq-th row without one
// of budget year year: 2023-导入-0005, which an officer can read and say.
func ImportedNumber(year, seq int) string { return fmt.Sprintf("%d-导入-%04d", year, seq) }

// ImportedSeq reads the year and sequence of an ImportedNumber; ok is false
// for any other number.
func ImportedSeq(number string) (year, seq int, ok bool) {
	y, rest, found := strings.Cut(number, "-导入-")
	if !found {
		return 0, 0, false
	}
	year, err1 := strconv.Atoi(y)
	seq, err2 := strconv.Atoi(rest)
	return year, seq, err1 == nil && err2 == nil && seq > 0
}

// CheckResult is what `govbuy check` reports: damage found by the
// database's own checks, the compliance hints of every contract, and the
// records waiting to be completed.
type CheckResult struct {
	Integrity []string  `json:"integrity"`
	Hints     []Warning `json:"hints"`
	// Pending are the records imported 待补充, contracts by number, then
	// contractors by name.
	Pending []PendingRecord `json:"pending"`
}

// CheckService checks the whole database, as `govbuy check` does.
type CheckService interface {
	// Check runs the database's own integrity and foreign-key checks and
	// gathers the compliance hints of every contract not yet acknowledged,
	// by contract number; Integrity is empty when the database is sound.
	Check(ctx context.Context) (*CheckResult, error)
}
