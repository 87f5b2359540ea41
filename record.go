package govbuy

import (
	"context"
	"time"
)

// PublicRecord is what a contract leaves on the public record and in the
// finance bureau's files, with the dates the law sets deadlines from: the
// award notice (中标、成交通知书), the signing, the contract notice (合同
// 公告) and where it appeared, the copy filed with the finance department
// (备案), the procurement intention (采购意向) published before the
// procurement began, the reason a term runs past a year (第二十四条) and
// the supplementary contracts, which are kept apart (Supplement) so a
// contract stays a comparable value. Every date is optional: a contract bought
// by a district's own way (定向委托, 双方协商) may have no award notice.
type PublicRecord struct {
	AwardDate    time.Time `json:"award_date,omitzero"`
	SignDate     time.Time `json:"sign_date,omitzero"`
	PublishDate  time.Time `json:"publish_date,omitzero"`
	PublishMedia string    `json:"publish_media,omitempty"` // the site's address or the media's name
	FilingDate   time.Time `json:"filing_date,omitzero"`
	FilingNo     string    `json:"filing_no,omitempty"`
	IntentDate   time.Time `json:"intent_date,omitzero"`
	ProcureDate  time.Time `json:"procure_date,omitzero"` // the day the procurement began
	// TermReason records, for a term over a year, the budget assurance and
	// why the service is fixed, continuous, stably funded and stable in
	// price (第二十四条).
	TermReason string `json:"term_reason,omitempty"`
	// ProjectNo (项目编号), Place (履约地点) and Spec (服务要求) are what
	// the contract notice (合同公告, 2020年版格式规范) states beside the
	// contract's own fields: the procurement's number, where the service is
	// performed and what it must meet.
	ProjectNo string `json:"project_no,omitempty"`
	Place     string `json:"place,omitempty"`
	Spec      string `json:"spec,omitempty"`
}

// Supplement is a supplementary contract (补充合同), which adds to the
// original amount (政府采购法 第四十九条).
type Supplement struct {
	ID         int64     `json:"id"`
	ContractID int64     `json:"contract_id"`
	Number     string    `json:"number,omitempty"` // the supplementary contract's own number
	Date       time.Time `json:"date"`
	Amount     Money     `json:"amount_fen"`
	Notes      string    `json:"notes,omitempty"`
}

// SupplementTotal sums supplementary contracts.
func SupplementTotal(list []Supplement) Money {
	var sum Money
	for _, s := range list {
		sum += s.Amount
	}
	return sum
}

// Normalize cleans the supplement's text.
func (s *Supplement) Normalize() {
	s.Number, s.Notes = CleanText(s.Number), CleanText(s.Notes)
}

// Validate checks a supplement against its contract: it has a date no
// earlier than the signing and an amount above 0.
func (s *Supplement) Validate(c *Contract) error {
	var v ValidationErrors
	if s.Amount <= 0 {
		v = append(v, Invalidf(FieldSupplementAmount, "应大于0"))
	}
	if s.Date.IsZero() {
		v = append(v, Invalidf(FieldSupplementDate, "请填写补充合同的签订日期"))
	} else if !c.SignDate.IsZero() && s.Date.Before(c.SignDate) {
		v = append(v, Invalidf(FieldSupplementDate, "%s早于原合同签订日期%s", FormatDate(s.Date), FormatDate(c.SignDate)))
	}
	v = append(v, checkLengths(codeField(FieldSupplementNo, s.Number), noteField(FieldNotes, s.Notes))...)
	return v.Err()
}

// normalize cleans the record's text.
func (r *PublicRecord) normalize() {
	r.PublishMedia = CleanText(r.PublishMedia)
	r.FilingNo = CleanText(r.FilingNo)
	r.TermReason = CleanText(r.TermReason)
	r.ProjectNo, r.Place, r.Spec = CleanText(r.ProjectNo), CleanText(r.Place), CleanText(r.Spec)
}

// validate checks that the dates follow one another as they must: a
// contract is signed after its award, published and filed after it is
// signed, and a procurement intention precedes the procurement.
func (r *PublicRecord) validate() ValidationErrors {
	var v ValidationErrors
	before := func(field Field, d time.Time, earlier time.Time, what string) {
		if !d.IsZero() && !earlier.IsZero() && d.Before(earlier) {
			v = append(v, Invalidf(field, "%s早于%s%s", FormatDate(d), what, FormatDate(earlier)))
		}
	}
	before(FieldSignDate, r.SignDate, r.AwardDate, "中标（成交）通知书日期")
	before(FieldPublishDate, r.PublishDate, r.SignDate, "合同签订日期")
	before(FieldFilingDate, r.FilingDate, r.SignDate, "合同签订日期")
	before(FieldProcureDate, r.ProcureDate, r.IntentDate, "采购意向公开日期")
	if r.PublishDate.IsZero() && r.PublishMedia != "" {
		v = append(v, Invalidf(FieldPublishDate, "填写了公告媒体，请同时填写公告日期"))
	}
	return append(v, checkLengths(nameField(FieldPublishMedia, r.PublishMedia), codeField(FieldFilingNo, r.FilingNo),
		noteField(FieldTermReason, r.TermReason), codeField(FieldProjectNo, r.ProjectNo), nameField(FieldPlace, r.Place),
		noteField(FieldSpec, r.Spec))...)
}

// mergeFrom takes the given fields of an update's record.
func (r *PublicRecord) mergeFrom(update PublicRecord, given FieldSet) {
	take(given, FieldAwardDate, &r.AwardDate, update.AwardDate)
	take(given, FieldSignDate, &r.SignDate, update.SignDate)
	take(given, FieldPublishDate, &r.PublishDate, update.PublishDate)
	take(given, FieldPublishMedia, &r.PublishMedia, update.PublishMedia)
	take(given, FieldFilingDate, &r.FilingDate, update.FilingDate)
	take(given, FieldFilingNo, &r.FilingNo, update.FilingNo)
	take(given, FieldIntentDate, &r.IntentDate, update.IntentDate)
	take(given, FieldProcureDate, &r.ProcureDate, update.ProcureDate)
	take(given, FieldTermReason, &r.TermReason, update.TermReason)
	take(given, FieldProjectNo, &r.ProjectNo, update.ProjectNo)
	take(given, FieldPlace, &r.Place, update.Place)
	take(given, FieldSpec, &r.Spec, update.Spec)
}

// SupplementService keeps supplementary contracts.
type SupplementService interface {
	ContractSupplements(ctx context.Context, contractID int64) ([]Supplement, error)
	AddSupplement(ctx context.Context, s *Supplement) error
	DeleteSupplement(ctx context.Context, id int64) error
}

// CalendarService keeps the working calendar: the shipped years with the
// days the district entered.
type CalendarService interface {
	// WorkCalendar is the calendar deadlines are counted on.
	WorkCalendar(ctx context.Context) (*Calendar, error)
	// EnteredCalendarDays lists the days the district entered, by date.
	EnteredCalendarDays(ctx context.Context) ([]CalendarDay, error)
	// SaveHolidayYear replaces the entered days of year with days (from
	// ParseHolidayYear); no days removes the year's entries.
	SaveHolidayYear(ctx context.Context, year int, days []CalendarDay) error
}
