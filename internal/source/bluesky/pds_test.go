package bluesky

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// localPDS is a real PDS (and PLC directory) started by scripts/pds.
type localPDS struct {
	URL string `json:"pds"`
	PLC string `json:"plc"`
}

// startPDS starts the harness named by STORMWATCH_PDS_HARNESS (set by
// `make test`), skipping when it is not set and failing when it is set but
// the PDS cannot start.
func startPDS(t *testing.T) localPDS {
	t.Helper()
	dir := os.Getenv("STORMWATCH_PDS_HARNESS")
	if dir == "" {
		t.Skip("the real local PDS is not configured: run `make test` (it installs the harness and sets STORMWATCH_PDS_HARNESS)")
	}
	cmd := exec.Command(filepath.Join(dir, "run.sh"))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	var errMu sync.Mutex
	cmd.Stderr = writerFunc(func(p []byte) (int, error) {
		errMu.Lock()
		defer errMu.Unlock()
		return stderr.Write(p)
	})
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the PDS harness %s: %v", dir, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		stdin.Close() // the harness stops when stdin closes
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		if s.Scan() {
			line <- s.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var l string
	select {
	case l = <-line:
	case <-time.After(90 * time.Second):
	}
	var p localPDS
	if err := json.Unmarshal([]byte(l), &p); err != nil || p.URL == "" {
		errMu.Lock()
		defer errMu.Unlock()
		t.Fatalf("the PDS harness did not start (line %q): %v\nstderr:\n%s", l, err, stderr.String())
	}
	return p
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// xrpcJSON calls the PDS directly, as another client would.
func xrpcJSON(t *testing.T, base, method, nsid, token string, q url.Values, in any) map[string]any {
	t.Helper()
	out, status := xrpcTry(t, base, method, nsid, token, q, in)
	if status/100 != 2 {
		t.Fatalf("%s %s: %d %v", method, nsid, status, out)
	}
	return out
}

func xrpcTry(t *testing.T, base, method, nsid, token string, q url.Values, in any) (map[string]any, int) {
	t.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	u := base + "/xrpc/" + nsid
	if q != nil {
		u += "?" + q.Encode()
	}
	req, _ := http.NewRequest(method, u, body)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, nsid, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return out, resp.StatusCode
}

type account struct{ DID, Token, Handle string }

func createAccount(t *testing.T, pds, handle string) account {
	t.Helper()
	out := xrpcJSON(t, pds, "POST", "com.atproto.server.createAccount", "", nil, map[string]string{
		"handle": handle, "email": strings.TrimSuffix(handle, ".test") + "@example.com", "password": "pw-" + handle + "-long-enough",
	})
	return account{DID: out["did"].(string), Token: out["accessJwt"].(string), Handle: handle}
}

func createRecord(t *testing.T, pds string, a account, coll string, rec map[string]any) StrongRef {
	t.Helper()
	out := xrpcJSON(t, pds, "POST", "com.atproto.repo.createRecord", a.Token, nil, map[string]any{"repo": a.DID, "collection": coll, "record": rec})
	return StrongRef{URI: out["uri"].(string), CID: out["cid"].(string)}
}

func getRecordValue(t *testing.T, pds, uri string) (map[string]any, bool) {
	t.Helper()
	u, err := ParseATURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	out, status := xrpcTry(t, pds, "GET", "com.atproto.repo.getRecord", "", url.Values{"repo": {u.DID}, "collection": {u.Collection}, "rkey": {u.RKey}}, nil)
	if status == 400 && out["error"] == "RecordNotFound" {
		return nil, false
	}
	if status != 200 {
		t.Fatalf("getRecord %s: %d %v", uri, status, out)
	}
	return out["value"].(map[string]any), true
}

func listRecords(t *testing.T, pds, did, coll string) []map[string]any {
	t.Helper()
	out := xrpcJSON(t, pds, "GET", "com.atproto.repo.listRecords", "", url.Values{"repo": {did}, "collection": {coll}, "limit": {"100"}}, nil)
	var recs []map[string]any
	for _, r := range out["records"].([]any) {
		recs = append(recs, r.(map[string]any)["value"].(map[string]any))
	}
	return recs
}

func now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }

// memCheckpoints is the durable side of a source.Runner, in memory: items
// and cursor saved together, with every platform id counted.
type memCheckpoints struct {
	mu     sync.Mutex
	cursor string
	items  []ingest.Item
	seen   map[string]int
	wake   chan struct{}
	// failEvery > 0 fails every failEvery-th insert, as a busy database would.
	failEvery, inserts, failed int
}

func newMemCheckpoints(cursor string) *memCheckpoints {
	return &memCheckpoints{cursor: cursor, seen: map[string]int{}, wake: make(chan struct{}, 1)}
}

func (m *memCheckpoints) Cursor(context.Context, string, string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cursor, nil
}

func (m *memCheckpoints) InsertItemsAt(_ context.Context, _ string, items []ingest.Item, _, cursor, _ string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inserts++
	if m.failEvery > 0 && m.inserts%m.failEvery == 0 {
		m.failed++
		return errors.New("database is locked")
	}
	for _, it := range items {
		m.seen[it.PlatformID]++
		m.items = append(m.items, it)
	}
	m.cursor = cursor
	select {
	case m.wake <- struct{}{}:
	default:
	}
	return nil
}

// waitFor waits until the store holds an item for which ok is true.
func (m *memCheckpoints) waitFor(t *testing.T, what string, ok func(ingest.Item) bool) ingest.Item {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		m.mu.Lock()
		for _, it := range m.items {
			if ok(it) {
				m.mu.Unlock()
				return it
			}
		}
		m.mu.Unlock()
		select {
		case <-m.wake:
		case <-deadline:
			t.Fatalf("%s never came through the firehose", what)
		}
	}
}

