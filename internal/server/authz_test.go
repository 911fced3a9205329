package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

// principal is who calls in the matrix.
type principal struct {
	name    string
	role    auth.Role // "" for none
	full    bool      // passed every sign-in step
	cookie  string
	csrf    string
	pending bool // signed in, TOTP still to pass
}

// TestAuthorisationMatrix calls every route of the route table as every
// role, as a session still short of its TOTP step, and with no session,
// and checks that the route's Auth admitted exactly whom it should. The
// routes come from Server.Routes, so a new route is in the matrix the
// moment it is declared.
func TestAuthorisationMatrix(t *testing.T) {
	var mu sync.Mutex
	admitted := map[string]bool{}
	f := desktest.New(t, desktest.Options{OnAdmitted: func(r *http.Request) {
		mu.Lock()
		admitted[r.Header.Get("X-Matrix")] = true
		mu.Unlock()
	}})
	ctx := context.Background()
	var ps []principal
	ps = append(ps, principal{name: "no session"})
	// A crisis lead who signed in with the password but has not set up
	// TOTP yet, which the role requires.
	pend, err := f.Auth.Login(ctx, desktest.Email(auth.RoleCrisisLead), desktest.Password, "127.0.0.1:1")
	if err != nil || pend.Next != auth.StepEnrolTOTP {
		t.Fatalf("pending login = %+v, %v", pend, err)
	}
	ps = append(ps, principal{name: "TOTP pending", cookie: pend.ID, csrf: auth.CSRFToken(pend), pending: true})
	for _, r := range auth.Roles() {
		c := f.SignIn(t, r)
		ps = append(ps, principal{name: string(r), role: r, full: true, cookie: c.Session.ID, csrf: c.CSRF})
	}
	// Signing out ends the session: do it last.
	var ordered []string
	for _, rt := range f.Server.Routes() {
		if rt.Pattern != "POST /logout" {
			ordered = append(ordered, rt.Pattern+"\x00"+rt.Auth)
		}
	}
	for _, rt := range f.Server.Routes() {
		if rt.Pattern == "POST /logout" {
			ordered = append(ordered, rt.Pattern+"\x00"+rt.Auth)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 10 * time.Second}
	for _, p := range ps {
		for _, entry := range ordered {
			pattern, rule, _ := strings.Cut(entry, "\x00")
			want := expect(rule, p)
			t.Run(p.name+"/"+pattern, func(t *testing.T) {
				method, path, _ := strings.Cut(pattern, " ")
				path = strings.NewReplacer("{ws}", desktest.Workspace, "{id}", fmt.Sprint(f.Items[0]), "{file...}", "desk.css", "{$}", "").Replace(path)
				form := url.Values{}
				if p.csrf != "" {
					form.Set(auth.CSRFField, p.csrf)
				}
				if pattern == "POST /login" {
					form.Set("email", desktest.Email(auth.RoleViewer))
					form.Set("password", desktest.Password)
				}
				var body *strings.Reader
				if method == http.MethodPost {
					body = strings.NewReader(form.Encode())
				} else {
					body = strings.NewReader("")
				}
				reqCtx, cancel := context.WithCancel(ctx)
				defer cancel()
				req, _ := http.NewRequestWithContext(reqCtx, method, f.URL+path, body)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				key := p.name + " " + pattern
				req.Header.Set("X-Matrix", key)
				if p.cookie != "" {
					req.AddCookie(&http.Cookie{Name: f.Auth.CookieName(), Value: p.cookie})
				}
				resp, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				mu.Lock()
				got := admitted[key]
				mu.Unlock()
				if got != want {
					t.Errorf("%s as %s: admitted = %v, want %v (status %d, Location %q)", pattern, p.name, got, want, resp.StatusCode, resp.Header.Get("Location"))
				}
				if !got && resp.StatusCode < 300 {
					t.Errorf("%s as %s: denied with status %d", pattern, p.name, resp.StatusCode)
				}
			})
		}
	}
}

// expect is the rule, written out independently of the middleware.
func expect(rule string, p principal) bool {
	switch {
	case rule == "public", rule == "desk":
		return true
	case rule == "token":
		return false // no bearer token: a desk session never opens the API
	case rule == "session":
		return p.full
	case rule == "session:step":
		return p.full || p.pending
	case strings.HasPrefix(rule, "session:"):
		return p.full && auth.Can(p.role, auth.Permission(strings.TrimPrefix(rule, "session:")))
	}
	panic("route with an unknown Auth rule: " + rule)
}
