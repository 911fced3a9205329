package desk_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

// rotaForm is a two-level rota: the community team on weekdays and a
// weekend volunteer, the crisis lead behind them.
func rotaForm() url.Values {
	return url.Values{
		"timezone":     {"Europe/Brussels"},
		"l0_name":      {"community team"},
		"l0_ack":       {"15"},
		"l0_p0_name":   {"Ana"},
		"l0_p0_when":   {"weekdays 08:00-18:00"},
		"l0_p0_routes": {"email:ana@clinic.example, matrix:@ana:example.org"},
		"l0_p1_name":   {"Bo"},
		"l0_p1_when":   {"weekends"},
		"l0_p1_routes": {"slack"},
		"l1_name":      {"crisis lead"},
		"l1_ack":       {"30"},
		"l1_p0_name":   {"Cleo"},
		"l1_p0_when":   {"always"},
		"l1_p0_routes": {"teams email:cleo@clinic.example"},
	}
}

// TestRota: a viewer reads the rota but gets no editor; only
// manage_members saves it; an invalid rota is refused with the reason and
// nothing stored; a saved rota is what the alert package reads, shows
// the week with its gaps, and is audited; blanking a name removes the
// person.
func TestRota(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	view := f.SignIn(t, auth.RoleViewer)
	lead := f.SignIn(t, auth.RoleCrisisLead)
	admin := f.SignIn(t, auth.RoleAdmin)

	resp, body := view.Get(t, "/w/demo/rota")
	if resp.StatusCode != 200 {
		t.Fatalf("viewer GET = %d", resp.StatusCode)
	}
	pageHas(t, body, `id="rota-none"`)
	pageLacks(t, body, `id="rota-form"`)
	_, body = admin.Get(t, "/w/demo/rota")
	pageHas(t, body, `id="rota-form"`, `name="l0_p0_name"`, `name="l1_ack"`)

	for _, c := range []*desktest.Client{view, lead} {
		if resp, _ := c.Post(t, "/w/demo/rota", rotaForm()); resp.StatusCode != 403 {
			t.Errorf("save without manage_members = %d, want 403", resp.StatusCode)
		}
	}
	forged := rotaForm()
	forged.Set(auth.CSRFField, "forged")
	if resp, _ := admin.Post(t, "/w/demo/rota", forged); resp.StatusCode != 403 {
		t.Errorf("forged CSRF = %d, want 403", resp.StatusCode)
	}
	if resp, _ := admin.Post(t, "/w/other/rota", rotaForm()); resp.StatusCode != 403 {
		t.Errorf("another workspace = %d, want 403", resp.StatusCode)
	}

	tests := []struct {
		name string
		set  map[string]string
		want string
	}{
		{"bad route", map[string]string{"l0_p0_routes": "pager:ana"}, `pager:ana`},
		{"bad window", map[string]string{"l0_p1_when": "saturdays"}, `saturdays`},
		{"bad delay", map[string]string{"l1_ack": "0"}, "between 1 and 10080"},
		{"bad time zone", map[string]string{"timezone": "Mars/Olympus"}, "Mars/Olympus"},
		{"a level without anyone", map[string]string{"l1_p0_name": ""}, "nobody on it"},
		{"nobody at all", map[string]string{"l0_name": "", "l0_p0_name": "", "l0_p1_name": "", "l1_name": "", "l1_p0_name": ""}, "no levels"},
	}
	for _, tt := range tests {
		form := rotaForm()
		for k, v := range tt.set {
			form.Set(k, v)
		}
		resp, body := admin.Post(t, "/w/demo/rota", form)
		if resp.StatusCode != 400 || !strings.Contains(body, "The rota was not saved") || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want 400 with %q", tt.name, resp.StatusCode, tt.want)
		}
		// What was typed comes back, to be fixed rather than retyped.
		if !strings.Contains(body, `value="Ana"`) && tt.set["l0_p0_name"] != "" {
			t.Errorf("%s: the form lost what was typed", tt.name)
		}
	}
	if _, err := f.Store.Rota(ctx, "demo"); err == nil {
		t.Fatal("a refused form stored a rota")
	}

	resp, body = follow(t, admin, "/w/demo/rota", rotaForm())
	if resp.StatusCode != 200 {
		t.Fatalf("after save: %d", resp.StatusCode)
	}
	pageHas(t, body, "The rota was saved", `id="rota-week-table"`, "Europe/Brussels")
	doc, err := f.Store.Rota(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	r, err := alert.ParseRota(doc.Doc)
	if err != nil {
		t.Fatalf("saved rota does not parse: %v\n%s", err, doc.Doc)
	}
	if len(r.Levels) != 2 || len(r.Levels[0].People) != 2 || r.Levels[1].People[0].Name != "Cleo" ||
		len(r.Levels[0].People[0].Routes) != 2 || r.Levels[1].AckWithin != alert.Duration(30*60e9) || r.Location().String() != "Europe/Brussels" {
		t.Errorf("saved rota = %s", doc.Doc)
	}
	if !strings.HasPrefix(doc.UpdatedBy, "user:") {
		t.Errorf("updated by %q", doc.UpdatedBy)
	}
	var audited []string
	f.Store.WalkAudit(ctx, func(e audit.Event) error {
		if e.Kind == "alert.rota_changed" {
			audited = append(audited, e.Actor)
		}
		return nil
	})
	if len(audited) != 1 || !strings.HasPrefix(audited[0], "user:") {
		t.Errorf("audit = %v, want one alert.rota_changed by a user", audited)
	}

	// The viewer reads the week: Ana on weekdays, a gap on weekday
	// nights at the first level, Cleo always behind.
	_, body = view.Get(t, "/w/demo/rota")
	pageHas(t, body, "08:00–18:00 Ana", "18:00–24:00 <em class=\"rota-gap\">nobody on call</em>", "00:00–24:00 Bo", "00:00–24:00 Cleo",
		"the next level is told after 15 min without acknowledgement", "reminded every 30 min until someone acknowledges")
	pageLacks(t, body, `id="rota-form"`)
	checkGolden(t, "rota.html", mainOf(body))

	// Blank Bo: he is off the rota.
	form := rotaForm()
	form.Set("l0_p1_name", "")
	follow(t, admin, "/w/demo/rota", form)
	doc, _ = f.Store.Rota(ctx, "demo")
	if r, err := alert.ParseRota(doc.Doc); err != nil || len(r.Levels[0].People) != 1 {
		t.Errorf("after removing Bo: %s, %v", doc.Doc, err)
	}
	_, body = admin.Get(t, "/w/demo/rota")
	pageHas(t, body, `id="l0_p1_name" name="l0_p1_name" value=""`, `id="l2_name"`) // a spare row and a spare level
	// A French reader gets the same week in French.
	_, body = f.SignIn(t, auth.RoleModerator).Get(t, "/w/demo/rota")
	pageHas(t, body, "Astreinte", "personne d&#39;astreinte", "samedi")
}
