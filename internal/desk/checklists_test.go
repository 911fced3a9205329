package desk_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

// TestChecklists: everyone reads the checklists; only manage_policy
// answers; an answer is scored per section and in total with what to do
// next; the next assessment is compared with it; bad answers are refused;
// the moderator reads the questions in French.
func TestChecklists(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	view := f.SignIn(t, auth.RoleViewer)
	admin := f.SignIn(t, auth.RoleAdmin)
	mod := f.SignIn(t, auth.RoleModerator)

	resp, body := view.Get(t, "/w/demo/checklists")
	if resp.StatusCode != 200 {
		t.Fatalf("list = %d", resp.StatusCode)
	}
	pageHas(t, body, `id="cl-ten-questions"`, `id="cl-crisis-strategy"`, `id="cl-policy-components"`, "Ten questions on online aggression", "never assessed")
	_, body = view.Get(t, "/w/demo/checklists/ten-questions")
	pageLacks(t, body, `id="checklist-form"`)
	pageHas(t, body, "Do you discuss online aggression regularly with your team?")
	if resp, _ := view.Post(t, "/w/demo/checklists/ten-questions", url.Values{"a.q1": {"yes"}}); resp.StatusCode != 403 {
		t.Errorf("a viewer answers = %d, want 403", resp.StatusCode)
	}
	_, body = mod.Get(t, "/w/demo/checklists/ten-questions")
	pageHas(t, body, "Parlez-vous régulièrement de l&#39;agression en ligne avec votre équipe ?")

	_, body = admin.Get(t, "/w/demo/checklists/ten-questions")
	pageHas(t, body, `id="checklist-form"`, `name="a.q10"`, `value="partly"`)
	form := url.Values{"a.q1": {"yes"}, "a.q2": {"no"}, "n.q2": {"no written first steps"}, "a.q3": {"partly"}, "a.q4": {"na"}}
	resp, _ = admin.Post(t, "/w/demo/checklists/ten-questions", form)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/w/demo/checklists/ten-questions/assessments/") {
		t.Fatalf("answer = %d %s", resp.StatusCode, loc)
	}
	_, body = admin.Get(t, loc)
	// 2 (q1) + 1 (q3) of 18 (q4 does not apply): 17%.
	pageHas(t, body, `id="total-pct">17%`, "3 / 18", "Assessment saved and scored.",
		"Write down the first steps", "no written first steps", `class="gap-no"`, `class="gap-partly"`)
	pageLacks(t, body, `id="compare"`)

	form.Set("a.q2", "yes")
	form.Set("a.q3", "no")
	resp, _ = admin.Post(t, "/w/demo/checklists/ten-questions", form)
	_, body = admin.Get(t, resp.Header.Get("Location"))
	pageHas(t, body, `id="compare"`, "+1", "was 17%", "prep-better", "prep-worse")
	_, body = view.Get(t, "/w/demo/checklists")
	pageHas(t, body, "22%", "next review")

	tests := []struct {
		name   string
		path   string
		form   url.Values
		status int
	}{
		{"unknown answer", "/w/demo/checklists/ten-questions", url.Values{"a.q1": {"maybe"}}, 400},
		{"note too long", "/w/demo/checklists/ten-questions", url.Values{"a.q1": {"no"}, "n.q1": {strings.Repeat("x", 1001)}}, 400},
		{"unknown checklist", "/w/demo/checklists/nope", url.Values{"a.q1": {"yes"}}, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp, _ := admin.Post(t, tt.path, tt.form); resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
	if resp, _ := admin.Get(t, "/w/demo/checklists/crisis-strategy/assessments/1"); resp.StatusCode != 404 {
		t.Errorf("an assessment under another checklist = %d, want 404", resp.StatusCode)
	}
	if as, _ := f.Store.Assessments(context.Background(), desktest.Other, "", 0); len(as) != 0 {
		t.Errorf("another workspace got assessments")
	}
}
