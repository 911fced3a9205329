package sim

import (
	"time"
	"unicode/utf8"
)

// Comments returns n simulator comments cut or padded to about size bytes,
// without language hints, as `stormwatch classify` receives them: the
// fixed input of the detection benchmarks (seed 99).
func Comments(n, size int) []string {
	g := New(Config{Seed: 99, Workspace: "bench", Start: time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC)})
	out := make([]string, n)
	for i := range out {
		first := g.Next()
		text := first.Item.Text
		for len(text) < size {
			// Pad with more of the same language: a real comment is
			// mostly in one language.
			if ev := g.Next(); ev.Truth.Lang == first.Truth.Lang {
				text += " " + ev.Item.Text
			}
		}
		cut := size
		for cut > 0 && cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut--
		}
		out[i] = text[:cut]
	}
	return out
}
