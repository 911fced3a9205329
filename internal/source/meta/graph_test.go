package meta

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// fakeGraph is a local Graph API: each request gets the next scripted
// answer (the last one repeats), and requests are recorded.
type fakeGraph struct {
	mu      sync.Mutex
	answers []answer
	reqs    []*http.Request
}

type answer struct {
	status  int
	body    string
	headers map[string]string
}

func (f *fakeGraph) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r)
	a := f.answers[0]
	if len(f.answers) > 1 {
		f.answers = f.answers[1:]
	}
	f.mu.Unlock()
	for k, v := range a.headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	w.Write([]byte(a.body))
}

func (f *fakeGraph) requests() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.reqs...)
}

func newGraph(t *testing.T, p Platform, answers ...answer) (*Graph, *fakeGraph) {
	t.Helper()
	f := &fakeGraph{answers: answers}
	srv := httptest.NewServer(f) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return &Graph{ChannelName: string(p) + ":1", Platform: p, Token: "page-token", AppSecret: "s", BaseURL: srv.URL + "/v23.0", Client: srv.Client()}, f
}

var (
	fbItem    = ingest.Item{ID: 7, Channel: "facebook:1", PlatformID: "998877665544332_1122334455667788"}
	instaItem = ingest.Item{ID: 8, Channel: "instagram:1", PlatformID: "17865799348089039"}
	ok        = answer{status: 200, body: `{"success":true}`}
)

func TestActionsRequests(t *testing.T) {
	reply := json.RawMessage(`{"text":"We have hidden this comment. Please keep it respectful."}`)
	for _, tc := range []struct {
		p      Platform
		kind   act.Kind
		item   ingest.Item
		method string
		path   string
		query  map[string]string
	}{
		{Facebook, act.Hide, fbItem, "POST", "/v23.0/998877665544332_1122334455667788", map[string]string{"is_hidden": "true"}},
		{Facebook, act.Unhide, fbItem, "POST", "/v23.0/998877665544332_1122334455667788", map[string]string{"is_hidden": "false"}},
		{Facebook, act.Delete, fbItem, "DELETE", "/v23.0/998877665544332_1122334455667788", nil},
		{Facebook, act.Reply, fbItem, "POST", "/v23.0/998877665544332_1122334455667788/comments", map[string]string{"message": "We have hidden this comment. Please keep it respectful."}},
		{Instagram, act.Hide, instaItem, "POST", "/v23.0/17865799348089039", map[string]string{"hide": "true"}},
		{Instagram, act.Delete, instaItem, "DELETE", "/v23.0/17865799348089039", nil},
		{Instagram, act.Reply, instaItem, "POST", "/v23.0/17865799348089039/replies", map[string]string{"message": "We have hidden this comment. Please keep it respectful."}},
		// An edited comment's item acts on the comment itself.
		{Facebook, act.Hide, ingest.Item{PlatformID: "99_11" + EditSeparator + "1763712120"}, "POST", "/v23.0/99_11", map[string]string{"is_hidden": "true"}},
	} {
		g, f := newGraph(t, tc.p, answer{status: 200, body: `{"success":true,"id":"99_12"}`})
		a := act.Action{Kind: tc.kind, IdempotencyKey: "k"}
		if tc.kind == act.Reply {
			a.Params = reply
		}
		if _, err := g.Execute(context.Background(), a, tc.item); err != nil {
			t.Fatalf("%s %s: %v", tc.p, tc.kind, err)
		}
		r := f.requests()[0]
		if r.Method != tc.method || r.URL.Path != tc.path {
			t.Errorf("%s %s: %s %s", tc.p, tc.kind, r.Method, r.URL.Path)
		}
		for k, v := range tc.query {
			if got := r.URL.Query().Get(k); got != v {
				t.Errorf("%s %s: %s=%q", tc.p, tc.kind, k, got)
			}
		}
		if r.Header.Get("Authorization") != "Bearer page-token" || r.URL.Query().Has("access_token") || len(r.URL.Query().Get("appsecret_proof")) != 64 {
			t.Errorf("%s %s: token handling: %s", tc.p, tc.kind, r.URL.RawQuery)
		}
	}
	g, _ := newGraph(t, Facebook, ok)
	if g.Deduplicates() || !g.Can(act.Reply) || g.Can(act.Block) {
		t.Error("capabilities")
	}
	if _, err := g.Execute(context.Background(), act.Action{Kind: act.Reply}, fbItem); !act.IsPermanent(err) {
		t.Errorf("reply without text: %v", err)
	}
	if _, err := g.Execute(context.Background(), act.Action{Kind: act.Block}, fbItem); !act.IsPermanent(err) {
		t.Errorf("block: %v", err)
	}
}

