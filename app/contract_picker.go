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
				out[i] = contractChoice(r.ID, r.Number, r.Title)
				out[i].detail = r.UnitName
			}
			return out, err
		})
}

// contractChoice is how a contract shows in a contract picker: its number
// and title.
func contractChoice(id int64, number, title string) choice {
	return choice{id: id, label: number + " " + title}
}
