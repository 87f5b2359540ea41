//go:build ci

package main

// probeGraphics: Fyne's headless driver of the ci build draws in memory and
// needs no OpenGL.
func probeGraphics() error { return nil }