func TestHideRetriesAfter5xx(t *testing.T) {
	g, f := newGraph(t, Facebook,
		answer{status: 500, body: `{"error":{"message":"An unknown error occurred","type":"OAuthException","code":1,"fbtrace_id":"X"}}`},
		answer{status: 503, body: `<html>Service Unavailable</html>`},
		ok)
	a := act.Action{Kind: act.Hide, IdempotencyKey: "k"}
	for i := range 2 {
		_, err := g.Execute(context.Background(), a, fbItem)
		if err == nil || act.IsPermanent(err) {
			t.Fatalf("attempt %d: want a retryable error, got %v", i, err)
		}
	}
	res, err := g.Execute(context.Background(), a, fbItem)
	if err != nil || res != "hid 998877665544332_1122334455667788" {
		t.Fatalf("%q %v", res, err)
	}
	if n := len(f.requests()); n != 3 {
		t.Fatalf("%d requests", n)
	}
}

func TestRateLimitCodeRetryable(t *testing.T) {
	body, _ := os.ReadFile("testdata/graph_error_rate_limit.json")
	for _, status := range []int{400, 403, 429} {
		g, f := newGraph(t, Facebook, answer{status: status, body: string(body)})
		_, err := g.Execute(context.Background(), act.Action{Kind: act.Hide}, fbItem)
		var ge *GraphError
		if err == nil || act.IsPermanent(err) || !errors.As(err, &ge) || ge.Code != 32 || !ge.RateLimited() || ge.Wait < time.Minute {
			t.Fatalf("status %d: %v (%+v)", status, err, ge)
		}
		// The actor holds off until the wait is over, without calling.
		if _, err := g.Execute(context.Background(), act.Action{Kind: act.Hide}, fbItem); err == nil || len(f.requests()) != 1 {
			t.Fatalf("status %d: called during the backoff: %v", status, err)
		}
	}
	// 429 without a Graph body, with Retry-After.
	g, _ := newGraph(t, Instagram, answer{status: 429, body: "slow down", headers: map[string]string{"Retry-After": "120"}})
	_, err := g.Execute(context.Background(), act.Action{Kind: act.Delete}, instaItem)
	var ge *GraphError
	if !errors.As(err, &ge) || act.IsPermanent(err) || ge.Wait != 2*time.Minute {
		t.Fatalf("429: %v %+v", err, ge)
	}
}

func TestPermanentErrors(t *testing.T) {
	for _, a := range []answer{
		{status: 400, body: `{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190,"fbtrace_id":"Y"}}`},
		{status: 403, body: `{"error":{"message":"(#200) Permissions error","type":"OAuthException","code":200,"fbtrace_id":"Z"}}`},
		{status: 404, body: `not json`},
	} {
		g, _ := newGraph(t, Facebook, a)
		if _, err := g.Execute(context.Background(), act.Action{Kind: act.Hide}, fbItem); !act.IsPermanent(err) {
			t.Errorf("%d: %v", a.status, err)
		}
	}
	// Deleting a comment that is already gone is done: delete is idempotent.
	gone, _ := os.ReadFile("testdata/graph_error_deleted.json")
	g, _ := newGraph(t, Facebook, answer{status: 400, body: string(gone)})
	if res, err := g.Execute(context.Background(), act.Action{Kind: act.Delete}, fbItem); err != nil || !strings.Contains(res, "already gone") {
		t.Fatalf("%q %v", res, err)
	}
}

