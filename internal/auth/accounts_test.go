package auth

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

const password = "correct horse battery staple"

type fixture struct {
	t   *testing.T
	ctx context.Context
	st  *sqlite.Store
	svc *Service
	clk *clock
}

// newFixture opens a real store with workspaces demo and other, and a
// Service with cheap argon2 parameters and a fake clock.
func newFixture(t *testing.T, tweak ...func(*Config)) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, ws := range []string{"demo", "other"} {
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: ws}, "system"); err != nil {
			t.Fatal(err)
		}
	}
	clk := newClock()
	cfg := Config{Now: clk.Now, Password: testParams, SecretKey: bytes.Repeat([]byte{1}, 32)}
	for _, f := range tweak {
		f(&cfg)
	}
	svc, err := NewService(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, ctx: ctx, st: st, svc: svc, clk: clk}
}

func (f *fixture) user(email, workspace string, role Role) store.User {
	f.t.Helper()
	u, err := f.svc.AddUser(f.ctx, "system", workspace, NewAccount{Email: email, DisplayName: "Name " + email, Lang: "fr", Password: password, Role: role})
	if err != nil {
		f.t.Fatalf("AddUser(%s): %v", email, err)
	}
	return u
}

func (f *fixture) login(email string) *Session {
	f.t.Helper()
	sess, err := f.svc.Login(f.ctx, email, password, "192.0.2.1")
	if err != nil {
		f.t.Fatalf("Login(%s): %v", email, err)
	}
	return sess
}

// request carries the session's cookie, as the browser would send it.
func (f *fixture) request(sess *Session) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "https://stormwatch.example/w/demo", nil)
	if sess != nil {
		// Not through SetSessionCookie: its Max-Age would drop the cookie
		// at expiry, and these tests check what the server does then.
		r.AddCookie(&http.Cookie{Name: f.svc.CookieName(), Value: sess.ID})
	}
	return r
}

func (f *fixture) authenticate(sess *Session) (*Session, *store.User, error) {
	return f.svc.Authenticate(f.request(sess))
}

// enrol sets up TOTP for the session's user and returns the secret.
func (f *fixture) enrol(sess *Session) []byte {
	f.t.Helper()
	e, err := f.svc.EnrolTOTP(f.ctx, sess.ID)
	if err != nil {
		f.t.Fatalf("EnrolTOTP: %v", err)
	}
	secret, err := b32.DecodeString(e.Secret)
	if err != nil {
		f.t.Fatal(err)
	}
	codes, err := f.svc.ConfirmTOTP(f.ctx, sess.ID, TOTPCode(secret, f.clk.Now()))
	if err != nil || len(codes) != recoveryCodeCount {
		f.t.Fatalf("ConfirmTOTP = %v, %v", codes, err)
	}
	return secret
}

func (f *fixture) auditKinds() []audit.Event {
	f.t.Helper()
	var v audit.Verifier
	var evs []audit.Event
	if err := f.st.WalkAudit(f.ctx, func(e audit.Event) error { v.Add(e); evs = append(evs, e); return nil }); err != nil {
		f.t.Fatal(err)
	}
	if _, err := v.Finish(nil); err != nil {
		f.t.Errorf("audit chain: %v", err)
	}
	return evs
}

func hasEvent(evs []audit.Event, kind, actor, subject string) bool {
	return slices.ContainsFunc(evs, func(e audit.Event) bool {
		return e.Kind == kind && (actor == "" || e.Actor == actor) && (subject == "" || e.Subject == subject)
	})
}

func TestNewServiceValidates(t *testing.T) {
	if _, err := NewService(nil, Config{Password: testParams, SecretKey: []byte("short")}); err == nil {
		t.Error("a 5-byte key accepted")
	}
	if _, err := NewService(nil, Config{Password: Params{Memory: 1, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}}); err == nil {
		t.Error("unusable argon2 parameters accepted")
	}
}

