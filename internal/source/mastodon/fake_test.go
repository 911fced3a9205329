package mastodon

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fake is a local Mastodon server replaying the documented payload shapes.
type fake struct {
	t    *testing.T
	srv  *httptest.Server
	self string

	mu       sync.Mutex
	notifs   []json.RawMessage // ascending ids
	ids      []string
	statuses map[string]map[string]any // id -> status entity
	keys     map[string]string         // Idempotency-Key -> status id
	posts    int                       // statuses actually created
	reports  []url.Values
	actions  []string // "block 1020382", "DELETE 77", ...
	fail429  int      // the next n notification requests answer 429
	fail5xx  int      // the next n notification requests answer 503
	calls    int      // notification requests
	queries  []url.Values
	stream   chan string // SSE lines to send
	nextID   int64
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, self: "14715", statuses: map[string]map[string]any{}, keys: map[string]string{}, nextID: 200000000000000000}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/accounts/verify_credentials", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": f.self, "username": "clinic", "acct": "clinic", "display_name": "The Clinic"})
	})
	mux.HandleFunc("GET /api/v1/notifications", f.notifications)
	mux.HandleFunc("POST /api/v1/statuses", f.postStatus)
	mux.HandleFunc("GET /api/v1/statuses/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		s, ok := f.statuses[r.PathValue("id")]
		f.mu.Unlock()
		if !ok {
			writeJSON(w, 404, map[string]string{"error": "Record not found"})
			return
		}
		writeJSON(w, 200, s)
	})
	mux.HandleFunc("GET /api/v1/statuses/{id}/context", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"ancestors": []any{map[string]any{"id": "root1", "account": map[string]any{"id": f.self}}}, "descendants": []any{}})
	})
	mux.HandleFunc("DELETE /api/v1/statuses/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		id := r.PathValue("id")
		s, ok := f.statuses[id]
		if !ok {
			writeJSON(w, 404, map[string]string{"error": "Record not found"})
			return
		}
		if s["account"].(map[string]any)["id"] != f.self {
			writeJSON(w, 403, map[string]string{"error": "This action is not allowed"})
			return
		}
		delete(f.statuses, id)
		f.actions = append(f.actions, "DELETE "+id)
		writeJSON(w, 200, s)
	})
	for _, what := range []string{"block", "mute"} {
		mux.HandleFunc("POST /api/v1/accounts/{id}/"+what, func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			f.mu.Lock()
			f.actions = append(f.actions, what+" "+r.PathValue("id")+" "+r.PostForm.Encode())
			f.mu.Unlock()
			writeJSON(w, 200, map[string]any{"id": r.PathValue("id"), what + "ing": true})
		})
	}
	mux.HandleFunc("POST /api/v1/reports", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("account_id") == "" {
			writeJSON(w, 422, map[string]string{"error": "Validation failed"})
			return
		}
		f.mu.Lock()
		f.reports = append(f.reports, r.PostForm)
		n := len(f.reports)
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"id": strconv.Itoa(n), "action_taken": false, "category": r.PostForm.Get("category"),
			"comment": r.PostForm.Get("comment"), "forwarded": false, "status_ids": r.PostForm["status_ids[]"], "rule_ids": r.PostForm["rule_ids[]"]})
	})
	mux.HandleFunc("GET /api/v1/streaming", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("stream") != "user" {
			writeJSON(w, 400, map[string]string{"error": "Unknown stream type"})
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case line := <-f.stream:
				fmt.Fprint(w, line)
				w.(http.Flusher).Flush()
			}
		}
	})
	f.srv = httptest.NewServer(mux) // listens on 127.0.0.1
	f.stream = make(chan string, 16)
	t.Cleanup(f.srv.Close)
	return f
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// addMention appends a mention notification; replyToSelf makes it a reply
// to one of the organization's statuses.
func (f *fake) addMention(text string, replyToSelf bool) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	sid := strconv.FormatInt(f.nextID, 10)
	nid := strconv.Itoa(30000000 + len(f.ids) + 1)
	var inReply, inReplyAcct any
	if replyToSelf {
		inReply, inReplyAcct = "100", f.self
	}
	st := map[string]any{
		"id": sid, "uri": "https://remote.example/users/troll/statuses/" + sid, "url": "https://remote.example/@troll/" + sid,
		"created_at": "2024-05-01T10:00:00.000Z", "in_reply_to_id": inReply, "in_reply_to_account_id": inReplyAcct,
		"sensitive": false, "spoiler_text": "", "visibility": "public", "language": "fr",
		"content":           "<p>" + text + "</p>",
		"account":           map[string]any{"id": "1020382", "username": "troll", "acct": "troll@remote.example", "display_name": "Troll"},
		"media_attachments": []any{}, "mentions": []any{}, "tags": []any{}, "emojis": []any{},
	}
	f.statuses[sid] = st
	n, _ := json.Marshal(map[string]any{"id": nid, "type": "mention", "created_at": "2024-05-01T10:00:00.100Z", "account": st["account"], "status": st})
	f.notifs = append(f.notifs, n)
	f.ids = append(f.ids, nid)
	return sid
}

