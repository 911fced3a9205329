package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/sim"
)

// runSimulator posts the simulator's stream to the demo workspace through
// the public API, as a connector would, so the demo exercises the whole path.
func (a *App) runSimulator(ctx context.Context, baseURL string) error {
	g := sim.New(sim.Config{Seed: uint64(time.Now().UnixNano()), Workspace: DemoWorkspace, RatePerHour: a.Cfg.SimulatorRate, Start: time.Now()})
	url := baseURL + "/api/v1/workspaces/" + DemoWorkspace + "/items"
	client := &http.Client{Timeout: 10 * time.Second}
	a.Log.Info("simulator posting to the demo workspace", "items_per_hour_at_peak", a.Cfg.SimulatorRate, "speedup", a.Cfg.SimSpeedup)
	return sim.Run(ctx, g, a.Cfg.SimSpeedup, func(ev sim.Event) error {
		body, err := ingest.MarshalWire(ev.Item)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+a.DemoToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			a.Log.Warn("simulator post failed", "err", err)
			return nil // keep simulating; a demo must not stop on one hiccup
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 300 {
			msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
			a.Log.Warn("simulator item refused", "status", resp.StatusCode, "body", string(msg))
			return nil
		}
		io.Copy(io.Discard, resp.Body)
		return nil
	})
}
