package reports

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"govbuy"
)

// WriteFile writes a document to path through a temporary file in the same
// folder that is renamed into place only when write and the flush to disk
// both succeed, so a failure (a full disk, a crash, a font error) never
// leaves a half-written report where the officer expects a finished one.
//
// Only a regular file is replaced: renaming over a device, a pipe or a
// folder (/dev/null, given by a script, or a crafted path) would put a
// plain file in its place.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	if fi, statErr := os.Stat(path); statErr == nil && !fi.Mode().IsRegular() {
		return govbuy.Errorf(govbuy.EInvalid, "", "“%s”不是普通文件（而是文件夹、设备或管道），不能保存到这里，请另选文件名", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return createError(dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("写入“%s”失败: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("写入“%s”失败: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("写入“%s”失败: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法保存“%s”: %w", path, err)
	}
	return nil
}

// createError says why no file could be made in dir: a folder that is not
// there or not writable is the officer's choice to correct, not a fault
// of the program.
func createError(dir string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return govbuy.Errorf(govbuy.EInvalid, "", "文件夹“%s”不存在，请另选保存位置", dir)
	case errors.Is(err, fs.ErrPermission):
		return govbuy.Errorf(govbuy.EInvalid, "", "没有在文件夹“%s”中保存文件的权限，请另选保存位置", dir)
	}
	return fmt.Errorf("无法在“%s”中创建文件: %w", dir, err)
}
