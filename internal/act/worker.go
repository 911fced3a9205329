package act

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Router picks the actor for an action, usually by its channel. It returns
// nil when no actor serves that channel.
type Router func(a Action) Actor

// Backoff computes the wait before attempt n+1 after n failed attempts:
// exponential from Base, capped at Max, with ±Jitter so that many actions
// failing together do not retry together.
type Backoff struct {
	Base   time.Duration
	Max    time.Duration
	Jitter float64 // 0.2 = ±20 %
}

// DefaultBackoff suits platform APIs: 2 s, 4 s, 8 s ... up to 10 minutes.
var DefaultBackoff = Backoff{Base: 2 * time.Second, Max: 10 * time.Minute, Jitter: 0.2}

// Delay returns the wait after the n-th failed attempt (n >= 1).
func (b Backoff) Delay(n int) time.Duration {
	d := b.Base
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	if d > b.Max {
		d = b.Max
	}
	if b.Jitter > 0 {
		d = time.Duration(float64(d) * (1 + b.Jitter*(2*rand.Float64()-1)))
	}
	return d
}

// Worker drains the outbox.
type Worker struct {
	Outbox      Outbox
	Route       Router
	Backoff     Backoff
	MaxAttempts int           // attempts before an action fails for good; default 8
	Timeout     time.Duration // per attempt; default 30 s
	Batch       int           // actions claimed at once; default 64
	Concurrency int           // attempts in flight; default 4
	Poll        time.Duration // how often to look when idle; default 500 ms
	Log         *slog.Logger
	Now         func() time.Time

	// OnOutcome, when set, observes every finished attempt (metrics).
	OnOutcome func(a Action, o Outcome)

	wake chan struct{}
	once sync.Once
}

func (w *Worker) init() {
	w.once.Do(func() {
		if w.MaxAttempts == 0 {
			w.MaxAttempts = 8
		}
		if w.Timeout == 0 {
			w.Timeout = 30 * time.Second
		}
		if w.Batch == 0 {
			w.Batch = 64
		}
		if w.Concurrency == 0 {
			w.Concurrency = 4
		}
		if w.Poll == 0 {
			w.Poll = 500 * time.Millisecond
		}
		if w.Backoff == (Backoff{}) {
			w.Backoff = DefaultBackoff
		}
		if w.Log == nil {
			w.Log = slog.Default()
		}
		if w.Now == nil {
			w.Now = time.Now
		}
		w.wake = make(chan struct{}, 1)
	})
}

