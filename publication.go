package govbuy

import (
	"context"
	"strings"
	"unicode"
)

// DefaultOCIDPrefix is the ocid prefix of a district that has not
// registered one. OCDS prefixes are given out by the Open Contracting
// Partnership ("ocds-" and six characters); this one is govbuy's own and
// marks the data as local, not registered, until the district sets its own.
const DefaultOCIDPrefix = "ocds-govbuy-local"

// maxOCIDPrefix bounds a prefix: registered ones are 11 characters.
const maxOCIDPrefix = 40

// FieldOCIDPrefix names the setting in messages.
const FieldOCIDPrefix Field = "OCDS前缀（ocid）"

// CheckOCIDPrefix refuses a prefix an ocid cannot carry: an ocid is written
// into identifiers and file names, so the prefix is ASCII letters, digits
// and hyphens, starts with a letter, and is at most 40 characters.
func CheckOCIDPrefix(p string) error {
	if p == "" {
		return Invalidf(FieldOCIDPrefix, "不能为空（未登记时用 %s）", DefaultOCIDPrefix)
	}
	if len(p) > maxOCIDPrefix {
		return Invalidf(FieldOCIDPrefix, "不能超过%d个字符", maxOCIDPrefix)
	}
	if c := p[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return Invalidf(FieldOCIDPrefix, "应以英文字母开头，如 ocds-abc123")
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return Invalidf(FieldOCIDPrefix, "只能含英文字母、数字和“-”，“%c”不行", r)
		}
	}
	return nil
}

// NormalizeOCIDPrefix puts a prefix as typed or pasted in the form it is
// kept: half-width, without spaces. Its case is kept: registered prefixes
// are lower-case.
func NormalizeOCIDPrefix(p string) string {
	return strings.Map(func(r rune) rune {
		if r = toHalfWidth(r); unicode.IsSpace(r) || dropped(r) {
			return -1
		}
		return r
	}, p)
}

// ContractingYear is a year's contracting as it is published (the OCDS
// export): every contract of the budget year and every other contract paid
// or assessed in it, each with its parties, supplementary contracts and
// the payments and assessments of the year.
type ContractingYear struct {
	Year       int
	Profile    DistrictProfile
	OCIDPrefix string
	Contracts  []ContractingRecord
}

// ContractingRecord is one contract with what it refers to.
type ContractingRecord struct {
	Contract    Contract
	Unit        Unit
	Contractor  Contractor
	Supplements []Supplement
	// Payments are the recorded payments dated in the year (requests
	// awaiting approval are not payments yet).
	Payments []Payment
	// Assessments are those of the year's periods.
	Assessments []Assessment
	// Bands grade them: the plan's, else the default bands.
	Bands GradeBands
}

// PublicationService gives the year's contracting for publication and
// keeps the ocid prefix it is published under.
type PublicationService interface {
	// ContractingYear is the year's contracting, contracts by number.
	ContractingYear(ctx context.Context, year int) (*ContractingYear, error)
	// OCIDPrefix is the district's ocid prefix, DefaultOCIDPrefix until
	// one is set.
	OCIDPrefix(ctx context.Context) (string, error)
	// SetOCIDPrefix changes it (checked by CheckOCIDPrefix; "" goes back
	// to the default): an administrator's act once roles are on,
	// recorded in the audit log.
	SetOCIDPrefix(ctx context.Context, prefix string) error
	// ContractingRecord is one contract, by number, with its unit,
	// contractor and supplementary contracts (its payments and
	// assessments are left out): what its notice (合同公告) is written
	// from. ENotFound when there is no such contract.
	ContractingRecord(ctx context.Context, number string) (*ContractingRecord, error)
}
