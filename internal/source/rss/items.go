package rss

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// ParseFeed reads an RSS, Atom or JSON feed document.
func ParseFeed(body []byte) (*gofeed.Feed, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("empty feed document")
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("not a readable RSS, Atom or JSON feed: %w", err)
	}
	return feed, nil
}

// Entry is one feed entry, normalised.
type Entry struct {
	// ID is the entry's GUID (or Atom id), else its link, else a hash of
	// its title and date: what makes re-reading the feed safe.
	ID        string
	Title     string
	Summary   string // HTML stripped
	Link      string
	Published time.Time
}

// Entries normalises a feed's entries; base resolves relative links.
func Entries(feed *gofeed.Feed, base *url.URL) []Entry {
	var out []Entry
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		e := Entry{Title: clean(StripHTML(it.Title), 1024), Link: link(it, base)}
		summary := it.Description
		if strings.TrimSpace(summary) == "" {
			summary = it.Content
		}
		e.Summary = clean(StripHTML(summary), ingest.MaxTextBytes/2)
		switch {
		case it.PublishedParsed != nil:
			e.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			e.Published = it.UpdatedParsed.UTC()
		}
		e.ID = clean(it.GUID, ingest.MaxFieldBytes)
		if e.ID == "" || len(it.GUID) > ingest.MaxFieldBytes {
			e.ID = e.Link
		}
		if e.ID == "" {
			if e.Title == "" && e.Summary == "" {
				continue // nothing to identify or read
			}
			h := sha256.Sum256([]byte(e.Title + "\x00" + e.Published.Format(time.RFC3339) + "\x00" + e.Summary))
			e.ID = "sha256:" + hex.EncodeToString(h[:16])
		}
		out = append(out, e)
	}
	return out
}

func link(it *gofeed.Item, base *url.URL) string {
	cands := append([]string{it.Link}, it.Links...)
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" || len(c) > ingest.MaxFieldBytes {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(u.String()) <= ingest.MaxFieldBytes {
			return u.String()
		}
	}
	return ""
}

// rawEntry is what an item keeps of its entry: where it was published
// and why it was taken.
type rawEntry struct {
	Feed      string    `json:"feed,omitempty"`
	FeedTitle string    `json:"feed_title,omitempty"`
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Link      string    `json:"link,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Matched   []string  `json:"matched"`
}

// Item turns an entry into a mention on channel. The outlet (the feed's
// host and title) stands as the author: what listening needs to see is
// which newspaper runs the story, not who signed it.
func (e Entry) Item(channel string, feed *gofeed.Feed, matched []string) ingest.Item {
	text := e.Title
	if e.Summary != "" {
		if text != "" {
			text += "\n\n"
		}
		text += e.Summary
	}
	if len(text) > ingest.MaxTextBytes {
		text = truncate(text, ingest.MaxTextBytes)
	}
	host, feedLink := "", ""
	if feed != nil {
		feedLink = feed.FeedLink
		if feedLink == "" {
			feedLink = feed.Link
		}
	}
	if u, err := url.Parse(e.Link); err == nil && u.Host != "" {
		host = u.Hostname()
	} else if u, err := url.Parse(feedLink); err == nil {
		host = u.Hostname()
	}
	it := ingest.Item{Channel: channel, PlatformID: e.ID, Kind: ingest.KindMention, Text: text, URL: e.Link, CreatedAt: e.Published,
		AuthorID: clean(host, ingest.MaxFieldBytes)}
	if feed != nil {
		it.AuthorName = clean(StripHTML(feed.Title), 200)
		it.Lang = lang(feed.Language)
	}
	raw, _ := json.Marshal(rawEntry{Feed: clean(feedLink, ingest.MaxFieldBytes), FeedTitle: it.AuthorName, ID: e.ID, Title: e.Title, Link: e.Link, Published: e.Published, Matched: matched})
	it.Raw = raw
	return it
}

// lang maps a feed's language ("fr-FR", "nb-NO", "no") to an item's.
func lang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	for _, v := range ingest.Langs {
		if v == l {
			return l
		}
	}
	return ""
}

// StripHTML returns the text of an HTML fragment: tags dropped, entities
// decoded, scripts and styles left out, blocks separated by spaces.
func StripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			case "br", "p", "div", "li", "h1", "h2", "h3", "h4", "td", "tr":
				b.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "p", "div", "li", "h1", "h2", "h3", "h4", "td", "tr":
				b.WriteByte(' ')
			}
		}
	}
}

// clean makes valid UTF-8 on one line of single spaces, at most limit bytes.
func clean(s string, limit int) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	return truncate(s, limit)
}

func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
