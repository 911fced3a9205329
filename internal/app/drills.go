package app

import (
	"context"
	"time"

	"github.com/stormwatch/stormwatch/internal/checklist"
	"github.com/stormwatch/stormwatch/internal/drill"
)

// Preparedness: the tabletop drill runner and the checklist reminders.
//
// A drill replays its scenario into a sandbox workspace; the pipeline
// decides those items like any others, and the outbox routes every action
// of a sandbox workspace to the dry-run actor only, so nothing from a drill
// reaches a real channel.

// drillTick is how often running drills are advanced: at the default
// speed (ten times) a second of real time is ten seconds of scenario.
const drillTick = time.Second

// wireDrills builds the drill service and hands it to the desk. Call it
// once the processor and the desk exist.
func (a *App) wireDrills() {
	a.Drills = &drill.Service{
		Store: a.Store,
		Wake:  a.Processor.Wake,
		Log:   a.Log.With("component", "drill"),
		// The sandbox gets the starter reply library, so the team can
		// answer with approved templates as it would for real.
		Prepare: func(ctx context.Context, sandbox string) error {
			_, err := a.Replies.SeedStarterLibrary(ctx, sandbox)
			return err
		},
	}
	a.Desk.UseDrills(a.Drills)
}

// runDrills advances running drills every drillTick and checks for
// overdue checklist reviews every hour, until ctx ends.
func (a *App) runDrills(ctx context.Context) {
	tick := time.NewTicker(drillTick)
	defer tick.Stop()
	var lastRemind time.Time
	for {
		if err := a.Drills.Tick(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("drills", "err", err)
		}
		if now := time.Now(); now.Sub(lastRemind) >= time.Hour {
			lastRemind = now
			if n, err := checklist.Remind(ctx, a.Store, now); err != nil && ctx.Err() == nil {
				a.Log.Warn("checklist reminders", "err", err)
			} else if n > 0 {
				a.Log.Info("checklist reviews due", "alerts", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
