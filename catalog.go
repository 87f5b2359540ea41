package govbuy

import "context"

// Kind separates the two things a district buys: service posts (岗位) and
// service projects (项目). Reports count them apart.
type Kind string

const (
	KindPost    Kind = "post"
	KindProject Kind = "project"
)

// Label is the Chinese word officers use for the kind.
func (k Kind) Label() string {
	switch k {
	case KindPost:
		return "岗位"
	case KindProject:
		return "项目"
	}
	return string(k)
}

// ParseKind accepts the stored value or the Chinese label.
func ParseKind(s string) (Kind, error) {
	switch CleanText(s) {
	case "post", "岗位", "购买岗位", "岗位类":
		return KindPost, nil
	case "project", "项目", "购买项目", "项目类", "服务项目":
		return KindProject, nil
	}
	return "", Invalidf(FieldKind, "应为“岗位”或“项目”，实际为“%s”", s)
}

// CatalogItem is a node of the district's guiding catalogue of services
// (政府购买服务指导性目录): a category with child items.
type CatalogItem struct {
	ID       int64  `json:"id"`
	Version  int64  `json:"-"` // see StaleRecord
	ParentID int64  `json:"parent_id,omitempty"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     Kind   `json:"kind,omitempty"` // the usual kind of purchase under it
}

// Normalize cleans the item's name and code before it is stored.
func (c *CatalogItem) Normalize() {
	c.Name = CleanText(c.Name)
	c.Code = CleanText(c.Code)
}

// Validate checks a normalised catalog item before it is stored, changing
// nothing.
func (c *CatalogItem) Validate() error {
	var v ValidationErrors
	if isBlank(c.Name) {
		v = append(v, Invalidf(FieldCatalogName, "不能为空"))
	}
	if isBlank(c.Code) {
		v = append(v, Invalidf(FieldCatalogCode, "不能为空"))
	}
	v = append(v, checkLengths(nameField(FieldCatalogName, c.Name), codeField(FieldCatalogCode, c.Code))...)
	return v.Err()
}

// CatalogService keeps the service catalog.
type CatalogService interface {
	// FindCatalog is the whole catalog by code, parents before their
	// children.
	FindCatalog(ctx context.Context) ([]CatalogItem, error)
	// CreateCatalogItem normalises, validates (EInvalid, also for a parent
	// that is not stored) and stores a new item, setting c.ID; a code already
	// taken is EConflict.
	CreateCatalogItem(ctx context.Context, c *CatalogItem) error
	// UpdateCatalogItem saves an item's changes on the same terms; an item
	// may not become its own or its descendant's child (EInvalid).
	UpdateCatalogItem(ctx context.Context, c *CatalogItem) error
	// DeleteCatalogItem removes an item: ENotFound when there is none,
	// EConflict while it has children or contracts, and StaleRecord when it
	// is no longer at the version the caller read.
	DeleteCatalogItem(ctx context.Context, id, version int64) error
}

// DefaultCatalog is the catalogue a new database starts with, after the
// 2020 measures' first-level categories; the district edits it from there.
// Parents come before their children; ParentID refers to Code through
// CatalogParentCode.
var DefaultCatalog = []CatalogItem{
	{Code: "A", Name: "基本公共服务"},
	{Code: "A01", Name: "公共安全服务", Kind: KindPost},
	{Code: "A02", Name: "社区服务", Kind: KindPost},
	{Code: "A03", Name: "养老服务", Kind: KindProject},
	{Code: "A04", Name: "公共卫生服务", Kind: KindProject},
	{Code: "A05", Name: "公共文化体育服务", Kind: KindProject},
	{Code: "A06", Name: "就业和社会保障服务", Kind: KindPost},
	{Code: "B", Name: "社会管理性服务"},
	{Code: "B01", Name: "城市管理服务", Kind: KindPost},
	{Code: "B02", Name: "社会治理服务", Kind: KindPost},
	{Code: "B03", Name: "农村公路养护服务", Kind: KindProject},
	{Code: "B04", Name: "环境治理服务", Kind: KindProject},
	{Code: "C", Name: "行业管理与协调性服务"},
	{Code: "C01", Name: "行业统计分析服务", Kind: KindProject},
	{Code: "C02", Name: "行业规划服务", Kind: KindProject},
	{Code: "D", Name: "技术性服务"},
	{Code: "D01", Name: "检验检测服务", Kind: KindProject},
	{Code: "D02", Name: "工程造价审核服务", Kind: KindProject},
	{Code: "D03", Name: "监测评估服务", Kind: KindProject},
	{Code: "D04", Name: "信息化服务", Kind: KindProject},
	{Code: "E", Name: "政府履职所需辅助性服务"},
	{Code: "E01", Name: "法律服务", Kind: KindProject},
	{Code: "E02", Name: "市政设施维护服务", Kind: KindProject},
	{Code: "E03", Name: "园林绿化养护服务", Kind: KindProject},
	{Code: "E04", Name: "机关辅助性岗位服务", Kind: KindPost},
	{Code: "E05", Name: "物业管理服务", Kind: KindProject},
	{Code: "E06", Name: "审计服务", Kind: KindProject},
}

// CatalogParentCode returns the code of an item's parent in a code tree
// where each level adds two digits to a one-letter category ("B03" → "B").
func CatalogParentCode(code string) string {
	if len(code) <= 1 {
		return ""
	}
	return code[:len(code)-2]
}
