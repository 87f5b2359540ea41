// Package sysopen hands files to the operating system: a PDF to print, a
// folder to show. It chooses the way by the system — the Windows shell's
// print and open verbs, the desktop's opener (xdg-open) elsewhere — and says
// in Chinese why nothing worked, never with a program's English error.
package sysopen

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"govbuy"
)

// Handed says what became of a file handed to the system to print.
type Handed int

const (
	// SentToPrinter: the shell printed it on the default printer.
	SentToPrinter Handed = iota + 1
	// OpenedInViewer: it is open in the PDF viewer, to print from there.
	OpenedInViewer
)

// Opener hands files to the system. Its ways of doing it are fields so a
// test can choose the system and stand in for the programs.
type Opener struct {
	goos string
	// shell runs a Windows shell verb on a file (ShellExecuteW); nil
	// elsewhere.
	shell func(verb, path string) error
	// lookPath finds a program on PATH (exec.LookPath).
	lookPath func(program string) (string, error)
	// start runs a program on a file and reports a failure it shows at
	// once (startProgram).
	start func(program, path string) error
}

// method is one way to hand a file on, and what it amounts to.
type method struct {
	handed Handed
	run    func(path string) error
}

// Print hands a PDF to the system to print: on Windows through the shell's
// print verb (the default printer), falling back to its open verb (the PDF
// viewer); elsewhere through the desktop's opener, to print from the
// viewer. When no way works, the error says, in Chinese, why each failed:
// the caller says that printing failed.
func (o *Opener) Print(path string) (Handed, error) {
	var reasons []string
	for _, m := range o.printMethods() {
		err := m.run(path)
		if err == nil {
			return m.handed, nil
		}
		reasons = append(reasons, govbuy.ErrorMessage(err))
	}
	return 0, govbuy.Errorf(govbuy.EUnavailable, "", "%s", strings.Join(reasons, "；"))
}

// ShowFolder opens the folder holding path in the system's file manager.
func (o *Opener) ShowFolder(path string) error {
	dir := filepath.Dir(path)
	if o.goos == "windows" {
		return o.shellVerb("open", dir)
	}
	return o.launch(o.desktopOpener(), dir)
}

func (o *Opener) printMethods() []method {
	if o.goos == "windows" {
		return []method{
			{SentToPrinter, func(p string) error { return o.shellVerb("print", p) }},
			{OpenedInViewer, func(p string) error { return o.shellVerb("open", p) }},
		}
	}
	return []method{{OpenedInViewer, func(p string) error { return o.launch(o.desktopOpener(), p) }}}
}

func (o *Opener) desktopOpener() string {
	if o.goos == "darwin" {
		return "open"
	}
	return "xdg-open"
}

// verbNames are the shell verbs in Chinese.
var verbNames = map[string]string{"print": "打印", "open": "打开"}

// Windows error codes ShellExecute reports (GetLastError).
const (
	errFileNotFound  = 2
	errPathNotFound  = 3
	errAccessDenied  = 5
	errNoAssociation = 1155
)

// shellVerb runs a shell verb and words its failure.
func (o *Opener) shellVerb(verb, path string) error {
	err := o.shell(verb, path)
	if err == nil {
		return nil
	}
	name := verbNames[verb]
	var code syscall.Errno
	if !errors.As(err, &code) {
		return govbuy.Errorf(govbuy.EUnavailable, "", "Windows未能%s", name)
	}
	switch code {
	case errNoAssociation:
		return govbuy.Errorf(govbuy.EUnavailable, "", "没有能%sPDF文件的程序", name)
	case errFileNotFound, errPathNotFound:
		return govbuy.Errorf(govbuy.EUnavailable, "", "%s时找不到文件", name)
	case errAccessDenied:
		return govbuy.Errorf(govbuy.EUnavailable, "", "%s时被拒绝访问", name)
	}
	return govbuy.Errorf(govbuy.EUnavailable, "", "Windows未能%s（错误码%d）", name, uint(code))
}

// launch runs the desktop's opener on path, saying so when it is missing.
func (o *Opener) launch(program, path string) error {
	if _, err := o.lookPath(program); err != nil {
		hint := ""
		if program == "xdg-open" {
			hint = "（Debian、Ubuntu、统信UOS、麒麟可安装 xdg-utils）"
		}
		return govbuy.Errorf(govbuy.EUnavailable, "", "系统中没有%s%s", program, hint)
	}
	return o.start(program, path)
}

// openerGrace is how long an opener is watched: one that fails (no program
// for PDF files) exits at once; one still running has handed the file on
// (some wait for the viewer to close).
const openerGrace = 3 * time.Second

// xdgExitReasons are xdg-open's exit statuses (xdg-open(1)).
var xdgExitReasons = map[int]string{
	1: "命令有误", 2: "文件不存在", 3: "缺少打开该文件所需的程序", 4: "没有能打开该文件的程序，或它未能打开",
}

// startProgram runs program on path and watches it for openerGrace.
func startProgram(program, path string) error {
	cmd := exec.Command(program, path)
	if err := cmd.Start(); err != nil {
		return govbuy.Errorf(govbuy.EUnavailable, "", "无法运行%s", program)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return exitProblem(program, err)
	case <-time.After(openerGrace):
		return nil
	}
}

// exitProblem words how an opener ended: nil when it succeeded.
func exitProblem(program string, err error) error {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &exit) || exit.ExitCode() < 0:
		return govbuy.Errorf(govbuy.EUnavailable, "", "%s异常结束", program)
	}
	if reason, ok := xdgExitReasons[exit.ExitCode()]; ok && program == "xdg-open" {
		return govbuy.Errorf(govbuy.EUnavailable, "", "%s：%s", program, reason)
	}
	return govbuy.Errorf(govbuy.EUnavailable, "", "%s未能打开（退出码%d）", program, exit.ExitCode())
}
