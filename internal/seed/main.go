// Command seed writes a benchmark database: `go run ./internal/seed -n
// 100000 FILE` creates FILE with that many contracts (make bench uses it to
// time the window's start on a large district).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"govbuy/internal/benchdata"
	"govbuy/store"
)

func main() {
	n := flag.Int("n", 100_000, "number of contracts")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: seed [-n N] FILE")
		os.Exit(2)
	}
	if err := seed(flag.Arg(0), *n); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func seed(path string, n int) error {
	db, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.LoadDataset(context.Background(), benchdata.Dataset(n), true)
}
