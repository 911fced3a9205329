package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/source/mastodon"
	"github.com/stormwatch/stormwatch/internal/store"
)

// TestChannelRoute checks where each action goes: escalations to cases,
// unconnected channels to the dry run, a sandbox (drill) workspace's
// actions to the dry run only — never to the connector — and a connected
// channel's actions to its connector.
func TestChannelRoute(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "[]")
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.Demo = true
	cfg.SimulatorRate = 0
	cfg.DemoAdminPassword = "a long enough demo password"
	cfg.CredentialsKey = "t1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))
	a, err := New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), detect.NewEngine(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Store.CreateWorkspace(ctx, store.Workspace{ID: "drill-1", Name: "Drill", Sandbox: true}, "test"); err != nil {
		t.Fatal(err)
	}
	mk := func(ws string) string {
		ch, err := a.Channels.Create(ctx, ws, "mastodon", "M "+ws, map[string]string{"base_url": srv.URL}, map[string]string{"token": "tok"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		return "mastodon:" + ch.ID
	}
	live, drill, off := mk(DemoWorkspace), mk("drill-1"), mk(DemoWorkspace)
	if _, err := a.Channels.SetEnabled(ctx, DemoWorkspace, off[len("mastodon:"):], false, "test"); err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := a.Supervisor.Reconcile(sctx); err != nil {
		t.Fatal(err)
	}
	dry := act.DryRun{}
	route := a.route(dry)
	const tmpl, text = `{"template":"harassment_rule"}`, `{"text":"approved words"}`
	tests := []struct {
		name    string
		ws, ch  string
		kind    act.Kind
		params  string
		want    string
		canKind bool
	}{
		{"escalation", DemoWorkspace, live, act.Escalate, "", "cases", true},
		{"escalation in a drill", "drill-1", drill, act.Escalate, "", "cases", true},
		{"demo simulator channel", DemoWorkspace, "facebook:page", act.Hide, "", "dry", true},
		{"demo simulator policy reply", DemoWorkspace, "facebook:page", act.Reply, tmpl, "dry", true},
		{"API ingest channel", DemoWorkspace, "mastodon:@clinic@social.example", act.Block, "", "dry", true},
		{"connected", DemoWorkspace, live, act.Block, "", "mastodon", true},
		{"connected, cannot hide", DemoWorkspace, live, act.Hide, "", "mastodon", false},
		{"policy notice by reply, text rendered", DemoWorkspace, live, act.NotifyAuthor, "", "text+notify", true},
		{"desk notice with its text", DemoWorkspace, live, act.NotifyAuthor, text, "notify", true},
		{"policy reply, text rendered", DemoWorkspace, live, act.Reply, tmpl, "text+mastodon", true},
		{"desk reply with its text", DemoWorkspace, live, act.Reply, text, "mastodon", true},
		{"sandbox block", "drill-1", drill, act.Block, "", "dry", true},
		{"sandbox reply", "drill-1", drill, act.Reply, tmpl, "dry", true},
		{"sandbox publish", "drill-1", drill, act.Publish, "", "dry", true},
		{"disabled channel", DemoWorkspace, off, act.Block, "", "unavailable", true},
	}
	var nameOf func(act.Actor) string
	nameOf = func(got act.Actor) string {
		switch got := got.(type) {
		case caseActor:
			return "cases"
		case act.DryRun:
			return "dry"
		case *mastodon.Connector:
			return "mastodon"
		case notifyAsReply:
			return "notify"
		case unavailable:
			return "unavailable"
		case withText:
			return "text+" + nameOf(got.Actor)
		}
		return ""
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ac := act.Action{Workspace: tt.ws, Channel: tt.ch, Kind: tt.kind}
			if tt.params != "" {
				ac.Params = json.RawMessage(tt.params)
			}
			got := route(ac)
			name := nameOf(got)
			if name != tt.want || got.Can(tt.kind) != tt.canKind {
				t.Errorf("routed to %T (%s), Can = %v; want %s, %v", got, name, got.Can(tt.kind), tt.want, tt.canKind)
			}
		})
	}
}

