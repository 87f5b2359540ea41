package govbuy

import (
	"context"
	"slices"
	"time"
)

// ContractorType is the legal form of a contractor (承接主体), after
// 《政府购买服务管理办法》（财政部令第102号）第六条.
type ContractorType string

const (
	TypeEnterprise       ContractorType = "企业"
	TypeSocialOrg        ContractorType = "社会组织"
	TypePublicClass2     ContractorType = "事业单位（公益二类）"
	TypePublicCommercial ContractorType = "事业单位（经营类）"
	TypePublicClass1     ContractorType = "事业单位（公益一类）"
	TypeRuralCollective  ContractorType = "农村集体经济组织"
	TypeGrassroots       ContractorType = "基层群众性自治组织"
	TypeIndividual       ContractorType = "个人"
)

// ContractorTypes lists every type in the order forms offer them.
var ContractorTypes = []ContractorType{
	TypeEnterprise, TypeSocialOrg, TypePublicClass2, TypePublicCommercial,
	TypePublicClass1, TypeRuralCollective, TypeGrassroots, TypeIndividual,
}

// Excluded reports whether 第八条 bars the type from taking government
// purchase of services (公益一类事业单位). Validate refuses such a
// contractor; the compliance hint still names one stored before the rule.
func (t ContractorType) Excluded() bool { return t == TypePublicClass1 }

// article8 is the article of 102号令 that bars 公益一类事业单位 from buying
// and from taking government purchase of services.
const article8 = "《政府购买服务管理办法》第八条"

// CheckType refuses a type that is not offered and one that 第八条 bars, on
// the type field: forms show it as the type is chosen, and Validate refuses
// it on every path a contractor is written by.
func (t ContractorType) CheckType() error {
	switch {
	case !containsKind(ContractorTypes, t):
		return Invalidf(FieldContractorType, "请选择主体类型（企业、社会组织、个人等）")
	case t.Excluded():
		return Invalidf(FieldContractorType, "公益一类事业单位不得作为政府购买服务的承接主体（%s）", article8)
	}
	return nil
}

// IsIndividual reports whether the contractor is identified by 身份证号
// rather than 统一社会信用代码.
func (t ContractorType) IsIndividual() bool { return t == TypeIndividual }

// Qualification is a certificate a contractor holds: a 资质 with a level
// (一级, 乙级, …) or a licence such as 医疗机构执业许可证.
type Qualification struct {
	Kind   string    `json:"kind"`
	Level  string    `json:"level,omitempty"`
	Number string    `json:"number,omitempty"`
	Issuer string    `json:"issuer,omitempty"`
	Expiry time.Time `json:"expiry,omitzero"`
}

// ExpiredOn reports whether the qualification has lapsed on day d.
func (q Qualification) ExpiredOn(d time.Time) bool {
	return !q.Expiry.IsZero() && q.Expiry.Before(d)
}

// Contractor is a service provider: an enterprise, a social organisation or a
// person the district buys services from.
type Contractor struct {
	ID         int64          `json:"id"`
	Version    int64          `json:"-"` // see StaleRecord
	Name       string         `json:"name"`
	Type       ContractorType `json:"type"`
	CreditCode string         `json:"credit_code,omitempty"` // or 身份证号 for individuals
	// CodeOverride is the reason a person gave for keeping a code that fails
	// its check character; a failed check is never accepted silently.
	CodeOverride   string          `json:"code_override,omitempty"`
	LegalRep       string          `json:"legal_rep,omitempty"`
	Phone          string          `json:"phone,omitempty"`
	Address        string          `json:"address,omitempty"`
	Bank           string          `json:"bank,omitempty"`
	Account        string          `json:"account,omitempty"`
	Qualifications []Qualification `json:"qualifications,omitempty"`
	Notes          string          `json:"notes,omitempty"`
	// Pending are the fields a ledger did not give (待补充): a type that
	// could not be told from the name.
	Pending FieldSet `json:"pending,omitzero"`
	// FormerNames (曾用名) are names a ledger gave the contractor that an
	// officer confirmed as its own; FindContractorByCode fills them, for
	// an import to match them as the contractor's.
	FormerNames []string `json:"-"`
}

// CodeField names the identifier field for the contractor's type.
func (c *Contractor) CodeField() Field {
	if c.Type.IsIndividual() {
		return FieldIDCard
	}
	return FieldCreditCode
}

// Normalize puts a contractor in the form it is stored in: the name
// cleaned, the code in half-width capitals without spaces.
func (c *Contractor) Normalize() {
	c.Name = CleanText(c.Name)
	c.CreditCode = NormalizeCode(c.CreditCode)
	if c.Type != "" {
		c.Pending.Remove(FieldContractorType)
	}
}

