package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The accounts tests use fixed times: the store takes its clock from the
// caller, and expiry is decided against these.
var t0 = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func sum(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func mustUser(t *testing.T, s store.Store, email, workspace, role string) store.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: "Name of " + email, Lang: "fr", PasswordHash: "$argon2id$fake$" + email}, workspace, role, t0, "system")
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", email, err)
	}
	return u
}

func mustSession(t *testing.T, s store.Store, userID int64, id string) store.Session {
	t.Helper()
	sess := store.Session{IDHash: sum(id), UserID: userID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(7 * 24 * time.Hour), CSRFSecret: []byte("csrf-" + id), IP: "192.0.2.1", UserAgent: "test"}
	if err := s.LoginSucceeded(context.Background(), sess, "", true); err != nil {
		t.Fatalf("LoginSucceeded: %v", err)
	}
	return sess
}

// auditTail returns the kinds of the audit events after seq, and checks
// that the whole chain still verifies.
func auditTail(t *testing.T, s store.Store, after int64) []string {
	t.Helper()
	var v audit.Verifier
	var kinds []string
	err := s.WalkAudit(context.Background(), func(e audit.Event) error {
		v.Add(e)
		if e.Seq > after {
			kinds = append(kinds, e.Kind)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	head, _ := s.AuditHead(context.Background())
	if _, err := v.Finish(&head); err != nil {
		t.Errorf("audit chain does not verify: %v", err)
	}
	return kinds
}

func headSeq(t *testing.T, s store.Store) int64 {
	t.Helper()
	h, err := s.AuditHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h.Seq
}

func testUsers(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	u := mustUser(t, s, " Anna@Clinique.example ", "demo", "admin")
	if u.ID == 0 || u.Email != "anna@clinique.example" || u.Lang != "fr" || u.CreatedAt.IsZero() || u.Disabled() || u.TOTPEnabled {
		t.Errorf("CreateUser = %+v", u)
	}
	if _, err := s.CreateUser(ctx, store.NewUser{Email: "ANNA@clinique.example", DisplayName: "x", Lang: "en", PasswordHash: "h"}, "", "", t0, "system"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("same e-mail in other case = %v, want ErrConflict", err)
	}
	if _, err := s.CreateUser(ctx, store.NewUser{Email: "x@y.example", DisplayName: "x", Lang: "xx", PasswordHash: "h"}, "", "", t0, "system"); err == nil {
		t.Error("unknown interface language accepted")
	}
	if _, err := s.CreateUser(ctx, store.NewUser{Email: "z@y.example", DisplayName: "z", Lang: "en", PasswordHash: "h"}, "nope", "viewer", t0, "system"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("member of unknown workspace = %v, want ErrNotFound", err)
	}
	if _, err := s.UserByEmail(ctx, "z@y.example"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a failed CreateUser left its user behind: %v", err)
	}
	got, err := s.UserByEmail(ctx, "ANNA@CLINIQUE.EXAMPLE")
	if err != nil || got.ID != u.ID {
		t.Errorf("UserByEmail = %+v, %v", got, err)
	}
	if _, err := s.UserByEmail(ctx, "nobody@example.com"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UserByEmail(unknown) = %v", err)
	}
	if _, err := s.User(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("User(unknown) = %v", err)
	}
	c, err := s.Credentials(ctx, u.ID)
	if err != nil || c.PasswordHash != "$argon2id$fake$ Anna@Clinique.example " || c.TOTPSecret != nil {
		t.Errorf("Credentials = %v (%q), %v", c, c.PasswordHash, err)
	}
	if p := fmt.Sprintf("%v %+v %#v %s", c, c, c, c); strings.Contains(p, "argon2id") {
		t.Errorf("credentials print their secrets: %s", p)
	}
	// No listing carries a secret.
	members, err := s.Members(ctx, "demo")
	if err != nil || len(members) != 1 || members[0].User.ID != u.ID || members[0].Role != "admin" {
		t.Fatalf("Members = %+v, %v", members, err)
	}
	js, _ := json.Marshal(members)
	if strings.Contains(string(js), "argon2id") {
		t.Errorf("member list leaks the password hash: %s", js)
	}
	seq := headSeq(t, s)
	if err := s.UpdateProfile(ctx, u.ID, "Anna B.", "nl", t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.User(ctx, u.ID); got.DisplayName != "Anna B." || got.Lang != "nl" {
		t.Errorf("after UpdateProfile: %+v", got)
	}
	if err := s.UpdateProfile(ctx, 9999, "x", "en", t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateProfile(unknown) = %v", err)
	}
	if kinds := auditTail(t, s, 0); !slices.Contains(kinds, "user.created") || !slices.Contains(kinds, "member.added") {
		t.Errorf("audit = %v, want user.created and member.added", kinds)
	}
	if kinds := auditTail(t, s, seq); !slices.Equal(kinds, []string{"user.profile_changed"}) {
		t.Errorf("audit after UpdateProfile = %v", kinds)
	}
}

func testLoginBookkeeping(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	u := mustUser(t, s, "anna@example.com", "demo", "moderator")
	lock := func(n int) time.Duration {
		if n >= 3 {
			return 15 * time.Minute
		}
		return 0
	}
	seq := headSeq(t, s)
	for i, want := range []struct {
		failures int
		locked   bool
	}{{1, false}, {2, false}, {3, true}} {
		got, err := s.LoginFailed(ctx, u.ID, t0, "192.0.2.1", "password", lock)
		if err != nil || got.FailedLogins != want.failures || got.LockedUntil.After(t0) != want.locked {
			t.Errorf("LoginFailed #%d = %d failures, locked until %v, %v", i+1, got.FailedLogins, got.LockedUntil, err)
		}
	}
	if got, _ := s.User(ctx, u.ID); !got.LockedUntil.Equal(t0.Add(15*time.Minute)) || got.FailedLogins != 3 {
		t.Errorf("stored lock = %+v", got)
	}
	if _, err := s.LoginFailed(ctx, 9999, t0, "", "password", lock); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("LoginFailed(unknown) = %v", err)
	}
	if kinds := auditTail(t, s, seq); !slices.Equal(kinds, []string{"auth.login_failed", "auth.login_failed", "auth.login_failed", "auth.locked"}) {
		t.Errorf("audit = %v", kinds)
	}
	// A good password with a TOTP code still to come keeps the count.
	sess := store.Session{IDHash: sum("s0"), UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour), CSRFSecret: []byte("c")}
	if err := s.LoginSucceeded(ctx, sess, "", false); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.User(ctx, u.ID); got.FailedLogins != 3 || got.LockedUntil.IsZero() {
		t.Errorf("LoginSucceeded without reset changed the count: %+v", got)
	}
	// A complete success resets the counter and the lock, and can replace the hash.
	sess.IDHash = sum("s1")
	if err := s.LoginSucceeded(ctx, sess, "$argon2id$new", true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.User(ctx, u.ID); got.FailedLogins != 0 || !got.LockedUntil.IsZero() {
		t.Errorf("after success: %+v", got)
	}
	if c, _ := s.Credentials(ctx, u.ID); c.PasswordHash != "$argon2id$new" {
		t.Errorf("rehash not stored: %q", c.PasswordHash)
	}
	sess.IDHash = sum("s2")
	if err := s.LoginSucceeded(ctx, sess, "", true); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Credentials(ctx, u.ID); c.PasswordHash != "$argon2id$new" {
		t.Errorf("empty rehash replaced the hash: %q", c.PasswordHash)
	}
	if err := s.LoginSucceeded(ctx, sess, "", true); !errors.Is(err, store.ErrConflict) {
		t.Errorf("same session id twice = %v, want ErrConflict", err)
	}
}

func testSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	u := mustUser(t, s, "anna@example.com", "demo", "moderator")
	sess := mustSession(t, s, u.ID, "one")
	got, err := s.Session(ctx, sum("one"))
	if err != nil || got.UserID != u.ID || !got.ExpiresAt.Equal(sess.ExpiresAt) || string(got.CSRFSecret) != "csrf-one" || !got.SecondFactorAt.IsZero() || got.IP != "192.0.2.1" {
		t.Errorf("Session = %+v, %v", got, err)
	}
	if _, err := s.Session(ctx, sum("nope")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Session(unknown) = %v", err)
	}
	later := t0.Add(time.Hour)
	if err := s.TouchSession(ctx, sum("one"), later); err != nil {
		t.Fatal(err)
	}
	if err := s.TouchSession(ctx, sum("one"), t0); err != nil { // a late request never moves it back
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, sum("one")); !got.LastSeenAt.Equal(later) {
		t.Errorf("LastSeenAt = %v, want %v", got.LastSeenAt, later)
	}
	if err := s.TouchSession(ctx, sum("nope"), later); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("TouchSession(unknown) = %v", err)
	}
	// Purge: "idle" was last seen before idleBefore; "old" is past its
	// absolute expiry; "one" is neither.
	mustSession(t, s, u.ID, "idle")
	old := store.Session{IDHash: sum("old"), UserID: u.ID, CreatedAt: t0, LastSeenAt: later, ExpiresAt: later, CSRFSecret: []byte("c")}
	if err := s.LoginSucceeded(ctx, old, "", true); err != nil {
		t.Fatal(err)
	}
	n, err := s.PurgeSessions(ctx, later, t0.Add(time.Minute))
	if err != nil || n != 2 {
		t.Errorf("PurgeSessions = %d, %v; want 2", n, err)
	}
	if _, err := s.Session(ctx, sum("one")); err != nil {
		t.Errorf("live session purged: %v", err)
	}
	seq := headSeq(t, s)
	if err := s.DeleteSession(ctx, sum("one"), later, fmt.Sprintf("user:%d", u.ID)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, sum("one"), later, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second DeleteSession = %v, want ErrNotFound", err)
	}
	if kinds := auditTail(t, s, seq); !slices.Equal(kinds, []string{"auth.logout"}) {
		t.Errorf("audit = %v", kinds)
	}
}

func testSecondFactor(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	u := mustUser(t, s, "anna@example.com", "demo", "approver")
	mustSession(t, s, u.ID, "one")
	actor := fmt.Sprintf("user:%d", u.ID)
	recovery := [][]byte{sum("r1"), sum("r2")}
	if err := s.EnableTOTP(ctx, u.ID, 100, recovery, sum("one"), t0, actor); !errors.Is(err, store.ErrConflict) {
		t.Errorf("EnableTOTP before any secret = %v, want ErrConflict", err)
	}
	if err := s.SetTOTPSecret(ctx, u.ID, []byte("sealed-1"), t0, actor); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTOTPSecret(ctx, u.ID, []byte("sealed-2"), t0, actor); err != nil { // restarting enrolment is allowed
		t.Fatal(err)
	}
	if err := s.EnableTOTP(ctx, u.ID, 100, recovery, sum("other"), t0, actor); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("EnableTOTP with an unknown session = %v, want ErrNotFound", err)
	}
	if got, _ := s.User(ctx, u.ID); got.TOTPEnabled {
		t.Error("a failed EnableTOTP left TOTP enabled")
	}
	if err := s.EnableTOTP(ctx, u.ID, 100, recovery, sum("one"), t0, actor); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.User(ctx, u.ID); !got.TOTPEnabled {
		t.Error("TOTP not enabled")
	}
	if c, _ := s.Credentials(ctx, u.ID); string(c.TOTPSecret) != "sealed-2" || c.TOTPLastStep != 100 {
		t.Errorf("credentials after enable: secret %q, step %d", c.TOTPSecret, c.TOTPLastStep)
	}
	if sess, _ := s.Session(ctx, sum("one")); !sess.SecondFactorAt.Equal(t0) {
		t.Errorf("session not verified by enrolment: %+v", sess)
	}
	if err := s.SetTOTPSecret(ctx, u.ID, []byte("sealed-3"), t0, actor); !errors.Is(err, store.ErrConflict) {
		t.Errorf("replacing an enabled secret = %v, want ErrConflict", err)
	}
	if err := s.SetTOTPSecret(ctx, 9999, []byte("x"), t0, actor); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetTOTPSecret(unknown) = %v", err)
	}

	mustSession(t, s, u.ID, "two")
	if _, err := s.LoginFailed(ctx, u.ID, t0, "", "second_factor", nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		step int64
		want error
	}{{100, store.ErrConflict}, {99, store.ErrConflict}, {101, nil}, {101, store.ErrConflict}} {
		if err := s.VerifySecondFactor(ctx, sum("two"), u.ID, tc.step, t0, actor); !errors.Is(err, tc.want) {
			t.Errorf("VerifySecondFactor(step %d) = %v, want %v", tc.step, err, tc.want)
		}
	}
	if sess, _ := s.Session(ctx, sum("two")); sess.SecondFactorAt.IsZero() {
		t.Error("session two not verified")
	}
	if got, _ := s.User(ctx, u.ID); got.FailedLogins != 0 {
		t.Errorf("passing the second factor kept %d failures", got.FailedLogins)
	}

	mustSession(t, s, u.ID, "three")
	if n, err := s.UseRecoveryCode(ctx, sum("three"), u.ID, sum("r1"), t0, actor); err != nil || n != 1 {
		t.Errorf("UseRecoveryCode = %d, %v; want 1 left", n, err)
	}
	if _, err := s.UseRecoveryCode(ctx, sum("three"), u.ID, sum("r1"), t0, actor); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("recovery code used twice: %v", err)
	}
	if _, err := s.UseRecoveryCode(ctx, sum("three"), u.ID, sum("wrong"), t0, actor); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown recovery code = %v", err)
	}
	other := mustUser(t, s, "bert@example.com", "demo", "viewer")
	if _, err := s.UseRecoveryCode(ctx, sum("three"), other.ID, sum("r2"), t0, actor); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another user's recovery code accepted: %v", err)
	}
	if sess, _ := s.Session(ctx, sum("three")); sess.SecondFactorAt.IsZero() {
		t.Error("session three not verified by the recovery code")
	}
	kinds := auditTail(t, s, 0)
	for _, k := range []string{"totp.enrolment_started", "totp.enabled", "auth.second_factor"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("audit lacks %s: %v", k, kinds)
		}
	}
}

