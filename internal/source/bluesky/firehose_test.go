package bluesky

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	comatproto "github.com/bluesky-social/indigo/api/atproto"
	"github.com/bluesky-social/indigo/atproto/atdata"
	"github.com/bluesky-social/indigo/events"
	lexutil "github.com/bluesky-social/indigo/lex/util"
	"github.com/gorilla/websocket"
	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car"
	carutil "github.com/ipld/go-car/util"
	"github.com/multiformats/go-multihash"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// testPost is one record of a synthetic commit: its record key and JSON.
type testPost struct {
	rkey, coll, json string
	del              bool
}

// commitEvent builds a #commit event as a PDS emits it: ops plus a CAR
// slice holding the commit block and the records.
func commitEvent(t testing.TB, seq int64, repo string, posts ...testPost) *comatproto.SyncSubscribeRepos_Commit {
	t.Helper()
	var blocks [][2][]byte // cid bytes, data
	var ops []*comatproto.SyncSubscribeRepos_RepoOp
	sum := func(data []byte) cid.Cid {
		c, err := cid.NewPrefixV1(cid.DagCBOR, multihash.SHA2_256).Sum(data)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	commitData, _ := atdata.MarshalCBOR(map[string]any{"did": repo, "version": int64(3), "rev": "3n2sm43tvnc2f"})
	commitCID := sum(commitData)
	blocks = append(blocks, [2][]byte{commitCID.Bytes(), commitData})
	for _, p := range posts {
		coll := p.coll
		if coll == "" {
			coll = collPost
		}
		if p.del {
			ops = append(ops, &comatproto.SyncSubscribeRepos_RepoOp{Action: "delete", Path: coll + "/" + p.rkey})
			continue
		}
		var data []byte
		if m, err := atdata.UnmarshalJSON([]byte(p.json)); err == nil {
			if data, err = atdata.MarshalCBOR(m); err != nil {
				t.Fatal(err)
			}
		} else {
			data = []byte(p.json) // deliberately not CBOR
		}
		c := sum(data)
		blocks = append(blocks, [2][]byte{c.Bytes(), data})
		link := lexutil.LexLink(c)
		ops = append(ops, &comatproto.SyncSubscribeRepos_RepoOp{Action: "create", Path: coll + "/" + p.rkey, Cid: &link})
	}
	var buf bytes.Buffer
	if err := car.WriteHeader(&car.CarHeader{Roots: []cid.Cid{commitCID}, Version: 1}, &buf); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		if err := carutil.LdWrite(&buf, b[0], b[1]); err != nil {
			t.Fatal(err)
		}
	}
	return &comatproto.SyncSubscribeRepos_Commit{
		Seq: seq, Repo: repo, Rev: "3n2sm43tvnc2f", Time: "2026-11-21T08:00:00.000Z",
		Blocks: buf.Bytes(), Commit: lexutil.LexLink(commitCID), Ops: ops, Blobs: []lexutil.LexLink{},
	}
}

