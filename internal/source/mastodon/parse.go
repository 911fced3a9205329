package mastodon

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Account is the part of Mastodon's Account entity the connector uses.
type Account struct {
	ID          string `json:"id"`
	Acct        string `json:"acct"`
	DisplayName string `json:"display_name"`
	URL         string `json:"url"`
}

// Status is the part of Mastodon's Status entity the connector uses.
type Status struct {
	ID                 string  `json:"id"`
	URI                string  `json:"uri"`
	URL                *string `json:"url"`
	CreatedAt          string  `json:"created_at"`
	InReplyToID        *string `json:"in_reply_to_id"`
	InReplyToAccountID *string `json:"in_reply_to_account_id"`
	Account            Account `json:"account"`
	Content            string  `json:"content"`
	SpoilerText        string  `json:"spoiler_text"`
	Language           *string `json:"language"`
	Visibility         string  `json:"visibility"`
}

// Notification is Mastodon's Notification entity; Status is kept verbatim.
type Notification struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	CreatedAt string          `json:"created_at"`
	Account   Account         `json:"account"`
	Status    json.RawMessage `json:"status"`
}

// ParseNotifications decodes the answer of GET /api/v1/notifications.
func ParseNotifications(data []byte) ([]Notification, error) {
	var ns []Notification
	if err := json.Unmarshal(data, &ns); err != nil {
		return nil, fmt.Errorf("mastodon: notifications: %w", err)
	}
	for i, n := range ns {
		if n.ID == "" {
			return nil, fmt.Errorf("mastodon: notification %d has no id", i)
		}
	}
	return ns, nil
}

// ParseNotification decodes one notification (a streaming payload).
func ParseNotification(data []byte) (Notification, error) {
	var n Notification
	if err := json.Unmarshal(data, &n); err != nil {
		return n, fmt.Errorf("mastodon: notification: %w", err)
	}
	if n.ID == "" {
		return n, errors.New("mastodon: notification has no id")
	}
	return n, nil
}

// ParseStatus decodes a Status entity and checks the fields an item needs.
func ParseStatus(data []byte) (Status, error) {
	var s Status
	if err := json.Unmarshal(data, &s); err != nil {
		return s, fmt.Errorf("mastodon: status: %w", err)
	}
	if s.ID == "" || s.Account.ID == "" {
		return s, errors.New("mastodon: status without id or account id")
	}
	return s, nil
}

// itemFromStatus normalises a status; raw is the status JSON verbatim and
// self the organization's account id (a status replying to it is a reply,
// any other a mention).
func itemFromStatus(s Status, raw []byte, self string) ingest.Item {
	it := ingest.Item{
		PlatformID: s.ID,
		Kind:       ingest.KindMention,
		Text:       StatusText(s),
		AuthorID:   s.Account.ID,
		AuthorName: authorName(s.Account),
		Raw:        json.RawMessage(slices.Clone(raw)),
	}
	if s.InReplyToID != nil && *s.InReplyToID != "" {
		it.ParentID = *s.InReplyToID
		if s.InReplyToAccountID != nil && *s.InReplyToAccountID == self && self != "" {
			it.Kind = ingest.KindReply
		}
	} else {
		it.ThreadID = s.ID // it starts its conversation
	}
	if s.URL != nil && *s.URL != "" {
		it.URL = *s.URL
	} else {
		it.URL = s.URI
	}
	if s.Language != nil {
		it.Lang = normLang(*s.Language)
	}
	if t, err := time.Parse(time.RFC3339Nano, s.CreatedAt); err == nil {
		it.CreatedAt = t.UTC()
	}
	return it
}

// authorName is "Display Name (@acct)", or the acct alone.
func authorName(a Account) string {
	dn := strings.TrimSpace(a.DisplayName)
	switch {
	case a.Acct == "":
		return dn
	case dn == "":
		return "@" + a.Acct
	}
	return dn + " (@" + a.Acct + ")"
}

// normLang keeps a two-letter ISO 639-1 code (Mastodon may send "en" or
// "en-GB"; anything else is dropped).
func normLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if len(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z' {
		return ""
	}
	return l
}

// StatusText is the plain text of a status: its content warning, if any,
// then its content.
func StatusText(s Status) string {
	body := HTMLToText(s.Content)
	if cw := strings.TrimSpace(s.SpoilerText); cw != "" {
		if body == "" {
			return cw
		}
		return cw + "\n\n" + body
	}
	return body
}