// Wake tells the worker new actions are waiting, so it need not wait for
// its next poll.
func (w *Worker) Wake() {
	w.init()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Recover settles actions left running by a crash: retried when their
// actor deduplicates by idempotency key, otherwise marked unknown.
func (w *Worker) Recover(ctx context.Context) error {
	w.init()
	running, err := w.Outbox.RunningActions(ctx)
	if err != nil {
		return fmt.Errorf("recover outbox: %w", err)
	}
	for _, a := range running {
		o := Outcome{ActionID: a.ID, Status: Pending, NextAttemptAt: w.Now(), Err: "interrupted while running; retried under the same idempotency key"}
		if actor := w.Route(a); actor == nil || !deduplicates(actor, a.Kind) {
			o = Outcome{ActionID: a.ID, Status: Unknown, Err: "interrupted while running on a channel that cannot deduplicate: check on the platform whether it happened"}
		}
		if err := w.Outbox.FinishActions(ctx, o); err != nil {
			return fmt.Errorf("recover action %d: %w", a.ID, err)
		}
		w.Log.Warn("outbox action interrupted by a restart", "action", a.ID, "kind", a.Kind, "status", o.Status)
	}
	return nil
}

// KindDeduplicator is an Actor whose safety to retry differs by kind (a
// platform with an idempotency key for replies but none for reports).
type KindDeduplicator interface {
	DeduplicatesKind(kind Kind) bool
}

// deduplicates reports whether running an interrupted action of kind again
// is safe on actor.
func deduplicates(actor Actor, kind Kind) bool {
	if k, ok := actor.(KindDeduplicator); ok {
		return k.DeduplicatesKind(kind)
	}
	return actor.Deduplicates()
}

// Run drains the outbox until ctx ends. Call Recover first.
func (w *Worker) Run(ctx context.Context) error {
	w.init()
	for {
		n, err := w.RunOnce(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.Log.Error("claim outbox actions", "err", err)
		}
		if n == w.Batch {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-w.wake:
		case <-time.After(w.Poll):
		}
	}
}

// RunOnce claims the actions due now (up to Batch), attempts them with
// Concurrency in flight, and records all outcomes in one transaction.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.init()
	claims, err := w.Outbox.ClaimActions(ctx, w.Now(), w.Batch)
	if err != nil || len(claims) == 0 {
		return 0, err
	}
	outcomes := make([]Outcome, 0, len(claims))
	var mu sync.Mutex
	sem := make(chan struct{}, w.Concurrency)
	var wg sync.WaitGroup
claim:
	for _, c := range claims {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			// Claimed but not started: left running, and Recover
			// returns them to pending on the next start.
			break claim
		}
		wg.Add(1)
		go func(c Claim) {
			defer func() { <-sem; wg.Done() }()
			o := w.execute(ctx, c.Action, c.Item)
			mu.Lock()
			outcomes = append(outcomes, o)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	w.record(ctx, claims, outcomes)
	return len(claims), nil
}

// record stores outcomes even while shutting down: the effects may have
// happened and must not be forgotten. If the batch cannot be written, each
// is tried alone so one bad record does not hold back the others.
func (w *Worker) record(ctx context.Context, claims []Claim, outcomes []Outcome) {
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := w.Outbox.FinishActions(fctx, outcomes...); err != nil {
		w.Log.Error("record outbox outcomes; recording one by one", "err", err)
		kept := outcomes[:0]
		for _, o := range outcomes {
			if err := w.Outbox.FinishActions(fctx, o); err != nil {
				w.Log.Error("record outbox outcome", "action", o.ActionID, "err", err)
				continue
			}
			kept = append(kept, o)
		}
		outcomes = kept
	}
	if w.OnOutcome == nil {
		return
	}
	byID := make(map[int64]Action, len(claims))
	for _, c := range claims {
		byID[c.Action.ID] = c.Action
	}
	for _, o := range outcomes {
		w.OnOutcome(byID[o.ActionID], o)
	}
}

func (w *Worker) execute(ctx context.Context, a Action, item ingest.Item) Outcome {
	actor := w.Route(a)
	if actor == nil {
		return Outcome{ActionID: a.ID, Status: Failed, Err: fmt.Sprintf("no connector serves channel %q", a.Channel)}
	}
	if !actor.Can(a.Kind) {
		return Outcome{ActionID: a.ID, Status: Failed, Err: fmt.Sprintf("channel %q cannot %s", a.Channel, a.Kind)}
	}
	actx, cancel := context.WithTimeout(ctx, w.Timeout)
	result, err := actor.Execute(actx, a, item)
	cancel()
	if err == nil {
		return Outcome{ActionID: a.ID, Status: Done, Result: result}
	}
	attempts := a.Attempts // already counts this attempt: ClaimActions increments it
	switch {
	case IsPermanent(err):
		return Outcome{ActionID: a.ID, Status: Failed, Err: err.Error()}
	case attempts >= w.MaxAttempts:
		return Outcome{ActionID: a.ID, Status: Failed, Err: fmt.Sprintf("gave up after %d attempts: %v", attempts, err)}
	}
	delay := w.Backoff.Delay(attempts)
	var ra retryAfterError
	if errors.As(err, &ra) && ra.after > delay {
		delay = ra.after
	}
	w.Log.Info("outbox action will be retried", "action", a.ID, "kind", a.Kind, "attempt", attempts, "in", delay, "err", err)
	return Outcome{ActionID: a.ID, Status: Pending, Err: err.Error(), NextAttemptAt: w.Now().Add(delay)}
}
