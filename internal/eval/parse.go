package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// MaxLineBytes is the longest line ParseLine's reader accepts; a longer line
// is reported as malformed and skipped.
const MaxLineBytes = 1 << 20

// None is the gold label of a clean text, and the predicted top category
// when no score reaches its threshold.
const None = "none"

// Gold actions.
const (
	ActionRemove = "remove"
	ActionKeep   = "keep"
)

// Example is one labelled line of an evaluation file.
type Example struct {
	// Line is the 1-based line number in the file.
	Line int `json:"line"`
	// ID is the optional "id" (a JSON string or number, as text).
	ID   string `json:"id,omitempty"`
	Text string `json:"text"`
	// Lang is the lower-cased gold language, or "" when the line gives none.
	Lang string `json:"lang,omitempty"`
	// Labelled says the line carries category labels ("category" or
	// "categories"); Categories is then the gold set, in the order given,
	// without duplicates, and empty for a clean text ("none" or []). The
	// first category is the primary one used by the confusion matrix.
	Labelled   bool     `json:"labelled"`
	Categories []string `json:"categories,omitempty"`
	// Action is the gold action, ActionRemove, ActionKeep, or "" when the
	// line gives none.
	Action string `json:"action,omitempty"`
	// Entities names the kinds of personal data in the text (email, phone,
	// iban, ...). EntitiesKnown says whether they are known: given
	// explicitly, or implied empty because the text is labelled without pii
	// or doxxing. Examples with unknown entities are left out of the entity
	// scores.
	Entities      []string `json:"entities,omitempty"`
	EntitiesKnown bool     `json:"entities_known"`
	// Tags name hard-case families ("counter-speech", "negation", ...);
	// the report scores the remove/keep task per tag.
	Tags   []string `json:"tags,omitempty"`
	Note   string   `json:"note,omitempty"`
	Source string   `json:"source,omitempty"`
}

// Primary is the first gold category, or None.
func (e Example) Primary() string {
	if len(e.Categories) == 0 {
		return None
	}
	return e.Categories[0]
}

// Has reports whether c is one of the gold categories.
func (e Example) Has(c string) bool {
	for _, g := range e.Categories {
		if g == c {
			return true
		}
	}
	return false
}

// LineError is a problem with one line of the input, or with classifying it.
type LineError struct {
	Line int    `json:"line"`
	ID   string `json:"id,omitempty"`
	Err  string `json:"error"`
}

func (e LineError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("line %d (id %s): %s", e.Line, e.ID, e.Err)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Err)
}

// rawLine is the JSON shape of one line. Unknown fields are ignored.
type rawLine struct {
	ID         json.RawMessage `json:"id"`
	Text       *string         `json:"text"`
	Lang       string          `json:"lang"`
	Category   *string         `json:"category"`
	Categories json.RawMessage `json:"categories"`
	Action     string          `json:"action"`
	Entities   json.RawMessage `json:"entities"`
	Tags       []string        `json:"tags"`
	Note       string          `json:"note"`
	Source     string          `json:"source"`
}

// ParseLine parses one line of an evaluation file (without its newline).
// It never panics; every problem is returned as an error that says what is
// wrong. The line number of the result is left at zero.
func ParseLine(line []byte) (Example, error) {
	var ex Example
	if !utf8.Valid(line) {
		return ex, errors.New("line is not valid UTF-8")
	}
	var raw rawLine
	if err := json.Unmarshal(line, &raw); err != nil {
		return ex, fmt.Errorf("malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	id, err := parseID(raw.ID)
	if err != nil {
		return ex, err
	}
	ex.ID = id
	if raw.Text == nil {
		return ex, errors.New(`missing "text"`)
	}
	if strings.TrimSpace(*raw.Text) == "" {
		return ex, errors.New(`empty "text"`)
	}
	ex.Text = *raw.Text
	if ex.Lang, err = parseLang(raw.Lang); err != nil {
		return ex, err
	}
	if err := parseCategories(&ex, raw.Category, raw.Categories); err != nil {
		return ex, err
	}
	switch a := strings.ToLower(strings.TrimSpace(raw.Action)); a {
	case "":
	case ActionRemove, ActionKeep:
		ex.Action = a
	default:
		return ex, fmt.Errorf("unknown action %q (valid: remove, keep)", raw.Action)
	}
	if !ex.Labelled && ex.Action == "" {
		return ex, errors.New(`neither "category", "categories" nor "action" given: nothing to evaluate`)
	}
	if err := parseEntities(&ex, raw.Entities); err != nil {
		return ex, err
	}
	for _, t := range raw.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" {
			return ex, errors.New(`empty tag in "tags"`)
		}
		if !contains(ex.Tags, t) {
			ex.Tags = append(ex.Tags, t)
		}
	}
	ex.Note, ex.Source = raw.Note, raw.Source
	return ex, nil
}

