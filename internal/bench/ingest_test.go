package bench

import (
	"context"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect/builtin"
)

// BenchmarkIngestToDecision reports items/s and latency percentiles of the
// whole path (HTTP ingest, durable commit, detection, policy, decision
// commit) on loopback. Each iteration sends 10,000 items.
func BenchmarkIngestToDecision(b *testing.B) {
	engine, err := builtin.Engine()
	if err != nil {
		b.Fatal(err)
	}
	var last IngestReport
	for i := 0; i < b.N; i++ {
		rep, err := Ingest(context.Background(), IngestConfig{Items: 10000, Batch: 100, Concurrency: 4, Dir: b.TempDir(), Engine: engine})
		if err != nil {
			b.Fatal(err)
		}
		last = rep
	}
	b.ReportMetric(last.PerSecond, "items/s")
	b.ReportMetric(float64(last.P50)/float64(time.Millisecond), "p50-ms")
	b.ReportMetric(float64(last.P99)/float64(time.Millisecond), "p99-ms")
}

func TestPercentile(t *testing.T) {
	ds := []time.Duration{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	for p, want := range map[float64]time.Duration{50: 5, 90: 9, 99: 10, 100: 10, 0: 1} {
		if got := Percentile(ds, p); got != want {
			t.Errorf("Percentile(%v) = %d, want %d", p, got, want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("Percentile of nothing is not 0")
	}
}
