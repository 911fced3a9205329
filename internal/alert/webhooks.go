package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Slack posts to a Slack incoming webhook: a text fallback (shown in
// notifications) and Block Kit blocks.
type Slack struct {
	WebhookURL string
	Client     *http.Client
}

// Slack's documented limits: header text 150 characters, section text
// 3000, at most 10 fields of 2000 each.
const (
	slackHeaderMax = 150
	slackTextMax   = 3000
	slackFieldsMax = 10
	slackFieldMax  = 2000
)

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type slackBlock struct {
	Type     string      `json:"type"`
	Text     *slackText  `json:"text,omitempty"`
	Fields   []slackText `json:"fields,omitempty"`
	Elements []any       `json:"elements,omitempty"`
}

// slackEscape escapes the three characters Slack's mrkdwn reserves.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// SlackPayload is the webhook body for m.
func SlackPayload(m Message) map[string]any {
	blocks := []slackBlock{{Type: "header", Text: &slackText{"plain_text", truncate(m.subject(), slackHeaderMax)}}}
	if m.Alert.Summary != "" {
		blocks = append(blocks, slackBlock{Type: "section", Text: &slackText{"mrkdwn", truncate(slackEscape(m.Alert.Summary), slackTextMax)}})
	}
	var fields []slackText
	var moved []string
	for _, f := range m.facts() {
		if f.Title == "What moved" {
			moved = append(moved, "• "+slackEscape(f.Value))
			continue
		}
		if len(fields) < slackFieldsMax {
			fields = append(fields, slackText{"mrkdwn", truncate("*"+f.Title+"*\n"+slackEscape(f.Value), slackFieldMax)})
		}
	}
	if len(moved) > 0 {
		blocks = append(blocks, slackBlock{Type: "section", Text: &slackText{"mrkdwn", truncate("*What moved*\n"+strings.Join(moved, "\n"), slackTextMax)}})
	}
	blocks = append(blocks, slackBlock{Type: "section", Fields: fields})
	if m.Link != "" {
		blocks = append(blocks, slackBlock{Type: "actions", Elements: []any{map[string]any{
			"type": "button", "style": "primary", "url": m.Link,
			"text": slackText{"plain_text", "Open and acknowledge"},
		}}})
	}
	return map[string]any{"text": truncate(m.subject(), slackTextMax), "blocks": blocks}
}

// Notify posts m.
func (s *Slack) Notify(ctx context.Context, m Message) error {
	if s.WebhookURL == "" {
		return &DeliveryError{Err: errors.New("no Slack webhook configured")}
	}
	body, err := json.Marshal(SlackPayload(m))
	if err != nil {
		return &DeliveryError{Err: fmt.Errorf("slack payload: %w", err)}
	}
	return send(ctx, clientOr(s.Client), http.MethodPost, s.WebhookURL, nil, body)
}

// Teams posts an Adaptive Card to a Microsoft Teams incoming webhook (or a
// Workflows "post to a channel when a webhook request is received" URL,
// which takes the same envelope).
type Teams struct {
	WebhookURL string
	Client     *http.Client
}

// TeamsPayload is the webhook body for m: a message with one Adaptive Card
// attachment.
func TeamsPayload(m Message) map[string]any {
	color := "Warning"
	if m.Alert.Severity == "critical" {
		color = "Attention"
	}
	body := []any{
		map[string]any{"type": "TextBlock", "text": m.subject(), "weight": "Bolder", "size": "Medium", "color": color, "wrap": true},
	}
	if m.Alert.Summary != "" {
		body = append(body, map[string]any{"type": "TextBlock", "text": m.Alert.Summary, "wrap": true})
	}
	var facts []map[string]string
	for _, f := range m.facts() {
		facts = append(facts, map[string]string{"title": f.Title, "value": f.Value})
	}
	body = append(body, map[string]any{"type": "FactSet", "facts": facts})
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"type":    "AdaptiveCard",
		"version": "1.4",
		"body":    body,
	}
	if m.Link != "" {
		card["actions"] = []any{map[string]any{"type": "Action.OpenUrl", "title": "Open and acknowledge", "url": m.Link}}
	}
	return map[string]any{
		"type": "message",
		"attachments": []any{map[string]any{
			"contentType": "application/vnd.microsoft.card.adaptive",
			"contentUrl":  nil,
			"content":     card,
		}},
	}
}

