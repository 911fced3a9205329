package drill_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/checklist"
	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

func TestLibrary(t *testing.T) {
	lib := drill.Library()
	if len(lib) < 5 {
		t.Fatalf("%d scenarios, want at least 5", len(lib))
	}
	seeds := map[string]bool{}
	for _, sc := range lib {
		seeds[sc.Seed] = true
		t.Run(sc.ID, func(t *testing.T) {
			texts := map[string]drill.Text{"title": sc.Title, "briefing": sc.Briefing}
			for _, inj := range sc.Injects {
				texts["inject "+inj.ID] = inj.Title
			}
			for what, tx := range texts {
				for _, l := range checklist.Languages {
					if tx[l] == "" {
						t.Errorf("%s lacks %s", what, l)
					}
				}
			}
			if len(sc.Injects) < 3 {
				t.Errorf("%d injects, want at least 3", len(sc.Injects))
			}
			evs, err := drill.Generate(sc, 42)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := drill.Generate(sc, 42)
			if !reflect.DeepEqual(evs, again) {
				t.Error("the same seed gave other traffic")
			}
			other, _ := drill.Generate(sc, 43)
			if reflect.DeepEqual(evs, other) {
				t.Error("another seed gave the same traffic")
			}
			langs, remove, keep, posted := map[string]int{}, 0, 0, 0
			ids := map[string]bool{}
			firstQuarter, lastOffset := 0, time.Duration(0)
			for _, e := range evs {
				langs[e.Lang]++
				if e.Expect == drill.Remove {
					remove++
				} else {
					keep++
				}
				if e.Inject != "" {
					posted++
				}
				if ids[e.Item.PlatformID] {
					t.Errorf("platform id %s twice", e.Item.PlatformID)
				}
				ids[e.Item.PlatformID] = true
				if e.Offset < lastOffset || e.Offset >= sc.Duration {
					t.Errorf("offset %v out of order or past %v", e.Offset, sc.Duration)
				}
				lastOffset = e.Offset
				if e.Offset < sc.Duration/4 {
					firstQuarter++
				}
				if e.Item.Text == "" || e.Item.Channel == "" || len(e.Item.Raw) == 0 {
					t.Errorf("incomplete item %+v", e.Item)
				}
			}
			if len(evs) < 30 || remove == 0 || keep == 0 || len(langs) < 2 {
				t.Errorf("%d items (%d remove, %d keep) in %v: want a mix in several languages", len(evs), remove, keep, langs)
			}
			if langs[sc.Lang] < len(evs)/2 {
				t.Errorf("the organization's language %s has %d of %d items", sc.Lang, langs[sc.Lang], len(evs))
			}
			// Volumes ramp: the first quarter is quieter than the average.
			if firstQuarter*4 >= len(evs) {
				t.Errorf("first quarter has %d of %d items: no ramp", firstQuarter, len(evs))
			}
			for _, inj := range sc.Injects {
				if inj.Post != "" && posted == 0 {
					t.Errorf("inject %s posts nothing", inj.ID)
				}
			}
		})
	}
	for _, s := range []string{"000", "001", "002", "003", "004"} {
		if !seeds[s] {
			t.Errorf("no scenario for seed %s", s)
		}
	}
}

// clock is a manual clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

type fixture struct {
	st       *sqlite.Store
	svc      *drill.Service
	clk      *clock
	lead, mo store.User
	wakes    int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, clk: &clock{t: time.Date(2026, 11, 20, 16, 0, 0, 0, time.UTC)}}
	if err := st.CreateWorkspace(ctx, store.Workspace{ID: "clinic", Name: "Clinique", PolicyYAML: []byte("rules: []"), PolicyVersion: "v7"}, "system"); err != nil {
		t.Fatal(err)
	}
	if f.lead, err = st.CreateUser(ctx, store.NewUser{Email: "lead@x.example", DisplayName: "Léa Lead", Lang: "fr", PasswordHash: "x"}, "clinic", "crisis_lead", f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	if f.mo, err = st.CreateUser(ctx, store.NewUser{Email: "mod@x.example", DisplayName: "Marc Mod", Lang: "fr", PasswordHash: "x"}, "clinic", "moderator", f.clk.Now(), "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetCrisisPlan(ctx, "clinic", []byte("roles: []"), "system"); err != nil {
		t.Fatal(err)
	}
	f.svc = &drill.Service{Store: st, Now: f.clk.Now, Wake: func() { f.wakes++ }}
	return f
}