func frameBytes(t testing.TB, ev *events.XRPCStreamEvent) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := ev.Serialize(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func commitFrame(t testing.TB, seq int64, repo string, posts ...testPost) []byte {
	return frameBytes(t, &events.XRPCStreamEvent{RepoCommit: commitEvent(t, seq, repo, posts...)})
}

const orgPost = "at://" + fakeOrg + "/app.bsky.feed.post/3kabc2222222a"

var (
	replyJSON   = `{"$type":"app.bsky.feed.post","text":"you are liars","createdAt":"2026-11-21T07:59:00.000Z","langs":["en-GB"],"reply":{"root":{"uri":"` + orgPost + `","cid":"bafyreia5ku7w2q4r7xymozqjtecmqhwccskpyjgmijjocl7iwmij6muffe"},"parent":{"uri":"at://did:plc:someoneelsesomeoneelse00/app.bsky.feed.post/3kabc3333333a","cid":"bafyreia5ku7w2q4r7xymozqjtecmqhwccskpyjgmijjocl7iwmij6muffe"}}}`
	mentionJSON = `{"$type":"app.bsky.feed.post","text":"@clinic.example shame","createdAt":"2026-11-21T07:59:00Z","facets":[{"index":{"byteStart":0,"byteEnd":15},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"` + fakeOrg + `"}]}]}`
	quoteJSON   = `{"$type":"app.bsky.feed.post","text":"look","createdAt":"2026-11-21T07:59:00Z","embed":{"$type":"app.bsky.embed.recordWithMedia","media":{"$type":"app.bsky.embed.external","external":{"uri":"https://x.example","title":"","description":""}},"record":{"$type":"app.bsky.embed.record","record":{"uri":"` + orgPost + `","cid":"bafyreia5ku7w2q4r7xymozqjtecmqhwccskpyjgmijjocl7iwmij6muffe"}}}}`
	otherJSON   = `{"$type":"app.bsky.feed.post","text":"nice weather","createdAt":"2026-11-21T07:59:00Z"}`
	likeJSON    = `{"$type":"app.bsky.feed.like","subject":{"uri":"` + orgPost + `","cid":"bafyreia5ku7w2q4r7xymozqjtecmqhwccskpyjgmijjocl7iwmij6muffe"},"createdAt":"2026-11-21T07:59:00Z"}`
)

func TestCommitItems(t *testing.T) {
	tests := []struct {
		name    string
		repo    string
		posts   []testPost
		want    []string // platform ids
		kind    ingest.Kind
		reasons []string
	}{
		{"reply in the org's thread", fakeTroll, []testPost{{rkey: "3kabc4444444a", json: replyJSON}}, []string{"at://" + fakeTroll + "/app.bsky.feed.post/3kabc4444444a"}, ingest.KindReply, []string{reasonReply}},
		{"mention", fakeTroll, []testPost{{rkey: "3kabc4444444b", json: mentionJSON}}, []string{"at://" + fakeTroll + "/app.bsky.feed.post/3kabc4444444b"}, ingest.KindMention, []string{reasonMention}},
		{"quote with media", fakeTroll, []testPost{{rkey: "3kabc4444444c", json: quoteJSON}}, []string{"at://" + fakeTroll + "/app.bsky.feed.post/3kabc4444444c"}, ingest.KindMention, []string{reasonQuote}},
		{"unrelated post", fakeTroll, []testPost{{rkey: "3kabc4444444d", json: otherJSON}}, nil, "", nil},
		{"a like is not a post", fakeTroll, []testPost{{rkey: "3kabc4444444e", coll: "app.bsky.feed.like", json: likeJSON}}, nil, "", nil},
		{"the org's own reply", fakeOrg, []testPost{{rkey: "3kabc4444444f", json: replyJSON}}, nil, "", nil},
		{"a delete", fakeTroll, []testPost{{rkey: "3kabc4444444g", del: true}}, nil, "", nil},
		{"an unreadable record beside a good one", fakeTroll, []testPost{{rkey: "3kabc4444444h", json: "not cbor " + fakeOrg}, {rkey: "3kabc4444444i", json: replyJSON}}, []string{"at://" + fakeTroll + "/app.bsky.feed.post/3kabc4444444i"}, ingest.KindReply, []string{reasonReply}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := CommitItems(commitEvent(t, 1, tt.repo, tt.posts...), fakeOrg)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.PlatformID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Fatalf("items %v, want %v", ids, tt.want)
			}
			for _, it := range items {
				r, err := ParseRaw(it.Raw)
				if err != nil || !slices.Equal(r.Reasons, tt.reasons) || r.CID == "" || it.Kind != tt.kind || it.AuthorID != tt.repo || it.AuthorName != "" || it.CreatedAt.IsZero() {
					t.Fatalf("item %+v raw %s (%v)", it, it.Raw, err)
				}
			}
		})
	}
	it := CommitItems(commitEvent(t, 1, fakeTroll, testPost{rkey: "3kabc4444444a", json: replyJSON}), fakeOrg)[0]
	if it.ThreadID != orgPost || !strings.HasSuffix(it.ParentID, "3kabc3333333a") || it.Lang != "en" || it.Text != "you are liars" ||
		it.URL != "https://bsky.app/profile/"+fakeTroll+"/post/3kabc4444444a" {
		t.Fatalf("reply item %+v", it)
	}
}

