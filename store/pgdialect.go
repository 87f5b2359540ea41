package store

import (
	"context"
	"database/sql/driver"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The store's SQL is written once, in the SQLite dialect, and the server
// store runs it through pgConn, a database/sql driver connection that
// rewrites each statement's text for PostgreSQL before pgx sees it. The
// rewrites are few and mechanical (placeholders, NULL-safe comparison,
// integer width, JSON access) because the SQL avoids what the two dialects
// do differently; what cannot be rewritten (PRAGMA, VACUUM INTO, the
// schema) has a branch of its own where it is used. Keeping one body of SQL
// keeps one set of rules: a query fixed for one store is fixed for both.

// pgConnector opens pgx connections wrapped in pgConn.
type pgConnector struct{ inner driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{conn}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn passes everything to pgx's connection, rewriting query text on the
// way. pgx's stdlib connection implements every interface used below.
type pgConn struct{ driver.Conn }

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	q := pgSQL(query)
	if !returnsID(q) {
		return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q)
	}
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q+" RETURNING id")
	if err != nil {
		return nil, err
	}
	return pgInsertStmt{st}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q := pgSQL(query)
	if !returnsID(q) {
		return c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
	}
	rows, err := c.Conn.(driver.QueryerContext).QueryContext(ctx, q+" RETURNING id", args)
	if err != nil {
		return nil, err
	}
	return readID(rows)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, pgSQL(query), args)
}

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *pgConn) Ping(ctx context.Context) error {
	return c.Conn.(driver.Pinger).Ping(ctx)
}

func (c *pgConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

// CheckNamedValue passes a bool as 1 or 0: the schema keeps flags in
// integer columns, as SQLite does, and pgx will not write a bool there.
func (c *pgConn) CheckNamedValue(v *driver.NamedValue) error {
	if b, ok := v.Value.(bool); ok {
		v.Value = int64(0)
		if b {
			v.Value = int64(1)
		}
	}
	return c.Conn.(driver.NamedValueChecker).CheckNamedValue(v)
}

// translated caches pgSQL's work: the store runs a few hundred distinct
// statements, each many times.
var translated sync.Map

// pgSQL rewrites a statement written for SQLite into PostgreSQL.
func pgSQL(q string) string {
	if v, ok := translated.Load(q); ok {
		return v.(string)
	}
	out := rewritePlaceholders(q)
	for _, r := range pgRewrites {
		out = r.re.ReplaceAllString(out, r.to)
	}
	// A whole-database copy's many-row INSERTs are long and few: kept,
	// they would only hold memory.
	if len(q) < 4096 {
		translated.Store(q, out)
	}
	return out
}

// pgRewrites are the dialect's differences the SQL cannot avoid, applied
// after the placeholders became $n.
var pgRewrites = []struct {
	re *regexp.Regexp
	to string
}{
	// SQLite's NULL-safe comparison with a parameter.
	{regexp.MustCompile(`\bIS NOT (\$\d+)`), "IS DISTINCT FROM $1"},
	{regexp.MustCompile(`\bIS (\$\d+)`), "IS NOT DISTINCT FROM $1"},
	// SQLite's INTEGER is 64 bits; PostgreSQL's is 32 and would overflow a
	// district's sums of fen.
	{regexp.MustCompile(`(?i)\bAS INTEGER\)`), "AS BIGINT)"},
	// json_extract(x, '$.key') reads one member of a JSON text.
	{regexp.MustCompile(`json_extract\(([\w.]+), '\$\.(\w+)'\)`), "(($1)::jsonb->>'$2')"},
	// SQLite reads "CROSS JOIN … ON" as an inner join whose order the
	// planner keeps (a hint the store uses); PostgreSQL plans it itself.
	{regexp.MustCompile(`\bCROSS JOIN (\w+ \w+) ON\b`), "JOIN $1 ON"},
	// A JSON array parameter as a set of ids.
	{regexp.MustCompile(`SELECT value FROM json_each\((\$\d+)\)`), "SELECT value::bigint FROM json_array_elements_text($1::json) AS j(value)"},
}

// rewritePlaceholders turns ? and ?NNN into $n outside quoted text.
func rewritePlaceholders(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			j := i + 1
			for j < len(q) && '0' <= q[j] && q[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				b.WriteString(q[i+1 : j])
			} else {
				n++
				b.WriteString(strconv.Itoa(n))
			}
			i = j - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// The database/sql API gives an inserted row's id through
// Result.LastInsertId, which SQLite answers and PostgreSQL cannot. An
// INSERT into a table with an id identity is therefore sent with
// RETURNING id and its result carries the id, so the store's inserts stay
// the same for both.

// insertInto reads the table of an INSERT.
var insertInto = regexp.MustCompile(`^\s*INSERT INTO (\w+)`)

// identityTables are the tables whose id is an identity, read from the
// server's migrations themselves, so a table a migration adds is known.
var identityTables = func() map[string]bool {
	tables := map[string]bool{}
	identity := regexp.MustCompile(`CREATE TABLE (\w+) \(\s*id\s+BIGINT GENERATED`)
	ms, err := loadServerMigrations()
	if err != nil {
		panic(err) // the embedded files are part of the program
	}
	for _, m := range ms {
		for _, match := range identity.FindAllStringSubmatch(m.sql, -1) {
			tables[match[1]] = true
		}
	}
	return tables
}()

// returnsID reports whether an INSERT goes into a table with an id
// identity and does not already say what it returns.
func returnsID(q string) bool {
	m := insertInto.FindStringSubmatch(q)
	return m != nil && identityTables[m[1]] && !strings.Contains(q, "RETURNING")
}

// pgResult is the result of an INSERT … RETURNING id.
type pgResult struct {
	id, rows int64
}

func (r pgResult) LastInsertId() (int64, error) { return r.id, nil }
func (r pgResult) RowsAffected() (int64, error) { return r.rows, nil }

// readID reads the id an INSERT … RETURNING id gave back; an insert that
// ON CONFLICT DO NOTHING skipped gives none.
func readID(rows driver.Rows) (driver.Result, error) {
	defer rows.Close()
	dest := make([]driver.Value, 1)
	var r pgResult
	for {
		err := rows.Next(dest)
		if err == io.EOF {
			return r, nil
		}
		if err != nil {
			return nil, err
		}
		if id, ok := dest[0].(int64); ok {
			r.id = id
		}
		r.rows++
	}
}

// pgInsertStmt is a prepared INSERT … RETURNING id.
type pgInsertStmt struct{ driver.Stmt }

func (s pgInsertStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	return readID(rows)
}

func (s pgInsertStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}