// runSource runs a source.Runner over c until the returned stop is called.
func runSource(t *testing.T, c *Connector, store *memCheckpoints) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &source.Runner{Workspace: "w1", Source: c, Store: store, MinWait: 50 * time.Millisecond, MaxWait: time.Second, Log: quiet}
	done := make(chan struct{})
	go func() { _ = r.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

func TestLocalPDS(t *testing.T) {
	pds := startPDS(t)
	org := createAccount(t, pds.URL, "clinic.test")
	troll := createAccount(t, pds.URL, "troll.test")
	appPw := xrpcJSON(t, pds.URL, "POST", "com.atproto.server.createAppPassword", org.Token, nil, map[string]string{"name": "stormwatch"})["password"].(string)

	c, err := New(Config{Service: pds.URL, Firehose: pds.URL, Identifier: org.Handle, AppPassword: appPw, CursorEvery: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c.Channel() != "bluesky:clinic.test" {
		t.Fatalf("channel %q", c.Channel())
	}
	ctx := context.Background()

	// The organization publishes through the connector; a retry of the
	// same action finds the post and does not post twice.
	pub := act.Action{ID: 1, Kind: act.Publish, Channel: c.Channel(), IdempotencyKey: act.Key("publish", "1"), CreatedAt: time.Now(), Params: json.RawMessage(`{"text":"Our clinic is open on Saturday.","lang":"en"}`)}
	res, err := c.Execute(ctx, pub, ingest.Item{})
	if err != nil || !strings.HasPrefix(res, "published: at://"+org.DID+"/app.bsky.feed.post/") {
		t.Fatalf("publish: %q %v", res, err)
	}
	postURI := strings.TrimPrefix(res, "published: ")
	if res2, err := c.Execute(ctx, pub, ingest.Item{}); err != nil || res2 != "already published: "+postURI {
		t.Fatalf("publish retry: %q %v", res2, err)
	}
	if n := len(listRecords(t, pds.URL, org.DID, collPost)); n != 1 {
		t.Fatalf("%d posts after a retried publish, want 1", n)
	}
	postCID := xrpcJSON(t, pds.URL, "GET", "com.atproto.repo.getRecord", "", url.Values{"repo": {org.DID}, "collection": {collPost}, "rkey": {postURI[strings.LastIndex(postURI, "/")+1:]}}, nil)["cid"].(string)
	post := StrongRef{URI: postURI, CID: postCID}

	// The organization already restricts replies to mentioned accounts;
	// hiding must keep that rule.
	postRKey := postURI[strings.LastIndex(postURI, "/")+1:]
	xrpcJSON(t, pds.URL, "POST", "com.atproto.repo.createRecord", org.Token, nil, map[string]any{
		"repo": org.DID, "collection": collThreadgate, "rkey": postRKey,
		"record": map[string]any{"$type": collThreadgate, "post": postURI, "createdAt": now(),
			"allow": []any{map[string]any{"$type": "app.bsky.feed.threadgate#mentionRule"}}},
	})

	// The abuser replies, mentions and quotes; an unrelated post must not
	// be ingested.
	reply := createRecord(t, pds.URL, troll, collPost, map[string]any{"$type": collPost, "text": "You are disgusting liars, everyone should boycott you", "createdAt": now(), "langs": []string{"en"},
		"reply": map[string]any{"root": post, "parent": post}})
	mentionText := "@clinic.test killed my dog"
	mention := createRecord(t, pds.URL, troll, collPost, map[string]any{"$type": collPost, "text": mentionText, "createdAt": now(),
		"facets": []any{map[string]any{"index": map[string]any{"byteStart": 0, "byteEnd": len("@clinic.test")},
			"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#mention", "did": org.DID}}}}})
	quote := createRecord(t, pds.URL, troll, collPost, map[string]any{"$type": collPost, "text": "Look at these people", "createdAt": now(),
		"embed": map[string]any{"$type": "app.bsky.embed.record", "record": post}})
	createRecord(t, pds.URL, troll, collPost, map[string]any{"$type": collPost, "text": "nice weather", "createdAt": now()})

	// Read the firehose from its start through a source.Runner.
	store := newMemCheckpoints("0")
	stop := runSource(t, c, store)
	replyItem := store.waitFor(t, "the reply", func(it ingest.Item) bool { return it.PlatformID == reply.URI })
	mentionItem := store.waitFor(t, "the mention", func(it ingest.Item) bool { return it.PlatformID == mention.URI })
	quoteItem := store.waitFor(t, "the quote", func(it ingest.Item) bool { return it.PlatformID == quote.URI })
	stop()

	if replyItem.Kind != ingest.KindReply || replyItem.AuthorID != troll.DID || replyItem.ParentID != postURI || replyItem.ThreadID != postURI ||
		replyItem.Channel != "bluesky:clinic.test" || replyItem.Lang != "en" || replyItem.CreatedAt.IsZero() || !strings.Contains(replyItem.Text, "boycott") {
		t.Fatalf("reply item: %+v", replyItem)
	}
	if replyItem.AuthorName != "" {
		t.Fatalf("a handle or profile name was stored: %q", replyItem.AuthorName)
	}
	if mentionItem.Kind != ingest.KindMention || mentionItem.Text != mentionText || mentionItem.ParentID != "" {
		t.Fatalf("mention item: %+v", mentionItem)
	}
	if r, _ := ParseRaw(quoteItem.Raw); !slices.Equal(r.Reasons, []string{reasonQuote}) || r.CID != quote.CID {
		t.Fatalf("quote item payload: %s", quoteItem.Raw)
	}
	store.mu.Lock()
	for id, n := range store.seen {
		if n != 1 {
			t.Errorf("%s ingested %d times", id, n)
		}
	}
	if len(store.seen) != 3 {
		t.Errorf("ingested %d items, want the reply, the mention and the quote: %v", len(store.seen), store.seen)
	}
	cursor1 := store.cursor
	store.mu.Unlock()

	// Hide the reply: the thread gate lists it, and keeps its allow rule.
	hide := act.Action{ID: 2, Kind: act.Hide, Channel: c.Channel(), IdempotencyKey: act.Key("hide", reply.URI)}
	if res, err := c.Execute(ctx, hide, replyItem); err != nil || !strings.HasPrefix(res, "hidden") {
		t.Fatalf("hide: %q %v", res, err)
	}
	if res, err := c.Execute(ctx, hide, replyItem); err != nil || !strings.HasPrefix(res, "already hidden") {
		t.Fatalf("hide again: %q %v", res, err)
	}
	gate, ok := getRecordValue(t, pds.URL, "at://"+org.DID+"/"+collThreadgate+"/"+postRKey)
	if !ok {
		t.Fatal("no thread gate after hide")
	}
	if hidden, _ := gate["hiddenReplies"].([]any); len(hidden) != 1 || hidden[0] != reply.URI {
		t.Fatalf("hiddenReplies = %v, want [%s]", gate["hiddenReplies"], reply.URI)
	}
	if allow, _ := gate["allow"].([]any); len(allow) != 1 {
		t.Fatalf("the allow rules were lost: %v", gate)
	}

	// Detach the quote through the post gate.
	if res, err := c.Execute(ctx, act.Action{ID: 3, Kind: act.Hide, IdempotencyKey: "q"}, quoteItem); err != nil || !strings.HasPrefix(res, "detached") {
		t.Fatalf("detach: %q %v", res, err)
	}
	pg, ok := getRecordValue(t, pds.URL, "at://"+org.DID+"/"+collPostgate+"/"+postRKey)
	if d, _ := pg["detachedEmbeddingUris"].([]any); !ok || len(d) != 1 || d[0] != quote.URI {
		t.Fatalf("postgate = %v", pg)
	}

	// A mention outside the organization's threads cannot be hidden.
	if _, err := c.Execute(ctx, act.Action{ID: 4, Kind: act.Hide, IdempotencyKey: "m"}, mentionItem); !act.IsPermanent(err) {
		t.Fatalf("hide a mention: %v, want a permanent error", err)
	}

	// Reply in the thread, twice under one idempotency key: one post.
	rep := act.Action{ID: 5, Kind: act.Reply, IdempotencyKey: act.Key("reply", reply.URI), CreatedAt: time.Now(), Params: json.RawMessage(`{"text":"We have reported this reply. Please keep it respectful."}`)}
	res, err = c.Execute(ctx, rep, replyItem)
	if err != nil || !strings.HasPrefix(res, "replied: ") {
		t.Fatalf("reply: %q %v", res, err)
	}
	ours, _ := getRecordValue(t, pds.URL, strings.TrimPrefix(res, "replied: "))
	rr, _ := ours["reply"].(map[string]any)
	if strongRef(rr["parent"]).URI != reply.URI || strongRef(rr["root"]).URI != postURI {
		t.Fatalf("reply refs: %v", ours)
	}
	if res, err := c.Execute(ctx, rep, replyItem); err != nil || !strings.HasPrefix(res, "already replied") {
		t.Fatalf("reply retry: %q %v", res, err)
	}
	if n := len(listRecords(t, pds.URL, org.DID, collPost)); n != 2 {
		t.Fatalf("%d posts by the organization, want 2 (the post and one reply)", n)
	}

	// Block, twice: one block record for the abuser.
	blk := act.Action{ID: 6, Kind: act.Block, IdempotencyKey: act.Key("block", troll.DID), CreatedAt: time.Now()}
	for i := range 2 {
		if res, err := c.Execute(ctx, blk, replyItem); err != nil || !strings.Contains(res, "blocked "+troll.DID) {
			t.Fatalf("block %d: %q %v", i, res, err)
		}
	}
	blocks := listRecords(t, pds.URL, org.DID, collBlock)
	if len(blocks) != 1 || blocks[0]["subject"] != troll.DID {
		t.Fatalf("blocks = %v", blocks)
	}

	// Unhide round trip.
	if res, err := c.Execute(ctx, act.Action{ID: 7, Kind: act.Unhide, IdempotencyKey: "u"}, replyItem); err != nil || !strings.HasPrefix(res, "unhidden") {
		t.Fatalf("unhide: %q %v", res, err)
	}
	gate, _ = getRecordValue(t, pds.URL, "at://"+org.DID+"/"+collThreadgate+"/"+postRKey)
	if hidden, _ := gate["hiddenReplies"].([]any); len(hidden) != 0 {
		t.Fatalf("hiddenReplies after unhide = %v", hidden)
	}

	// Restart from the saved cursor: a new reply comes through, nothing
	// read before comes again.
	later := createRecord(t, pds.URL, troll, collPost, map[string]any{"$type": collPost, "text": "still here", "createdAt": now(),
		"reply": map[string]any{"root": post, "parent": post}})
	store.mu.Lock()
	store.cursor = cursor1
	store.mu.Unlock()
	stop = runSource(t, c, store)
	store.waitFor(t, "the later reply", func(it ingest.Item) bool { return it.PlatformID == later.URI })
	stop()
	store.mu.Lock()
	defer store.mu.Unlock()
	for id, n := range store.seen {
		if n != 1 {
			t.Errorf("%s ingested %d times after the restart", id, n)
		}
	}
	if len(store.seen) != 4 {
		t.Errorf("ingested %d distinct items, want 4: %v", len(store.seen), store.seen)
	}
	t.Logf("firehose cursor after the first run %s, after the restart %s", cursor1, store.cursor)
}
