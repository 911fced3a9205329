package meta

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Config configures the webhook endpoint of one Meta app.
type Config struct {
	// VerifyToken is the token typed into the app's webhook settings;
	// Meta sends it back in the subscription handshake.
	VerifyToken string
	// AppSecret signs every delivery (X-Hub-Signature-256).
	AppSecret string
	// Channel names the channel of a Page's or an Instagram account's
	// items; nil uses DefaultChannel. Returning "" drops that account.
	Channel ChannelFunc
	// MaxBody caps a delivery's size; 0 means 1 MiB.
	MaxBody int64
	Log     *slog.Logger
}

// Sink stores a delivery's items durably; it returns nil only once they
// are stored. Items are idempotent by (channel, platform id): the sink may
// receive the same ones again when Meta retries or a delivery is replayed.
type Sink func(ctx context.Context, items []ingest.Item) error

// Webhook is the http.Handler for one Meta app's webhook URL.
type Webhook struct {
	cfg  Config
	sink Sink
}

// NewWebhook returns the handler to mount at the app's callback URL
// (GET for the handshake, POST for deliveries).
func NewWebhook(cfg Config, sink Sink) *Webhook {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Channel == nil {
		cfg.Channel = DefaultChannel
	}
	return &Webhook{cfg: cfg, sink: sink}
}

// ServeHTTP answers the verification handshake and receives deliveries.
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.verify(w, r)
	case http.MethodPost:
		h.receive(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// verify answers GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...
// by echoing the challenge when the token matches.
func (h *Webhook) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	token := q.Get("hub.verify_token")
	if q.Get("hub.mode") != "subscribe" || h.cfg.VerifyToken == "" ||
		subtle.ConstantTimeCompare([]byte(token), []byte(h.cfg.VerifyToken)) != 1 {
		h.cfg.Log.Warn("meta webhook: verification refused", "mode", q.Get("hub.mode"))
		http.Error(w, "verification refused", http.StatusForbidden)
		return
	}
	challenge := q.Get("hub.challenge")
	if challenge == "" {
		http.Error(w, "missing hub.challenge", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	io.WriteString(w, challenge)
}

func (h *Webhook) receive(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.cfg.Log.Warn("meta webhook: delivery too large", "limit", h.cfg.MaxBody)
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		h.cfg.Log.Warn("meta webhook: unreadable body", "err", err)
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	if err := VerifySignature(h.cfg.AppSecret, r.Header.Get("X-Hub-Signature-256"), body); err != nil {
		h.cfg.Log.Warn("meta webhook: delivery rejected", "reason", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	items, skipped, err := Parse(body, h.cfg.Channel)
	if err != nil {
		h.cfg.Log.Warn("meta webhook: delivery rejected", "reason", err, "bytes", len(body))
		http.Error(w, "malformed payload", http.StatusBadRequest)
		return
	}
	for _, s := range skipped {
		h.cfg.Log.Debug("meta webhook: change skipped", "object", s.Object, "field", s.Field, "reason", s.Reason)
	}
	if len(items) > 0 {
		if err := h.sink(r.Context(), items); err != nil {
			// Not acknowledged: Meta delivers again later.
			h.cfg.Log.Error("meta webhook: storing delivery failed; Meta will retry", "items", len(items), "err", err)
			http.Error(w, "not stored", http.StatusServiceUnavailable)
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "EVENT_RECEIVED")
}

// Signature errors.
var (
	ErrNoSignature  = errors.New("meta: missing X-Hub-Signature-256")
	ErrBadSignature = errors.New("meta: signature does not match")
)

// ParseSignature reads an X-Hub-Signature-256 value, "sha256=<64 hex>",
// into the 32-byte MAC.
func ParseSignature(header string) ([]byte, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return nil, ErrNoSignature
	}
	algo, hexMAC, ok := strings.Cut(header, "=")
	if !ok || !strings.EqualFold(algo, "sha256") {
		return nil, fmt.Errorf("%w: not sha256=<hex>", ErrBadSignature)
	}
	if len(hexMAC) != 2*sha256.Size {
		return nil, fmt.Errorf("%w: %d hex digits, want %d", ErrBadSignature, len(hexMAC), 2*sha256.Size)
	}
	mac, err := hex.DecodeString(hexMAC)
	if err != nil {
		return nil, fmt.Errorf("%w: not hex", ErrBadSignature)
	}
	return mac, nil
}

// Sign returns the X-Hub-Signature-256 value Meta sends for body.
func Sign(appSecret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature checks header against the HMAC-SHA256 of the raw body
// under the app secret, in constant time. An empty secret verifies nothing.
func VerifySignature(appSecret, header string, body []byte) error {
	got, err := ParseSignature(header)
	if err != nil {
		return err
	}
	if appSecret == "" {
		return fmt.Errorf("%w: no app secret configured", ErrBadSignature)
	}
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	if !hmac.Equal(got, m.Sum(nil)) {
		return ErrBadSignature
	}
	return nil
}