func TestLoginAndSession(t *testing.T) {
	f := newFixture(t)
	u := f.user("Mod@Clinique.example", "demo", RoleModerator)
	sess := f.login("  mod@CLINIQUE.example ")
	if sess.UserID != u.ID || sess.Next != StepNone || sess.SecondFactor || len(sess.ID) != 43 || !sess.ExpiresAt.Equal(f.clk.Now().Add(7*24*time.Hour)) {
		t.Fatalf("session = %+v", sess)
	}
	got, gu, err := f.authenticate(sess)
	if err != nil || got.UserID != u.ID || gu.Email != "mod@clinique.example" {
		t.Fatalf("Authenticate = %+v, %+v, %v", got, gu, err)
	}
	// The CSRF token of the loaded session is the one of the login.
	r := httptest.NewRequest(http.MethodPost, "/x", nil)
	r.Header.Set(CSRFHeader, CSRFToken(sess))
	if err := CheckCSRF(r, got); err != nil {
		t.Errorf("CSRF token from login refused on the loaded session: %v", err)
	}
	for name, r := range map[string]*http.Request{
		"no cookie": f.request(nil),
		"junk cookie": func() *http.Request {
			r := f.request(nil)
			r.AddCookie(&http.Cookie{Name: CookieName, Value: "junk"})
			return r
		}(),
		"unknown id": func() *http.Request {
			r := f.request(nil)
			r.AddCookie(&http.Cookie{Name: CookieName, Value: newSessionID()})
			return r
		}(),
		"insecure name": func() *http.Request {
			r := f.request(nil)
			r.AddCookie(&http.Cookie{Name: InsecureCookieName, Value: sess.ID})
			return r
		}(),
		"stored hash as cookie": func() *http.Request {
			r := f.request(nil)
			r.AddCookie(&http.Cookie{Name: CookieName, Value: base64.RawURLEncoding.EncodeToString(sess.idHash)})
			return r
		}(),
	} {
		if _, _, err := f.svc.Authenticate(r); !errors.Is(err, ErrNoSession) {
			t.Errorf("%s: Authenticate = %v, want ErrNoSession", name, err)
		}
	}
	if err := f.svc.Logout(f.ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.authenticate(sess); !errors.Is(err, ErrNoSession) {
		t.Errorf("after logout: %v", err)
	}
	if err := f.svc.Logout(f.ctx, sess.ID); err != nil {
		t.Errorf("second logout: %v", err)
	}
	evs := f.auditKinds()
	actor := UserActor(u.ID)
	for _, k := range []string{"auth.login", "auth.logout"} {
		if !hasEvent(evs, k, actor, actor) {
			t.Errorf("no %s event by %s", k, actor)
		}
	}
}

func TestSessionExpiry(t *testing.T) {
	tests := []struct {
		name  string
		steps []time.Duration // requests at these intervals, all must pass
		last  time.Duration   // then one after this long
		want  error
	}{
		{"active within the idle limit", nil, 11*time.Hour + 59*time.Minute, nil},
		{"idle for 12 hours", nil, 12 * time.Hour, ErrExpired},
		{"activity extends the idle limit", []time.Duration{11 * time.Hour, 11 * time.Hour}, 11 * time.Hour, nil},
		{"absolute limit despite activity", []time.Duration{11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour}, 3 * time.Hour, ErrExpired}, // 168 h
		{"just before the absolute limit", []time.Duration{11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour, 11 * time.Hour}, 3*time.Hour - time.Second, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.user("mod@example.com", "demo", RoleModerator)
			sess := f.login("mod@example.com")
			for i, d := range tt.steps {
				f.clk.Advance(d)
				if _, _, err := f.authenticate(sess); err != nil {
					t.Fatalf("request %d: %v", i, err)
				}
			}
			f.clk.Advance(tt.last)
			_, _, err := f.authenticate(sess)
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Errorf("Authenticate = %v, want %v", err, tt.want)
			}
			if tt.want != nil {
				if n, err := f.svc.PurgeExpired(f.ctx); err != nil || n != 1 {
					t.Errorf("PurgeExpired = %d, %v; want 1", n, err)
				}
			}
		})
	}
}

func TestCookieAttributes(t *testing.T) {
	for _, insecure := range []bool{false, true} {
		f := newFixture(t, func(c *Config) { c.InsecureCookies = insecure })
		f.user("mod@example.com", "demo", RoleModerator)
		sess := f.login("mod@example.com")
		w := httptest.NewRecorder()
		f.svc.SetSessionCookie(w, sess)
		raw := w.Header().Get("Set-Cookie")
		c := w.Result().Cookies()[0]
		wantName := CookieName
		if insecure {
			wantName = InsecureCookieName
		}
		if c.Name != wantName || c.Value != sess.ID || c.Path != "/" || !c.HttpOnly || c.Secure == insecure || c.SameSite != http.SameSiteLaxMode || c.Domain != "" || c.MaxAge != 7*24*3600 {
			t.Errorf("insecure=%v: cookie %s", insecure, raw)
		}
		w = httptest.NewRecorder()
		f.svc.ClearSessionCookie(w)
		if c := w.Result().Cookies()[0]; c.Name != wantName || c.MaxAge >= 0 || c.Value != "" {
			t.Errorf("insecure=%v: clearing cookie %s", insecure, w.Header().Get("Set-Cookie"))
		}
	}
}