func TestUsageNearLimitBacksOff(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	g, f := newGraph(t, Facebook,
		answer{status: 200, body: `{"success":true}`, headers: map[string]string{"X-App-Usage": `{"call_count":96,"total_time":20,"total_cputime":15}`}},
		ok)
	g.Now = func() time.Time { return now }
	if _, err := g.Execute(context.Background(), act.Action{Kind: act.Hide}, fbItem); err != nil {
		t.Fatal(err)
	}
	_, err := g.Execute(context.Background(), act.Action{Kind: act.Hide}, instaItem)
	if err == nil || act.IsPermanent(err) || len(f.requests()) != 1 {
		t.Fatalf("near the limit: %v, %d requests", err, len(f.requests()))
	}
	now = now.Add(7 * time.Minute) // 96% → 7 minutes
	if _, err := g.Execute(context.Background(), act.Action{Kind: act.Hide}, fbItem); err != nil || len(f.requests()) != 2 {
		t.Fatalf("after the wait: %v", err)
	}

	h := http.Header{}
	h.Set("X-Business-Use-Case-Usage", `{"104512345678901":[{"type":"pages","call_count":40,"total_cputime":12,"total_time":30,"estimated_time_to_regain_access":0}]}`)
	if w := UsageWait(h, 90); w != 0 {
		t.Errorf("low usage: %s", w)
	}
	h.Set("X-Business-Use-Case-Usage", `{"104512345678901":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":30,"estimated_time_to_regain_access":25}]}`)
	if w := UsageWait(h, 90); w != 25*time.Minute {
		t.Errorf("buc at the limit: %s", w)
	}
	h = http.Header{"X-App-Usage": {`{"call_count":1e308}`}, "X-Page-Usage": {`garbage`}}
	if w := UsageWait(h, 90); w != time.Hour {
		t.Errorf("absurd usage: %s", w)
	}
}

func TestPublishOnPageFeed(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       Platform
		pageID  string
		params  string
		answers []answer
		want    string
		perm    bool
		retry   bool
	}{
		{name: "page", p: Facebook, pageID: "998877665544332", params: `{"text":"We are open on Saturday.","link":"https://clinic.example/hours"}`,
			answers: []answer{{status: 200, body: `{"id":"998877665544332_555"}`}}, want: "published as 998877665544332_555"},
		{name: "no page id", p: Facebook, params: `{"text":"x"}`, answers: []answer{ok}, perm: true},
		{name: "instagram", p: Instagram, pageID: "1", params: `{"text":"x"}`, answers: []answer{ok}, perm: true},
		{name: "no text", p: Facebook, pageID: "1", params: `{}`, answers: []answer{ok}, perm: true},
		{name: "throttled", p: Facebook, pageID: "1", params: `{"text":"x"}`,
			answers: []answer{{status: 400, body: `{"error":{"message":"Application request limit reached","type":"OAuthException","code":4}}`}}, retry: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, f := newGraph(t, tc.p, tc.answers...)
			g.PageID = tc.pageID
			if g.Can(act.Publish) != (tc.pageID != "" && tc.p == Facebook) {
				t.Errorf("Can(publish) = %v", g.Can(act.Publish))
			}
			res, err := g.Execute(context.Background(), act.Action{Kind: act.Publish, IdempotencyKey: "k", Params: json.RawMessage(tc.params)}, ingest.Item{ID: 1, PlatformID: "draft:1"})
			switch {
			case tc.perm:
				if !act.IsPermanent(err) || len(f.requests()) != 0 {
					t.Fatalf("err %v after %d requests; want permanent before any request", err, len(f.requests()))
				}
				return
			case tc.retry:
				if err == nil || act.IsPermanent(err) {
					t.Fatalf("err %v; want retryable", err)
				}
				return
			}
			if err != nil || res != tc.want {
				t.Fatalf("Execute = %q, %v", res, err)
			}
			reqs := f.requests()
			if len(reqs) != 1 || reqs[0].Method != "POST" || reqs[0].URL.Path != "/v23.0/998877665544332/feed" {
				t.Fatalf("requests %v", reqs)
			}
			q := reqs[0].URL.Query()
			if q.Get("message") != "We are open on Saturday." || q.Get("link") != "https://clinic.example/hours" || q.Get("appsecret_proof") == "" || q.Get("access_token") != "" {
				t.Errorf("query %v", q)
			}
		})
	}
}
