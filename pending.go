package govbuy

import (
	"fmt"
	"sort"
)

// Old ledgers do not carry every field a new contract needs: a 2023 sheet
// marks posts in its 备注 and has no 人数 column. Such a record is kept,
// marked 待补充 with the fields it lacks, rather than refused with its
// whole year; what cannot be known otherwise (unit, title, amount, a value
// that is wrong rather than missing) still blocks it. The mark clears
// itself as the field is completed (Normalize), so the form that fills it
// in is the one place that settles it.

// Pendable are the fields a record may be kept without, marked 待补充.
var Pendable = []Field{FieldHeadcount, FieldTerm, FieldContractorType}

// clearCompleted drops the marks of the fields the contract now has: a
// headcount (or a kind that needs none) and both ends of its term.
func (c *Contract) clearCompleted() {
	if c.Headcount > 0 || c.Kind == KindProject {
		c.Pending.Remove(FieldHeadcount)
	}
	if !c.Start.IsZero() && !c.End.IsZero() {
		c.Pending.Remove(FieldTerm)
	}
}

// MissingFields are the fields a contract lacks that an import marks
// 待补充 rather than refusing it: a post's headcount and the term.
func (c *Contract) MissingFields() FieldSet {
	var s FieldSet
	if c.Kind == KindPost && c.Headcount <= 0 {
		s.Add(FieldHeadcount)
	}
	if c.Start.IsZero() || c.End.IsZero() {
		s.Add(FieldTerm)
	}
	return s
}

// PendingRecord is one record marked 待补充, as the workbench and
// `govbuy check` list it.
type PendingRecord struct {
	Entity  string   `json:"entity"` // contract or contractor
	ID      int64    `json:"id"`
	Label   string   `json:"label"` // the contract's number and title, the contractor's name
	Pending FieldSet `json:"pending"`
}

// Message says what is missing: 合同YX2023-005“社区网格员”待补充：岗位人数.
func (r PendingRecord) Message() string {
	what := "合同"
	if r.Entity == "contractor" {
		what = "承接主体"
	}
	return fmt.Sprintf("%s%s待补充：%s", what, r.Label, r.Pending)
}

// PendingSummary counts records by missing field in a sentence, as an
// import summary says it: 12份合同待补充岗位人数；3份合同待补充合同期限.
func PendingSummary(contracts, contractors []FieldSet) []string {
	var out []string
	for _, group := range []struct {
		sets []FieldSet
		what string
	}{{contracts, "份合同"}, {contractors, "个承接主体"}} {
		counts := map[Field]int{}
		for _, s := range group.sets {
			for _, f := range s.Fields() {
				counts[f]++
			}
		}
		out = append(out, countSentences(counts, group.what)...)
	}
	return out
}

func countSentences(counts map[Field]int, what string) []string {
	fields := make([]Field, 0, len(counts))
	for f := range counts {
		fields = append(fields, f)
	}
	sort.Slice(fields, func(i, j int) bool { return fieldBits[fields[i]] < fieldBits[fields[j]] })
	var out []string
	for _, f := range fields {
		out = append(out, fmt.Sprintf("%d%s待补充%s", counts[f], what, f))
	}
	return out
}
