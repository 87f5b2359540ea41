package app

import (
	"embed"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"govbuy/internal/locale"
)

// translations holds the UI strings, keyed by their English text, and the
// strings of Fyne's own widgets the window shows (OK, Copy, Paste…), whose
// Chinese in Fyne is not always the office's word.
//
//go:embed translation
var translations embed.FS

// uiLanguage is a language of the window: its translation file and the
// LANGUAGE value handed to the programs govbuy starts.
type uiLanguage struct {
	file, env string
}

var (
	chinese = uiLanguage{"zh-Hans.json", locale.Chinese}
	english = uiLanguage{"en.json", locale.English}
)

// languagePref is the preference that keeps the window's language; Chinese
// unless it says englishPref.
const (
	languagePref = "language"
	englishPref  = "en"
)

// languageOf is the window's language as the person chose it in 设置.
func languageOf(p fyne.Preferences) uiLanguage {
	if p.String(languagePref) == englishPref {
		return english
	}
	return chinese
}

// fyneLocales are the locales Fyne's lang can settle on: its fallback, en,
// and those it has translations of (fyne.io/fyne/v2/lang/translations).
var fyneLocales = []fyne.Locale{
	"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
}

var translationsOnce sync.Once

// loadTranslations registers l's strings under every locale Fyne may
// settle on. Fyne picks its locale from the system's — the environment on
// Linux, the system setting on Windows — and the window is in l whatever
// the system says: an office PC set to English, or a launcher that clears
// the locale, still gets Chinese. Once per process, so a change of language
// applies at the next start.
func loadTranslations(l uiLanguage) {
	translationsOnce.Do(func() {
		locale.UseLanguage(l.env)
		data, err := translations.ReadFile("translation/" + l.file)
		if err != nil {
			fyne.LogError("loading translations", err)
			return
		}
		for _, loc := range fyneLocales {
			if err := lang.AddTranslationsForLocale(data, loc); err != nil {
				fyne.LogError("loading translations for "+loc.String(), err)
			}
		}
	})
}
