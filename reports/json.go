package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"govbuy"
)

// WriteJSON writes the model as indented JSON (DESIGN.md "report --json"):
// money stays integer fen and empty lists are written as [] so that scripts
// can index them without checking for null.
func WriteJSON(w io.Writer, r *govbuy.Report) error {
	if r == nil {
		return errors.New("reports: json: no report")
	}
	out := *r
	out.ByUnit = nonNil(out.ByUnit)
	out.ByCategory = nonNil(out.ByCategory)
	out.ByMethod = nonNil(out.ByMethod)
	out.ByContractorType = nonNil(out.ByContractorType)
	out.ByFundingSource = nonNil(out.ByFundingSource)
	out.Contracts = nonNil(out.Contracts)
	out.Assessments = nonNil(out.Assessments)
	out.Warnings = nonNil(out.Warnings)
	out.Narrative = nonNil(out.Narrative)
	out.Pricing.Standards = nonNil(out.Pricing.Standards)
	out.Signed.ContractorTypes = nonNil(out.Signed.ContractorTypes)
	out.Deadlines.Publish.Overdue = nonNil(out.Deadlines.Publish.Overdue)
	out.Deadlines.Filing.Overdue = nonNil(out.Deadlines.Filing.Overdue)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep “<”, “&” in names readable
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("reports: json: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
