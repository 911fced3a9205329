package pii

import "testing"

// TestKeyFilter checks that the per-language pre-filter never rejects a
// word of its language's map (a miss would silently drop a cue).
func TestKeyFilter(t *testing.T) {
	for li, m := range lexByLang {
		for w := range m {
			if w != "" && !lexHash[li].maybe(w) {
				t.Fatalf("filter %d rejects %q", li, w)
			}
		}
	}
}
