package govbuy

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnitKind distinguishes 行政单位 from 事业单位 among purchasing units.
type UnitKind string

const (
	UnitAdministrative UnitKind = "行政单位"
	UnitPublic         UnitKind = "事业单位"
	UnitOther          UnitKind = "其他"
)

// UnitKinds lists the kinds in the order forms offer them.
var UnitKinds = []UnitKind{UnitAdministrative, UnitPublic, UnitOther}

// PublicClass is the class of a 事业单位 after the reform of public
// institutions (分类推进事业单位改革): 公益一类, 公益二类 or 经营类.
type PublicClass string

const (
	ClassPublic1    PublicClass = "公益一类"
	ClassPublic2    PublicClass = "公益二类"
	ClassCommercial PublicClass = "经营类"
)

// PublicClasses lists the classes in the order forms offer them.
var PublicClasses = []PublicClass{ClassPublic1, ClassPublic2, ClassCommercial}

// Unit is a purchasing unit (购买主体): a district department or public body
// that buys services with budget money.
type Unit struct {
	ID      int64    `json:"id"`
	Version int64    `json:"-"` // see StaleRecord
	Name    string   `json:"name"`
	Code    string   `json:"code,omitempty"` // 统一社会信用代码 or budget code, optional
	Kind    UnitKind `json:"kind"`
	Contact string   `json:"contact,omitempty"`
	Phone   string   `json:"phone,omitempty"`
	// Address is where the unit is, as the contract notice names the
	// purchaser (采购人地址).
	Address string `json:"address,omitempty"`
	Notes   string `json:"notes,omitempty"`
	// Class is a 事业单位's class, empty when not known or not one.
	Class PublicClass `json:"class,omitempty"`
}

// NamedUnit is a unit with its former names (曾用名): names a ledger gave
// it that an officer confirmed as its own, which an import matches as the
// unit's. Kept beside Unit, which stays comparable.
type NamedUnit struct {
	Unit
	FormerNames []string
}

// Excluded reports whether 第八条 bars the unit from buying services: a
// 公益一类事业单位. It is flagged on its contracts, not refused: the unit is
// on record whatever it buys.
func (u *Unit) Excluded() bool { return u.Kind == UnitPublic && u.Class == ClassPublic1 }

// ClassProblem says why 第八条 questions the unit as a purchaser, nil when
// it does not; the unit form shows it beside the class as it is chosen.
func (u *Unit) ClassProblem() error {
	if !u.Excluded() {
		return nil
	}
	return Invalidf(FieldUnitClass, "公益一类事业单位不作为政府购买服务的购买主体（%s），其合同将列入合规提示", article8)
}

// KindLabel is the kind with a 事业单位's class: 事业单位（公益二类）.
func (u *Unit) KindLabel() string {
	if u.Kind == UnitPublic && u.Class != "" {
		return string(u.Kind) + "（" + string(u.Class) + "）"
	}
	return string(u.Kind)
}

// Normalize puts a unit in the form it is stored in: the name cleaned, the
// kind 行政单位 when blank, the code in half-width capitals without spaces.
func (u *Unit) Normalize() {
	u.Name = CleanText(u.Name)
	if u.Kind == "" {
		u.Kind = UnitAdministrative
	}
	u.Code = NormalizeCode(u.Code)
	u.Address = CleanText(u.Address)
}

// Validate checks a normalised unit before it is stored, changing nothing;
// all problems are returned at once.
func (u *Unit) Validate() error {
	var v ValidationErrors
	if isBlank(u.Name) {
		v = append(v, Invalidf(FieldUnitName, "不能为空"))
	}
	if u.Kind == "" {
		v = append(v, Invalidf(FieldUnitKind, "请选择单位类型"))
	} else if !containsKind(UnitKinds, u.Kind) {
		v = append(v, Invalidf(FieldUnitKind, "无法识别的单位类型“%s”", u.Kind))
	}
	switch {
	case u.Class == "":
	case !containsKind(PublicClasses, u.Class):
		v = append(v, Invalidf(FieldUnitClass, "无法识别的类别“%s”（公益一类、公益二类或经营类）", u.Class))
	case u.Kind != UnitPublic:
		v = append(v, Invalidf(FieldUnitClass, "只有事业单位有类别，%s无需填写", u.Kind))
	}
	if u.Code != "" {
		if err := ValidateCreditCode(u.Code); err != nil {
			v = append(v, asError(err))
		}
	}
	v = append(v, checkLengths(nameField(FieldUnitName, u.Name), nameField(FieldContact, u.Contact),
		codeField(FieldPhone, u.Phone), nameField(FieldAddress, u.Address), noteField(FieldNotes, u.Notes))...)
	return v.Err()
}

