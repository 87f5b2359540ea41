package app

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"govbuy"
)

// contractFinder finds contracts by number or title for a picker.
type contractFinder interface {
	FindContracts(ctx context.Context, f govbuy.ContractFilter) ([]govbuy.ContractRow, int, error)
	FindContractByID(ctx context.Context, id int64) (*govbuy.ContractRow, error)
}

// newContractPicker chooses one contract, listed as "number title" with its
// unit beside it; the assessment and payment screens start from it.
func newContractPicker(sh *shell, svc contractFinder) *picker {
	return newPicker(sh, lang.L("Choose a contract"), lang.L("Choose a contract…"), false,
		func(ctx context.Context, text string) ([]choice, error) {
			rows, _, err := svc.FindContracts(ctx, govbuy.ContractFilter{Search: text, Sort: "number", Limit: pickLimit})
			out := make([]choice, len(rows))
			for i, r := range rows {
				out[i] = choice{id: r.ID, label: r.Number + " " + r.Title, detail: r.UnitName}
			}
			return out, err
		})
}