// decideAll stands in for the pipeline: every pending item goes to review.
func decideAll(t *testing.T, st store.Store, at time.Time) {
	t.Helper()
	ctx := context.Background()
	pending, err := st.PendingItems(ctx, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	var ds []store.Decision
	for _, it := range pending {
		ds = append(ds, store.Decision{ItemID: it.ID, Workspace: it.Workspace, Lang: it.Lang, Action: "review", Rules: []string{}, PolicyVersion: "v7", DecidedAt: at})
	}
	if err := st.SaveDecisions(ctx, ds); err != nil {
		t.Fatal(err)
	}
}

func TestStartValidates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tests := []struct {
		name string
		in   drill.StartInput
		want error
	}{
		{"unknown scenario", drill.StartInput{Workspace: "clinic", Scenario: "nope", StarterID: f.lead.ID}, drill.ErrUnknownScenario},
		{"speed too high", drill.StartInput{Workspace: "clinic", Scenario: "vet-clinic", StarterID: f.lead.ID, Speed: 5000}, drill.ErrBadSpeed},
		{"a stranger", drill.StartInput{Workspace: "clinic", Scenario: "vet-clinic", StarterID: f.lead.ID, Participants: []int64{999}}, drill.ErrNotMember},
		{"unknown workspace", drill.StartInput{Workspace: "ghost", Scenario: "vet-clinic", StarterID: f.lead.ID}, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := f.svc.Start(ctx, tt.in); !errors.Is(err, tt.want) {
				t.Errorf("Start = %v, want %v", err, tt.want)
			}
		})
	}
	run, err := f.svc.Start(ctx, drill.StartInput{Workspace: "clinic", Scenario: "care-bullying", StarterID: f.lead.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Start(ctx, drill.StartInput{Workspace: run.Sandbox, Scenario: "care-bullying", StarterID: f.lead.ID}); !errors.Is(err, drill.ErrSandbox) {
		t.Errorf("drill of a sandbox = %v, want ErrSandbox", err)
	}
}

// TestDrillEndToEnd runs the clinic scenario on a manual clock at ten
// times speed: the sandbox is created with the policy and the team,
// traffic and injects arrive when due, and the debrief measures the
// team's acknowledgement, reply, crisis mode and handling of items.
func TestDrillEndToEnd(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	run, err := f.svc.Start(ctx, drill.StartInput{Workspace: "clinic", Scenario: "vet-clinic", StarterID: f.lead.ID, Participants: []int64{f.mo.ID}, Speed: 10, Seed: 99})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := f.st.Workspace(ctx, run.Sandbox)
	if err != nil || !ws.Sandbox || ws.PolicyVersion != "v7" {
		t.Fatalf("sandbox = %+v, %v", ws, err)
	}
	if m, err := f.st.Membership(ctx, run.Sandbox, f.mo.ID); err != nil || m.Role != "moderator" {
		t.Errorf("moderator in the sandbox = %+v, %v", m, err)
	}
	if _, err := f.st.CrisisPlan(ctx, run.Sandbox); err != nil {
		t.Errorf("crisis plan not copied: %v", err)
	}
	if len(run.Participants) != 2 || run.Participants[0].UserID != f.lead.ID {
		t.Errorf("participants = %+v (the starter first)", run.Participants)
	}
	evs, _ := f.svc.Traffic(run)

	// Scenario minute 16 is 96 real seconds later at ten times speed.
	f.clk.Add(96 * time.Second)
	if err := f.svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	run, _ = f.st.Drill(ctx, "clinic", run.ID)
	want := 0
	for _, e := range evs {
		if e.Offset <= 16*time.Minute {
			want++
		}
	}
	if run.Cursor != want || want == 0 || f.wakes == 0 {
		t.Fatalf("cursor %d after 16 scenario minutes, want %d (wakes %d)", run.Cursor, want, f.wakes)
	}
	shown, _ := f.st.DrillEvents(ctx, "clinic", run.ID)
	if len(shown) != 1 || shown[0].Ref != "all-channels" {
		t.Fatalf("injects shown = %+v, want the first", shown)
	}
	alerts, _ := f.st.ListAlerts(ctx, run.Sandbox, store.AlertFilter{})
	if len(alerts) != 1 || alerts[0].Kind != drill.AlertKind || alerts[0].Title != "Exercice · Le propriétaire publie maintenant aussi sur Instagram et Bluesky." {
		t.Fatalf("sandbox alerts = %+v", alerts)
	}
	// A second tick at the same time changes nothing.
	if n, err := f.svc.Advance(ctx, run); err != nil || n != 0 {
		t.Errorf("Advance again = %d, %v", n, err)
	}
	decideAll(t, f.st, f.clk.Now())

	// The moderator acknowledges at scenario minute 18 and hides what
	// must come down; the lead starts crisis mode at minute 40 and
	// approves the moderator's draft at minute 50.
	at := f.clk.Add(12 * time.Second)
	if _, err := f.st.AcknowledgeAlert(ctx, run.Sandbox, alerts[0].ID, fmt.Sprintf("user:%d", f.mo.ID), at); err != nil {
		t.Fatal(err)
	}
	q, _ := f.st.Queue(ctx, run.Sandbox, store.QueueFilter{Limit: 1000}, at)
	byPID := map[string]drill.Event{}
	for _, e := range evs {
		byPID[e.Item.PlatformID] = e
	}
	var complaint int64
	for _, qi := range q {
		e := byPID[qi.Item.PlatformID]
		if e.Expect == drill.Remove {
			if _, err := f.st.ApplyStep(ctx, store.DeskStep{Workspace: run.Sandbox, ItemID: qi.Item.ID, UserID: f.mo.ID, Kind: "hide", Key: fmt.Sprint("h", qi.Item.ID), Status: store.StatusHidden, At: at}); err != nil {
				t.Fatal(err)
			}
		} else if complaint == 0 {
			complaint = qi.Item.ID
		}
	}
	d, err := f.st.CreateDraft(ctx, store.Draft{Workspace: run.Sandbox, ItemID: complaint, Lang: "fr", Text: "Nous sommes profondément désolés.", RequestKey: "k1", Status: store.DraftPending, CreatedBy: fmt.Sprintf("user:%d", f.mo.ID), CreatedAt: at}, false)
	if err != nil {
		t.Fatal(err)
	}
	f.clk.Add(132 * time.Second) // scenario minute 40
	if _, err := f.st.StartCrisis(ctx, run.Sandbox, store.NewCrisis{Title: "Tempête", At: f.clk.Now()}, fmt.Sprintf("user:%d", f.lead.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DecideDraft(ctx, run.Sandbox, d.ID, true, "", f.clk.Add(time.Minute), fmt.Sprintf("user:%d", f.lead.ID)); err != nil {
		t.Fatal(err)
	}
	// Scenario minute 70: the home address inject and its post.
	f.clk.Add(2 * time.Minute)
	if err := f.svc.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	shown, _ = f.st.DrillEvents(ctx, "clinic", run.ID)
	var refs []string
	for _, e := range shown {
		refs = append(refs, e.Ref)
	}
	if !slices.Equal(refs, []string{"all-channels", "journalist", "home-address"}) {
		t.Errorf("injects by minute 70 = %v", refs)
	}
	decideAll(t, f.st, f.clk.Now())

	// The live view's cheap measures agree with the debrief's.
	run, _ = f.st.Drill(ctx, "clinic", run.ID)
	lv, err := f.svc.LiveOf(ctx, run)
	if err != nil || lv.Ack.After != 18*time.Minute || lv.Ack.By != "Marc Mod" || lv.Reply.After != 50*time.Minute || lv.Crisis.After != 40*time.Minute || lv.Judged == 0 || len(lv.People[0].Actions) != 0 {
		t.Errorf("live = ack %+v reply %+v crisis %+v judged %d, %v", lv.Ack, lv.Reply, lv.Crisis, lv.Judged, err)
	}

	ended, err := f.svc.End(ctx, "clinic", run.ID, f.lead.ID)
	if err != nil || ended.Running() || len(ended.Debrief) == 0 {
		t.Fatalf("End = %+v, %v", ended, err)
	}
	if _, err := f.svc.End(ctx, "clinic", run.ID, f.lead.ID); !errors.Is(err, store.ErrConflict) {
		t.Errorf("End twice = %v", err)
	}
	if err := f.svc.Tick(ctx); err != nil {
		t.Errorf("Tick after the end: %v", err)
	}
	deb, err := f.svc.DebriefOf(ctx, ended)
	if err != nil {
		t.Fatal(err)
	}
	if !deb.Ack.OnTime || deb.Ack.After != 18*time.Minute || deb.Ack.By != "Marc Mod" {
		t.Errorf("ack = %+v, want on time at 18 min by the moderator", deb.Ack)
	}
	if !deb.Reply.Done || deb.Reply.After != 50*time.Minute || deb.Reply.By != "Léa Lead" || deb.Reply.OnTime {
		t.Errorf("reply = %+v, want approved at 50 min (late: 45 allowed)", deb.Reply)
	}
	if !deb.Crisis.OnTime || deb.Crisis.After != 40*time.Minute {
		t.Errorf("crisis = %+v", deb.Crisis)
	}
	// Items that arrived after the moderator's sweep were left up.
	if deb.Judged == 0 || deb.Matched == 0 || deb.HarmLeft == 0 || deb.LegitRemoved != 0 {
		t.Errorf("judged %d matched %d harm left %d legit removed %d", deb.Judged, deb.Matched, deb.HarmLeft, deb.LegitRemoved)
	}
	codes := map[string]bool{}
	for _, fd := range deb.Findings {
		codes[fd.Code] = fd.Good
		if !slices.Contains(drill.FindingCodes, fd.Code) {
			t.Errorf("finding %q is not in FindingCodes", fd.Code)
		}
	}
	for code, good := range map[string]bool{"ack_on_time": true, "reply_late": false, "crisis_on_time": true, "harm_left": false, "legit_kept": true} {
		if g, ok := codes[code]; !ok || g != good {
			t.Errorf("finding %s missing or wrongly judged (%v): %+v", code, g, deb.Findings)
		}
	}
	if len(deb.People) != 2 || deb.People[1].Name != "Marc Mod" || deb.People[1].Total == 0 || deb.People[0].Total == 0 {
		t.Errorf("people = %+v", deb.People)
	}
	var injects int
	for _, e := range deb.Timeline {
		if e.Kind == store.DrillEventInject {
			injects++
		}
	}
	if injects != 3 {
		t.Errorf("timeline has %d injects, want 3", injects)
	}
}

// BenchmarkGenerate: regenerating a scenario's traffic (done once per
// drill and process, then cached).
func BenchmarkGenerate(b *testing.B) {
	for _, sc := range drill.Library() {
		b.Run(sc.ID, func(b *testing.B) {
			n := 0
			for i := 0; b.Loop(); i++ {
				evs, err := drill.Generate(sc, uint64(i+1))
				if err != nil {
					b.Fatal(err)
				}
				n += len(evs)
			}
			b.ReportMetric(float64(n)/float64(b.N), "items/op")
		})
	}
}
