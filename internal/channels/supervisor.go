package channels

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/store"
)

// SupervisorStore is what the supervisor needs of the store.
type SupervisorStore interface {
	store.Channels
	source.Checkpoints
	InsertItems(ctx context.Context, workspace string, items []ingest.Item, actor string) ([]store.InsertResult, error)
}

// Raiser raises an alert (alert.Escalator does, and notifies the rota).
type Raiser interface {
	Raise(ctx context.Context, workspace, actor string, na store.NewAlert) (store.Alert, error)
}

// ActorSupervisor is the actor name on what the supervisor records.
const ActorSupervisor = "channels"

// Supervisor keeps every enabled channel of every workspace running: one
// source.Runner per channel that reads, the actor of each channel that
// acts, and the webhook handler of each channel that is pushed to. It
// rebuilds a channel when its record changes (Reload, or every Poll), and
// raises an alert when a channel keeps failing or goes silent.
type Supervisor struct {
	Service *Service
	Store   SupervisorStore
	Alerts  Raiser // nil: health is recorded on the channel only
	Log     *slog.Logger
	// Ingested wakes the pipeline after items are stored.
	Ingested func(n int)
	// Poll is how often the records are re-read (default 1 min).
	Poll time.Duration
	// Silence is how long without an item makes a channel silent
	// (default 24 h; negative: never).
	Silence time.Duration
	// Runner tuning, passed to every source.Runner (0: its defaults).
	Failures         int
	MinWait, MaxWait time.Duration

	mu      sync.Mutex
	running map[string]*live // by channel id
	reload  chan struct{}
	once    sync.Once
}

// live is one built channel.
type live struct {
	ch      store.Channel
	kind    Kind
	actor   act.Actor
	hook    http.Handler
	cancel  context.CancelFunc
	done    chan struct{}
	buildOK bool
}

func (s *Supervisor) init() {
	s.once.Do(func() {
		s.running = map[string]*live{}
		s.reload = make(chan struct{}, 1)
		if s.Log == nil {
			s.Log = slog.Default()
		}
		if s.Poll <= 0 {
			s.Poll = time.Minute
		}
		if s.Silence == 0 {
			s.Silence = 24 * time.Hour
		}
	})
}

// Reload asks the supervisor to re-read the channel records now.
func (s *Supervisor) Reload() {
	s.init()
	select {
	case s.reload <- struct{}{}:
	default:
	}
}

// Run supervises until ctx ends, then stops every runner.
func (s *Supervisor) Run(ctx context.Context) error {
	s.init()
	defer s.stopAll()
	t := time.NewTicker(s.Poll)
	defer t.Stop()
	for {
		if err := s.Reconcile(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("channels: reading channel records", "err", err)
		}
		s.checkSilence(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-s.reload:
		case <-t.C:
		}
	}
}

// Reconcile starts, rebuilds and stops channels to match the records.
func (s *Supervisor) Reconcile(ctx context.Context) error {
	s.init()
	all, err := s.Store.ListChannels(ctx, "")
	if err != nil {
		return err
	}
	want := map[string]store.Channel{}
	for _, ch := range all {
		if ch.Enabled {
			want[ch.ID] = ch
		}
	}
	s.mu.Lock()
	var stop []*live
	for id, l := range s.running {
		if ch, ok := want[id]; !ok || !ch.UpdatedAt.Equal(l.ch.UpdatedAt) {
			stop = append(stop, l)
			delete(s.running, id)
		}
	}
	s.mu.Unlock()
	for _, l := range stop {
		l.stop()
	}
	for id, ch := range want {
		s.mu.Lock()
		_, ok := s.running[id]
		s.mu.Unlock()
		if ok {
			continue
		}
		l := s.start(ctx, ch)
		s.mu.Lock()
		s.running[id] = l
		s.mu.Unlock()
	}
	return nil
}

func (l *live) stop() {
	if l.cancel != nil {
		l.cancel()
		<-l.done
	}
}

