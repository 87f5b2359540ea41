package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

// TestMain lets a test start this test binary as the real command: with
// GOVBUY_AS_COMMAND set it runs govbuy with the arguments after "--".
func TestMain(m *testing.M) {
	if os.Getenv("GOVBUY_AS_COMMAND") != "" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Exit(run(context.Background(), args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// writeBigLedger writes a contract ledger of n rows as a UTF-8 csv.
func writeBigLedger(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeff云溪区2024年度政府购买服务项目台账\n序号,合同编号,购买主体,项目名称,承接主体,购买方式,合同金额,开始日期,结束日期\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d,CR2024-%06d,崩溃测试第%02d局,保洁服务%d,崩溃测试服务有限公司%03d,竞争性磋商,\"%d.%02d\",2024-01-01,2024-12-31\n",
			i, i, i%40, i, i%300, 10_000+i, i%100)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// An import killed at any moment leaves the database intact, holding the
// whole file or none of it.
func TestImportKilledMidwayIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills real processes")
	}
	const rows = 30_000
	dir := t.TempDir()
	ledger := filepath.Join(dir, "台账.csv")
	writeBigLedger(t, ledger, rows)
	full := timeFullImport(t, filepath.Join(dir, "full.db"), ledger, rows)
	// Kill while reading, while planning and while committing: the commit
	// is the last part of the run.
	// SIGTERM (a shutdown, an IT tool ending the task) as well as SIGKILL.
	for _, kill := range []struct {
		share int
		sig   syscall.Signal
	}{{10, syscall.SIGKILL}, {40, syscall.SIGKILL}, {70, syscall.SIGKILL}, {85, syscall.SIGKILL}, {95, syscall.SIGKILL}, {99, syscall.SIGKILL},
		{50, syscall.SIGTERM}, {97, syscall.SIGTERM}} {
		after := full * time.Duration(kill.share) / 100
		t.Run(fmt.Sprintf("%d%% %s", kill.share, kill.sig), func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("kill-%d-%d.db", after.Milliseconds(), kill.sig))
			finished := importAndKill(t, db, ledger, after, kill.sig)
			n := contractCount(t, db)
			if n != 0 && n != rows {
				t.Fatalf("killed after %s: %d of %d contracts stored", after, n, rows)
			}
			if finished && n != rows {
				t.Fatalf("import finished but only %d contracts stored", n)
			}
			t.Logf("killed after %s: %d contracts (finished before the kill: %v)", after, n, finished)
		})
	}
}

// timeFullImport runs one import to the end and returns how long it took.
func timeFullImport(t *testing.T, db, ledger string, rows int) time.Duration {
	t.Helper()
	start := time.Now()
	if finished := importAndKill(t, db, ledger, time.Hour, syscall.SIGKILL); !finished {
		t.Fatal("the full import did not finish")
	}
	took := time.Since(start)
	if n := contractCount(t, db); n != rows {
		t.Fatalf("full import stored %d of %d contracts", n, rows)
	}
	return took
}

// importAndKill starts `govbuy import` and sends sig after the delay. It
// reports whether the import had already finished.
func importAndKill(t *testing.T, db, ledger string, after time.Duration, sig syscall.Signal) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "--db", db, "import", ledger)
	cmd.Env = append(os.Environ(), "GOVBUY_AS_COMMAND=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("import failed before the kill: %v", err)
		}
		return true
	case <-time.After(after):
		cmd.Process.Signal(sig)
		<-done
		return false
	}
}

func contractCount(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	res, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Integrity) > 0 {
		t.Fatalf("damaged after kill: %v", res.Integrity)
	}
	_, n, err := db.FindContracts(ctx, govbuy.ContractFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
