package bluesky

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
)

const (
	fakeOrg   = "did:plc:clinicclinicclinicclinic"
	fakeTroll = "did:plc:trolltrolltrolltrolltrol"
	fakePw    = "abcd-efgh-ijkl-mnop"
)

// fakePDS is a local XRPC server answering as a PDS does (error shapes,
// rate-limit headers, the reference implementation's 500 on a second
// create under one record key), for what the real local PDS cannot do
// (reports, mutes, notifications) and for faults.
type fakePDS struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	records  map[string]fakeRecord // "<repo>/<collection>/<rkey>"
	creates  int                   // records actually created
	logins   int
	refreshs int
	access   map[string]bool // valid access tokens
	refresh  map[string]bool // valid refresh tokens
	nextTok  int
	reports  []map[string]any
	mutes    []string
	proxies  map[string]string // nsid -> atproto-proxy seen
	notifs   []Notification    // oldest first; the visible ones
	pending  []Notification    // released into notifs, release at a time, on each listing
	release  int
	queries  []string // listNotifications query strings
	// fault, when set, may answer a request instead of the handler: before
	// reports whether it runs before the handler (no effect) or after it
	// (the effect happened, the answer is lost).
	fault func(nsid string) (status int, header http.Header, before bool)
	// swapFail makes the next n putRecord answer InvalidSwap.
	swapFail int
}

// quiet discards the logs of connectors and runners under test.
var quiet = slog.New(slog.DiscardHandler)

type fakeRecord struct {
	CID   string
	Value json.RawMessage
}

func newFakePDS(t *testing.T) *fakePDS {
	f := &fakePDS{t: t, records: map[string]fakeRecord{}, access: map[string]bool{}, refresh: map[string]bool{}, proxies: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakePDS) connector(t *testing.T, mod func(*Config)) *Connector {
	t.Helper()
	cfg := Config{Service: f.srv.URL, Firehose: f.srv.URL, Identifier: "clinic.example", AppPassword: fakePw, MaxRetryWait: 1, Log: quiet}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func xrpcError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func cidOf(b []byte) string {
	h := sha256.Sum256(b)
	return "bafyrei" + hex.EncodeToString(h[:12])
}

func (f *fakePDS) serve(w http.ResponseWriter, r *http.Request) {
	nsid := strings.TrimPrefix(r.URL.Path, "/xrpc/")
	var in map[string]any
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &in)
	}
	f.mu.Lock()
	fault := f.fault
	if p := r.Header.Get("atproto-proxy"); p != "" {
		f.proxies[nsid] = p
	}
	f.mu.Unlock()
	if fault != nil {
		if status, h, before := fault(nsid); status != 0 {
			if !before {
				f.handle(httptest.NewRecorder(), r, nsid, in) // the effect happens, the answer is lost
			}
			for k, v := range h {
				w.Header()[k] = v
			}
			xrpcError(w, status, map[int]string{429: "RateLimitExceeded", 500: "InternalServerError", 502: "UpstreamFailure", 503: "NotEnoughResources"}[status], "injected fault")
			return
		}
	}
	f.handle(w, r, nsid, in)
}

func (f *fakePDS) newTokens() map[string]any {
	f.nextTok++
	a, rf := fmt.Sprintf("access-%d", f.nextTok), fmt.Sprintf("refresh-%d", f.nextTok)
	f.access[a], f.refresh[rf] = true, true
	return map[string]any{"accessJwt": a, "refreshJwt": rf, "did": fakeOrg, "handle": "clinic.example", "active": true}
}

// expireAll expires every access token (and, with refreshToo, every
// refresh token).
func (f *fakePDS) expireAll(refreshToo bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.access)
	if refreshToo {
		clear(f.refresh)
	}
}

