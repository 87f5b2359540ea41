package govbuy

import (
	"context"
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
}

// CheckResult is what `govbuy check` reports: damage found by the
// database's own checks, and the compliance hints of every contract.
type CheckResult struct {
	Integrity []string  `json:"integrity"`
	Hints     []Warning `json:"hints"`
}

// CheckService checks the whole database, as `govbuy check` does.
type CheckService interface {
	// Check runs the database's own integrity and foreign-key checks and
	// gathers the compliance hints of every contract not yet acknowledged,
	// by contract number; Integrity is empty when the database is sound.
	Check(ctx context.Context) (*CheckResult, error)
}
