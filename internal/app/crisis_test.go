package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/crisis"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// TestCrisisSwitchesPolicy: a decision made while crisis mode is on cites
// the crisis profile's version and holds the comment for review; after
// the end, decisions cite the workspace's own policy again.
func TestCrisisSwitchesPolicy(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	normal := policy.Default()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Kommun", PolicyYAML: policy.DefaultYAML(), PolicyVersion: normal.Version()}, "system"); err != nil {
		t.Fatal(err)
	}
	res := newResolver(st, 0)
	proc := &pipeline.Processor{Store: st, Engine: detect.NewEngine(nil), Resolve: res.Resolve, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	n := 0
	decide := func() store.Decision {
		t.Helper()
		n++
		r, err := st.InsertItems(ctx, "demo", []ingest.Item{{Channel: "facebook:page", PlatformID: fmt.Sprint("p", n), Kind: ingest.KindComment, Text: "Tack för informationen", Lang: "sv", AuthorID: "a"}}, "token:1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := proc.Step(ctx); err != nil {
			t.Fatal(err)
		}
		d, err := st.Decision(ctx, "demo", r[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := decide(); d.PolicyVersion != normal.Version() || d.Action != "allow" {
		t.Fatalf("before the crisis: %s by %s, want allow by %s", d.Action, d.PolicyVersion, normal.Version())
	}
	svc := &crisis.Service{Store: st}
	c, err := svc.Start(ctx, "demo", "Storm about the school closure", "", "user:1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.ProfileVersion, "crisis-") {
		t.Fatalf("profile version %q", c.ProfileVersion)
	}
	if d := decide(); d.PolicyVersion != c.ProfileVersion || d.Action != "review" {
		t.Errorf("during the crisis: %s by %s, want review by %s", d.Action, d.PolicyVersion, c.ProfileVersion)
	}
	if _, err := svc.End(ctx, "demo", c.ID, "calm", "user:1"); err != nil {
		t.Fatal(err)
	}
	if d := decide(); d.PolicyVersion != normal.Version() || d.Action != "allow" {
		t.Errorf("after the crisis: %s by %s, want allow by %s", d.Action, d.PolicyVersion, normal.Version())
	}
}
