// Package pipeline owns the one-way flow of an item after ingest: detect,
// decide by the workspace's policy, and queue the decided actions in the
// outbox, all recorded in one transaction per batch. It reads pending items
// from the store, so an item acknowledged before a crash is decided after
// the restart, and a batch decided twice is stored once.
package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Verdict is what a policy decided for one item.
type Verdict struct {
	Action        string // allow, review, hide, delete
	Rules         []string
	PolicyVersion string
	Actions       []Requested
	// Detail is the policy's full decision, stored for explanation.
	Detail any
}

// Requested is one action a rule asked for.
type Requested struct {
	Kind   act.Kind
	Params json.RawMessage
	RuleID string
}

// Policy decides on an analysed item.
type Policy interface {
	Evaluate(it ingest.Item, res detect.Result) Verdict
}

// Runtime is what the pipeline needs of a workspace.
type Runtime struct {
	Policy  Policy
	Context *detect.Context
}

// Resolver finds a workspace's runtime. Implementations cache compiled
// policies; the pipeline calls it for every batch.
type Resolver func(ctx context.Context, workspace string) (*Runtime, error)

// Processor decides pending items.
type Processor struct {
	Store   store.Store
	Engine  *detect.Engine
	Resolve Resolver
	Batch   int           // items per transaction; default 256
	Workers int           // detection goroutines; default GOMAXPROCS
	Poll    time.Duration // how often to look when idle; default 1 s
	Log     *slog.Logger

	// OnDecided, when set, observes every stored batch (metrics,
	// benchmarks, waking the outbox).
	OnDecided func([]store.Decision)
	// OnItemsDecided, when set, observes every stored batch with its
	// items, in the same order as the decisions (listening needs the
	// channel, author and text that decisions do not carry).
	OnItemsDecided func([]ingest.Item, []store.Decision)
	// Capable, when set, tells what the channel of an item can do: an
	// action its connected channel cannot carry out is not queued (see
	// Unavailable). Unset, every action the policy chose is queued.
	Capable Capable

	wake chan struct{}
	once sync.Once
}

func (p *Processor) init() {
	p.once.Do(func() {
		if p.Batch == 0 {
			p.Batch = 256
		}
		if p.Workers == 0 {
			p.Workers = runtime.GOMAXPROCS(0)
		}
		if p.Poll == 0 {
			p.Poll = time.Second
		}
		if p.Log == nil {
			p.Log = slog.Default()
		}
		p.wake = make(chan struct{}, 1)
	})
}

// Wake tells the processor that items are waiting.
func (p *Processor) Wake() {
	p.init()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run decides pending items until ctx ends. Detection of the next batch
// overlaps the commit of the one before (one saver goroutine, in order),
// so the detectors and the database writer work at the same time.
func (p *Processor) Run(ctx context.Context) error {
	p.init()
	type batch struct {
		items []ingest.Item
		ds    []store.Decision
	}
	toSave := make(chan batch, 1)
	var saveFailed atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range toSave {
			// A batch analysed is committed even while shutting down: the
			// commit is short, and redoing the work after restart is not.
			if err := p.save(context.WithoutCancel(ctx), b.items, b.ds); err != nil {
				if ctx.Err() == nil {
					p.Log.Error("pipeline: store decisions; the items stay pending and are read again", "err", err)
				}
				saveFailed.Store(true)
			}
		}
	}()
	defer func() { close(toSave); wg.Wait() }()
	// after is the newest item handed to the saver: item ids grow in
	// commit order, so the next read starts past the batches in flight.
	var after int64
	for {
		if saveFailed.Swap(false) {
			after = 0
		}
		items, err := p.Store.PendingItems(ctx, after, p.Batch)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			p.Log.Error("pipeline: read pending items", "err", err)
		}
		if len(items) > 0 {
			ds := p.analyze(ctx, items)
			after = items[len(items)-1].ID
			select {
			case toSave <- batch{items, ds}:
			case <-ctx.Done():
				return nil
			}
		}
		if len(items) == p.Batch {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.wake:
		case <-time.After(p.Poll):
		}
	}
}

// Step decides one batch of pending items and reports how many; Run does
// the same continuously.
func (p *Processor) Step(ctx context.Context) (int, error) {
	p.init()
	items, err := p.Store.PendingItems(ctx, 0, p.Batch)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	if err := p.save(ctx, items, p.analyze(ctx, items)); err != nil {
		return 0, err
	}
	return len(items), nil
}

// analyze runs detection and the policy over items on Workers goroutines.
func (p *Processor) analyze(ctx context.Context, items []ingest.Item) []store.Decision {
	decisions := make([]store.Decision, len(items))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < p.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				decisions[i] = p.decide(ctx, items[i])
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	return decisions
}

func (p *Processor) save(ctx context.Context, items []ingest.Item, ds []store.Decision) error {
	if err := p.Store.SaveDecisions(ctx, ds); err != nil {
		return err
	}
	if p.OnDecided != nil {
		p.OnDecided(ds)
	}
	if p.OnItemsDecided != nil {
		p.OnItemsDecided(items, ds)
	}
	return nil
}

// decide never fails: an item whose workspace cannot be resolved is sent
// to review with the reason, because an item must never be lost or stuck.
func (p *Processor) decide(ctx context.Context, it ingest.Item) store.Decision {
	d := store.Decision{ItemID: it.ID, Workspace: it.Workspace, DecidedAt: time.Now().UTC(), ItemReceivedAt: it.ReceivedAt}
	rt, err := p.Resolve(ctx, it.Workspace)
	if err != nil {
		p.Log.Error("no policy for workspace; item sent to review", "workspace", it.Workspace, "item", it.ID, "err", err)
		d.Action, d.Rules, d.Signals = "review", []string{}, []detect.Signal{}
		d.Detail, _ = json.Marshal(map[string]string{"error": fmt.Sprintf("policy unavailable: %v", err)})
		return d
	}
	res := p.Engine.Analyze(ctx, detect.Input{Text: it.Text, Lang: it.Lang, Context: rt.Context,
		Workspace: it.Workspace, AuthorID: it.AuthorID, Channel: it.Channel, At: it.CreatedAt})
	v := rt.Policy.Evaluate(it, res)
	v, gone, was := withinCapabilities(v, it.Workspace, it.Channel, p.Capable)
	d.Lang, d.Signals, d.Detectors = res.Lang, res.Signals, res.Versions
	d.Action, d.Rules, d.PolicyVersion = v.Action, v.Rules, v.PolicyVersion
	if v.Detail != nil || len(res.Errors) > 0 || len(gone) > 0 {
		detail := map[string]any{"policy": v.Detail, "detector_errors": res.Errors}
		if len(gone) > 0 {
			detail["unavailable"] = gone
		}
		if was != "" {
			detail["policy_verdict"] = was // what the policy chose before the channel's limits
		}
		d.Detail, _ = json.Marshal(detail)
	}
	for _, r := range v.Actions {
		d.Actions = append(d.Actions, act.Action{
			Workspace: it.Workspace, ItemID: it.ID, Channel: it.Channel, Kind: r.Kind, Params: r.Params, RuleID: r.RuleID,
			RequestedBy:    "policy",
			IdempotencyKey: act.Key("policy", it.Workspace, fmt.Sprint(it.ID), r.RuleID, string(r.Kind), string(r.Params)),
		})
	}
	return d
}
