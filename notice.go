package govbuy

import (
	"strconv"
	"strings"
	"time"
)

// NoticeFormat names the format the contract notice follows.
const NoticeFormat = "《政府采购公告和公示信息格式规范（2020年版）》"

// ContractNotice is a contract's notice (合同公告) laid out as the 2020
// format's 合同公告 sets it: nine numbered headings, 五 and 六 with their
// labelled lines. The PDF and the text to paste into the publication site
// are both written from it, so they cannot say two things.
type ContractNotice struct {
	Number   string // the contract's number, for file names and messages
	Title    string // 项目名称 + 合同公告
	Sections []NoticeSection
}

// NoticeSection is one numbered heading of the notice: its value beside it
// (一、合同编号：…) or, for 合同主体 and 合同主要信息, labelled lines under it.
type NoticeSection struct {
	Heading string
	Value   string
	Lines   []NoticeLine
}

// NoticeLine is one labelled line under a heading.
type NoticeLine struct{ Label, Value string }

// NoticeMissing lists what the stored record lacks for the notice, each
// naming the field and whose it is: 供应商地址未填写（承接主体“…”）. The
// notice is refused until the list is empty, so a notice never goes out
// with a blank the format requires.
func NoticeMissing(r *ContractingRecord) ValidationErrors {
	var v ValidationErrors
	miss := func(blank bool, format string, args ...any) {
		if blank {
			v = append(v, Errorf(EInvalid, "", format, args...))
		}
	}
	c, u, k := &r.Contract, &r.Unit, &r.Contractor
	miss(isBlank(c.ProjectNo), "项目编号未填写（合同“%s”）", c.Number)
	miss(isBlank(u.Address), "采购人地址未填写（购买主体“%s”）", u.Name)
	miss(isBlank(u.Contact), "采购人联系人未填写（购买主体“%s”）", u.Name)
	miss(isBlank(u.Phone), "采购人联系电话未填写（购买主体“%s”）", u.Name)
	miss(isBlank(k.Address), "供应商地址未填写（承接主体“%s”）", k.Name)
	miss(isBlank(k.Phone), "供应商联系电话未填写（承接主体“%s”）", k.Name)
	miss(isBlank(c.Spec), "服务要求未填写（合同“%s”）", c.Number)
	miss(c.Kind == KindPost && c.Headcount <= 0, "岗位人数未填写（合同“%s”）", c.Number)
	miss(c.Amount <= 0, "合同金额未填写（合同“%s”）", c.Number)
	miss(c.Start.IsZero() || c.End.IsZero(), "合同期限（开始、结束日期）未填写（合同“%s”）", c.Number)
	miss(isBlank(c.Place), "履约地点未填写（合同“%s”）", c.Number)
	miss(c.SignDate.IsZero(), "合同签订日期未填写（合同“%s”）", c.Number)
	return v
}

// NewContractNotice lays out the notice of a contract from its stored
// record, or refuses with NoticeMissing's list. The notice date is the
// publication date recorded, else day: the notice is usually produced to be
// published that day, before its date is recorded.
//
// govbuy keeps one title per contract: it is the 项目名称, and the contract
// is named after it (…合同) unless the title already says 合同. The main
// subject (主要标的) is the service the title names; its quantity is the
// headcount for a post, else one project, and its unit price the amount
// divided by the quantity, rounded half up like every other division of
// money.
func NewContractNotice(r *ContractingRecord, day time.Time) (*ContractNotice, error) {
	if err := NoticeMissing(r).Err(); err != nil {
		return nil, err
	}
	c, u, k := &r.Contract, &r.Unit, &r.Contractor
	date := c.PublishDate
	if date.IsZero() {
		date = day
	}
	n := &ContractNotice{Number: c.Number, Title: c.Title + "合同公告"}
	add := func(heading, value string, lines ...NoticeLine) {
		n.Sections = append(n.Sections, NoticeSection{Heading: heading, Value: value, Lines: lines})
	}
	add("一、合同编号", c.Number)
	add("二、合同名称", contractName(c.Title))
	add("三、项目编号", c.ProjectNo)
	add("四、项目名称", c.Title)
	add("五、合同主体", "",
		NoticeLine{"采购人（甲方）", u.Name}, NoticeLine{"地址", u.Address}, NoticeLine{"联系方式", contactText(u.Contact, u.Phone)},
		NoticeLine{"供应商（乙方）", k.Name}, NoticeLine{"地址", k.Address}, NoticeLine{"联系方式", contactText(k.LegalRep, k.Phone)})
	quantity, price := noticeQuantity(c)
	add("六、合同主要信息", "",
		NoticeLine{"主要标的名称", c.Title}, NoticeLine{"规格型号（或服务要求）", c.Spec},
		NoticeLine{"主要标的数量", quantity}, NoticeLine{"主要标的单价", price},
		NoticeLine{"合同金额", c.Amount.String() + "元（" + c.Amount.Words() + "）"},
		NoticeLine{"履约期限、地点等简要信息", FormatDate(c.Start) + "至" + FormatDate(c.End) + "，" + c.Place},
		NoticeLine{"采购方式", string(c.Method)})
	add("七、合同签订日期", FormatDate(c.SignDate))
	add("八、合同公告日期", FormatDate(date))
	add("九、其他补充事宜", supplementText(r.Supplements))
	return n, nil
}

func contractName(title string) string {
	if strings.HasSuffix(title, "合同") {
		return title
	}
	return title + "合同"
}

// contactText is a 联系方式: the person and the telephone.
func contactText(person, phone string) string {
	return strings.TrimSpace(person + " " + phone)
}

// noticeQuantity is the main subject's quantity and unit price.
func noticeQuantity(c *Contract) (quantity, price string) {
	if c.Kind == KindPost {
		return strconv.Itoa(c.Headcount) + "人", c.Amount.MulRatio(1, int64(c.Headcount)).String() + "元/人"
	}
	return "1项", c.Amount.String() + "元/项"
}

// supplementText states the supplementary contracts signed so far, 无
// when there are none.
func supplementText(list []Supplement) string {
	if len(list) == 0 {
		return "无"
	}
	return "已签订补充合同" + strconv.Itoa(len(list)) + "份，合计" + SupplementTotal(list).String() + "元"
}

// Text is the notice as plain text to paste into the publication site:
// the title, then a line per heading and per labelled line.
func (n *ContractNotice) Text() string {
	var b strings.Builder
	b.WriteString(n.Title + "\n\n")
	for _, s := range n.Sections {
		if s.Lines != nil {
			b.WriteString(s.Heading + "\n")
		} else {
			b.WriteString(s.Heading + "：" + s.Value + "\n")
		}
		for _, l := range s.Lines {
			b.WriteString("    " + l.Label + "：" + l.Value + "\n")
		}
	}
	return b.String()
}
