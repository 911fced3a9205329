package lexicon

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/lang"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// BenchmarkDetectSim measures the lexicon alone on the simulator's
// 200-byte comments, each with the language the engine would give it
// (identified before the timer starts), as in the engine's benchmark.
func BenchmarkDetectSim(b *testing.B) {
	raw := sim.Comments(4096, 200)
	id := lang.Default()
	in := make([]detect.Input, len(raw))
	for i, c := range raw {
		l, _ := id.Identify(c)
		in[i] = detect.Input{Text: c, Lang: l}
	}
	ctx := context.Background()
	for _, x := range in[:200] {
		det.Detect(ctx, x)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := det.Detect(ctx, in[i%len(in)]); err != nil {
			b.Fatal(err)
		}
	}
}