// fakeFirehose serves subscribeRepos over a websocket: each connection
// gets the frames of script (as many as it has), then stays open until the
// test ends.
type fakeFirehose struct {
	srv     *httptest.Server
	mu      sync.Mutex
	cursors []string
	script  [][][]byte // per connection
	conns   int
}

func newFakeFirehose(t *testing.T, script ...[][]byte) *fakeFirehose {
	f := &fakeFirehose{script: script}
	up := websocket.Upgrader{}
	done := make(chan struct{})
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/xrpc/"+subscribeRepos {
			http.NotFound(w, r)
			return
		}
		f.mu.Lock()
		f.cursors = append(f.cursors, r.URL.Query().Get("cursor"))
		var frames [][]byte
		if f.conns < len(f.script) {
			frames = f.script[f.conns]
		}
		f.conns++
		f.mu.Unlock()
		conn, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		for _, fr := range frames {
			if err := conn.WriteMessage(websocket.BinaryMessage, fr); err != nil {
				return
			}
		}
		go func() { // read until the client goes, to notice it
			for {
				if _, _, err := conn.ReadMessage(); err != nil {
					return
				}
			}
		}()
		<-done
	}))
	t.Cleanup(func() { close(done); f.srv.Close() })
	return f
}

// emits records what a Run emitted.
type emits struct {
	mu      sync.Mutex
	items   []ingest.Item
	cursors []string
	fail    error
	got     chan struct{}
}

func newEmits() *emits { return &emits{got: make(chan struct{}, 100)} }

func (e *emits) emit(_ context.Context, items []ingest.Item, cursor string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.fail != nil {
		return e.fail
	}
	e.items = append(e.items, items...)
	e.cursors = append(e.cursors, cursor)
	select {
	case e.got <- struct{}{}:
	default:
	}
	return nil
}

func (e *emits) waitCursor(t *testing.T, cursor string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		e.mu.Lock()
		ok := slices.Contains(e.cursors, cursor)
		e.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-e.got:
		case <-deadline:
			t.Fatalf("cursor %s never emitted: %v", cursor, e.cursors)
		}
	}
}

func TestRunFirehose(t *testing.T) {
	info := "OutdatedCursor"
	fh := newFakeFirehose(t, [][]byte{
		commitFrame(t, 41, fakeTroll, testPost{rkey: "3kabc5555555a", json: otherJSON}),
		commitFrame(t, 42, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON}, testPost{rkey: "3kabc5555555c", json: mentionJSON}),
		frameBytes(t, &events.XRPCStreamEvent{RepoInfo: &comatproto.SyncSubscribeRepos_Info{Name: info}}),
		[]byte("\xa2garbage frame"),
		commitFrame(t, 42, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON}), // replayed: ignored
		frameBytes(t, &events.XRPCStreamEvent{RepoIdentity: &comatproto.SyncSubscribeRepos_Identity{Did: fakeTroll, Seq: 43, Time: "2026-11-21T08:00:00Z"}}),
	})
	c, err := New(Config{Service: "http://127.0.0.1:1", Firehose: fh.srv.URL, Identifier: fakeOrg, AppPassword: "x", CursorEvery: 1, Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := newEmits()
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, "40", e.emit) }()
	e.waitCursor(t, "43")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after cancel: %v", err)
	}
	if fh.cursors[0] != "40" {
		t.Fatalf("connected with cursor %q, want 40", fh.cursors[0])
	}
	var ids []string
	for _, it := range e.items {
		ids = append(ids, it.PlatformID)
		if it.Channel != "bluesky:"+fakeOrg {
			t.Fatalf("channel %q", it.Channel)
		}
	}
	want := []string{"at://" + fakeTroll + "/app.bsky.feed.post/3kabc5555555b", "at://" + fakeTroll + "/app.bsky.feed.post/3kabc5555555c"}
	if !slices.Equal(ids, want) {
		t.Fatalf("items %v, want %v", ids, want)
	}
	for i := 1; i < len(e.cursors); i++ {
		a, _ := strconv.Atoi(e.cursors[i-1])
		b, _ := strconv.Atoi(e.cursors[i])
		if b <= a {
			t.Fatalf("cursor did not move forward: %v", e.cursors)
		}
	}
}

