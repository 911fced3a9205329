package sim

import (
	"context"
	"time"
)

// Run emits g's events to sink in real time scaled by speedup: with speedup
// 60 a simulated hour passes in a real minute. Simulated time zero is g's
// current time when Run starts. A speedup of zero or less emits as fast as
// sink takes them. Run returns when ctx is done (with ctx's error) or sink
// fails (with sink's error); it never returns otherwise.
func Run(ctx context.Context, g *Generator, speedup float64, sink func(Event) error) error {
	return run(ctx, g, speedup, sink, time.Now, sleepCtx)
}

func run(ctx context.Context, g *Generator, speedup float64, sink func(Event) error, now func() time.Time, sleep func(context.Context, time.Duration) error) error {
	simStart, wallStart := g.Now(), now()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		ev := g.Next()
		if speedup > 0 {
			due := wallStart.Add(time.Duration(float64(ev.Item.CreatedAt.Sub(simStart)) / speedup))
			if wait := due.Sub(now()); wait > 0 {
				if err := sleep(ctx, wait); err != nil {
					return err
				}
			}
		}
		if err := sink(ev); err != nil {
			return err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
