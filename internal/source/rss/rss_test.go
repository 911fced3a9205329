package rss

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

var testNow = time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)

// feedServer serves a feed document with validators, honouring
// conditional GETs, and records what it was asked.
type feedServer struct {
	mu          sync.Mutex
	body        string
	etag        string
	ignoreConds bool // a server that always answers 200
	status      int  // when set, answered instead (with retryAfter)
	retryAfter  string
	requests    []http.Header
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Header.Clone())
	if f.status != 0 {
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		http.Error(w, "slow down", f.status)
		return
	}
	w.Header().Set("ETag", f.etag)
	w.Header().Set("Last-Modified", "Sat, 21 Nov 2026 06:05:12 GMT")
	if !f.ignoreConds && r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(f.body))
}

func (f *feedServer) set(body, etag string) {
	f.mu.Lock()
	f.body, f.etag = body, etag
	f.mu.Unlock()
}

func (f *feedServer) last() http.Header {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[len(f.requests)-1]
}

func testdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type batch struct {
	items  []ingest.Item
	cursor string
}

func collect(out *[]batch) source.EmitFunc {
	return func(_ context.Context, items []ingest.Item, cursor string) error {
		*out = append(*out, batch{items, cursor})
		return nil
	}
}

func newSource(t *testing.T, url string, q Query) *Source {
	t.Helper()
	s, err := New(Config{Feeds: []string{url}, Query: q, Now: func() time.Time { return testNow }, MaxRetryWait: 10 * time.Minute,
		Names: func(context.Context) ([]string, error) { return []string{"Clinique des Tilleuls", "Dr Martin"}, nil }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPollRSS: a regional newspaper's RSS feed. Only entries naming the
// clinic or its vet are taken ("Martine" is not "Martin"; last year's
// archive entry is not news); the item carries the link, the date, the
// title and the summary without HTML. The next poll is conditional and a
// 304 emits nothing; a new entry is taken alone; a restart from the saved
// cursor repeats nothing even from a server that ignores validators.
func TestPollRSS(t *testing.T) {
	fs := &feedServer{}
	fs.set(testdata(t, "regional_fr.rss"), `"v1"`)
	srv := httptest.NewServer(fs)
	defer srv.Close()
	s := newSource(t, srv.URL+"/rss/angers.xml", Query{})
	if s.Channel() != "rss:127.0.0.1" || !slices.Equal(s.Capabilities(), []source.Capability{source.ReadMentions}) {
		t.Errorf("channel %q, capabilities %v", s.Channel(), s.Capabilities())
	}
	ctx := context.Background()
	cur, _ := ParseCursor("")
	var got []batch
	if err := s.Poll(ctx, &cur, collect(&got)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].items) != 2 {
		t.Fatalf("first poll = %+v, want one batch of 2 items", got)
	}
	it := got[0].items[0]
	wantText := "Angers. Mort de son chien après une opération : une propriétaire met en cause la Clinique des Tilleuls\n\nDepuis la mort de Filou, sa propriétaire multiplie les messages sur les réseaux sociaux. La clinique vétérinaire dit avoir « tout fait »."
	if it.PlatformID != "cdo-2026-11-21-6f1a2b" || it.Kind != ingest.KindMention || it.Channel != "rss:127.0.0.1" || it.Lang != "fr" ||
		!strings.HasPrefix(it.URL, "https://www.courrier-ouest.example/angers-49000/mort-de-son-chien") ||
		!it.CreatedAt.Equal(time.Date(2026, 11, 21, 5, 45, 0, 0, time.UTC)) || it.AuthorName != "Le Courrier de l'Ouest – Angers" ||
		it.AuthorID != "www.courrier-ouest.example" {
		t.Errorf("item = %+v", it)
	}
	if it.Text != wantText {
		t.Errorf("text =\n%q\nwant\n%q", it.Text, wantText)
	}
	if !strings.Contains(string(it.Raw), `"matched":["Clinique des Tilleuls"]`) {
		t.Errorf("raw = %s", it.Raw)
	}
	if got[0].items[1].PlatformID != "cdo-2026-11-20-8d9e0f" {
		t.Errorf("second item = %+v", got[0].items[1])
	}
	// Each item passes the ingest contract.
	for _, it := range got[0].items {
		b, _ := ingest.MarshalWire(it)
		if _, probs := ingest.DecodeItem(b, 0); len(probs) > 0 {
			t.Errorf("item fails ingest validation: %v", probs)
		}
	}
	saved := got[0].cursor

	// Unchanged: a conditional GET answered 304, nothing emitted.
	got = nil
	if err := s.Poll(ctx, &cur, collect(&got)); err != nil {
		t.Fatal(err)
	}
	if h := fs.last(); h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") != "Sat, 21 Nov 2026 06:05:12 GMT" {
		t.Errorf("second request headers = %v", h)
	}
	if len(got) != 0 {
		t.Errorf("304 emitted %+v", got)
	}

	// A new entry: only it is taken.
	newer := strings.Replace(testdata(t, "regional_fr.rss"), "<item>", `<item>
      <title>Clinique des Tilleuls : la propriétaire porte plainte</title>
      <link>https://www.courrier-ouest.example/angers-49000/plainte-a1b2c3</link>
      <guid isPermaLink="false">cdo-2026-11-21-a1b2c3</guid>
      <pubDate>Sat, 21 Nov 2026 08:40:00 +0100</pubDate>
      <description>Suite de notre article.</description>
    </item>
    <item>`, 1)
	fs.set(newer, `"v2"`)
	if err := s.Poll(ctx, &cur, collect(&got)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].items) != 1 || got[0].items[0].PlatformID != "cdo-2026-11-21-a1b2c3" {
		t.Fatalf("after a new entry = %+v", got)
	}

	// A restart from the cursor saved after the first poll, against a
	// server that ignores validators: the new entry only.
	fs.mu.Lock()
	fs.ignoreConds = true
	fs.mu.Unlock()
	restarted := newSource(t, srv.URL+"/rss/angers.xml", Query{})
	cur2, err := ParseCursor(saved)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	if err := restarted.Poll(ctx, &cur2, collect(&got)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].items) != 1 || got[0].items[0].PlatformID != "cdo-2026-11-21-a1b2c3" {
		t.Errorf("after restart = %+v, want only the new entry", got)
	}
}

