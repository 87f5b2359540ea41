package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy/internal/hostile"
)

// dbSnapshot dumps every table of the database at path row by row, so a
// test can tell that a refused command changed nothing at all.
func dbSnapshot(t *testing.T, path string) string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tables, err := conn.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var name string
		if err := tables.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if err := tables.Err(); err != nil {
		t.Fatal(err)
	}
	tables.Close()
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, "== %s\n", name)
		dumpTable(t, conn, name, &b)
	}
	return b.String()
}

func dumpTable(t *testing.T, conn *sql.DB, table string, b *strings.Builder) {
	t.Helper()
	rows, err := conn.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(b, values...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// seededDB is a database holding one imported ledger, so that "unchanged"
// means something.
func seededDB(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "govbuy.db")
	ledger := filepath.Join(dir, "已有台账.csv")
	text := "合同编号,项目名称,购买主体,承接主体,购买方式,合同金额,年度\n" +
		"HT-1,社区养老服务,区民政局,某某养老服务有限公司,公开招标,120000,2024\n"
	if err := os.WriteFile(ledger, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := govbuyCmd(t, "--db", db, "import", ledger); code != exitOK {
		t.Fatalf("seed import: exit %d: %s", code, stderr)
	}
	return db
}

// TestHostileImportsChangeNothing drives the real command with each hostile
// file of issue 18: every one ends promptly with exit 1, the reason on
// stderr, and the database exactly as it was.
func TestHostileImportsChangeNothing(t *testing.T) {
	dir := t.TempDir()
	db := seededDB(t, dir)
	before := dbSnapshot(t, db)
	if !strings.Contains(before, "社区养老服务") || !strings.Contains(before, "某某养老服务有限公司") {
		t.Fatalf("the snapshot does not show the seeded ledger:\n%s", before)
	}
	long := func(n int) string { return strings.Repeat("字", n) }
	noHeader := "未找到表头行（应含“项目名称”“合同金额”等列名），请指定表头所在行或列的对应关系"
	limit := "超过导入上限（最多1048576行、400万个单元格，空行、空单元格和合并单元格都计算在内），"
	cases := []struct {
		name  string
		as    string
		write func(path string) error
		want  string
	}{
		{"重复工作表.xlsx", "", func(p string) error { return hostile.RepeatedSheetXLSX(p, 100, 200_000) }, noHeader},
		{"合并单元格.xlsx", "", func(p string) error { return hostile.MergedSheetXLSX(p, 200, 45_000) },
			"“合并单元格.xlsx”" + limit + "读到工作表“台账”第44行时超出"},
		{"填充列.xlsx", "", func(p string) error { return hostile.PaddedRowsXLSX(p, 300) },
			"“填充列.xlsx”" + limit + "读到工作表“台账”第245行时超出"},
		{"重复工作表.xls", "", func(p string) error { return hostile.BoundSheetsXLS(p, 5000, 60_000) }, noHeader},
		{"超长单元格.xlsx", "", func(p string) error { return hostile.BigCellXLSX(p, 40_000, false) },
			"“超长单元格.xlsx”工作表“台账”单元格A2的内容超过32767个字符（Excel单元格的上限），拒绝导入"},
		{"超长共享字符串.xlsx", "", func(p string) error { return hostile.BigCellXLSX(p, 40_000, true) },
			"“超长共享字符串.xlsx”共享字符串表第1项的内容超过32767个字符（Excel单元格的上限），拒绝导入"},
		{"超长注释.xlsx", "", func(p string) error { return hostile.CommentXLSX(p, 4<<20) },
			"“超长注释.xlsx”工作表“台账”中有一段XML内容超过1 MB（文件可能已损坏），拒绝导入"},
		{"多条目.xlsx", "", func(p string) error { return hostile.ManyEntriesXLSX(p, 200_000) },
			"“多条目.xlsx”的压缩目录超过4 MB（条目过多，不像是Excel工作簿），拒绝导入"},
		{"一行.csv", "", func(p string) error { return hostile.OneLineCSV(p, 4<<20) },
			"“一行.csv”第1行超过1 MB（可能缺少换行或引号未配对），拒绝导入"},
		{"混合编码.csv", "", hostile.MixedEncodingCSV,
			"“混合编码.csv” 工作表“混合编码” 第3行 不是有效的GBK文本（像是UTF-8编码），该行未读取；请把整个文件另存为同一种编码后再导入"},
		{"超长名称.csv", "", func(p string) error {
			return os.WriteFile(p, []byte("项目名称,购买主体,承接主体,合同金额,年度\n"+long(201)+",区民政局,某某养老服务有限公司,1000,2024\n"), 0o600)
		}, "第2行 项目名称：不能超过200个字符（现有201个）"},
		{"超长凭证号.csv", "payments", func(p string) error {
			return os.WriteFile(p, []byte("合同编号,支付日期,支付金额,凭证号\nHT-1,2024-06-30,100,"+long(101)+"\n"), 0o600)
		}, "凭证号：不能超过100个字符（现有101个）"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name)
			if err := c.write(path); err != nil {
				t.Fatal(err)
			}
			args := []string{"--db", db, "import"}
			if c.as != "" {
				args = append(args, "--as", c.as)
			}
			code, _, stderr := govbuyCmd(t, append(args, path)...)
			if code != exitInput || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, c.want)
			}
			if after := dbSnapshot(t, db); after != before {
				t.Error("a refused import changed the database")
			}
		})
	}
}
