package assets_test

import (
	"testing"

	"govbuy"
	"govbuy/assets"
)

func TestDemoMatchesTheDistrictReport(t *testing.T) {
	ds := assets.Demo()
	posts, projects, units := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range ds.Contracts {
		units[c.UnitName] = true
		if c.Kind == govbuy.KindPost {
			posts[c.Title] = true
		} else {
			projects[c.Title] = true
		}
	}
	var paid govbuy.Money
	for _, p := range ds.Payments {
		if p.Date.Year() != assets.DemoYear {
			t.Errorf("payment %s %s dated %s, outside %d", p.ContractNumber, p.Period, govbuy.FormatDate(p.Date), assets.DemoYear)
		}
		paid += p.Amount
	}
	checks := []struct {
		what      string
		got, want int64
	}{
		{"units", int64(len(ds.Units)), 61},
		{"units with a contract", int64(len(units)), 61},
		{"post kinds", int64(len(posts)), 39},
		{"projects", int64(len(projects)), 33},
		{"paid fen", int64(paid), 4_029_300_000},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
}

func TestDemoIsValidDomainData(t *testing.T) {
	ds := assets.Demo()
	for _, u := range ds.Units {
		if err := u.Validate(); err != nil {
			t.Errorf("unit %s: %v", u.Name, err)
		}
	}
	for _, c := range ds.Contractors {
		if err := c.Validate(); err != nil {
			t.Errorf("contractor %s: %v", c.Name, err)
		}
		if err := c.CodeProblem(); err != nil {
			t.Errorf("contractor %s code %s: %v", c.Name, c.CreditCode, err)
		}
	}
	for _, c := range ds.Contracts {
		c.UnitID, c.ContractorID = 1, 1 // resolved by name when loaded
		if err := c.Validate(); err != nil {
			t.Errorf("contract %s %s: %v", c.Number, c.Title, err)
		}
		if err := c.Plan.Validate(); err != nil {
			t.Errorf("plan of %s: %v", c.Number, err)
		}
	}
}

// Every demo payment is what its plan's rule makes payable for the period's
// score, so the demo never pays more than the rules allow.
func TestDemoPaymentsFollowTheRules(t *testing.T) {
	ds := assets.Demo()
	contracts := map[string]govbuy.DatasetContract{}
	for _, c := range ds.Contracts {
		contracts[c.Number] = c
	}
	scores := map[string]govbuy.Score{}
	for _, a := range ds.Assessments {
		scores[a.ContractNumber+"/"+a.Period] = a.Score
	}
	paid := map[string]govbuy.Money{}
	for _, p := range ds.Payments {
		paid[p.ContractNumber+"/"+p.Period] += p.Amount
	}
	below := 0
	for key, amount := range paid {
		c := contracts[key[:len("YX2024-000")]]
		period := key[len("YX2024-000/"):]
		score, ok := scores[key]
		if !ok {
			score = govbuy.MaxScore
		}
		base := c.Plan.Installment(c.Amount, assets.DemoYear, period)
		if want := c.Plan.Rule.Payable(base, score); amount != want {
			t.Errorf("%s paid %s, payable %s", key, amount, want)
		}
		if amount < base {
			below++
		}
	}
	if below == 0 {
		t.Error("no period was paid below its installment: the demo shows no deduction")
	}
}

// The demo's park, road and lab contractors meet the district's
// requirements: 4 green firms of 三级 or above, 3 road firms of 乙级 or
// above, a licensed lab.
func TestDemoContractorsMeetTheRequirements(t *testing.T) {
	ds := assets.Demo()
	contractors := map[string]*govbuy.Contractor{}
	for i := range ds.Contractors {
		contractors[ds.Contractors[i].Name] = &ds.Contractors[i].Contractor
	}
	met := map[string]map[string]bool{}
	for _, req := range assets.DemoRequirements() {
		if err := req.Validate(); err != nil {
			t.Fatal(err)
		}
		met[req.CatalogCode] = map[string]bool{}
		for _, c := range ds.Contracts {
			if c.CatalogCode != req.CatalogCode || c.Kind != govbuy.KindProject {
				continue
			}
			if missing := req.Missing(contractors[c.ContractorName], &c.Contract); len(missing) > 0 {
				t.Errorf("%s %s: %v", c.Number, c.ContractorName, missing)
			}
			met[req.CatalogCode][c.ContractorName] = true
		}
	}
	if len(met["E03"]) != 4 || len(met["B03"]) != 3 || len(met["D01"]) != 1 {
		t.Errorf("qualified contractors: %d green, %d road, %d labs", len(met["E03"]), len(met["B03"]), len(met["D01"]))
	}
}
