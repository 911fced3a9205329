package channels_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/source/meta"
	"github.com/stormwatch/stormwatch/internal/source/webhook"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

func ring(t *testing.T, spec string) *channels.KeyRing {
	t.Helper()
	r, err := channels.ParseKeyRing(spec)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func key(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.CreateWorkspace(context.Background(), store.Workspace{ID: "demo", Name: "Demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	return st
}

type alerts struct {
	mu  sync.Mutex
	got []store.NewAlert
}

func (a *alerts) Raise(_ context.Context, _, _ string, na store.NewAlert) (store.Alert, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.got = append(a.got, na)
	return store.Alert{}, nil
}

func (a *alerts) kinds() []store.AlertKind {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []store.AlertKind
	for _, x := range a.got {
		out = append(out, x.Kind)
	}
	return out
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestServiceAndRotation(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	svc := &channels.Service{Store: st, Keys: ring(t, "k1:"+key(1))}
	token := "mastodon-token-abcdefgh-9876"
	ch, err := svc.Create(ctx, "demo", "mastodon", "Clinic", map[string]string{"base_url": "https://social.example"}, map[string]string{"token": token}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if ch.KeyID != "k1" || ch.SecretHints["token"] != "…9876" || bytes.Contains(ch.Credentials, []byte(token)) {
		t.Fatalf("created %+v", ch)
	}
	for _, tt := range []struct {
		name, kind, chName string
		settings, secrets  map[string]string
		want               error
	}{
		{"unknown kind", "myspace", "x", nil, nil, channels.ErrUnknownKind},
		{"no name", "mastodon", " ", map[string]string{"base_url": "https://a.example"}, map[string]string{"token": "t"}, channels.ErrName},
		{"no token", "mastodon", "x", map[string]string{"base_url": "https://a.example"}, nil, channels.ErrMissing},
		{"bad url", "mastodon", "x", map[string]string{"base_url": "ftp://a.example"}, map[string]string{"token": "t"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.Create(ctx, "demo", tt.kind, tt.chName, tt.settings, tt.secrets, "user:1")
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("Create = %v, want %v", err, tt.want)
			}
		})
	}
	noKey := &channels.Service{Store: st}
	if _, err := noKey.Create(ctx, "demo", "webhook", "hook", nil, map[string]string{"secret": "s"}, "user:1"); !errors.Is(err, channels.ErrNoKey) {
		t.Errorf("create without a key = %v", err)
	}
	// Replacing one secret keeps the others.
	fb, err := svc.Create(ctx, "demo", "meta_page", "Page", map[string]string{"page_id": "123"},
		map[string]string{"page_token": "page-token-0000000000001111", "app_secret": "app-secret-000000002222", "verify_token": "verify"}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ReplaceSecrets(ctx, "demo", fb.ID, map[string]string{"page_token": "page-token-0000000000003333"}, "user:1"); err != nil {
		t.Fatal(err)
	}
	cur, _ := st.Channel(ctx, "demo", fb.ID)
	cfg, err := svc.Config(cur)
	if err != nil || cfg.Secret("page_token") != "page-token-0000000000003333" || cfg.Secret("app_secret") != "app-secret-000000002222" || cfg.Channel != "meta_page:"+fb.ID {
		t.Fatalf("after replace: %+v, %v", cfg, err)
	}
	// Rotation: the new key goes first; everything is re-sealed with it.
	svc2 := &channels.Service{Store: st, Keys: ring(t, "k2:"+key(2)+",k1:"+key(1))}
	n, err := svc2.RotateKeys(ctx, "system:rotate-keys")
	if err != nil || n != 2 {
		t.Fatalf("RotateKeys = %d, %v", n, err)
	}
	if n, _ := svc2.RotateKeys(ctx, "system:rotate-keys"); n != 0 {
		t.Errorf("second rotation re-sealed %d", n)
	}
	only2 := &channels.Service{Store: st, Keys: ring(t, "k2:"+key(2))}
	list, _ := st.ListChannels(ctx, "demo")
	for _, c := range list {
		if c.KeyID != "k2" {
			t.Errorf("channel %s still sealed with %s", c.ID, c.KeyID)
		}
		if _, err := only2.Config(c); err != nil {
			t.Errorf("after dropping k1: %v", err)
		}
	}
	// Nothing secret in the audit.
	_ = st.WalkAudit(ctx, func(ev audit.Event) error {
		for _, s := range []string{token, "page-token", "app-secret", "9876", "3333"} {
			if strings.Contains(string(ev.Data), s) {
				t.Errorf("audit %s leaks %q", ev.Kind, s)
			}
		}
		return nil
	})
}

// TestSupervisorWebhook connects a generic webhook, delivers a signed
// batch twice (stored once), refuses a forged one, and stops answering
// once the channel is disabled.
func TestSupervisorWebhook(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	svc := &channels.Service{Store: st, Keys: ring(t, "k1:"+key(1))}
	secret := "webhook-shared-secret-0123456789"
	ch, err := svc.Create(ctx, "demo", "webhook", "Reviews", nil, map[string]string{"secret": secret}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	var ingested int
	sup := &channels.Supervisor{Service: svc, Store: st, Log: quiet, Ingested: func(n int) { ingested += n }, Silence: -1}
	if err := sup.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	h, ok := sup.Hook("webhook", ch.ID)
	if !ok {
		t.Fatal("no hook for an enabled webhook channel")
	}
	if _, ok := sup.Hook("meta_page", ch.ID); ok {
		t.Error("hook found under another kind")
	}
	post := func(body string, sig string) int {
		ts := time.Now().Unix()
		if sig == "" {
			sig = webhook.Sign([]byte(secret), ts, []byte(body))
		}
		r := httptest.NewRequest("POST", "/hooks/webhook/"+ch.ID, strings.NewReader(body))
		r.Header.Set(webhook.TimestampHeader, strconv.FormatInt(ts, 10))
		r.Header.Set(webhook.SignatureHeader, sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	body := `[{"platform_id":"r1","text":"Terrible service"},{"platform_id":"r2","text":"Thank you!","kind":"review"}]`
	if code := post(body, ""); code != 200 {
		t.Fatalf("delivery: %d", code)
	}
	if code := post(body, ""); code != 200 {
		t.Fatalf("replayed delivery: %d", code)
	}
	if code := post(body, "sha256="+strings.Repeat("0", 64)); code != 401 {
		t.Errorf("forged: %d", code)
	}
	items, err := st.PendingItems(ctx, 0, 100)
	if err != nil || len(items) != 2 || ingested != 2 || items[0].Channel != "webhook:"+ch.ID {
		t.Fatalf("stored %d items (%v), ingested %d", len(items), err, ingested)
	}
	if c, _ := st.Channel(ctx, "demo", ch.ID); c.LastItemAt.IsZero() {
		t.Error("last item time not recorded")
	}
	if a, connected := sup.Actor("webhook:" + ch.ID); !connected || a != nil {
		t.Errorf("webhook actor = %v, %v", a, connected)
	}
	if _, connected := sup.Actor("facebook:page"); connected {
		t.Error("the demo's channel taken for a connected one")
	}
	if _, err := svc.SetEnabled(ctx, "demo", ch.ID, false, "user:1"); err != nil {
		t.Fatal(err)
	}
	if err := sup.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := sup.Hook("webhook", ch.ID); ok {
		t.Error("a disabled channel still answers")
	}
}

// TestSupervisorFailingChannel runs a Mastodon channel whose server
// answers 503: the error is recorded on the channel and a failing-channel
// alert raised; a channel whose key is gone is failing too.
func TestSupervisorFailingChannel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := openStore(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1")
		http.Error(w, `{"error":"maintenance"}`, 503)
	}))
	defer srv.Close()
	svc := &channels.Service{Store: st, Keys: ring(t, "k1:"+key(1)), MaxRetryWait: time.Millisecond}
	ch, err := svc.Create(ctx, "demo", "mastodon", "Clinic", map[string]string{"base_url": srv.URL}, map[string]string{"token": "tok"}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	al := &alerts{}
	sup := &channels.Supervisor{Service: svc, Store: st, Alerts: al, Log: quiet, Silence: time.Nanosecond,
		Failures: 3, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond, Poll: time.Hour}
	done := make(chan struct{})
	go func() { sup.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, _ := st.Channel(ctx, "demo", ch.ID)
		ks := al.kinds()
		if c.LastError != "" && containsKind(ks, store.AlertChannelFailing) && containsKind(ks, store.AlertChannelSilent) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	c, _ := st.Channel(ctx, "demo", ch.ID)
	if !strings.Contains(c.LastError, "503") || !containsKind(al.kinds(), store.AlertChannelFailing) || !containsKind(al.kinds(), store.AlertChannelSilent) {
		t.Fatalf("last error %q, alerts %v", c.LastError, al.kinds())
	}
	if a, connected := sup.Actor("mastodon:" + ch.ID); !connected || a == nil || !a.Can(act.Block) || a.Can(act.Hide) {
		t.Errorf("actor %v %v", a, connected)
	}
	cancel()
	<-done

	// The key that sealed a channel is gone: it cannot be built.
	al2 := &alerts{}
	sup2 := &channels.Supervisor{Service: &channels.Service{Store: st, Keys: ring(t, "k9:"+key(9))}, Store: st, Alerts: al2, Log: quiet, Silence: -1}
	if err := sup2.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, _ = st.Channel(context.Background(), "demo", ch.ID)
	if !strings.Contains(c.LastError, "k1") || !containsKind(al2.kinds(), store.AlertChannelFailing) {
		t.Errorf("missing key: last error %q, alerts %v", c.LastError, al2.kinds())
	}
}

func containsKind(ks []store.AlertKind, k store.AlertKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// TestSupervisorMetaHook: the Facebook Page channel's webhook answers
// Meta's hub.challenge handshake only with its verify token, checks
// X-Hub-Signature-256 before parsing, stores the documented sample
// delivery once even when replayed, and ignores another Page's changes.
func TestSupervisorMetaHook(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	svc := &channels.Service{Store: st, Keys: ring(t, "k1:"+key(1))}
	appSecret := "meta-app-secret-000000000000"
	ch, err := svc.Create(ctx, "demo", "meta_page", "Clinic page", map[string]string{"page_id": "104512345678901"},
		map[string]string{"page_token": "EAAG-page-token-00000000", "app_secret": appSecret, "verify_token": "verify-me"}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	other, err := svc.Create(ctx, "demo", "meta_page", "Another page", map[string]string{"page_id": "555"},
		map[string]string{"page_token": "EAAG-page-token-00000001", "app_secret": appSecret, "verify_token": "verify-me"}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	sup := &channels.Supervisor{Service: svc, Store: st, Log: quiet, Silence: -1}
	if err := sup.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	h, ok := sup.Hook("meta_page", ch.ID)
	if !ok {
		t.Fatal("no hook")
	}
	for _, tt := range []struct {
		token string
		code  int
	}{{"verify-me", 200}, {"wrong", 403}} {
		r := httptest.NewRequest("GET", "/hooks/meta/"+ch.ID+"?hub.mode=subscribe&hub.verify_token="+tt.token+"&hub.challenge=1158201444", nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tt.code || (tt.code == 200 && w.Body.String() != "1158201444") {
			t.Errorf("handshake with %q = %d %q", tt.token, w.Code, w.Body)
		}
	}
	body, err := os.ReadFile("../source/meta/testdata/page_feed_comment_add.json")
	if err != nil {
		t.Fatal(err)
	}
	deliver := func(h http.Handler, sig string) int {
		r := httptest.NewRequest("POST", "/hooks/meta/x", bytes.NewReader(body))
		r.Header.Set("X-Hub-Signature-256", sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	if code := deliver(h, meta.Sign("forged", body)); code != 401 {
		t.Errorf("forged = %d", code)
	}
	for i := range 2 { // Meta retries: the same delivery twice
		if code := deliver(h, meta.Sign(appSecret, body)); code != 200 {
			t.Fatalf("delivery %d = %d", i, code)
		}
	}
	oh, _ := sup.Hook("meta_page", other.ID)
	if code := deliver(oh, meta.Sign(appSecret, body)); code != 200 {
		t.Errorf("other page's delivery = %d", code)
	}
	items, _ := st.PendingItems(ctx, 0, 10)
	if len(items) != 1 || items[0].Channel != "meta_page:"+ch.ID || items[0].AuthorID == "" {
		t.Fatalf("stored %+v", items)
	}
	a, connected := sup.Actor("meta_page:" + ch.ID)
	if !connected || a == nil || !a.Can(act.Hide) || !a.Can(act.Publish) || a.Can(act.Block) {
		t.Errorf("page actor %v", a)
	}
}
