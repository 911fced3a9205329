package rss

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// FuzzFeedItems: whatever document a feed serves, parsing never panics
// and every item made from it passes the ingest contract (valid UTF-8,
// an id, sizes within limits, an http(s) link or none).
func FuzzFeedItems(f *testing.F) {
	for _, name := range []string{"regional_fr.rss", "alerts_nl.atom"} {
		b, _ := os.ReadFile("testdata/" + name)
		f.Add(b)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_html":"<p>Clinique des Tilleuls</p>","url":"/a"}]}`))
	f.Add([]byte("<rss><channel><item><title>\xff Tilleuls</title><link>javascript:alert(1)</link></item></channel></rss>"))
	q := Names("Clinique des Tilleuls", "Tilleuls", "Dr Martin", "De Linde")
	base, _ := url.Parse("https://feeds.example/rss")
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(data)
		if err != nil {
			return
		}
		for _, e := range Entries(feed, base) {
			if e.ID == "" || !utf8.ValidString(e.Title+e.Summary+e.ID) {
				t.Fatalf("bad entry %+v", e)
			}
			it := e.Item("rss:feeds.example", feed, q.Match(e.Title+"\n"+e.Summary))
			b, err := ingest.MarshalWire(it)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			if _, probs := ingest.DecodeItem(b, 0); len(probs) > 0 {
				t.Fatalf("item fails the ingest contract: %v\n%+v", probs, it)
			}
		}
	})
}

// FuzzQuery: any query text either parses or is refused with an error,
// and a parsed query never panics on any text; a single word always
// matches a text made of itself.
func FuzzQuery(f *testing.F) {
	f.Add(`"Clinique des Tilleuls" OR Dubois AND vétérinaire`, "Le Dr Dubois, vétérinaire")
	f.Add(`a AND`, "a")
	f.Add(`"`, "")
	f.Fuzz(func(t *testing.T, query, text string) {
		q, err := ParseQuery(query)
		if err != nil {
			return
		}
		q.Match(text)
		if w := foldText(query); w != "" && !strings.ContainsAny(query, "\" ") && query != "OR" && query != "AND" {
			if len(q.Match(query)) == 0 {
				t.Fatalf("%q does not match itself", query)
			}
		}
	})
}
