package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/bench"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/listen"
)

const benchStormsUsage = "bench storms [--weeks N] [--storms N] [--seed N | --seeds N,N,...] [--rate ITEMS_PER_H] [--labels engine|truth] [--no-cache]"

// runBenchStorms runs the storm early-warning benchmark on simulated
// traffic and prints detection delays and false alarms; with --seeds, one
// report per seed and a table over all their storms.
func runBenchStorms(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "bench storms", benchStormsUsage)
	weeks := fs.Int("weeks", 8, "simulated weeks measured (after one week of warm-up)")
	storms := fs.Int("storms", 24, "storms injected at random times")
	seed := fs.Uint64("seed", 2, "simulator and schedule seed (parameters were tuned on seeds 1 to 3)")
	seedList := fs.String("seeds", "", "comma-separated seeds to run one after the other, with a table pooled over them (overrides --seed)")
	rate := fs.Float64("rate", 60, "mean items per hour of ordinary traffic")
	labels := fs.String("labels", "engine", "negativity from the detection \"engine\" or the simulator's \"truth\"")
	noCache := fs.Bool("no-cache", false, "run the engine on every item, repeated texts included")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *weeks < 1 || *storms < 1 || *rate <= 0 {
		return usagef("--weeks and --storms must be >= 1, --rate > 0")
	}
	seeds := []uint64{*seed}
	if *seedList != "" {
		var err error
		if seeds, err = parseSeeds(*seedList); err != nil {
			return usagef("--seeds: %v", err)
		}
	}
	cfg := bench.StormsConfig{BenchConfig: listen.BenchConfig{Weeks: *weeks, Storms: *storms, RatePerHour: *rate}, NoCache: *noCache}
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
	var reps []listen.BenchReport
	for i, s := range seeds {
		cfg.Seed = s
		rep, err := bench.Storms(ctx, cfg)
		if err != nil {
			return fmt.Errorf("bench storms: seed %d: %w", s, err)
		}
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		fmt.Fprint(env.Stdout, rep)
		reps = append(reps, rep.BenchReport)
	}
	if len(reps) > 1 {
		p := listen.Pool(reps)
		fmt.Fprintf(env.Stdout, "\npooled over seeds %s: %d storms in %d simulated weeks\n\n%s", *seedList, len(p.Storms), p.Config.Weeks, p.Table())
		fmt.Fprintf(env.Stdout, "false alarms: %d = %.2f per simulated week\n", len(p.FalseAlarms), p.FalseAlarmsPerWeek())
	}
	return nil
}

// parseSeeds reads "1,2,3".
func parseSeeds(s string) ([]uint64, error) {
	var out []uint64
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a seed (want comma-separated whole numbers)", f)
		}
		out = append(out, n)
	}
	return out, nil
}
