package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"govbuy"
)

// valueError is a cell's problem: a sentence in Chinese for the officer.
type valueError string

func (e valueError) Error() string { return string(e) }

func problemf(format string, args ...any) error {
	return valueError(fmt.Sprintf(format, args...))
}

// message is the sentence to show for a parse failure: a domain error's
// message without its field (the column says it), else the error's text.
func message(err error) string {
	var e *govbuy.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// clean folds full-width characters and trims, the form every value is
// compared in.
func clean(s string) string {
	return strings.TrimSpace(foldWidth(govbuy.CleanText(s)))
}

// foldWidth maps full-width letters, digits and punctuation to ASCII; it
// skips the transformer for the common text that has none.
func foldWidth(s string) string {
	for _, r := range s {
		if r >= 0xFF00 || r == '\u3000' {
			return width.Fold.String(s)
		}
	}
	return s
}

// compact is clean without any spaces, for matching words.
func compact(s string) string {
	c := clean(s)
	if !strings.Contains(c, " ") {
		return c // clean leaves no white space but single spaces
	}
	return strings.Join(strings.Fields(c), "")
}

var (
	datePattern  = `(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?`
	dateOnly     = regexp.MustCompile(`^` + datePattern + `(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	dateAnywhere = regexp.MustCompile(datePattern)
	monthDay     = regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?`)
	wholeYear    = regexp.MustCompile(`^(\d{4})\s*年?(?:度|全年)?$`)
)

// ParseDate reads a date as ledgers write it: 2023-01-01, 2023/1/1,
// 2023.1.1, 2023年1月1日, 20230101, an ISO timestamp, or an Excel serial
// written as text (44927).
func ParseDate(s string) (time.Time, error) {
	t := clean(s)
	if m := dateOnly.FindStringSubmatch(t); m != nil {
		return ymd(m[1], m[2], m[3], s)
	}
	if len(t) == 8 && isAllDigits(t) {
		return ymd(t[:4], t[4:6], t[6:], s)
	}
	if isSerialText(t) {
		if d, ok := serialToDate(t, false); ok {
			return d, nil
		}
	}
	return time.Time{}, problemf("无法识别的日期“%s”", strings.TrimSpace(s))
}

// isSerialText accepts 5-digit serials (1927–2173), the only ones a ledger
// date can have, so that amounts are not taken for dates.
func isSerialText(t string) bool {
	whole, frac, _ := strings.Cut(t, ".")
	return len(whole) == 5 && isAllDigits(whole) && (frac == "" || isAllDigits(frac))
}

func ymd(y, m, d, orig string) (time.Time, error) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if yy < 1900 || yy > 2100 || t.Year() != yy || int(t.Month()) != mm || t.Day() != dd {
		return time.Time{}, problemf("无法识别的日期“%s”", strings.TrimSpace(orig))
	}
	return t, nil
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseTerm reads a contract term written in one cell:
// 2023.1.1-2023.12.31, 2023年1月1日至2023年12月31日, 2023.01.01—2023.12.31,
// 2023年1月1日至12月31日, or a whole year (2023年, 2023年度).
func ParseTerm(s string) (start, end time.Time, err error) {
	t := clean(s)
	if m := wholeYear.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		if y >= 1900 && y <= 2100 {
			return govbuy.Day(y, 1, 1), govbuy.Day(y, 12, 31), nil
		}
	}
	bad := problemf("无法识别的合同期限“%s”（应写作2023.1.1-2023.12.31）", strings.TrimSpace(s))
	locs := dateAnywhere.FindAllStringSubmatchIndex(t, 3)
	if len(locs) == 0 {
		return time.Time{}, time.Time{}, bad
	}
	m := locs[0]
	if start, err = ymd(t[m[2]:m[3]], t[m[4]:m[5]], t[m[6]:m[7]], s); err != nil {
		return time.Time{}, time.Time{}, bad
	}
	switch {
	case len(locs) == 2:
		n := locs[1]
		end, err = ymd(t[n[2]:n[3]], t[n[4]:n[5]], t[n[6]:n[7]], s)
	case len(locs) == 1:
		// "2023年1月1日至12月31日": the end takes the start's year.
		rest := t[m[1]:]
		md := monthDay.FindStringSubmatch(rest)
		if md == nil {
			return time.Time{}, time.Time{}, bad
		}
		end, err = ymd(t[m[2]:m[3]], md[1], md[2], s)
	default:
		return time.Time{}, time.Time{}, bad
	}
	if err != nil {
		return time.Time{}, time.Time{}, bad
	}
	return start, end, nil
}

