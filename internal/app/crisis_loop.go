package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/crisis"
	"github.com/stormwatch/stormwatch/internal/store"
)

// AlertCrisisUpdateDue is the alert kind raised when a crisis's scheduled
// status update is overdue.
const AlertCrisisUpdateDue store.AlertKind = "crisis_update_due"

// ActorCrisisReminders is the audit actor of the reminders loop.
const ActorCrisisReminders = "system:crisis"

// CrisisReminders tells the people on call when an active crisis misses a
// scheduled status update: crisis.Service.Remind puts one reminder per
// missed update on the timeline, and each new reminder raises an alert
// whose dedupe key names the crisis and the missed due time, so a repeat
// never notifies twice.
type CrisisReminders struct {
	Crisis   *crisis.Service
	Store    store.Crisis
	Escalate *alert.Escalator
	Log      *slog.Logger
}

func (c *CrisisReminders) log() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.Default()
}

// Tick reminds once and raises an alert per reminder added.
func (c *CrisisReminders) Tick(ctx context.Context) error {
	active, err := c.Store.ActiveCrises(ctx)
	if err != nil {
		return fmt.Errorf("crisis reminders: %w", err)
	}
	if len(active) == 0 {
		return nil
	}
	byID := map[int64]store.CrisisRecord{}
	for _, cr := range active {
		byID[cr.ID] = cr
	}
	added, err := c.Crisis.Remind(ctx)
	for _, e := range added {
		cr, ok := byID[e.CrisisID]
		if !ok {
			continue
		}
		due, _ := crisis.NextUpdate(cr, e.At)
		na := store.NewAlert{
			Kind: AlertCrisisUpdateDue, Severity: store.AlertWarning,
			Title:     fmt.Sprintf("Crisis status update overdue: %s", cr.Title),
			Summary:   e.Text,
			DedupeKey: fmt.Sprintf("crisis:%d:update_due:%d", cr.ID, due.UTC().Unix()),
			At:        e.At,
		}
		if _, rerr := c.Escalate.Raise(ctx, cr.Workspace, ActorCrisisReminders, na); rerr != nil {
			c.log().Error("crisis reminder alert", "workspace", cr.Workspace, "crisis", cr.ID, "err", rerr)
			err = errors.Join(err, rerr)
		} else {
			c.log().Info("crisis status update overdue", "workspace", cr.Workspace, "crisis", cr.ID, "due", due)
		}
	}
	if err != nil {
		return fmt.Errorf("crisis reminders: %w", err)
	}
	return nil
}

// Run ticks every interval (a minute when zero) until ctx ends.
func (c *CrisisReminders) Run(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := c.Tick(ctx); err != nil && ctx.Err() == nil {
			c.log().Warn("crisis reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
