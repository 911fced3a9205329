package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

func init() {
	register("PolicyVersions", testPolicyVersions)
	register("PolicyVersionsPublish", testPolicyVersionsPublish)
	register("PolicyVersionsConcurrentSave", testPolicyVersionsConcurrentSave)
}

func newPolicyVersion(n int, at time.Time) store.NewPolicyVersion {
	return store.NewPolicyVersion{Number: n, Answers: json.RawMessage(`{"kind":"shelter","lang":"fr"}`),
		PolicyYAML: []byte(fmt.Sprintf("policy: x\nversion: \"v%d\"\n", n)), PolicyVersion: fmt.Sprintf("v%d", n), Lang: "fr",
		Public: map[string]string{"fr": fmt.Sprintf("# Règles %d\n", n), "en": "# Rules\n"}, Internal: "# Guide\n", Note: "note", At: at}
}

func policyAuditKinds(t *testing.T, s store.Store) []string {
	t.Helper()
	var kinds []string
	if err := s.WalkAudit(context.Background(), func(e audit.Event) error {
		if strings.HasPrefix(e.Kind, "policy.") {
			kinds = append(kinds, e.Workspace+":"+e.Kind+":"+e.Subject)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return kinds
}

func testPolicyVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	u, err := s.CreateUser(ctx, store.NewUser{Email: "pv@example.org", DisplayName: "Pia", Lang: "fr", PasswordHash: "x"}, "demo", "admin", time.Now(), "system")
	if err != nil {
		t.Fatal(err)
	}
	author := fmt.Sprintf("user:%d", u.ID)
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	if vs, err := s.PolicyVersions(ctx, "demo"); err != nil || len(vs) != 0 {
		t.Fatalf("PolicyVersions before any = %v, %v", vs, err)
	}
	v1, err := s.SavePolicyVersion(ctx, "demo", newPolicyVersion(1, t0), author)
	if err != nil {
		t.Fatalf("SavePolicyVersion = %v", err)
	}
	if v1.Number != 1 || v1.Workspace != "demo" || v1.Author != author || v1.AuthorName != "Pia" || !v1.CreatedAt.Equal(t0) || v1.Live ||
		v1.Public["fr"] != "# Règles 1\n" || v1.Internal != "# Guide\n" || string(v1.PolicyYAML) != "policy: x\nversion: \"v1\"\n" || v1.PolicyVersion != "v1" ||
		string(v1.Answers) != `{"kind":"shelter","lang":"fr"}` || v1.Note != "note" || v1.Lang != "fr" {
		t.Errorf("saved version = %+v", v1)
	}
	if _, err := s.SavePolicyVersion(ctx, "demo", newPolicyVersion(1, t0), author); !errors.Is(err, store.ErrConflict) {
		t.Errorf("same number twice = %v, want ErrConflict", err)
	}
	if _, err := s.SavePolicyVersion(ctx, "demo", newPolicyVersion(2, t0.Add(time.Hour)), "system"); err != nil {
		t.Fatal(err)
	}
	// Numbers are per workspace.
	if _, err := s.SavePolicyVersion(ctx, "other", newPolicyVersion(1, t0), "system"); err != nil {
		t.Errorf("number 1 in another workspace = %v", err)
	}
	if _, err := s.SavePolicyVersion(ctx, "ghost", newPolicyVersion(1, t0), "system"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace = %v, want ErrNotFound", err)
	}
	bad := []store.NewPolicyVersion{newPolicyVersion(0, t0), newPolicyVersion(3, t0), newPolicyVersion(3, t0)}
	bad[1].Answers = json.RawMessage("{")
	bad[2].PolicyYAML = nil
	for i, nv := range bad {
		if _, err := s.SavePolicyVersion(ctx, "demo", nv, "system"); err == nil {
			t.Errorf("bad version %d saved", i)
		}
	}
	vs, err := s.PolicyVersions(ctx, "demo")
	if err != nil || len(vs) != 2 || vs[0].Number != 2 || vs[1].Number != 1 || vs[0].AuthorName != "" {
		t.Fatalf("PolicyVersions = %+v, %v", vs, err)
	}
	if _, err := s.PolicyVersionByNumber(ctx, "other", 2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("version 2 leaks to another workspace: %v", err)
	}
	if _, err := s.LivePolicyVersion(ctx, "demo"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("LivePolicyVersion before publishing = %v, want ErrNotFound", err)
	}
	want := []string{"demo:policy.version_saved:policy_version:demo/1", "demo:policy.version_saved:policy_version:demo/2", "other:policy.version_saved:policy_version:other/1"}
	if got := policyAuditKinds(t, s); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
}

func testPolicyVersionsPublish(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	for n := 1; n <= 2; n++ {
		if _, err := s.SavePolicyVersion(ctx, "demo", newPolicyVersion(n, t0), "user:1"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.PublishPolicyVersion(ctx, "demo", 3, "user:1", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("publish a missing version = %v, want ErrNotFound", err)
	}
	if _, err := s.PublishPolicyVersion(ctx, "other", 1, "user:1", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("publish another workspace's version = %v, want ErrNotFound", err)
	}
	p1, err := s.PublishPolicyVersion(ctx, "demo", 1, "user:2", t0.Add(time.Minute))
	if err != nil || !p1.Live || p1.PublishedBy != "user:2" || !p1.PublishedAt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("publish 1 = %+v, %v", p1, err)
	}
	ws, err := s.Workspace(ctx, "demo")
	if err != nil || ws.PolicyVersion != "v1" || string(ws.PolicyYAML) != string(p1.PolicyYAML) {
		t.Errorf("workspace policy after publishing = %q, %v", ws.PolicyVersion, err)
	}
	live, err := s.LivePolicyVersion(ctx, "demo")
	if err != nil || live.Number != 1 {
		t.Errorf("live = %+v, %v", live, err)
	}
	// Publishing another moves the page; one live version at a time.
	if _, err := s.PublishPolicyVersion(ctx, "demo", 2, "user:2", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if live, err := s.LivePolicyVersion(ctx, "demo"); err != nil || live.Number != 2 || live.Public["fr"] != "# Règles 2\n" {
		t.Errorf("live after the second = %+v, %v", live, err)
	}
	vs, _ := s.PolicyVersions(ctx, "demo")
	liveCount := 0
	for _, v := range vs {
		if v.Live {
			liveCount++
		}
	}
	if liveCount != 1 {
		t.Errorf("%d live versions, want 1", liveCount)
	}
	if v1, _ := s.PolicyVersionByNumber(ctx, "demo", 1); v1.Live || v1.PublishedBy != "user:2" {
		t.Errorf("version 1 after moving on = %+v (still records its publication)", v1)
	}
	if _, err := s.LivePolicyVersion(ctx, "other"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another workspace has live guidelines: %v", err)
	}
	if ws, _ := s.Workspace(ctx, "other"); ws.PolicyVersion != "v1" || string(ws.PolicyYAML) != "rules: []" {
		t.Errorf("publishing changed another workspace's policy: %+v", ws.PolicyVersion)
	}
	got := policyAuditKinds(t, s)
	want := []string{"demo:policy.version_saved:policy_version:demo/1", "demo:policy.version_saved:policy_version:demo/2",
		"demo:policy.changed:policy:v1", "demo:policy.published:policy_version:demo/1",
		"demo:policy.changed:policy:v2", "demo:policy.published:policy_version:demo/2"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("audit = %v\nwant %v", got, want)
	}
}

// Two people saving at once cannot both get the same number.
func testPolicyVersionsConcurrentSave(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.SavePolicyVersion(ctx, "demo", newPolicyVersion(1, time.Now()), "user:1")
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, store.ErrConflict):
			t.Errorf("concurrent save = %v, want nil or ErrConflict", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d saves of number 1 succeeded, want 1", ok)
	}
}