// TestPollAtom: a news search's alert feed in Atom (Google Alerts'
// shape): HTML in titles, redirect links, extra query terms with AND.
func TestPollAtom(t *testing.T) {
	fs := &feedServer{}
	fs.set(testdata(t, "alerts_nl.atom"), `W/"a1"`)
	srv := httptest.NewServer(fs)
	defer srv.Close()
	q, err := ParseQuery(`"De Linde" AND verpleegkundigen`)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Feeds: []string{srv.URL + "/alerts"}, Channel: "rss:ch_test", Query: q, Now: func() time.Time { return testNow },
		Names: func(context.Context) ([]string, error) { return []string{"Zorgcentrum De Linde"}, nil }})
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := ParseCursor("")
	var got []batch
	if err := s.Poll(context.Background(), &cur, collect(&got)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].items) != 2 {
		t.Fatalf("poll = %+v, want 2 items", got)
	}
	a, b := got[0].items[0], got[0].items[1]
	if a.Channel != "rss:ch_test" || a.PlatformID != "tag:google.com,2013:googlealerts/feed:4451093820034412876" ||
		!strings.HasPrefix(a.Text, "Ouders boos op Zorgcentrum De Linde na incident\n\nEnkele ouders") || !strings.Contains(a.Text, `"een misverstand"`) ||
		!strings.HasPrefix(a.URL, "https://www.google.com/url?rct=j&sa=t&url=https://www.dagblad-oost.example/") {
		t.Errorf("first = %+v", a)
	}
	if !strings.Contains(string(b.Raw), `"matched":["\"De Linde\" verpleegkundigen"]`) {
		t.Errorf("second raw = %s", b.Raw)
	}
}

// TestRetryAfter: 429 and 503 become an error carrying the wait asked
// for (seconds or a date), capped; other failures are plain errors.
func TestRetryAfter(t *testing.T) {
	tests := []struct {
		status int
		header string
		want   time.Duration
	}{
		{429, "120", 2 * time.Minute},
		{503, testNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{429, "", time.Minute},
		{503, "86400", 10 * time.Minute}, // capped by MaxRetryWait
	}
	for _, tt := range tests {
		fs := &feedServer{status: tt.status, retryAfter: tt.header}
		srv := httptest.NewServer(fs)
		s := newSource(t, srv.URL, Query{})
		cur, _ := ParseCursor("")
		err := s.Poll(context.Background(), &cur, func(context.Context, []ingest.Item, string) error {
			t.Fatal("emitted on a refusal")
			return nil
		})
		var ra interface{ RetryAfter() time.Duration }
		if !errors.As(err, &ra) || ra.RetryAfter() != tt.want {
			t.Errorf("%d Retry-After %q: err %v, want a wait of %s", tt.status, tt.header, err, tt.want)
		}
		srv.Close()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) }))
	defer srv.Close()
	cur, _ := ParseCursor("")
	if err := newSource(t, srv.URL, Query{}).Poll(context.Background(), &cur, nil); err == nil || !strings.Contains(err.Error(), "status 410") {
		t.Errorf("410 = %v", err)
	}
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>not a feed")) }))
	defer bad.Close()
	if err := newSource(t, bad.URL, Query{}).Poll(context.Background(), &cur, nil); err == nil || !strings.Contains(err.Error(), "not a readable") {
		t.Errorf("html page = %v", err)
	}
}