// MergeFrom takes the fields given of an update (a dataset's row for a
// stored unit, matched by name) and keeps the others.
func (u *Unit) MergeFrom(update Unit, given FieldSet) {
	take(given, FieldCreditCode, &u.Code, update.Code)
	take(given, FieldUnitKind, &u.Kind, update.Kind)
	take(given, FieldUnitClass, &u.Class, update.Class)
	take(given, FieldContact, &u.Contact, update.Contact)
	take(given, FieldPhone, &u.Phone, update.Phone)
	take(given, FieldAddress, &u.Address, update.Address)
	take(given, FieldNotes, &u.Notes, update.Notes)
}

// UnitFilter narrows, sorts and pages a unit list; the store does the work.
type UnitFilter struct {
	Search string // matched against name and code
	Kind   UnitKind
	Year   int // units with a contract of this budget year; 0 = any
	Sort   string
	Desc   bool
	Offset int
	Limit  int
}

// UnitRow is a unit as listed, with figures a list shows beside it.
type UnitRow struct {
	Unit
	Contracts int   `json:"contracts"`
	Amount    Money `json:"amount_fen"`
}

// UnitService keeps purchasing units.
type UnitService interface {
	// FindUnits is the page of units f selects, with their contract count
	// and amount (of f.Year alone when set), and the count of all it selects.
	FindUnits(ctx context.Context, f UnitFilter) ([]UnitRow, int, error)
	// SumUnits totals the money columns of the units f matches ("amount").
	SumUnits(ctx context.Context, f UnitFilter) (ListTotals, error)
	// FindUnitByID is one unit; ENotFound when there is none.
	FindUnitByID(ctx context.Context, id int64) (*Unit, error)
	// FindUnitByCode looks a unit up by normalised code first, then by
	// name (its own or a former one); ENotFound when neither matches. The
	// unit comes with its former names. An import matches units with it.
	FindUnitByCode(ctx context.Context, code, name string) (*NamedUnit, error)
	// CreateUnit normalises, validates (EInvalid) and stores a new unit,
	// setting u.ID; a name already taken is EConflict.
	CreateUnit(ctx context.Context, u *Unit) error
	// UpdateUnit saves a unit's changes on the same terms; ENotFound when
	// there is no such unit.
	UpdateUnit(ctx context.Context, u *Unit) error
	// DeleteUnit removes a unit: ENotFound when there is none, EConflict
	// while a contract refers to it, and StaleRecord when it is no longer at
	// the version the caller read.
	DeleteUnit(ctx context.Context, id, version int64) error
	// UnitDeleteRefusal says why DeleteUnit would refuse the unit (it still
	// has contracts), nil when it would not: the window disables 删除 with it.
	UnitDeleteRefusal(ctx context.Context, id int64) error
}

// CleanText trims a user-entered name and drops control characters, which
// come in with pasted spreadsheet cells and would break exports and search.
func CleanText(s string) string {
	if isClean(s) {
		return s // most cells are; an import cleans every one of them
	}
	return cleanText(s)
}

// cleanText is CleanText building its result.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case dropped(r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports whether CleanText would return s unchanged: nothing it
// drops, no white space but single spaces between words, and valid UTF-8
// (strings.Map rewrites invalid bytes).
func isClean(s string) bool {
	afterSpace := true // a leading space is trimmed
	for _, r := range s {
		switch {
		case r == ' ' && !afterSpace:
			afterSpace = true
		case r == ' ' || r == utf8.RuneError || dropped(r) || unicode.IsSpace(r):
			return false
		default:
			afterSpace = false
		}
	}
	return s == "" || !afterSpace
}

// dropped are the characters CleanText removes: control characters and
// the invisible zero-width space and byte-order mark.
func dropped(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u200b' || r == '\ufeff'
}

// isBlank reports whether CleanText(s) is empty without building it, so
// Validate can ask it of every text it requires without allocating.
func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !dropped(r) {
			return false
		}
	}
	return true
}

func containsKind[T comparable](list []T, k T) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// asError turns any error from a validator into a domain error for a list.
func asError(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return &Error{Kind: EInvalid, Message: err.Error()}
}
