package cli

import (
	"context"
	"fmt"
	"os"
	"runtime"

	"github.com/stormwatch/stormwatch/internal/bench"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
)

func runBench(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 && args[0] == "detect" {
		return runBenchDetect(ctx, env, args[1:])
	}
	if len(args) > 0 && args[0] == "storms" {
		return runBenchStorms(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "ingest" {
		return usagef("bench ingest [--items N] [--batch N] [--concurrency N] [--rate ITEMS_PER_S] | bench detect [--items N] [--size BYTES] [--runs N] [--texts FILE.jsonl] | bench storms [--weeks 8] [--storms 24] [--seed N]")
	}
	fs := newFlags(env, "bench ingest", "bench ingest [--items N] [--batch N] [--concurrency N] [--rate ITEMS_PER_S]")
	items := fs.Int("items", 50000, "items to send")
	batch := fs.Int("batch", 100, "items per request")
	conc := fs.Int("concurrency", 4, "requests in flight")
	rate := fs.Float64("rate", 0, "pace the load at this many items/s (0: as fast as possible)")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *items < 1 || *batch < 1 || *batch > 1000 || *conc < 1 {
		return usagef("--items and --concurrency must be >= 1, --batch between 1 and 1000")
	}
	engine, err := builtin.Engine()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "stormwatch-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	rep, err := bench.Ingest(ctx, bench.IngestConfig{Items: *items, Batch: *batch, Concurrency: *conc, Rate: *rate, Dir: dir, Engine: engine})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, rep)
	return nil
}

func runBenchDetect(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "bench detect", "bench detect [--items N] [--size BYTES] [--runs N] [--texts FILE.jsonl]")
	items := fs.Int("items", 20000, "comments to classify")
	size := fs.Int("size", 200, "bytes per comment")
	textsFile := fs.String("texts", "", "classify the \"text\" of each JSON line of this file instead of simulator comments (taken in turn, shorter ones joined with the next up to --size bytes; --size 0 keeps each as it is)")
	runs := fs.Int("runs", 1, "times to run over the comments (best and median printed when more than one)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *items < 1 || *size < 0 || *textsFile == "" && *size < 10 || *runs < 1 || *runs > 100 {
		return usagef("--items must be >= 1, --size >= 10 (>= 0 with --texts) and --runs between 1 and 100")
	}
	runtime.GOMAXPROCS(1) // "per core": one goroutine on one processor
	engine, err := builtin.Engine()
	if err != nil {
		return err
	}
	var comments []string
	if *textsFile == "" {
		comments = bench.Comments(*items, *size)
	} else {
		texts, err := bench.TextsFile(*textsFile)
		if err != nil {
			return fmt.Errorf("bench detect: %w", err)
		}
		comments = bench.Fill(texts, *items, *size)
	}
	var reps []bench.DetectReport
	for range *runs {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep := bench.Detect(ctx, engine, comments)
		reps = append(reps, rep)
		fmt.Fprintln(env.Stdout, rep)
	}
	if len(reps) > 1 {
		fmt.Fprintln(env.Stdout, bench.RunsSummary(reps))
	}
	return nil
}
