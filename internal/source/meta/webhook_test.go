package meta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

const (
	testSecret = "app-secret-for-tests"
	testToken  = "verify-me"
)

type recorder struct {
	mu      sync.Mutex
	batches [][]ingest.Item
	fail    error
}

func (r *recorder) sink(_ context.Context, items []ingest.Item) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.batches = append(r.batches, items)
	return nil
}

func (r *recorder) all() []ingest.Item {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []ingest.Item
	for _, b := range r.batches {
		out = append(out, b...)
	}
	return out
}

func newTestWebhook(r *recorder) *Webhook {
	return NewWebhook(Config{VerifyToken: testToken, AppSecret: testSecret,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, r.sink)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func post(h http.Handler, body []byte, sig string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/hooks/meta", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-Hub-Signature-256", sig)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestHandshake(t *testing.T) {
	h := newTestWebhook(&recorder{})
	for _, tc := range []struct {
		query string
		code  int
		body  string
	}{
		{"hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444", 200, "1158201444"},
		{"hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444", 403, ""},
		{"hub.mode=subscribe&hub.challenge=1158201444", 403, ""},
		{"hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1", 403, ""},
		{"hub.mode=subscribe&hub.verify_token=verify-me", 400, ""},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/hooks/meta?"+tc.query, nil))
		if w.Code != tc.code || (tc.body != "" && w.Body.String() != tc.body) {
			t.Errorf("%s: got %d %q, want %d %q", tc.query, w.Code, w.Body.String(), tc.code, tc.body)
		}
	}
	// An empty configured token never verifies.
	empty := NewWebhook(Config{AppSecret: testSecret}, (&recorder{}).sink)
	w := httptest.NewRecorder()
	empty.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/?hub.mode=subscribe&hub.verify_token=&hub.challenge=x", nil))
	if w.Code != 403 {
		t.Errorf("empty token: %d", w.Code)
	}
}

func TestSignature(t *testing.T) {
	body := readTestdata(t, "page_feed_comment_add.json")
	valid := Sign(testSecret, body)
	forged := []byte(strings.Replace(string(body), "ashamed", "welcome", 1))
	for _, tc := range []struct {
		name string
		body []byte
		sig  string
		code int
	}{
		{"valid", body, valid, 200},
		{"valid upper-case hex", body, "sha256=" + strings.ToUpper(strings.TrimPrefix(valid, "sha256=")), 200},
		{"forged body", forged, valid, 401},
		{"wrong secret", body, Sign("another-secret", body), 401},
		{"missing", body, "", 401},
		{"sha1 only", body, "sha1=" + strings.Repeat("0", 40), 401},
		{"short", body, valid[:30], 401},
		{"not hex", body, "sha256=" + strings.Repeat("z", 64), 401},
	} {
		r := &recorder{}
		w := post(newTestWebhook(r), tc.body, tc.sig)
		if w.Code != tc.code {
			t.Errorf("%s: %d, want %d", tc.name, w.Code, tc.code)
		}
		if got := len(r.all()); (tc.code == 200) != (got == 1) {
			t.Errorf("%s: %d items stored", tc.name, got)
		}
	}
	if err := VerifySignature("", valid, body); err == nil {
		t.Error("an empty app secret verified a delivery")
	}
}

func TestFeedCommentParsed(t *testing.T) {
	r := &recorder{}
	body := readTestdata(t, "page_feed_comment_add.json")
	if w := post(newTestWebhook(r), body, Sign(testSecret, body)); w.Code != 200 || w.Body.String() != "EVENT_RECEIVED" {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	items := r.all()
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	want := ingest.Item{
		Channel: "facebook:104512345678901", PlatformID: "998877665544332_1122334455667788",
		Kind: ingest.KindComment, Text: "You people should be ashamed, we know where you work.",
		AuthorID: "2487193456123456", AuthorName: "Alex Sample",
		ThreadID: "104512345678901_998877665544332", ParentID: "104512345678901_998877665544332",
		URL:       "https://www.facebook.com/104512345678901/posts/pfbid0Example",
		CreatedAt: time.Unix(1763711990, 0).UTC(),
	}
	raw := it.Raw
	it.Raw = nil
	if it.Channel != want.Channel || it.PlatformID != want.PlatformID || it.Kind != want.Kind || it.Text != want.Text ||
		it.AuthorID != want.AuthorID || it.AuthorName != want.AuthorName || it.ThreadID != want.ThreadID ||
		it.ParentID != want.ParentID || it.URL != want.URL || !it.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("got  %+v\nwant %+v", it, want)
	}
	// Raw is the change value byte for byte.
	var d struct {
		Entry []struct {
			Changes []struct {
				Value json.RawMessage `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, d.Entry[0].Changes[0].Value) {
		t.Errorf("raw is not the change value verbatim:\n%s", raw)
	}

	// A reply to a comment.
	items, _, err := Parse(readTestdata(t, "page_feed_reply_add.json"), nil)
	if err != nil || len(items) != 1 || items[0].Kind != ingest.KindReply || items[0].ParentID != "998877665544332_1122334455667788" {
		t.Fatalf("reply: %v %+v", err, items)
	}
}

func TestUnknownVerbsAndFields(t *testing.T) {
	items, skipped, err := Parse(readTestdata(t, "page_feed_mixed.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Only the edit is read, as its own item with a stamped id.
	if len(items) != 1 || items[0].PlatformID != "998877665544332_1122334455667788#edit-1763712120" ||
		items[0].Text != "Edited: you will regret this." || GraphID(items[0].PlatformID) != "998877665544332_1122334455667788" {
		t.Fatalf("items: %+v", items)
	}
	if len(skipped) != 4 {
		t.Fatalf("skipped: %+v", skipped)
	}
	for i, want := range []string{`verb "remove"`, `item "reaction"`, "Page itself", "not read"} {
		if !strings.Contains(skipped[i].Reason, want) {
			t.Errorf("skip %d: %q, want %q", i, skipped[i].Reason, want)
		}
	}
	// Other objects are acknowledged and ignored.
	for _, body := range []string{`{"object":"user","entry":[]}`, `{"object":"page"}`, `{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":"x"}]}]}`} {
		r := &recorder{}
		if w := post(newTestWebhook(r), []byte(body), Sign(testSecret, []byte(body))); w.Code != 200 || len(r.all()) != 0 {
			t.Errorf("%s: %d, %d items", body, w.Code, len(r.all()))
		}
	}
}

func TestInstagramCommentParsed(t *testing.T) {
	r := &recorder{}
	body := readTestdata(t, "instagram_comments.json")
	if w := post(newTestWebhook(r), body, Sign(testSecret, body)); w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	items := r.all()
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	if it.Channel != "instagram:17841400000000001" || it.PlatformID != "17865799348089039" || it.Kind != ingest.KindReply ||
		it.Text != "This is an example reply, nobody wants you here." || it.AuthorID != "232323232" ||
		it.AuthorName != "test_user_ig" || it.ThreadID != "17887498072083520" || it.ParentID != "17865799348089000" ||
		!it.CreatedAt.Equal(time.Unix(1763712300, 0)) || !json.Valid(it.Raw) {
		t.Errorf("%+v", it)
	}
	// Business Login for Instagram: field and value on the entry itself.
	flat := `{"object":"instagram","entry":[{"id":"17841400000000001","time":1763712301,"field":"comments","value":{"id":"1786","from":{"id":"9","username":"u"},"text":"hi","media":{"id":"m"}}}]}`
	items, _, err := Parse([]byte(flat), nil)
	if err != nil || len(items) != 1 || items[0].PlatformID != "1786" || items[0].Kind != ingest.KindComment {
		t.Errorf("flat entry: %v %+v", err, items)
	}
}

// A replayed delivery reaches the sink again with the same (channel,
// platform id) pairs; the store keeps items unique by those, so the replay
// stores nothing new.
func TestReplayIsIdempotent(t *testing.T) {
	r := &recorder{}
	h := newTestWebhook(r)
	body := readTestdata(t, "page_feed_comment_add.json")
	sig := Sign(testSecret, body)
	for range 2 {
		if w := post(h, body, sig); w.Code != 200 {
			t.Fatalf("%d", w.Code)
		}
	}
	if len(r.batches) != 2 {
		t.Fatalf("%d batches", len(r.batches))
	}
	a, b := r.batches[0], r.batches[1]
	if len(a) != 1 || len(b) != 1 || a[0].Channel != b[0].Channel || a[0].PlatformID != b[0].PlatformID || !bytes.Equal(a[0].Raw, b[0].Raw) {
		t.Fatalf("replay differs: %+v / %+v", a, b)
	}
	// Deduplicated as the store does, by (channel, platform id): one item.
	seen := map[[2]string]bool{}
	for _, it := range r.all() {
		seen[[2]string{it.Channel, it.PlatformID}] = true
	}
	if len(seen) != 1 {
		t.Fatalf("%d distinct items after replay", len(seen))
	}
}

func TestNothingLost(t *testing.T) {
	body := readTestdata(t, "page_feed_comment_add.json")
	sig := Sign(testSecret, body)
	// Sink failure: not acknowledged, so Meta retries.
	r := &recorder{fail: errors.New("disk full")}
	if w := post(newTestWebhook(r), body, sig); w.Code/100 != 5 {
		t.Fatalf("sink failed but answered %d", w.Code)
	}
	// Truncated bodies, correctly signed or not: 400 or 401, nothing stored.
	for n := 1; n < len(body)-1; n += 7 {
		cut := body[:n]
		r := &recorder{}
		if w := post(newTestWebhook(r), cut, Sign(testSecret, cut)); w.Code != 400 || len(r.all()) != 0 {
			t.Fatalf("truncated at %d: %d, %d items", n, w.Code, len(r.all()))
		}
		if w := post(newTestWebhook(r), cut, sig); w.Code != 401 || len(r.all()) != 0 {
			t.Fatalf("truncated at %d with the full body's signature: %d", n, w.Code)
		}
	}
	// A body cut short in transit (Content-Length larger than what came).
	req := httptest.NewRequest(http.MethodPost, "/", io.MultiReader(bytes.NewReader(body[:40]), errReader{}))
	req.Header.Set("X-Hub-Signature-256", sig)
	w := httptest.NewRecorder()
	newTestWebhook(r).ServeHTTP(w, req)
	if w.Code != 400 {
		t.Fatalf("broken body: %d", w.Code)
	}
	// Too large.
	big := NewWebhook(Config{VerifyToken: testToken, AppSecret: testSecret, MaxBody: 64, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, r.sink)
	if w := post(big, body, sig); w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("too large: %d", w.Code)
	}
	// Other methods.
	w = httptest.NewRecorder()
	newTestWebhook(r).ServeHTTP(w, httptest.NewRequest(http.MethodPut, "/", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Fatalf("PUT: %d", w.Code)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }
