package app

import (
	"embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// translations holds the UI strings, keyed by their English text. The Chinese
// file is zh-Hans.json: Fyne does not find zh.json under a zh_CN locale, and
// zh-CN.json would turn Fyne's own dialog buttons English.
//
//go:embed translation
var translations embed.FS

// loadTranslations registers the translations once per process; lang picks
// the one matching the system locale.
var loadTranslations = sync.OnceFunc(func() {
	if err := lang.AddTranslationsFS(translations, "translation"); err != nil {
		fyne.LogError("loading translations", err)
	}
})
