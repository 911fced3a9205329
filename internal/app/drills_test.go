package app

import (
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/lexicon"
	"github.com/stormwatch/stormwatch/internal/detect/pii"
	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/store"
)

// TestDrillNeverReachesAChannel runs a whole drill through the app's real
// pipeline and outbox while the real workspace has a connected channel
// backed by a server that counts every write: the drill's items are
// decided, its actions are queued and carried out, and not one request
// that changes anything reaches the platform. Every action of the sandbox
// routes to the dry-run actor (or to cases, inside Stormwatch), even
// when it names the real workspace's connected channel.
func TestDrillNeverReachesAChannel(t *testing.T) {
	var mu sync.Mutex
	writes := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			mu.Lock()
			writes++
			mu.Unlock()
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "[]")
	}))
	defer srv.Close()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.Demo = true
	cfg.SimulatorRate = 0
	cfg.DemoAdminPassword = "a long enough demo password"
	cfg.CredentialsKey = "t1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))
	lex, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	// The deadline starts after the lexicon has loaded: on a loaded
	// machine the load alone took most of 30 seconds.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	a, err := New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), detect.NewEngine(nil, pii.New(), lex))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ch, err := a.Channels.Create(ctx, DemoWorkspace, "mastodon", "Real account", map[string]string{"base_url": srv.URL}, map[string]string{"token": "tok"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	real := "mastodon:" + ch.ID
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := a.Supervisor.Reconcile(sctx); err != nil {
		t.Fatal(err)
	}
	admin, err := a.Store.UserByEmail(ctx, DemoAdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	a.Drills.Now = func() time.Time { return now }
	run, err := a.Drills.Start(ctx, drill.StartInput{Workspace: DemoWorkspace, Scenario: "shelter-location", StarterID: admin.ID, Speed: 60, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if ws, err := a.Store.Workspace(ctx, run.Sandbox); err != nil || !ws.Sandbox {
		t.Fatalf("sandbox = %+v, %v", ws, err)
	}
	if ts, err := a.Store.Templates(ctx, run.Sandbox, store.TemplateFilter{}); err != nil || len(ts) == 0 {
		t.Errorf("the sandbox has no reply templates (%v)", err)
	}
	now = now.Add(90 * time.Second) // the whole scenario at sixty times speed
	if err := a.Drills.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	for {
		n, err := a.Processor.Step(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	q, err := a.Store.Queue(ctx, run.Sandbox, store.QueueFilter{Limit: 1000}, now)
	if err != nil || len(q) == 0 {
		t.Fatalf("sandbox queue = %d items, %v", len(q), err)
	}
	route := a.route(act.DryRun{})
	actions := 0
	for _, qi := range q {
		d, err := a.Store.Decision(ctx, run.Sandbox, qi.Item.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, ac := range d.Actions {
			actions++
			// As queued, and as if the item had come from the real
			// workspace's connected channel.
			for _, c := range []string{ac.Channel, real} {
				ac.Channel = c
				switch got := route(ac).(type) {
				case act.DryRun, caseActor:
				default:
					t.Errorf("sandbox action %s on %s routed to %T", ac.Kind, c, got)
				}
			}
		}
	}
	if actions == 0 {
		t.Fatal("the drill queued no action: nothing was tested")
	}
	for {
		n, err := a.Worker.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if writes != 0 {
		t.Errorf("%d write requests reached the connected channel during a drill", writes)
	}
	t.Logf("%d items, %d actions, all dry-run", len(q), actions)
}
