package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		ok      bool
		channel string
	}{
		{"handle", Config{Identifier: "@Clinic.Example", AppPassword: "p"}, true, "bluesky:clinic.example"},
		{"did", Config{Identifier: fakeOrg, AppPassword: "p"}, true, "bluesky:" + fakeOrg},
		{"channel given", Config{Identifier: "clinic.example", AppPassword: "p", Channel: "bluesky:ch_1"}, true, "bluesky:ch_1"},
		{"no password", Config{Identifier: "clinic.example"}, false, ""},
		{"no identifier", Config{AppPassword: "p"}, false, ""},
		{"bad service", Config{Service: "ftp://x", Identifier: "a", AppPassword: "p"}, false, ""},
		{"bad firehose", Config{Firehose: "mailto:x", Identifier: "a", AppPassword: "p"}, false, ""},
		{"bad did", Config{DID: "did:example:1", Identifier: "a", AppPassword: "p"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg)
			if (err == nil) != tt.ok {
				t.Fatalf("New = %v", err)
			}
			if err == nil && c.Channel() != tt.channel {
				t.Fatalf("channel %q, want %q", c.Channel(), tt.channel)
			}
		})
	}
}

func TestCapabilities(t *testing.T) {
	c, _ := New(Config{Identifier: "a", AppPassword: "p"})
	for _, k := range []act.Kind{act.Hide, act.Unhide, act.Delete, act.Reply, act.NotifyAuthor, act.Block, act.Mute, act.Report, act.Publish} {
		if !c.Can(k) {
			t.Errorf("cannot %s", k)
		}
	}
	if c.Can(act.Escalate) {
		t.Error("can escalate")
	}
	for _, k := range []act.Kind{act.Reply, act.Publish, act.Block, act.Hide} {
		if !c.DeduplicatesKind(k) {
			t.Errorf("%s not deduplicated", k)
		}
	}
	if c.DeduplicatesKind(act.Report) || c.Deduplicates() {
		t.Error("reports claimed deduplicated")
	}
	caps := c.Capabilities()
	for _, cp := range []source.Capability{source.ReadReplies, source.ReadMentions, source.Hide, source.Reply, source.Block, source.Mute, source.Report, source.Publish} {
		if !source.Has(caps, cp) {
			t.Errorf("capability %s missing", cp)
		}
	}
	if source.Has(caps, source.ReadMessages) {
		t.Error("direct messages claimed")
	}
}

// replyItem is an item as the firehose makes it: a reply by the troll in
// a thread of the organization.
func replyItem(t *testing.T) ingest.Item {
	t.Helper()
	items := CommitItems(commitEvent(t, 1, fakeTroll, testPost{rkey: "3kabc4444444a", json: replyJSON}), fakeOrg)
	if len(items) != 1 {
		t.Fatal("no reply item")
	}
	return items[0]
}

func TestReplyAtMostOnce(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, nil)
	item := replyItem(t)
	a := act.Action{ID: 9, Kind: act.Reply, IdempotencyKey: act.Key("reply", "9"), CreatedAt: time.Date(2026, 11, 21, 8, 3, 4, 5, time.UTC), Params: json.RawMessage(`{"text":"Please keep it respectful.","lang":"en"}`)}

	// The first attempt creates the post, but its answer is lost, and the
	// check that follows fails too.
	lost, check := true, true
	f.setFault(func(nsid string) (int, http.Header, bool) {
		switch {
		case nsid == "com.atproto.repo.createRecord" && lost:
			lost = false
			return 502, nil, false
		case nsid == "com.atproto.repo.getRecord" && check:
			check = false
			return 503, nil, true
		}
		return 0, nil, false
	})
	_, err := c.Execute(context.Background(), a, item)
	if err == nil || act.IsPermanent(err) {
		t.Fatalf("first attempt: %v, want a retryable error", err)
	}
	res, err := c.Execute(context.Background(), a, item)
	if err != nil || !strings.HasPrefix(res, "already replied: at://"+fakeOrg+"/app.bsky.feed.post/"+RecordKey(a)) {
		t.Fatalf("retry: %q %v", res, err)
	}
	if f.get().creates != 1 {
		t.Fatalf("%d posts created, want 1", f.get().creates)
	}
	rec, _ := f.record(fakeOrg + "/app.bsky.feed.post/" + RecordKey(a))
	p, _ := ParsePost(rec)
	r, _ := ParseRaw(item.Raw)
	if p.Parent.URI != item.PlatformID || p.Parent.CID != r.CID || p.Root.URI != orgPost || p.Text != "Please keep it respectful." || !slices.Equal(p.Langs, []string{"en"}) {
		t.Fatalf("reply record %v", rec)
	}
	// The record key is a valid TID, stable for the key, different for another.
	if RecordKey(a) != RecordKey(act.Action{IdempotencyKey: a.IdempotencyKey, CreatedAt: a.CreatedAt.Add(time.Millisecond)}) {
		t.Fatal("record key depends on sub-minute precision")
	}
	if RecordKey(a) == RecordKey(act.Action{IdempotencyKey: "other", CreatedAt: a.CreatedAt}) {
		t.Fatal("two keys, one record key")
	}
	if !validRKey(RecordKey(a)) || len(RecordKey(a)) != 13 {
		t.Fatalf("record key %q", RecordKey(a))
	}
}

