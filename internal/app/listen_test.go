package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/listen"
	"github.com/stormwatch/stormwatch/internal/store"
)

// TestStormAlertEndToEnd runs the whole server with two weeks of quiet
// history in the store, posts a burst of hostile comments on one channel
// through the API, and expects a storm alert stored and delivered to a
// Slack incoming webhook (a local receiver) by the on-call rota.
func TestStormAlertEndToEnd(t *testing.T) {
	var mu sync.Mutex
	var posts []map[string]any
	slack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "bad json", 400)
			return
		}
		mu.Lock()
		posts = append(posts, body)
		mu.Unlock()
		io.WriteString(w, "ok")
	}))
	defer slack.Close()
	t.Setenv("STORMWATCH_ALERT_SLACK_WEBHOOK_URL", slack.URL)
	t.Setenv("STORMWATCH_ALERT_BASE_URL", "https://desk.example")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.Demo = true
	cfg.SimulatorRate = 0
	cfg.DemoAdminPassword = "a long enough demo password"
	cfg.ShutdownTimeout = 5 * time.Second
	engine, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(ctx, cfg, log, engine)
	if err != nil {
		t.Fatal(err)
	}
	const ch = "facebook:page"
	rota := `{"levels": [{"name": "community team", "ack_within": "15m", "people": [{"name": "Ana", "when": "always", "routes": ["slack"]}]}]}`
	if err := a.Store.SetRota(ctx, app.DemoWorkspace, []byte(rota), "test"); err != nil {
		t.Fatal(err)
	}
	// Two quiet weeks: 6 items an hour, none negative.
	now := time.Now().UTC()
	var hist []store.ListenCount
	for h := now.Truncate(time.Hour).Add(-14 * 24 * time.Hour); h.Before(now.Truncate(time.Hour)); h = h.Add(time.Hour) {
		for _, c := range []string{ch, "*"} {
			hist = append(hist, store.ListenCount{Workspace: app.DemoWorkspace, Channel: c, Topic: "*", Start: h, Volume: 6})
		}
	}
	if err := a.Store.AddListenCounts(ctx, hist); err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx, ln) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()

	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 5 * time.Second}
	insults := []string{"You are idiots and liars, shame on you", "Incompetent idiots, you killed my dog", "What a disgrace, you are scammers and liars",
		"Stupid incompetent vets, disgusting", "You are pathetic liars and frauds"}
	for i := range 40 {
		it := ingest.Item{Channel: ch, PlatformID: fmt.Sprintf("storm-%d", i), Kind: "comment", Lang: "en",
			Text: insults[i%len(insults)], AuthorID: fmt.Sprintf("angry-%d", i), AuthorName: fmt.Sprintf("Angry %d", i), CreatedAt: time.Now()}
		body, err := ingest.MarshalWire(it)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/workspaces/"+app.DemoWorkspace+"/items", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+a.DemoToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			t.Fatalf("post item %d: %s", i, resp.Status)
		}
	}

	// The burst also raises alerts on other metrics (new accounts, with no
	// history: baseline 0; the negative share), and which is stored first
	// depends on timing: wait for the volume alert, measured against the
	// quiet history.
	fromHistory := func(alerts []store.Alert) *store.Alert {
		for i := range alerts {
			if alerts[i].Kind == store.AlertStorm && len(alerts[i].Metrics) > 0 && alerts[i].Metrics[0].Channel == ch && alerts[i].Metrics[0].Name == string(listen.Volume) {
				return &alerts[i]
			}
		}
		return nil
	}
	var alerts []store.Alert
	var storm *store.Alert
	var delivered bool
	for ctx.Err() == nil {
		alerts, err = a.Store.ListAlerts(ctx, app.DemoWorkspace, store.AlertFilter{})
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		delivered = len(posts) > 0
		mu.Unlock()
		if storm = fromHistory(alerts); storm != nil && delivered {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(alerts) == 0 {
		t.Fatal("no alert stored within the time limit")
	}
	if !delivered {
		t.Fatalf("alerts %v stored but nothing reached the Slack webhook", alerts)
	}
	if storm == nil {
		t.Fatalf("no storm alert on %s against the quiet history among %+v", ch, alerts)
	}
	m := storm.Metrics[0]
	// The trend test's new accounts (listen.DefaultTrend.MinCount) are
	// the least any test alerts on.
	if least := float64(listen.DefaultTrend.MinCount); m.Observed < least || m.Baseline <= 0 || m.Baseline > 3 || len(storm.ExampleItemIDs) == 0 {
		t.Errorf("storm alert = %+v, metric %+v: want observed ≥ %v against a baseline from the quiet history, with example items", storm, m, least)
	}
	t.Logf("alert: %s (%s)", storm.Title, storm.Summary)
	mu.Lock()
	raw, _ := json.Marshal(posts[0])
	mu.Unlock()
	if !strings.Contains(string(raw), "https://desk.example/w/demo/alerts/") {
		t.Errorf("slack post lacks the desk link: %s", raw)
	}
	ds, err := a.Store.AlertDeliveries(ctx, app.DemoWorkspace, alerts[len(alerts)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	var sent bool
	for _, d := range ds {
		sent = sent || (d.Status == store.DeliverySent && d.Route == "slack")
	}
	if !sent {
		t.Errorf("deliveries of alert %d = %+v, want one sent to slack", alerts[len(alerts)-1].ID, ds)
	}
}
