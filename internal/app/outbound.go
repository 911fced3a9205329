package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/stormwatch/stormwatch/internal/outbound"
	"github.com/stormwatch/stormwatch/internal/registry"
)

// setupOutbound seeds the demo workspace's help-request templates (the
// approved replies that point a person asking for help in a direct message
// to the confidential channels). The desk builds the outbound and registry
// services on the store itself; nothing else needs wiring before Run.
func (a *App) setupOutbound(ctx context.Context) {
	if !a.Cfg.Demo {
		return
	}
	if _, err := outbound.SeedHelpTemplates(ctx, a.Store, DemoWorkspace, time.Now().UTC()); err != nil {
		a.Log.Warn("demo help templates", "err", err)
	}
}

// raiseConsentAlerts raises an alert per consent running out soon, in
// every workspace but drills'.
func (a *App) raiseConsentAlerts(ctx context.Context, log *slog.Logger) {
	wss, err := a.Store.Workspaces(ctx)
	if err != nil {
		log.Warn("consent alerts", "err", err)
		return
	}
	for _, ws := range wss {
		if ws.Sandbox {
			continue
		}
		cs, err := a.Store.Consents(ctx, ws.ID)
		if err != nil {
			log.Warn("consent alerts", "workspace", ws.ID, "err", err)
			continue
		}
		for _, na := range outbound.ConsentAlerts(cs, time.Now().UTC()) {
			if _, err := a.Escalator.Raise(ctx, ws.ID, "system:consents", na); err != nil {
				log.Warn("consent alert", "workspace", ws.ID, "err", err)
			}
		}
	}
}

// runRegistryWatch raises the account registry's alerts (an owner who
// left, a review overdue, no backup owner, no second factor) and the
// consents' expiry alerts through the escalator, at start and then every six hours: these are slow risks, and
// an open alert only counts another occurrence when raised again.
func (a *App) runRegistryWatch(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = 6 * time.Hour
	}
	svc := registry.New(a.Store)
	log := a.Log.With("component", "registry")
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := svc.Watch(ctx, a.Escalator, log); err != nil && ctx.Err() == nil {
			log.Warn("registry watch", "err", err)
		}
		a.raiseConsentAlerts(ctx, log)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
