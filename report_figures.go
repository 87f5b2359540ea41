package govbuy

import (
	"fmt"
	"time"
)

// Two of the year's figures an auditor reads beside the amounts: how much
// of the new spending went to 社会组织, against the Ministry's guideline,
// and how the year's contracts kept the deadlines of publication and 备案.

// SocialOrgGuidelinePermille is the share of new public-service spending
// that should in principle be bought from 社会组织: no less than 30 %
// (财政部《政府购买服务知识问答》第93问).
const SocialOrgGuidelinePermille = 300

// socialOrgSource is where the guideline is written.
const socialOrgSource = "财政部《政府购买服务知识问答》第93问"

// ReportSocialOrg is the amount of the budget year's contracts (the new
// spending) bought from 社会组织, out of all of them. SharePermille is the
// share rounded half up, as the narrative prints it; MeetsGuideline
// compares the exact amounts, so 29.96 % (printed 30.0 %) falls short.
type ReportSocialOrg struct {
	Amount            Money  `json:"amount_fen"`
	Total             Money  `json:"total_fen"`
	SharePermille     int64  `json:"share_permille"`
	GuidelinePermille int64  `json:"guideline_permille"`
	MeetsGuideline    bool   `json:"meets_guideline"`
	Source            string `json:"source"`
}

// SocialOrgShare is the share of 社会组织 in the contract amounts of the
// by_contractor_type breakdown, whose rows add up to total.
func SocialOrgShare(byType []ReportGroup, total Money) ReportSocialOrg {
	s := ReportSocialOrg{Total: total, GuidelinePermille: SocialOrgGuidelinePermille, Source: socialOrgSource}
	for _, g := range byType {
		if g.Name == string(TypeSocialOrg) {
			s.Amount += g.ContractAmount
		}
	}
	if total > 0 {
		s.SharePermille = SharePermille(s.Amount, total)
		s.MeetsGuideline = int64(s.Amount)*1000 >= int64(total)*SocialOrgGuidelinePermille
	}
	return s
}

// SharePermille is part/whole in tenths of a percent, rounded half up; 0
// when whole is 0.
func SharePermille(part, whole Money) int64 {
	if whole == 0 {
		return 0
	}
	return (int64(part)*2000 + int64(whole)) / (2 * int64(whole))
}

// PermilleText writes a share in tenths of a percent with one decimal:
// "24.9%".
func PermilleText(p int64) string {
	return fmt.Sprintf("%d.%d%%", p/10, p%10)
}

// ReportDeadlines is how the budget year's contracts kept the deadlines
// that run from their signing. A contract without a signing date on
// record has nothing due and is counted in NoSignDate.
type ReportDeadlines struct {
	NoSignDate int            `json:"no_sign_date"`
	Publish    ReportDeadline `json:"publish"`
	Filing     ReportDeadline `json:"filing"`
}

// ReportDeadline counts the contracts with one deadline (Due: those with a
// signing date) by where they stand: done in time (Met), done late
// (Late), not done and past due (Missing), not done and not yet past due
// (NotYetDue). Overdue lists the late and missing ones with their working
// days; Acknowledged counts those of them whose hint has a reason on
// record, which leave the hint list (govbuy check, 合规提示清单).
type ReportDeadline struct {
	Article      string          `json:"article"`
	Workdays     int             `json:"workdays"`
	Due          int             `json:"due"`
	Met          int             `json:"met"`
	Late         int             `json:"late"`
	Missing      int             `json:"missing"`
	NotYetDue    int             `json:"not_yet_due"`
	Acknowledged int             `json:"acknowledged"`
	Overdue      []ReportOverdue `json:"overdue"`
}

// ReportOverdue is a contract that kept a deadline late (Done set) or not
// at all yet (Done zero), Days working days past Due.
type ReportOverdue struct {
	Contract     string    `json:"contract"`
	Due          time.Time `json:"due"`
	Done         time.Time `json:"done,omitzero"`
	Days         int       `json:"days"`
	Acknowledged bool      `json:"acknowledged,omitempty"`
}

// NewReportDeadlines starts the tally of a year, each deadline naming its
// article and period.
func NewReportDeadlines() ReportDeadlines {
	return ReportDeadlines{
		Publish: ReportDeadline{Article: publishArticle, Workdays: PublishWorkdays, Overdue: []ReportOverdue{}},
		Filing:  ReportDeadline{Article: filingArticle, Workdays: FilingWorkdays, Overdue: []ReportOverdue{}},
	}
}

// DeadlineAcks says which of a contract's deadline hints have a reason on
// record.
type DeadlineAcks struct{ Publish, Filing bool }

// Add counts contract c (with its public record) of the year, its
// deadlines worked out on in as for its hints.
func (d *ReportDeadlines) Add(c *Contract, in DeadlineInput, acks DeadlineAcks) {
	if c.SignDate.IsZero() {
		d.NoSignDate++
		return
	}
	d.Publish.add(c.Number, PublishDeadline(c, in), c.PublishDate, acks.Publish)
	d.Filing.add(c.Number, FilingDeadline(c, in), c.FilingDate, acks.Filing)
}

func (d *ReportDeadline) add(number string, s DeadlineStatus, done time.Time, acked bool) {
	d.Due++
	switch s.State {
	case DeadlineMet:
		d.Met++
		return
	case DeadlineAhead:
		d.NotYetDue++
		return
	case DeadlineLate:
		d.Late++
	case DeadlineMissing:
		d.Missing++
		done = time.Time{}
	}
	if acked {
		d.Acknowledged++
	}
	d.Overdue = append(d.Overdue, ReportOverdue{Contract: number, Due: s.Due, Done: done, Days: s.Days, Acknowledged: acked})
}

// MaxLateDays is the most working days a document done late came after
// its due date.
func (d *ReportDeadline) MaxLateDays() int {
	n := 0
	for _, o := range d.Overdue {
		if !o.Done.IsZero() {
			n = max(n, o.Days)
		}
	}
	return n
}
