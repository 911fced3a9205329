package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

func memberOf(t *testing.T, f *desktest.Fixture, email string) (store.Member, bool) {
	t.Helper()
	ms, err := f.Store.Members(context.Background(), desktest.Workspace)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.User.Email == email {
			return m, true
		}
	}
	return store.Member{}, false
}

// TestMembers: the list, inviting with the link shown once, accepting,
// changing a role, removing (which ends the member's sessions at once),
// and the refusals.
func TestMembers(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	admin := f.SignIn(t, auth.RoleAdmin)
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator)

	_, body := admin.Get(t, "/w/demo/members")
	pageHas(t, body, "Members and roles", "viewer@demo.example", `id="invite-email"`, `href="/w/demo/members"`)
	if _, body := mod.Get(t, "/w/demo/queue"); strings.Contains(body, `href="/w/demo/members"`) {
		t.Errorf("a moderator sees the members link")
	}

	// Invite: the link is on the page, once; the pending invitation is listed.
	resp, body := admin.Post(t, "/w/demo/members", url.Values{"op": {"invite"}, "email": {"Noor@Example.org"}, "role": {"moderator"}})
	if resp.StatusCode != 200 {
		t.Fatalf("invite = %d\n%s", resp.StatusCode, body)
	}
	m := regexp.MustCompile(`id="invite-link" class="secret" readonly value="http://[^"]+(/invite/[A-Za-z0-9_-]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no invitation link on the page\n%s", body)
	}
	link := m[1]
	pageHas(t, body, "noor@example.org", "Invitations not yet accepted", "shown only now")
	if _, again := admin.Get(t, "/w/demo/members"); strings.Contains(again, link) {
		t.Errorf("the invitation link is shown again")
	}

	// The invited person, without a session.
	guest := desktest.NoRedirect()
	get := func(path string) (*http.Response, string) {
		resp, err := guest.Get(f.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp, readAll(resp)
	}
	post := func(path string, v url.Values) (*http.Response, string) {
		resp, err := guest.PostForm(f.URL+path, v)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp, readAll(resp)
	}
	resp, body = get(link)
	if resp.StatusCode != 200 {
		t.Fatalf("invitation page = %d", resp.StatusCode)
	}
	pageHas(t, body, "You are invited to the workspace demo as moderator.", `value="noor@example.org" readonly`, `id="inv-password"`)
	pageLacks(t, body, `action="/logout"`)
	if resp, body := post(link, url.Values{"name": {"Noor"}, "lang": {"nl"}, "password": {"short"}}); resp.StatusCode != 422 || !strings.Contains(body, "at least 12 characters") {
		t.Errorf("weak password = %d", resp.StatusCode)
	}
	if resp, _ := post(link, url.Values{"name": {""}, "lang": {"nl"}, "password": {"a long enough passphrase"}}); resp.StatusCode != 422 {
		t.Errorf("no name = %d", resp.StatusCode)
	}
	resp, _ = post(link, url.Values{"name": {"Noor"}, "lang": {"nl"}, "password": {"a long enough passphrase"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("accept = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, body := get("/w/demo/queue"); resp.StatusCode != 200 || !strings.Contains(body, `<html lang="nl">`) {
		t.Errorf("the new member's queue = %d", resp.StatusCode)
	}
	if resp, body := get(link); resp.StatusCode != http.StatusGone || !strings.Contains(body, "already been used") {
		t.Errorf("used invitation = %d", resp.StatusCode)
	}
	if resp, _ := get("/invite/not-a-token"); resp.StatusCode != 404 {
		t.Errorf("unknown invitation = %d", resp.StatusCode)
	}
	noor, ok := memberOf(t, f, "noor@example.org")
	if !ok || noor.Role != "moderator" {
		t.Fatalf("noor = %+v", noor)
	}

	// Change the role.
	if resp, _ := admin.Post(t, "/w/demo/members", url.Values{"op": {"role"}, "user": {fmt.Sprint(noor.UserID)}, "role": {"spokesperson"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set role = %d", resp.StatusCode)
	}
	if m, _ := memberOf(t, f, "noor@example.org"); m.Role != "spokesperson" {
		t.Errorf("role = %s", m.Role)
	}

	// Removing asks first, says what ends, and ends it at once.
	resp, _ = admin.Post(t, "/w/demo/members", url.Values{"op": {"remove"}, "user": {fmt.Sprint(noor.UserID)}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "remove=") {
		t.Fatalf("remove without confirmation = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, ok := memberOf(t, f, "noor@example.org"); !ok {
		t.Fatalf("removed without confirmation")
	}
	_, body = admin.Get(t, resp.Header.Get("Location"))
	pageHas(t, body, "Remove Noor?", "every session they have open ends now", "API tokens", `id="remove-confirm"`)
	resp, _ = admin.Post(t, "/w/demo/members", url.Values{"op": {"remove"}, "user": {fmt.Sprint(noor.UserID)}, "confirm": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove = %d", resp.StatusCode)
	}
	_, body = admin.Get(t, resp.Header.Get("Location"))
	pageHas(t, body, "Member removed: 1 session(s) ended")
	if resp, _ := get("/w/demo/queue"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the removed member still reaches the queue: %d", resp.StatusCode)
	}

	tests := []struct {
		name   string
		c      *desktest.Client
		form   url.Values
		status int
		text   string
	}{
		{"viewer", view, url.Values{"op": {"invite"}, "email": {"x@example.org"}, "role": {"admin"}}, 403, "Your role does not allow this"},
		{"moderator", mod, url.Values{"op": {"invite"}, "email": {"x@example.org"}, "role": {"admin"}}, 403, "Votre rôle"},
		{"forged CSRF", admin, url.Values{"op": {"invite"}, "email": {"x@example.org"}, "role": {"admin"}, "csrf_token": {"forged"}}, 403, "did not come from the desk"},
		{"bad e-mail", admin, url.Values{"op": {"invite"}, "email": {"not an address"}, "role": {"viewer"}}, 422, "Check the e-mail address"},
		{"unknown role", admin, url.Values{"op": {"invite"}, "email": {"x@example.org"}, "role": {"king"}}, 400, "not understood"},
		{"already a member", admin, url.Values{"op": {"invite"}, "email": {desktest.Email(auth.RoleViewer)}, "role": {"viewer"}}, 409, "already a member"},
		{"last admin", admin, url.Values{"op": {"remove"}, "user": {fmt.Sprint(admin.Session.UserID)}, "confirm": {"yes"}}, 409, "without an admin"},
		{"last admin demoted", admin, url.Values{"op": {"role"}, "user": {fmt.Sprint(admin.Session.UserID)}, "role": {"viewer"}}, 409, "without an admin"},
		{"unknown op", admin, url.Values{"op": {"promote"}}, 400, "not understood"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Post(t, "/w/demo/members", tt.form)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%s", resp.StatusCode, tt.status, tt.text, body)
			}
			if _, ok := memberOf(t, f, "x@example.org"); ok {
				t.Errorf("x became a member")
			}
			if m, _ := memberOf(t, f, desktest.Email(auth.RoleAdmin)); m.Role != "admin" {
				t.Errorf("the admin is now %s", m.Role)
			}
		})
	}
	// Withdrawing an invitation kills its link.
	resp, body = admin.Post(t, "/w/demo/members", url.Values{"op": {"invite"}, "email": {"late@example.org"}, "role": {"approver"}})
	link2 := regexp.MustCompile(`(/invite/[A-Za-z0-9_-]+)"`).FindStringSubmatch(body)[1]
	inv := regexp.MustCompile(`name="invite" value="(\d+)"`).FindStringSubmatch(body)[1]
	if resp, body := get(link2); resp.StatusCode != 200 || !strings.Contains(body, "two-step verification") {
		t.Errorf("approver's invitation page = %d", resp.StatusCode)
	}
	if resp, _ := admin.Post(t, "/w/demo/members", url.Values{"op": {"revoke"}, "invite": {inv}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("revoke = %d", resp.StatusCode)
	}
	if resp, _ := get(link2); resp.StatusCode != 404 {
		t.Errorf("revoked invitation = %d", resp.StatusCode)
	}
}

func readAll(resp *http.Response) string {
	b := new(strings.Builder)
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
