package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"govbuy"
	"govbuy/store"
)

// Five officers save at once, each 1,000 payments and 1,000 assessments on
// contracts they share. Nothing is lost and nothing doubles: every save
// either lands or is refused for the domain's reason, payments never take a
// contract above its amount (the check before the insert holds between
// officers), and each contract's period is assessed once. An officer who
// finds the period assessed opens that assessment and changes its score, as
// in the form; when someone else changed it in between, the save is refused
// as 该考核记录已被…修改，请重新打开后再改, and every update that was not
// refused shows in the assessment's version. Run against a file and, in the
// server run, against PostgreSQL with five connections.
func TestFiveOfficersSaveAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 saves")
	}
	const (
		officers  = 5
		saves     = 1000
		contracts = 10
		fits      = 400 // 1-fen payments each contract's amount takes
	)
	db := openDB(t)
	u := mustUnit(t, db, "街道办事处")
	k := mustContractor(t, db, "协力服务中心", govbuy.TypeSocialOrg, creditCode(t, 7))
	var paid, assessed []*govbuy.Contract
	for i := range contracts {
		paid = append(paid, mustContract(t, db, newContract(fmt.Sprintf("P-%02d", i), 2024, u, k, fits)))
		c := mustContract(t, db, newContract(fmt.Sprintf("A-%02d", i), 2024, u, k, 1_200_000))
		if err := db.SavePlan(context.Background(), &govbuy.AssessmentPlan{ContractID: c.ID,
			Period: govbuy.PeriodMonth, Rule: govbuy.PaymentRule{Kind: govbuy.RuleFull}}); err != nil {
			t.Fatal(err)
		}
		assessed = append(assessed, c)
	}
	months := govbuy.PeriodMonth.Periods(2024)
	refusals := make([]map[string]int, officers)
	var wg sync.WaitGroup
	for o := range officers {
		refusals[o] = map[string]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := ctxAs(fmt.Sprintf("科员%d", o))
			for i := range saves {
				n := o*saves + i
				p := &govbuy.Payment{ContractID: paid[n%contracts].ID, Date: govbuy.Day(2024, 6, 1+n%28), Amount: 1}
				refusals[o][refusalKind(db.CreatePayment(ctx, p))]++
				a := &govbuy.Assessment{ContractID: assessed[n%contracts].ID, Period: months[(n/contracts)%len(months)], Score: 900}
				outcome := refusalKind(db.CreateAssessment(ctx, a))
				if outcome == "已有考核记录" {
					outcome = reassess(ctx, db, a)
				}
				refusals[o][outcome]++
			}
		}()
	}
	wg.Wait()
	total := map[string]int{}
	for _, r := range refusals {
		for kind, n := range r {
			total[kind] += n
		}
	}
	if got, want := total["saved"], contracts*fits+contracts*len(months); got != want {
		t.Errorf("%d created, want %d (all: %v)", got, want, total)
	}
	if got, want := total["超付原因"], officers*saves-contracts*fits; got != want {
		t.Errorf("%d payments refused for 超付原因, want %d", got, want)
	}
	if got, want := total["updated"]+total["stale"], officers*saves-contracts*len(months); got != want {
		t.Errorf("%d updates and refusals, want %d (all: %v)", got, want, total)
	}
	t.Logf("outcomes: %v", total)
	if len(total) > 4 {
		t.Errorf("unexpected outcomes: %v", total)
	}
	if n := mustCount(t, db, "SELECT COALESCE(SUM(version - 1), 0) FROM assessments"); n != total["updated"] {
		t.Errorf("versions count %d updates, %d succeeded", n, total["updated"])
	}
	checkNothingDoubled(t, db, contracts, fits, len(months))
}

// reassess opens the assessment of a's period and saves a new score, as an
// officer does who finds it assessed: "updated", or "stale" when the store
// refused it for someone else's change in between.
func reassess(ctx context.Context, db *store.DB, a *govbuy.Assessment) string {
	list, err := db.FindAssessments(ctx, a.ContractID)
	if err != nil {
		return err.Error()
	}
	for _, got := range list {
		if got.Period != a.Period {
			continue
		}
		got.Score = 850
		err := db.UpdateAssessment(ctx, &got)
		msg := govbuy.ErrorMessage(err)
		switch {
		case err == nil:
			return "updated"
		case strings.HasPrefix(msg, "该考核记录已被科员") && strings.HasSuffix(msg, "修改，请重新打开后再改"):
			return "stale"
		}
		return msg
	}
	return "no assessment of " + a.Period
}

// refusalKind names a save's outcome: "saved", or the field a domain
// refusal names, or the error itself (which the test reports).
func refusalKind(err error) string {
	var e *govbuy.Error
	switch {
	case err == nil:
		return "saved"
	case errors.As(err, &e) && strings.Contains(govbuy.ErrorMessage(err), "已有考核记录"):
		return "已有考核记录"
	case errors.As(err, &e) && e.Field != "":
		return string(e.Field)
	}
	return err.Error()
}

func checkNothingDoubled(t *testing.T, db *store.DB, contracts, fits, months int) {
	t.Helper()
	if n := mustCount(t, db, "SELECT COUNT(*) FROM payments"); n != contracts*fits {
		t.Errorf("%d payments stored, want %d", n, contracts*fits)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM (SELECT contract_id FROM payments GROUP BY contract_id HAVING SUM(amount) > ?) x", fits); n != 0 {
		t.Errorf("%d contracts paid above their amount", n)
	}
	if n := mustCount(t, db, "SELECT COUNT(DISTINCT seq) FROM payment_forms WHERE year = 2024"); n != contracts*fits {
		t.Errorf("%d distinct form numbers for %d payments", n, contracts*fits)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM assessments"); n != contracts*months {
		t.Errorf("%d assessments stored, want %d", n, contracts*months)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity IN ('payment', 'assessment') AND action = 'create'"); n != contracts*(fits+months) {
		t.Errorf("%d audit rows of creation, want %d", n, contracts*(fits+months))
	}
}
