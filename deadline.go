package govbuy

import (
	"fmt"
	"strings"
	"time"
)

// The deadlines the law sets from a contract's dates, each a hint like the
// others (an officer reads it and may acknowledge it with a reason):
//
//   - publish: the contract is published within 2 working days of signing
//     (政府采购法实施条例 第五十条; state and commercial secrets excepted,
//     which is a reason to acknowledge);
//   - filing: a copy goes to the finance department within 7 working days
//     of signing (政府采购法 第四十七条);
//   - award: the contract is signed within 30 days of the award notice
//     (政府采购法 第四十六条);
//   - supplement: supplementary contracts add no more than 10 % of the
//     original amount (政府采购法 第四十九条);
//   - term_reason: a term over a year records its budget assurance and why
//     the service is fixed, continuous and stable (第二十四条);
//   - intent: the procurement intention is published at least 30 days
//     before the procurement begins (财库〔2020〕10号).
//
// A hint of a deadline carries its due date and the working days (calendar
// days for award and intent, as those articles count) left or overdue.

// Deadline periods and limits the law sets.
const (
	PublishWorkdays   = 2
	FilingWorkdays    = 7
	SignDays          = 30
	IntentDays        = 30
	MaxSupplementBP   = 1000 // 10 % of the original amount, in basis points
	publishArticle    = "政府采购法实施条例第五十条"
	filingArticle     = "政府采购法第四十七条"
	awardArticle      = "政府采购法第四十六条"
	supplementArticle = "政府采购法第四十九条"
	intentArticle     = "财库〔2020〕10号"
)

// DeadlineInput is what the deadline checks look at beside the contract.
type DeadlineInput struct {
	Calendar    *Calendar
	Today       time.Time
	Supplements []Supplement
}

// DeadlineHints returns the deadline hints of contract c in a fixed order.
func DeadlineHints(c *Contract, in DeadlineInput) []Hint {
	cal := in.calendar()
	today := Today(in.Today)
	var hints []Hint
	if h, ok := workdayDeadline(cal, PublishDeadline(c, in), c.SignDate, c.PublishDate, PublishWorkdays, "publish", publishArticle, "公告"); ok {
		hints = append(hints, h)
	}
	if h, ok := workdayDeadline(cal, FilingDeadline(c, in), c.SignDate, c.FilingDate, FilingWorkdays, "filing", filingArticle, "报财政部门备案"); ok {
		hints = append(hints, h)
	}
	if h, ok := signingDeadline(cal, today, c); ok {
		hints = append(hints, h)
	}
	if h, ok := supplementLimit(c, in.Supplements); ok {
		hints = append(hints, h)
	}
	if months := c.TermMonths(); months > 12 && months <= 36 && c.TermReason == "" {
		hints = append(hints, Hint{Rule: "term_reason", Article: "第二十四条",
			Message: fmt.Sprintf("合同期限%d个月，超过1年，未记录预算保障及服务“经常性、稳定性、价格相对稳定”的说明", months)})
	}
	if h, ok := intentNotice(c); ok {
		hints = append(hints, h)
	}
	return hints
}

// DeadlineState is where a document due some working days after signing
// stands on a day.
type DeadlineState int

const (
	DeadlineUnsigned DeadlineState = iota // no signing date: nothing is due yet
	DeadlineMet                           // done by its due date
	DeadlineLate                          // done after its due date
	DeadlineMissing                       // not done, and past its due date
	DeadlineAhead                         // not done, not past its due date (due today included)
)

// DeadlineStatus is how a contract keeps one working-day deadline: its
// state, its due date and the working days late (Late, Missing) or left
// (Ahead). The hints (DeadlineHints) and the year's figures (the report's
// Deadlines) both read it, so they count the same contracts late.
type DeadlineStatus struct {
	State DeadlineState
	Due   time.Time
	Days  int
}

// WorkdayDeadline is the status on today of a document due n working days
// after signing, done on done (zero: not yet).
func WorkdayDeadline(cal *Calendar, today, signed, done time.Time, n int) DeadlineStatus {
	if signed.IsZero() {
		return DeadlineStatus{}
	}
	s := DeadlineStatus{Due: cal.AddWorkdays(signed, n)}
	switch {
	case !done.IsZero() && done.After(s.Due):
		s.State, s.Days = DeadlineLate, cal.WorkdaysBetween(s.Due, done)
	case !done.IsZero():
		s.State = DeadlineMet
	case today.After(s.Due):
		s.State, s.Days = DeadlineMissing, cal.WorkdaysBetween(s.Due, today)
	default:
		s.State, s.Days = DeadlineAhead, cal.WorkdaysBetween(today, s.Due)
	}
	return s
}

// PublishDeadline is how c keeps the 2 working days of 实施条例 第五十条.
func PublishDeadline(c *Contract, in DeadlineInput) DeadlineStatus {
	return WorkdayDeadline(in.calendar(), Today(in.Today), c.SignDate, c.PublishDate, PublishWorkdays)
}