func (f *fakePDS) handle(w http.ResponseWriter, r *http.Request, nsid string, in map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch nsid {
	case "com.atproto.server.createSession":
		if in["identifier"] != "clinic.example" || in["password"] != fakePw {
			xrpcError(w, 401, "AuthenticationRequired", "Invalid identifier or password")
			return
		}
		f.logins++
		writeJSON(w, f.newTokens())
		return
	case "com.atproto.server.refreshSession":
		if !f.refresh[bearer] {
			xrpcError(w, 400, "ExpiredToken", "Token has expired")
			return
		}
		delete(f.refresh, bearer)
		f.refreshs++
		writeJSON(w, f.newTokens())
		return
	case "com.atproto.repo.getRecord":
		q := r.URL.Query()
		rec, ok := f.records[q.Get("repo")+"/"+q.Get("collection")+"/"+q.Get("rkey")]
		if !ok {
			xrpcError(w, 400, "RecordNotFound", "Could not locate record")
			return
		}
		writeJSON(w, map[string]any{"uri": "at://" + q.Get("repo") + "/" + q.Get("collection") + "/" + q.Get("rkey"), "cid": rec.CID, "value": rec.Value})
		return
	}
	if !f.access[bearer] {
		if strings.HasPrefix(bearer, "access-") {
			xrpcError(w, 400, "ExpiredToken", "Token has expired")
		} else {
			xrpcError(w, 401, "AuthenticationRequired", "Authentication Required")
		}
		return
	}
	str := func(k string) string { s, _ := in[k].(string); return s }
	switch nsid {
	case "com.atproto.repo.createRecord":
		key := str("repo") + "/" + str("collection") + "/" + str("rkey")
		if _, dup := f.records[key]; dup {
			xrpcError(w, 500, "InternalServerError", "Internal Server Error") // as @atproto/pds answers
			return
		}
		b, _ := json.Marshal(in["record"])
		f.records[key] = fakeRecord{CID: cidOf(b), Value: b}
		f.creates++
		writeJSON(w, map[string]any{"uri": "at://" + key, "cid": cidOf(b)})
	case "com.atproto.repo.putRecord":
		key := str("repo") + "/" + str("collection") + "/" + str("rkey")
		cur, exists := f.records[key]
		swap, hasSwap := in["swapRecord"]
		if f.swapFail > 0 || (hasSwap && ((swap == nil && exists) || (swap != nil && swap != cur.CID))) {
			if f.swapFail > 0 {
				f.swapFail--
			}
			xrpcError(w, 400, "InvalidSwap", "Record was at "+cur.CID)
			return
		}
		b, _ := json.Marshal(in["record"])
		f.records[key] = fakeRecord{CID: cidOf(b), Value: b}
		writeJSON(w, map[string]any{"uri": "at://" + key, "cid": cidOf(b)})
	case "com.atproto.repo.deleteRecord":
		delete(f.records, str("repo")+"/"+str("collection")+"/"+str("rkey"))
		writeJSON(w, map[string]any{})
	case "app.bsky.graph.muteActor":
		if r.Header.Get("atproto-proxy") == "" {
			xrpcError(w, 400, "InvalidRequest", "No service configured for app.bsky.graph.muteActor")
			return
		}
		f.mutes = append(f.mutes, str("actor"))
		w.WriteHeader(200)
	case "com.atproto.moderation.createReport":
		f.reports = append(f.reports, in)
		writeJSON(w, map[string]any{"id": len(f.reports), "reasonType": in["reasonType"], "subject": in["subject"], "reportedBy": fakeOrg, "createdAt": "2026-11-21T08:00:00.000Z"})
	case listNotifications:
		f.queries = append(f.queries, r.URL.RawQuery)
		f.listNotifications(w, r)
	default:
		xrpcError(w, 501, "MethodNotImplemented", "Method Not Implemented")
	}
}

// listNotifications lists f.notifs newest first, with keyset cursors
// ("the notifications older than index n"), as the AppView pages.
func (f *fakePDS) listNotifications(w http.ResponseWriter, r *http.Request) {
	if n := min(f.release, len(f.pending)); n > 0 {
		f.notifs = append(f.notifs, f.pending[:n]...)
		f.pending = f.pending[n:]
	}
	q := r.URL.Query()
	end := len(f.notifs)
	if c := q.Get("cursor"); c != "" {
		_, _ = fmt.Sscanf(c, "n%d", &end)
		end = min(max(end, 0), len(f.notifs))
	}
	limit := 50
	_, _ = fmt.Sscanf(q.Get("limit"), "%d", &limit)
	start := max(end-limit, 0)
	page := slices.Clone(f.notifs[start:end])
	slices.Reverse(page)
	out := map[string]any{"notifications": page}
	if start > 0 {
		out["cursor"] = fmt.Sprintf("n%d", start)
	}
	writeJSON(w, out)
}

// notification makes the i-th notification by the troll: a reply (or the
// given reason) to the organization's post, indexed i ms after a base.
func notification(i int, reason string) Notification {
	rkey := RecordKey(act.Action{IdempotencyKey: fmt.Sprint("n", i)})
	rec := replyJSON
	switch reason {
	case reasonMention:
		rec = mentionJSON
	case reasonQuote:
		rec = quoteJSON
	case "like":
		rec = likeJSON
	}
	n := Notification{URI: "at://" + fakeTroll + "/app.bsky.feed.post/" + rkey, CID: cidOf([]byte(rkey)), Reason: reason, Record: json.RawMessage(rec),
		IndexedAt: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Millisecond).Format(time.RFC3339Nano)}
	n.Author.DID = fakeTroll
	return n
}

// setFault sets (or, with nil, clears) the fault injector.
func (f *fakePDS) setFault(fn func(nsid string) (int, http.Header, bool)) {
	f.mu.Lock()
	f.fault = fn
	f.mu.Unlock()
}

// stats is a copy of what the fake counted, read under its lock.
type stats struct {
	creates, logins, refreshs int
	reports                   []map[string]any
	mutes, queries            []string
	proxies                   map[string]string
	notifs                    []Notification
}

func (f *fakePDS) get() stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return stats{f.creates, f.logins, f.refreshs, slices.Clone(f.reports), slices.Clone(f.mutes), slices.Clone(f.queries), maps.Clone(f.proxies), slices.Clone(f.notifs)}
}

func (f *fakePDS) record(key string) (map[string]any, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.records[key]
	if !ok {
		return nil, false
	}
	var m map[string]any
	_ = json.Unmarshal(r.Value, &m)
	return m, true
}