// TestSandboxNeverReachesConnector: an item of a drill's sandbox
// workspace, read from a connected Mastodon channel, gets a block and a
// reply from its decision; the outbox carries them out on the dry-run
// actor only, and the platform receives no write at all.
func TestSandboxNeverReachesConnector(t *testing.T) {
	var mu sync.Mutex
	var writes []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			mu.Lock()
			writes = append(writes, r.Method+" "+r.URL.Path)
			mu.Unlock()
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1"}`)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.CredentialsKey = "t1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))
	a, err := New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), detect.NewEngine(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Store.CreateWorkspace(ctx, store.Workspace{ID: "drill-1", Name: "Drill", Sandbox: true}, "test"); err != nil {
		t.Fatal(err)
	}
	ch, err := a.Channels.Create(ctx, "drill-1", "mastodon", "M", map[string]string{"base_url": srv.URL}, map[string]string{"token": "tok"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	name := "mastodon:" + ch.ID
	res, err := a.Store.InsertItems(ctx, "drill-1", []ingest.Item{{Channel: name, PlatformID: "s1", Text: "drill abuse", AuthorID: "77", Kind: ingest.KindComment}}, "test")
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ID
	d := store.Decision{ItemID: id, Workspace: "drill-1", Action: "hide", PolicyVersion: "test", Rules: []string{"R1"}, DecidedAt: time.Now()}
	for _, k := range []act.Kind{act.Block, act.Reply} {
		d.Actions = append(d.Actions, act.Action{Workspace: "drill-1", ItemID: id, Channel: name, Kind: k, RuleID: "R1", RequestedBy: "policy",
			Params: []byte(`{"text":"drill reply"}`), IdempotencyKey: act.Key("sandbox-test", string(k))})
	}
	if err := a.Store.SaveDecisions(ctx, []store.Decision{d}); err != nil {
		t.Fatal(err)
	}
	if err := a.Supervisor.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := a.Worker.RunOnce(ctx); err != nil || n != 2 {
		t.Fatalf("RunOnce = %d, %v", n, err)
	}
	got, err := a.Store.Decision(ctx, "drill-1", id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Actions) != 2 {
		t.Fatalf("decision actions %+v", got.Actions)
	}
	for _, ac := range got.Actions {
		if ac.Status != act.Done || !strings.HasPrefix(ac.Result, "dry run") {
			t.Errorf("action %s: %s %q", ac.Kind, ac.Status, ac.Result)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(writes) != 0 {
		t.Errorf("the sandbox reached the platform: %v", writes)
	}
}

// insultWord flags "idiot" as an insult.
type insultWord struct{}

func (insultWord) Name() string    { return "insult-word" }
func (insultWord) Version() string { return "1" }
func (insultWord) Detect(_ context.Context, in detect.Input) ([]detect.Signal, error) {
	if i := strings.Index(in.Text, "idiot"); i >= 0 {
		return []detect.Signal{{Category: detect.Insult, Score: 0.9, Spans: []detect.Span{{i, i + 5}}, Detector: "insult-word", Version: "1"}}, nil
	}
	return nil, nil
}

// capPolicy hides, blocks and escalates insults under rule R1.
const capPolicy = `policy: Capabilities test
version: "cap-1"
languages: [en]
rules:
  - id: R1
    title: Insults
    when: score("insult") >= 0.5
    actions: [hide, block, {escalate: {severity: high}}]
    public:
      en: "Insults are hidden."
`

// TestDecisionsOfferOnlyWhatTheChannelCan: the same insult, read from a
// connected news feed, a connected Mastodon account and the simulator,
// under a policy that hides, blocks and escalates. Nothing the channel
// cannot do reaches the outbox; a hide that cannot happen sends the item
// to review, with why in the decision; the simulator keeps today's hide.
func TestDecisionsOfferOnlyWhatTheChannelCan(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "[]")
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.CredentialsKey = "t1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))
	a, err := New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), detect.NewEngine(nil, insultWord{}))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Store.CreateWorkspace(ctx, store.Workspace{ID: "acme", Name: "Acme", PolicyYAML: []byte(capPolicy), PolicyVersion: "cap-1"}, "test"); err != nil {
		t.Fatal(err)
	}
	feed, err := a.Channels.Create(ctx, "acme", "rss", "Press", map[string]string{"feeds": srv.URL + "/feed"}, nil, "test")
	if err != nil {
		t.Fatal(err)
	}
	masto, err := a.Channels.Create(ctx, "acme", "mastodon", "Social", map[string]string{"base_url": srv.URL}, map[string]string{"token": "tok"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	rss, mst := "rss:"+feed.ID, "mastodon:"+masto.ID
	items := []ingest.Item{
		{Channel: rss, PlatformID: "n1", Kind: ingest.KindPost, Text: "what an idiot", Lang: "en"},
		{Channel: mst, PlatformID: "m1", Kind: ingest.KindReply, Text: "what an idiot", Lang: "en", AuthorID: "7"},
		{Channel: "facebook:page", PlatformID: "f1", Kind: ingest.KindComment, Text: "what an idiot", Lang: "en"},
	}
	res, err := a.Store.InsertItems(ctx, "acme", items, "test")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := a.Processor.Step(ctx); err != nil || n != len(items) {
		t.Fatalf("Step = %d, %v", n, err)
	}
	tests := []struct {
		name        string
		id          int64
		verdict     string
		queued      []act.Kind
		unavailable []act.Kind
	}{
		{"news feed", res[0].ID, "review", []act.Kind{act.Escalate}, []act.Kind{act.Hide, act.Block}},
		{"mastodon", res[1].ID, "review", []act.Kind{act.Block, act.Escalate}, []act.Kind{act.Hide}},
		{"simulator", res[2].ID, "hide", []act.Kind{act.Hide, act.Block, act.Escalate}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := a.Store.Decision(ctx, "acme", tt.id)
			if err != nil {
				t.Fatal(err)
			}
			var queued, gone []act.Kind
			for _, ac := range d.Actions {
				queued = append(queued, ac.Kind)
			}
			for _, u := range pipeline.UnavailableIn(d.Detail) {
				gone = append(gone, u.Action)
				if u.Rule != "R1" || !strings.HasPrefix(u.Reason, "the channel cannot ") {
					t.Errorf("unavailable %+v", u)
				}
			}
			if d.Action != tt.verdict || !slices.Equal(queued, tt.queued) || !slices.Equal(gone, tt.unavailable) {
				t.Errorf("decision %s, queued %v, unavailable %v; want %s, %v, %v (detail %s)", d.Action, queued, gone, tt.verdict, tt.queued, tt.unavailable, d.Detail)
			}
		})
	}
}