// cellDate reads a date cell: a date serial, a number that can only be a
// serial or yyyymmdd, or text.
func cellDate(c Cell, date1904 bool) (time.Time, error) {
	switch c.Type {
	case CellDate, CellNumber:
		t := strings.TrimSpace(c.Text)
		if len(t) == 8 && isAllDigits(t) {
			return ymd(t[:4], t[4:6], t[6:], t)
		}
		if d, ok := serialToDate(t, date1904); ok && (c.Type == CellDate || isSerialText(t)) {
			return d, nil
		}
		return time.Time{}, problemf("无法识别的日期“%s”", t)
	}
	return ParseDate(c.Text)
}

// cellMoney reads an amount from the cell's exact stored text in the
// column's unit; a 元 or 万元 written in the cell overrides the unit.
func cellMoney(c Cell, unit govbuy.MoneyUnit) (govbuy.Money, error) {
	if c.Type == CellBool || c.Type == CellError {
		return 0, problemf("无法识别的金额“%s”", c.Text)
	}
	return govbuy.ParseMoneyUnit(c.Text, unit)
}

// methodAliases are the ways ledgers write a purchase method that are not
// its exact name (after removing 方式/采购/方法).
var methodAliases = map[string]govbuy.Method{
	"协议供货": govbuy.MethodFramework, "协议采购": govbuy.MethodFramework, "框架协议": govbuy.MethodFramework,
	"直接委托": govbuy.MethodDirectEntrust, "委托": govbuy.MethodDirectEntrust, "指定委托": govbuy.MethodDirectEntrust,
	"定向委托": govbuy.MethodDirectEntrust,
	"协商":   govbuy.MethodMutualAgree, "协商确定": govbuy.MethodMutualAgree, "双方协商确定": govbuy.MethodMutualAgree,
	"议价": govbuy.MethodMutualAgree,
	"招聘": govbuy.MethodOpenHire, "公开招考": govbuy.MethodOpenHire, "社会招聘": govbuy.MethodOpenHire,
	"定向招录": govbuy.MethodDirectHire,
	"外包":   govbuy.MethodPostOutsource, "劳务外包": govbuy.MethodPostOutsource, "服务外包": govbuy.MethodPostOutsource,
	"比选": govbuy.MethodLimitedCompete, "竞争性比选": govbuy.MethodLimitedCompete, "邀请比选": govbuy.MethodLimitedCompete,
	"招标": govbuy.MethodOpenTender, "公开招投标": govbuy.MethodOpenTender,
	"其它": govbuy.MethodOther,
}

