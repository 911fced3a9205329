package desk_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/store"
)

func userID(t *testing.T, f *desktest.Fixture, role auth.Role) int64 {
	t.Helper()
	u, err := f.Store.UserByEmail(context.Background(), desktest.Email(role))
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestDrills: the library for everyone; the crisis lead starts a drill
// with a moderator; participants reach the sandbox with their roles,
// others do not; the live view and its polled part; ending writes the
// debrief, also as a downloadable HTML file; bad forms are refused.
func TestDrills(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	f.Desk.UseDrills(&drill.Service{Store: f.Store})
	view := f.SignIn(t, auth.RoleViewer)
	lead := f.SignIn(t, auth.RoleCrisisLead)
	mod := f.SignIn(t, auth.RoleModerator)
	modID := userID(t, f, auth.RoleModerator)

	_, body := view.Get(t, "/w/demo/drills")
	pageHas(t, body, `id="sc-vet-clinic"`, `id="sc-care-bullying"`, `id="sc-municipal-trolls"`, `id="sc-company-breach"`, `id="sc-shelter-location"`,
		"A clinic blamed for a patient&#39;s death", "first approved reply within 45 min")
	pageLacks(t, body, `id="drill-start"`)
	if resp, _ := view.Post(t, "/w/demo/drills", url.Values{"scenario": {"vet-clinic"}}); resp.StatusCode != 403 {
		t.Errorf("a viewer starts a drill = %d, want 403", resp.StatusCode)
	}
	_, body = lead.Get(t, "/w/demo/drills")
	pageHas(t, body, `id="drill-start"`, fmt.Sprintf(`name="p" value="%d"`, modID))

	for _, bad := range []url.Values{
		{"scenario": {"nope"}},
		{"scenario": {"vet-clinic"}, "speed": {"0"}},
		{"scenario": {"vet-clinic"}, "speed": {"NaN"}},
		{"scenario": {"vet-clinic"}, "p": {"x"}},
		{"scenario": {"vet-clinic"}, "p": {"99999"}},
	} {
		if resp, _ := lead.Post(t, "/w/demo/drills", bad); resp.StatusCode != 400 {
			t.Errorf("start with %v = %d, want 400", bad, resp.StatusCode)
		}
	}
	resp, _ := lead.Post(t, "/w/demo/drills", url.Values{"scenario": {"vet-clinic"}, "p": {fmt.Sprint(modID)}, "speed": {"10"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/w/demo/drills/") {
		t.Fatalf("start = %d %s", resp.StatusCode, loc)
	}
	runs, _ := f.Store.ListDrills(ctx, desktest.Workspace, 0)
	if len(runs) != 1 || len(runs[0].Participants) != 2 {
		t.Fatalf("drills = %+v", runs)
	}
	run := runs[0]
	page := strings.SplitN(loc, "?", 2)[0]
	_, body = mod.Get(t, loc)
	pageHas(t, body, `id="drill-sandbox"`, "/w/"+run.Sandbox+"/queue", `id="drill-live"`, `hx-trigger="every 5s"`, "Exercice lancé.")
	pageLacks(t, body, `id="drill-end"`) // a moderator cannot end it
	_, part := mod.Get(t, page+"?part=live")
	if !strings.HasPrefix(part, `<section id="drill-live"`) || strings.Contains(part, "<html") {
		t.Errorf("live part = %.80q", part)
	}
	if resp, _ := mod.Get(t, "/w/"+run.Sandbox+"/queue"); resp.StatusCode != 200 {
		t.Errorf("participant in the sandbox = %d", resp.StatusCode)
	}
	if resp, _ := view.Get(t, "/w/"+run.Sandbox+"/queue"); resp.StatusCode != 403 {
		t.Errorf("non-participant in the sandbox = %d, want 403", resp.StatusCode)
	}
	// The lead is in the sandbox with crisis_mode, but a drill of a drill
	// is refused.
	if resp, _ := lead.Post(t, "/w/"+run.Sandbox+"/drills", url.Values{"scenario": {"vet-clinic"}}); resp.StatusCode != 409 {
		t.Errorf("drill of a sandbox = %d, want 409", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, page+"/end", nil); resp.StatusCode != 403 {
		t.Errorf("a moderator ends = %d, want 403", resp.StatusCode)
	}
	resp, _ = lead.Post(t, page+"/end", nil)
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), page+"/debrief") {
		t.Fatalf("end = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := lead.Post(t, page+"/end", nil); resp.StatusCode != 409 {
		t.Errorf("end twice = %d, want 409", resp.StatusCode)
	}
	_, body = view.Get(t, page+"/debrief")
	pageHas(t, body, `id="debrief-good"`, `id="debrief-improve"`, `id="debrief-people"`, `id="debrief-timeline"`, "Test moderator", "Nobody acknowledged")
	resp, file := view.Get(t, page+"/debrief?download=1")
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ".html") {
		t.Errorf("download disposition %q", cd)
	}
	if !strings.HasPrefix(file, "<!doctype html>") || !strings.Contains(file, "@media print") || strings.Contains(file, `class="top"`) {
		t.Errorf("report file = %.120q", file)
	}
	if got, _ := f.Store.Drill(ctx, desktest.Workspace, run.ID); got.Status != store.DrillEnded {
		t.Errorf("status after end = %s", got.Status)
	}
	for _, p := range []string{"/w/demo/drills/999", "/w/demo/drills/x/debrief", "/w/other/drills/1"} {
		if resp, _ := lead.Get(t, p); resp.StatusCode != 404 && resp.StatusCode != 403 {
			t.Errorf("GET %s = %d", p, resp.StatusCode)
		}
	}
}

// TestDrillsUnavailable: a desk built without the drill service says so.
func TestDrillsUnavailable(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	lead := f.SignIn(t, auth.RoleCrisisLead)
	_, body := lead.Get(t, "/w/demo/drills")
	pageHas(t, body, "Drills are not available on this server.")
	pageLacks(t, body, `id="drill-start"`)
	if resp, _ := lead.Post(t, "/w/demo/drills", url.Values{"scenario": {"vet-clinic"}}); resp.StatusCode != 404 {
		t.Errorf("start without a service = %d, want 404", resp.StatusCode)
	}
}
