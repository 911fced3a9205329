package lexicon

import (
	"fmt"
	"strings"
	"testing"
)

// TestExpandLimit: a term whose groups multiply past maxSpelled is refused
// with a message that says how to write it instead; one at the limit loads.
func TestExpandLimit(t *testing.T) {
	group := func(n int) string {
		alts := make([]string, n)
		for i := range alts {
			alts[i] = fmt.Sprintf("w%d", i)
		}
		return "(" + strings.Join(alts, "|") + ")"
	}
	if out, err := expandRaw(group(8) + " " + group(8) + " " + group(8)); err != nil || len(out) != maxSpelled {
		t.Fatalf("8×8×8: %d alternatives, err %v; want %d, nil", len(out), err, maxSpelled)
	}
	_, err := expandRaw(group(9) + " " + group(8) + " " + group(8))
	if err == nil || !strings.Contains(err.Error(), ".. gap") {
		t.Fatalf("9×8×8: err %v, want a refusal naming the gap", err)
	}
}