func parseID(raw json.RawMessage) (string, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return "", nil
	}
	switch s[0] {
	case '"':
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return "", fmt.Errorf(`malformed "id": %v`, err)
		}
		return v, nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return s, nil
	}
	return "", fmt.Errorf(`"id" must be a string or a number, not %s`, abbreviate(s, 20))
}

func parseLang(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 16 {
		return "", fmt.Errorf("language code %q is too long", abbreviate(s, 20))
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || (r == '-' || r == '_') && i > 0 || r >= '0' && r <= '9' && i > 0) {
			return "", fmt.Errorf("language code %q is not an ISO 639 code", s)
		}
	}
	return s, nil
}

// validCategory reports whether c is a detect category.
func validCategory(c string) bool {
	_, err := detect.ParseCategory(c)
	return err == nil
}

func parseCategories(ex *Example, one *string, many json.RawMessage) error {
	var list []string
	if one != nil {
		ex.Labelled = true
		list = append(list, *one)
	}
	if s := strings.TrimSpace(string(many)); s != "" && s != "null" {
		var more []string
		if err := json.Unmarshal(many, &more); err != nil {
			return fmt.Errorf(`"categories" must be a list of strings: %s`, strings.TrimPrefix(err.Error(), "json: "))
		}
		ex.Labelled = true
		list = append(list, more...)
	}
	sawNone := false
	for _, c := range list {
		c = strings.ToLower(strings.TrimSpace(c))
		switch {
		case c == None:
			sawNone = true
		case c == "":
			return errors.New("empty category name")
		case !validCategory(c):
			return fmt.Errorf("unknown category %q (valid: %s, or none)", c, categoryNames())
		case !contains(ex.Categories, c):
			ex.Categories = append(ex.Categories, c)
		}
	}
	if sawNone && len(ex.Categories) > 0 {
		return fmt.Errorf("category %q together with %s", None, strings.Join(ex.Categories, ", "))
	}
	return nil
}

func parseEntities(ex *Example, raw json.RawMessage) error {
	if s := strings.TrimSpace(string(raw)); s != "" && s != "null" {
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			return fmt.Errorf(`"entities" must be a list of strings: %s`, strings.TrimPrefix(err.Error(), "json: "))
		}
		for _, e := range list {
			e = strings.ToLower(strings.TrimSpace(e))
			if !validEntity(e) {
				return fmt.Errorf("entity %q is not a lower-case name such as phone, email or iban", e)
			}
			if !contains(ex.Entities, e) {
				ex.Entities = append(ex.Entities, e)
			}
		}
		ex.EntitiesKnown = true
		return nil
	}
	// A labelled text without personal data has, by definition, none.
	ex.EntitiesKnown = ex.Labelled && !ex.Has(string(detect.PII)) && !ex.Has(string(detect.Doxxing))
	return nil
}

func validEntity(e string) bool {
	if e == "" || len(e) > 40 {
		return false
	}
	for _, r := range e {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func categoryNames() string {
	names := make([]string, len(detect.Categories))
	for i, c := range detect.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ReadExamples reads a JSON Lines evaluation file. Blank lines are skipped;
// a malformed line is collected as a LineError and reading goes on, so one
// bad line never hides the rest of a set. The returned error is only for a
// failure to read.
func ReadExamples(r io.Reader) ([]Example, []LineError, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		examples []Example
		bad      []LineError
		buf      []byte
	)
	for n := 1; ; n++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > MaxLineBytes+2 { // room for "\r\n"
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return examples, bad, fmt.Errorf("read line %d: %w", n, err)
		}
		line := bytes.TrimRight(buf, "\r\n")
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		switch {
		case tooLong:
			bad = append(bad, LineError{Line: n, Err: "line longer than " + strconv.Itoa(MaxLineBytes) + " bytes"})
		case len(bytes.TrimSpace(line)) == 0:
		default:
			ex, perr := ParseLine(line)
			if perr != nil {
				bad = append(bad, LineError{Line: n, ID: ex.ID, Err: perr.Error()})
			} else {
				ex.Line = n
				examples = append(examples, ex)
			}
		}
		if err == io.EOF {
			return examples, bad, nil
		}
	}
}

// abbreviate shortens s to at most n runes, on one line, marking the cut
// with an ellipsis.
func abbreviate(s string, n int) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	if n == 1 {
		return "…"
	}
	return strings.TrimRight(string(runes[:n-1]), " ") + "…"
}
