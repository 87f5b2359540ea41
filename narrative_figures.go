package govbuy

import (
	"fmt"
	"strings"
)

// figuresSentences open the compliance paragraph with the year's share
// bought from 社会组织 against the guideline and how the year's contracts
// kept the deadlines of publication and 备案; "" for a year that signed
// nothing.
func figuresSentences(r *Report) string {
	return socialOrgSentence(r.SocialOrg) + deadlinesSentence(r.Deadlines)
}

// socialOrgSentence: "本年签订的合同中，向社会组织购买服务856.68万元，占合同
// 金额的21.1%，未达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。"
func socialOrgSentence(s ReportSocialOrg) string {
	if s.Total <= 0 {
		return ""
	}
	verdict := "未达到"
	if s.MeetsGuideline {
		verdict = "已达到"
	}
	bought := "未向社会组织购买服务"
	if s.Amount > 0 {
		bought = fmt.Sprintf("向社会组织购买服务%s万元，占合同金额的%s", wanShort(s.Amount), PermilleText(s.SharePermille))
	}
	return fmt.Sprintf("本年签订的合同中，%s，%s不低于%d%%的指导比例（%s）。",
		bought, verdict, s.GuidelinePermille/10, s.Source)
}

// deadlinesSentence: "按政府采购法实施条例第五十条，应在2个工作日内公告的75份合同
// 中，按时公告74份、逾期公告1份（逾期2个工作日）；按政府采购法第四十七条，…。"
func deadlinesSentence(d ReportDeadlines) string {
	var text string
	if d.Publish.Due > 0 || d.Filing.Due > 0 {
		text = deadlineClause(d.Publish, "公告", "公告") + "；" + deadlineClause(d.Filing, "报财政部门备案", "备案") + "。"
	}
	if d.NoSignDate > 0 {
		other := "另有"
		if text == "" {
			other = "本年签订的合同中有"
		}
		text += fmt.Sprintf("%s%d份合同未记录签订日期，公告和备案时限无从核对。", other, d.NoSignDate)
	}
	return text
}

// deadlineClause tells how the contracts kept one deadline: what is due
// (duty), then the counts by state (in the words of act), naming only
// the states some contract is in.
func deadlineClause(d ReportDeadline, duty, act string) string {
	head := fmt.Sprintf("按%s，应在%d个工作日内%s的%d份合同中，", d.Article, d.Workdays, duty, d.Due)
	if d.Met == d.Due {
		return head + "均按时" + act
	}
	var parts []string
	if d.Met > 0 {
		parts = append(parts, fmt.Sprintf("按时%s%d份", act, d.Met))
	}
	if d.Late > 0 {
		most := ""
		if d.Late > 1 {
			most = "最长"
		}
		parts = append(parts, fmt.Sprintf("逾期%s%d份（%s逾期%d个工作日）", act, d.Late, most, d.MaxLateDays()))
	}
	if d.Missing > 0 {
		parts = append(parts, fmt.Sprintf("逾期未%s%d份", act, d.Missing))
	}
	if d.NotYetDue > 0 {
		parts = append(parts, fmt.Sprintf("尚未到期%d份", d.NotYetDue))
	}
	text := head + strings.Join(parts, "、")
	if d.Acknowledged > 0 {
		text += fmt.Sprintf("，逾期的%d份中%d份已说明理由", d.Late+d.Missing, d.Acknowledged)
	}
	return text
}
