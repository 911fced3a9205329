package app_test

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
)

// flakyMastodon is a Mastodon server that answers 429 (with Retry-After)
// or 5xx to about half of all requests, chosen by a seeded generator,
// before doing anything: a refused request has no effect. It serves n
// mention notifications with ids 1..n, one author each, and applies
// blocks, counting every applied effect by its Idempotency-Key.
type flakyMastodon struct {
	mu       sync.Mutex
	rng      *rand.Rand
	n        int
	requests int
	refused  int
	served   int            // notifications handed out (re-reads included)
	applied  map[string]int // Idempotency-Key -> effects applied
	blocked  map[string]int // account id -> blocks applied
}

func (f *flakyMastodon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests++
	fail := f.rng.IntN(2) == 0
	code := 429
	if f.rng.IntN(2) == 0 {
		code = []int{500, 502, 503}[f.rng.IntN(3)]
	}
	if fail {
		f.refused++
	}
	f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer fault-token" {
		http.Error(w, `{"error":"The access token is invalid"}`, 401)
		return
	}
	if fail {
		if code == 429 {
			w.Header().Set("Retry-After", "1")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(429)
			io.WriteString(w, `{"error":"Too many requests"}`)
			return
		}
		http.Error(w, "upstream trouble", code)
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/api/v1/accounts/verify_credentials":
		writeJSONFault(w, map[string]any{"id": "1", "username": "clinic", "acct": "clinic"})
	case r.Method == "GET" && r.URL.Path == "/api/v1/notifications":
		q := r.URL.Query()
		minID, _ := strconv.Atoi(q.Get("min_id"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit <= 0 || limit > 80 {
			limit = 40
		}
		page := []any{}
		for id := min(minID+limit, f.n); id > minID; id-- { // newest first, as Mastodon
			sid := strconv.Itoa(500000 + id)
			acct := map[string]any{"id": strconv.Itoa(9000000 + id), "username": "u" + strconv.Itoa(id), "acct": "u" + strconv.Itoa(id) + "@remote.example"}
			st := map[string]any{"id": sid, "created_at": "2026-11-21T08:00:00.000Z", "in_reply_to_id": nil, "visibility": "public",
				"language": "en", "content": "<p>@clinic you are all liars " + strconv.Itoa(id) + "</p>", "url": "https://remote.example/@u/" + sid,
				"account": acct, "mentions": []any{}, "media_attachments": []any{}, "tags": []any{}, "emojis": []any{}}
			page = append(page, map[string]any{"id": strconv.Itoa(id), "type": "mention", "created_at": "2026-11-21T08:00:00.000Z", "account": acct, "status": st})
		}
		f.mu.Lock()
		f.served += len(page)
		f.mu.Unlock()
		writeJSONFault(w, page)
	case r.Method == "POST" && strings.HasPrefix(r.URL.Path, "/api/v1/accounts/") && strings.HasSuffix(r.URL.Path, "/block"):
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v1/accounts/"), "/block")
		f.mu.Lock()
		f.applied[r.Header.Get("Idempotency-Key")]++
		f.blocked[id]++
		f.mu.Unlock()
		writeJSONFault(w, map[string]any{"id": id, "blocking": true})
	default:
		http.Error(w, `{"error":"Record not found"}`, 404)
	}
}

func writeJSONFault(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(v)
}

// faultPolicy blocks the author of every item, so each ingested item asks
// for one platform action.
const faultPolicy = `policy: fault test
version: "fault-1"
languages: [en]
default_action: allow
rules:
  - id: B1
    title: Block every author (fault test)
    priority: 10
    when: "true"
    actions: [block]
    public:
      en: "Accounts that write here are blocked during this test."
`

// TestFaultFlakyPlatform: 10,000 mentions flow from a Mastodon server
// that refuses about half of all requests (429 with Retry-After, or 5xx)
// through the real connector, source.Runner, store, pipeline and outbox
// worker, and each decision's block goes back to the same flaky server.
// Every item must be stored exactly once, every action applied at most
// once (counted by idempotency key on the server), and the server must
// keep answering.
func TestFaultFlakyPlatform(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test: 10,000 items")
	}
	const n = 10000
	fake := &flakyMastodon{rng: rand.New(rand.NewPCG(5, 2026)), n: n, applied: map[string]int{}, blocked: map[string]int{}}
	srv := httptest.NewServer(fake)
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = memDir(t)
	cfg.Demo = true
	cfg.SimulatorRate = 0
	cfg.DemoAdminPassword = "a long enough demo password"
	cfg.ShutdownTimeout = 5 * time.Second
	cfg.CredentialsKey = "fault1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))
	engine, err := builtin.Engine()
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), engine)
	if err != nil {
		t.Fatal(err)
	}
	// Short waits through options, not sleeps: the platform's Retry-After
	// is capped at 2 ms, the Runner restarts within 1-4 ms, the outbox
	// retries within 1-10 ms.
	a.Channels.MaxRetryWait = 2 * time.Millisecond
	a.Supervisor.MinWait, a.Supervisor.MaxWait, a.Supervisor.Failures = time.Millisecond, 4*time.Millisecond, 1000
	a.Worker.Backoff = act.Backoff{Base: time.Millisecond, Max: 10 * time.Millisecond, Jitter: 0.2}
	a.Worker.MaxAttempts = 60
	a.Worker.Batch, a.Worker.Concurrency, a.Worker.Poll = 256, 32, 5*time.Millisecond
	if err := a.Store.SetPolicy(ctx, app.DemoWorkspace, []byte(faultPolicy), "fault-1", "test"); err != nil {
		t.Fatal(err)
	}
	ch, err := a.Channels.Create(ctx, app.DemoWorkspace, "mastodon", "Flaky Mastodon", map[string]string{"base_url": srv.URL}, map[string]string{"token": "fault-token"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	channel := "mastodon:" + ch.ID
	// The channel was connected before these mentions arrived: its
	// cursor starts at the beginning (an empty cursor means "from now").
	if err := a.Store.InsertItemsAt(ctx, app.DemoWorkspace, nil, channel, "0", "test"); err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- a.Run(runCtx, ln) }()

	db, err := sql.Open("sqlite", "file:"+cfg.DatabasePath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	base := "http://" + ln.Addr().String()
	var items, distinct, doneActions, open int
	healthChecks, healthy := 0, 0
	for ctx.Err() == nil {
		time.Sleep(200 * time.Millisecond)
		if err := db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT platform_id) FROM items WHERE channel = ?`, channel).Scan(&items, &distinct); err != nil {
			continue // busy: read again
		}
		if err := db.QueryRowContext(ctx, `SELECT count(CASE WHEN status = 'done' THEN 1 END), count(CASE WHEN status IN ('pending', 'running') THEN 1 END) FROM actions WHERE channel = ?`, channel).Scan(&doneActions, &open); err != nil {
			continue
		}
		if healthChecks%25 == 0 { // progress every 5 s
			t.Logf("%s items %d done %d open %d", time.Since(start).Round(time.Millisecond), items, doneActions, open)
		}
		healthChecks++
		if resp, err := http.Get(base + "/healthz"); err == nil {
			if resp.StatusCode == 200 {
				healthy++
			}
			resp.Body.Close()
		}
		if items == n && doneActions == n && open == 0 {
			break
		}
	}
	elapsed := time.Since(start)
	stop()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}

	var failed, unknown int
	db2, _ := sql.Open("sqlite", "file:"+cfg.DatabasePath()+"?mode=ro")
	defer db2.Close()
	db2.QueryRow(`SELECT count(CASE WHEN status = 'failed' THEN 1 END), count(CASE WHEN status = 'unknown' THEN 1 END) FROM actions WHERE channel = ?`, channel).Scan(&failed, &unknown)
	var attempts int
	db2.QueryRow(`SELECT coalesce(sum(attempts), 0) FROM actions WHERE channel = ?`, channel).Scan(&attempts)

	fake.mu.Lock()
	defer fake.mu.Unlock()
	maxPerKey, maxPerAccount := 0, 0
	for _, c := range fake.applied {
		maxPerKey = max(maxPerKey, c)
	}
	for _, c := range fake.blocked {
		maxPerAccount = max(maxPerAccount, c)
	}
	t.Logf("items: %d stored (%d distinct) of %d sent; notifications served %d, so %d re-read after failures and dropped as duplicates",
		items, distinct, n, fake.served, fake.served-items)
	t.Logf("platform: %d requests, %d refused with 429/5xx (%.0f%%)", fake.requests, fake.refused, 100*float64(fake.refused)/float64(max(fake.requests, 1)))
	t.Logf("actions: %d done, %d failed, %d unknown; %d attempts, so %d retries", doneActions, failed, unknown, attempts, attempts-doneActions-failed-unknown)
	t.Logf("effects on the platform: %d idempotency keys applied, at most %d per key, at most %d block(s) per account", len(fake.applied), maxPerKey, maxPerAccount)
	t.Logf("server: %d/%d health checks answered 200 during the run; elapsed %s", healthy, healthChecks, elapsed.Round(time.Millisecond))

	if items != n || distinct != n {
		t.Errorf("items stored %d (distinct %d), want exactly %d", items, distinct, n)
	}
	if doneActions != n || len(fake.applied) != n {
		t.Errorf("actions done %d, keys applied %d, want %d", doneActions, len(fake.applied), n)
	}
	if maxPerKey > 1 || maxPerAccount > 1 {
		t.Errorf("an action was executed more than once: %d per key, %d per account", maxPerKey, maxPerAccount)
	}
	if fake.refused < fake.requests/3 {
		t.Errorf("the platform refused only %d of %d requests: not the storm asked for", fake.refused, fake.requests)
	}
	if healthChecks == 0 || healthy != healthChecks {
		t.Errorf("health: %d/%d", healthy, healthChecks)
	}
}

// memDir is a temporary directory in memory when the machine has one
// (/dev/shm): the fault test measures retries and idempotency, not the
// disk's fsync, which would otherwise dominate its run time.
func memDir(t *testing.T) string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "stormwatch-fault-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}
