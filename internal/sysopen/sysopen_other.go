//go:build !windows

package sysopen

import (
	"os/exec"
	"runtime"
)

// System is the opener of this computer: the desktop's opener program.
func System() *Opener {
	return &Opener{goos: runtime.GOOS, lookPath: exec.LookPath, start: startProgram}
}
