package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
)

// TestDemoYearFigures asserts the demo's 2024 share bought from 社会组织
// and how its contracts kept publication and 备案, counted on 2024-06-30
// (testNow): all 75 signed in 2023 with a date, 城区道路清扫保洁 published
// 2 working days late over National Day 2023 and 居家养老上门服务 never filed.
func TestDemoYearFigures(t *testing.T) {
	db := demoDB(t)
	r, err := db.Report(context.Background(), assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	social := 0
	for _, g := range r.ByContractorType {
		if g.Name == "社会组织" {
			social++
		}
	}
	so := r.SocialOrg
	if social != 1 || so.Amount != 856_680_000 || so.Total != r.Totals.ContractAmount || so.Total != 4_057_914_750 ||
		so.SharePermille != 211 || so.MeetsGuideline {
		t.Errorf("social organisations %+v (%d groups)", so, social)
	}
	d := r.Deadlines
	if d.NoSignDate != 0 {
		t.Errorf("%d contracts without a signing date", d.NoSignDate)
	}
	for _, tt := range []struct {
		name                             string
		got                              govbuy.ReportDeadline
		met, late, missing, ahead, acked int
		overdue                          string
	}{
		{"publish", d.Publish, 74, 1, 0, 0, 0, "YX2024-056 2023-10-08 2023-10-10 2"},
		{"filing", d.Filing, 74, 0, 1, 0, 0, "YX2024-054 2023-12-22  128"},
	} {
		g := tt.got
		if g.Due != 75 || g.Met != tt.met || g.Late != tt.late || g.Missing != tt.missing || g.NotYetDue != tt.ahead || g.Acknowledged != tt.acked {
			t.Errorf("%s: %+v", tt.name, g)
		}
		if got := overdueText(g.Overdue); got != tt.overdue {
			t.Errorf("%s overdue %q, want %q", tt.name, got, tt.overdue)
		}
	}
	numbers := map[string]string{}
	for _, c := range r.Contracts {
		numbers[c.Title] = c.Number
	}
	if numbers["城区道路清扫保洁"] != "YX2024-056" || numbers["居家养老上门服务"] != "YX2024-054" {
		t.Errorf("the late ones are %s and %s", numbers["城区道路清扫保洁"], numbers["居家养老上门服务"])
	}
}

func overdueText(list []govbuy.ReportOverdue) string {
	var out []string
	for _, o := range list {
		out = append(out, strings.Join([]string{o.Contract, govbuy.FormatDate(o.Due), govbuy.FormatDate(o.Done), itoa(o.Days)}, " "))
	}
	return strings.Join(out, "; ")
}

// TestReportDeadlinesMatchCheck: the report counts late exactly the
// contracts `govbuy check` lists as late (one engine, govbuy.WorkdayDeadline),
// also once a hint is acknowledged and so leaves the check's list.
func TestReportDeadlinesMatchCheck(t *testing.T) {
	db := demoDB(t)
	ctx := ctxAs("科长")
	compare := func(when string) {
		t.Helper()
		r, err := db.Report(ctx, assets.DemoYear)
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ofYear := map[string]bool{}
		for _, c := range r.Contracts {
			ofYear[c.Number] = c.Year == r.Year
		}
		for _, dl := range []struct {
			code string
			d    govbuy.ReportDeadline
		}{{"publish", r.Deadlines.Publish}, {"filing", r.Deadlines.Filing}} {
			var listed, counted []string
			for _, h := range res.Hints {
				if h.Code == dl.code && ofYear[h.Contract] && strings.Contains(h.Message, "逾期") {
					listed = append(listed, h.Contract)
				}
			}
			for _, o := range dl.d.Overdue {
				if !o.Acknowledged {
					counted = append(counted, o.Contract)
				}
			}
			slices.Sort(counted)
			if !slices.Equal(listed, counted) || len(listed) != dl.d.Late+dl.d.Missing-dl.d.Acknowledged {
				t.Errorf("%s, %s: check lists %v late; the report counts %v (late %d, missing %d, acknowledged %d)",
					when, dl.code, listed, counted, dl.d.Late, dl.d.Missing, dl.d.Acknowledged)
			}
		}
	}
	compare("as loaded")
	c, err := db.FindContractByNumber(ctx, "YX2024-054")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AcknowledgeHint(ctx, c.ID, "filing", "已于2024-07-01补报备案，备案号待财政局出具"); err != nil {
		t.Fatal(err)
	}
	r, err := db.Report(ctx, assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	if f := r.Deadlines.Filing; f.Missing != 1 || f.Acknowledged != 1 || len(f.Overdue) != 1 || !f.Overdue[0].Acknowledged {
		t.Errorf("acknowledged filing %+v", f)
	}
	compare("acknowledged")
}