func TestNewRefuses(t *testing.T) {
	for _, c := range []Config{{}, {Feeds: []string{"ftp://x/feed"}}, {Feeds: []string{"/relative"}}, {Feeds: []string{"https://x/f"}, Interval: time.Second}} {
		if _, err := New(c); err == nil {
			t.Errorf("New(%+v) accepted", c)
		}
	}
}

func TestQuery(t *testing.T) {
	tests := []struct {
		q     string
		text  string
		match bool
	}{
		{`Dubois`, "Le Dr DUBOIS a répondu.", true},
		{`Dubois`, "M. Duboisier", false},
		{`"Dr Dubois"`, "le dr. dubois, vétérinaire", true},
		{`"Clinique des Tilleuls"`, "clinique des tilleuls", true},
		{`"Clinique des Tilleuls"`, "clinique des grands tilleuls", false},
		{`vétérinaire AND Angers`, "Un veterinaire d'ANGERS", true},
		{`vétérinaire Angers`, "Un vétérinaire de Nantes", false},
		{`Linde OR Tilleuls`, "Zorgcentrum De Linde", true},
		{`Linde OR Tilleuls`, "Lindenhof", false},
		{`Åsa`, "ÅSA svarar", true},
		{`Åsa`, "asa svarar", true}, // accents ignored, as in listening's topics
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.q)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tt.q, err)
		}
		if got := len(q.Match(tt.text)) > 0; got != tt.match {
			t.Errorf("%s on %q = %v, want %v", tt.q, tt.text, got, tt.match)
		}
	}
	for _, bad := range []string{`"unclosed`, `OR x`, `x OR`, `AND x`, `x AND`, `""`} {
		if _, err := ParseQuery(bad); err == nil {
			t.Errorf("ParseQuery(%q) accepted", bad)
		}
	}
	if q, err := ParseQuery("  "); err != nil || !q.Empty() {
		t.Errorf("blank query = %v, %v", q, err)
	}
}

// TestRunnerRestart: the source under a source.Runner with the SQLite
// store: items and cursor are saved together; after a restart, only the
// entry published since is added.
func TestRunnerRestart(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "rss.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Clinique des Tilleuls"}, "system"); err != nil {
		t.Fatal(err)
	}
	fs := &feedServer{ignoreConds: true}
	fs.set(testdata(t, "regional_fr.rss"), `"v1"`)
	srv := httptest.NewServer(fs)
	defer srv.Close()
	run := func() {
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		r := &source.Runner{Workspace: "demo", Source: newSource(t, srv.URL+"/feed", Query{}), Store: st, Ingested: func(int) { cancel() }}
		go func() { r.Run(rctx); close(done) }()
		<-done
	}
	run()
	items, _ := st.PendingItems(ctx, 0, 100)
	if len(items) != 2 {
		t.Fatalf("%d items after the first run, want 2", len(items))
	}
	fs.set(strings.Replace(testdata(t, "regional_fr.rss"), "<item>", `<item><title>Dr Martin : la suite</title><guid>g-new</guid><pubDate>Sat, 21 Nov 2026 07:50:00 +0000</pubDate></item><item>`, 1), `"v2"`)
	run()
	items, _ = st.PendingItems(ctx, 0, 100)
	if len(items) != 3 || items[2].PlatformID != "g-new" {
		t.Fatalf("after restart: %d items (%v), want 3 ending with g-new", len(items), items)
	}
	if c, _ := st.Cursor(ctx, "demo", "rss:127.0.0.1"); !strings.Contains(c, seenKey("g-new")) {
		t.Errorf("cursor = %s", c)
	}
}