// FilingDeadline is how c keeps the 7 working days of 政府采购法 第四十七条.
func FilingDeadline(c *Contract, in DeadlineInput) DeadlineStatus {
	return WorkdayDeadline(in.calendar(), Today(in.Today), c.SignDate, c.FilingDate, FilingWorkdays)
}

// calendar is the input's calendar, else the built-in one.
func (in DeadlineInput) calendar() *Calendar {
	if in.Calendar == nil {
		return NewCalendar()
	}
	return in.Calendar
}

// workdayDeadline is the hint of a document due n working days after
// signing (s is its status): done late, or not done and due or overdue
// today. Nothing is due before the contract is signed, and a document done
// in time is no hint.
func workdayDeadline(cal *Calendar, s DeadlineStatus, signed, done time.Time, n int, rule, article, what string) (Hint, bool) {
	if s.State == DeadlineUnsigned || s.State == DeadlineMet {
		return Hint{}, false
	}
	h := Hint{Rule: rule, Article: article, Due: s.Due, Days: s.Days}
	head := fmt.Sprintf("合同于%s签订，应在%d个工作日内（%s前）%s", FormatDate(signed), n, FormatDate(s.Due), what)
	switch s.State {
	case DeadlineLate:
		h.Message = fmt.Sprintf("%s，%s才%s，逾期%d个工作日", head, FormatDate(done), what, s.Days)
	case DeadlineMissing:
		h.Message = fmt.Sprintf("%s，至今未%s，已逾期%d个工作日", head, what, s.Days)
	default:
		h.Days = -s.Days
		h.Message = fmt.Sprintf("%s，尚未%s，还剩%d个工作日", head, what, s.Days)
	}
	h.Message += unknownYearsNote(cal, signed, s.Due)
	return h, true
}

// signingDeadline is the hint of a contract signed, or still unsigned,
// more than 30 days after its award notice.
func signingDeadline(cal *Calendar, today time.Time, c *Contract) (Hint, bool) {
	if c.AwardDate.IsZero() {
		return Hint{}, false
	}
	due := cal.DueAfterDays(c.AwardDate, SignDays)
	h := Hint{Rule: "award", Article: awardArticle, Due: due}
	head := fmt.Sprintf("中标（成交）通知书于%s发出，应在%d日内（%s前）签订合同", FormatDate(c.AwardDate), SignDays, FormatDate(due))
	switch {
	case !c.SignDate.IsZero() && c.SignDate.After(due):
		h.Days = DaysFrom(due, c.SignDate)
		h.Message = fmt.Sprintf("%s，%s才签订，逾期%d天", head, FormatDate(c.SignDate), h.Days)
	case !c.SignDate.IsZero() || !today.After(due):
		return Hint{}, false
	default:
		h.Days = DaysFrom(due, today)
		h.Message = fmt.Sprintf("%s，至今未记录签订日期，已逾期%d天", head, h.Days)
	}
	return h, true
}

// supplementLimit is the hint of supplementary contracts adding more than
// 10 % of the original amount.
func supplementLimit(c *Contract, list []Supplement) (Hint, bool) {
	total := SupplementTotal(list)
	if total == 0 || int64(total)*10000 <= int64(c.Amount)*MaxSupplementBP {
		return Hint{}, false
	}
	share := "—"
	if c.Amount > 0 {
		share = Rate(int64(total) * 10000 / int64(c.Amount)).String()
	}
	return Hint{Rule: "supplement", Article: supplementArticle, Message: fmt.Sprintf(
		"%d份补充合同累计%s元，为原合同金额%s元的%s，超过10%%", len(list), total, c.Amount, share)}, true
}

// intentNotice is the hint of a procurement intention published less
// than 30 days before the procurement began.
func intentNotice(c *Contract) (Hint, bool) {
	if c.IntentDate.IsZero() || c.ProcureDate.IsZero() {
		return Hint{}, false
	}
	due := c.ProcureDate.AddDate(0, 0, -IntentDays)
	if !c.IntentDate.After(due) {
		return Hint{}, false
	}
	days := DaysFrom(c.IntentDate, c.ProcureDate)
	return Hint{Rule: "intent", Article: intentArticle, Due: due, Days: DaysFrom(due, c.IntentDate), Message: fmt.Sprintf(
		"采购意向于%s公开，距采购活动开始（%s）仅%d天，应至少提前%d天（%s前）公开",
		FormatDate(c.IntentDate), FormatDate(c.ProcureDate), days, IntentDays, FormatDate(due))}, true
}

// unknownYearsNote warns that a deadline counted weekends only, the
// holidays of its years not being in the calendar.
func unknownYearsNote(cal *Calendar, dates ...time.Time) string {
	years := cal.Unknown(dates...)
	if len(years) == 0 {
		return ""
	}
	names := make([]string, len(years))
	for i, y := range years {
		names[i] = fmt.Sprintf("%d年", y)
	}
	return fmt.Sprintf("（%s节假日安排未录入，只按周末计算，请在“设置”中补录）", strings.Join(names, "、"))
}
