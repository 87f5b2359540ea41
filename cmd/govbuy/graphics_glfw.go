//go:build !ci

package main

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// probeGraphics opens, hidden, the kind of window Fyne opens, and closes it.
// go-gl/glfw logs a platform error ("WGL: Failed to set pixel format")
// instead of returning it, and panics when GLFW could not start (no
// display): the log is caught and both become the error returned. GLFW
// stays initialised for Fyne.
func probeGraphics() (err error) {
	var logged bytes.Buffer
	previous := log.Writer()
	log.SetOutput(&logged)
	defer log.SetOutput(previous)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("probe OpenGL: %v %s", r, strings.TrimSpace(logged.String()))
		}
	}()
	if err := glfw.Init(); err != nil {
		return fmt.Errorf("probe OpenGL: init: %w", err)
	}
	if logged.Len() > 0 {
		return fmt.Errorf("probe OpenGL: init: %s", strings.TrimSpace(logged.String()))
	}
	glfw.DefaultWindowHints()
	defer glfw.DefaultWindowHints()
	glfw.WindowHint(glfw.Visible, glfw.False)
	contextHints()
	w, err := glfw.CreateWindow(64, 64, "政府购买服务管理", nil, nil)
	if w == nil {
		if err == nil {
			err = errors.New(strings.TrimSpace(logged.String()))
		}
		return fmt.Errorf("probe OpenGL: window: %w", err)
	}
	w.Destroy()
	return nil
}
