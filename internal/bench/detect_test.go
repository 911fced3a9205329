package bench

import (
	"context"
	"testing"
	"time"

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

func TestRunsSummary(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	reps := []DetectReport{{PerSecond: 100, P99: ms(3)}, {PerSecond: 300, P99: ms(1)}, {PerSecond: 200, P99: ms(2)}, {PerSecond: 400, P99: ms(4)}}
	got := RunsSummary(reps)
	want := "4 runs: throughput best 400, median 250, worst 100 comments/s; p99 median 2000.0µs"
	if got != want {
		t.Errorf("RunsSummary = %q, want %q", got, want)
	}
	if RunsSummary(nil) != "" {
		t.Error("no runs: want nothing")
	}
	if got := RunsSummary(reps[:3]); got != "3 runs: throughput best 300, median 200, worst 100 comments/s; p99 median 2000.0µs" {
		t.Errorf("odd count: %q", got)
	}
}