func TestLockout(t *testing.T) {
	f := newFixture(t)
	u := f.user("mod@example.com", "demo", RoleModerator)
	try := func(pw string) error {
		_, err := f.svc.Login(f.ctx, "mod@example.com", pw, "192.0.2.1")
		return err
	}
	steps := []struct {
		advance time.Duration
		pw      string
		want    error
	}{
		{0, "wrong 1", ErrBadCredentials},
		{0, "wrong 2", ErrBadCredentials},
		{0, "wrong 3", ErrBadCredentials},
		{0, "wrong 4", ErrBadCredentials},
		{0, "wrong 5", ErrLocked}, // the fifth failure locks
		{0, password, ErrLocked},  // even the right password, while locked
		{14 * time.Minute, password, ErrLocked},
		{time.Minute, "wrong 6", ErrLocked}, // lock over; one more failure locks again, longer
		{29 * time.Minute, password, ErrLocked},
		{time.Minute, password, nil}, // 30 minutes later: in, and the count starts over
		{0, "wrong again", ErrBadCredentials},
	}
	for i, s := range steps {
		f.clk.Advance(s.advance)
		if err := try(s.pw); !errors.Is(err, s.want) && !(s.want == nil && err == nil) {
			t.Errorf("step %d (%q): %v, want %v", i, s.pw, err, s.want)
		}
	}
	evs := f.auditKinds()
	subject := UserActor(u.ID)
	if !hasEvent(evs, "auth.login_failed", "anonymous", subject) || !hasEvent(evs, "auth.locked", "anonymous", subject) {
		t.Error("failures and locks are not audited")
	}
}

func TestUnknownAccountsLookTheSame(t *testing.T) {
	f := newFixture(t)
	f.user("mod@example.com", "demo", RoleModerator)
	disabled := f.user("gone@example.com", "demo", RoleViewer)
	if _, err := f.st.DisableUser(f.ctx, disabled.ID, f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	// Five wrong attempts on a real account, an unknown one and a disabled
	// one give the same answers, lock-out included.
	for _, email := range []string{"mod@example.com", "nobody@example.com", "gone@example.com"} {
		var got []string
		for range 6 {
			_, err := f.svc.Login(f.ctx, email, "wrong password", "192.0.2.1")
			got = append(got, fmt.Sprint(err))
			f.clk.Advance(time.Second)
		}
		want := strings.Repeat(ErrBadCredentials.Error()+" ", 4) + ErrLocked.Error() + " " + ErrLocked.Error()
		if strings.Join(got, " ") != want {
			t.Errorf("%s: %v", email, got)
		}
	}
	// A disabled account cannot sign in with its right password either.
	other := f.user("gone2@example.com", "demo", RoleViewer)
	if _, err := f.st.DisableUser(f.ctx, other.ID, f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Login(f.ctx, "gone2@example.com", password, "192.0.2.1"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("disabled account, right password: %v", err)
	}
}

func TestIPRateLimit(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.LoginBurst = 3; c.LoginPerMinute = 1 })
	f.user("mod@example.com", "demo", RoleModerator)
	// Spraying accounts from one address: the burst of 3, then refused,
	// whatever the account and even with the right password.
	for i, tc := range []struct {
		email, pw, addr string
		want            error
	}{
		{"a@example.com", "wrong password", "198.51.100.9:1234", ErrBadCredentials},
		{"b@example.com", "wrong password", "198.51.100.9:1235", ErrBadCredentials},
		{"mod@example.com", password, "198.51.100.9:1236", nil},
		{"mod@example.com", password, "198.51.100.9", ErrRateLimited},
	} {
		_, err := f.svc.Login(f.ctx, tc.email, tc.pw, tc.addr)
		if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
			t.Errorf("attempt %d: %v, want %v", i, err, tc.want)
		}
	}
	if _, err := f.svc.Login(f.ctx, "mod@example.com", password, "203.0.113.1"); err != nil {
		t.Errorf("another address is limited too: %v", err)
	}
	f.clk.Advance(time.Minute)
	if _, err := f.svc.Login(f.ctx, "mod@example.com", password, "198.51.100.9"); err != nil {
		t.Errorf("a minute later: %v", err)
	}
}