func TestActionErrors(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, nil)
	item := replyItem(t)
	long := strings.Repeat("é", 301)
	tests := []struct {
		name string
		a    act.Action
		item ingest.Item
	}{
		{"reply without text", act.Action{Kind: act.Reply, IdempotencyKey: "k"}, item},
		{"reply too long", act.Action{Kind: act.Reply, IdempotencyKey: "k", Params: json.RawMessage(`{"text":"` + long + `"}`)}, item},
		{"reply without key", act.Action{Kind: act.Reply, Params: json.RawMessage(`{"text":"hi"}`)}, item},
		{"reply without payload", act.Action{Kind: act.Reply, IdempotencyKey: "k", Params: json.RawMessage(`{"text":"hi"}`)}, ingest.Item{PlatformID: "x"}},
		{"bad params", act.Action{Kind: act.Reply, Params: json.RawMessage(`[`)}, item},
		{"delete another's post", act.Action{Kind: act.Delete}, item},
		{"block the org", act.Action{Kind: act.Block, IdempotencyKey: "k"}, ingest.Item{AuthorID: fakeOrg}},
		{"mute without author", act.Action{Kind: act.Mute}, ingest.Item{}},
		{"report bad reason type", act.Action{Kind: act.Report, Params: json.RawMessage(`{"reason_type":"boring"}`)}, item},
		{"escalate", act.Action{Kind: act.Escalate}, item},
		{"hide a post outside the org's threads", act.Action{Kind: act.Hide}, CommitItems(commitEvent(t, 1, fakeTroll, testPost{rkey: "3kabc4444444b", json: mentionJSON}), fakeOrg)[0]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := c.Execute(context.Background(), tt.a, tt.item); !act.IsPermanent(err) {
				t.Fatalf("Execute = %v, want a permanent error", err)
			}
		})
	}
	if f.get().creates != 0 || len(f.get().reports) != 0 || len(f.get().mutes) != 0 {
		t.Fatal("a rejected action reached the platform")
	}
}

func TestSession(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, nil)
	item := replyItem(t)
	mute := act.Action{Kind: act.Mute}
	ctx := context.Background()
	if _, err := c.Execute(ctx, mute, item); err != nil {
		t.Fatal(err)
	}
	// The access token expires: refreshed, and the call goes through.
	f.expireAll(false)
	if _, err := c.Execute(ctx, mute, item); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if f.get().logins != 1 || f.get().refreshs != 1 {
		t.Fatalf("logins %d refreshes %d, want 1 and 1", f.get().logins, f.get().refreshs)
	}
	// Both tokens expire: a new login.
	f.expireAll(true)
	if _, err := c.Execute(ctx, mute, item); err != nil {
		t.Fatalf("after both expired: %v", err)
	}
	if f.get().logins != 2 {
		t.Fatalf("logins %d, want 2", f.get().logins)
	}
	if len(f.get().mutes) != 3 || f.get().mutes[0] != fakeTroll || f.get().proxies["app.bsky.graph.muteActor"] != DefaultAppView {
		t.Fatalf("mutes %v proxy %q", f.get().mutes, f.get().proxies["app.bsky.graph.muteActor"])
	}

	// A wrong app password is permanent, and never shown.
	bad := f.connector(t, func(c *Config) { c.AppPassword = "wrong-secret-pw" })
	_, err := bad.Execute(ctx, mute, item)
	if !act.IsPermanent(err) || strings.Contains(err.Error(), "wrong-secret-pw") {
		t.Fatalf("bad password: %v", err)
	}
}