func (s *Supervisor) stopAll() {
	s.mu.Lock()
	all := s.running
	s.running = map[string]*live{}
	s.mu.Unlock()
	for _, l := range all {
		l.stop()
	}
}

// start builds a channel and, when it reads, runs it. A channel that
// cannot be built (key missing, bad setting) is recorded as failing.
func (s *Supervisor) start(ctx context.Context, ch store.Channel) *live {
	l := &live{ch: ch}
	k, ok := Lookup(ch.Kind)
	if !ok {
		s.failed(ctx, ch, fmt.Sprintf("kind %q is not part of this build", ch.Kind))
		return l
	}
	l.kind = k
	cfg, err := s.Service.Config(ch)
	if err != nil {
		s.failed(ctx, ch, err.Error())
		return l
	}
	cfg.Log = s.Log.With("channel", cfg.Channel)
	b, err := k.New(cfg)
	if err != nil {
		s.failed(ctx, ch, "cannot connect: "+err.Error())
		return l
	}
	l.buildOK = true
	l.actor = b.Actor
	if k.Hook != nil {
		l.hook = k.Hook(cfg, s.sink(ch))
	}
	if b.Source == nil {
		return l
	}
	rctx, cancel := context.WithCancel(ctx)
	l.cancel, l.done = cancel, make(chan struct{})
	r := &source.Runner{
		Workspace: ch.Workspace,
		Source:    &observed{Source: b.Source, s: s, ch: ch},
		Store:     s.Store,
		Log:       s.Log.With("channel", cfg.Channel),
		Ingested:  s.Ingested,
		Unhealthy: func(_, reason string) { s.failed(rctx, ch, reason) },
		Failures:  s.Failures, MinWait: s.MinWait, MaxWait: s.MaxWait,
	}
	go func() {
		defer close(l.done)
		_ = r.Run(rctx)
	}()
	s.Log.Info("channels: reading", "channel", cfg.Channel, "kind", ch.Kind, "workspace", ch.Workspace)
	return l
}

// observed wraps a source to record its health on the channel: the time
// of the last batch, and the error it last stopped with.
type observed struct {
	source.Source
	s  *Supervisor
	ch store.Channel
	// last is when health was last written: at most once per
	// healthEvery, so a busy channel does not add a write per batch.
	last time.Time
}

const healthEvery = 30 * time.Second

func (o *observed) Run(ctx context.Context, cursor string, emit source.EmitFunc) error {
	err := o.Source.Run(ctx, cursor, func(ctx context.Context, items []ingest.Item, next string) error {
		if err := emit(ctx, items, next); err != nil {
			return err
		}
		if now := time.Now(); len(items) > 0 && now.Sub(o.last) >= healthEvery {
			o.last = now
			empty := ""
			_ = o.s.Store.SetChannelHealth(ctx, o.ch.Workspace, o.ch.ID, store.ChannelHealth{ItemAt: now, Err: &empty})
		}
		return nil
	})
	if err != nil && ctx.Err() == nil && time.Since(o.last) >= healthEvery {
		o.last = time.Now()
		msg := err.Error()
		_ = o.s.Store.SetChannelHealth(context.WithoutCancel(ctx), o.ch.Workspace, o.ch.ID, store.ChannelHealth{Err: &msg})
	}
	return err
}

// sink stores a pushed delivery and records the channel's health.
func (s *Supervisor) sink(ch store.Channel) Sink {
	name := ChannelName(ch.Kind, ch.ID)
	return func(ctx context.Context, items []ingest.Item) error {
		for i := range items {
			items[i].Channel = name
		}
		res, err := s.Store.InsertItems(ctx, ch.Workspace, items, "source:"+name)
		if err != nil {
			return fmt.Errorf("store %d items from %s: %w", len(items), name, err)
		}
		fresh := 0
		for _, r := range res {
			if !r.Duplicate {
				fresh++
			}
		}
		empty := ""
		_ = s.Store.SetChannelHealth(ctx, ch.Workspace, ch.ID, store.ChannelHealth{ItemAt: time.Now(), Err: &empty})
		if fresh > 0 && s.Ingested != nil {
			s.Ingested(fresh)
		}
		return nil
	}
}

