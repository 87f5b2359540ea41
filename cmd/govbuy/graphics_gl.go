//go:build !ci && ((!gles && !arm && !arm64) || darwin)

package main

import "github.com/go-gl/glfw/v3.3/glfw"

// contextHints ask for the context Fyne's desktop driver asks for here.
func contextHints() {
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
}
