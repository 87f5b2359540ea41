package reports

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes a document to path through a temporary file in the same
// folder that is renamed into place only when write and the flush to disk
// both succeed, so a failure (a full disk, a crash, a font error) never
// leaves a half-written report where the officer expects a finished one.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("无法在“%s”中创建文件: %w", dir, err)
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
