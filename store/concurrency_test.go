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
// officers), and each contract's period is assessed once. Run against a
// file and, in the server run, against PostgreSQL with five connections.
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
				refusals[o][refusalKind(db.CreateAssessment(ctx, a))]++
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
	want := map[string]int{
		"saved":  contracts*fits + contracts*len(months),
		"超付原因":   officers*saves - contracts*fits,
		"已有考核记录": officers*saves - contracts*len(months),
	}
	for kind, n := range want {
		if total[kind] != n {
			t.Errorf("%s: %d, want %d (all: %v)", kind, total[kind], n, total)
		}
	}
	if len(total) != len(want) {
		t.Errorf("unexpected outcomes: %v", total)
	}
	checkNothingDoubled(t, db, contracts, fits, len(months))
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
