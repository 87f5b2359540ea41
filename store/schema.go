package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"govbuy"
)

// schemaObject is one table, index, trigger or view of a schema.
type schemaObject struct {
	kind, name string
}

// schema maps each object of a database to the SQL that made it. SQLite's
// own objects (sqlite_sequence, sqlite_stat1, automatic indexes) are left
// out: SQLite makes them, and they hold no rule.
type schema map[schemaObject]string

func readSchema(ctx context.Context, q queryer) (schema, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, COALESCE(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := schema{}
	for rows.Next() {
		var o schemaObject
		var text string
		if err := rows.Scan(&o.kind, &o.name, &text); err != nil {
			return nil, err
		}
		s[o] = text
	}
	return s, rows.Err()
}

// schemaKinds are the words for sqlite_master's types, in the order a
// refusal names them: what holds data and rules before what speeds it up.
var schemaKinds = []struct{ kind, word string }{{"table", "表"}, {"trigger", "触发器"}, {"view", "视图"}, {"index", "索引"}}

// differences says how s departs from want, one finding per object: first
// what is extra (a rule of its own slipped in, like a trigger that empties
// the audit log), then what was made otherwise, then what is missing (one
// of ours dropped, like the closed-year triggers); by kind, then name.
func (s schema) differences(want schema) []string {
	var found [3][]schemaObject
	for o, text := range s {
		if wantText, ok := want[o]; !ok {
			found[0] = append(found[0], o)
		} else if wantText != text {
			found[1] = append(found[1], o)
		}
	}
	for o := range want {
		if _, ok := s[o]; !ok {
			found[2] = append(found[2], o)
		}
	}
	formats := [3]string{"备份中多了%s %s", "备份中%s %s 的定义与本程序不同", "备份中缺少%s %s"}
	var out []string
	for i, list := range found {
		sort.Slice(list, func(a, b int) bool {
			if ka, kb := kindOrder(list[a].kind), kindOrder(list[b].kind); ka != kb {
				return ka < kb
			}
			return list[a].name < list[b].name
		})
		for _, o := range list {
			out = append(out, fmt.Sprintf(formats[i], schemaKinds[kindOrder(o.kind)].word, o.name))
		}
	}
	return out
}

// kindOrder is a type's place in schemaKinds; a type SQLite may add later
// sorts last and is named by the last word.
func kindOrder(kind string) int {
	for i, k := range schemaKinds {
		if k.kind == kind {
			return i
		}
	}
	return len(schemaKinds) - 1
}

// ourSchemas caches, by version, the schema govbuy's own migrations make.
var ourSchemas sync.Map // int → schema

// ourSchema is the schema govbuy's migrations 1…version make, built once in
// an in-memory database.
func ourSchema(ctx context.Context, version int) (schema, error) {
	if s, ok := ourSchemas.Load(version); ok {
		return s.(schema), nil
	}
	pool, err := sql.Open("sqlite", "file::memory:?"+commonParams)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1) // one connection: each would have a memory database of its own
	db := &DB{write: pool, Now: time.Now}
	if err := db.migrateTo(ctx, version); err != nil {
		return nil, err
	}
	s, err := readSchema(ctx, pool)
	if err != nil {
		return nil, err
	}
	ourSchemas.Store(version, s)
	return s, nil
}

// checkSchema refuses a database whose schema is not exactly the one
// govbuy's migrations make for its version, naming what differs.
func checkSchema(ctx context.Context, q queryer, name string, version int) error {
	want, err := ourSchema(ctx, version)
	if err != nil {
		return err
	}
	got, err := readSchema(ctx, q)
	if err != nil {
		return err
	}
	diffs := got.differences(want)
	if len(diffs) == 0 {
		return nil
	}
	const shown = 8
	more := ""
	if len(diffs) > shown {
		more = fmt.Sprintf("……共%d处", len(diffs))
		diffs = diffs[:shown]
	}
	return govbuy.Errorf(govbuy.EInvalid, "", "“%s”的数据库结构与本程序（结构版本%d）建立的不同，未恢复：%s%s",
		name, version, strings.Join(diffs, "；"), more)
}