// parseMethod matches a purchase method to the domain list: exact, after
// removing a 方式/采购/方法 suffix, by alias, or by the one method name the
// text contains.
func parseMethod(s string) (govbuy.Method, error) {
	t := compact(s)
	for {
		trimmed := t
		for _, sfx := range []string{"方式", "采购", "方法"} {
			trimmed = strings.TrimSuffix(trimmed, sfx)
		}
		if trimmed == t {
			break
		}
		t = trimmed
	}
	for _, m := range govbuy.Methods {
		if t == string(m) {
			return m, nil
		}
	}
	if m, ok := methodAliases[t]; ok {
		return m, nil
	}
	var found []govbuy.Method
	for _, m := range govbuy.Methods {
		if strings.Contains(t, string(m)) {
			found = append(found, m)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return "", problemf("无法识别的购买方式“%s”", strings.TrimSpace(s))
}

// typeAliases are the words ledgers use for a contractor type.
var typeAliases = map[string]govbuy.ContractorType{
	"企业": govbuy.TypeEnterprise, "公司": govbuy.TypeEnterprise, "有限公司": govbuy.TypeEnterprise,
	"有限责任公司": govbuy.TypeEnterprise, "股份有限公司": govbuy.TypeEnterprise, "国有企业": govbuy.TypeEnterprise,
	"民营企业": govbuy.TypeEnterprise, "私营企业": govbuy.TypeEnterprise, "个体工商户": govbuy.TypeEnterprise,
	"个体户": govbuy.TypeEnterprise, "企业法人": govbuy.TypeEnterprise,
	"社会组织": govbuy.TypeSocialOrg, "民办非企业单位": govbuy.TypeSocialOrg, "民办非企业": govbuy.TypeSocialOrg,
	"民非": govbuy.TypeSocialOrg, "社会团体": govbuy.TypeSocialOrg, "社团": govbuy.TypeSocialOrg,
	"基金会": govbuy.TypeSocialOrg, "社会服务机构": govbuy.TypeSocialOrg,
	"公益二类": govbuy.TypePublicClass2, "公益二类事业单位": govbuy.TypePublicClass2, "二类事业单位": govbuy.TypePublicClass2,
	"事业单位(公益二类)": govbuy.TypePublicClass2,
	"经营类":        govbuy.TypePublicCommercial, "经营类事业单位": govbuy.TypePublicCommercial,
	"生产经营类事业单位": govbuy.TypePublicCommercial, "事业单位(经营类)": govbuy.TypePublicCommercial,
	"公益一类": govbuy.TypePublicClass1, "公益一类事业单位": govbuy.TypePublicClass1, "一类事业单位": govbuy.TypePublicClass1,
	"事业单位(公益一类)": govbuy.TypePublicClass1,
	"农村集体经济组织":   govbuy.TypeRuralCollective, "村集体": govbuy.TypeRuralCollective,
	"集体经济组织": govbuy.TypeRuralCollective, "股份经济合作社": govbuy.TypeRuralCollective,
	"经济合作社":     govbuy.TypeRuralCollective,
	"基层群众性自治组织": govbuy.TypeGrassroots, "村民委员会": govbuy.TypeGrassroots, "居民委员会": govbuy.TypeGrassroots,
	"村委会": govbuy.TypeGrassroots, "居委会": govbuy.TypeGrassroots, "社区居委会": govbuy.TypeGrassroots,
	"个人": govbuy.TypeIndividual, "自然人": govbuy.TypeIndividual,
}

// parseContractorType matches a contractor type to the domain list or an
// alias. A bare 事业单位 is refused: 第八条 turns on its class.
func parseContractorType(s string) (govbuy.ContractorType, error) {
	t := normHeader(s) // width, brackets and spaces as in headers
	for _, ct := range govbuy.ContractorTypes {
		if t == normHeader(string(ct)) {
			return ct, nil
		}
	}
	if ct, ok := typeAliases[t]; ok {
		return ct, nil
	}
	if t == "事业单位" {
		return "", problemf("主体类型“事业单位”请注明公益一类、公益二类或经营类")
	}
	return "", problemf("无法识别的主体类型“%s”", strings.TrimSpace(s))
}

// inferContractorType guesses a new contractor's type when the sheet has no
// type column, by these rules in order:
//  1. the credit code's registration authority (GB 32100 first character):
//     9 工商 → 企业, 5 民政 → 社会组织, N1 农业·集体经济组织 → 农村集体经济组织;
//  2. words in the name: 村民委员会/居民委员会/村委会/居委会 → 基层群众性自治组织,
//     经济合作社/集体经济 → 农村集体经济组织, 协会/学会/研究会/促进会/联合会/
//     基金会/商会/社会工作服务/社工 → 社会组织, 公司/厂/商行/经营部/事务所 → 企业;
//  3. a code that is a valid 身份证号 → 个人.
//
// It returns "" when none applies; the row then needs a type column.
func inferContractorType(name, code string) govbuy.ContractorType {
	if len(code) == 18 && govbuy.ValidateCreditCode(code) == nil {
		switch {
		case code[0] == '9':
			return govbuy.TypeEnterprise
		case code[0] == '5':
			return govbuy.TypeSocialOrg
		case code[0] == 'N' && code[1] == '1':
			return govbuy.TypeRuralCollective
		}
	}
	n := compact(name)
	for _, rule := range []struct {
		words []string
		t     govbuy.ContractorType
	}{
		{[]string{"村民委员会", "居民委员会", "村委会", "居委会"}, govbuy.TypeGrassroots},
		{[]string{"经济合作社", "集体经济"}, govbuy.TypeRuralCollective},
		{[]string{"协会", "学会", "研究会", "促进会", "联合会", "基金会", "商会", "社会工作服务", "社工"}, govbuy.TypeSocialOrg},
		{[]string{"公司", "厂", "商行", "经营部", "事务所"}, govbuy.TypeEnterprise},
	} {
		for _, w := range rule.words {
			if strings.Contains(n, w) {
				return rule.t
			}
		}
	}
	if len(code) == 18 && govbuy.ValidateIDCard(code) == nil {
		return govbuy.TypeIndividual
	}
	return ""
}

var fundingAliases = map[string]govbuy.FundingSource{
	"财政资金": govbuy.FundBudget, "财政预算": govbuy.FundBudget, "财政拨款": govbuy.FundBudget,
	"一般公共预算": govbuy.FundBudget, "一般公共预算资金": govbuy.FundBudget, "预算资金": govbuy.FundBudget,
	"本级财政": govbuy.FundBudget, "财政": govbuy.FundBudget, "财政性资金": govbuy.FundBudget,
	"基金": govbuy.FundFund, "政府性基金预算": govbuy.FundFund, "政府性基金预算资金": govbuy.FundFund,
	"转移支付": govbuy.FundTransfer, "上级补助": govbuy.FundTransfer, "上级资金": govbuy.FundTransfer,
	"上级专项资金": govbuy.FundTransfer, "上级转移支付资金": govbuy.FundTransfer,
	"自有资金": govbuy.FundOwn, "自筹": govbuy.FundOwn, "自筹资金": govbuy.FundOwn, "单位自筹": govbuy.FundOwn,
	"单位自筹资金": govbuy.FundOwn,
	"其他":     govbuy.FundOtherMoney, "其它": govbuy.FundOtherMoney, "其它资金": govbuy.FundOtherMoney,
}

func parseFunding(s string) (govbuy.FundingSource, error) {
	t := compact(s)
	for _, f := range govbuy.FundingSources {
		if t == string(f) {
			return f, nil
		}
	}
	if f, ok := fundingAliases[t]; ok {
		return f, nil
	}
	switch {
	case strings.Contains(t, "基金"):
		return govbuy.FundFund, nil
	case strings.Contains(t, "上级"), strings.Contains(t, "转移"):
		return govbuy.FundTransfer, nil
	case strings.Contains(t, "自筹"), strings.Contains(t, "自有"):
		return govbuy.FundOwn, nil
	case strings.Contains(t, "财政"):
		return govbuy.FundBudget, nil
	}
	return "", problemf("无法识别的资金来源“%s”", strings.TrimSpace(s))
}

// parseKind reads 岗位/项目 and their variants.
func parseKind(s string) (govbuy.Kind, error) {
	if k, err := govbuy.ParseKind(compact(s)); err == nil {
		return k, nil
	}
	t := compact(s)
	switch {
	case strings.Contains(t, "岗位") && !strings.Contains(t, "项目"):
		return govbuy.KindPost, nil
	case strings.Contains(t, "项目") && !strings.Contains(t, "岗位"):
		return govbuy.KindProject, nil
	}
	return "", problemf("类型应为“岗位”或“项目”，实际为“%s”", strings.TrimSpace(s))
}

// postWords mark a title as a service post when the sheet has no kind
// column and no headcount (rule in inferKind).
var postWords = []string{"岗位", "协管员", "护路员", "辅助人员", "协理员", "网格员", "管理员"}

// inferKind decides 岗位 or 项目 without a kind column: a headcount above
// zero, a title with one of postWords, or a note that says 岗位 (old
// ledgers mark posts there) makes a post; anything else is a project.
func inferKind(title, notes string, headcount int) govbuy.Kind {
	if headcount > 0 || strings.Contains(notes, "岗位") {
		return govbuy.KindPost
	}
	for _, w := range postWords {
		if strings.Contains(title, w) {
			return govbuy.KindPost
		}
	}
	return govbuy.KindProject
}

// parseCount reads a whole number of people: "5", "5人", "5.0".
func parseCount(s string) (int, error) {
	t := compact(s)
	for _, sfx := range []string{"人", "名", "个"} {
		t = strings.TrimSuffix(t, sfx)
	}
	if whole, frac, ok := strings.Cut(t, "."); ok && strings.Trim(frac, "0") == "" {
		t = whole
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, problemf("无法识别的人数“%s”", strings.TrimSpace(s))
	}
	return n, nil
}

// parseYear reads a budget year: 2024, 2024年, 2024年度.
func parseYear(s string) (int, error) {
	t := strings.TrimSuffix(strings.TrimSuffix(compact(s), "度"), "年")
	if whole, frac, ok := strings.Cut(t, "."); ok && strings.Trim(frac, "0") == "" {
		t = whole
	}
	y, err := strconv.Atoi(t)
	if err != nil || y < 1990 || y > 2100 {
		return 0, problemf("无法识别的年度“%s”", strings.TrimSpace(s))
	}
	return y, nil
}

// parseScore reads a score; numbers stored with float noise (86.50000001)
// are first cut to the digits a person typed.
func parseScore(c Cell) (govbuy.Score, error) {
	t := strings.TrimSpace(c.Text)
	if c.Type == CellNumber {
		if whole, frac, ok := strings.Cut(t, "."); ok && len(frac) > 6 {
			// A float artefact: at most one decimal was typed.
			if v, err := strconv.ParseFloat(t, 64); err == nil {
				t = strconv.FormatFloat(v, 'f', 1, 64)
			} else {
				t = whole
			}
		}
	}
	s, err := govbuy.ParseScore(t)
	if err != nil {
		return 0, problemf("%s", message(err))
	}
	return s, nil
}

// matchCatalog finds the catalog item a category names: by code, by exact
// name, then by a name that contains or is contained in the text.
func matchCatalog(catalog []govbuy.CatalogItem, s string) (string, bool) {
	t := compact(s)
	if t == "" {
		return "", false
	}
	for _, it := range catalog {
		if strings.EqualFold(t, it.Code) || t == compact(it.Name) {
			return it.Code, true
		}
	}
	best, bestLen := "", 0
	for _, it := range catalog {
		n := compact(it.Name)
		if len([]rune(n)) < 2 {
			continue
		}
		if (strings.Contains(t, n) || strings.Contains(n, t) && len([]rune(t)) >= 2) && len(n) > bestLen {
			best, bestLen = it.Code, len(n)
		}
	}
	return best, best != ""
}
