package govbuy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Requirement is what a catalog item asks of the contractor who takes it
// (服务专业化): the contractor types allowed, a qualification of a kind and a
// minimum level, or a licence.
type Requirement struct {
	CatalogCode string           `json:"catalog_code"`
	Kind        Kind             `json:"kind,omitempty"`  // posts or projects only; empty: both
	Types       []ContractorType `json:"types,omitempty"` // empty: any type
	QualKind    string           `json:"qual_kind,omitempty"`
	MinLevel    string           `json:"min_level,omitempty"`
	Licence     string           `json:"licence,omitempty"`
}

// QualificationKinds are the qualifications and licences a requirement can
// name; an unknown kind is refused rather than never matched.
var QualificationKinds = []string{
	"公路养护工程施工资质", "城市园林绿化企业资质", "市政公用工程施工总承包资质", "工程造价咨询企业资质",
	"医疗机构执业许可证", "律师事务所执业许可证", "会计师事务所执业证书", "物业服务企业资质",
}

// levelScales order the levels of a qualification, highest first.
var levelScales = [][]string{
	{"特级", "一级", "二级", "三级"},
	{"甲级", "乙级", "丙级"},
}

// levelRank places a level on its scale: 0 is the highest. ok is false for
// a level on no scale.
func levelRank(level string) (scale, rank int, ok bool) {
	for s, levels := range levelScales {
		if r := slices.Index(levels, level); r >= 0 {
			return s, r, true
		}
	}
	return 0, 0, false
}

// QualificationLevels lists every level a requirement can ask for at least,
// each scale highest first.
func QualificationLevels() []string {
	return slices.Concat(levelScales...)
}

// Validate checks a requirement: a catalog item, known kinds and a known
// level.
func (r *Requirement) Validate() error {
	var v ValidationErrors
	if strings.TrimSpace(r.CatalogCode) == "" {
		v = append(v, Invalidf(FieldCatalog, "请选择服务类别"))
	}
	for _, kind := range []string{r.QualKind, r.Licence} {
		if kind != "" && !slices.Contains(QualificationKinds, kind) {
			v = append(v, Invalidf(FieldQualKind, "未知的资质或许可证“%s”", kind))
		}
	}
	if r.MinLevel != "" {
		if r.QualKind == "" {
			v = append(v, Invalidf(FieldMinLevel, "指定等级须同时指定资质"))
		} else if _, _, ok := levelRank(r.MinLevel); !ok {
			v = append(v, Invalidf(FieldMinLevel, "未知的等级“%s”（一级、二级、三级或甲级、乙级、丙级）", r.MinLevel))
		}
	}
	for _, t := range r.Types {
		if !containsKind(ContractorTypes, t) {
			v = append(v, Invalidf(FieldContractorType, "未知的主体类型“%s”", t))
		}
	}
	v = append(v, checkLengths(codeField(FieldCatalog, r.CatalogCode))...)
	return v.Err()
}

// Missing says, one sentence each, what the contractor lacks to take a
// contract under the requirement: a type not allowed, no qualification of
// the kind, too low a level, one that lapses before the contract ends, or
// no licence. Empty when the contractor meets it.
func (r *Requirement) Missing(k *Contractor, c *Contract) []string {
	if r.Kind != "" && c.Kind != r.Kind {
		return nil
	}
	var out []string
	if len(r.Types) > 0 && !slices.Contains(r.Types, k.Type) {
		out = append(out, fmt.Sprintf("主体类型为%s，该服务限%s承接", k.Type, joinTypes(r.Types)))
	}
	if r.QualKind != "" {
		out = append(out, r.missingQualification(k, c)...)
	}
	if r.Licence != "" && !holdsValid(k, c, r.Licence) {
		out = append(out, "缺少有效的"+r.Licence)
	}
	return out
}

func (r *Requirement) missingQualification(k *Contractor, c *Contract) []string {
	problem := "缺少" + r.QualKind
	for _, q := range k.Qualifications {
		switch {
		case q.Kind != r.QualKind:
		case q.ExpiredOn(termEnd(c)):
			problem = fmt.Sprintf("%s（%s）于%s到期，早于合同结束", q.Kind, q.Level, FormatDate(q.Expiry))
		case r.MinLevel == "" || meetsLevel(q.Level, r.MinLevel):
			return nil
		default:
			problem = fmt.Sprintf("%s为%s，低于要求的%s及以上", q.Kind, q.Level, r.MinLevel)
		}
	}
	return []string{problem}
}

// meetsLevel reports whether level is min or higher on the same scale.
func meetsLevel(level, min string) bool {
	scale, rank, ok := levelRank(level)
	wantScale, want, _ := levelRank(min)
	return ok && scale == wantScale && rank <= want
}

func holdsValid(k *Contractor, c *Contract, kind string) bool {
	for _, q := range k.Qualifications {
		if q.Kind == kind && !q.ExpiredOn(termEnd(c)) {
			return true
		}
	}
	return false
}

// termEnd is the day a qualification must still be valid on.
func termEnd(c *Contract) time.Time {
	if !c.End.IsZero() {
		return c.End
	}
	return c.Start
}

func joinTypes(ts []ContractorType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, "、")
}

// RequirementService keeps what each catalog item asks of the contractors
// who take it (服务要求) and measures contracts against it. Its writes are
// recorded in the audit log.
type RequirementService interface {
	// FindRequirements lists the stored requirements by catalog code.
	FindRequirements(ctx context.Context) ([]Requirement, error)
	// SaveRequirement validates r and stores it as its catalog item's
	// requirement, replacing any; a requirement that breaks a rule or names
	// an item not in the catalog is EInvalid.
	SaveRequirement(ctx context.Context, r *Requirement) error
	// DeleteRequirement stops asking anything of the contractors of the
	// catalog item (ENotFound when nothing was asked); the reasons recorded
	// for going ahead stay with their contracts.
	DeleteRequirement(ctx context.Context, catalogCode string) error
	// RequirementGaps says, before c is saved, what its contractor lacks for
	// the requirement of its service or of the nearest category above it
	// (empty when it meets it or nothing is asked), and the reason on record
	// for going ahead with a stored contract.
	RequirementGaps(ctx context.Context, c *Contract) (missing []string, reason string, err error)
}