func TestRehashOnLogin(t *testing.T) {
	f := newFixture(t)
	u := f.user("mod@example.com", "demo", RoleModerator)
	stronger := testParams
	stronger.Time = 2
	svc, err := NewService(f.st, Config{Now: f.clk.Now, Password: stronger})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login(f.ctx, "mod@example.com", password, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	c, _ := f.st.Credentials(f.ctx, u.ID)
	if NeedsRehash(c.PasswordHash, stronger) {
		t.Errorf("hash not replaced at login: %s", c.PasswordHash)
	}
	if _, err := svc.Login(f.ctx, "mod@example.com", password, "192.0.2.1"); err != nil {
		t.Errorf("login with the new hash: %v", err)
	}
}

func TestTOTPRequiredForRoles(t *testing.T) {
	for _, role := range Roles() {
		t.Run(string(role), func(t *testing.T) {
			f := newFixture(t)
			f.user("person@example.com", "demo", role)
			sess := f.login("person@example.com")
			_, _, err := f.authenticate(sess)
			if role.RequiresTOTP() {
				if sess.Next != StepEnrolTOTP || !errors.Is(err, ErrEnrolmentRequired) || !errors.Is(err, ErrSecondFactorRequired) {
					t.Errorf("Next = %q, Authenticate = %v; want enrolment required", sess.Next, err)
				}
			} else if sess.Next != StepNone || err != nil {
				t.Errorf("Next = %q, Authenticate = %v; want none", sess.Next, err)
			}
		})
	}
}

func TestTOTPFlow(t *testing.T) {
	f := newFixture(t)
	u := f.user("lead@example.com", "demo", RoleCrisisLead)
	sess := f.login("lead@example.com")
	if err := f.svc.VerifyTOTP(f.ctx, sess.ID, "123456"); !errors.Is(err, ErrEnrolmentRequired) {
		t.Errorf("VerifyTOTP before enrolment = %v", err)
	}
	if _, err := f.svc.ConfirmTOTP(f.ctx, sess.ID, "123456"); !errors.Is(err, ErrNoEnrolment) {
		t.Errorf("ConfirmTOTP before EnrolTOTP = %v", err)
	}
	e, err := f.svc.EnrolTOTP(f.ctx, sess.ID)
	if err != nil || !strings.HasPrefix(e.URL, "otpauth://totp/Stormwatch:lead@example.com?") {
		t.Fatalf("EnrolTOTP = %+v, %v", e, err)
	}
	secret, _ := b32.DecodeString(e.Secret)
	// The secret is sealed at rest.
	if c, _ := f.st.Credentials(f.ctx, u.ID); c.TOTPSecret[0] != sealGCM || bytes.Contains(c.TOTPSecret, secret) {
		t.Error("TOTP secret stored unsealed despite a key")
	}
	if _, err := f.svc.ConfirmTOTP(f.ctx, sess.ID, "12345"); !errors.Is(err, ErrBadCode) {
		t.Errorf("malformed confirmation = %v", err)
	}
	wrong := fmt.Sprintf("%06d", (atoi(TOTPCode(secret, f.clk.Now()))+1)%1000000)
	if _, err := f.svc.ConfirmTOTP(f.ctx, sess.ID, wrong); !errors.Is(err, ErrBadCode) {
		t.Errorf("wrong confirmation = %v", err)
	}
	firstCode := TOTPCode(secret, f.clk.Now())
	recovery, err := f.svc.ConfirmTOTP(f.ctx, sess.ID, firstCode)
	if err != nil || len(recovery) != recoveryCodeCount {
		t.Fatalf("ConfirmTOTP = %v, %v", recovery, err)
	}
	if got, _, err := f.authenticate(sess); err != nil || !got.SecondFactor {
		t.Errorf("after enrolment: %+v, %v", got, err)
	}
	if _, err := f.svc.EnrolTOTP(f.ctx, sess.ID); !errors.Is(err, ErrTOTPEnabled) {
		t.Errorf("re-enrolment = %v, want ErrTOTPEnabled", err)
	}

	// A new login must pass TOTP, and nothing else is reachable before.
	s2 := f.login("lead@example.com")
	if s2.Next != StepVerifyTOTP {
		t.Fatalf("Next = %q", s2.Next)
	}
	if _, _, err := f.authenticate(s2); !errors.Is(err, ErrSecondFactorRequired) || errors.Is(err, ErrEnrolmentRequired) {
		t.Errorf("Authenticate before TOTP = %v", err)
	}
	if _, err := f.svc.EnrolTOTP(f.ctx, s2.ID); !errors.Is(err, ErrTOTPEnabled) {
		t.Errorf("enrolling anew to skip TOTP = %v, want ErrTOTPEnabled", err)
	}
	if err := f.svc.VerifyTOTP(f.ctx, s2.ID, firstCode); !errors.Is(err, ErrBadCode) {
		t.Errorf("replay of the enrolment code = %v, want ErrBadCode", err)
	}
	f.clk.Advance(30 * time.Second)
	if err := f.svc.VerifyTOTP(f.ctx, s2.ID, TOTPCode(secret, f.clk.Now())); err != nil {
		t.Fatalf("VerifyTOTP = %v", err)
	}
	if got, _, err := f.authenticate(s2); err != nil || !got.SecondFactor {
		t.Errorf("after TOTP: %+v, %v", got, err)
	}
	if err := f.svc.VerifyTOTP(f.ctx, s2.ID, "000000"); err != nil {
		t.Errorf("VerifyTOTP on a verified session = %v, want nil", err)
	}

	// A recovery code works once.
	s3 := f.login("lead@example.com")
	if err := f.svc.VerifyTOTP(f.ctx, s3.ID, strings.ToUpper(recovery[0])); err != nil {
		t.Fatalf("recovery code = %v", err)
	}
	s4 := f.login("lead@example.com")
	if err := f.svc.VerifyTOTP(f.ctx, s4.ID, recovery[0]); !errors.Is(err, ErrBadCode) {
		t.Errorf("recovery code twice = %v", err)
	}
	evs := f.auditKinds()
	for _, k := range []string{"totp.enrolment_started", "totp.enabled", "auth.second_factor"} {
		if !hasEvent(evs, k, UserActor(u.ID), UserActor(u.ID)) {
			t.Errorf("no %s event", k)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestTOTPGuessingLocks: wrong codes count towards the lock-out, and a
// correct password does not reset the count while the code is pending.
func TestTOTPGuessingLocks(t *testing.T) {
	f := newFixture(t)
	f.user("approver@example.com", "demo", RoleApprover)
	secret := f.enrol(f.login("approver@example.com"))
	f.clk.Advance(time.Minute)
	wrong := func() string { return fmt.Sprintf("%06d", (atoi(TOTPCode(secret, f.clk.Now()))+500000)%1000000) }
	sess := f.login("approver@example.com")
	for i := 1; i <= 4; i++ {
		if err := f.svc.VerifyTOTP(f.ctx, sess.ID, wrong()); !errors.Is(err, ErrBadCode) {
			t.Fatalf("guess %d = %v", i, err)
		}
		sess = f.login("approver@example.com") // the password again: must not reset the count
	}
	if err := f.svc.VerifyTOTP(f.ctx, sess.ID, wrong()); !errors.Is(err, ErrLocked) {
		t.Errorf("fifth wrong code = %v, want ErrLocked", err)
	}
	if err := f.svc.VerifyTOTP(f.ctx, sess.ID, TOTPCode(secret, f.clk.Now())); !errors.Is(err, ErrLocked) {
		t.Errorf("right code while locked = %v, want ErrLocked", err)
	}
	if _, err := f.svc.Login(f.ctx, "approver@example.com", password, "192.0.2.1"); !errors.Is(err, ErrLocked) {
		t.Errorf("login while locked = %v", err)
	}
	f.clk.Advance(15 * time.Minute)
	if err := f.svc.VerifyTOTP(f.ctx, sess.ID, TOTPCode(secret, f.clk.Now())); err != nil {
		t.Errorf("right code after the lock = %v", err)
	}
	u, _ := f.st.UserByEmail(f.ctx, "approver@example.com")
	if u.FailedLogins != 0 {
		t.Errorf("count after a complete login = %d, want 0", u.FailedLogins)
	}
}

func TestRoleRaiseDemandsTOTP(t *testing.T) {
	f := newFixture(t)
	admin := f.user("admin@example.com", "demo", RoleAdmin)
	mod := f.user("mod@example.com", "demo", RoleModerator)
	sess := f.login("mod@example.com")
	if _, _, err := f.authenticate(sess); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetRole(f.ctx, admin.ID, "demo", mod.ID, RoleApprover); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.authenticate(sess); !errors.Is(err, ErrEnrolmentRequired) {
		t.Errorf("after the raise to approver: %v, want ErrEnrolmentRequired", err)
	}
	if err := f.svc.SetRole(f.ctx, mod.ID, "demo", admin.ID, RoleViewer); !errors.Is(err, ErrForbidden) {
		t.Errorf("an approver changing roles = %v, want ErrForbidden", err)
	}
	if err := f.svc.SetRole(f.ctx, admin.ID, "demo", admin.ID, RoleViewer); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("demoting the last admin = %v, want ErrLastAdmin", err)
	}
	if err := f.svc.SetRole(f.ctx, admin.ID, "demo", mod.ID, Role("boss")); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown role = %v, want ErrInvalid", err)
	}
	if !hasEvent(f.auditKinds(), "member.role_changed", UserActor(admin.ID), UserActor(mod.ID)) {
		t.Error("role change not audited")
	}
}

func TestAuthorize(t *testing.T) {
	f := newFixture(t)
	mod := f.user("mod@example.com", "demo", RoleModerator)
	tests := []struct {
		ws   string
		perm Permission
		want error
	}{
		{"demo", PermModerate, nil},
		{"demo", PermApproveReply, ErrForbidden},
		{"other", PermView, ErrForbidden},
		{"nope", PermView, ErrForbidden},
	}
	for _, tt := range tests {
		r, err := f.svc.Authorize(f.ctx, mod.ID, tt.ws, tt.perm)
		if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
			t.Errorf("Authorize(%s, %s) = %q, %v; want %v", tt.ws, tt.perm, r, err, tt.want)
		}
	}
}

func TestInvitations(t *testing.T) {
	f := newFixture(t)
	admin := f.user("admin@example.com", "demo", RoleAdmin)
	viewer := f.user("viewer@example.com", "demo", RoleViewer)
	if _, err := f.svc.Invite(f.ctx, viewer.ID, "demo", "new@example.com", RoleModerator); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer invites = %v, want ErrForbidden", err)
	}
	if _, err := f.svc.Invite(f.ctx, admin.ID, "other", "new@example.com", RoleModerator); !errors.Is(err, ErrForbidden) {
		t.Errorf("invite into a workspace one does not manage = %v", err)
	}
	for _, bad := range []string{"", "not an address", "Anna <anna@example.com>", "a@b@c"} {
		if _, err := f.svc.Invite(f.ctx, admin.ID, "demo", bad, RoleModerator); !errors.Is(err, ErrInvalid) {
			t.Errorf("Invite(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := f.svc.Invite(f.ctx, admin.ID, "demo", "VIEWER@example.com", RoleModerator); !errors.Is(err, ErrAlreadyMember) {
		t.Errorf("inviting a member = %v, want ErrAlreadyMember", err)
	}
	inv, err := f.svc.Invite(f.ctx, admin.ID, "demo", " New@Example.com ", RoleApprover)
	if err != nil || inv.Email != "new@example.com" || !inv.ExpiresAt.Equal(f.clk.Now().Add(7*24*time.Hour)) || len(inv.Token) < 40 {
		t.Fatalf("Invite = %+v, %v", inv, err)
	}
	info, err := f.svc.Invitation(f.ctx, inv.Token)
	if err != nil || info.Role != RoleApprover || info.HasAccount || info.Workspace != "demo" {
		t.Errorf("Invitation = %+v, %v", info, err)
	}
	for name, tc := range map[string]struct {
		name, lang, pw string
		want           error
	}{
		"weak password": {"Noor", "nl", "short", ErrWeakPassword},
		"no name":       {"  ", "nl", password, ErrInvalid},
		"control chars": {"No\x00or", "nl", password, ErrInvalid},
		"unknown lang":  {"Noor", "xx", password, ErrInvalid},
	} {
		if _, err := f.svc.AcceptInvite(f.ctx, inv.Token, tc.name, tc.lang, tc.pw, "192.0.2.1"); !errors.Is(err, tc.want) {
			t.Errorf("%s: AcceptInvite = %v, want %v", name, err, tc.want)
		}
	}
	sess, err := f.svc.AcceptInvite(f.ctx, inv.Token, "Noor", "nl", password, "192.0.2.1")
	if err != nil || sess.Next != StepEnrolTOTP {
		t.Fatalf("AcceptInvite = %+v, %v; want a session that must enrol TOTP", sess, err)
	}
	if _, _, err := f.authenticate(sess); !errors.Is(err, ErrEnrolmentRequired) {
		t.Errorf("Authenticate after accepting = %v", err)
	}
	f.enrol(sess)
	if _, u, err := f.authenticate(sess); err != nil || u.DisplayName != "Noor" || u.Lang != "nl" {
		t.Errorf("after enrolment: %+v, %v", u, err)
	}
	if _, err := f.svc.AcceptInvite(f.ctx, inv.Token, "Mallory", "en", password, "192.0.2.1"); !errors.Is(err, ErrInviteUsed) {
		t.Errorf("second use = %v, want ErrInviteUsed", err)
	}
	if _, err := f.svc.Invitation(f.ctx, inv.Token); !errors.Is(err, ErrInviteUsed) {
		t.Errorf("Invitation after use = %v", err)
	}
	for _, tok := range []string{"", "garbage", strings.Repeat("x", 5000)} {
		if _, err := f.svc.AcceptInvite(f.ctx, tok, "X", "en", password, ""); !errors.Is(err, ErrInvalidInvite) {
			t.Errorf("token %.10q = %v, want ErrInvalidInvite", tok, err)
		}
	}

	// Expiry: 7 days.
	late, err := f.svc.Invite(f.ctx, admin.ID, "demo", "late@example.com", RoleViewer)
	if err != nil {
		t.Fatal(err)
	}
	f.clk.Advance(7 * 24 * time.Hour)
	if _, err := f.svc.AcceptInvite(f.ctx, late.Token, "Late", "en", password, ""); !errors.Is(err, ErrExpired) {
		t.Errorf("accept after 7 days = %v, want ErrExpired", err)
	}

	// Withdrawn.
	w, _ := f.svc.Invite(f.ctx, admin.ID, "demo", "withdrawn@example.com", RoleViewer)
	if err := f.svc.RevokeInvite(f.ctx, viewer.ID, "demo", w.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer withdraws = %v", err)
	}
	if err := f.svc.RevokeInvite(f.ctx, admin.ID, "demo", w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AcceptInvite(f.ctx, w.Token, "W", "en", password, ""); !errors.Is(err, ErrInvalidInvite) {
		t.Errorf("withdrawn = %v, want ErrInvalidInvite", err)
	}

	// Someone with an account joins another workspace with their password.
	if err := f.st.AddMember(f.ctx, store.Membership{Workspace: "other", UserID: admin.ID, Role: "admin"}, f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.Invite(f.ctx, admin.ID, "other", "viewer@example.com", RoleSpokesperson)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := f.svc.Invitation(f.ctx, again.Token); !info.HasAccount {
		t.Error("HasAccount false for an existing account")
	}
	if _, err := f.svc.AcceptInvite(f.ctx, again.Token, "", "", "wrong password", ""); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("existing account, wrong password = %v", err)
	}
	if _, err := f.svc.AcceptInvite(f.ctx, again.Token, "", "", password, ""); err != nil {
		t.Fatalf("existing account accepts = %v", err)
	}
	if r, err := f.svc.Authorize(f.ctx, viewer.ID, "other", PermSpeak); err != nil || r != RoleSpokesperson {
		t.Errorf("role in other = %q, %v", r, err)
	}
	evs := f.auditKinds()
	for _, k := range []string{"invitation.created", "invitation.accepted", "invitation.revoked", "member.added", "user.created"} {
		if !hasEvent(evs, k, "", "") {
			t.Errorf("no %s event", k)
		}
	}
}

func TestRemovalRevokesSessionsAndTokens(t *testing.T) {
	f := newFixture(t)
	admin := f.user("admin@example.com", "demo", RoleAdmin)
	mod := f.user("mod@example.com", "demo", RoleModerator)
	viewer := f.user("viewer@example.com", "demo", RoleViewer)
	s1, s2 := f.login("mod@example.com"), f.login("mod@example.com")
	vs := f.login("viewer@example.com")
	modToken, viewerToken := NewToken(), NewToken()
	if _, err := f.st.CreateToken(f.ctx, "demo", "mod's script", HashToken(modToken), UserActor(mod.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.CreateToken(f.ctx, "demo", "viewer's script", HashToken(viewerToken), UserActor(viewer.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RemoveMember(f.ctx, viewer.ID, "demo", mod.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer removes = %v, want ErrForbidden", err)
	}
	if _, err := f.svc.RemoveMember(f.ctx, admin.ID, "demo", admin.ID); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("last admin removes themself = %v, want ErrLastAdmin", err)
	}
	rv, err := f.svc.RemoveMember(f.ctx, admin.ID, "demo", mod.ID)
	if err != nil || rv != (store.Revoked{Sessions: 2, Tokens: 1}) {
		t.Fatalf("RemoveMember = %+v, %v", rv, err)
	}
	for i, s := range []*Session{s1, s2} {
		if _, _, err := f.authenticate(s); !errors.Is(err, ErrNoSession) {
			t.Errorf("session %d after removal: %v", i, err)
		}
	}
	if _, _, err := f.st.TokenWorkspace(f.ctx, HashToken(modToken)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed member's token still works: %v", err)
	}
	if _, _, err := f.st.TokenWorkspace(f.ctx, HashToken(viewerToken)); err != nil {
		t.Errorf("another member's token revoked: %v", err)
	}
	if _, _, err := f.authenticate(vs); err != nil {
		t.Errorf("another member's session ended: %v", err)
	}
	if _, err := f.svc.Login(f.ctx, "mod@example.com", password, "192.0.2.1"); !errors.Is(err, ErrNoAccess) {
		t.Errorf("login after removal from the only workspace = %v, want ErrNoAccess", err)
	}
	evs := f.auditKinds()
	if !hasEvent(evs, "member.removed", UserActor(admin.ID), UserActor(mod.ID)) || !hasEvent(evs, "token.revoked", UserActor(admin.ID), "") {
		t.Error("removal not audited with its revocations")
	}

	// Disabling: by someone who manages every workspace of the account.
	if _, err := f.svc.DisableUser(f.ctx, viewer.ID, admin.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("viewer disables admin = %v", err)
	}
	if err := f.st.AddMember(f.ctx, store.Membership{Workspace: "other", UserID: viewer.ID, Role: "viewer"}, f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.DisableUser(f.ctx, admin.ID, viewer.ID); !errors.Is(err, ErrForbidden) {
		t.Errorf("disabling an account that is also in a workspace one does not manage = %v", err)
	}
	if _, err := f.st.RemoveMember(f.ctx, "other", viewer.ID, f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	vs = f.login("viewer@example.com")
	rv, err = f.svc.DisableUser(f.ctx, admin.ID, viewer.ID)
	if err != nil || rv.Tokens != 1 || rv.Sessions < 1 {
		t.Errorf("DisableUser = %+v, %v", rv, err)
	}
	if _, _, err := f.authenticate(vs); !errors.Is(err, ErrNoSession) {
		t.Errorf("session of a disabled user: %v", err)
	}
}

func TestUpdateProfile(t *testing.T) {
	f := newFixture(t)
	u := f.user("mod@example.com", "demo", RoleModerator)
	if err := f.svc.UpdateProfile(f.ctx, u.ID, "Anna", "sv"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.st.User(f.ctx, u.ID); got.Lang != "sv" || got.DisplayName != "Anna" {
		t.Errorf("profile = %+v", got)
	}
	for _, lang := range []string{"", "nn", "EN", "fr-CA"} {
		if err := f.svc.UpdateProfile(f.ctx, u.ID, "Anna", lang); !errors.Is(err, ErrInvalid) {
			t.Errorf("lang %q = %v, want ErrInvalid", lang, err)
		}
	}
}

func TestAddUserValidates(t *testing.T) {
	f := newFixture(t)
	ok := NewAccount{Email: "a@example.com", DisplayName: "A", Lang: "en", Password: password, Role: RoleViewer}
	for name, tc := range map[string]struct {
		mod  func(*NewAccount)
		want error
	}{
		"bad e-mail": {func(a *NewAccount) { a.Email = "nope" }, ErrInvalid},
		"bad role":   {func(a *NewAccount) { a.Role = "god" }, ErrInvalid},
		"bad lang":   {func(a *NewAccount) { a.Lang = "xx" }, ErrInvalid},
		"no name":    {func(a *NewAccount) { a.DisplayName = "" }, ErrInvalid},
		"weak":       {func(a *NewAccount) { a.Password = "123" }, ErrWeakPassword},
	} {
		a := ok
		tc.mod(&a)
		if _, err := f.svc.AddUser(f.ctx, "system", "demo", a); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	if _, err := f.svc.AddUser(f.ctx, "system", "demo", ok); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AddUser(f.ctx, "system", "demo", ok); !errors.Is(err, store.ErrConflict) {
		t.Errorf("same e-mail twice = %v, want store.ErrConflict", err)
	}
}