// HTMLToText turns a status's HTML content into plain text: <br> becomes a
// line break, paragraphs are separated by a blank line, other tags are
// dropped (keeping their text, so the hidden parts of shortened links
// are kept), entities are decoded and runs of whitespace collapsed.
func HTMLToText(s string) string {
	var b []byte             // output so far
	var text strings.Builder // pending text, still escaped
	trimSpaces := func() {
		for len(b) > 0 && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
	}
	flush := func() {
		if text.Len() == 0 {
			return
		}
		t := html.UnescapeString(text.String())
		text.Reset()
		// Collapse whitespace as HTML does; a space at a line start is dropped.
		prevSpace := len(b) == 0 || b[len(b)-1] == '\n'
		for _, r := range t {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
				if !prevSpace {
					b = append(b, ' ')
				}
				prevSpace = true
				continue
			}
			if r == '\u00a0' { // &nbsp;: a space that does not collapse
				r = ' '
			}
			b = utf8.AppendRune(b, r)
			prevSpace = false
		}
	}
	newline := func(n int) {
		trimSpaces()
		if len(b) == 0 {
			return
		}
		have := 0
		for have < len(b) && b[len(b)-1-have] == '\n' {
			have++
		}
		for i := have; i < n; i++ {
			b = append(b, '\n')
		}
	}
	skip := "" // inside <script> or <style>: drop until its end tag
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if skip == "" {
				text.WriteString(s[i : i+j])
			}
			i += j
			continue
		}
		if !tagStart(s, i) { // "a < b": text
			if skip == "" {
				text.WriteByte('<')
			}
			i++
			continue
		}
		end := tagEnd(s, i)
		if end < 0 { // an unclosed tag is text
			if skip == "" {
				text.WriteString(s[i:])
			}
			break
		}
		name, closing := tagName(s[i+1 : end])
		i = end + 1
		if skip != "" {
			if closing && name == skip {
				skip = ""
			}
			continue
		}
		switch name {
		case "br":
			flush()
			trimSpaces()
			b = append(b, '\n')
		case "p", "div", "blockquote", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6":
			flush()
			newline(2)
		case "li":
			flush()
			newline(1)
		case "script", "style":
			flush()
			if !closing {
				skip = name
			}
		case "":
			// a comment or a declaration
		default:
			// inline tag: its text is kept
		}
	}
	flush()
	return strings.TrimSpace(string(b))
}

// tagStart reports whether the '<' at s[i] opens a tag, as in HTML: it
// must be followed by a letter, '/', '!' or '?'.
func tagStart(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	c := s[i+1]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// tagEnd finds the '>' closing the tag opened at s[i] ('<'), skipping
// quoted attribute values and comments; -1 when there is none.
func tagEnd(s string, i int) int {
	if strings.HasPrefix(s[i:], "<!--") {
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			return -1
		}
		return i + 4 + j + 2
	}
	var q byte
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return j
		}
	}
	return -1
}

// tagName reads the lower-case name of a tag's inside ("p class=x", "/p",
// "br/"); "" for comments and declarations.
func tagName(in string) (string, bool) {
	closing := strings.HasPrefix(in, "/")
	in = strings.TrimPrefix(in, "/")
	n := 0
	for n < len(in) {
		c := in[n]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			break
		}
		n++
	}
	return strings.ToLower(in[:n]), closing
}

// sseEvent is one server-sent event of the streaming API.
type sseEvent struct {
	Event string
	Data  string
}

// readSSE reads server-sent events from r and hands each to fn until r
// ends, fn returns an error, or a line exceeds 1 MiB. Comment lines
// (":thump", the heartbeat) are skipped.
func readSSE(r io.Reader, fn func(sseEvent) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var ev sseEvent
	var data []string
	dispatch := func() error {
		if ev.Event == "" && len(data) == 0 {
			return nil
		}
		ev.Data = strings.Join(data, "\n")
		err := fn(ev)
		ev, data = sseEvent{}, nil
		return err
	}
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" {
			if err := dispatch(); err != nil {
				return err
			}
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			ev.Event = value
		case "data":
			data = append(data, value)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return dispatch()
}

// idLess orders ids the way the servers do: Mastodon's ids are decimal
// snowflakes (shorter is older), GoToSocial's are ULIDs and Pleroma's
// fixed-width, where the order is lexical.
func idLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
