package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

func TestNotifications(t *testing.T) {
	f := newFakePDS(t)
	c := f.connector(t, func(c *Config) { c.Notifications = true })
	own := notification(4, reasonReply)
	own.Author.DID = fakeOrg
	own.URI = strings.Replace(own.URI, fakeTroll, fakeOrg, 1)
	f.mu.Lock()
	f.notifs = []Notification{notification(1, reasonReply), notification(2, reasonMention), notification(3, "like"), own, notification(5, reasonQuote)}
	f.mu.Unlock()
	ctx := context.Background()
	e := newEmits()

	cur, err := c.pollNotifications(ctx, "", e.emit)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []ingest.Kind
	for _, it := range e.items {
		kinds = append(kinds, it.Kind)
	}
	if len(e.items) != 3 || e.items[0].PlatformID != f.get().notifs[0].URI || e.items[2].PlatformID != f.get().notifs[4].URI ||
		!slices.Equal(kinds, []ingest.Kind{ingest.KindReply, ingest.KindMention, ingest.KindMention}) {
		t.Fatalf("items %+v", e.items)
	}
	if cur != f.get().notifs[4].IndexedAt || e.cursors[0] != cur {
		t.Fatalf("cursor %q, want the newest indexedAt", cur)
	}
	q, _ := url.ParseQuery(f.get().queries[0])
	if !slices.Equal(q["reasons"], []string{"reply", "mention", "quote"}) || q.Get("limit") != "100" || f.get().proxies[listNotifications] != DefaultAppView {
		t.Fatalf("query %v proxy %q", q, f.get().proxies[listNotifications])
	}

	// Nothing new: nothing emitted.
	if cur2, err := c.pollNotifications(ctx, cur, e.emit); err != nil || cur2 != cur || len(e.cursors) != 1 {
		t.Fatalf("idle poll: %q %v %v", cur2, err, e.cursors)
	}

	// 250 new ones: paged back to the cursor, emitted oldest first, once.
	for i := range 250 {
		f.mu.Lock()
		f.notifs = append(f.notifs, notification(10+i, reasonReply))
		f.mu.Unlock()
	}
	cur3, err := c.pollNotifications(ctx, cur, e.emit)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.items) != 253 || e.items[3].PlatformID != f.get().notifs[5].URI || e.items[252].PlatformID != f.get().notifs[254].URI || cur3 != f.get().notifs[254].IndexedAt {
		t.Fatalf("%d items; cursor %q", len(e.items), cur3)
	}
}

func TestParseNotifications(t *testing.T) {
	data := `{"cursor":"c1","notifications":[
	 {"uri":"at://` + fakeTroll + `/app.bsky.feed.post/3kabc4444444a","cid":"bafyreia","author":{"did":"` + fakeTroll + `","handle":"troll.example","displayName":"T"},"reason":"reply","reasonSubject":"` + orgPost + `","record":` + replyJSON + `,"isRead":false,"indexedAt":"2026-11-21T08:00:00.000Z","labels":[]},
	 {"uri":"at://x","author":{"did":"not-a-did"},"reason":"reply","record":{},"indexedAt":"2026-11-21T08:00:00.000Z"},
	 {"uri":"at://y","author":{"did":"` + fakeTroll + `"},"reason":"reply","record":{},"indexedAt":"yesterday"}]}`
	p, err := ParseNotifications([]byte(data))
	if err != nil || p.Cursor != "c1" || len(p.Notifications) != 1 {
		t.Fatalf("ParseNotifications = %+v, %v", p, err)
	}
	it, ok := notificationItem(p.Notifications[0], fakeOrg)
	if !ok || it.Kind != ingest.KindReply || it.AuthorID != fakeTroll || it.AuthorName != "" || strings.Contains(string(it.Raw), "troll.example") {
		t.Fatalf("item %+v (handle must not be kept)", it)
	}
	if _, err := ParseNotifications([]byte(`{"notifications":5}`)); err == nil {
		t.Fatal("bad shape accepted")
	}
}