// notifications pages like Mastodon: min_id gives the page immediately
// newer, max_id the page older; results newest first, with a Link header.
func (f *fake) notifications(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	f.calls++
	f.queries = append(f.queries, q)
	if r.Header.Get("Authorization") != "Bearer tok" {
		writeJSON(w, 401, map[string]string{"error": "The access token is invalid"})
		return
	}
	if f.fail429 > 0 {
		f.fail429--
		w.Header().Set("X-RateLimit-Limit", "300")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", time.Now().Add(50*time.Millisecond).UTC().Format(time.RFC3339Nano))
		writeJSON(w, 429, map[string]string{"error": "Too many requests"})
		return
	}
	if f.fail5xx > 0 {
		f.fail5xx--
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(503)
		return
	}
	if !slices.Equal(q["types[]"], []string{"mention"}) {
		f.t.Errorf("notifications without types[]=mention: %v", q)
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 80 {
		limit = 40
	}
	var page []json.RawMessage
	if minID := q.Get("min_id"); minID != "" {
		for i, id := range f.ids {
			if idLess(minID, id) {
				page = slices.Clone(f.notifs[i:min(i+limit, len(f.ids))])
				break
			}
		}
		slices.Reverse(page)
	} else {
		start := max(0, len(f.ids)-limit)
		page = slices.Clone(f.notifs[start:])
		slices.Reverse(page)
	}
	if len(page) > 0 {
		var first, last struct{ ID string }
		_ = json.Unmarshal(page[0], &first)
		_ = json.Unmarshal(page[len(page)-1], &last)
		base := f.srv.URL + "/api/v1/notifications?types%5B%5D=mention"
		w.Header().Set("Link", fmt.Sprintf(`<%s&max_id=%s>; rel="next", <%s&min_id=%s>; rel="prev"`, base, last.ID, base, first.ID))
	}
	w.Header().Set("X-RateLimit-Remaining", "299")
	writeJSON(w, 200, page)
}

// postStatus creates a status, honouring Idempotency-Key as Mastodon does:
// the same key returns the status created first.
func (f *fake) postStatus(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("status") == "" {
		writeJSON(w, 422, map[string]string{"error": "Validation failed: Text can't be blank"})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	key := r.Header.Get("Idempotency-Key")
	if id, ok := f.keys[key]; ok && key != "" {
		writeJSON(w, 200, f.statuses[id])
		return
	}
	f.nextID++
	id := strconv.FormatInt(f.nextID, 10)
	st := map[string]any{"id": id, "content": "<p>" + r.PostForm.Get("status") + "</p>", "in_reply_to_id": r.PostForm.Get("in_reply_to_id"),
		"visibility": r.PostForm.Get("visibility"), "account": map[string]any{"id": f.self, "acct": "clinic"}, "created_at": "2024-05-01T10:00:00.000Z"}
	f.statuses[id] = st
	if key != "" {
		f.keys[key] = id
	}
	f.posts++
	writeJSON(w, 200, st)
}

func (f *fake) connector(t *testing.T, mod func(*Config)) *Connector {
	cfg := Config{BaseURL: f.srv.URL, Token: "tok", PollInterval: 20 * time.Millisecond, PageSize: 5}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
