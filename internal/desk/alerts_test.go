package desk_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// TestAlerts: the list and the alert page say what moved, by how much,
// against what baseline, with example items linked; a viewer reads but
// cannot acknowledge; a moderator acknowledges then resolves; a forged
// CSRF token and another workspace's alert are refused; the dashboard
// counts open alerts.
func TestAlerts(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	a, created, err := f.Store.OpenAlert(ctx, desktest.Workspace, store.NewAlert{
		Kind: store.AlertStorm, Severity: store.AlertCritical, Title: "Storm brewing about Dr Martin",
		DedupeKey:      "storm:volume:facebook:page:Dr Martin:2026-01-01",
		Metrics:        []store.AlertMetric{{Name: "negative", Channel: "facebook:page", Topic: "Dr Martin", Window: "15m", Observed: 23, Baseline: 2.1, Factor: 23 / 2.1}},
		ExampleItemIDs: []int64{f.Items[0]}, At: time.Now(),
	}, "listen")
	if err != nil || !created {
		t.Fatalf("open alert: %v, %v", created, err)
	}
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator)
	page := fmt.Sprintf("/w/%s/alerts/%d", desktest.Workspace, a.ID)

	_, body := view.Get(t, "/w/demo/alerts")
	pageHas(t, body, "Storm brewing about Dr Martin", "negative items on facebook:page about Dr Martin: 23 in 15m against 2.1 expected (11.0×)", "1 open alert(s).", page)
	_, body = view.Get(t, page)
	pageHas(t, body, `id="alert-examples"`, fmt.Sprintf(`href="/w/demo/items/%d"`, f.Items[0]), "open")
	if strings.Contains(body, `id="alert-ack"`) {
		t.Errorf("a viewer is offered the acknowledge button")
	}
	_, body = view.Get(t, "/w/demo/dashboard")
	pageHas(t, body, `id="dash-open-alerts"`, `<span class="figure">1</span> open alerts`)

	if resp, _ := view.Post(t, page, url.Values{"op": {"ack"}}); resp.StatusCode != 403 {
		t.Errorf("viewer acknowledges = %d, want 403", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, page, url.Values{"op": {"ack"}, "csrf_token": {"forged"}}); resp.StatusCode != 403 {
		t.Errorf("forged CSRF = %d, want 403", resp.StatusCode)
	}
	if got, _ := f.Store.Alert(ctx, desktest.Workspace, a.ID); got.Acknowledged() {
		t.Fatalf("alert acknowledged by a refused request")
	}
	_, body = mod.Get(t, page)
	pageHas(t, body, `id="alert-ack"`, `id="alert-resolve"`)
	resp, _ := mod.Post(t, page, url.Values{"op": {"ack"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != page+"?done=ack" {
		t.Fatalf("acknowledge = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	got, _ := f.Store.Alert(ctx, desktest.Workspace, a.ID)
	if !got.Acknowledged() || !strings.HasPrefix(got.AckedBy, "user:") {
		t.Errorf("after acknowledge: %+v", got)
	}
	_, body = view.Get(t, page+"?done=ack")
	pageHas(t, body, "Acknowledged: escalation stopped.", "Acknowledged by user:")
	if resp, _ := mod.Post(t, page, url.Values{"op": {"resolve"}}); resp.StatusCode != 303 {
		t.Fatalf("resolve = %d", resp.StatusCode)
	}
	if got, _ := f.Store.Alert(ctx, desktest.Workspace, a.ID); !got.Resolved() {
		t.Errorf("not resolved: %+v", got)
	}
	if resp, _ := mod.Post(t, page, url.Values{"op": {"ack"}}); resp.StatusCode != 409 {
		t.Errorf("acknowledge a resolved alert = %d, want 409", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, page, url.Values{"op": {"nope"}}); resp.StatusCode != 400 {
		t.Errorf("unknown op = %d, want 400", resp.StatusCode)
	}
	if resp, _ := mod.Get(t, "/w/demo/alerts/999999"); resp.StatusCode != 404 {
		t.Errorf("missing alert = %d, want 404", resp.StatusCode)
	}
	_, body = view.Get(t, "/w/demo/dashboard")
	pageHas(t, body, `<span class="figure">0</span> open alerts`)

	// The moderator of the fixture reads French.
	_, body = mod.Get(t, "/w/demo/alerts")
	pageHas(t, body, "Alertes", "messages négatifs sur facebook:page au sujet de Dr Martin")
}

// TestAlertProposesCrisis: the alert page offers "propose crisis mode"
// only to crisis_mode; proposing records a proposal citing the alert
// (audited), the crisis screen shows it with a link back, proposing
// again changes nothing, and the confirmed crisis still says where it
// came from.
func TestAlertProposesCrisis(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	a, _, err := f.Store.OpenAlert(ctx, desktest.Workspace, store.NewAlert{
		Kind: store.AlertStorm, Severity: store.AlertCritical, Title: "Storm brewing about Dr Martin",
		DedupeKey: "storm:negative:facebook:page:Dr Martin:2026-01-01",
		Metrics:   []store.AlertMetric{{Name: "negative", Channel: "facebook:page", Window: "15m", Observed: 23, Baseline: 2.1, Factor: 11}},
		At:        time.Now(),
	}, "listen")
	if err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/w/%s/alerts/%d", desktest.Workspace, a.ID)
	propose := page + "/crisis"
	mod := f.SignIn(t, auth.RoleModerator)
	lead := f.SignIn(t, auth.RoleCrisisLead)

	_, body := mod.Get(t, page)
	pageLacks(t, body, `id="alert-propose-crisis"`)
	if resp, _ := mod.Post(t, propose, nil); resp.StatusCode != 403 {
		t.Errorf("moderator proposes = %d, want 403", resp.StatusCode)
	}
	if resp, _ := lead.Post(t, propose, url.Values{"csrf_token": {"forged"}}); resp.StatusCode != 403 {
		t.Errorf("forged CSRF = %d, want 403", resp.StatusCode)
	}
	if resp, _ := lead.Post(t, "/w/demo/alerts/999999/crisis", nil); resp.StatusCode != 404 {
		t.Errorf("unknown alert = %d, want 404", resp.StatusCode)
	}
	if list, _ := f.Store.ListCrises(ctx, "demo", 0); len(list) != 0 {
		t.Fatalf("refused requests proposed a crisis: %+v", list)
	}

	_, body = lead.Get(t, page)
	pageHas(t, body, `id="alert-propose-crisis"`, `action="`+propose+`"`)
	resp, _ := lead.Post(t, propose, nil)
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/w/demo/crisis?flash=crisis_proposed") {
		t.Fatalf("propose = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = lead.Get(t, resp.Header.Get("Location"))
	pageHas(t, body, "Crisis mode proposed", `id="crisis-proposals"`, "Storm brewing about Dr Martin", `href="`+page+`"`)
	list, _ := f.Store.ListCrises(ctx, "demo", 0)
	if len(list) != 1 || list[0].AlertID != a.ID || list[0].Status != store.CrisisProposed {
		t.Fatalf("crises = %+v", list)
	}
	// Again: the pending proposal stands, no second one.
	if resp, _ := lead.Post(t, propose, nil); resp.StatusCode != 303 {
		t.Errorf("second propose = %d", resp.StatusCode)
	}
	if list, _ := f.Store.ListCrises(ctx, "demo", 0); len(list) != 1 {
		t.Errorf("%d crises after proposing twice, want 1", len(list))
	}
	var proposed []audit.Event
	f.Store.WalkAudit(ctx, func(e audit.Event) error {
		if e.Kind == "crisis.proposed" {
			proposed = append(proposed, e)
		}
		return nil
	})
	if len(proposed) != 1 || !strings.HasPrefix(proposed[0].Actor, "user:") || !strings.Contains(string(proposed[0].Data), fmt.Sprint(a.ID)) {
		t.Errorf("audit = %+v, want one crisis.proposed by the lead citing alert %d", proposed, a.ID)
	}
	// The alert page now points at the crisis instead of offering the button.
	_, body = lead.Get(t, page)
	pageHas(t, body, `id="alert-crisis"`, "Crisis mode from this alert: proposed.")
	pageLacks(t, body, `id="alert-propose-crisis"`)

	follow(t, lead, fmt.Sprintf("/w/demo/crisis/%d/confirm", list[0].ID), nil)
	_, body = lead.Get(t, "/w/demo/crisis")
	pageHas(t, body, `id="crisis-active"`, `id="crisis-from-alert"`, fmt.Sprintf("proposed by alert %d", a.ID))
	_, body = lead.Get(t, page)
	pageHas(t, body, "Crisis mode from this alert: active.")

	// A resolved alert proposes nothing.
	b, _, _ := f.Store.OpenAlert(ctx, desktest.Workspace, store.NewAlert{Kind: store.AlertStorm, Title: "Old", DedupeKey: "old"}, "listen")
	f.Store.ResolveAlert(ctx, desktest.Workspace, b.ID, "user:1", time.Now())
	if resp, _ := lead.Post(t, fmt.Sprintf("/w/demo/alerts/%d/crisis", b.ID), nil); resp.StatusCode != 409 {
		t.Errorf("propose from a resolved alert = %d, want 409", resp.StatusCode)
	}
}
