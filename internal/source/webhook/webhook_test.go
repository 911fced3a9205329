package webhook

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

var (
	secret = []byte("shared-secret-of-the-channel")
	now    = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
)

func TestVerify(t *testing.T) {
	body := []byte(`{"platform_id":"1","text":"hello"}`)
	ts := now.Unix()
	good := Sign(secret, ts, body)
	tests := []struct {
		name   string
		secret []byte
		sig    string
		ts     string
		body   []byte
		want   error
	}{
		{"good", secret, good, strconv.FormatInt(ts, 10), body, nil},
		{"uppercase hex is the same MAC", secret, "sha256=" + strings.ToUpper(strings.TrimPrefix(good, "sha256=")), strconv.FormatInt(ts, 10), body, nil},
		{"no signature", secret, "", strconv.FormatInt(ts, 10), body, ErrNoSignature},
		{"sha1", secret, "sha1=" + strings.Repeat("a", 40), strconv.FormatInt(ts, 10), body, ErrMalformedSig},
		{"short", secret, "sha256=abcd", strconv.FormatInt(ts, 10), body, ErrMalformedSig},
		{"not hex", secret, "sha256=" + strings.Repeat("z", 64), strconv.FormatInt(ts, 10), body, ErrMalformedSig},
		{"other secret", []byte("other"), good, strconv.FormatInt(ts, 10), body, ErrBadSignature},
		{"body changed", secret, good, strconv.FormatInt(ts, 10), []byte(`{"platform_id":"1","text":"hellO"}`), ErrBadSignature},
		{"timestamp changed", secret, good, strconv.FormatInt(ts+1, 10), body, ErrBadSignature},
		{"no timestamp", secret, good, "", body, ErrTimestamp},
		{"timestamp not a number", secret, good, "yesterday", body, ErrTimestamp},
		{"replayed 6 min later", secret, Sign(secret, ts-360, body), strconv.FormatInt(ts-360, 10), body, ErrStale},
		{"from the future", secret, Sign(secret, ts+360, body), strconv.FormatInt(ts+360, 10), body, ErrStale},
		{"4 min old is fine", secret, Sign(secret, ts-240, body), strconv.FormatInt(ts-240, 10), body, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.sig, tt.ts, tt.body, now)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
	if err := Verify(nil, good, strconv.FormatInt(ts, 10), body, now); err == nil {
		t.Error("a channel without a secret accepted a delivery")
	}
}

func TestParseItems(t *testing.T) {
	tests := []struct {
		name string
		body string
		n    int
		bad  string
	}{
		{"one", `{"platform_id":"1","text":"hello","lang":"fr"}`, 1, ""},
		{"array", `[{"platform_id":"1","text":"a"},{"platform_id":"2","text":"b","kind":"review"}]`, 2, ""},
		{"envelope", `{"items":[{"platform_id":"1","text":"a"}]}`, 1, ""},
		{"channel given is overridden", `{"channel":"facebook:someone-else","platform_id":"1","text":"a"}`, 1, ""},
		{"empty", ``, 0, "empty"},
		{"empty array", `[]`, 0, "no items"},
		{"number", `42`, 0, "object or array"},
		{"truncated", `[{"platform_id":"1","text":"a"`, 0, "malformed"},
		{"missing text", `{"platform_id":"1"}`, 0, "text"},
		{"unknown field", `{"platform_id":"1","text":"a","secret":1}`, 0, "secret"},
		{"repeated id", `[{"platform_id":"1","text":"a"},{"platform_id":"1","text":"b"}]`, 0, "repeated"},
		{"element not object", `[1]`, 0, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseItems([]byte(tt.body), "webhook:ch_x")
			if tt.bad != "" {
				if !errors.Is(err, ErrPayload) || !strings.Contains(err.Error(), tt.bad) || items != nil {
					t.Fatalf("ParseItems = %v, %v; want ErrPayload mentioning %q", items, err, tt.bad)
				}
				return
			}
			if err != nil || len(items) != tt.n {
				t.Fatalf("ParseItems = %d items, %v", len(items), err)
			}
			for _, it := range items {
				if it.Channel != "webhook:ch_x" || len(it.Raw) == 0 || strings.Contains(string(it.Raw), `"channel":"webhook:ch_x"`) {
					t.Errorf("item %+v (raw %s)", it, it.Raw)
				}
			}
		})
	}
}

type sink struct {
	mu    sync.Mutex
	got   map[string]int
	fail  bool
	calls int
}

func (s *sink) store(_ context.Context, items []ingest.Item) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.fail {
		return errors.New("disk full")
	}
	for _, it := range items {
		s.got[it.PlatformID]++
	}
	return nil
}

func TestHandler(t *testing.T) {
	s := &sink{got: map[string]int{}}
	h := &Handler{Secret: secret, Channel: "webhook:ch_x", Sink: s.store, MaxBody: 256, Now: func() time.Time { return now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	post := func(body string, ts int64, sig string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/hooks/webhook/ch_x", strings.NewReader(body))
		r.Header.Set(TimestampHeader, strconv.FormatInt(ts, 10))
		if sig == "" {
			sig = Sign(secret, ts, []byte(body))
		}
		r.Header.Set(SignatureHeader, sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	body := `[{"platform_id":"1","text":"a"},{"platform_id":"2","text":"b"}]`
	if w := post(body, now.Unix(), ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"received":2`) {
		t.Fatalf("good delivery: %d %s", w.Code, w.Body)
	}
	if w := post(body, now.Unix(), "sha256="+strings.Repeat("0", 64)); w.Code != 401 {
		t.Errorf("forged: %d", w.Code)
	}
	if w := post(body, now.Add(-10*time.Minute).Unix(), ""); w.Code != 401 {
		t.Errorf("stale: %d", w.Code)
	}
	if w := post(`{"platform_id":"3"}`, now.Unix(), ""); w.Code != 400 {
		t.Errorf("malformed: %d", w.Code)
	}
	if w := post(`{"platform_id":"3","text":"`+strings.Repeat("x", 300)+`"}`, now.Unix(), ""); w.Code != 413 {
		t.Errorf("too large: %d", w.Code)
	}
	// A replay within the window reaches the sink, which stores
	// idempotently; here the sink just counts.
	if w := post(body, now.Unix(), ""); w.Code != 200 {
		t.Errorf("replay: %d", w.Code)
	}
	s.fail = true
	if w := post(body, now.Unix(), ""); w.Code != 503 {
		t.Errorf("sink failure: %d", w.Code)
	}
	r := httptest.NewRequest(http.MethodGet, "/hooks/webhook/ch_x", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 405 {
		t.Errorf("GET: %d", w.Code)
	}
	if s.calls != 3 {
		t.Errorf("sink called %d times; want 3 (only verified, well-formed deliveries)", s.calls)
	}
}
