package bench

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
)

// BenchmarkDetect measures the default engine on 200-byte comments, one
// goroutine; compare with `stormwatch bench detect`, which adds latency
// percentiles and memory.
func BenchmarkDetect(b *testing.B) {
	e, err := builtin.Engine()
	if err != nil {
		b.Fatal(err)
	}
	comments := Comments(4096, 200)
	ctx := context.Background()
	for _, c := range comments[:200] {
		e.Analyze(ctx, detect.Input{Text: c})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Analyze(ctx, detect.Input{Text: comments[i%len(comments)]})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}
