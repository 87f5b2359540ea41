package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// A window needs a display and OpenGL (2.1, or OpenGL ES 2.0 on ARM). Where
// either is missing GLFW neither opens a window nor says so in a way a
// person reads: with no display it panics, with no OpenGL it logs one
// English line and Fyne waits for a window that never comes. So the window
// checks both before it starts, and says in Chinese what failed and what
// fixes it. The command-line tasks never need either.

// graphicsProblem is why the window cannot open: what a person reads, and
// what the graphics library said, for the log.
type graphicsProblem struct {
	message string
	detail  string
}

// simulateGLFailure makes the OpenGL check fail as it does on a computer
// without OpenGL, so a test can watch what the officer would see.
const simulateGLFailure = "GOVBUY_SIMULATE_GL_FAILURE"

// probeTimeout bounds the OpenGL check: a graphics driver that never
// answers is a failure too, said rather than waited on.
const probeTimeout = 20 * time.Second

// noDisplayMessage is said when there is no desktop to open a window on.
const noDisplayMessage = "没有图形桌面（未设置 DISPLAY），无法打开窗口；导入、报告、备份等命令照常可用，见 govbuy --help"

// noOpenGLMessage says what failed and what fixes it, per system.
func noOpenGLMessage(goos string) string {
	const failed = "无法打开窗口：显卡驱动不支持 OpenGL（窗口需要 OpenGL 2.1）。"
	const cli = "导入、报告、备份等命令不需要 OpenGL，照常可用。"
	if goos == "windows" {
		return failed + "请更新显卡驱动；在远程桌面中或显卡较旧时，请把 Mesa 软件渲染的 opengl32.dll 放在 govbuy.exe 所在的文件夹里再启动。" + cli
	}
	return failed + "请安装或更新显卡驱动（或安装 Mesa 软件渲染：libgl1-mesa-dri、libegl-mesa0）；远程桌面须支持 GLX。" + cli
}

// graphicsMissing reports why this computer cannot show the window, or nil.
// A driver that never answers is reported through giveUp, and the process
// ends there.
func graphicsMissing(giveUp func(*graphicsProblem)) *graphicsProblem {
	if needsXDisplay(runtime.GOOS) && os.Getenv("DISPLAY") == "" {
		return &graphicsProblem{message: noDisplayMessage, detail: "DISPLAY is not set"}
	}
	if os.Getenv(simulateGLFailure) != "" {
		return &graphicsProblem{message: noOpenGLMessage(runtime.GOOS), detail: "simulated by " + simulateGLFailure}
	}
	return probeWithTimeout(probeGraphics, probeTimeout, giveUp)
}

// needsXDisplay: Fyne's desktop driver draws through X11 on the Unix
// systems other than macOS.
func needsXDisplay(goos string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return true
	}
	return false
}

// probeWithTimeout runs probe (on this, the main, thread: GLFW asks for it)
// and, after limit, hands giveUp the problem from another goroutine.
func probeWithTimeout(probe func() error, limit time.Duration, giveUp func(*graphicsProblem)) *graphicsProblem {
	timer := time.AfterFunc(limit, func() {
		giveUp(&graphicsProblem{message: noOpenGLMessage(runtime.GOOS), detail: fmt.Sprintf("no answer from the OpenGL driver after %s", limit)})
	})
	defer timer.Stop()
	if err := probe(); err != nil {
		return &graphicsProblem{message: noOpenGLMessage(runtime.GOOS), detail: err.Error()}
	}
	return nil
}

// startupLogName is the log beside the database that keeps why the window
// did not open, for whoever looks after the computer: a window started from
// a shortcut has no console to print on.
const startupLogName = "govbuy-启动.log"

// reportGraphicsProblem says p in one line on stderr, keeps it with the
// graphics library's words in the log beside dbPath (when known), and shows
// it in the system's message box where there is one.
func reportGraphicsProblem(stderr io.Writer, dbPath string, p *graphicsProblem) {
	fmt.Fprintln(stderr, "govbuy: "+p.message)
	if dbPath != "" {
		appendStartupLog(filepath.Join(filepath.Dir(dbPath), startupLogName), p)
	}
	if p.message != noDisplayMessage {
		alert("政府购买服务管理", p.message)
	}
}

// appendStartupLog adds one dated entry; a log that cannot be written must
// not hide the message itself, so its error is dropped.
func appendStartupLog(path string, p *graphicsProblem) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	detail := strings.ReplaceAll(p.detail, "\n", " ")
	fmt.Fprintf(f, "%s %s（%s）\r\n", time.Now().Format("2006-01-02 15:04:05"), p.message, detail)
}
