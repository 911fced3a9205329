// Package act owns what is done on the platforms: the Action a decision or a
// person asks for, the Actor interface every connector implements to carry
// actions out, and the outbox Worker that runs them with retries, backoff and
// idempotency keys so that an action's effect happens at most once.
//
// An action is written to the outbox (in the same transaction as the
// decision that asked for it) before anything runs. The worker claims it,
// marks it running, calls the actor with its idempotency key, and records
// the outcome. After a crash, an action found running is retried only when
// its actor deduplicates by idempotency key; otherwise it is marked unknown
// for a person to check, because running it again could do it twice.
package act

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Kind is what an action does.
type Kind string

// The kinds of action. Review and allow are verdicts, not actions: they
// change no platform and never reach the outbox.
const (
	Hide         Kind = "hide"
	Unhide       Kind = "unhide"
	Delete       Kind = "delete"
	Reply        Kind = "reply"
	NotifyAuthor Kind = "notify_author"
	Block        Kind = "block"
	Report       Kind = "report"
	Mute         Kind = "mute"
	Escalate     Kind = "escalate" // open or extend a case; carried out inside Stormwatch
	// Publish posts the organization's own approved text on a channel
	// (outbound publishing); the action's item is the draft's stand-in.
	Publish Kind = "publish"
)

// Kinds lists every action kind.
var Kinds = []Kind{Hide, Unhide, Delete, Reply, NotifyAuthor, Block, Report, Mute, Escalate, Publish}

// Status is where an action is in its life.
type Status string

// Action statuses.
const (
	Pending Status = "pending" // waiting for its next attempt
	Running Status = "running" // claimed by a worker; its effect may or may not have happened
	Done    Status = "done"
	Failed  Status = "failed"  // gave up: permanent error or attempts exhausted
	Unknown Status = "unknown" // interrupted while running on an actor that cannot deduplicate: a person must check
)

// Action is one thing to do on a platform (or, for escalate, inside Stormwatch).
type Action struct {
	ID        int64           `json:"id"`
	Workspace string          `json:"workspace"`
	ItemID    int64           `json:"item_id"`
	Channel   string          `json:"channel"`
	Kind      Kind            `json:"kind"`
	Params    json.RawMessage `json:"params,omitempty"`
	RuleID    string          `json:"rule_id,omitempty"`
	// RequestedBy is who asked: "policy" for a decision, "user:<id>" for a person.
	RequestedBy string `json:"requested_by"`
	// IdempotencyKey is stable for the same request, so a retry or a
	// replayed decision is recognised as the same action.
	IdempotencyKey string    `json:"idempotency_key"`
	Status         Status    `json:"status"`
	Attempts       int       `json:"attempts"`
	NextAttemptAt  time.Time `json:"next_attempt_at"`
	LastError      string    `json:"last_error,omitempty"`
	Result         string    `json:"result,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Key derives an idempotency key from the parts that make a request unique.
func Key(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Actor carries out actions on one channel. Implementations are connectors
// (Bluesky, Mastodon, Meta, ...) or the dry-run actor.
type Actor interface {
	// Can reports whether this actor can perform kind at all, so the desk
	// and the policy only offer what the channel can do.
	Can(kind Kind) bool
	// Execute performs a on the platform for item. It must pass
	// a.IdempotencyKey to the platform where the platform supports one.
	// Return a Permanent error when retrying cannot help.
	Execute(ctx context.Context, a Action, item ingest.Item) (result string, err error)
	// Deduplicates reports whether executing the same idempotency key twice
	// is guaranteed to have one effect, which makes retrying an action
	// interrupted mid-flight safe.
	Deduplicates() bool
}

// permanentError marks an error that retrying will not fix.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as not worth retrying (a 4xx other than 429, an
// unsupported action, a deleted target).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// retryAfterError carries a platform's Retry-After.
type retryAfterError struct {
	err   error
	after time.Duration
}

func (e retryAfterError) Error() string { return e.err.Error() }
func (e retryAfterError) Unwrap() error { return e.err }

// RetryAfter marks err as retryable no sooner than d from now, as a platform's
// 429 or 503 with Retry-After asks.
func RetryAfter(err error, d time.Duration) error {
	return retryAfterError{err: err, after: d}
}

// Claim is an action handed to a worker, with the item it acts on.
type Claim struct {
	Action Action
	Item   ingest.Item
}

// Outcome is what happened to one attempt.
type Outcome struct {
	ActionID      int64
	Status        Status // Done, Pending (retry at NextAttemptAt), Failed or Unknown
	Result        string
	Err           string
	NextAttemptAt time.Time
}

// Outbox is the durable queue of actions, implemented by the store.
// FinishActions writes the outcomes and their audit events in one
// transaction.
type Outbox interface {
	ClaimActions(ctx context.Context, now time.Time, limit int) ([]Claim, error)
	FinishActions(ctx context.Context, outcomes ...Outcome) error
	RunningActions(ctx context.Context) ([]Action, error)
}
