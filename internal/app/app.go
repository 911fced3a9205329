// Package app is the composition root: it wires the store, detectors,
// policy resolver, pipeline, outbox worker, HTTP server and demo simulator
// together from a Config, runs them, and shuts them down in order.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/crisis"
	"github.com/stormwatch/stormwatch/internal/desk"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/server"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// App is a running Stormwatch.
type App struct {
	Cfg       config.Config
	Log       *slog.Logger
	Store     store.Store
	Engine    *detect.Engine
	Processor *pipeline.Processor
	Worker    *act.Worker
	Server    *server.Server
	Metrics   *server.Metrics
	Cases     *cases.Service
	Replies   *replies.Service
	Auth      *auth.Service
	Desk      *desk.Desk
	// Alerts: the delivery queue, the escalator that raises alerts to
	// the people on call, and listening, which raises them.
	AlertConfig alert.Config
	Dispatcher  *alert.Dispatcher
	Escalator   *alert.Escalator
	Listener    *Listener
	// Channels changes the connected channels; Supervisor runs them.
	Channels   *channels.Service
	Supervisor *channels.Supervisor
	// Drills runs tabletop drills in sandbox workspaces (see drills.go).
	Drills *drill.Service

	// DemoToken is the demo workspace's API token when Cfg.Demo is set.
	DemoToken string
	// OnDecided, when set before Run, observes every stored decision batch.
	OnDecided func([]store.Decision)
	// Stderr receives what is printed once for a person (the demo
	// admin's generated password); os.Stderr when nil.
	Stderr io.Writer

	running atomic.Bool
	// effects is the dry-run actor's stand-in platform.
	effects *sqlite.EffectLog
}

// OpenStore opens the store the configuration names.
func OpenStore(ctx context.Context, cfg config.Config) (store.Store, error) {
	switch {
	case cfg.DatabaseURL == "" || strings.HasPrefix(cfg.DatabaseURL, "sqlite:"):
		return sqlite.Open(ctx, cfg.DatabasePath())
	case strings.HasPrefix(cfg.DatabaseURL, "postgres://"), strings.HasPrefix(cfg.DatabaseURL, "postgresql://"):
		return nil, errors.New("STORMWATCH_DATABASE_URL: the PostgreSQL store is not part of this build yet; leave it empty for the embedded SQLite database")
	}
	return nil, fmt.Errorf("STORMWATCH_DATABASE_URL: unknown scheme in %q (want sqlite:PATH or empty)", redact(cfg.DatabaseURL))
}

func redact(u string) string {
	if i := strings.Index(u, "@"); i >= 0 {
		if j := strings.Index(u, "://"); j >= 0 && j < i {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}

// New opens the store and builds every part; nothing runs until Run.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, engine *detect.Engine) (*App, error) {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, Log: log, Store: st, Engine: engine}
	if cfg.Demo {
		tok, err := EnsureDemo(ctx, st, cfg)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("demo workspace: %w", err)
		}
		a.DemoToken = tok
	}
	a.Auth, err = auth.NewService(st, auth.Config{InsecureCookies: cfg.InsecureCookies(), SecretKey: cfg.SecretKey})
	if err != nil {
		st.Close()
		return nil, err
	}
	if cfg.Demo {
		out := io.Writer(os.Stderr)
		if a.Stderr != nil {
			out = a.Stderr
		}
		if err := EnsureDemoAdmin(ctx, st, a.Auth, cfg.DemoAdminPassword, out); err != nil {
			st.Close()
			return nil, err
		}
	}
	if a.AlertConfig, err = alert.ConfigFromEnv(os.Getenv); err != nil {
		st.Close()
		return nil, err
	}
	a.Dispatcher = &alert.Dispatcher{Store: st, Notifiers: a.AlertConfig.Notifiers(&http.Client{Timeout: 30 * time.Second}), Log: log.With("component", "alert")}
	if len(a.Dispatcher.Notifiers) == 0 {
		log.Info("alert delivery is off: no STORMWATCH_ALERT_* route is configured; alerts are stored and shown in the desk")
	}
	a.Escalator = &alert.Escalator{Store: st, Dispatch: a.Dispatcher, BaseURL: a.AlertConfig.BaseURL, Log: log.With("component", "alert")}
	a.Listener = &Listener{Store: st, Escalate: a.Escalator, Log: log.With("component", "listen")}
	if err := a.setupChannels(ctx); err != nil {
		st.Close()
		return nil, err
	}
	a.Cases = &cases.Service{Store: st}
	a.Replies = replies.New(st, replies.NewToneChecker(nil))
	if cfg.Demo {
		if _, err := a.Replies.SeedStarterLibrary(ctx, DemoWorkspace); err != nil {
			st.Close()
			return nil, fmt.Errorf("demo reply templates: %w", err)
		}
	}
	a.setupOutbound(ctx)
	a.Desk, err = desk.New(desk.Options{Store: st, Auth: a.Auth, Log: log.With("component", "desk"), Cases: a.Cases, Replies: a.Replies, Channels: a.Channels, ChannelHooks: a.Supervisor,
		PublicURL: publicURL(cfg)})
	if err != nil {
		st.Close()
		return nil, err
	}
	effects, err := sqlite.OpenEffectLog(ctx, filepath.Join(cfg.DataDir, "dryrun-effects.db"))
	if err != nil {
		st.Close()
		return nil, err
	}
	a.effects = effects
	a.Metrics = server.NewMetrics(st)
	res := newResolver(st, 5*time.Second)
	a.Worker = &act.Worker{
		Outbox: st,
		Route:  a.route(act.DryRun{Log: effects, Latency: cfg.DryRunLatency}),
		Log:    log.With("component", "outbox"),
		OnOutcome: func(ac act.Action, o act.Outcome) {
			a.Metrics.ActionOutcomes.WithLabelValues(string(ac.Kind), string(o.Status)).Inc()
		},
	}
	a.Processor = &pipeline.Processor{
		Store: st, Engine: engine, Resolve: res.Resolve, Log: log.With("component", "pipeline"),
		Capable: channelCapable, // an action the item's connected channel cannot do is not queued
		OnDecided: func(ds []store.Decision) {
			now := time.Now()
			queued := false
			for _, d := range ds {
				a.Metrics.Decisions.WithLabelValues(d.Action).Inc()
				a.Metrics.DecisionLatency.Observe(now.Sub(d.ItemReceivedAt).Seconds())
				queued = queued || len(d.Actions) > 0
			}
			if queued {
				a.Worker.Wake()
			}
			a.Desk.Notify(ds)
			if a.OnDecided != nil {
				a.OnDecided(ds)
			}
		},
		OnItemsDecided: func(items []ingest.Item, ds []store.Decision) {
			a.Listener.Enqueue(items, ds)
		},
	}
	a.wireDrills()
	a.wireFollowUps()
	a.Server = &server.Server{
		Store: st, Log: log.With("component", "http"), Metrics: a.Metrics, MaxBodyBytes: cfg.MaxBodyBytes,
		Ingested: a.Processor.Wake,
		Desk:     a.Desk, Auth: a.Auth, TrustedOrigins: cfg.TrustedOrigins,
		Ready: func() error {
			if !a.running.Load() {
				return errors.New("background workers are not running")
			}
			return nil
		},
	}
	return a, nil
}

