// Package source defines what a channel connector is — something that
// reads items from a platform and acts there — and runs sources with
// checkpointed cursors, so that a restart resumes without losing or
// repeating anything. Each platform's connector lives in a package below
// this one (source/bluesky, source/mastodon, ...).
package source

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Capability is something a channel can do. The desk and the policy
// offer only what the channel declares.
type Capability string

// Capabilities a connector may declare.
const (
	ReadReplies  Capability = "read_replies"
	ReadMentions Capability = "read_mentions"
	ReadMessages Capability = "read_messages"
	Hide         Capability = "hide"
	Delete       Capability = "delete"
	Reply        Capability = "reply"
	Block        Capability = "block"
	Mute         Capability = "mute"
	Report       Capability = "report"
	Publish      Capability = "publish"
)

// Source reads items from one channel.
type Source interface {
	// Channel is the channel's stable name, e.g. "bluesky:clinic.example".
	Channel() string
	Capabilities() []Capability
	// Run reads from cursor ("" = from now or the platform's default) until
	// ctx ends or reading fails. It hands each batch to emit with the
	// cursor that follows it; emit returns only once the items and the
	// cursor are durably stored together, so a source must not advance
	// past a batch whose emit failed.
	Run(ctx context.Context, cursor string, emit EmitFunc) error
}

// EmitFunc stores a batch of items with the cursor after it.
type EmitFunc func(ctx context.Context, items []ingest.Item, cursor string) error

// Connector is a channel that can both be read and acted on.
type Connector interface {
	Source
	act.Actor
}

// Has reports whether caps includes c.
func Has(caps []Capability, c Capability) bool {
	for _, x := range caps {
		if x == c {
			return true
		}
	}
	return false
}

// Checkpoints is the durable side of a Runner, implemented by the store:
// the cursor of each channel, saved in the same transaction as the items
// read before it.
type Checkpoints interface {
	Cursor(ctx context.Context, workspace, channel string) (string, error)
	InsertItemsAt(ctx context.Context, workspace string, items []ingest.Item, channel, cursor, actor string) error
}

// Runner keeps a source running for a workspace: it resumes from the saved
// cursor, restarts the source with backoff and jitter when it fails, and
// reports a channel that keeps failing or goes silent.
type Runner struct {
	Workspace string
	Source    Source
	Store     Checkpoints
	Log       *slog.Logger
	// Ingested is called after each stored batch (to wake the pipeline).
	Ingested func(n int)
	// Unhealthy is called when the source has failed Failures times in a
	// row, or emitted nothing for Silence; nil ignores.
	Unhealthy func(channel, reason string)
	Failures  int           // default 5
	Silence   time.Duration // 0 = never
	MinWait   time.Duration // default 1 s
	MaxWait   time.Duration // default 5 min
}

// Run runs the source until ctx ends.
func (r *Runner) Run(ctx context.Context) error {
	if r.Failures == 0 {
		r.Failures = 5
	}
	if r.MinWait == 0 {
		r.MinWait = time.Second
	}
	if r.MaxWait == 0 {
		r.MaxWait = 5 * time.Minute
	}
	if r.Log == nil {
		r.Log = slog.Default()
	}
	channel := r.Source.Channel()
	lastEmit := time.Now()
	// progressed: the source stored something since its last failure. A
	// long-lived source (a stream) only returns on error, so "failures in
	// a row" must count from its last success, not from the start.
	progressed := false
	emit := func(ctx context.Context, items []ingest.Item, cursor string) error {
		for i := range items {
			items[i].Channel = channel
		}
		if err := r.Store.InsertItemsAt(ctx, r.Workspace, items, channel, cursor, "source:"+channel); err != nil {
			return fmt.Errorf("store %d items from %s: %w", len(items), channel, err)
		}
		lastEmit = time.Now()
		progressed = true
		if r.Ingested != nil && len(items) > 0 {
			r.Ingested(len(items))
		}
		return nil
	}
	failures := 0
	wait := r.MinWait
	for ctx.Err() == nil {
		cursor, err := r.Store.Cursor(ctx, r.Workspace, channel)
		if err == nil {
			err = r.Source.Run(ctx, cursor, emit)
		}
		if ctx.Err() != nil {
			return nil
		}
		if err == nil {
			failures, wait = 0, r.MinWait
			continue
		}
		if progressed {
			failures, wait = 0, r.MinWait
		}
		progressed = false
		failures++
		var ra interface{ RetryAfter() time.Duration }
		delay := wait
		if errors.As(err, &ra) && ra.RetryAfter() > delay {
			delay = ra.RetryAfter()
		}
		delay = time.Duration(float64(delay) * (0.8 + 0.4*rand.Float64()))
		r.Log.Warn("source failed; restarting", "channel", channel, "failures", failures, "in", delay, "err", err)
		if failures == r.Failures && r.Unhealthy != nil {
			r.Unhealthy(channel, fmt.Sprintf("%d failures in a row, last: %v", failures, err))
		}
		if r.Silence > 0 && time.Since(lastEmit) > r.Silence && r.Unhealthy != nil {
			r.Unhealthy(channel, fmt.Sprintf("nothing received for %s", time.Since(lastEmit).Round(time.Second)))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
		wait = min(wait*2, r.MaxWait)
	}
	return nil
}
