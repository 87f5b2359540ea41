package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"govbuy"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteCode returns the extended SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isUniqueViolation reports whether err is a UNIQUE failure on column
// ("table.column", as SQLite names it in the message).
func isUniqueViolation(err error, column string) bool {
	if pgError(err) != nil {
		return pgUnique(err, column)
	}
	c := sqliteCode(err)
	if c != sqlite3.SQLITE_CONSTRAINT_UNIQUE && c != sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
		return false
	}
	return strings.Contains(err.Error(), column)
}

// constraintError turns a constraint failure the store did not foresee into
// a domain error an officer can read; other errors come back unchanged. The
// named checks in each service run first and give the precise message; this
// is the safety net behind them.
func constraintError(err error) error {
	if pe := pgError(err); pe != nil {
		if derr := pgConstraintError(pe); derr != nil {
			return derr
		}
		return err
	}
	if isConnectionLost(err) {
		return serverLost()
	}
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return govbuy.Errorf(govbuy.EUnavailable, "", "数据库正被另一个程序（例如已打开的窗口）写入，等待后仍未释放，本次操作未完成，请稍后重试")
	case sqlite3.SQLITE_FULL:
		return govbuy.Errorf(govbuy.EInternal, "", "磁盘已满，本次操作未完成，数据未改动；请清理磁盘后重试")
	case sqlite3.SQLITE_READONLY:
		return govbuy.Errorf(govbuy.EInternal, "", "数据库文件或所在文件夹只读，本次操作未完成；请检查文件权限")
	case sqlite3.SQLITE_CANTOPEN:
		return govbuy.Errorf(govbuy.EInternal, "", "无法打开数据库文件（文件夹不存在或无权访问）")
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		if strings.Contains(err.Error(), yearClosedMessage) {
			return yearClosedError()
		}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return foreignKeyError()
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return duplicateError()
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return invalidDataError()
	}
	return err
}

// The refusals both stores' constraints end in.

func yearClosedError() error {
	return govbuy.Errorf(govbuy.EConflict, "", "所属年度已结账，合同、考核和支付不能再修改；如确需修改，请由管理员先反结账（窗口：设置 › 年度结账；命令行：govbuy year reopen）")
}

func foreignKeyError() error {
	return govbuy.Errorf(govbuy.EConflict, "", "该记录与其他记录关联（引用的记录不存在或仍被引用），操作未完成")
}

func duplicateError() error {
	return govbuy.Errorf(govbuy.EConflict, "", "与已有记录重复，操作未完成")
}

func invalidDataError() error {
	return govbuy.Errorf(govbuy.EInvalid, "", "数据不符合要求，操作未完成")
}

// yearClosedMessage is what the closed-year triggers raise (migration 3).
const yearClosedMessage = "govbuy: year closed"

// isDomainError reports whether err carries a govbuy domain error, which
// passes through the store unchanged.
func isDomainError(err error) bool {
	var e *govbuy.Error
	return errors.As(err, &e)
}

// wrapErr prefixes err with the operation, except domain errors, which reach
// the caller unchanged so their Chinese message and field stay intact.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	err = constraintError(err)
	if isDomainError(err) {
		return err
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// notFound is the error for a missing row: "未找到ID为7的单位".
func notFound(what string, id int64) error {
	return govbuy.Errorf(govbuy.ENotFound, "", "未找到ID为%d的%s", id, what)
}

// notFoundIfNoRows turns sql.ErrNoRows into the domain's not-found error.
func notFoundIfNoRows(err error, what string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what, id)
	}
	return err
}
