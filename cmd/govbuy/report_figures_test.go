package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"govbuy"
)

// demoFiguresSentence is what the demo's 2024 narrative says of the share
// bought from 社会组织 and of the deadlines of publication and 备案.
const demoFiguresSentence = "本年签订的合同中，向社会组织购买服务856.68万元，占合同金额的21.1%，未达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。" +
	"按政府采购法实施条例第五十条，应在2个工作日内公告的75份合同中，按时公告74份、逾期公告1份（逾期2个工作日）；" +
	"按政府采购法第四十七条，应在7个工作日内报财政部门备案的75份合同中，按时备案74份、逾期未备案1份。"

// TestDemoReportStatesTheYearsFigures: `govbuy report` writes the share
// and the deadlines into the JSON under their names, into the narrative,
// and the PDF prints that sentence whole.
func TestDemoReportStatesTheYearsFigures(t *testing.T) {
	path, r := demoReportPDF(t)
	so, pub, fil := r.SocialOrg, r.Deadlines.Publish, r.Deadlines.Filing
	if so.Amount != 856_680_000 || so.Total != 4_057_914_750 || so.SharePermille != 211 || so.MeetsGuideline || so.GuidelinePermille != 300 {
		t.Errorf("social_org %+v", so)
	}
	if pub.Due != 75 || pub.Met != 74 || pub.Late != 1 || pub.Missing != 0 || len(pub.Overdue) != 1 || pub.Overdue[0].Contract != "YX2024-056" || pub.Overdue[0].Days != 2 {
		t.Errorf("publish %+v", pub)
	}
	if fil.Due != 75 || fil.Met != 74 || fil.Late != 0 || fil.Missing != 1 || len(fil.Overdue) != 1 || fil.Overdue[0].Contract != "YX2024-054" {
		t.Errorf("filing %+v", fil)
	}
	if !strings.HasPrefix(r.Narrative[len(r.Narrative)-1], demoFiguresSentence+"经系统核对") {
		t.Errorf("the compliance paragraph does not open with\n%s\n:\n%s", demoFiguresSentence, r.Narrative[len(r.Narrative)-1])
	}
	if text := pdfText(t, path); !strings.Contains(text, demoFiguresSentence) {
		t.Errorf("the PDF does not print the sentence whole:\n%s", demoFiguresSentence)
	}
}

// TestReportCountsLateWhatCheckLists: the contracts `govbuy report` counts
// late or missing are exactly those `govbuy check` lists as overdue.
func TestReportCountsLateWhatCheckLists(t *testing.T) {
	dir := t.TempDir()
	db, js := filepath.Join(dir, "g.db"), filepath.Join(dir, "r.json")
	if code, _, stderr := govbuyCmd(t, "--db", db, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "report", "--year", "2024", "--json", js); code != exitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var r govbuy.Report
	data, err := os.ReadFile(js)
	if err == nil {
		err = json.Unmarshal(data, &r)
	}
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := govbuyCmd(t, "--db", db, "check", "--json")
	if code != exitOK {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	var res govbuy.CheckResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for code, d := range map[string]govbuy.ReportDeadline{"publish": r.Deadlines.Publish, "filing": r.Deadlines.Filing} {
		var listed, counted []string
		for _, h := range res.Hints {
			if h.Code == code && strings.Contains(h.Message, "逾期") {
				listed = append(listed, h.Contract)
			}
		}
		for _, o := range d.Overdue {
			counted = append(counted, o.Contract)
		}
		slices.Sort(listed)
		slices.Sort(counted)
		if len(listed) == 0 || !slices.Equal(listed, counted) || len(counted) != d.Late+d.Missing {
			t.Errorf("%s: check lists %v overdue, the report counts %v (late %d, missing %d)", code, listed, counted, d.Late, d.Missing)
		}
	}
}
