package govbuy

import "context"

// MappingPresets remembers how the columns of a spreadsheet were mapped to
// fields, so the next file with the same header row imports without asking
// again. A preset is keyed by a hash of the normalised header row (the
// importer computes it) and maps header text to a field key ("amount",
// "start", …). The store implements it; the importer only reads and writes
// through it.
type MappingPresets interface {
	// LoadPreset returns the mapping saved under key, or nil and no error
	// when there is none.
	LoadPreset(ctx context.Context, key string) (map[string]string, error)
	// SavePreset stores m under key, replacing any earlier mapping.
	SavePreset(ctx context.Context, key string, m map[string]string) error
}
