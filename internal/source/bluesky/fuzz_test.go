package bluesky

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	comatproto "github.com/bluesky-social/indigo/api/atproto"
	"github.com/bluesky-social/indigo/atproto/atdata"
	"github.com/bluesky-social/indigo/events"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// checkItems checks what any decoded commit may yield.
func checkItems(t *testing.T, repo string, items []ingest.Item) {
	t.Helper()
	for _, it := range items {
		if !strings.HasPrefix(it.PlatformID, "at://"+repo+"/app.bsky.feed.post/") || it.AuthorID != repo || repo == fakeOrg {
			t.Fatalf("item %q by %q from repo %q", it.PlatformID, it.AuthorID, repo)
		}
		if _, err := ParseATURI(it.PlatformID); err != nil {
			t.Fatalf("item id %q: %v", it.PlatformID, err)
		}
		r, err := ParseRaw(it.Raw)
		if err != nil || len(r.Reasons) == 0 {
			t.Fatalf("item payload %s: %v", it.Raw, err)
		}
		if it.Lang != "" && len(it.Lang) != 2 {
			t.Fatalf("lang %q", it.Lang)
		}
	}
}

func FuzzDecodeFrame(f *testing.F) {
	f.Add(commitFrame(f, 42, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON}, testPost{rkey: "3kabc5555555c", json: mentionJSON}))
	f.Add(commitFrame(f, 43, fakeTroll, testPost{rkey: "3kabc5555555d", json: quoteJSON}, testPost{rkey: "3kabc5555555e", del: true}))
	f.Add(frameBytes(f, &events.XRPCStreamEvent{RepoInfo: &comatproto.SyncSubscribeRepos_Info{Name: "OutdatedCursor"}}))
	f.Add(frameBytes(f, &events.XRPCStreamEvent{Error: &events.ErrorFrame{Error: "FutureCursor", Message: "x"}}))
	f.Add([]byte{0xa2, 0x61, 0x74, 0x67})
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := DecodeFrame(data)
		if err != nil {
			return
		}
		if fr.Seq < 0 {
			t.Fatalf("negative seq %d", fr.Seq)
		}
		if fr.Commit != nil {
			checkItems(t, fr.Commit.Repo, CommitItems(fr.Commit, fakeOrg))
		}
	})
}

// FuzzCommitBlocks mutates the CAR slice of a commit that touches the
// organization.
func FuzzCommitBlocks(f *testing.F) {
	tmpl := commitEvent(f, 7, fakeTroll, testPost{rkey: "3kabc5555555b", json: replyJSON}, testPost{rkey: "3kabc5555555c", json: quoteJSON})
	f.Add([]byte(tmpl.Blocks))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, blocks []byte) {
		evt := *tmpl
		evt.Blocks = blocks
		checkItems(t, evt.Repo, CommitItems(&evt, fakeOrg))
	})
}

func FuzzParsePost(f *testing.F) {
	for _, s := range []string{replyJSON, mentionJSON, quoteJSON, otherJSON, likeJSON, `{"$type":"app.bsky.feed.post","reply":{"root":5},"facets":[{"features":[7]}],"embed":{"$type":"app.bsky.embed.recordWithMedia","record":"x"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := atdata.UnmarshalJSON(data)
		if err != nil {
			return
		}
		p, err := ParsePost(rec)
		if err != nil {
			return
		}
		reasons := p.Reasons(fakeOrg)
		if len(reasons) == 0 {
			return
		}
		it, err := itemFromPost(ATURI{DID: fakeTroll, Collection: collPost, RKey: "3kabc5555555b"}, "bafyreia", rec, p, reasons, time.Time{})
		if err != nil {
			return // a record JSON cannot hold
		}
		checkItems(t, fakeTroll, []ingest.Item{it})
	})
}

func FuzzParseNotifications(f *testing.F) {
	f.Add([]byte(`{"cursor":"c","notifications":[{"uri":"at://` + fakeTroll + `/app.bsky.feed.post/3kabc4444444a","cid":"b","author":{"did":"` + fakeTroll + `"},"reason":"reply","record":` + replyJSON + `,"indexedAt":"2026-11-21T08:00:00.000Z"}]}`))
	f.Add([]byte(`{"notifications":[]}`))
	f.Add([]byte(`{"notifications":[{"author":{}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseNotifications(data)
		if err != nil {
			return
		}
		for _, n := range p.Notifications {
			if it, ok := notificationItem(n, fakeOrg); ok {
				checkItems(t, n.Author.DID, []ingest.Item{it})
			}
		}
	})
}

func FuzzParseError(f *testing.F) {
	f.Add([]byte(`{"error":"ExpiredToken","message":"Token has expired"}`))
	f.Add([]byte(`<html>502</html>`))
	f.Add([]byte(`{"error":5}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		code, msg := ParseError(data)
		if utf8.RuneCountInString(code) > 101 || utf8.RuneCountInString(msg) > 301 {
			t.Fatalf("unbounded error text: %d %d", len(code), len(msg))
		}
	})
}

func FuzzParseATURI(f *testing.F) {
	f.Add("at://" + fakeOrg + "/app.bsky.feed.post/3kabc2222222a")
	f.Add("at://did:web:example.com/app.bsky.feed.threadgate/self")
	f.Add("at://handle.example/app.bsky.feed.post/x")
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseATURI(s)
		if err != nil {
			return
		}
		if u.String() != s || !validDID(u.DID) || !validRKey(u.RKey) {
			t.Fatalf("ParseATURI(%q) = %+v", s, u)
		}
	})
}

// FuzzItemPayload: an item's stored payload, read back by the actions.
func FuzzItemPayload(f *testing.F) {
	f.Add([]byte(`{"uri":"at://` + fakeTroll + `/app.bsky.feed.post/3kabc4444444a","cid":"b","reasons":["reply"],"record":` + replyJSON + `}`))
	f.Add([]byte(`{"uri":"x","record":5}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, _ = itemRaw(ingest.Item{Raw: data}, "fuzz")
	})
}
