package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/config"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/store"
)

// captured is what the capture connector was asked to do, by idempotency
// key: the kind and the params as they reached it.
var captured sync.Map // key -> act.Action

// captureActor is a connector that replies (no notification of its own,
// like Mastodon) and records what it receives.
type captureActor struct{}

func (captureActor) Can(k act.Kind) bool { return k == act.Reply || k == act.Block }
func (captureActor) Deduplicates() bool  { return true }
func (captureActor) Execute(_ context.Context, a act.Action, _ ingest.Item) (string, error) {
	captured.Store(a.IdempotencyKey, a)
	return "status 42", nil
}

func init() {
	channels.Register(channels.Kind{
		Name: "capture_test", Label: "Capture (tests)",
		Capabilities: []source.Capability{source.Reply, source.Block},
		New:          func(channels.Config) (channels.Built, error) { return channels.Built{Actor: captureActor{}}, nil },
	})
}

// renderPolicy has a public rule R1 in English and Dutch.
const renderPolicy = `policy: Render test
version: "render-1"
languages: [en, nl]
rules:
  - id: R1
    title: Harassment
    when: score("harassment") >= 0.6
    actions: [hide]
    public:
      en: "Harassment of our staff is hidden."
      nl: "Intimidatie van ons team wordt verborgen."
templates:
  thanks_policy:
    en: "Thank you {{author}}."
    nl: "Bedankt {{author}}."
`

