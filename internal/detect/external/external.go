// Package external owns the optional second opinion from external scorers:
// clients for the Perspective API, the OpenAI moderation endpoint and a
// self-hosted text-classification server (Hugging Face
// text-embeddings-inference /predict), each speaking its documented wire
// format and mapping the provider's attributes to Stormwatch categories;
// and SecondOpinion, which asks one of them about ambiguous items only,
// with a timeout, a circuit breaker and a fallback to the primary result.
//
// It is off by default: nothing here runs unless a workspace configures a
// scorer. Comments leave the machine only when it does; the Perspective
// client always sets doNotStore.
package external

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Scorer is an external opinion on one text. Implementations are safe for
// concurrent use and honour ctx's deadline.
type Scorer interface {
	// Name is the provider's short name: "perspective", "openai", or the
	// configured name of a classifier. Signals carry "external:"+Name.
	Name() string
	// Score returns one signal per Stormwatch category the provider
	// scored, with spans in byte offsets when the provider gives any.
	Score(ctx context.Context, text, lang string) ([]detect.Signal, error)
}

// ErrUnsupportedLanguage is returned, without any request, for a language
// the provider is not configured for.
var ErrUnsupportedLanguage = errors.New("language not supported by this scorer")

// HTTPError is a non-2xx answer from a provider.
type HTTPError struct {
	Provider string
	Status   int
	// RetryAfter is the provider's Retry-After, zero when absent.
	RetryAfter time.Duration
	// Message is the provider's error message, cut to 200 bytes.
	Message string
}

func (e *HTTPError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d", e.Provider, e.Status)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

const (
	maxResponse = 1 << 20 // bytes read from a provider's answer
	// DefaultMaxTextBytes bounds what is sent: providers reject long texts
	// (Perspective at 20 KB) and abuse is seldom past the first pages.
	DefaultMaxTextBytes = 16 << 10
	maxErrMessage       = 200
)

// postJSON sends body to endpoint and decodes a 2xx answer into out. The
// error never contains the URL, which may hold an API key.
func postJSON(ctx context.Context, client *http.Client, provider, endpoint string, header http.Header, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("%s: encoding the request: %w", provider, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%s: building the request: %v", provider, redact(err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	if client == nil {
		client = defaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s: %w", provider, ctxErr)
		}
		return fmt.Errorf("%s: %v", provider, redact(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s: reading the answer: %w", provider, ctxErr)
		}
		return fmt.Errorf("%s: reading the answer: %v", provider, redact(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &HTTPError{
			Provider:   provider,
			Status:     resp.StatusCode,
			RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
			Message:    errorMessage(data),
		}
	}
	if len(data) > maxResponse {
		return fmt.Errorf("%s: answer larger than %d bytes", provider, maxResponse)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s: malformed answer: %w", provider, err)
		}
	}
	return nil
}

var defaultClient = &http.Client{}

// redact strips the URL (and so any key in its query) from an error.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		if n > 86400 {
			n = 86400
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// errorMessage extracts a readable message from a provider's error body:
// Google's {"error":{"message"}}, OpenAI's {"error":{"message"}}, TEI's
// {"error":"..."}; otherwise the body's beginning.
func errorMessage(data []byte) string {
	var g struct {
		Error json.RawMessage `json:"error"`
	}
	msg := ""
	if json.Unmarshal(data, &g) == nil && len(g.Error) > 0 {
		var inner struct {
			Message string `json:"message"`
		}
		var s string
		switch {
		case json.Unmarshal(g.Error, &inner) == nil && inner.Message != "":
			msg = inner.Message
		case json.Unmarshal(g.Error, &s) == nil:
			msg = s
		}
	}
	if msg == "" {
		msg = strings.TrimSpace(string(data))
	}
	return cut(strings.ToValidUTF8(msg, "\uFFFD"), maxErrMessage)
}

// cut shortens s to at most n bytes on a rune boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// truncateText keeps the first max bytes of text on a rune boundary;
// spans found in the prefix are valid in the whole.
func truncateText(text string, max int) string {
	if max <= 0 {
		max = DefaultMaxTextBytes
	}
	return cut(text, max)
}

// categoryOf looks a provider's attribute up in a mapping, case-insensitively.
func categoryOf(m map[string]detect.Category, attr string) (detect.Category, bool) {
	if c, ok := m[attr]; ok {
		return c, c != ""
	}
	for k, c := range m {
		if strings.EqualFold(k, attr) {
			return c, c != ""
		}
	}
	return "", false
}

// validScore reports whether v is a probability.
func validScore(v float64) bool { return v >= 0 && v <= 1 }

// part is one provider attribute's contribution to a category.
type part struct {
	attr  string
	score float64
	spans []detect.Span
}

// fold turns attribute scores into one signal per category: the highest
// score wins, spans are united, every attribute is named in the
// explanation. Categories are emitted in a stable order.
func fold(provider, version string, parts map[detect.Category][]part) []detect.Signal {
	var out []detect.Signal
	for _, c := range detect.Categories {
		ps := parts[c]
		if len(ps) == 0 {
			continue
		}
		s := detect.Signal{Category: c, Spans: []detect.Span{}, Detector: "external:" + provider, Version: version}
		var why []string
		for _, p := range ps {
			if p.score > s.Score {
				s.Score = p.score
			}
			s.Spans = append(s.Spans, p.spans...)
			why = append(why, fmt.Sprintf("%s %.2f", p.attr, p.score))
		}
		s.Explanation = provider + ": " + strings.Join(why, ", ")
		out = append(out, s)
	}
	return out
}

// jsonUnmarshal is json.Unmarshal; a seam for the response parsers.
func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