// Validate checks a normalised contractor before it is stored, changing
// nothing.
func (c *Contractor) Validate() error {
	var v ValidationErrors
	if isBlank(c.Name) {
		v = append(v, Invalidf(FieldName, "不能为空"))
	}
	if c.Type == "" && c.Pending.Has(FieldContractorType) {
		// 待补充: kept until someone says what the contractor is
	} else if err := c.Type.CheckType(); err != nil {
		v = append(v, asError(err))
	}
	if c.CreditCode != "" {
		if err := c.checkCode(); err != nil && isBlank(c.CodeOverride) {
			v = append(v, asError(err))
		}
	}
	for i, q := range c.Qualifications {
		if isBlank(q.Kind) {
			v = append(v, Invalidf(FieldQualification, "第%d项资质缺少名称", i+1))
		}
		v = append(v, checkLengths(nameField(FieldQualification, q.Kind), nameField(FieldQualification, q.Level),
			codeField(FieldQualification, q.Number), nameField(FieldQualification, q.Issuer))...)
	}
	v = append(v, checkLengths(nameField(FieldName, c.Name), noteField(FieldCodeOverride, c.CodeOverride),
		nameField(FieldLegalRep, c.LegalRep), codeField(FieldPhone, c.Phone), nameField(FieldAddress, c.Address),
		nameField(FieldBank, c.Bank), codeField(FieldAccount, c.Account), noteField(FieldNotes, c.Notes))...)
	return v.Err()
}

func (c *Contractor) checkCode() error {
	if c.Type.IsIndividual() {
		return ValidateIDCard(c.CreditCode)
	}
	return ValidateCreditCode(c.CreditCode)
}

// CodeProblem returns the identifier's check failure even when overridden, so
// screens and checks can keep showing it.
func (c *Contractor) CodeProblem() error {
	if c.CreditCode == "" {
		return nil
	}
	return c.checkCode()
}

// MergeFrom takes the fields given of an update (a dataset's row for a
// stored contractor: with the stored ID, a name given is a new name) and
// keeps the others; qualifications given are merged into the stored ones
// by kind.
func (c *Contractor) MergeFrom(update Contractor, given FieldSet) {
	take(given, FieldName, &c.Name, update.Name)
	take(given, FieldContractorType, &c.Type, update.Type)
	take(given, FieldCreditCode, &c.CreditCode, update.CreditCode)
	take(given, FieldCodeOverride, &c.CodeOverride, update.CodeOverride)
	take(given, FieldLegalRep, &c.LegalRep, update.LegalRep)
	take(given, FieldPhone, &c.Phone, update.Phone)
	take(given, FieldAddress, &c.Address, update.Address)
	take(given, FieldBank, &c.Bank, update.Bank)
	take(given, FieldAccount, &c.Account, update.Account)
	take(given, FieldNotes, &c.Notes, update.Notes)
	c.Pending.bits |= update.Pending.bits
	if given.Has(FieldQualification) {
		c.Qualifications = mergeQualifications(c.Qualifications, update.Qualifications)
	}
}

// mergeQualifications adds the qualifications of an update to the stored
// ones, by kind: a sheet's column usually names the kind alone, which must
// not wipe the level and expiry the requirements are checked against, so
// within a qualification a blank part keeps the stored one.
func mergeQualifications(stored, update []Qualification) []Qualification {
	out := slices.Clone(stored)
	for _, q := range update {
		i := slices.IndexFunc(out, func(o Qualification) bool { return o.Kind == q.Kind })
		if i < 0 {
			out = append(out, q)
			continue
		}
		given(&out[i].Level, q.Level)
		given(&out[i].Number, q.Number)
		given(&out[i].Issuer, q.Issuer)
		if !q.Expiry.IsZero() {
			out[i].Expiry = q.Expiry
		}
	}
	return out
}

// ContractorFilter narrows, sorts and pages a contractor list.
type ContractorFilter struct {
	Search string
	Type   ContractorType
	Year   int
	Sort   string
	Desc   bool
	Offset int
	Limit  int
}

// ContractorRow is a contractor as listed.
type ContractorRow struct {
	Contractor
	Contracts int   `json:"contracts"`
	Amount    Money `json:"amount_fen"`
}

// ContractorService keeps contractors.
type ContractorService interface {
	// FindContractors is the page of contractors f selects, with their
	// contract count and amount (of f.Year alone when set) and their
	// qualifications, and the count of all it selects.
	FindContractors(ctx context.Context, f ContractorFilter) ([]ContractorRow, int, error)
	// SumContractors totals the money columns of the contractors f matches
	// ("amount").
	SumContractors(ctx context.Context, f ContractorFilter) (ListTotals, error)
	// FindContractorByID is one contractor with its qualifications;
	// ENotFound when there is none.
	FindContractorByID(ctx context.Context, id int64) (*Contractor, error)
	// FindContractorByCode looks a contractor up by normalised credit code
	// first, then by normalised name; the importer matches with it.
	FindContractorByCode(ctx context.Context, code, name string) (*Contractor, error)
	// CreateContractor normalises, validates (EInvalid) and stores a new
	// contractor with its qualifications, setting c.ID; a credit code another
	// contractor holds is EConflict.
	CreateContractor(ctx context.Context, c *Contractor) error
	// UpdateContractor saves a contractor's changes on the same terms, its
	// qualifications replaced by c.Qualifications.
	UpdateContractor(ctx context.Context, c *Contractor) error
	// DeleteContractor removes a contractor with its qualifications:
	// ENotFound when there is none, EConflict while a contract refers to it,
	// and StaleRecord when it is no longer at the version the caller read.
	DeleteContractor(ctx context.Context, id, version int64) error
	// ContractorDeleteRefusal says why DeleteContractor would refuse the
	// contractor, nil when it would not.
	ContractorDeleteRefusal(ctx context.Context, id int64) error
}
