package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// store keeps emitted items and the cursor, as the Runner's store does.
type store struct {
	items  []ingest.Item
	cursor string
	failAt int // fail the emit with this batch number (1-based); 0 never
	calls  int
}

func (s *store) emit(_ context.Context, items []ingest.Item, cursor string) error {
	s.calls++
	if s.calls == s.failAt {
		return errors.New("disk full")
	}
	s.items = append(s.items, items...)
	s.cursor = cursor
	return nil
}

// runUntil runs c from the store's cursor until it holds n items.
func runUntil(t *testing.T, c *Connector, st *store, n int) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	emit := func(ctx context.Context, items []ingest.Item, cursor string) error {
		err := st.emit(ctx, items, cursor)
		if len(st.items) >= n {
			cancel()
		}
		return err
	}
	err := c.Run(ctx, st.cursor, emit)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("timed out with %d of %d items", len(st.items), n)
	}
	return err
}

func TestPagingResumesWithoutLossOrDuplicates(t *testing.T) {
	f := newFake(t)
	c := f.connector(t, nil)
	var want []string
	want = append(want, f.addMention("first", false))
	st := &store{}
	if err := runUntil(t, c, st, 1); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		want = append(want, f.addMention("more "+string(rune('a'+i)), i%2 == 0))
	}
	// The third batch fails to store: Run stops there and the cursor stays.
	st.failAt = st.calls + 2
	err := runUntil(t, c, st, len(want))
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Run after a failed emit: %v", err)
	}
	// A restart (a new connector, as after a crash) resumes from the cursor.
	c = f.connector(t, nil)
	if err := runUntil(t, c, st, len(want)); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range st.items {
		got = append(got, it.PlatformID)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("items\n got %v\nwant %v", got, want)
	}
	if st.cursor != f.ids[len(f.ids)-1] {
		t.Errorf("cursor %q, want the newest notification %q", st.cursor, f.ids[len(f.ids)-1])
	}
	if st.items[1].Kind != ingest.KindReply || st.items[2].Kind != ingest.KindMention {
		t.Errorf("kinds: %s, %s", st.items[1].Kind, st.items[2].Kind)
	}
	if st.items[1].ParentID != "100" || st.items[0].ThreadID != st.items[0].PlatformID {
		t.Errorf("parent/thread: %+v", st.items[:2])
	}
	for _, q := range f.queries[1:] {
		if q.Get("min_id") == "" {
			t.Errorf("a later poll without min_id: %v", q)
		}
	}
}

func TestRateLimitThenSuccess(t *testing.T) {
	f := newFake(t)
	f.addMention("hello", false)
	f.fail429 = 1
	c := f.connector(t, func(c *Config) { c.AccountID = "14715" })
	st := &store{}
	err := runUntil(t, c, st, 1)
	var ra interface{ RetryAfter() time.Duration }
	if !errors.As(err, &ra) || ra.RetryAfter() <= 0 || ra.RetryAfter() > time.Second {
		t.Fatalf("429: got %v", err)
	}
	// The spent limit is waited out (X-RateLimit-Remaining: 0 until Reset), then it succeeds.
	if err := runUntil(t, c, st, 1); err != nil {
		t.Fatal(err)
	}
	if len(st.items) != 1 {
		t.Fatalf("items %d", len(st.items))
	}

	f.fail5xx = 1
	f.addMention("again", false)
	err = runUntil(t, c, st, 2)
	if !errors.As(err, &ra) || ra.RetryAfter() != 2*time.Second {
		t.Fatalf("503 with Retry-After 2: got %v", err)
	}
	if err := runUntil(t, c, st, 2); err != nil || len(st.items) != 2 {
		t.Fatalf("after 503: %v, %d items", err, len(st.items))
	}
}

func TestRunnerWithConnector(t *testing.T) {
	f := newFake(t)
	for range 7 {
		f.addMention("x", false)
	}
	c := f.connector(t, nil)
	var _ source.Connector = c
	st := &store{cursor: "0"} // from the first notification
	if err := runUntil(t, c, st, 7); err != nil || len(st.items) != 7 {
		t.Fatalf("%v, %d items", err, len(st.items))
	}
}

