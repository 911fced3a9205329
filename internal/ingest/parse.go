package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on what one item may hold.
const (
	MaxBatch      = 1000
	MaxTextBytes  = 64 << 10
	MaxFieldBytes = 1024
	MaxRawBytes   = 256 << 10
)

// Langs are the language codes an item may carry.
var Langs = []string{"fr", "nl", "sv", "nb", "nn", "no", "en", "de", "da"}

// FieldError says what is wrong with one field of one item.
type FieldError struct {
	Index int    `json:"index"` // position in the batch, line number in a file, or -1 for the whole body
	Field string `json:"field,omitempty"`
	Msg   string `json:"message"`
}

func (e FieldError) Error() string {
	if e.Index < 0 {
		return e.Msg
	}
	if e.Field == "" {
		return fmt.Sprintf("item %d: %s", e.Index, e.Msg)
	}
	return fmt.Sprintf("item %d: %s: %s", e.Index, e.Field, e.Msg)
}

// BatchError lists every problem found in a batch; nothing of the batch is
// stored when there is one.
type BatchError struct {
	Problems []FieldError
}

func (e *BatchError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].Error()
	}
	return fmt.Sprintf("%d problems, first: %s", len(e.Problems), e.Problems[0].Error())
}

// wireItem is the JSON shape accepted by the API and JSON Lines imports.
type wireItem struct {
	Channel    string          `json:"channel"`
	PlatformID string          `json:"platform_id"`
	Kind       string          `json:"kind"`
	Text       *string         `json:"text"`
	AuthorID   string          `json:"author_id"`
	AuthorName string          `json:"author_name"`
	ThreadID   string          `json:"thread_id"`
	ParentID   string          `json:"parent_id"`
	URL        string          `json:"url"`
	Lang       string          `json:"lang"`
	CreatedAt  string          `json:"created_at"`
	Raw        json.RawMessage `json:"raw"`
}

// DecodeBatch parses an API body: one item object, an array of items, or
// {"items": [...]}. Each item's bytes are kept verbatim as its Raw payload.
// On any problem it returns a *BatchError listing all of them.
func DecodeBatch(body []byte) ([]Item, error) {
	if !utf8.Valid(body) {
		return nil, &BatchError{[]FieldError{{Index: -1, Msg: fmt.Sprintf("body is not valid UTF-8 (first bad byte at offset %d)", FirstInvalidUTF8(body))}}}
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, &BatchError{[]FieldError{{Index: -1, Msg: "body is empty: send one item object, an array of items, or {\"items\": [...]}"}}}
	}
	var elems []json.RawMessage
	switch trimmed[0] {
	case '[':
		if err := json.Unmarshal(trimmed, &elems); err != nil {
			return nil, &BatchError{[]FieldError{{Index: -1, Msg: "malformed JSON: " + describeJSONError(trimmed, err)}}}
		}
	case '{':
		var env struct {
			Items json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(trimmed, &env); err != nil {
			return nil, &BatchError{[]FieldError{{Index: -1, Msg: "malformed JSON: " + describeJSONError(trimmed, err)}}}
		}
		if env.Items != nil {
			if err := json.Unmarshal(env.Items, &elems); err != nil {
				return nil, &BatchError{[]FieldError{{Index: -1, Field: "items", Msg: "must be an array of item objects"}}}
			}
		} else {
			elems = []json.RawMessage{trimmed}
		}
	default:
		return nil, &BatchError{[]FieldError{{Index: -1, Msg: "body must be a JSON object or array"}}}
	}
	if len(elems) == 0 {
		return nil, &BatchError{[]FieldError{{Index: -1, Msg: "batch is empty"}}}
	}
	if len(elems) > MaxBatch {
		return nil, &BatchError{[]FieldError{{Index: -1, Msg: fmt.Sprintf("batch of %d items is over the limit of %d: split it", len(elems), MaxBatch)}}}
	}
	var problems []FieldError
	out := make([]Item, 0, len(elems))
	for i, el := range elems {
		it, errs := DecodeItem(el, i)
		problems = append(problems, errs...)
		out = append(out, it)
	}
	if len(problems) > 0 {
		return nil, &BatchError{problems}
	}
	if dups := duplicatesInBatch(out); len(dups) > 0 {
		return nil, &BatchError{dups}
	}
	return out, nil
}

// duplicatesInBatch reports the same (channel, platform id) twice in one
// batch, which is almost always a client bug worth telling about.
func duplicatesInBatch(items []Item) []FieldError {
	seen := make(map[[2]string]int, len(items))
	var out []FieldError
	for i, it := range items {
		k := [2]string{it.Channel, it.PlatformID}
		if j, ok := seen[k]; ok {
			out = append(out, FieldError{Index: i, Field: "platform_id", Msg: fmt.Sprintf("same channel and platform_id as item %d in this batch", j)})
			continue
		}
		seen[k] = i
	}
	return out
}

// DecodeItem parses and validates one item object; index labels errors.
func DecodeItem(el []byte, index int) (Item, []FieldError) {
	var w wireItem
	dec := json.NewDecoder(bytes.NewReader(el))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Item{}, []FieldError{{Index: index, Msg: describeJSONError(el, err)}}
	}
	if dec.More() {
		return Item{}, []FieldError{{Index: index, Msg: "extra data after the item object"}}
	}
	it := Item{
		Channel: strings.TrimSpace(w.Channel), PlatformID: strings.TrimSpace(w.PlatformID), Kind: Kind(w.Kind),
		AuthorID: w.AuthorID, AuthorName: w.AuthorName, ThreadID: w.ThreadID, ParentID: w.ParentID,
		URL: w.URL, Lang: strings.ToLower(w.Lang), Raw: append(json.RawMessage(nil), bytes.TrimSpace(el)...),
	}
	if w.Text != nil {
		it.Text = *w.Text
	}
	var errs []FieldError
	bad := func(field, msg string, args ...any) {
		errs = append(errs, FieldError{Index: index, Field: field, Msg: fmt.Sprintf(msg, args...)})
	}
	if it.Channel == "" {
		bad("channel", "is required (the account or page it came from, e.g. \"facebook:clinic-page\")")
	}
	if it.PlatformID == "" {
		bad("platform_id", "is required (the platform's own id of the comment; it makes re-sending safe)")
	}
	if w.Text == nil {
		bad("text", "is required")
	} else if len(it.Text) > MaxTextBytes {
		bad("text", "is %d bytes, over the limit of %d", len(it.Text), MaxTextBytes)
	}
	if it.Kind == "" {
		it.Kind = KindComment
	} else if !validKind(it.Kind) {
		bad("kind", "%q is not one of %v", w.Kind, Kinds)
	}
	for name, v := range map[string]string{"channel": it.Channel, "platform_id": it.PlatformID, "author_id": it.AuthorID, "author_name": it.AuthorName, "thread_id": it.ThreadID, "parent_id": it.ParentID, "url": it.URL} {
		if len(v) > MaxFieldBytes {
			bad(name, "is %d bytes, over the limit of %d", len(v), MaxFieldBytes)
		}
	}
	if it.Lang != "" && !validLang(it.Lang) {
		bad("lang", "%q is not one of %v (leave it out to have it detected)", w.Lang, Langs)
	}
	if it.URL != "" {
		if u, err := url.Parse(it.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("url", "%q is not an http(s) URL", it.URL)
		}
	}
	if w.CreatedAt != "" {
		t, err := time.Parse(time.RFC3339Nano, w.CreatedAt)
		if err != nil {
			bad("created_at", "%q is not an RFC 3339 time such as 2026-11-21T09:30:00Z", w.CreatedAt)
		}
		it.CreatedAt = t.UTC()
	}
	if len(w.Raw) > MaxRawBytes {
		bad("raw", "is %d bytes, over the limit of %d", len(w.Raw), MaxRawBytes)
	}
	return it, errs
}

