//go:build !ci && (gles || arm || arm64) && !darwin

package main

import "github.com/go-gl/glfw/v3.3/glfw"

// contextHints ask for the context Fyne's desktop driver asks for on ARM:
// OpenGL ES 2.0.
func contextHints() {
	glfw.WindowHint(glfw.ClientAPI, glfw.OpenGLESAPI)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 0)
}
