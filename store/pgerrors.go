package store

import (
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"govbuy"
)

// PostgreSQL's SQLSTATE codes the store tells apart.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
	pgCheckViolation      = "23514"
	pgNotNullViolation    = "23502"
	pgRaiseException      = "P0001"
	pgDiskFull            = "53100"
	pgReadOnlyTransaction = "25006"
	pgInsufficientPrivs   = "42501"
	pgInvalidPassword     = "28P01"
	pgInvalidAuth         = "28000"
	pgNoDatabase          = "3D000"
	pgSerialization       = "40001"
	pgDeadlock            = "40P01"
	pgAdminShutdown       = "57P01"
	pgLockNotAvailable    = "55P03"
)

// pgError returns the server's error in err's chain, or nil.
func pgError(err error) *pgconn.PgError {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// pgUnique reports whether err is a server's UNIQUE failure on column
// ("table.column", as the SQLite store names it): the server reports the
// table and, in the detail, the key's columns.
func pgUnique(err error, column string) bool {
	pe := pgError(err)
	if pe == nil || pe.Code != pgUniqueViolation {
		return false
	}
	table, col, _ := strings.Cut(column, ".")
	return pe.TableName == table && strings.Contains(pe.Detail, "("+col)
}

// pgConstraintError is constraintError for a server's errors.
func pgConstraintError(pe *pgconn.PgError) error {
	switch pe.Code {
	case pgRaiseException:
		if pe.Message == yearClosedMessage {
			return yearClosedError()
		}
	case pgForeignKeyViolation:
		return foreignKeyError()
	case pgUniqueViolation:
		return duplicateError()
	case pgCheckViolation, pgNotNullViolation:
		return invalidDataError()
	case pgDiskFull:
		return govbuy.Errorf(govbuy.EInternal, "", "服务器磁盘已满，本次操作未完成，数据未改动；请联系信息中心")
	case pgSerialization, pgDeadlock:
		// Writers queue on the writers' lock, so neither should happen;
		// a person still gets words, never the server's code.
		return govbuy.Errorf(govbuy.EUnavailable, "", "与其他人同时进行的修改冲突，本次操作未完成，数据未改动；请重试")
	case pgLockNotAvailable:
		return govbuy.Errorf(govbuy.EUnavailable, "", "其他人正在写入服务器数据库（例如导入），等待%d秒后仍未完成，本次操作未完成，数据未改动；请稍后重试", int(writerLockWait.Seconds()))
	case pgAdminShutdown:
		return serverLost()
	case pgReadOnlyTransaction, pgInsufficientPrivs:
		return govbuy.Errorf(govbuy.EConflict, "", "服务器数据库账户无权修改数据（只读），本次操作未完成；请联系信息中心")
	}
	return nil
}

// pgReason says in a few words why a connection failed, without the
// connection string.
func pgReason(err error) string {
	if pe := pgError(err); pe != nil {
		switch pe.Code {
		case pgInvalidPassword, pgInvalidAuth:
			return "用户名或口令不对，或服务器不允许本机登录"
		case pgNoDatabase:
			return "服务器上没有这个数据库"
		}
		return pe.Message
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "连接超时"
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return "服务器没有响应（地址或端口不对，或服务器未启动）"
	}
	return err.Error()
}

func serverLost() error {
	return govbuy.Errorf(govbuy.EUnavailable, "", "与服务器数据库的连接中断，本次操作未完成，数据未改动；请检查网络后重试")
}

// isConnectionLost reports whether err is a server connection that
// dropped (the network, a server restart) rather than a refusal.
func isConnectionLost(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
}
