package bench

import (
	"context"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/listen"
)

// TestStormsTiny checks the storm benchmark's machinery through the real
// engine on a small run: a week of warm-up, a measured week, two storms,
// half the usual traffic.
func TestStormsTiny(t *testing.T) {
	e, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Storms(context.Background(), StormsConfig{BenchConfig: listen.BenchConfig{Seed: 1, Weeks: 1, Storms: 2, RatePerHour: 30}, Engine: e})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + rep.String())
	if rep.EngineCalls+rep.CacheHits != rep.Events || rep.CacheHits == 0 {
		t.Errorf("%d engine calls + %d cache hits for %d events", rep.EngineCalls, rep.CacheHits, rep.Events)
	}
	// The engine finds negativity where the simulator put it, if not
	// everywhere.
	if p, r := rep.Negativity.Precision(), rep.Negativity.Recall(); p < 0.5 || r < 0.3 {
		t.Errorf("engine negativity precision %.2f recall %.2f: the labels are not reaching the detectors", p, r)
	}
	detected := 0
	for _, s := range rep.Storms {
		if s.Detected {
			detected++
		}
	}
	if detected == 0 {
		t.Errorf("no storm detected")
	}
	if s := rep.String(); !strings.Contains(s, "negativity from the detection engine (lang/") || !strings.Contains(s, "engine: ") {
		t.Errorf("report does not say the engine labelled the items:\n%s", s)
	}
}
