package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Dispatcher delivers messages in the background, retrying temporary
// failures with exponential backoff (or the receiver's Retry-After), and
// records every attempt.
type Dispatcher struct {
	Store     store.Alerts
	Notifiers map[string]Notifier // by route kind: email, matrix, slack, teams

	MaxAttempts int           // per message; 5 when zero
	Backoff     time.Duration // first wait; doubles each time; 2s when zero
	MaxBackoff  time.Duration // cap, also on Retry-After; 5m when zero
	Timeout     time.Duration // per attempt; 20s when zero
	// Sleep waits between attempts (tests pass one that does not).
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
	Log   *slog.Logger

	once    sync.Once
	queue   chan Message
	pending sync.WaitGroup
}

// queueSize bounds the messages waiting for a worker; beyond it Enqueue
// records a failure rather than block the caller (a detector mid-storm).
const queueSize = 1024

func (d *Dispatcher) init() {
	d.once.Do(func() {
		d.queue = make(chan Message, queueSize)
		if d.MaxAttempts <= 0 {
			d.MaxAttempts = 5
		}
		if d.Backoff <= 0 {
			d.Backoff = 2 * time.Second
		}
		if d.MaxBackoff <= 0 {
			d.MaxBackoff = 5 * time.Minute
		}
		if d.Timeout <= 0 {
			d.Timeout = 20 * time.Second
		}
		if d.Sleep == nil {
			d.Sleep = sleep
		}
		if d.Now == nil {
			d.Now = time.Now
		}
		if d.Log == nil {
			d.Log = slog.Default()
		}
	})
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Enqueue hands m to the workers without waiting.
func (d *Dispatcher) Enqueue(ctx context.Context, m Message) {
	d.init()
	d.pending.Add(1)
	select {
	case d.queue <- m:
	default:
		d.pending.Done()
		d.record(ctx, m, 1, store.DeliveryFailed, &DeliveryError{Err: errors.New("delivery queue full")})
	}
}

// Run delivers queued messages with workers until ctx ends.
func (d *Dispatcher) Run(ctx context.Context, workers int) {
	d.init()
	if workers <= 0 {
		workers = 4
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case m := <-d.queue:
					d.Deliver(ctx, m)
					d.pending.Done()
				}
			}
		})
	}
	wg.Wait()
}

// Wait blocks until every enqueued message was delivered or given up.
func (d *Dispatcher) Wait() { d.pending.Wait() }

// Deliver sends m now, retrying as needed, and returns the last error.
func (d *Dispatcher) Deliver(ctx context.Context, m Message) error {
	d.init()
	n, ok := d.Notifiers[m.Route.Kind]
	if !ok {
		err := &DeliveryError{Err: fmt.Errorf("no %s notifier configured", m.Route.Kind)}
		d.record(ctx, m, 1, store.DeliveryFailed, err)
		return err
	}
	wait := d.Backoff
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, d.Timeout)
		err := n.Notify(actx, m)
		cancel()
		if err == nil {
			d.record(ctx, m, attempt, store.DeliverySent, nil)
			return nil
		}
		var de *DeliveryError
		if !errors.As(err, &de) {
			de = &DeliveryError{Temporary: true, Err: err}
		}
		if !de.Temporary || attempt >= d.MaxAttempts || ctx.Err() != nil {
			d.record(ctx, m, attempt, store.DeliveryFailed, de)
			d.Log.Warn("alert delivery failed", "alert", m.Alert.ID, "route", m.Route.Kind, "attempts", attempt, "err", de)
			return fmt.Errorf("deliver alert %d to %s: %w", m.Alert.ID, m.Route.Kind, err)
		}
		d.record(ctx, m, attempt, store.DeliveryRetry, de)
		pause := wait
		if de.RetryAfter > 0 {
			pause = de.RetryAfter
		}
		pause = min(pause, d.MaxBackoff)
		wait = min(wait*2, d.MaxBackoff)
		if err := d.Sleep(ctx, pause); err != nil {
			return fmt.Errorf("deliver alert %d: %w", m.Alert.ID, err)
		}
	}
}

func (d *Dispatcher) record(ctx context.Context, m Message, attempt int, status string, de *DeliveryError) {
	del := store.AlertDelivery{AlertID: m.Alert.ID, Level: m.Level, Recipient: strings.Join(m.Recipients, ", "),
		Route: m.Route.String(), Attempt: attempt, Status: status, At: d.Now()}
	if de != nil {
		del.HTTPStatus = de.Code
		del.Error = truncate(de.Error(), 500)
	}
	if status == store.DeliverySent {
		del.HTTPStatus = 0
	}
	// Recorded even when the caller's context ended (shutdown), so the
	// attempt is not lost from the record.
	if _, err := d.Store.RecordDelivery(context.WithoutCancel(ctx), m.Alert.Workspace, del); err != nil {
		d.Log.Error("record alert delivery", "alert", m.Alert.ID, "err", err)
	}
}
