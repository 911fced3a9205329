package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/listen"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// TestPressAlerts: decided items of a news feed raise a press alert
// through the escalator (one per outlet and day, a second article
// counting an occurrence); other channels' items raise none; the names a
// feed looks for come from the workspace.
func TestPressAlerts(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Clinique des Tilleuls",
		Context: detect.Context{StaffNames: []string{"Dr Martin"}, OrgNames: []string{"Tilleuls Vet"}}}, "system"); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var seen int
	a := &App{Store: st, Log: log, Escalator: &alert.Escalator{Store: st, Dispatch: &alert.Dispatcher{Store: st, Log: log}, Log: log},
		Processor: &pipeline.Processor{OnItemsDecided: func([]ingest.Item, []store.Decision) { seen++ }}}
	a.wireFollowUps()
	names, err := channels.WorkspaceNames(ctx, "demo")
	if err != nil || !slices.Equal(names, []string{"Clinique des Tilleuls", "Tilleuls Vet", "Dr Martin"}) {
		t.Errorf("names = %v, %v", names, err)
	}
	in := []ingest.Item{
		{Channel: "rss:ch_1", PlatformID: "a1", Kind: ingest.KindMention, Text: "Mort de son chien : une propriétaire met en cause la Clinique des Tilleuls\n\n...", AuthorID: "www.courrier-ouest.example", AuthorName: "Le Courrier de l'Ouest"},
		{Channel: "facebook:page", PlatformID: "f1", Text: "bande de nuls", AuthorID: "fb:1"},
		{Channel: "rss:ch_1", PlatformID: "a2", Kind: ingest.KindMention, Text: "Le Dr Martin répond", AuthorID: "www.courrier-ouest.example", AuthorName: "Le Courrier de l'Ouest"},
	}
	res, err := st.InsertItems(ctx, "demo", in, "test")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for i := range in {
		in[i].ID, in[i].Workspace, in[i].ReceivedAt = res[i].ID, "demo", now
	}
	ds := []store.Decision{
		{ItemID: res[0].ID, Workspace: "demo", Signals: []detect.Signal{{Category: detect.Accusation, Score: 0.7}}, DecidedAt: now},
		{ItemID: res[1].ID, Workspace: "demo", Signals: []detect.Signal{{Category: detect.Insult, Score: 0.9}}, DecidedAt: now},
		{ItemID: res[2].ID, Workspace: "demo", DecidedAt: now},
	}
	a.Processor.OnItemsDecided(in[:2], ds[:2])
	a.Processor.OnItemsDecided(in[2:], ds[2:])
	if seen != 2 {
		t.Errorf("the listener's hook ran %d times, want 2", seen)
	}
	as, err := st.ListAlerts(ctx, "demo", store.AlertFilter{})
	if err != nil || len(as) != 1 {
		t.Fatalf("alerts = %+v, %v; want one press alert", as, err)
	}
	p := as[0]
	if p.Kind != listen.PressKind || p.Severity != store.AlertCritical || p.Title != "In the press: Le Courrier de l'Ouest" || p.Occurrences != 2 ||
		!slices.Equal(p.ExampleItemIDs, []int64{res[0].ID, res[2].ID}) {
		t.Errorf("press alert = %+v", p)
	}
}
