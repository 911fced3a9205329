package desk_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// seedShadow stores a Google review the shadow rule S1 would have hidden,
// with the decision detail as the pipeline writes it.
func seedShadow(t testing.TB, st store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	text := "Ce vétérinaire est un escroc qui ment à ses clients."
	res, err := st.InsertItems(ctx, desktest.Workspace, []ingest.Item{{Channel: "google-reviews", PlatformID: "g1", Text: text, AuthorID: "g:paul", AuthorName: "Paul R.", Lang: "fr", Kind: ingest.KindReview}}, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	detail, _ := json.Marshal(map[string]any{"policy": map[string]any{"shadow": []map[string]any{{"rule": "S1", "action": "hide", "actions": []map[string]any{{"name": "hide", "rule": "S1"}}}}}})
	at := strings.Index(text, "escroc")
	err = st.SaveDecisions(ctx, []store.Decision{{ItemID: res[0].ID, Workspace: desktest.Workspace, Lang: "fr", Action: "review", Rules: []string{"C13"}, PolicyVersion: "test",
		Signals: []detect.Signal{{Category: detect.Accusation, Score: 0.86, Spans: []detect.Span{{at, at + len("escroc")}}, Detector: "lexicon", Version: "1", Explanation: "accusation (fraud)"}},
		Detail:  detail, DecidedAt: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].ID
}

func TestPolicyPage(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	seedShadow(t, f.Store)
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator)

	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		status int
		want   []string
		not    []string
	}{
		{"rules, modes and conditions", view, "/w/demo/policy", 200, []string{"Clinique vétérinaire des Tilleuls", "2026-11-21.1", `id="rule-C1"`, "Menaces", `<code class="cond">menace</code>`,
			"escalate (severity=high, to=direction)", `<span class="chip mode-shadow">shadow (trial)</span>`, "stops here"}, nil},
		{"hit counts", view, "/w/demo/policy", 200, []string{`id="rule-C7"`}, nil},
		{"shadow rules", view, "/w/demo/policy", 200, []string{"would have matched 1 item(s)", `id="shadow-examples"`, "Paul R.", "escroc"}, nil},
		{"guidelines in the viewer's language when the policy has it", view, "/w/demo/policy", 200, []string{`<article class="guidelines" lang="en"`, "Our community rules", "<strong>C1.</strong> Threats against our team"}, []string{"<strong>S1.</strong>"}},
		{"another language's guidelines", view, "/w/demo/policy?glang=fr", 200, []string{`lang="fr"`, "Règles de notre communauté", "<strong>C7.</strong> Le harcèlement"}, nil},
		{"a language the policy lacks falls back", view, "/w/demo/policy?glang=xx", 200, []string{`<article class="guidelines" lang="en"`}, nil},
		{"a French reader gets the French guidelines", mod, "/w/demo/policy", 200, []string{"Politique de modération", `<article class="guidelines" lang="fr"`, "à l&#39;essai"}, nil},
		{"period", view, "/w/demo/policy?period=24h", 200, []string{`aria-current="true">last 24 hours`}, nil},
		{"another workspace", view, "/w/other/policy", 403, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			pageHas(t, body, tt.want...)
			pageLacks(t, body, tt.not...)
		})
	}
	_, body := view.Get(t, "/w/demo/policy")
	hits := func(rule string) string {
		m := regexp.MustCompile(`id="rule-` + rule + `"[\s\S]*?data-hits="(\d+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no hit count for %s", rule)
		}
		return m[1]
	}
	for rule, want := range map[string]string{"C1": "1", "C7": "1", "C13": "1", "C2": "0", "S1": "1"} {
		if got := hits(rule); got != want {
			t.Errorf("hits of %s = %s, want %s", rule, got, want)
		}
	}
}
