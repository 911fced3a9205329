package act

import (
	"context"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// EffectLog durably records what the dry-run actor "did", keyed by
// idempotency key, as a platform that honours idempotency keys would.
type EffectLog interface {
	// RecordEffect stores the effect of a unless an effect with the same
	// idempotency key exists; it reports whether this call applied it.
	RecordEffect(ctx context.Context, a Action) (applied bool, err error)
}

// DryRun is the actor for channels without a real connector yet, for the
// demo and for tests: it performs nothing on any platform, records what it
// would have done, and deduplicates by idempotency key.
type DryRun struct {
	Log EffectLog
	// Latency, when set, is waited before each effect, to mimic a platform.
	Latency time.Duration
}

// Can reports that the dry-run actor can do anything.
func (DryRun) Can(Kind) bool { return true }

// Deduplicates reports true: effects are keyed by idempotency key.
func (DryRun) Deduplicates() bool { return true }

// Execute records the effect.
func (d DryRun) Execute(ctx context.Context, a Action, item ingest.Item) (string, error) {
	if d.Latency > 0 {
		select {
		case <-time.After(d.Latency):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	applied, err := d.Log.RecordEffect(ctx, a)
	if err != nil {
		return "", fmt.Errorf("dry-run %s on item %d: %w", a.Kind, item.ID, err)
	}
	if !applied {
		return "dry run: already done under this idempotency key", nil
	}
	return fmt.Sprintf("dry run: would %s %s on %s", a.Kind, item.PlatformID, a.Channel), nil
}
