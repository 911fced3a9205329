package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stormwatch/stormwatch/internal/act"
)

func TestEffectLogAppliesOncePerKey(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "effects.db")
	l, err := OpenEffectLog(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := act.Action{Workspace: "demo", ItemID: 1, Kind: act.Hide, IdempotencyKey: "k1"}
	for i, want := range []bool{true, false, false} {
		if applied, err := l.RecordEffect(ctx, a); err != nil || applied != want {
			t.Errorf("RecordEffect #%d = %v, %v; want %v", i, applied, err, want)
		}
	}
	l.Close()
	// Reopened (after a crash, say), it still knows the key.
	l, err = OpenEffectLog(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if applied, err := l.RecordEffect(ctx, a); err != nil || applied {
		t.Errorf("after reopening: applied=%v err=%v, want already applied", applied, err)
	}
	b := a
	b.IdempotencyKey = "k2"
	if applied, err := l.RecordEffect(ctx, b); err != nil || !applied {
		t.Errorf("another key: applied=%v err=%v", applied, err)
	}
}