// failed records a channel's error and raises a failing-channel alert.
func (s *Supervisor) failed(ctx context.Context, ch store.Channel, reason string) {
	s.Log.Warn("channels: channel failing", "channel", ChannelName(ch.Kind, ch.ID), "workspace", ch.Workspace, "reason", reason)
	_ = s.Store.SetChannelHealth(context.WithoutCancel(ctx), ch.Workspace, ch.ID, store.ChannelHealth{Err: &reason})
	s.raise(ctx, ch, store.AlertChannelFailing, store.AlertWarning, fmt.Sprintf("Channel %q keeps failing", ch.Name), reason)
}

func (s *Supervisor) raise(ctx context.Context, ch store.Channel, kind store.AlertKind, sev store.AlertSeverity, title, summary string) {
	if s.Alerts == nil {
		return
	}
	na := store.NewAlert{Kind: kind, Severity: sev, Title: title, Summary: summary,
		DedupeKey: string(kind) + ":" + ch.ID, At: time.Now(),
		Metrics: []store.AlertMetric{{Name: string(kind), Channel: ChannelName(ch.Kind, ch.ID)}}}
	if _, err := s.Alerts.Raise(context.WithoutCancel(ctx), ch.Workspace, ActorSupervisor, na); err != nil {
		s.Log.Error("channels: raising alert", "channel", ch.ID, "err", err)
	}
}

// checkSilence raises a silent-channel alert for every enabled channel
// with no item for Silence (since it was connected, if never).
func (s *Supervisor) checkSilence(ctx context.Context) {
	if s.Silence < 0 {
		return
	}
	all, err := s.Store.ListChannels(ctx, "")
	if err != nil {
		return
	}
	now := time.Now()
	for _, ch := range all {
		if !ch.Enabled {
			continue
		}
		if k, ok := Lookup(ch.Kind); ok && k.Quiet {
			continue
		}
		last := ch.LastItemAt
		if last.IsZero() {
			last = ch.CreatedAt
		}
		if d := now.Sub(last); d > s.Silence {
			s.raise(ctx, ch, store.AlertChannelSilent, store.AlertWarning, fmt.Sprintf("Channel %q is silent", ch.Name),
				fmt.Sprintf("nothing received for %s: check the connection — a silent channel is a risk, not a rest", d.Round(time.Minute)))
		}
	}
}

// Actor returns the actor of a connected, enabled channel by the name on
// its items; connected is false for any other channel name (the
// simulator's, an import's). A known channel that is disabled or could
// not be built is connected with a nil actor.
func (s *Supervisor) Actor(channel string) (actor act.Actor, connected bool) {
	s.init()
	_, id, ok := SplitChannelName(channel)
	if !ok {
		return nil, false
	}
	s.mu.Lock()
	l, ok := s.running[id]
	s.mu.Unlock()
	if ok && ChannelName(l.ch.Kind, l.ch.ID) == channel {
		return l.actor, true
	}
	// Not running (yet: the outbox recovers before the first reconcile;
	// or disabled, or removed): ask the store, and build the actor alone
	// so the outbox learns how it deduplicates.
	ch, err := s.Store.ChannelByID(context.Background(), id)
	if err != nil || ChannelName(ch.Kind, ch.ID) != channel {
		return nil, err != nil && !errors.Is(err, store.ErrNotFound)
	}
	if !ch.Enabled {
		return nil, true
	}
	k, ok := Lookup(ch.Kind)
	if !ok {
		return nil, true
	}
	cfg, err := s.Service.Config(ch)
	if err != nil {
		return nil, true
	}
	b, err := k.New(cfg)
	if err != nil {
		return nil, true
	}
	return b.Actor, true
}

// Hook returns the webhook handler of an enabled push channel of kind.
func (s *Supervisor) Hook(kind, id string) (http.Handler, bool) {
	s.init()
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.running[id]
	if !ok || l.hook == nil || l.ch.Kind != kind {
		return nil, false
	}
	return l.hook, true
}
