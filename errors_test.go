package govbuy_test

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"govbuy"
)

// A file the account may not touch is named with 无权限, however deep in
// the chain; other failures keep their cause for support.
func TestErrorMessageOfFileErrors(t *testing.T) {
	denied := &fs.PathError{Op: "open", Path: "/数据/govbuy.db", Err: syscall.EACCES}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"permission denied", denied, "无权限访问“/数据/govbuy.db”（请检查文件和文件夹的权限）"},
		{"wrapped", fmt.Errorf("store: backup: %w", denied), "无权限访问“/数据/govbuy.db”（请检查文件和文件夹的权限）"},
		{"missing file", &fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOENT}, "内部错误：open /x: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := govbuy.ErrorMessage(tt.err); got != tt.want {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.want)
			}
			if govbuy.ErrorKindOf(tt.err) != govbuy.EInternal {
				t.Errorf("kind %s, want internal", govbuy.ErrorKindOf(tt.err))
			}
		})
	}
}
