package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// ActorEscalator is the audit actor of automatic escalation steps.
const ActorEscalator = "escalator"

// Escalator raises alerts to the people on call and escalates those not
// acknowledged in time. Tick is driven by Run's ticker in production and
// called directly, with a fake Now, in tests.
type Escalator struct {
	Store    store.Alerts
	Dispatch *Dispatcher
	Now      func() time.Time
	// BaseURL is the desk's address (https://stormwatch.example.org) for
	// links in notifications; empty leaves links out.
	BaseURL string
	Log     *slog.Logger
}

func (e *Escalator) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Escalator) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.Default()
}

// Raise stores an alert for the workspace and, if it is new, notifies the
// first level on call. Repeats of an open alert (same dedupe key) notify
// nobody again. Delivery happens in the background.
func (e *Escalator) Raise(ctx context.Context, workspace, actor string, na store.NewAlert) (store.Alert, error) {
	if na.At.IsZero() {
		na.At = e.now()
	}
	a, created, err := e.Store.OpenAlert(ctx, workspace, na, actor)
	if err != nil {
		return a, fmt.Errorf("raise alert: %w", err)
	}
	if created {
		if a, err = e.notify(ctx, a); err != nil {
			return a, fmt.Errorf("raise alert %d: %w", a.ID, err)
		}
	}
	return a, nil
}

// Acknowledge records that actor took the alert, which stops escalation.
func (e *Escalator) Acknowledge(ctx context.Context, workspace string, id int64, actor string) (store.Alert, error) {
	return e.Store.AcknowledgeAlert(ctx, workspace, id, actor, e.now())
}

// Tick escalates every alert whose current level let its timeout pass:
// the next level is notified, or the last level reminded.
func (e *Escalator) Tick(ctx context.Context) error {
	alerts, err := e.Store.UnacknowledgedAlerts(ctx)
	if err != nil {
		return fmt.Errorf("escalation tick: %w", err)
	}
	now := e.now()
	rotas := map[string]*Rota{}
	var errs []error
	for _, a := range alerts {
		r, ok := rotas[a.Workspace]
		if !ok {
			r, _ = e.rota(ctx, a.Workspace)
			rotas[a.Workspace] = r
		}
		if r == nil || a.EscalationLevel >= len(r.Levels) {
			continue
		}
		if now.Sub(a.LevelSince) < time.Duration(r.Levels[a.EscalationLevel].AckWithin) {
			continue
		}
		to := min(a.EscalationLevel+1, len(r.Levels)-1)
		reason := fmt.Sprintf("not acknowledged within %s at level %d", time.Duration(r.Levels[a.EscalationLevel].AckWithin), a.EscalationLevel+1)
		if to == a.EscalationLevel {
			reason += ": reminding the last level"
		}
		a, err := e.Store.EscalateAlert(ctx, a.Workspace, a.ID, a.EscalationLevel, to, reason, ActorEscalator, now)
		if errors.Is(err, store.ErrConflict) {
			continue // acknowledged meanwhile, or another escalator was first
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, err := e.notify(ctx, a); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Run calls Tick every interval until ctx ends.
func (e *Escalator) Run(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = 30 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := e.Tick(ctx); err != nil {
				e.log().Error("alert escalation", "err", err)
			}
		}
	}
}

func (e *Escalator) rota(ctx context.Context, workspace string) (*Rota, error) {
	doc, err := e.Store.Rota(ctx, workspace)
	if err != nil {
		return nil, err
	}
	r, err := ParseRota(doc.Doc)
	if err != nil {
		// SetRota callers validate first; a stored rota that no longer
		// parses (say, an unknown time zone) must still be seen.
		e.log().Error("alert rota unusable", "workspace", workspace, "err", err)
		return nil, err
	}
	return r, nil
}

// notify enqueues the alert for everyone on call at its level now. When
// nobody at that level is on call (the weekday team on a Saturday), the
// alert moves on at once to the next level, audited as such.
func (e *Escalator) notify(ctx context.Context, a store.Alert) (store.Alert, error) {
	r, err := e.rota(ctx, a.Workspace)
	if err != nil {
		// Nobody can be reached: say so in the delivery record, which
		// the desk shows, rather than lose the alert silently.
		e.dispatch().record(ctx, Message{Alert: a, Level: a.EscalationLevel, Route: Route{Kind: "none"}}, 1, store.DeliveryFailed,
			&DeliveryError{Err: fmt.Errorf("no usable on-call rota: %w", err)})
		return a, nil
	}
	now := e.now()
	for {
		people := r.OnCall(a.EscalationLevel, now)
		if len(people) > 0 || a.EscalationLevel+1 >= len(r.Levels) {
			e.enqueue(ctx, r, a, people)
			return a, nil
		}
		a, err = e.Store.EscalateAlert(ctx, a.Workspace, a.ID, a.EscalationLevel, a.EscalationLevel+1,
			fmt.Sprintf("nobody on call at level %d", a.EscalationLevel+1), ActorEscalator, now)
		if err != nil {
			if errors.Is(err, store.ErrConflict) {
				return a, nil // acknowledged meanwhile
			}
			return a, err
		}
	}
}

func (e *Escalator) dispatch() *Dispatcher {
	e.Dispatch.init()
	return e.Dispatch
}

// enqueue sends one message per distinct route: two people behind the same
// Slack webhook get one post naming both.
func (e *Escalator) enqueue(ctx context.Context, r *Rota, a store.Alert, people []Person) {
	level := r.Levels[a.EscalationLevel]
	var order []string
	byRoute := map[string]*Message{}
	for _, p := range people {
		for _, rt := range p.Routes {
			k := rt.String()
			m, ok := byRoute[k]
			if !ok {
				m = &Message{Alert: a, Level: a.EscalationLevel, LevelName: level.Name, Route: rt}
				if e.BaseURL != "" {
					base := strings.TrimRight(e.BaseURL, "/") + "/w/" + url.PathEscape(a.Workspace)
					m.Link = fmt.Sprintf("%s/alerts/%d", base, a.ID)
					m.ItemLink = func(id int64) string { return fmt.Sprintf("%s/items/%d", base, id) }
				}
				byRoute[k] = m
				order = append(order, k)
			}
			m.Recipients = append(m.Recipients, p.Name)
		}
	}
	if len(order) == 0 {
		e.dispatch().record(ctx, Message{Alert: a, Level: a.EscalationLevel, Route: Route{Kind: "none"}}, 1, store.DeliveryFailed,
			&DeliveryError{Err: fmt.Errorf("nobody on call at level %d now", a.EscalationLevel+1)})
		return
	}
	for _, k := range order {
		e.dispatch().Enqueue(ctx, *byRoute[k])
	}
}
