package cli

import (
	"context"
	"fmt"

	"github.com/stormwatch/stormwatch/internal/bench"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/listen"
)

const benchStormsUsage = "bench storms [--weeks N] [--storms N] [--seed N] [--rate ITEMS_PER_H] [--labels engine|truth] [--no-cache]"

// runBenchStorms runs the storm early-warning benchmark on simulated
// traffic and prints detection delays and false alarms.
func runBenchStorms(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "bench storms", benchStormsUsage)
	weeks := fs.Int("weeks", 8, "simulated weeks measured (after one week of warm-up)")
	storms := fs.Int("storms", 24, "storms injected at random times")
	seed := fs.Uint64("seed", 2, "simulator and schedule seed (parameters were tuned on seeds 1 and 3)")
	rate := fs.Float64("rate", 60, "mean items per hour of ordinary traffic")
	labels := fs.String("labels", "engine", "negativity from the detection \"engine\" or the simulator's \"truth\"")
	noCache := fs.Bool("no-cache", false, "run the engine on every item, repeated texts included")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *weeks < 1 || *storms < 1 || *rate <= 0 {
		return usagef("--weeks and --storms must be >= 1, --rate > 0")
	}
	cfg := bench.StormsConfig{BenchConfig: listen.BenchConfig{Seed: *seed, Weeks: *weeks, Storms: *storms, RatePerHour: *rate}, NoCache: *noCache}
	switch *labels {
	case "engine":
		e, err := builtin.Engine()
		if err != nil {
			return fmt.Errorf("bench storms: %w", err)
		}
		cfg.Engine = e
	case "truth":
	default:
		return usagef("--labels must be engine or truth")
	}
	rep, err := bench.Storms(ctx, cfg)
	if err != nil {
		return fmt.Errorf("bench storms: %w", err)
	}
	fmt.Fprint(env.Stdout, rep)
	return nil
}
