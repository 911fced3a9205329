package alert_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// clock is a fake time source the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type rig struct {
	st     *sqlite.Store
	hooks  *hooks
	smtp   *smtpServer
	clock  *clock
	esc    *alert.Escalator
	disp   *alert.Dispatcher
	sleeps []time.Duration
	mu     sync.Mutex
}

// friday 17:30 in Paris: seed 000's storm began on a Friday evening.
var friday = time.Date(2026, 11, 20, 17, 30, 0, 0, time.UTC)

func newRig(t *testing.T, rota string) *rig {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "vet", Name: "Clinique vétérinaire"}, "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := alert.ParseRota([]byte(rota)); err != nil {
		t.Fatalf("test rota: %v", err)
	}
	if err := st.SetRota(ctx, "vet", []byte(rota), "user:1"); err != nil {
		t.Fatal(err)
	}
	r := &rig{st: st, hooks: newHooks(t), smtp: newSMTP(t, "stormwatch", "s3cret"), clock: &clock{t: friday}}
	cfg := alert.Config{
		SlackWebhookURL: r.hooks.srv.URL + "/slack", TeamsWebhookURL: r.hooks.srv.URL + "/teams",
		MatrixHomeserver: r.hooks.srv.URL, MatrixToken: "syt_token", MatrixRoom: "!oncall:example.org",
		SMTPAddr: r.smtp.addr, SMTPFrom: "alerts@clinic.example", SMTPUsername: "stormwatch", SMTPPassword: "s3cret",
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r.disp = &alert.Dispatcher{Store: st, Notifiers: cfg.Notifiers(nil), Now: r.clock.Now, Log: log, Timeout: 5 * time.Second,
		Sleep: func(ctx context.Context, d time.Duration) error {
			r.mu.Lock()
			r.sleeps = append(r.sleeps, d)
			r.mu.Unlock()
			return nil
		}}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { r.disp.Run(runCtx, 4); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	r.esc = &alert.Escalator{Store: st, Dispatch: r.disp, Now: r.clock.Now, BaseURL: "https://sw.clinic.example", Log: log}
	return r
}

const twoLevels = `{"timezone": "Europe/Paris", "levels": [
  {"name": "community team", "ack_within": "15m", "people": [
    {"name": "Ana", "when": "always", "routes": ["email:ana@clinic.example", "matrix:@ana:example.org", "slack", "teams"]}]},
  {"name": "crisis lead", "ack_within": "30m", "people": [
    {"name": "Bo", "when": "always", "routes": ["email:bo@clinic.example", "matrix:!crisis:example.org"]}]}]}`

func storm(key string) store.NewAlert {
	return store.NewAlert{Kind: store.AlertStorm, Severity: store.AlertCritical, Title: "Volume ×6 on facebook:page",
		Summary: "Comments about the clinic's fees are piling up.", DedupeKey: key, ExampleItemIDs: []int64{41, 42},
		Metrics: []store.AlertMetric{{Name: "volume", Channel: "facebook:page", Window: "15m", Observed: 120, Baseline: 20, Factor: 6},
			{Name: "negative_share", Channel: "facebook:page", Window: "15m", Observed: 0.7, Baseline: 0.1, Factor: 7}}}
}

func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

func auditKinds(t *testing.T, st store.Store) []string {
	var out []string
	st.WalkAudit(context.Background(), func(e audit.Event) error {
		if strings.HasPrefix(e.Kind, "alert.") && !strings.HasPrefix(e.Kind, "alert.delivery") {
			out = append(out, e.Kind)
		}
		return nil
	})
	return out
}

// TestAlertToNotification is the must-show: an alert reaches Slack, Teams
// and Matrix over HTTP and a mailbox over SMTP, all on 127.0.0.1; raising
// the same storm again notifies nobody; unacknowledged, it escalates to
// the second level after the timeout.
func TestAlertToNotification(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, twoLevels)
	a, err := r.esc.Raise(ctx, "vet", "listen", storm("storm:facebook:page"))
	if err != nil {
		t.Fatal(err)
	}
	r.disp.Wait()

	// Slack: text fallback plus Block Kit blocks.
	slack := r.hooks.received("slack")
	if len(slack) != 1 {
		t.Fatalf("slack got %d posts, want 1", len(slack))
	}
	if txt, _ := slack[0]["text"].(string); txt != "[CRITICAL] Volume ×6 on facebook:page" {
		t.Errorf("slack text = %q", txt)
	}
	if get(slack[0], "blocks", 0, "type") != "header" || get(slack[0], "blocks", 0, "text", "type") != "plain_text" {
		t.Errorf("slack first block = %v", get(slack[0], "blocks", 0))
	}
	var sawMoved, sawButton bool
	for _, b := range slack[0]["blocks"].([]any) {
		txt, _ := get(b, "text", "text").(string)
		if strings.Contains(txt, "volume on facebook:page (15m): 120 against a baseline of 20 (×6.0)") {
			sawMoved = true
		}
		if get(b, "type") == "actions" && get(b, "elements", 0, "url") == fmt.Sprintf("https://sw.clinic.example/w/vet/alerts/%d", a.ID) {
			sawButton = true
		}
	}
	if !sawMoved || !sawButton {
		t.Errorf("slack blocks lack what moved (%v) or the acknowledge button (%v): %v", sawMoved, sawButton, slack[0]["blocks"])
	}

	// Teams: the message envelope with one Adaptive Card attachment.
	teams := r.hooks.received("teams")
	if len(teams) != 1 {
		t.Fatalf("teams got %d posts, want 1", len(teams))
	}
	if get(teams[0], "type") != "message" || get(teams[0], "attachments", 0, "contentType") != "application/vnd.microsoft.card.adaptive" ||
		get(teams[0], "attachments", 0, "content", "type") != "AdaptiveCard" || get(teams[0], "attachments", 0, "content", "version") != "1.4" {
		t.Errorf("teams envelope = %v", teams[0])
	}
	if get(teams[0], "attachments", 0, "content", "body", 1, "type") != "TextBlock" ||
		get(teams[0], "attachments", 0, "content", "body", 2, "type") != "FactSet" ||
		get(teams[0], "attachments", 0, "content", "body", 2, "facts", 0, "title") != "Severity" ||
		get(teams[0], "attachments", 0, "content", "actions", 0, "type") != "Action.OpenUrl" {
		t.Errorf("teams card = %v", get(teams[0], "attachments", 0, "content"))
	}

	// Matrix: m.text with HTML, the user mentioned in the on-call room,
	// under a bearer token.
	mx := r.hooks.received("matrix")
	if len(mx) != 1 {
		t.Fatalf("matrix got %d events, want 1", len(mx))
	}
	if mx[0]["_room"] != "%21oncall:example.org" && mx[0]["_room"] != "!oncall:example.org" {
		t.Errorf("matrix room = %v", mx[0]["_room"])
	}
	body, _ := mx[0]["body"].(string)
	html, _ := mx[0]["formatted_body"].(string)
	if mx[0]["msgtype"] != "m.text" || mx[0]["format"] != "org.matrix.custom.html" || !strings.HasPrefix(body, "@ana:example.org [CRITICAL]") ||
		!strings.Contains(html, `<a href="https://matrix.to/#/@ana:example.org">`) || !strings.Contains(html, "<li><strong>What moved</strong>") ||
		get(mx[0], "m.mentions", "user_ids", 0) != "@ana:example.org" {
		t.Errorf("matrix event = %v", mx[0])
	}
	if r.hooks.auth[0] != "Bearer syt_token" {
		t.Errorf("matrix Authorization = %q", r.hooks.auth[0])
	}

	// E-mail: AUTH PLAIN, envelope, headers, quoted-printable UTF-8 body.
	mails := r.smtp.received()
	if len(mails) != 1 {
		t.Fatalf("smtp got %d messages, want 1", len(mails))
	}
	m := mails[0]
	if m.AuthAs != "stormwatch" || m.From != "alerts@clinic.example" || fmt.Sprint(m.To) != "[ana@clinic.example]" {
		t.Errorf("smtp envelope = auth %q from %q to %v", m.AuthAs, m.From, m.To)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Msg.Header.Get("Subject"))
	if err != nil || subj != "[CRITICAL] Volume ×6 on facebook:page" {
		t.Errorf("Subject = %q, %v", subj, err)
	}
	if id := m.Msg.Header.Get("Message-ID"); !strings.HasPrefix(id, fmt.Sprintf("<sw-alert-%d-l0-", a.ID)) || !strings.HasSuffix(id, ">") {
		t.Errorf("Message-ID = %q", id)
	}
	if _, err := m.Msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if m.Msg.Header.Get("To") != "<ana@clinic.example>" || !strings.Contains(m.Msg.Header.Get("From"), "<alerts@clinic.example>") ||
		m.Msg.Header.Get("Content-Transfer-Encoding") != "quoted-printable" || m.Msg.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("headers = %v", m.Msg.Header)
	}
	text, _ := io.ReadAll(quotedprintable.NewReader(strings.NewReader(m.Body)))
	for _, want := range []string{
		"Comments about the clinic's fees are piling up.",
		"Severity: CRITICAL",
		"What moved: volume on facebook:page (15m): 120 against a baseline of 20 (×6.0)",
		"What moved: negative_share on facebook:page (15m): 0.7 against a baseline of 0.1 (×7.0)",
		"Examples: https://sw.clinic.example/w/vet/items/41 https://sw.clinic.example/w/vet/items/42",
		fmt.Sprintf("Acknowledge: https://sw.clinic.example/w/vet/alerts/%d", a.ID),
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("e-mail body lacks %q:\n%s", want, text)
		}
	}

	// The same storm, raised again by the detector: one alert, no new posts.
	for range 5 {
		r.clock.Add(time.Minute)
		b, err := r.esc.Raise(ctx, "vet", "listen", storm("storm:facebook:page"))
		if err != nil || b.ID != a.ID {
			t.Fatalf("repeat raise = %d, %v; want alert %d", b.ID, err, a.ID)
		}
	}
	r.disp.Wait()
	if n := len(r.hooks.received("slack")) + len(r.smtp.received()); n != 2 {
		t.Errorf("after repeats: %d notifications, want the first 2 only", n)
	}

	// Nobody acknowledges. Before the 15 minutes are up, nothing happens;
	// after, the crisis lead is reached.
	r.clock.Add(5 * time.Minute) // 10 minutes after the alert
	if err := r.esc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	r.disp.Wait()
	if len(r.smtp.received()) != 1 {
		t.Fatalf("escalated before the timeout")
	}
	r.clock.Add(6 * time.Minute)
	if err := r.esc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	r.disp.Wait()
	mails = r.smtp.received()
	if len(mails) != 2 || fmt.Sprint(mails[1].To) != "[bo@clinic.example]" {
		t.Fatalf("after timeout: mails to %v, want one to bo", mails)
	}
	if subj, _ := new(mime.WordDecoder).DecodeHeader(mails[1].Msg.Header.Get("Subject")); !strings.HasPrefix(subj, "Escalated [CRITICAL]") {
		t.Errorf("escalation subject = %q", subj)
	}
	mx = r.hooks.received("matrix")
	if len(mx) != 2 || (mx[1]["_room"] != "%21crisis:example.org" && mx[1]["_room"] != "!crisis:example.org") {
		t.Errorf("escalation to the crisis room: %v", mx)
	}
	got, _ := r.st.Alert(ctx, "vet", a.ID)
	if got.EscalationLevel != 1 || got.Occurrences != 6 {
		t.Errorf("alert after escalation = level %d, %d occurrences", got.EscalationLevel, got.Occurrences)
	}

	// Bo acknowledges: no reminder at the last level afterwards.
	r.clock.Add(2 * time.Minute)
	if _, err := r.esc.Acknowledge(ctx, "vet", a.ID, "user:2"); err != nil {
		t.Fatal(err)
	}
	r.clock.Add(2 * time.Hour)
	if err := r.esc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	r.disp.Wait()
	if len(r.smtp.received()) != 2 {
		t.Errorf("notified after acknowledgement")
	}
	want := []string{"alert.rota_changed", "alert.opened", "alert.repeated", "alert.repeated", "alert.repeated", "alert.repeated", "alert.repeated", "alert.escalated", "alert.acknowledged"}
	if got := auditKinds(t, r.st); !slices.Equal(got, want) {
		t.Errorf("audit = %v\nwant    %v", got, want)
	}
	ds, _ := r.st.AlertDeliveries(ctx, "vet", a.ID)
	var sent []string
	for _, d := range ds {
		if d.Status == store.DeliverySent {
			sent = append(sent, fmt.Sprintf("l%d %s", d.Level, d.Route))
		}
	}
	slices.Sort(sent)
	wantSent := []string{"l0 email:ana@clinic.example", "l0 matrix:@ana:example.org", "l0 slack", "l0 teams", "l1 email:bo@clinic.example", "l1 matrix:!crisis:example.org"}
	if !slices.Equal(sent, wantSent) {
		t.Errorf("deliveries sent = %v\nwant %v", sent, wantSent)
	}
}