func TestRateLimit(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, func(c *Config) { c.MaxRetryWait = 0 })
	base := time.Unix(1_800_000_000, 0)
	c.now = func() time.Time { return base }
	item := replyItem(t)
	tests := []struct {
		name   string
		header http.Header
		status int
		want   time.Duration
	}{
		{"ratelimit-reset", http.Header{"Ratelimit-Limit": {"3000"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"1800000042"}}, 429, 42 * time.Second},
		{"retry-after seconds", http.Header{"Retry-After": {"9"}}, 429, 9 * time.Second},
		{"429 without headers", nil, 429, time.Minute},
		{"503", nil, 503, 5 * time.Second},
		{"far reset capped", http.Header{"Ratelimit-Reset": {"1900000000"}}, 429, time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.setFault(func(string) (int, http.Header, bool) { return tt.status, tt.header, true })
			_, err := c.Execute(context.Background(), act.Action{Kind: act.Mute}, item)
			var ae *APIError
			if act.IsPermanent(err) || !errors.As(err, &ae) || ae.RetryAfter() != tt.want {
				t.Fatalf("Execute = %v, want retry after %s", err, tt.want)
			}
			c.mu.Lock()
			c.limited = time.Time{}
			c.mu.Unlock()
		})
	}
	// A spent limit (remaining 0) is waited out without asking the server:
	// here longer than five minutes, so it is returned at once.
	f.setFault(nil)
	c.noteLimit(http.Header{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"1800000600"}})
	before := len(f.get().mutes)
	_, err := c.Execute(context.Background(), act.Action{Kind: act.Mute}, item)
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 429 || ae.RetryAfter() != 10*time.Minute || len(f.get().mutes) != before {
		t.Fatalf("spent limit: %v", err)
	}
}

func TestHide(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, nil)
	ctx := context.Background()
	item := replyItem(t)
	gateKey := fakeOrg + "/app.bsky.feed.threadgate/3kabc2222222a"
	// An existing gate with an allow rule, changed by someone else between
	// read and write once.
	f.mu.Lock()
	f.records[gateKey] = fakeRecord{CID: "bafyreiold", Value: json.RawMessage(`{"$type":"app.bsky.feed.threadgate","post":"` + orgPost + `","createdAt":"2026-01-01T00:00:00Z","allow":[{"$type":"app.bsky.feed.threadgate#followingRule"}],"hiddenReplies":["at://did:plc:x/app.bsky.feed.post/3kaaaaaaaaaaa"]}`)}
	f.mu.Unlock()
	f.mu.Lock()
	f.swapFail = 1
	f.mu.Unlock()
	if res, err := c.Execute(ctx, act.Action{Kind: act.Hide}, item); err != nil || !strings.HasPrefix(res, "hidden") {
		t.Fatalf("hide: %q %v", res, err)
	}
	gate, _ := f.record(gateKey)
	hidden, _ := gate["hiddenReplies"].([]any)
	allow, _ := gate["allow"].([]any)
	if len(hidden) != 2 || hidden[1] != item.PlatformID || len(allow) != 1 || gate["post"] != orgPost {
		t.Fatalf("gate %v", gate)
	}
	if res, err := c.Execute(ctx, act.Action{Kind: act.Unhide}, item); err != nil || !strings.HasPrefix(res, "unhidden") {
		t.Fatalf("unhide: %q %v", res, err)
	}
	gate, _ = f.record(gateKey)
	if hidden, _ := gate["hiddenReplies"].([]any); len(hidden) != 1 {
		t.Fatalf("after unhide %v", gate)
	}

	// A quote: a new post gate.
	quote := CommitItems(commitEvent(t, 1, fakeTroll, testPost{rkey: "3kabc4444444c", json: quoteJSON}), fakeOrg)[0]
	if res, err := c.Execute(ctx, act.Action{Kind: act.Hide}, quote); err != nil || !strings.HasPrefix(res, "detached") {
		t.Fatalf("detach: %q %v", res, err)
	}
	pg, ok := f.record(fakeOrg + "/app.bsky.feed.postgate/3kabc2222222a")
	if d, _ := pg["detachedEmbeddingUris"].([]any); !ok || len(d) != 1 || d[0] != quote.PlatformID || pg["$type"] != collPostgate {
		t.Fatalf("postgate %v", pg)
	}

	// A full gate is a permanent error.
	full := make([]string, maxHidden)
	for i := range full {
		full[i] = "at://did:plc:x/app.bsky.feed.post/" + RecordKey(act.Action{IdempotencyKey: string(rune('a'+i%26)) + strings.Repeat("x", i)})
	}
	b, _ := json.Marshal(map[string]any{"$type": collThreadgate, "post": orgPost, "createdAt": "2026-01-01T00:00:00Z", "hiddenReplies": full})
	f.mu.Lock()
	f.records[gateKey] = fakeRecord{CID: "bafyreifull", Value: b}
	f.mu.Unlock()
	if _, err := c.Execute(ctx, act.Action{Kind: act.Hide}, item); !act.IsPermanent(err) {
		t.Fatalf("hide in a full gate: %v", err)
	}
}