// TestPolicyRepliesReachConnectorsWithText: a policy's reply or author
// notice names a template; the connector receives the workspace's
// approved text in the item's language (else the workspace's, else any
// approved one; else the policy file's own template), with the rule's
// public wording and its link; without any template, or with a variable nobody can fill, the action
// fails for good and says what to do.
func TestPolicyRepliesReachConnectorsWithText(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.PublicURL = "https://stormwatch.example"
	cfg.CredentialsKey = "t1:" + base64.StdEncoding.EncodeToString(make([]byte, 32))
	a, err := New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), detect.NewEngine(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const ws = "acme"
	if err := a.Store.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: "Acme Care", PolicyYAML: []byte(renderPolicy), PolicyVersion: "render-1"}, "test"); err != nil {
		t.Fatal(err)
	}
	// Published guidelines in English (the organization's language) and Dutch.
	if _, err := a.Store.SavePolicyVersion(ctx, ws, store.NewPolicyVersion{Number: 1, Answers: json.RawMessage(`{}`), PolicyYAML: []byte(renderPolicy), PolicyVersion: "render-1",
		Lang: "en", Public: map[string]string{"en": "## Harassment {#R1}\n", "nl": "## Intimidatie {#R1}\n"}, At: time.Now()}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store.PublishPolicyVersion(ctx, ws, 1, "test", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Replies.SeedStarterLibrary(ctx, ws); err != nil {
		t.Fatal(err)
	}
	if err := a.Store.SetOutboundSettings(ctx, store.OutboundSettings{Workspace: ws, HelpURL: "https://acme.example/contact"}, "test"); err != nil {
		t.Fatal(err)
	}
	for _, tm := range []store.Template{
		{Workspace: ws, ID: "solo.fr", Group: "solo", Lang: "fr", Name: "Solo", Tone: "firm", Body: "Bonjour {{author}}.", Status: store.TemplateApproved, ApprovedBy: "system"},
		{Workspace: ws, ID: "unapproved", Lang: "en", Name: "Draft", Tone: "firm", Body: "Hello.", Status: store.TemplateDraft},
	} {
		if _, err := a.Store.CreateTemplate(ctx, tm, "test"); err != nil {
			t.Fatal(err)
		}
	}
	ch, err := a.Channels.Create(ctx, ws, "capture_test", "Forum", nil, nil, "test")
	if err != nil {
		t.Fatal(err)
	}
	channel := "capture_test:" + ch.ID

	tests := []struct {
		name       string
		lang       string
		kind       act.Kind
		params     string
		wantStatus act.Status
		want       []string // in the text sent, or in the error
		wantResult string
	}{
		{"reply in the item's language", "nl", act.Reply, `{"template":"harassment_rule"}`, act.Done,
			[]string{"Hallo Jo,", "Intimidatie van ons team wordt verborgen. https://stormwatch.example/g/acme?lang=nl#R1", "https://acme.example/contact"}, "template harassment_rule.nl v1, nl"},
		{"notice as a reply, by template", "de", act.NotifyAuthor, `{"template":"harassment_rule"}`, act.Done,
			[]string{"Hallo Jo, Kritik hat hier Platz", "Harassment of our staff is hidden. https://stormwatch.example/g/acme#R1"}, "template harassment_rule.de v1, de"},
		{"language without a template: the workspace's", "it", act.Reply, `{"template":"harassment_rule"}`, act.Done,
			[]string{"Hello Jo, there is room for criticism", "Harassment of our staff is hidden. https://stormwatch.example/g/acme#R1"}, "template harassment_rule.en v1, en"},
		{"template by id", "nl", act.Reply, `{"template":"harassment_rule.sv"}`, act.Done, []string{"Hej Jo,"}, "template harassment_rule.sv v1, sv"},
		{"any approved language last", "en", act.Reply, `{"template":"solo"}`, act.Done, []string{"Bonjour Jo."}, "template solo.fr v1, fr"},
		{"notice without a template: the rule's wording", "nl", act.NotifyAuthor, ``, act.Done,
			[]string{"Intimidatie van ons team wordt verborgen. https://stormwatch.example/g/acme?lang=nl#R1"}, "rule R1 public wording"},
		{"desk reply keeps its text", "nl", act.Reply, `{"text":"Approved by a person."}`, act.Done, []string{"Approved by a person."}, ""},
		{"no library template: the policy file's own", "nl", act.Reply, `{"template":"thanks_policy"}`, act.Done,
			[]string{"Bedankt Jo."}, "policy render-1 template thanks_policy, nl"},
		{"no such template", "en", act.Reply, `{"template":"ack_complaint"}`, act.Failed,
			[]string{`no approved reply template "ack_complaint"`, "have it approved"}, ""},
		{"template never approved", "en", act.Reply, `{"template":"unapproved"}`, act.Failed, []string{`reply template "unapproved" has no approved version`, "have it approved"}, ""},
		{"variable nobody can fill", "en", act.Reply, `{"template":"complaint_ack"}`, act.Failed,
			[]string{`"complaint_ack.en"`, "{{phone}}", "outbound settings"}, ""},
		{"reply without text nor template", "en", act.Reply, ``, act.Failed, []string{"reply without text or template"}, ""},
	}
	var d store.Decision
	for i, tt := range tests {
		res, err := a.Store.InsertItems(ctx, ws, []ingest.Item{{Channel: channel, PlatformID: "p" + tt.name, Kind: ingest.KindReply, Lang: tt.lang,
			Text: "some words", AuthorID: "9", AuthorName: "Jo"}}, "test")
		if err != nil {
			t.Fatal(err)
		}
		ac := act.Action{Workspace: ws, ItemID: res[0].ID, Channel: channel, Kind: tt.kind, RuleID: "R1", RequestedBy: "policy",
			IdempotencyKey: act.Key("render-test", tt.name)}
		if tt.params != "" {
			ac.Params = json.RawMessage(tt.params)
		}
		d = store.Decision{ItemID: res[0].ID, Workspace: ws, Action: "hide", Rules: []string{"R1"}, PolicyVersion: "render-1", DecidedAt: time.Now(), Actions: []act.Action{ac}}
		if err := a.Store.SaveDecisions(ctx, []store.Decision{d}); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
	}
	if n, err := a.Worker.RunOnce(ctx); err != nil || n != len(tests) {
		t.Fatalf("RunOnce = %d, %v", n, err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.Store.Decision(ctx, ws, d.ItemID-int64(len(tests)-1-i))
			if err != nil || len(got.Actions) != 1 {
				t.Fatalf("decision %+v, %v", got, err)
			}
			ac := got.Actions[0]
			if ac.Status != tt.wantStatus {
				t.Fatalf("status %s (%q), want %s", ac.Status, ac.LastError, tt.wantStatus)
			}
			v, sent := captured.Load(ac.IdempotencyKey)
			if tt.wantStatus == act.Failed {
				if sent {
					t.Errorf("the connector was called: %+v", v)
				}
				t.Logf("error: %s", ac.LastError)
				for _, w := range tt.want {
					if !strings.Contains(ac.LastError, w) {
						t.Errorf("error %q lacks %q", ac.LastError, w)
					}
				}
				return
			}
			if !sent {
				t.Fatal("the connector was not called")
			}
			out := v.(act.Action)
			var p struct{ Text, Template, Lang string }
			if err := json.Unmarshal(out.Params, &p); err != nil {
				t.Fatal(err)
			}
			t.Logf("sent: %s", p.Text)
			if out.Kind != act.Reply {
				t.Errorf("connector got kind %s, want reply", out.Kind)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.Text, w) {
					t.Errorf("text %q lacks %q", p.Text, w)
				}
			}
			if strings.Contains(p.Text, "{{") {
				t.Errorf("text has an unfilled variable: %q", p.Text)
			}
			if tt.wantResult != "" && ac.Result != "status 42 ("+tt.wantResult+")" {
				t.Errorf("result %q, want the status and %q", ac.Result, tt.wantResult)
			}
		})
	}
}

func TestLangChain(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"nl", "en"}, "nl en"},
		{[]string{"fr-CA", "fr"}, "fr-ca fr"},
		{[]string{"nn", ""}, "nn nb"},
		{[]string{"", "en"}, "en"},
		{[]string{"EN", "en"}, "en"},
	}
	for _, tt := range tests {
		if got := strings.Join(langChain(tt.in...), " "); got != tt.want {
			t.Errorf("langChain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