// TestFaultStorm: the platform answers 429 or 5xx to half the requests
// while 10,000 notifications arrive, and the store fails now and then:
// every item is ingested exactly once. Then 1,000 replies and blocks are
// executed through the same storm, with answers lost after the effect:
// each has its effect exactly once.
func TestFaultStorm(t *testing.T) {
	const total = 10_000
	f := newFakePDS(t)
	c := f.connector(t, func(c *Config) { c.Notifications = true; c.PollInterval = time.Microsecond })
	for i := range total {
		f.mu.Lock()
		f.pending = append(f.pending, notification(i, reasonReply))
		f.mu.Unlock()
	}
	f.mu.Lock()
	f.release = 20
	f.mu.Unlock()
	rng := rand.New(rand.NewPCG(1, 2))
	var rmu sync.Mutex
	faults := map[int]int{}
	f.setFault(func(nsid string) (int, http.Header, bool) {
		rmu.Lock()
		defer rmu.Unlock()
		if rng.IntN(2) == 0 {
			return 0, nil, false
		}
		s := []int{429, 500, 502, 503}[rng.IntN(4)]
		faults[s]++
		h := http.Header{}
		if s == 429 {
			h.Set("ratelimit-remaining", "0")
			h.Set("ratelimit-reset", "1") // long past: no wait
		}
		// Half the time the answer is lost after the effect.
		return s, h, rng.IntN(2) == 0
	})

	store := newMemCheckpoints(time.Date(2026, 11, 21, 7, 0, 0, 0, time.UTC).Format(time.RFC3339Nano))
	store.failEvery = 7
	ctx, cancel := context.WithCancel(context.Background())
	r := &source.Runner{Workspace: "w1", Source: c, Store: store, MinWait: time.Microsecond, MaxWait: 10 * time.Microsecond, Failures: 1 << 30, Log: quiet}
	done := make(chan struct{})
	go func() { _ = r.Run(ctx); close(done) }()
	deadline := time.After(60 * time.Second)
	for {
		store.mu.Lock()
		n := len(store.seen)
		store.mu.Unlock()
		if n == total {
			break
		}
		select {
		case <-store.wake:
		case <-deadline:
			t.Fatalf("only %d of %d items ingested", n, total)
		}
	}
	cancel()
	<-done
	store.mu.Lock()
	for id, n := range store.seen {
		if n != 1 {
			t.Errorf("%s ingested %d times", id, n)
		}
	}
	store.mu.Unlock()
	rmu.Lock()
	t.Logf("ingest: %d items, %d listings, faults %v, %d store failures", total, len(f.get().queries), faults, store.failed)
	rmu.Unlock()

	// Actions through the same storm, retried as the outbox would.
	item := replyItem(t)
	before := f.get().creates
	attempts := 0
	for i := range 1000 {
		a := act.Action{ID: int64(i), Kind: act.Reply, IdempotencyKey: act.Key("storm", fmt.Sprint(i)), CreatedAt: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC),
			Params: json.RawMessage(`{"text":"reply ` + fmt.Sprint(i) + `"}`)}
		if i%2 == 1 {
			a.Kind = act.Block
		}
		for {
			attempts++
			_, err := c.Execute(context.Background(), a, item)
			if err == nil {
				break
			}
			if act.IsPermanent(err) {
				t.Fatalf("action %d: permanent %v", i, err)
			}
			var ae *APIError
			if !errors.As(err, &ae) && !strings.Contains(err.Error(), "kept changing") {
				t.Fatalf("action %d: %v", i, err)
			}
			c.mu.Lock()
			c.limited = time.Time{}
			c.mu.Unlock()
		}
	}
	if got := f.get().creates - before; got != 1000 {
		t.Fatalf("%d records created by 1000 actions", got)
	}
	t.Logf("actions: 1000 executed once each in %d attempts", attempts)
}
