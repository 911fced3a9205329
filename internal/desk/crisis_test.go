package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

const deskPlan = `update_every_minutes: 30
people:
  - {name: Anna Berg, role: crisis_lead, contact: "+46 70 000 00 00"}
  - {name: Sara Holm, role: spokesperson}
messages:
  - {audience: residents, message: We are on it, channel: facebook, timing: proactive, owner: Sara Holm, expected_effect: fewer questions}
holding_statements:
  en: We are aware of the situation and will update you soon.
  fr: Nous sommes au courant et revenons vers vous rapidement.
`

func TestCrisisScreen(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	lead := f.SignIn(t, auth.RoleCrisisLead)
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator) // French
	admin := f.SignIn(t, auth.RoleAdmin)

	// Permissions: view reads, only crisis_mode changes (the server's
	// matrix test checks the table; these check the handlers' outcome).
	if resp, body := view.Get(t, "/w/demo/crisis"); resp.StatusCode != 200 || !strings.Contains(body, `id="crisis-none"`) || strings.Contains(body, `id="crisis-start"`) {
		t.Fatalf("viewer page: %d\n%s", resp.StatusCode, body)
	}
	for _, c := range []*desktest.Client{view, mod} {
		if resp, _ := c.Post(t, "/w/demo/crisis/start", url.Values{"title": {"x"}}); resp.StatusCode != 403 {
			t.Errorf("start without crisis_mode = %d, want 403", resp.StatusCode)
		}
	}
	if resp, _ := lead.Post(t, "/w/demo/crisis/start", url.Values{"title": {"x"}, auth.CSRFField: {"forged"}}); resp.StatusCode != 403 {
		t.Errorf("start with a bad CSRF token = %d, want 403", resp.StatusCode)
	}
	if resp, _ := lead.Post(t, "/w/other/crisis/start", url.Values{"title": {"x"}}); resp.StatusCode != 403 {
		t.Errorf("start in another workspace = %d, want 403", resp.StatusCode)
	}
	if _, err := f.Store.ActiveCrisis(ctx, "demo"); err == nil {
		t.Fatal("a refused request started a crisis")
	}
	// The plan: invalid is refused with the reason, valid is saved.
	if resp, body := lead.Post(t, "/w/demo/crisis/plan", url.Values{"doc": {"people: [{name: X, role: boss}]"}}); resp.StatusCode != 400 || !strings.Contains(body, "boss") {
		t.Errorf("invalid plan = %d\n%s", resp.StatusCode, body)
	}
	if resp, body := follow(t, lead, "/w/demo/crisis/plan", url.Values{"doc": {deskPlan}}); resp.StatusCode != 200 || !strings.Contains(body, "The crisis plan was saved.") || !strings.Contains(body, "Anna Berg") {
		t.Fatalf("save plan = %d\n%s", resp.StatusCode, body)
	}
	// Start: a case opens, the banner shows on every page.
	if resp, body := follow(t, lead, "/w/demo/crisis/start", url.Values{"title": {"Vet accused on Facebook"}}); resp.StatusCode != 200 || !strings.Contains(body, "Crisis mode is on.") {
		t.Fatalf("start = %d\n%s", resp.StatusCode, body)
	}
	c, err := f.Store.ActiveCrisis(ctx, "demo")
	if err != nil || c.CaseID == 0 || c.StartedBy == "" {
		t.Fatalf("active crisis = %+v, %v", c, err)
	}
	for _, path := range []string{"/w/demo/queue", "/w/demo/dashboard", "/w/demo/policy"} {
		_, body := view.Get(t, path)
		pageHas(t, body, `id="crisis-banner"`, "Crisis mode is on: Vet accused on Facebook")
	}
	_, body := mod.Get(t, "/w/demo/queue")
	pageHas(t, body, "Mode crise activé : Vet accused on Facebook")
	_, body = view.Get(t, "/w/demo/crisis")
	pageHas(t, body, `id="crisis-active"`, "We are aware of the situation", "Next status update due", "crisis-2026-11-21.1", "Anna Berg", "fewer questions")
	pageLacks(t, body, `id="crisis-record"`, `id="crisis-end"`)
	_, body = mod.Get(t, "/w/demo/crisis")
	pageHas(t, body, "Nous sommes au courant")
	// A second start is a conflict.
	if resp, _ := admin.Post(t, "/w/demo/crisis/start", url.Values{"title": {"Again"}}); resp.StatusCode != 409 {
		t.Errorf("second start = %d, want 409", resp.StatusCode)
	}
	// The timeline.
	id := itoa(c.ID)
	if resp, _ := mod.Post(t, "/w/demo/crisis/"+id+"/record", url.Values{"kind": {"note"}, "text": {"x"}}); resp.StatusCode != 403 {
		t.Errorf("record without crisis_mode = %d", resp.StatusCode)
	}
	if resp, _ := lead.Post(t, "/w/demo/crisis/"+id+"/record", url.Values{"kind": {"effect"}, "row": {"9"}, "text": {"x"}}); resp.StatusCode != 400 {
		t.Errorf("effect for a missing row = %d, want 400", resp.StatusCode)
	}
	follow(t, lead, "/w/demo/crisis/"+id+"/record", url.Values{"kind": {"status_update"}, "text": {"Statement posted"}})
	if resp, body := follow(t, lead, "/w/demo/crisis/"+id+"/record", url.Values{"kind": {"effect"}, "row": {"1"}, "text": {"Questions halved"}}); resp.StatusCode != 200 || !strings.Contains(body, "Questions halved") {
		t.Errorf("record effect = %d\n%s", resp.StatusCode, body)
	}
	// End: the banner goes, the review is there.
	if resp, body := follow(t, lead, "/w/demo/crisis/"+id+"/end", url.Values{"outcome": {"Calm again"}}); resp.StatusCode != 200 || !strings.Contains(body, "Crisis mode is off") {
		t.Fatalf("end = %d\n%s", resp.StatusCode, body)
	}
	_, body = view.Get(t, "/w/demo/queue")
	pageLacks(t, body, `id="crisis-banner"`)
	resp, md := view.Get(t, "/w/demo/crisis/"+id+"/review")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/markdown") {
		t.Fatalf("review = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	pageHas(t, md, "# Post-incident review: Vet accused on Facebook", "Questions halved", "Calm again")
	resp, pdf := view.Get(t, "/w/demo/crisis/"+id+"/review?format=pdf")
	if resp.StatusCode != 200 || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("review pdf = %d, %q", resp.StatusCode, pdf[:min(len(pdf), 8)])
	}
	if resp, _ := view.Get(t, "/w/other/crisis/"+id+"/review"); resp.StatusCode != 403 {
		t.Errorf("review from another workspace = %d, want 403", resp.StatusCode)
	}
	if resp, _ := admin.Get(t, "/w/demo/crisis/999999/review"); resp.StatusCode != 404 {
		t.Errorf("unknown review = %d, want 404", resp.StatusCode)
	}
	// A proposal from an alert, confirmed by the lead.
	a, _, err := f.Store.OpenAlert(ctx, "demo", store.NewAlert{Kind: store.AlertStorm, Title: "Volume 6x", DedupeKey: "s1"}, "system:listen")
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := follow(t, lead, "/w/demo/crisis/start", url.Values{"alert_id": {itoa(a.ID)}}); resp.StatusCode != 200 || !strings.Contains(body, `id="crisis-proposals"`) {
		t.Fatalf("propose = %d\n%s", resp.StatusCode, body)
	}
	list, _ := f.Store.ListCrises(ctx, "demo", 0)
	if resp, body := follow(t, lead, "/w/demo/crisis/"+itoa(list[0].ID)+"/confirm", nil); resp.StatusCode != 200 || !strings.Contains(body, "Crisis mode is on: Volume 6x") {
		t.Errorf("confirm = %d\n%s", resp.StatusCode, body)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// follow posts a form that must redirect (303) and reads the page it leads to.
func follow(t *testing.T, c *desktest.Client, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp, body := c.Post(t, path, form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s = %d, want 303\n%s", path, resp.StatusCode, body)
	}
	return c.Get(t, resp.Header.Get("Location"))
}
