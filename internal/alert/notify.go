// Package alert delivers Stormwatch's early warnings to the people on call
// and escalates them when nobody acknowledges in time.
//
// An alert (a storm or campaign from listening, a silent or failing
// channel from a connector) is raised through Escalator.Raise: it is stored
// once per condition (the store dedupes by key), and the first level of the
// workspace's rota who are on call now are notified over their routes:
// Slack or Microsoft Teams incoming webhooks, Matrix, or e-mail over SMTP.
// Deliveries run in the background with retries (a storm must not wait on
// a slow webhook) and every attempt is recorded and audited. A ticker
// drives Escalator.Tick, which notifies the next level when the current one
// did not acknowledge within its timeout.
package alert

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Message is one notification: an alert for one route at one level.
type Message struct {
	Alert      store.Alert
	Level      int    // 0-based rota level
	LevelName  string // as in the rota
	Recipients []string
	Route      Route
	// Link opens the alert in the desk; empty when no base URL is set.
	Link string
	// ItemLink makes a link to an example item; nil when no base URL is set.
	ItemLink func(id int64) string
}

// Key identifies this notification across retries, so that a receiver
// that can deduplicate (Matrix transaction ids, e-mail Message-IDs) shows
// it once. A reminder or a later level is a new notification.
func (m Message) Key() string {
	h := sha256.Sum256([]byte(m.Route.String() + "\x00" + strconv.FormatInt(m.Alert.LevelSince.UnixMicro(), 10)))
	return fmt.Sprintf("sw-alert-%d-l%d-%s", m.Alert.ID, m.Level, hex.EncodeToString(h[:6]))
}

// Notifier delivers messages over one kind of route.
type Notifier interface {
	// Notify makes one attempt; a *DeliveryError says whether to retry.
	Notify(ctx context.Context, m Message) error
}

// DeliveryError is a failed attempt.
type DeliveryError struct {
	Code       int           // HTTP status or SMTP reply code; 0 for network errors
	Temporary  bool          // worth retrying
	RetryAfter time.Duration // the receiver's wish, when it said one
	Err        error
}

func (e *DeliveryError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("%d: %v", e.Code, e.Err)
	}
	return e.Err.Error()
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// Severity label and a short sign, for channels without colour.
func severityLabel(s store.AlertSeverity) string {
	switch s {
	case store.AlertCritical:
		return "CRITICAL"
	case store.AlertWarning:
		return "WARNING"
	}
	return strings.ToUpper(string(s))
}

// metricLine says what moved, by how much, against what baseline.
func metricLine(mt store.AlertMetric) string {
	var b strings.Builder
	b.WriteString(mt.Name)
	var where []string
	if mt.Channel != "" {
		where = append(where, mt.Channel)
	}
	if mt.Topic != "" {
		where = append(where, "topic "+mt.Topic)
	}
	if len(where) > 0 {
		b.WriteString(" on " + strings.Join(where, ", "))
	}
	if mt.Window != "" {
		b.WriteString(" (" + mt.Window + ")")
	}
	fmt.Fprintf(&b, ": %s against a baseline of %s", num(mt.Observed), num(mt.Baseline))
	if mt.Factor != 0 {
		fmt.Fprintf(&b, " (×%.1f)", mt.Factor)
	}
	return b.String()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// fact is a labelled line of a notification.
type fact struct{ Title, Value string }

// facts are the alert's structured facts, in the order every channel shows them.
func (m Message) facts() []fact {
	a := m.Alert
	fs := []fact{
		{"Severity", severityLabel(a.Severity)},
		{"Kind", string(a.Kind)},
		{"Workspace", a.Workspace},
		{"Since", a.CreatedAt.UTC().Format("Mon 2 Jan 15:04 MST")},
	}
	if a.Occurrences > 1 {
		fs = append(fs, fact{"Occurrences", strconv.Itoa(a.Occurrences)})
	}
	level := fmt.Sprintf("level %d", m.Level+1)
	if m.LevelName != "" {
		level += " (" + m.LevelName + ")"
	}
	if m.Level > 0 {
		level += ", escalated: not acknowledged in time"
	}
	fs = append(fs, fact{"On call", level})
	for _, mt := range a.Metrics {
		fs = append(fs, fact{"What moved", metricLine(mt)})
	}
	if len(a.ExampleItemIDs) > 0 {
		var ids []string
		for _, id := range a.ExampleItemIDs {
			if m.ItemLink != nil {
				ids = append(ids, m.ItemLink(id))
			} else {
				ids = append(ids, "#"+strconv.FormatInt(id, 10))
			}
		}
		fs = append(fs, fact{"Examples", strings.Join(ids, " ")})
	}
	return fs
}

// subject is the one-line summary: severity and title.
func (m Message) subject() string {
	s := fmt.Sprintf("[%s] %s", severityLabel(m.Alert.Severity), m.Alert.Title)
	if m.Level > 0 {
		s = "Escalated " + s
	}
	return s
}

// text is the plain-text body shared by e-mail and the channels' fallback.
func (m Message) text() string {
	var b strings.Builder
	b.WriteString(m.subject() + "\n\n")
	if m.Alert.Summary != "" {
		b.WriteString(m.Alert.Summary + "\n\n")
	}
	for _, f := range m.facts() {
		fmt.Fprintf(&b, "%s: %s\n", f.Title, f.Value)
	}
	if m.Link != "" {
		b.WriteString("\nAcknowledge: " + m.Link + "\n")
	}
	return b.String()
}

// maxResponse bounds how much of a receiver's answer is read.
const maxResponse = 16 << 10

// send makes one HTTP request with a JSON body and classifies the answer.
func send(ctx context.Context, client *http.Client, method, target string, header http.Header, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return &DeliveryError{Err: errors.New("bad request URL")} // the URL is a secret: not in the error
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		// url.Error carries the URL, and webhook URLs are secrets.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return &DeliveryError{Temporary: true, Err: err}
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	de := &DeliveryError{Code: resp.StatusCode, Err: fmt.Errorf("%s: %s", http.StatusText(resp.StatusCode), strings.TrimSpace(string(msg)))}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		de.Temporary = true
		de.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return de
}

// retryAfter reads Retry-After as seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// truncate cuts s to at most n runes, marking the cut.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
