package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/policy/builder"
)

func bodyHas(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

// builderForm is the form a person would send for these answers.
func builderForm(a builder.Answers, op, note string) url.Values {
	f := url.Values{"kind": {string(a.Kind)}, "name": {a.Name}, "lang": {a.Lang}, "strictness": {a.Strictness},
		"response_time": {a.ResponseTime}, "coverage": {a.Coverage}, "spokespeople": {a.Spokespeople},
		"protected": {a.Protected}, "confidential_note": {a.ConfidentialNote}, "help_contact": {a.HelpContact},
		"emergency": {a.Emergency}, "extra": a.Extra, "audiences": a.Audiences, "never": a.Never,
		"confidential": a.Confidential, "op": {op}, "note": {note}}
	if a.ProtectStaff {
		f.Set("protect_staff", "1")
	}
	return f
}

// TestBuilderVersionsAndPublicPage: an admin loads the shelter starting
// point in French, previews, saves two versions, compares them and
// publishes; the public page then shows only the published rules, with
// anchors, a lang attribute and cache headers, to anyone; a viewer reads
// the versions and the staff guidelines but cannot build or publish.
func TestBuilderVersionsAndPublicPage(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	admin := f.SignIn(t, auth.RoleAdmin)
	viewer := f.SignIn(t, auth.RoleViewer)
	anon := &desktest.Client{Client: desktest.NoRedirect(), Base: f.URL}

	// Nothing published yet: the public page is a 404 that says nothing
	// of the workspace, the same as for a workspace that does not exist.
	resp, none := anon.Get(t, "/g/demo")
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("public page before publishing = %d", resp.StatusCode)
	}
	if _, ghost := anon.Get(t, "/g/no-such-workspace"); ghost != none || strings.Contains(none, "Tilleuls") {
		t.Errorf("the 404 differs for an unknown workspace, or names the workspace")
	}
	_, body := viewer.Get(t, "/w/demo/guidelines")
	bodyHas(t, body, `id="no-guidelines"`)

	_, body = admin.Get(t, "/w/demo/policy/builder?kind=shelter&lang=fr")
	bodyHas(t, body, `id="builder-form"`, `name="kind" value="shelter"`, `value="Clinique des Tilleuls"`, `id="q-help-contact"`,
		"ligne d&#39;écoute", `id="q-never-harassment" checked`)
	a, _ := builder.Preset(builder.Shelter, "fr")
	a.Name = "Maison des Lilas"

	resp, body = admin.Post(t, "/w/demo/policy/builder", builderForm(a, "preview", ""))
	if resp.StatusCode != 200 {
		t.Fatalf("preview = %d", resp.StatusCode)
	}
	bodyHas(t, body, `id="preview-public"`, `id="pub-R4"`, "Maison des Lilas : les règles de notre communauté", `id="preview-yaml"`)

	// A missing answer is shown back, nothing is saved.
	bad := builderForm(a, "save", "")
	bad.Set("help_contact", " ")
	resp, body = admin.Post(t, "/w/demo/policy/builder", bad)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("save with a missing answer = %d", resp.StatusCode)
	}
	bodyHas(t, body, `id="builder-errors"`, `aria-invalid="true"`)
	if vs, _ := f.Store.PolicyVersions(ctx, "demo"); len(vs) != 0 {
		t.Fatalf("an invalid build was saved")
	}

	resp, _ = admin.Post(t, "/w/demo/policy/builder", builderForm(a, "save", "Première version"))
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/w/demo/policy/versions/1") {
		t.Fatalf("save = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	a.Strictness = "review"
	a.Never = []string{"sexual", "spam"}
	if resp, _ = admin.Post(t, "/w/demo/policy/builder", builderForm(a, "save", "Plus souple")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second save = %d", resp.StatusCode)
	}

	_, body = viewer.Get(t, "/w/demo/policy/versions")
	bodyHas(t, body, `id="version-1"`, `id="version-2"`, "Première version", "Plus souple", `id="diff-form"`)
	if strings.Contains(body, `id="open-builder"`) {
		t.Error("a viewer is offered the builder")
	}
	_, body = viewer.Get(t, "/w/demo/policy/diff?a=1&b=2")
	bodyHas(t, body, `id="diff-policy"`, `id="diff-public"`, `class="d-ins"`, `class="d-del"`,
		"Les propos impolis ou irrespectueux sont lus par une personne de notre équipe avant toute décision.")
	if resp, _ := viewer.Get(t, "/w/demo/policy/diff?a=1&b=9"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("diff with a missing version = %d", resp.StatusCode)
	}
	if resp, _ := viewer.Post(t, "/w/demo/policy/versions/1/publish", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer publishes = %d, want 403", resp.StatusCode)
	}
	if resp, _ := viewer.Get(t, "/w/demo/policy/builder"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer opens the builder = %d, want 403", resp.StatusCode)
	}

	_, body = admin.Get(t, "/w/demo/policy/versions/1")
	bodyHas(t, body, `id="publish"`, `id="version-internal"`, `id="version-yaml"`)
	resp, _ = admin.Post(t, "/w/demo/policy/versions/1/publish", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish = %d", resp.StatusCode)
	}
	ws, _ := f.Store.Workspace(ctx, "demo")
	live, err := f.Store.LivePolicyVersion(ctx, "demo")
	if err != nil || live.Number != 1 || ws.PolicyVersion != live.PolicyVersion {
		t.Fatalf("after publishing: workspace policy %q, live %+v, %v", ws.PolicyVersion, live.Number, err)
	}
	if other, _ := f.Store.Workspace(ctx, "other"); string(other.PolicyYAML) == string(live.PolicyYAML) {
		t.Error("publishing changed another workspace")
	}

	resp, body = anon.Get(t, "/g/demo")
	if resp.StatusCode != 200 {
		t.Fatalf("public page = %d", resp.StatusCode)
	}
	bodyHas(t, body, `<html lang="fr">`, `<h2 id="R4" class="rule-head">R4 · Lieux de vie et de rencontre`, `href="#R1"`, "Maison des Lilas : les règles de notre communauté")
	for _, leak := range []string{"Clinique des Tilleuls", "csrf", "Première version", "guide interne", "/w/demo"} {
		if strings.Contains(body, leak) {
			t.Errorf("the public page shows %q", leak)
		}
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, no-cache" || resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
		t.Errorf("cache headers: %q, ETag %q", cc, resp.Header.Get("ETag"))
	}
	req, _ := http.NewRequest(http.MethodGet, f.URL+"/g/demo", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if r2, err := http.DefaultClient.Do(req); err != nil || r2.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET = %v, %v", r2.StatusCode, err)
	}
	if resp, _ := anon.Get(t, "/g/other"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another workspace's page = %d", resp.StatusCode)
	}

	_, body = viewer.Get(t, "/w/demo/guidelines")
	bodyHas(t, body, `id="staff-guidelines"`, `id="int-security"`, "double authentification", `href="/g/demo"`)

	// Publishing the second version moves the page.
	if resp, _ := admin.Post(t, "/w/demo/policy/versions/2/publish", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish 2 = %d", resp.StatusCode)
	}
	_, body = anon.Get(t, "/g/demo")
	bodyHas(t, body, "Les propos impolis ou irrespectueux sont lus par une personne de notre équipe avant toute décision.")
}

