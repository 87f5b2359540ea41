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
