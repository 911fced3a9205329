// Package webhook is the generic webhook channel: any system (a form, a
// review site's notifier, a home-made bridge) posts items to
// /hooks/webhook/<channel id>, signed with the channel's shared secret.
//
// The signature is HMAC-SHA256 over "<timestamp>.<raw body>", sent as
//
//	X-Stormwatch-Timestamp: 1763716800          (Unix seconds)
//	X-Stormwatch-Signature: sha256=<64 hex digits>
//
// Binding the timestamp into the signature lets the receiver refuse a
// delivery older (or newer) than MaxSkew, so a captured request cannot be
// replayed later; within the window a replay is harmless, because items
// are idempotent by (channel, platform_id). The body is one item, an array
// of items, or {"items": [...]}, in the ingest API's JSON shape; the
// channel of every item is the webhook's own, whatever the body says.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Headers and limits.
const (
	SignatureHeader = "X-Stormwatch-Signature"
	TimestampHeader = "X-Stormwatch-Timestamp"
	// MaxSkew is how far a delivery's timestamp may be from now.
	MaxSkew = 5 * time.Minute
	// DefaultMaxBody caps a delivery.
	DefaultMaxBody = 1 << 20
)

// Signature errors; the handler logs them, the sender gets 401.
var (
	ErrNoSignature  = errors.New("webhook: missing " + SignatureHeader)
	ErrBadSignature = errors.New("webhook: signature does not match the body")
	ErrMalformedSig = errors.New("webhook: signature is not sha256=<64 hex digits>")
	ErrTimestamp    = errors.New("webhook: missing or malformed " + TimestampHeader)
	ErrStale        = errors.New("webhook: timestamp is more than 5 minutes from now (replayed or clock wrong)")
)

// Sign returns the signature header value for body sent at ts.
func Sign(secret []byte, ts int64, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// ParseSignature reads "sha256=<64 hex>" into the 32-byte MAC.
func ParseSignature(header string) ([]byte, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return nil, ErrNoSignature
	}
	hexPart, ok := strings.CutPrefix(header, "sha256=")
	if !ok || len(hexPart) != 64 {
		return nil, ErrMalformedSig
	}
	mac, err := hex.DecodeString(hexPart)
	if err != nil {
		return nil, ErrMalformedSig
	}
	return mac, nil
}

// ParseTimestamp reads Unix seconds.
func ParseTimestamp(header string) (time.Time, error) {
	header = strings.TrimSpace(header)
	if header == "" || len(header) > 12 {
		return time.Time{}, ErrTimestamp
	}
	n, err := strconv.ParseInt(header, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, ErrTimestamp
	}
	return time.Unix(n, 0), nil
}

// Verify checks a delivery's timestamp window and signature, comparing
// MACs in constant time. It never parses the body.
func Verify(secret []byte, sigHeader, tsHeader string, body []byte, now time.Time) error {
	if len(secret) == 0 {
		return errors.New("webhook: the channel has no secret")
	}
	mac, err := ParseSignature(sigHeader)
	if err != nil {
		return err
	}
	ts, err := ParseTimestamp(tsHeader)
	if err != nil {
		return err
	}
	if d := now.Sub(ts); d > MaxSkew || d < -MaxSkew {
		return ErrStale
	}
	want, _ := ParseSignature(Sign(secret, ts.Unix(), body))
	if !hmac.Equal(mac, want) {
		return ErrBadSignature
	}
	return nil
}

// ErrPayload marks a body that is not one item, an array of items or
// {"items": [...]}; the error lists what is wrong.
var ErrPayload = errors.New("webhook: malformed payload")

// ParseItems reads a delivery into items of channel. Each item's Raw is
// its element of the body, verbatim. It never panics.
func ParseItems(body []byte, channel string) ([]ingest.Item, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, fmt.Errorf("%w: empty body", ErrPayload)
	}
	var elems []json.RawMessage
	switch body[0] {
	case '[':
		if err := json.Unmarshal(body, &elems); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrPayload, err)
		}
	case '{':
		var env struct {
			Items *[]json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(body, &env); err == nil && env.Items != nil {
			elems = *env.Items
		} else {
			elems = []json.RawMessage{body}
		}
	default:
		return nil, fmt.Errorf("%w: want a JSON object or array", ErrPayload)
	}
	if len(elems) == 0 {
		return nil, fmt.Errorf("%w: no items", ErrPayload)
	}
	if len(elems) > ingest.MaxBatch {
		return nil, fmt.Errorf("%w: %d items, over the limit of %d", ErrPayload, len(elems), ingest.MaxBatch)
	}
	items := make([]ingest.Item, 0, len(elems))
	var problems []string
	seen := map[string]bool{}
	for i, el := range elems {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(el, &obj); err != nil || obj == nil {
			problems = append(problems, fmt.Sprintf("item %d: not a JSON object", i))
			continue
		}
		// The channel is the webhook's: the signature vouches for this
		// sender on this channel only.
		obj["channel"], _ = json.Marshal(channel)
		fixed, _ := json.Marshal(obj)
		it, errs := ingest.DecodeItem(fixed, i)
		for _, e := range errs {
			problems = append(problems, e.Error())
		}
		if len(errs) > 0 {
			continue
		}
		if seen[it.PlatformID] {
			problems = append(problems, fmt.Sprintf("item %d: platform_id %q repeated in the batch", i, it.PlatformID))
			continue
		}
		seen[it.PlatformID] = true
		it.Raw = append(json.RawMessage(nil), bytes.TrimSpace(el)...)
		items = append(items, it)
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		return nil, fmt.Errorf("%w: %s", ErrPayload, strings.Join(problems, "; "))
	}
	return items, nil
}

// Sink stores items durably; nil only once they are stored.
type Sink func(ctx context.Context, items []ingest.Item) error

// Handler receives deliveries for one channel.
type Handler struct {
	Secret  []byte
	Channel string
	Sink    Sink
	MaxBody int64 // default DefaultMaxBody
	Log     *slog.Logger
	Now     func() time.Time
}

// ServeHTTP verifies, parses and stores one delivery. It answers 200 only
// after the items are stored; 401 for a bad or stale signature, 400 for
// a malformed body, 413 when too large, 503 when storing failed (the
// sender should retry).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log := h.Log
	if log == nil {
		log = slog.Default()
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	limit := h.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			log.Warn("webhook: delivery too large", "channel", h.Channel, "limit", limit)
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	now := time.Now()
	if h.Now != nil {
		now = h.Now()
	}
	if err := Verify(h.Secret, r.Header.Get(SignatureHeader), r.Header.Get(TimestampHeader), body, now); err != nil {
		log.Warn("webhook: delivery rejected", "channel", h.Channel, "reason", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid or stale signature", http.StatusUnauthorized)
		return
	}
	items, err := ParseItems(body, h.Channel)
	if err != nil {
		log.Warn("webhook: delivery rejected", "channel", h.Channel, "reason", err, "bytes", len(body))
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.Sink(r.Context(), items); err != nil {
		log.Error("webhook: storing delivery failed; the sender should retry", "channel", h.Channel, "items", len(items), "err", err)
		http.Error(w, "not stored, retry later", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"received\":%d}\n", len(items))
}