func TestStreamWakesPoller(t *testing.T) {
	f := newFake(t)
	c := f.connector(t, func(c *Config) { c.Stream = true; c.PollInterval = time.Hour })
	st := &store{cursor: "0"}
	done := make(chan error, 1)
	go func() { done <- runUntil(t, c, st, 1) }()
	time.Sleep(100 * time.Millisecond) // the first poll found nothing; the stream is open
	f.addMention("streamed", false)
	data, _ := os.ReadFile("testdata/stream_user.txt")
	f.stream <- string(data)
	select {
	case err := <-done:
		if err != nil || len(st.items) != 1 {
			t.Fatalf("%v, %d items", err, len(st.items))
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the stream did not wake the poller")
	}
}

func item(f *fake, sid string) ingest.Item {
	raw, _ := json.Marshal(f.statuses[sid])
	s, _ := ParseStatus(raw)
	return itemFromStatus(s, raw, f.self)
}

func TestReplySendsIdempotencyKeyAndPostsOnce(t *testing.T) {
	f := newFake(t)
	sid := f.addMention("you are awful", false)
	c := f.connector(t, nil)
	a := act.Action{Kind: act.Reply, IdempotencyKey: act.Key("reply", "1"), Params: json.RawMessage(`{"text":"We hear you.","lang":"fr","draft_id":3}`)}
	r1, err := c.Execute(context.Background(), a, item(f, sid))
	if err != nil {
		t.Fatal(err)
	}
	r2, err := c.Execute(context.Background(), a, item(f, sid)) // a retry
	if err != nil {
		t.Fatal(err)
	}
	if f.posts != 1 || r1 != r2 {
		t.Fatalf("posts %d, results %q %q", f.posts, r1, r2)
	}
	id := f.keys[a.IdempotencyKey]
	st := f.statuses[id]
	if st["in_reply_to_id"] != sid || st["content"] != "<p>@troll@remote.example We hear you.</p>" || st["visibility"] != "unlisted" {
		t.Errorf("reply %v", st)
	}
	if !c.DeduplicatesKind(act.Reply) || c.DeduplicatesKind(act.Report) || c.Deduplicates() {
		t.Error("deduplication claims")
	}
	a.Params = json.RawMessage(`{}`)
	if _, err := c.Execute(context.Background(), a, item(f, sid)); !act.IsPermanent(err) {
		t.Errorf("reply without text: %v", err)
	}
}

func TestReportPayload(t *testing.T) {
	f := newFake(t)
	sid := f.addMention("die", false)
	c := f.connector(t, nil)
	a := act.Action{Kind: act.Report, RuleID: "threats", IdempotencyKey: "k1",
		Params: json.RawMessage(`{"reason":"Threat against staff","rule_ids":["2","5"],"forward":"true"}`)}
	res, err := c.Execute(context.Background(), a, item(f, sid))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.reports) != 1 || res != "reported: report 1" {
		t.Fatalf("%q %v", res, f.reports)
	}
	p := f.reports[0]
	if p.Get("account_id") != "1020382" || !slices.Equal(p["status_ids[]"], []string{sid}) ||
		p.Get("comment") != "Threat against staff [Stormwatch rule: threats]" || p.Get("category") != "violation" ||
		!slices.Equal(p["rule_ids[]"], []string{"2", "5"}) || p.Get("forward") != "true" {
		t.Errorf("report form %v", p)
	}
	a.Params = json.RawMessage(`{"reason":"` + strings.Repeat("é", 2000) + `","category":"spam"}`)
	if _, err := c.Execute(context.Background(), a, item(f, sid)); err != nil {
		t.Fatal(err)
	}
	if p := f.reports[1]; len([]rune(p.Get("comment"))) > maxComment || p.Get("category") != "spam" || !strings.HasSuffix(p.Get("comment"), "[Stormwatch rule: threats]") {
		t.Errorf("long comment: %d runes, %v", len([]rune(p.Get("comment"))), p.Get("category"))
	}
}

