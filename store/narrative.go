package store

import (
	"context"
	"encoding/json"
	"strconv"
)

// settingNarrativePrefix keys the narrative of a year as an officer edited
// and exported it ("narrative:2024").
const settingNarrativePrefix = "narrative:"

// EditedNarrative returns the narrative of year as an officer last exported
// it after editing; nil when none was kept, and the report's own applies.
func (db *DB) EditedNarrative(ctx context.Context, year int) ([]string, error) {
	v, err := getSetting(ctx, db.read, settingNarrativePrefix+strconv.Itoa(year))
	if err != nil || v == "" {
		return nil, wrapErr("edited narrative", err)
	}
	var paragraphs []string
	if err := json.Unmarshal([]byte(v), &paragraphs); err != nil {
		return nil, wrapErr("edited narrative", err)
	}
	return paragraphs, nil
}

// SaveEditedNarrative keeps the narrative of year as it was exported, so
// the officer's wording is there the next time the year is opened; nil
// goes back to the narrative generated from the figures. Recorded in the
// audit log like every setting.
func (db *DB) SaveEditedNarrative(ctx context.Context, year int, paragraphs []string) error {
	value := ""
	if len(paragraphs) > 0 {
		b, err := json.Marshal(paragraphs)
		if err != nil {
			return wrapErr("save edited narrative", err)
		}
		value = string(b)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("save edited narrative", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingNarrativePrefix+strconv.Itoa(year), value); err != nil {
		return wrapErr("save edited narrative", err)
	}
	return commit(tx, "save edited narrative")
}
