package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"govbuy"
)

// dateText writes a date the way every date column holds it: 'YYYY-MM-DD',
// or the empty string for the zero date, so dates compare and sort as text.
func dateText(t time.Time) string { return govbuy.FormatDate(t) }

// parseDate reads a date column back; the empty string is the zero date.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(govbuy.DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad date %q in database: %w", s, err)
	}
	return t, nil
}

// yearRange returns the first day of year y and of the year after, as date
// text, for "date >= from AND date < to" (which the date indexes can serve).
func yearRange(y int) (from, to string) {
	return fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-01-01", y+1)
}

// likePattern turns a search text into a LIKE pattern matching it anywhere,
// with %, _ and the escape character itself taken literally (ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// where collects the conditions and arguments of a filtered query. Only
// fixed SQL text goes into conds; everything the user typed is an argument.
type where struct {
	conds []string
	args  []any
}

// clone copies w, so two queries can add different conditions to a shared
// start without writing into each other's slices.
func (w where) clone() where {
	return where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// like is the LIKE test of a search, with '\' escaping (see likePattern).
const like = ` LIKE ? ESCAPE '\'`

// search adds "any of conds holds" for a text that is not blank, where each
// cond tests the pattern once: "c.title" + like, or a subquery using like.
func (w *where) search(text string, conds ...string) {
	text = govbuy.CleanText(text)
	if text == "" {
		return
	}
	pat := likePattern(text)
	for range conds {
		w.args = append(w.args, pat)
	}
	w.conds = append(w.conds, "("+strings.Join(conds, " OR ")+")")
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// orderBy maps a sort key from a filter to SQL through a whitelist; an
// unknown or empty key falls back to def. The row id breaks ties in the same
// direction, so pages never overlap and an index can serve the whole order.
func orderBy(columns map[string]string, key, def string, desc bool, idCol string) string {
	col, ok := columns[key]
	if !ok {
		col = columns[def]
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return " ORDER BY " + col + dir + ", " + idCol + dir
}

// limitOffset pages a query; limit 0 means all rows.
func limitOffset(limit, offset int) (string, []any) {
	if limit <= 0 && offset <= 0 {
		return "", nil
	}
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	return " LIMIT ? OFFSET ?", []any{limit, max(offset, 0)}
}

// countRows runs a COUNT query and returns its single value.
func countRows(ctx context.Context, q queryer, query string, args ...any) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// commit commits tx, naming op in the error.
func commit(tx *writeTx, op string) error {
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: commit: %w", op, err)
	}
	return nil
}