// route sends escalations to cases and everything else to the channel's
// connector, or to the dry-run actor (channels.go says when).
func (a *App) route(dry act.Actor) act.Router {
	return a.channelRoute(dry, caseActor{a})
}

// Run serves until ctx ends, then shuts down in order: stop taking
// requests, let in-flight ones finish, stop the workers, close the store.
func (a *App) Run(ctx context.Context, ln net.Listener) error {
	if err := a.Worker.Recover(ctx); err != nil {
		return errors.Join(err, a.Close())
	}
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{a.Processor.Run, a.Worker.Run, a.purgeSessions, a.Supervisor.Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(workCtx); err != nil {
				a.Log.Error("worker stopped", "err", err)
			}
		}()
	}
	// Alerting outlives the pipeline's last batch: stopped after it.
	alertCtx, stopAlerts := context.WithCancel(context.WithoutCancel(ctx))
	var alertWG sync.WaitGroup
	alertWG.Go(func() { a.Dispatcher.Run(alertCtx, 4) })
	alertWG.Go(func() { a.Escalator.Run(alertCtx, a.AlertConfig.Tick) })
	alertWG.Go(func() { a.runDrills(alertCtx) })
	reminders := &CrisisReminders{Crisis: &crisis.Service{Store: a.Store}, Store: a.Store, Escalate: a.Escalator, Log: a.Log.With("component", "crisis")}
	alertWG.Go(func() { reminders.Run(alertCtx, time.Minute) })
	alertWG.Go(func() { a.runRegistryWatch(alertCtx, 0) })
	alertWG.Go(func() {
		if err := a.Listener.Run(alertCtx, time.Minute); err != nil {
			a.Log.Error("listening stopped", "err", err)
		}
	})
	a.running.Store(true)

	srv := &http.Server{Handler: a.Server.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	srvErr := make(chan error, 1)
	go func() { srvErr <- srv.Serve(ln) }()
	a.Log.Info("stormwatch is serving", "addr", "http://"+ln.Addr().String(), "database", a.Cfg.DatabasePath())

	if a.Cfg.Demo && a.Cfg.SimulatorRate > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.runSimulator(workCtx, "http://"+ln.Addr().String()); err != nil && workCtx.Err() == nil {
				a.Log.Error("simulator stopped", "err", err)
			}
		}()
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-srvErr:
		err = fmt.Errorf("http server: %w", err)
	}
	a.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), a.Cfg.ShutdownTimeout)
	defer cancel()
	if serr := srv.Shutdown(shutCtx); serr != nil {
		a.Log.Warn("http shutdown", "err", serr)
	}
	a.running.Store(false)
	stopWork()
	wg.Wait()
	stopAlerts()
	alertWG.Wait()
	return errors.Join(err, a.Close())
}

// purgeSessions deletes expired desk sessions every hour.
func (a *App) purgeSessions(ctx context.Context) error {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.Auth.PurgeExpired(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("purge sessions", "err", err)
		} else if n > 0 {
			a.Log.Debug("purged sessions", "count", n)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Close releases the store when Run was never called.
func (a *App) Close() error { return errors.Join(a.Store.Close(), a.effects.Close()) }

// caseActor carries out escalations inside Stormwatch.
type caseActor struct{ a *App }

func (caseActor) Can(k act.Kind) bool { return k == act.Escalate }
func (caseActor) Deduplicates() bool  { return true } // OpenCase is idempotent by key

func (c caseActor) Execute(ctx context.Context, ac act.Action, _ ingest.Item) (string, error) {
	id, err := c.a.Store.OpenCase(ctx, ac)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("item added to case %d", id), nil
}
