package model_test

import (
	"context"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/model"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// BenchmarkDetectSim scores 4,096 different simulator comments of 200
// bytes, as the engine benchmark does: unlike a handful of repeated texts,
// they touch the weight table beyond the CPU caches, which is where the
// detector spends its time in production.
func BenchmarkDetectSim(b *testing.B) {
	d, err := model.New()
	if err != nil {
		b.Fatal(err)
	}
	comments := sim.Comments(4096, 200)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Detect(ctx, detect.Input{Text: comments[i%len(comments)]}); err != nil {
			b.Fatal(err)
		}
	}
}