// TestAcknowledgementStopsEscalation: the first level acknowledges in
// time; the second level is never disturbed.
func TestAcknowledgementStopsEscalation(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, twoLevels)
	a, err := r.esc.Raise(ctx, "vet", "listen", storm("storm:instagram"))
	if err != nil {
		t.Fatal(err)
	}
	r.disp.Wait()
	r.clock.Add(4 * time.Minute)
	if _, err := r.esc.Acknowledge(ctx, "vet", a.ID, "user:1"); err != nil {
		t.Fatal(err)
	}
	for range 6 {
		r.clock.Add(10 * time.Minute)
		if err := r.esc.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	r.disp.Wait()
	for _, m := range r.smtp.received() {
		if m.To[0] != "ana@clinic.example" {
			t.Errorf("mail to %v after acknowledgement", m.To)
		}
	}
	if got, _ := r.st.Alert(ctx, "vet", a.ID); got.EscalationLevel != 0 || got.AckedBy != "user:1" {
		t.Errorf("alert = %+v", got)
	}
	if got := auditKinds(t, r.st); slices.Contains(got, "alert.escalated") {
		t.Errorf("audit shows an escalation: %v", got)
	}
}

// TestWeekendGoesToWhoIsOnCall: the weekday team is off on Saturday
// night, so the alert goes straight to the weekend level, audited.
func TestWeekendGoesToWhoIsOnCall(t *testing.T) {
	ctx := context.Background()
	rota := `{"timezone": "Europe/Paris", "levels": [
	  {"name": "office", "people": [{"name": "Ana", "when": "weekdays 08:00-18:00", "routes": ["email:ana@clinic.example"]}]},
	  {"name": "weekend", "people": [{"name": "Cy", "when": "weekends; fri 18:00-24:00", "routes": ["email:cy@clinic.example"]}]},
	  {"name": "director", "people": [{"name": "Di", "when": "always", "routes": ["email:di@clinic.example"]}]}]}`
	tests := []struct {
		name  string
		at    time.Time
		to    string
		level int
	}{
		{"friday afternoon", time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC), "ana@clinic.example", 0},
		{"friday evening", time.Date(2026, 11, 20, 19, 0, 0, 0, time.UTC), "cy@clinic.example", 1},
		{"saturday night", time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC), "cy@clinic.example", 1},
		{"monday 7:00 in Paris", time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC), "di@clinic.example", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, rota)
			r.clock.t = tt.at
			a, err := r.esc.Raise(ctx, "vet", "listen", storm("k"))
			if err != nil {
				t.Fatal(err)
			}
			r.disp.Wait()
			mails := r.smtp.received()
			if len(mails) != 1 || mails[0].To[0] != tt.to {
				t.Fatalf("mails = %v, want one to %s", mails, tt.to)
			}
			if got, _ := r.st.Alert(ctx, "vet", a.ID); got.EscalationLevel != tt.level {
				t.Errorf("level = %d, want %d", got.EscalationLevel, tt.level)
			}
		})
	}
}