func validKind(k Kind) bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

func validLang(l string) bool {
	for _, v := range Langs {
		if v == l {
			return true
		}
	}
	return false
}

// FirstInvalidUTF8 returns the offset of the first byte that is not valid
// UTF-8, or -1, for messages that say where the problem is.
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// describeJSONError turns encoding/json's errors into a message with the
// line and column where the problem is.
func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		return fmt.Sprintf("%s at line %d, column %d", syn.Error(), line, col)
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset)
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return fmt.Sprintf("%s must be %s, not %s (line %d, column %d)", field, typ.Type.String(), typ.Value, line, col)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of JSON: the input was cut short"
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "json: unknown field ") {
		return "unknown field " + strings.TrimPrefix(msg, "json: unknown field ") + " (see the API docs for the item fields)"
	}
	return strings.TrimPrefix(msg, "json: ")
}

func lineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:offset] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// wireOut is the API's item shape for encoding, leaving out what is empty.
type wireOut struct {
	Channel    string          `json:"channel"`
	PlatformID string          `json:"platform_id"`
	Kind       Kind            `json:"kind,omitempty"`
	Text       string          `json:"text"`
	AuthorID   string          `json:"author_id,omitempty"`
	AuthorName string          `json:"author_name,omitempty"`
	ThreadID   string          `json:"thread_id,omitempty"`
	ParentID   string          `json:"parent_id,omitempty"`
	URL        string          `json:"url,omitempty"`
	Lang       string          `json:"lang,omitempty"`
	CreatedAt  string          `json:"created_at,omitempty"`
	Raw        json.RawMessage `json:"raw,omitempty"`
}

// MarshalWire encodes an item in the API's JSON shape, the inverse of
// DecodeItem, for clients such as the simulator and connectors.
func MarshalWire(it Item) ([]byte, error) {
	w := wireOut{Channel: it.Channel, PlatformID: it.PlatformID, Kind: it.Kind, Text: it.Text, AuthorID: it.AuthorID,
		AuthorName: it.AuthorName, ThreadID: it.ThreadID, ParentID: it.ParentID, URL: it.URL, Lang: it.Lang, Raw: it.Raw}
	if !it.CreatedAt.IsZero() {
		w.CreatedAt = it.CreatedAt.UTC().Format(time.RFC3339Nano)
	}
	return json.Marshal(w)
}