func testMemberships(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	admin := mustUser(t, s, "admin@example.com", "demo", "admin")
	mod := mustUser(t, s, "mod@example.com", "demo", "moderator")
	if err := s.AddMember(ctx, store.Membership{Workspace: "other", UserID: mod.ID, Role: "viewer"}, t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMember(ctx, store.Membership{Workspace: "other", UserID: mod.ID, Role: "admin"}, t0, "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second AddMember = %v, want ErrConflict", err)
	}
	if err := s.AddMember(ctx, store.Membership{Workspace: "nope", UserID: mod.ID, Role: "viewer"}, t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AddMember(unknown workspace) = %v", err)
	}
	if err := s.AddMember(ctx, store.Membership{Workspace: "other", UserID: admin.ID, Role: "overlord"}, t0, "user:1"); err == nil {
		t.Error("unknown role accepted")
	}
	ms, err := s.Memberships(ctx, mod.ID)
	if err != nil || len(ms) != 2 || ms[0].Workspace != "demo" || ms[0].Role != "moderator" || ms[1].Role != "viewer" || ms[1].AddedBy != "user:1" {
		t.Errorf("Memberships = %+v, %v", ms, err)
	}
	if m, err := s.Membership(ctx, "other", mod.ID); err != nil || m.Role != "viewer" {
		t.Errorf("Membership = %+v, %v", m, err)
	}
	if _, err := s.Membership(ctx, "other", admin.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Membership(non-member) = %v", err)
	}
	// The last admin can be neither demoted nor removed.
	if err := s.SetRole(ctx, "demo", admin.ID, "viewer", t0, "user:1"); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("demote last admin = %v, want ErrLastAdmin", err)
	}
	if _, err := s.RemoveMember(ctx, "demo", admin.ID, t0, "user:1"); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("remove last admin = %v, want ErrLastAdmin", err)
	}
	seq := headSeq(t, s)
	if err := s.SetRole(ctx, "demo", mod.ID, "admin", t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(ctx, "demo", mod.ID, "admin", t0, "user:1"); err != nil { // unchanged: no-op
		t.Fatal(err)
	}
	if err := s.SetRole(ctx, "demo", admin.ID, "approver", t0, "user:1"); err != nil {
		t.Errorf("demote with another admin present: %v", err)
	}
	if err := s.SetRole(ctx, "demo", 9999, "viewer", t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetRole(non-member) = %v", err)
	}
	if kinds := auditTail(t, s, seq); !slices.Equal(kinds, []string{"member.role_changed", "member.role_changed"}) {
		t.Errorf("audit = %v", kinds)
	}
	// A disabled admin does not count as the other admin.
	if err := s.SetRole(ctx, "demo", admin.ID, "admin", t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DisableUser(ctx, admin.ID, t0, "system"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(ctx, "demo", mod.ID, "viewer", t0, "user:1"); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("demote the last active admin = %v, want ErrLastAdmin", err)
	}
}

func testRemovalRevokes(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	mustUser(t, s, "admin@example.com", "demo", "admin")
	gone := mustUser(t, s, "gone@example.com", "demo", "moderator")
	stay := mustUser(t, s, "stay@example.com", "demo", "moderator")
	if err := s.AddMember(ctx, store.Membership{Workspace: "other", UserID: gone.ID, Role: "viewer"}, t0, "system"); err != nil {
		t.Fatal(err)
	}
	goneActor := fmt.Sprintf("user:%d", gone.ID)
	tokens := map[string]struct {
		ws, actor string
		live      bool // after the removal from demo
	}{
		"gone-demo-1": {"demo", goneActor, false},
		"gone-demo-2": {"demo", goneActor, false},
		"gone-other":  {"other", goneActor, true}, // still a member there
		"stay-demo":   {"demo", fmt.Sprintf("user:%d", stay.ID), true},
		"cli-demo":    {"demo", "system", true},
	}
	for name, tk := range tokens {
		if _, err := s.CreateToken(ctx, tk.ws, name, sum(name), tk.actor); err != nil {
			t.Fatal(err)
		}
	}
	mustSession(t, s, gone.ID, "g1")
	mustSession(t, s, gone.ID, "g2")
	mustSession(t, s, stay.ID, "s1")

	seq := headSeq(t, s)
	rv, err := s.RemoveMember(ctx, "demo", gone.ID, t0, "user:1")
	if err != nil || rv != (store.Revoked{Sessions: 2, Tokens: 2}) {
		t.Fatalf("RemoveMember = %+v, %v; want 2 sessions, 2 tokens", rv, err)
	}
	for name, tk := range tokens {
		_, _, err := s.TokenWorkspace(ctx, sum(name))
		if live := err == nil; live != tk.live {
			t.Errorf("token %s live = %v, want %v (%v)", name, live, tk.live, err)
		}
	}
	for id, live := range map[string]bool{"g1": false, "g2": false, "s1": true} {
		if _, err := s.Session(ctx, sum(id)); (err == nil) != live {
			t.Errorf("session %s live = %v, want %v", id, err == nil, live)
		}
	}
	if _, err := s.Membership(ctx, "demo", gone.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("membership still there: %v", err)
	}
	if _, err := s.RemoveMember(ctx, "demo", gone.ID, t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second RemoveMember = %v, want ErrNotFound", err)
	}
	if kinds := auditTail(t, s, seq); !slices.Equal(kinds, []string{"member.removed", "token.revoked", "token.revoked"}) {
		t.Errorf("audit = %v", kinds)
	}

	// RevokeTokensOf covers every workspace.
	if n, err := s.RevokeTokensOf(ctx, gone.ID, t0, "user:1"); err != nil || n != 1 {
		t.Errorf("RevokeTokensOf = %d, %v; want 1", n, err)
	}
	if _, _, err := s.TokenWorkspace(ctx, sum("gone-other")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("token in the other workspace still live: %v", err)
	}

	// Disabling ends sessions and tokens everywhere, and the account.
	if _, err := s.CreateToken(ctx, "demo", "stay-2", sum("stay-2"), fmt.Sprintf("user:%d", stay.ID)); err != nil {
		t.Fatal(err)
	}
	rv, err = s.DisableUser(ctx, stay.ID, t0, "user:1")
	if err != nil || rv != (store.Revoked{Sessions: 1, Tokens: 2}) {
		t.Errorf("DisableUser = %+v, %v; want 1 session, 2 tokens", rv, err)
	}
	if u, _ := s.User(ctx, stay.ID); !u.Disabled() {
		t.Error("user not disabled")
	}
	if err := s.LoginSucceeded(ctx, store.Session{IDHash: sum("s2"), UserID: stay.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour), CSRFSecret: []byte("c")}, "", true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("login of a disabled user = %v, want ErrNotFound", err)
	}
	if _, err := s.DisableUser(ctx, 9999, t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DisableUser(unknown) = %v", err)
	}
}

