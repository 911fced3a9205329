package cli

import (
	"context"
	"fmt"

	"github.com/stormwatch/stormwatch/internal/listen"
)

const benchStormsUsage = "bench storms [--weeks N] [--storms N] [--seed N] [--rate ITEMS_PER_H]"

// runBenchStorms runs the storm early-warning benchmark on simulated
// traffic and prints detection delays and false alarms.
func runBenchStorms(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "bench storms", benchStormsUsage)
	weeks := fs.Int("weeks", 8, "simulated weeks measured (after one week of warm-up)")
	storms := fs.Int("storms", 24, "storms injected at random times")
	seed := fs.Uint64("seed", 2, "simulator and schedule seed (parameters were tuned on seed 1)")
	rate := fs.Float64("rate", 60, "mean items per hour of ordinary traffic")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *weeks < 1 || *storms < 1 || *rate <= 0 {
		return usagef("--weeks and --storms must be >= 1, --rate > 0")
	}
	rep, err := listen.RunBench(ctx, listen.BenchConfig{Seed: *seed, Weeks: *weeks, Storms: *storms, RatePerHour: *rate})
	if err != nil {
		return fmt.Errorf("bench storms: %w", err)
	}
	fmt.Fprint(env.Stdout, rep)
	return nil
}
