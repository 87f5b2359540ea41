package store_test

import (
	"context"
	"slices"
	"testing"
)

// The narrative an officer edited and exported is kept per year until they
// go back to the generated one.
func TestEditedNarrativeKeptPerYear(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if got, err := db.EditedNarrative(ctx, 2024); err != nil || got != nil {
		t.Fatalf("before any edit: %q, %v", got, err)
	}
	edited := []string{"2024年，云溪区……", "补充说明：本年度未发生重大合同纠纷。"}
	if err := db.SaveEditedNarrative(ctx, 2024, edited); err != nil {
		t.Fatal(err)
	}
	if got, err := db.EditedNarrative(ctx, 2024); err != nil || !slices.Equal(got, edited) {
		t.Errorf("2024 read back: %q, %v", got, err)
	}
	if got, err := db.EditedNarrative(ctx, 2023); err != nil || got != nil {
		t.Errorf("2023 took 2024's edit: %q, %v", got, err)
	}
	if err := db.SaveEditedNarrative(ctx, 2024, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := db.EditedNarrative(ctx, 2024); err != nil || got != nil {
		t.Errorf("after going back to the generated one: %q, %v", got, err)
	}
}
