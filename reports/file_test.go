package reports_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"govbuy"
	"govbuy/reports"
)

// A report saved into a folder that is not there is refused with a
// message naming the folder, as the officer's input, and leaves nothing.
func TestWriteFileIntoAMissingFolderNamesIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "不存在的文件夹")
	err := reports.WriteFile(filepath.Join(dir, "年度报告.pdf"), func(w io.Writer) error {
		_, err := io.WriteString(w, "x")
		return err
	})
	want := "文件夹“" + dir + "”不存在，请另选保存位置"
	if govbuy.ErrorKindOf(err) != govbuy.EInvalid || govbuy.ErrorMessage(err) != want {
		t.Fatalf("error %v (kind %q), want %q", err, govbuy.ErrorKindOf(err), want)
	}
	if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
		t.Errorf("the folder exists after a refused write: %v", statErr)
	}
}

// A path that names a device or a folder is refused before anything is
// written: a rename over /dev/null would replace the device with a file.
// The device is reached through a link in the test's own folder, so a
// regression replaces the link, never the machine's /dev/null.
func TestWriteFileRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "报表.pdf")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	paths := []string{folder}
	device := filepath.Join(dir, "设备.pdf")
	if err := os.Symlink(os.DevNull, device); err == nil {
		paths = append(paths, device)
	}
	for _, path := range paths {
		wrote := false
		err := reports.WriteFile(path, func(io.Writer) error { wrote = true; return nil })
		want := "“" + path + "”不是普通文件（而是文件夹、设备或管道），不能保存到这里，请另选文件名"
		if govbuy.ErrorKindOf(err) != govbuy.EInvalid || govbuy.ErrorMessage(err) != want || wrote {
			t.Errorf("%s: error %v, wrote %v; want %q", path, err, wrote, want)
		}
		if fi, err := os.Lstat(path); err != nil || fi.Mode().IsRegular() {
			t.Errorf("%s was replaced by a file: %v", path, err)
		}
	}
}