func TestFirehoseFutureCursor(t *testing.T) {
	fh := newFakeFirehose(t, [][]byte{frameBytes(t, &events.XRPCStreamEvent{Error: &events.ErrorFrame{Error: "FutureCursor", Message: "Cursor in the future."}})})
	c, _ := New(Config{Firehose: fh.srv.URL, Identifier: fakeOrg, AppPassword: "x", Log: quiet})
	e := newEmits()
	err := c.Run(context.Background(), "999999", e.emit)
	var ce cursorError
	if !errors.As(err, &ce) {
		t.Fatalf("Run = %v, want a cursor error", err)
	}
	if !slices.Equal(e.cursors, []string{""}) {
		t.Fatalf("cursors %q, want a reset to the live end", e.cursors)
	}
}

func TestFirehoseEmitFailure(t *testing.T) {
	fh := newFakeFirehose(t, [][]byte{commitFrame(t, 7, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON})})
	c, _ := New(Config{Firehose: fh.srv.URL, Identifier: fakeOrg, AppPassword: "x", Log: quiet})
	e := newEmits()
	e.fail = errors.New("disk full")
	err := c.Run(context.Background(), "6", e.emit)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Run = %v, want the emit failure", err)
	}
}

func TestFirehoseRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ratelimit-reset", "1")
		w.Header().Set("Retry-After", "7")
		xrpcError(w, 429, "RateLimitExceeded", "slow down")
	}))
	defer srv.Close()
	c, _ := New(Config{Firehose: srv.URL, Identifier: fakeOrg, AppPassword: "x", Log: quiet})
	err := c.Run(context.Background(), "", newEmits().emit)
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 429 || ae.RetryAfter() != 7*time.Second {
		t.Fatalf("Run = %v, want a 429 with retry after 7s", err)
	}
}

func TestFirehoseURL(t *testing.T) {
	tests := []struct{ base, cursor, want string }{
		{"wss://bsky.network", "", "wss://bsky.network/xrpc/com.atproto.sync.subscribeRepos"},
		{"https://pds.example/", "12", "wss://pds.example/xrpc/com.atproto.sync.subscribeRepos?cursor=12"},
		{"http://127.0.0.1:2583/xrpc/com.atproto.sync.subscribeRepos", "3", "ws://127.0.0.1:2583/xrpc/com.atproto.sync.subscribeRepos?cursor=3"},
	}
	for _, tt := range tests {
		if got, err := firehoseURL(tt.base, tt.cursor); err != nil || got != tt.want {
			t.Errorf("firehoseURL(%q, %q) = %q, %v; want %q", tt.base, tt.cursor, got, err, tt.want)
		}
	}
	for _, bad := range []string{"ftp://x", "", "wss://"} {
		if _, err := firehoseURL(bad, ""); err == nil {
			t.Errorf("firehoseURL(%q) accepted", bad)
		}
	}
}

// BenchmarkCommitItems measures the firehose filter: most commits on the
// relay do not touch the organization and must cost little.
func BenchmarkCommitItems(b *testing.B) {
	for _, bc := range []struct {
		name string
		evt  *comatproto.SyncSubscribeRepos_Commit
	}{
		{"unrelated", commitEvent(b, 1, fakeTroll, testPost{rkey: "3kabc5555555a", json: otherJSON})},
		{"reply", commitEvent(b, 1, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				CommitItems(bc.evt, fakeOrg)
			}
		})
	}
}

func BenchmarkDecodeFrame(b *testing.B) {
	fr := commitFrame(b, 42, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON})
	for b.Loop() {
		if _, err := DecodeFrame(fr); err != nil {
			b.Fatal(err)
		}
	}
}
