package desk_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestPages(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator) // a French-speaking moderator
	view := f.SignIn(t, auth.RoleViewer)
	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		status int
		want   []string
		not    []string
	}{
		{"queue in the user's language", mod, "/w/demo/queue", 200, []string{`<html lang="fr">`, "Boîte de réception", `<mark class="hl hl-threat"`, `data-key="h"`}, nil},
		{"html in items is escaped", mod, "/w/demo/queue", 200, []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;Troll&lt;/b&gt;"}, []string{"<script>alert(1)"}},
		{"filters", mod, "/w/demo/queue?category=threat", 200, []string{"je sais où vous habitez"}, []string{"Luna"}},
		{"status filter", mod, "/w/demo/queue?status=to_review", 200, []string{"oplichters"}, []string{"Luna"}},
		{"unknown filter values show everything", mod, "/w/demo/queue?category=nope&severity=9", 200, []string{"Luna", "oplichters"}, nil},
		{"viewer sees no action buttons", view, "/w/demo/queue", 200, []string{"Inbox"}, []string{`data-key="h"`, `name="ids"`}},
		{"item with thread, rule wording and author", view, fmt.Sprintf("/w/demo/items/%d", f.Items[1]), 200, []string{"Rule <code>C7</code>", "Honte à vous", "Claire B.", "2 items on this channel"}, nil},
		{"item of another workspace", view, "/w/other/items/1", 403, []string{"Your role does not allow this"}, nil},
		{"unknown item", view, "/w/demo/items/999999", 404, nil, nil},
		{"dashboard", view, "/w/demo/dashboard", 200, []string{"<svg", "Volume over time", "open cases"}, nil},
		{"dashboard period", view, "/w/demo/dashboard?period=24h", 200, []string{`aria-current="true">last 24 hours`}, nil},
		{"home goes to the queue", view, "/", 303, nil, nil},
		{"live rows after an id", view, fmt.Sprintf("/w/demo/queue?fragment=rows&after=%d", f.Items[len(f.Items)-2]), 200, []string{"pas encore analysé"}, []string{"<html", "Luna"}},
		{"no live rows without an id", view, "/w/demo/queue?fragment=rows", 200, nil, []string{"q-item"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
			if resp.StatusCode == 200 && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") && !strings.Contains(tt.path, "fragment") {
				t.Errorf("no CSP header")
			}
		})
	}
}

func nonce(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="nonce"[^>]*value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no nonce in the page")
	}
	return m[1]
}