func testInvitations(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	admin := mustUser(t, s, "admin@example.com", "demo", "admin")
	invite := func(email, role, token string) int64 {
		t.Helper()
		id, err := s.CreateInvitation(ctx, store.Invitation{Workspace: "demo", Email: email, Role: role, TokenHash: sum(token), CreatedAt: t0, ExpiresAt: t0.Add(7 * 24 * time.Hour)}, "user:1")
		if err != nil {
			t.Fatalf("CreateInvitation: %v", err)
		}
		return id
	}
	if _, err := s.CreateInvitation(ctx, store.Invitation{Workspace: "demo", Email: "ADMIN@example.com", Role: "viewer", TokenHash: sum("x"), CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}, "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("inviting a member = %v, want ErrConflict", err)
	}
	if _, err := s.CreateInvitation(ctx, store.Invitation{Workspace: "nope", Email: "a@b.example", Role: "viewer", TokenHash: sum("y"), CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("invitation to an unknown workspace = %v, want ErrNotFound", err)
	}
	first := invite("New@Example.com", "viewer", "t-first")
	second := invite("new@example.com", "approver", "t-second") // replaces the first
	invite("late@example.com", "moderator", "t-late")
	pending, err := s.Invitations(ctx, "demo", t0)
	if err != nil || len(pending) != 2 || pending[0].Email != "late@example.com" || pending[1].ID != second {
		t.Errorf("Invitations = %+v, %v", pending, err)
	}
	if inv, err := s.Invitation(ctx, sum("t-first")); err != nil || inv.ID != first || inv.RevokedAt.IsZero() {
		t.Errorf("replaced invitation = %+v, %v", inv, err)
	}
	if _, err := s.AcceptInvitation(ctx, sum("t-first"), t0, 0, &store.NewUser{Email: "new@example.com", DisplayName: "N", Lang: "en", PasswordHash: "h"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("accepting a replaced invitation = %v, want ErrNotFound", err)
	}
	if _, err := s.AcceptInvitation(ctx, sum("t-second"), t0, 0, &store.NewUser{Email: "other@example.com", DisplayName: "N", Lang: "en", PasswordHash: "h"}); err == nil {
		t.Error("accepted with another e-mail")
	}

	seq := headSeq(t, s)
	nu := &store.NewUser{Email: "new@example.com", DisplayName: "Noor", Lang: "nl", PasswordHash: "h"}
	u, err := s.AcceptInvitation(ctx, sum("t-second"), t0.Add(time.Hour), 0, nu)
	if err != nil || u.ID == 0 || u.DisplayName != "Noor" || u.Lang != "nl" {
		t.Fatalf("AcceptInvitation = %+v, %v", u, err)
	}
	if m, err := s.Membership(ctx, "demo", u.ID); err != nil || m.Role != "approver" || m.AddedBy != "user:1" {
		t.Errorf("membership from invitation = %+v, %v", m, err)
	}
	if _, err := s.AcceptInvitation(ctx, sum("t-second"), t0.Add(time.Hour), 0, nu); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second accept = %v, want ErrConflict (single use)", err)
	}
	if inv, _ := s.Invitation(ctx, sum("t-second")); inv.AcceptedBy != u.ID || inv.AcceptedAt.IsZero() {
		t.Errorf("accepted invitation = %+v", inv)
	}
	if kinds := auditTail(t, s, seq); !slices.Equal(kinds, []string{"user.created", "invitation.accepted", "member.added"}) {
		t.Errorf("audit = %v", kinds)
	}

	if _, err := s.AcceptInvitation(ctx, sum("t-late"), t0.Add(7*24*time.Hour), 0, &store.NewUser{Email: "late@example.com", DisplayName: "L", Lang: "en", PasswordHash: "h"}); !errors.Is(err, store.ErrExpired) {
		t.Errorf("accept at expiry = %v, want ErrExpired", err)
	}
	if pending, _ := s.Invitations(ctx, "demo", t0.Add(8*24*time.Hour)); len(pending) != 0 {
		t.Errorf("expired invitations listed as pending: %+v", pending)
	}
	if _, err := s.AcceptInvitation(ctx, sum("unknown"), t0, 0, nu); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown token = %v", err)
	}

	// An existing account joins another workspace through an invitation.
	mustWorkspace(t, s, "other")
	if _, err := s.CreateInvitation(ctx, store.Invitation{Workspace: "other", Email: "admin@example.com", Role: "viewer", TokenHash: sum("t-other"), CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}, "system"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.AcceptInvitation(ctx, sum("t-other"), t0, admin.ID, nil); err != nil || got.ID != admin.ID {
		t.Errorf("existing user accepts = %+v, %v", got, err)
	}
	if m, err := s.Membership(ctx, "other", admin.ID); err != nil || m.Role != "viewer" {
		t.Errorf("membership = %+v, %v", m, err)
	}

	// Withdrawing.
	id := invite("withdrawn@example.com", "viewer", "t-w")
	if err := s.RevokeInvitation(ctx, "other", id, t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoking through another workspace = %v, want ErrNotFound", err)
	}
	if err := s.RevokeInvitation(ctx, "demo", id, t0, "user:1"); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeInvitation(ctx, "demo", id, t0, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second revoke = %v, want ErrNotFound", err)
	}
}