// Notify posts m.
func (t *Teams) Notify(ctx context.Context, m Message) error {
	if t.WebhookURL == "" {
		return &DeliveryError{Err: errors.New("no Teams webhook configured")}
	}
	body, err := json.Marshal(TeamsPayload(m))
	if err != nil {
		return &DeliveryError{Err: fmt.Errorf("teams payload: %w", err)}
	}
	return send(ctx, clientOr(t.Client), http.MethodPost, t.WebhookURL, nil, body)
}

// Matrix sends an m.room.message through the client-server API as the
// configured (bot) account. A route to a room sends there; a route to a
// user mentions them in DefaultRoom.
type Matrix struct {
	Homeserver  string // e.g. https://matrix.example.org
	Token       string // access token (secret)
	DefaultRoom string // !room:server where users are mentioned
	Client      *http.Client
}

// MatrixPayload is the m.room.message content for m.
func MatrixPayload(m Message) map[string]any {
	text := m.text()
	var h strings.Builder
	content := map[string]any{"msgtype": "m.text", "format": "org.matrix.custom.html"}
	if m.Route.Kind == "matrix" && strings.HasPrefix(m.Route.Target, "@") {
		user := m.Route.Target
		// A pill plus m.mentions: the user is pinged even in a busy room.
		fmt.Fprintf(&h, `<a href="https://matrix.to/#/%s">%s</a> `, html.EscapeString(user), html.EscapeString(user))
		text = user + " " + text
		content["m.mentions"] = map[string]any{"user_ids": []string{user}}
	}
	fmt.Fprintf(&h, "<p><strong>%s</strong></p>", html.EscapeString(m.subject()))
	if m.Alert.Summary != "" {
		fmt.Fprintf(&h, "<p>%s</p>", html.EscapeString(m.Alert.Summary))
	}
	h.WriteString("<ul>")
	for _, f := range m.facts() {
		fmt.Fprintf(&h, "<li><strong>%s</strong>: %s</li>", html.EscapeString(f.Title), html.EscapeString(f.Value))
	}
	h.WriteString("</ul>")
	if m.Link != "" {
		fmt.Fprintf(&h, `<p><a href="%s">Open and acknowledge</a></p>`, html.EscapeString(m.Link))
	}
	content["body"] = text
	content["formatted_body"] = h.String()
	return content
}

// Notify sends m. The transaction id is the message's key, so a retry
// after a lost response is not shown twice: the homeserver deduplicates.
func (x *Matrix) Notify(ctx context.Context, m Message) error {
	room := x.DefaultRoom
	if strings.HasPrefix(m.Route.Target, "!") {
		room = m.Route.Target
	}
	if x.Homeserver == "" || x.Token == "" || room == "" {
		return &DeliveryError{Err: errors.New("Matrix homeserver, token or room not configured")}
	}
	body, err := json.Marshal(MatrixPayload(m))
	if err != nil {
		return &DeliveryError{Err: fmt.Errorf("matrix payload: %w", err)}
	}
	target := strings.TrimRight(x.Homeserver, "/") + "/_matrix/client/v3/rooms/" + url.PathEscape(room) +
		"/send/m.room.message/" + url.PathEscape(m.Key())
	err = send(ctx, clientOr(x.Client), http.MethodPut, target, http.Header{"Authorization": {"Bearer " + x.Token}}, body)
	var de *DeliveryError
	if errors.As(err, &de) && de.Code == http.StatusTooManyRequests && de.RetryAfter == 0 {
		de.RetryAfter = matrixRetryAfter(de.Err.Error())
	}
	return err
}

// matrixRetryAfter reads retry_after_ms from an M_LIMIT_EXCEEDED answer
// (older homeservers send it in the body rather than as a header).
func matrixRetryAfter(msg string) time.Duration {
	i := strings.Index(msg, "{")
	if i < 0 {
		return 0
	}
	var v struct {
		RetryAfterMS int64 `json:"retry_after_ms"`
	}
	if json.Unmarshal([]byte(msg[i:]), &v) != nil || v.RetryAfterMS <= 0 {
		return 0
	}
	return time.Duration(v.RetryAfterMS) * time.Millisecond
}

// clientOr is the given client or one with a short timeout: a webhook
// that hangs must not hold a delivery worker.
func clientOr(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 15 * time.Second}
}
