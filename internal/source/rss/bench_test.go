package rss

import (
	"net/url"
	"os"
	"testing"
)

// BenchmarkFeedItems measures one poll's work on a fetched document:
// parse, normalise, match and make items.
func BenchmarkFeedItems(b *testing.B) {
	data, err := os.ReadFile("testdata/regional_fr.rss")
	if err != nil {
		b.Fatal(err)
	}
	q := Names("Clinique des Tilleuls", "Dr Martin")
	base, _ := url.Parse("https://www.courrier-ouest.example/rss/angers.xml")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		feed, err := ParseFeed(data)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, e := range Entries(feed, base) {
			if m := q.Match(e.Title + "\n" + e.Summary); len(m) > 0 {
				e.Item("rss:x", feed, m)
				n++
			}
		}
		if n != 3 {
			b.Fatal(n)
		}
	}
}