func actionsOf(t *testing.T, f *desktest.Fixture, id int64) []act.Action {
	t.Helper()
	d, err := f.Store.Decision(context.Background(), desktest.Workspace, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []act.Action
	for _, a := range d.Actions {
		if strings.HasPrefix(a.RequestedBy, "user:") {
			out = append(out, a)
		}
	}
	return out
}

func status(t *testing.T, f *desktest.Fixture, id int64) string {
	t.Helper()
	q, err := f.Store.QueueItem(context.Background(), desktest.Workspace, id, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return q.Status
}

func TestActions(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator)
	_, page := mod.Get(t, "/w/demo/queue")
	n := nonce(t, page)
	review := f.Items[1] // "to review", rule C7

	// A double click: the same form twice acts once.
	for range 2 {
		resp, _ := mod.Post(t, "/w/demo/queue/act", url.Values{"one": {fmt.Sprintf("hide:%d", review)}, "nonce": {n}, "back": {"/w/demo/queue?status=to_review"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/w/demo/queue?flash=done_hide&status=to_review" {
			t.Fatalf("hide = %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	as := actionsOf(t, f, review)
	if len(as) != 1 || as[0].Kind != act.Hide || as[0].RequestedBy != fmt.Sprintf("user:%d", mod.Session.UserID) || as[0].RuleID != "C7" {
		t.Fatalf("outbox after a double hide = %+v", as)
	}
	if s := status(t, f, review); s != store.StatusHidden {
		t.Errorf("status = %s", s)
	}
	cs, _ := f.Store.Corrections(context.Background(), desktest.Workspace)
	if len(cs) != 1 || cs[0].OldVerdict != "review" || cs[0].NewVerdict != "hide" || cs[0].ItemID != review {
		t.Errorf("corrections = %+v", cs)
	}

	// htmx: the row comes back, with a fresh nonce out of band.
	resp, body := mod.Post(t, "/w/demo/queue/act", url.Values{"one": {fmt.Sprintf("unhide:%d", review)}, "nonce": {n}}, "HX-Request", "true")
	if resp.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`id="item-%d"`, review)) || !strings.Contains(body, `hx-swap-oob="true"`) || strings.Contains(body, "<html") {
		t.Fatalf("htmx unhide = %d\n%s", resp.StatusCode, body)
	}
	if nonce(t, body) == n {
		t.Errorf("the swapped nonce is the old one")
	}

	// Notify the author with the rule's public wording, in the item's language.
	resp, _ = mod.Post(t, fmt.Sprintf("/w/demo/items/%d/act", review), url.Values{"kind": {"notify_author"}, "nonce": {"n2"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("notify = %d", resp.StatusCode)
	}
	var notify *act.Action
	for _, a := range actionsOf(t, f, review) {
		if a.Kind == act.NotifyAuthor {
			notify = &a
		}
	}
	if notify == nil || !strings.Contains(string(notify.Params), `"rule":"C7"`) || !strings.Contains(string(notify.Params), `"lang":"fr"`) {
		t.Errorf("notify action = %+v", notify)
	}
	// No rule, nothing to tell.
	resp, _ = mod.Post(t, fmt.Sprintf("/w/demo/items/%d/act", f.Items[3]), url.Values{"kind": {"notify_author"}, "nonce": {"n3"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("notify without a rule = %d", resp.StatusCode)
	}

	// Bulk: escalate two, each queued once.
	resp, _ = mod.Post(t, "/w/demo/queue/act", url.Values{"bulk": {"escalate"}, "ids": {fmt.Sprint(f.Items[5]), fmt.Sprint(f.Items[6])}, "nonce": {"bulk1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("bulk = %d", resp.StatusCode)
	}
	for _, id := range f.Items[5:7] {
		if as := actionsOf(t, f, id); len(as) != 1 || as[0].Kind != act.Escalate || status(t, f, id) != store.StatusEscalated {
			t.Errorf("item %d after bulk escalate: %+v", id, as)
		}
	}

	// Supporter label, then the author's page shows it.
	mod.Post(t, fmt.Sprintf("/w/demo/items/%d/act", f.Items[3]), url.Values{"kind": {"supporter"}, "nonce": {"n4"}})
	if _, body := mod.Get(t, fmt.Sprintf("/w/demo/items/%d", f.Items[3])); !strings.Contains(body, `class="chip label"`) {
		t.Errorf("supporter label not shown")
	}

	// Every step is audited as the user.
	var kinds []string
	f.Store.WalkAudit(context.Background(), func(e audit.Event) error {
		if e.Actor == fmt.Sprintf("user:%d", mod.Session.UserID) && strings.HasPrefix(e.Kind, "desk.") {
			kinds = append(kinds, e.Kind)
		}
		return nil
	})
	if want := "[desk.hide desk.unhide desk.notify_author desk.escalate desk.escalate desk.supporter]"; fmt.Sprint(kinds) != want {
		t.Errorf("audited = %v, want %s", kinds, want)
	}
}

func TestClaims(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleModerator)
	spk := f.SignIn(t, auth.RoleSpokesperson)
	item := fmt.Sprintf("/w/demo/items/%d", f.Items[0])
	if resp, _ := mod.Post(t, item+"/claim", url.Values{"op": {"claim"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim = %d", resp.StatusCode)
	}
	if resp, body := spk.Post(t, item+"/claim", url.Values{"op": {"claim"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else is answering") {
		t.Errorf("second claim = %d", resp.StatusCode)
	}
	// The whole thread shows who holds it.
	if _, body := spk.Get(t, "/w/demo/queue"); strings.Count(body, "Test moderator is answering") != 3 {
		t.Errorf("the queue does not show the claim on the thread's 3 items")
	}
	if resp, _ := mod.Post(t, item+"/claim", url.Values{"op": {"release"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("release = %d", resp.StatusCode)
	}
	if resp, _ := spk.Post(t, item+"/claim", url.Values{"op": {"claim"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("claim after release = %d", resp.StatusCode)
	}
}

// TestBadInput: each refusal has the right status, a clear page, and
// changes nothing.
func TestBadInput(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	mod := f.SignIn(t, auth.RoleSpokesperson) // may moderate; reads English
	view := f.SignIn(t, auth.RoleViewer)
	hide := url.Values{"one": {fmt.Sprintf("hide:%d", f.Items[1])}, "nonce": {"x"}}
	tests := []struct {
		name   string
		do     func() (*http.Response, string)
		status int
		text   string
	}{
		{"forged CSRF token", func() (*http.Response, string) {
			v := url.Values{"csrf_token": {"forged"}}
			for k, vs := range hide {
				v[k] = vs
			}
			return mod.Post(t, "/w/demo/queue/act", v)
		}, 403, "did not come from the desk"},
		{"another session's CSRF token", func() (*http.Response, string) {
			v := url.Values{"csrf_token": {view.CSRF}}
			for k, vs := range hide {
				v[k] = vs
			}
			return mod.Post(t, "/w/demo/queue/act", v)
		}, 403, "did not come from the desk"},
		{"cross-origin post", func() (*http.Response, string) {
			return mod.Post(t, "/w/demo/queue/act", hide, "Sec-Fetch-Site", "cross-site")
		}, 403, "did not come from the desk"},
		{"viewer on a moderator's route", func() (*http.Response, string) { return view.Post(t, "/w/demo/queue/act", hide) }, 403, "Your role does not allow this"},
		{"oversized form", func() (*http.Response, string) {
			v := url.Values{"big": {strings.Repeat("x", 70<<10)}}
			for k, vs := range hide {
				v[k] = vs
			}
			return mod.Post(t, "/w/demo/queue/act", v)
		}, 413, "too large"},
		{"unknown step", func() (*http.Response, string) {
			return mod.Post(t, "/w/demo/queue/act", url.Values{"one": {fmt.Sprintf("explode:%d", f.Items[1])}, "nonce": {"x"}})
		}, 400, "not understood"},
		{"no nonce", func() (*http.Response, string) {
			return mod.Post(t, "/w/demo/queue/act", url.Values{"one": {fmt.Sprintf("hide:%d", f.Items[1])}})
		}, 400, "not understood"},
		{"item of another workspace", func() (*http.Response, string) {
			return mod.Post(t, "/w/other/queue/act", hide)
		}, 403, "Your role does not allow this"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.do()
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%s", resp.StatusCode, tt.status, tt.text, body)
			}
			if s := status(t, f, f.Items[1]); s != store.StatusToReview {
				t.Errorf("item changed to %s", s)
			}
			if as := actionsOf(t, f, f.Items[1]); len(as) != 0 {
				t.Errorf("actions queued: %+v", as)
			}
		})
	}
}

func TestSessions(t *testing.T) {
	now := time.Now()
	clock := func() time.Time { return now }
	f := desktest.New(t, desktest.Options{Now: func() time.Time { return clock() }})
	c := desktest.NoRedirect()
	get := func(path string) *http.Response {
		resp, err := c.Get(f.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := get("/w/demo/queue"); r.StatusCode != 303 || r.Header.Get("Location") != "/login?next=%2Fw%2Fdemo%2Fqueue" {
		t.Errorf("no session = %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	post := func(path string, v url.Values) *http.Response {
		resp, err := c.PostForm(f.URL+path, v)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := post("/login", url.Values{"email": {desktest.Email(auth.RoleViewer)}, "password": {"wrong password!"}}); r.StatusCode != 401 {
		t.Errorf("wrong password = %d", r.StatusCode)
	}
	if r := post("/login", url.Values{"email": {desktest.Email(auth.RoleViewer)}, "password": {desktest.Password}, "next": {"//evil.example/x"}}); r.StatusCode != 303 || r.Header.Get("Location") != "/" {
		t.Errorf("login = %d %s (an off-site next must be ignored)", r.StatusCode, r.Header.Get("Location"))
	}
	if r := get("/w/demo/queue"); r.StatusCode != 200 {
		t.Errorf("queue after login = %d", r.StatusCode)
	}
	// The approver must enrol: every page leads to enrolment.
	c2 := desktest.NoRedirect()
	resp, _ := c2.PostForm(f.URL+"/login", url.Values{"email": {desktest.Email(auth.RoleApprover)}, "password": {desktest.Password}})
	resp.Body.Close()
	if resp.Header.Get("Location") != "/login/enrol" {
		t.Errorf("approver's first login goes to %s", resp.Header.Get("Location"))
	}
	r2, _ := c2.Get(f.URL + "/w/demo/queue")
	r2.Body.Close()
	if r2.Header.Get("Location") != "/login/enrol" {
		t.Errorf("queue before enrolment goes to %s", r2.Header.Get("Location"))
	}
	// Idle for a day: the session has expired; back to sign-in with a word.
	now = now.Add(25 * time.Hour)
	if r := get("/w/demo/queue"); r.StatusCode != 303 || r.Header.Get("Location") != "/login?expired=1" {
		t.Errorf("expired = %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	lp, _ := c.Get(f.URL + "/login?expired=1")
	b := new(strings.Builder)
	bufio.NewReader(lp.Body).WriteTo(b)
	lp.Body.Close()
	if !strings.Contains(b.String(), "Your session has ended") {
		t.Errorf("login page does not say the session ended")
	}
}

func TestLanguageSwitch(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	v := f.SignIn(t, auth.RoleViewer)
	resp, _ := v.Post(t, "/lang", url.Values{"lang": {"nb"}, "back": {"/w/demo/dashboard"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/w/demo/dashboard" {
		t.Fatalf("switch = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := v.Get(t, "/w/demo/dashboard"); !strings.Contains(body, `<html lang="nb">`) || !strings.Contains(body, "Oversikt") {
		t.Errorf("dashboard not in Norwegian")
	}
	if resp, _ := v.Post(t, "/lang", url.Values{"lang": {"xx"}}); resp.StatusCode != 400 {
		t.Errorf("unknown language = %d", resp.StatusCode)
	}
	// Before sign-in: the browser's language, or the one picked.
	c := desktest.NoRedirect()
	req, _ := http.NewRequest("GET", f.URL+"/login", nil)
	req.Header.Set("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5")
	r, _ := c.Do(req)
	b := new(strings.Builder)
	bufio.NewReader(r.Body).WriteTo(b)
	r.Body.Close()
	if !strings.Contains(b.String(), "Logga in") {
		t.Errorf("login page ignores Accept-Language")
	}
}

func TestEvents(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	v := f.SignIn(t, auth.RoleViewer)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", f.URL+"/w/demo/events", nil)
	resp, err := v.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("content type %s", resp.Header.Get("Content-Type"))
	}
	rd := bufio.NewReader(resp.Body)
	rd.ReadString('\n') // retry:
	f.Desk.Notify([]store.Decision{{Workspace: "other", ItemID: 1}, {Workspace: "demo", ItemID: 42}})
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(line, "data:") {
			if strings.TrimSpace(line) != "data: 42" {
				t.Errorf("event = %q, want only the demo workspace's item", line)
			}
			return
		}
	}
}

// normalise removes what changes between runs: times, tokens, nonces.
func normalise(s string) string {
	for _, r := range []struct{ re, to string }{
		{`\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?Z?`, "TIME"},
		{`name="csrf_token" value="[^"]*"`, `name="csrf_token" value="CSRF"`},
		{`name="nonce"( id="nonce")? value="[^"]*"`, `name="nonce"$1 value="NONCE"`},
	} {
		s = regexp.MustCompile(r.re).ReplaceAllString(s, r.to)
	}
	return s
}

func TestGolden(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	v := f.SignIn(t, auth.RoleModerator)
	for name, path := range map[string]string{"queue.html": "/w/demo/queue", "item.html": fmt.Sprintf("/w/demo/items/%d", f.Items[0])} {
		t.Run(name, func(t *testing.T) {
			_, body := v.Get(t, path)
			checkGolden(t, name, body)
		})
	}
}

// mainOf is the page's <main> element: the golden file covers the screen,
// not the navigation the layout adds around it.
func mainOf(body string) string {
	i := strings.Index(body, "<main")
	j := strings.LastIndex(body, "</main>")
	if i < 0 || j < i {
		return body
	}
	return body[i : j+len("</main>")]
}

// checkGolden compares body, normalised, with testdata/<name>.golden
// (-update rewrites it).
func checkGolden(t *testing.T, name, body string) {
	t.Helper()
	got := normalise(body)
	file := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update after checking the change):\n%s", file, firstDiff(string(want), got))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}