// TestRetriesDeliverOnce: 500 then 429 (Retry-After honoured), then the
// post goes through: one post in the end, every attempt recorded. For
// Matrix the first answer is lost after the event was stored; the retry
// reuses the transaction id, so the room shows it once.
func TestRetriesDeliverOnce(t *testing.T) {
	ctx := context.Background()
	rota := `{"levels": [{"name": "all", "people": [{"name": "Ana", "routes": ["slack", "matrix:!room:example.org", "teams"]}]}]}`
	r := newRig(t, rota)
	r.hooks.fail["slack"] = []failure{{code: 500}, {code: 429, retryAfter: "7"}}
	r.hooks.fail["matrix"] = []failure{{code: 502, stored: true}}
	r.hooks.fail["teams"] = []failure{{code: 404}} // a deleted webhook: no point retrying
	a, err := r.esc.Raise(ctx, "vet", "listen", storm("k"))
	if err != nil {
		t.Fatal(err)
	}
	r.disp.Wait()
	if n := len(r.hooks.received("slack")); n != 1 {
		t.Errorf("slack posts = %d, want 1", n)
	}
	if n := len(r.hooks.received("matrix")); n != 1 {
		t.Errorf("matrix events = %d, want 1", n)
	}
	var puts []string
	for _, q := range r.hooks.reqs {
		if strings.HasPrefix(q, "PUT ") {
			puts = append(puts, q)
		}
	}
	if len(puts) != 2 || puts[0] != puts[1] {
		t.Errorf("matrix retries must reuse the txn id: %v", puts)
	}
	ds, _ := r.st.AlertDeliveries(ctx, "vet", a.ID)
	byRoute := map[string][]string{}
	for _, d := range ds {
		byRoute[d.Route] = append(byRoute[d.Route], fmt.Sprintf("%d:%s:%d", d.Attempt, d.Status, d.HTTPStatus))
	}
	wants := map[string]string{
		"slack":                    "[1:retry:500 2:retry:429 3:sent:0]",
		"matrix:!room:example.org": "[1:retry:502 2:sent:0]",
		"teams":                    "[1:failed:404]",
	}
	for route, want := range wants {
		if got := fmt.Sprint(byRoute[route]); got != want {
			t.Errorf("%s attempts = %s, want %s", route, got, want)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	slices.Sort(r.sleeps)
	// Backoff 2s for the 500s, Retry-After 7s for the 429.
	if fmt.Sprint(r.sleeps) != "[2s 2s 7s]" {
		t.Errorf("waits = %v, want [2s 2s 7s]", r.sleeps)
	}
}

// TestNoRotaIsRecorded: without a rota nobody can be reached; that is
// written down rather than lost.
func TestNoRotaIsRecorded(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, twoLevels)
	if err := r.st.CreateWorkspace(ctx, store.Workspace{ID: "shelter", Name: "Shelter"}, "system"); err != nil {
		t.Fatal(err)
	}
	a, err := r.esc.Raise(ctx, "shelter", "connector", store.NewAlert{Kind: store.AlertChannelFailing, Title: "facebook:page keeps failing", DedupeKey: "chan:fb"})
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := r.st.AlertDeliveries(ctx, "shelter", a.ID)
	if len(ds) != 1 || ds[0].Status != store.DeliveryFailed || !strings.Contains(ds[0].Error, "no usable on-call rota") {
		t.Errorf("deliveries = %+v", ds)
	}
}