func TestBlockMuteDelete(t *testing.T) {
	f := newFake(t)
	sid := f.addMention("x", false)
	c := f.connector(t, nil)
	ctx := context.Background()
	it := item(f, sid)
	if _, err := c.Execute(ctx, act.Action{Kind: act.Block}, it); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Execute(ctx, act.Action{Kind: KindMute, Params: json.RawMessage(`{"duration":"3600"}`)}, it); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.actions, []string{"block 1020382 ", "mute 1020382 duration=3600"}) {
		t.Errorf("actions %q", f.actions)
	}
	// Someone else's status: permanent, nothing sent.
	if _, err := c.Execute(ctx, act.Action{Kind: act.Delete}, it); !act.IsPermanent(err) {
		t.Fatalf("delete of another's status: %v", err)
	}
	if _, err := c.Execute(ctx, act.Action{Kind: act.Delete, Params: json.RawMessage(`{"status_id":"` + sid + `"}`)}, it); !act.IsPermanent(err) {
		t.Fatalf("delete of another's status by id: %v", err)
	}
	// The organization's own reply: deleted; a second delete is done too.
	r, err := c.Execute(ctx, act.Action{Kind: act.Reply, IdempotencyKey: "r", Params: json.RawMessage(`{"text":"hi"}`)}, it)
	if err != nil {
		t.Fatal(err)
	}
	own := strings.TrimPrefix(r, "replied: status ")
	del := act.Action{Kind: act.Delete, Params: json.RawMessage(`{"status_id":"` + own + `"}`)}
	if res, err := c.Execute(ctx, del, it); err != nil || res != "deleted status "+own {
		t.Fatalf("delete own: %q %v", res, err)
	}
	if res, err := c.Execute(ctx, del, it); err != nil || res != "already deleted" {
		t.Fatalf("delete again: %q %v", res, err)
	}
	if _, err := c.Execute(ctx, act.Action{Kind: act.Hide}, it); !act.IsPermanent(err) || c.Can(act.Hide) {
		t.Errorf("hide: %v", err)
	}
}

func TestDocumentedPayloads(t *testing.T) {
	data, err := os.ReadFile("testdata/notifications_mention.json")
	if err != nil {
		t.Fatal(err)
	}
	ns, err := ParseNotifications(data)
	if err != nil || len(ns) != 1 {
		t.Fatal(ns, err)
	}
	s, err := ParseStatus(ns[0].Status)
	if err != nil {
		t.Fatal(err)
	}
	it := itemFromStatus(s, ns[0].Status, "14715")
	if it.Kind != ingest.KindMention || it.Text != "rant\n\nHello @clinic" || it.AuthorName != "@troll@mastodon.social" ||
		it.URL != "https://mastodon.social/users/troll/statuses/103270115826048975" || it.Lang != "" || it.ThreadID != s.ID ||
		it.CreatedAt != time.Date(2019, 12, 8, 3, 48, 33, 901e6, time.UTC) || !json.Valid(it.Raw) || !strings.Contains(string(it.Raw), `"sensitive": true`) {
		t.Errorf("item %+v", it)
	}

	raw, err := os.ReadFile("testdata/status_reply.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err = ParseStatus(raw)
	if err != nil {
		t.Fatal(err)
	}
	it = itemFromStatus(s, raw, "14715")
	want := "@clinic you & your \"staff\" are a disgrace\nclose it down <now>\n\nsee https://example.com/some/long/path"
	if it.Text != want {
		t.Errorf("text\n got %q\nwant %q", it.Text, want)
	}
	if it.Kind != ingest.KindReply || it.ParentID != "103270100000000001" || it.ThreadID != "" || it.Lang != "en" ||
		it.AuthorID != "1020382" || it.AuthorName != "Angry Person (@troll@mastodon.social)" || string(it.Raw) != string(raw) {
		t.Errorf("item %+v", it)
	}
}

func TestHTMLToText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>a<br>b<br/>c</p><p>d</p>":               "a\nb\nc\n\nd",
		"<p>  lots \n of   space </p>":              "lots of space",
		"&lt;b&gt; &amp;amp; &#39;x&#x27; &eacute;": "<b> &amp; 'x' é",
		"<p>a <!-- c > --> b</p>":                   "a b",
		"x < y and <a href='>'>z</a>":               "x < y and z",
		"<script>alert(1)</script>ok":               "ok",
		"<p>unclosed <a href=":                      "unclosed <a href=",
		"":                                          "",
	} {
		if got := HTMLToText(in); got != want {
			t.Errorf("HTMLToText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadSSE(t *testing.T) {
	data, _ := os.ReadFile("testdata/stream_user.txt")
	var evs []sseEvent
	if err := readSSE(strings.NewReader(string(data)), func(e sseEvent) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[1].Event != "notification" {
		t.Fatalf("%+v", evs)
	}
	n, err := ParseNotification([]byte(evs[1].Data))
	if err != nil || n.Type != "mention" || n.ID != "34975862" {
		t.Fatal(n, err)
	}
}

func TestNewChecksConfig(t *testing.T) {
	for _, cfg := range []Config{{}, {BaseURL: "ftp://x", Token: "t"}, {BaseURL: "https://x"}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
	c, err := New(Config{BaseURL: "https://social.example/", Token: "t"})
	if err != nil || c.Channel() != "mastodon:social.example" || !source.Has(c.Capabilities(), source.Mute) {
		t.Fatal(c, err)
	}
}
