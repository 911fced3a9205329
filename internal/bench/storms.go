package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/listen"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// StormsConfig sets up the storm benchmark run through a detection
// engine.
type StormsConfig struct {
	listen.BenchConfig
	// Engine classifies every simulated item; nil keeps the simulator's
	// truth labels (the listening detectors measured alone).
	Engine *detect.Engine
	// NoCache runs the engine on every item, repeated texts included.
	NoCache bool
}

// StormsReport is the storm benchmark's outcome and what the engine cost.
type StormsReport struct {
	listen.BenchReport
	EngineCalls int
	CacheHits   int
	EngineTime  time.Duration
}

// String is the listening report followed by the engine's share of the run.
func (r StormsReport) String() string {
	s := r.BenchReport.String()
	if r.EngineCalls+r.CacheHits > 0 {
		s += fmt.Sprintf("\nengine: %d items analysed, %d repeated texts answered from the cache, %s in the engine (%.0f items/s)\n",
			r.EngineCalls, r.CacheHits, r.EngineTime.Round(time.Millisecond), float64(r.EngineCalls)/max(r.EngineTime.Seconds(), 1e-9))
	}
	return s
}

type labels struct {
	negative bool
	cats     []detect.Category
}

// Storms runs listen.RunBench with negativity and categories decided by
// cfg.Engine on the simulated texts, as the pipeline decides them (the
// workspace context carries the simulated clinic's staff and names). The
// simulator's labels remain only the ground truth of which storm an item
// belongs to.
//
// The simulator draws texts from templates, so many repeat: a cache keyed
// by text and language answers them. The only detector whose answer
// depends on more than the text is spam's same-text-from-many-authors
// one, and spam is not negativity, so the cache changes no count the
// listening detectors read.
func Storms(ctx context.Context, cfg StormsConfig) (StormsReport, error) {
	var rep StormsReport
	bc := cfg.BenchConfig
	if cfg.Engine != nil {
		e := cfg.Engine
		dctx := &detect.Context{StaffNames: sim.DefaultStaff, OrgNames: sim.DefaultOrgNames}
		cache := map[string]labels{}
		bc.LabelSource = "the detection engine (" + strings.Join(e.Versions(), ", ") + ")"
		bc.Label = func(ctx context.Context, it ingest.Item) (bool, []detect.Category, error) {
			key := it.Lang + "\x00" + it.Text
			if l, ok := cache[key]; ok && !cfg.NoCache {
				rep.CacheHits++
				return l.negative, l.cats, nil
			}
			t0 := time.Now()
			res := e.Analyze(ctx, detect.Input{Text: it.Text, Lang: it.Lang, Context: dctx,
				Workspace: it.Workspace, AuthorID: it.AuthorID, Channel: it.Channel, At: it.CreatedAt})
			rep.EngineTime += time.Since(t0)
			rep.EngineCalls++
			var l labels
			l.negative, l.cats = listen.FromSignals(res.Signals)
			if !cfg.NoCache {
				cache[key] = l
			}
			return l.negative, l.cats, nil
		}
	}
	br, err := listen.RunBench(ctx, bc)
	rep.BenchReport = br
	if err != nil {
		return rep, fmt.Errorf("storm benchmark: %w", err)
	}
	return rep, nil
}