func TestReport(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, nil)
	item := replyItem(t)
	a := act.Action{Kind: act.Report, RuleID: "threats-01", Params: json.RawMessage(`{"reason_type":"violation","reason":"Threatens our staff","rule_ids":["3","7"]}`)}
	res, err := c.Execute(context.Background(), a, item)
	if err != nil || res != "reported: report 1" {
		t.Fatalf("report: %q %v", res, err)
	}
	r := f.get().reports[0]
	subj, _ := r["subject"].(map[string]any)
	if r["reasonType"] != "com.atproto.moderation.defs#reasonViolation" || r["reason"] != "Threatens our staff [rules: 3, 7; Stormwatch rule: threats-01]" ||
		subj["$type"] != "com.atproto.repo.strongRef" || subj["uri"] != item.PlatformID || subj["cid"] == "" {
		t.Fatalf("report body %v", r)
	}
	if f.get().proxies["com.atproto.moderation.createReport"] != DefaultModeration {
		t.Fatalf("report proxied to %q", f.get().proxies["com.atproto.moderation.createReport"])
	}
	// Without the post's payload, the account is reported.
	if _, err := c.Execute(context.Background(), act.Action{Kind: act.Report}, ingest.Item{AuthorID: fakeTroll}); err != nil {
		t.Fatal(err)
	}
	subj, _ = f.get().reports[1]["subject"].(map[string]any)
	if subj["$type"] != "com.atproto.admin.defs#repoRef" || subj["did"] != fakeTroll || f.get().reports[1]["reasonType"] != "com.atproto.moderation.defs#reasonRude" {
		t.Fatalf("account report %v", f.get().reports[1])
	}
}

func TestBlockPublishDelete(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, nil)
	ctx := context.Background()
	item := replyItem(t)
	blk := act.Action{Kind: act.Block, IdempotencyKey: "b1"}
	for range 2 {
		if res, err := c.Execute(ctx, blk, item); err != nil || !strings.Contains(res, "blocked "+fakeTroll) {
			t.Fatalf("block: %q %v", res, err)
		}
	}
	if f.get().creates != 1 {
		t.Fatalf("%d block records", f.get().creates)
	}
	pub := act.Action{Kind: act.Publish, IdempotencyKey: "p1"}
	res, err := c.Execute(ctx, pub, ingest.Item{Text: "We are open on Saturday."})
	if err != nil || !strings.HasPrefix(res, "published: at://"+fakeOrg+"/app.bsky.feed.post/") {
		t.Fatalf("publish: %q %v", res, err)
	}
	uri := strings.TrimPrefix(res, "published: ")
	if res, err := c.Execute(ctx, act.Action{Kind: act.Delete}, ingest.Item{PlatformID: uri}); err != nil || res != "deleted "+uri {
		t.Fatalf("delete: %q %v", res, err)
	}
	if _, ok := f.record(strings.TrimPrefix(uri, "at://")); ok {
		t.Fatal("post still there")
	}
}

func TestParseError(t *testing.T) {
	tests := []struct{ body, code, msg string }{
		{`{"error":"ExpiredToken","message":"Token has expired"}`, "ExpiredToken", "Token has expired"},
		{`{"error":"InvalidRequest"}`, "InvalidRequest", ""},
		{`<html>bad gateway</html>`, "", "<html>bad gateway</html>"},
		{``, "", ""},
	}
	for _, tt := range tests {
		if code, msg := ParseError([]byte(tt.body)); code != tt.code || msg != tt.msg {
			t.Errorf("ParseError(%q) = %q, %q", tt.body, code, msg)
		}
	}
}
