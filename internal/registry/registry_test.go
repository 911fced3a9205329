package registry_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/registry"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

var now = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func kinds(ps []registry.Problem) string {
	var out []string
	for _, p := range ps {
		k := p.Kind
		if p.UserID != 0 {
			k += fmt.Sprintf("(%d)", p.UserID)
		}
		out = append(out, k)
	}
	return strings.Join(out, ",")
}

func TestProblems(t *testing.T) {
	members := map[int64]bool{1: true, 2: true}
	reviewed := now.AddDate(0, 0, -10)
	tests := []struct {
		name string
		a    store.BrandAccount
		want string
	}{
		{"healthy", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{2}, TwoFactor: "app", LastReviewAt: reviewed}, ""},
		{"owner left", store.BrandAccount{Owners: []int64{1, 7}, BackupOwners: []int64{2}, TwoFactor: "key", LastReviewAt: reviewed}, "owner_left(7)"},
		{"no owner, no backup", store.BrandAccount{TwoFactor: "app", LastReviewAt: reviewed}, "no_owner,no_backup"},
		{"backup left is no backup", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{9}, TwoFactor: "app", LastReviewAt: reviewed}, "backup_left(9),no_backup"},
		{"no 2FA", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{2}, LastReviewAt: reviewed}, "no_2fa"},
		{"SMS is weak", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{2}, TwoFactor: "sms", LastReviewAt: reviewed}, "weak_2fa"},
		{"review overdue", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{2}, TwoFactor: "app", LastReviewAt: now.AddDate(0, 0, -91)}, "review_overdue"},
		{"new, never reviewed", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{2}, TwoFactor: "app", UpdatedAt: now.AddDate(0, 0, -3)}, "never_reviewed"},
		{"registered long ago, never reviewed", store.BrandAccount{Owners: []int64{1}, BackupOwners: []int64{2}, TwoFactor: "app", UpdatedAt: now.AddDate(-1, 0, 0)}, "review_overdue"},
	}
	for _, tt := range tests {
		if got := kinds(registry.Problems(tt.a, members, 90, now)); got != tt.want {
			t.Errorf("%s: problems = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNewAlerts(t *testing.T) {
	a := store.BrandAccount{ID: 4, Platform: "instagram", Handle: "@tilleuls", Owners: []int64{7}, LastReviewAt: now.AddDate(0, -6, 0)}
	ps := registry.Problems(a, map[int64]bool{1: true}, 90, now)
	as := registry.NewAlerts(a, ps, map[int64]string{7: "Camille"}, now)
	got := map[store.AlertKind]store.NewAlert{}
	for _, na := range as {
		got[na.Kind] = na
	}
	if len(as) != 4 || got[registry.AlertOwnerLeft].Severity != store.AlertCritical || !strings.Contains(got[registry.AlertOwnerLeft].Summary, "Camille") ||
		got[registry.AlertOwnerLeft].DedupeKey != "registry:4:owner_left:7" || got[registry.AlertNoBackup].Kind == "" || got[registry.AlertNoTwoFactor].Kind == "" ||
		!strings.HasPrefix(got[registry.AlertReviewOverdue].DedupeKey, "registry:4:review_overdue:2026-") {
		t.Errorf("alerts = %+v", as)
	}
}

type raiser struct{ got []store.NewAlert }

func (r *raiser) Raise(_ context.Context, ws, actor string, na store.NewAlert) (store.Alert, error) {
	r.got = append(r.got, na)
	return store.Alert{}, nil
}

// TestServiceAndWatch: only members may own an account; private numbers
// are refused as recovery contacts; an owner removed from the workspace
// raises an alert.
func TestServiceAndWatch(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	ids := map[auth.Role]int64{}
	for i, r := range []auth.Role{auth.RoleAdmin, auth.RoleModerator, auth.RoleViewer} {
		u, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("u%d@demo.example", i), DisplayName: "User " + string(r), Lang: "en", PasswordHash: "h"}, "demo", string(r), now, "system")
		if err != nil {
			t.Fatal(err)
		}
		ids[r] = u.ID
	}
	admin, mod, viewer := ids[auth.RoleAdmin], ids[auth.RoleModerator], ids[auth.RoleViewer]
	svc := registry.New(st)
	svc.Now = func() time.Time { return now }
	good := store.BrandAccount{Platform: "Instagram", Handle: "@tilleuls", Owners: []int64{mod}, BackupOwners: []int64{admin}, TwoFactor: "app", RecoveryContacts: []string{"IT desk"}}
	if _, err := svc.Save(ctx, "demo", mod, good); !errors.Is(err, registry.ErrForbidden) {
		t.Errorf("a moderator edits the registry: %v", err)
	}
	bad := []func(a store.BrandAccount) store.BrandAccount{
		func(a store.BrandAccount) store.BrandAccount { a.Owners = []int64{999}; return a },
		func(a store.BrandAccount) store.BrandAccount {
			a.RecoveryContacts = []string{"Camille +33 6 12 34 56 78"}
			return a
		},
		func(a store.BrandAccount) store.BrandAccount { a.TwoFactor = "pigeon"; return a },
		func(a store.BrandAccount) store.BrandAccount { a.URL = "http://x.example"; return a },
		func(a store.BrandAccount) store.BrandAccount { a.Handle = ""; return a },
	}
	for i, f := range bad {
		if _, err := svc.Save(ctx, "demo", admin, f(good)); !errors.Is(err, registry.ErrInvalid) {
			t.Errorf("bad account %d = %v, want ErrInvalid", i, err)
		}
	}
	a, err := svc.Save(ctx, "demo", admin, good)
	if err != nil || a.Platform != "instagram" {
		t.Fatalf("Save = %+v, %v", a, err)
	}
	if _, err := svc.Review(ctx, "demo", admin, a.ID); err != nil {
		t.Fatal(err)
	}
	es, _, err := svc.List(ctx, "demo", viewer)
	if err != nil || len(es) != 1 || len(es[0].Problems) != 0 {
		t.Fatalf("List = %+v, %v", es, err)
	}
	r := &raiser{}
	if n, err := svc.Watch(ctx, r, nil); err != nil || n != 0 {
		t.Errorf("watch of a healthy registry = %d, %v", n, err)
	}
	// The owner leaves the organization.
	if _, err := st.RemoveMember(ctx, "demo", mod, now, "user:1"); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Watch(ctx, r, nil); err != nil || n != 1 || r.got[0].Kind != registry.AlertOwnerLeft || !strings.Contains(r.got[0].Summary, "User moderator") {
		t.Errorf("after the owner left: %d, %v, %+v", n, err, r.got)
	}
}
