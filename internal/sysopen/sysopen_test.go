package sysopen

import (
	"errors"
	"os/exec"
	"slices"
	"syscall"
	"testing"

	"govbuy"
)

// fakeSystem stands in for the shell and the programs, recording what was
// asked of them.
type fakeSystem struct {
	calls    []string
	shellErr map[string]error // by verb
	programs map[string]bool  // on PATH
	startErr error
}

func (f *fakeSystem) opener(goos string) *Opener {
	return &Opener{
		goos: goos,
		shell: func(verb, path string) error {
			f.calls = append(f.calls, "shell "+verb+" "+path)
			return f.shellErr[verb]
		},
		lookPath: func(program string) (string, error) {
			if f.programs[program] {
				return "/usr/bin/" + program, nil
			}
			return "", exec.ErrNotFound
		},
		start: func(program, path string) error {
			f.calls = append(f.calls, program+" "+path)
			return f.startErr
		},
	}
}

func TestPrintChoosesTheSystemsWayAndFallsBack(t *testing.T) {
	const pdf = `C:\Temp\支付审批表.pdf`
	tests := []struct {
		name   string
		goos   string
		system fakeSystem
		handed Handed
		calls  []string
		err    string
	}{
		{"windows prints with the print verb", "windows", fakeSystem{},
			SentToPrinter, []string{"shell print " + pdf}, ""},
		{"windows without a print verb opens the viewer", "windows",
			fakeSystem{shellErr: map[string]error{"print": syscall.Errno(errNoAssociation)}},
			OpenedInViewer, []string{"shell print " + pdf, "shell open " + pdf}, ""},
		{"windows with no PDF program at all", "windows",
			fakeSystem{shellErr: map[string]error{"print": syscall.Errno(errNoAssociation), "open": syscall.Errno(errNoAssociation)}},
			0, []string{"shell print " + pdf, "shell open " + pdf},
			"没有能打印PDF文件的程序；没有能打开PDF文件的程序"},
		{"windows, another shell error", "windows",
			fakeSystem{shellErr: map[string]error{"print": syscall.Errno(1156), "open": errors.New("Access is denied.")}},
			0, []string{"shell print " + pdf, "shell open " + pdf}, "Windows未能打印（错误码1156）；Windows未能打开"},
		{"linux opens with xdg-open", "linux", fakeSystem{programs: map[string]bool{"xdg-open": true}},
			OpenedInViewer, []string{"xdg-open " + pdf}, ""},
		{"linux without xdg-open", "linux", fakeSystem{},
			0, nil, "系统中没有xdg-open（Debian、Ubuntu、统信UOS、麒麟可安装 xdg-utils）"},
		{"linux, xdg-open finds no viewer", "linux",
			fakeSystem{programs: map[string]bool{"xdg-open": true}, startErr: exitProblem("xdg-open", exitError(t, 3))},
			0, []string{"xdg-open " + pdf}, "xdg-open：缺少打开该文件所需的程序"},
		{"macOS opens with open", "darwin", fakeSystem{programs: map[string]bool{"open": true}},
			OpenedInViewer, []string{"open " + pdf}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			handed, err := tt.system.opener(tt.goos).Print(pdf)
			if handed != tt.handed || !slices.Equal(tt.system.calls, tt.calls) {
				t.Errorf("handed %d after %q, want %d after %q", handed, tt.system.calls, tt.handed, tt.calls)
			}
			if got := govbuy.ErrorMessage(err); got != tt.err {
				t.Errorf("error %q, want %q", got, tt.err)
			}
			if err != nil && govbuy.ErrorKindOf(err) != govbuy.EUnavailable {
				t.Errorf("error kind %s", govbuy.ErrorKindOf(err))
			}
		})
	}
}

func TestShowFolderOpensTheFilesFolder(t *testing.T) {
	for goos, want := range map[string]string{"windows": "shell open /tmp/打印", "linux": "xdg-open /tmp/打印"} {
		f := fakeSystem{programs: map[string]bool{"xdg-open": true}}
		if err := f.opener(goos).ShowFolder("/tmp/打印/支付审批表.pdf"); err != nil || !slices.Equal(f.calls, []string{want}) {
			t.Errorf("%s: %q, %v", goos, f.calls, err)
		}
	}
	var f fakeSystem
	if err := f.opener("linux").ShowFolder("/tmp/打印/支付审批表.pdf"); govbuy.ErrorMessage(err) != "系统中没有xdg-open（Debian、Ubuntu、统信UOS、麒麟可安装 xdg-utils）" {
		t.Errorf("without xdg-open: %v", err)
	}
}

// An opener that exits at once is watched to its end; its status is worded.
func TestStartProgramReportsAQuickFailure(t *testing.T) {
	for _, tt := range []struct {
		program, want string
	}{
		{"true", ""},
		{"false", "false未能打开（退出码1）"},
	} {
		if _, err := exec.LookPath(tt.program); err != nil {
			t.Skipf("no %s here", tt.program)
		}
		if got := govbuy.ErrorMessage(startProgram(tt.program, "x.pdf")); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.program, got, tt.want)
		}
	}
	if got := govbuy.ErrorMessage(startProgram("/没有这个程序", "x.pdf")); got != "无法运行/没有这个程序" {
		t.Errorf("a program that cannot run: %q", got)
	}
}

// exitError is the error of a process that exited with code.
func exitError(t *testing.T, code int) error {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh here")
	}
	err = exec.Command(sh, "-c", "exit "+string(rune('0'+code))).Run()
	if err == nil {
		t.Fatal("the process did not fail")
	}
	return err
}
