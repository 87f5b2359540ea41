package govbuy

import "context"

// Dataset is a set of records that refer to one another by name and number,
// the way spreadsheets and the demo district do. The store resolves the names
// and commits the whole set in one transaction, so a dataset lands entirely
// or not at all.
type Dataset struct {
	District    string
	Units       []DatasetUnit
	Contractors []DatasetContractor
	Contracts   []DatasetContract
	Payments    []DatasetPayment
	Assessments []DatasetAssessment
	// Requirements replace the stored ones of the same catalog items.
	Requirements []Requirement
	// FeeStandards replace the stored ones of the same names.
	FeeStandards []FeeStandard
	Inspections  []DatasetInspection
	// FormerNames record names of contractors (曾用名) an officer
	// confirmed while importing; UnitFormerNames those of purchasing units.
	FormerNames     []DatasetFormerName
	UnitFormerNames []DatasetFormerName
}

// DatasetFormerName is a former name (Name) of the contractor or unit
// named Owner, or holding the code Code when one is given.
type DatasetFormerName struct {
	Owner, Code, Name string
}

// DatasetUnit is a unit of a dataset. One whose name is stored already
// updates the stored unit with the fields Given, keeping the rest.
type DatasetUnit struct {
	Unit
	Given FieldSet
}

// DatasetContractor is a contractor of a dataset. One that carries a
// stored ID (an import's update), or whose name is stored already (a
// dataset load), updates the stored contractor with the fields Given.
type DatasetContractor struct {
	Contractor
	Given FieldSet
}

// DatasetContract is a contract whose unit, contractor and catalog item are
// named rather than numbered. One that carries a stored ID (an import's
// update) updates the stored contract with the fields Given.
type DatasetContract struct {
	Contract
	UnitName       string
	ContractorName string
	CatalogCode    string
	// ContractorCode, when set, finds the contractor by credit code before
	// its name: two contractors may share a name.
	ContractorCode string
	FeeStandard    string          // name of the fee standard that prices it
	Plan           *AssessmentPlan // nil when the contract is not assessed
	Given          FieldSet
	// Supplements are added to the contract's supplementary contracts.
	Supplements []Supplement
}

// DatasetPayment is a payment against a contract named by its number.
// Origin, when set, says where the row came from ("“台账.xlsx” 第7行"), so
// a refusal at commit names the row the person can fix.
type DatasetPayment struct {
	Payment
	ContractNumber string
	Origin         string
	// Treasury marks a row of the treasury's payment list: its Voucher is
	// the 支付凭证号, which no other payment or request may carry.
	Treasury bool
}

// DatasetInspection is an inspection of a contract named by its number.
type DatasetInspection struct {
	Inspection
	ContractNumber string
}

// DatasetAssessment is an assessment of a contract named by its number.
type DatasetAssessment struct {
	Assessment
	ContractNumber string
}

// DatasetLoader commits datasets.
type DatasetLoader interface {
	// LoadDataset adds ds to the database in one transaction. It refuses a
	// database that already holds contracts unless replace is set, in which
	// case everything is cleared first.
	LoadDataset(ctx context.Context, ds *Dataset, replace bool) error
}

// take sets *dst to v when the update gives field f.
func take[T any](given FieldSet, f Field, dst *T, v T) {
	if given.Has(f) {
		*dst = v
	}
}

// given sets *dst to v unless v is blank: the parts of a qualification
// named by its kind alone (see mergeQualifications).
func given[T comparable](dst *T, v T) {
	var blank T
	if v != blank {
		*dst = v
	}
}

// Actor names who makes a change; the audit log records it.
type actorKey struct{}

// WithActor returns a context whose changes are recorded as made by name.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// ActorFrom returns the person recorded for changes made with ctx.
func ActorFrom(ctx context.Context) string {
	if s, ok := ctx.Value(actorKey{}).(string); ok && s != "" {
		return s
	}
	return "system"
}