// TestPublicPageGolden keeps the public page's markup under review.
func TestPublicPageGolden(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	admin := f.SignIn(t, auth.RoleAdmin)
	a, _ := builder.Preset(builder.Municipality, "sv")
	a.Extra = []string{"en"}
	if resp, _ := admin.Post(t, "/w/demo/policy/builder", builderForm(a, "save", "")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d", resp.StatusCode)
	}
	if resp, _ := admin.Post(t, "/w/demo/policy/versions/1/publish", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish = %d", resp.StatusCode)
	}
	anon := &desktest.Client{Client: desktest.NoRedirect(), Base: f.URL}
	_, body := anon.Get(t, "/g/demo")
	_, en := anon.Get(t, "/g/demo?lang=en")
	bodyHas(t, en, `<html lang="en">`, "Åsby kommun: our community rules")
	// The version string carries today's date: mask it.
	body = regexp.MustCompile(`\d{4}-\d{2}-\d{2}\.1`).ReplaceAllString(body, "DATE.1")
	golden := filepath.Join("testdata", "public_guidelines.sv.html.golden")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 writes it)", err)
	}
	if string(want) != body {
		t.Errorf("the public page differs from %s (UPDATE_GOLDEN=1 go test -run TestPublicPageGolden, then review)", golden)
	}
}
