package govbuy

import (
	"errors"
	"fmt"
	"io/fs"
)

// ErrorKind says what sort of failure an Error is, so callers (the GUI, the
// command line) can react without parsing messages.
type ErrorKind string

const (
	ENotFound ErrorKind = "not_found" // the record does not exist
	EInvalid  ErrorKind = "invalid"   // the input breaks a domain rule
	EConflict ErrorKind = "conflict"  // the input clashes with stored data
	EInternal ErrorKind = "internal"  // anything else: a bug or an I/O failure
	// EUnavailable: another program holds the database (a lock or SQLite's
	// busy timeout ran out); nothing was done and a later try may succeed.
	EUnavailable ErrorKind = "unavailable"
)

// Error is a domain error: a kind, the field it concerns (empty for the whole
// record) and a message in Chinese that can be shown to an officer as is.
type Error struct {
	Kind    ErrorKind
	Field   Field
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return string(e.Field) + "：" + e.Message
	}
	return e.Message
}

// Errorf returns a domain error of the given kind about field.
func Errorf(kind ErrorKind, field Field, format string, args ...any) *Error {
	return &Error{Kind: kind, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Invalidf returns an EInvalid error about field.
func Invalidf(field Field, format string, args ...any) *Error {
	return Errorf(EInvalid, field, format, args...)
}

// ErrorKindOf returns the kind of the first domain error in err's chain, or
// EInternal when err is not a domain error.
func ErrorKindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return EInternal
}

// ErrorMessage returns the text to show a person for err: the domain message
// when there is one; for a file the account may not touch, 无权限 with its
// path, which the person can act on; else a generic sentence that keeps the
// cause for support; "" for no error.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var v ValidationErrors
	if errors.As(err, &v) {
		return v.Error()
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(err, fs.ErrPermission) {
		return fmt.Sprintf("无权限访问“%s”（请检查文件和文件夹的权限）", pe.Path)
	}
	return "内部错误：" + err.Error()
}

// ErrorField returns the field a domain error concerns, or "".
func ErrorField(err error) Field {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ValidationErrors collects the problems of one record so a form can show each
// beside its field at once instead of one per save.
type ValidationErrors []*Error

func (v ValidationErrors) Error() string {
	s := ""
	for i, e := range v {
		if i > 0 {
			s += "；"
		}
		s += e.Error()
	}
	return s
}

// Err returns v as an error, or nil when it holds no problem.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// As lets errors.As find the first problem as an *Error, so ErrorKindOf and
// ErrorMessage work on a whole set.
func (v ValidationErrors) As(target any) bool {
	if t, ok := target.(**Error); ok && len(v) > 0 {
		*t = v[0]
		return true
	}
	return false
}
