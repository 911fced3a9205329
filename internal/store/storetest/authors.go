package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

type authorSeed struct {
	name             string // key for the test
	ws, channel      string
	author           string
	thread, parentOf string // parentOf: the name of the item replied to
	action           string // policy verdict; "" leaves the item undecided
	cats             []detect.Category
}

// authorsFixture stores seeds in order and returns their ids by name.
func authorsFixture(t *testing.T, s store.Store, seeds []authorSeed) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	ids := map[string]int64{}
	for i, sd := range seeds {
		it := ingest.Item{Channel: sd.channel, PlatformID: "p-" + sd.name, Kind: ingest.KindComment, Text: fmt.Sprintf("text %d", i),
			AuthorID: sd.author, AuthorName: "Name " + sd.author, ThreadID: sd.thread, Lang: "en"}
		if sd.parentOf != "" {
			it.ParentID, it.Kind = "p-"+sd.parentOf, ingest.KindReply
		}
		res, err := s.InsertItems(ctx, sd.ws, []ingest.Item{it}, "token:1")
		if err != nil {
			t.Fatal(err)
		}
		ids[sd.name] = res[0].ID
		if sd.action == "" {
			continue
		}
		d := store.Decision{ItemID: res[0].ID, Workspace: sd.ws, Lang: "en", Action: sd.action, Rules: []string{}, PolicyVersion: "v1", DecidedAt: time.Now()}
		for _, c := range sd.cats {
			d.Signals = append(d.Signals, detect.Signal{Category: c, Score: 0.9, Detector: "lexicon", Version: "1"})
		}
		if err := s.SaveDecisions(ctx, []store.Decision{d}); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

var authorSeeds = func() []authorSeed {
	ins, thr, pr, cp := detect.Insult, detect.Threat, detect.Praise, detect.Complaint
	out := []authorSeed{
		// A repeat offender on facebook: three held or removed, one allowed.
		{name: "troll1", ws: "demo", channel: "fb", author: "troll", thread: "t9", action: "hide", cats: []detect.Category{ins}},
		{name: "troll2", ws: "demo", channel: "fb", author: "troll", action: "delete", cats: []detect.Category{ins, thr}},
		{name: "troll3", ws: "demo", channel: "fb", author: "troll", action: "review", cats: []detect.Category{thr}},
		{name: "troll4", ws: "demo", channel: "fb", author: "troll", action: "allow", cats: []detect.Category{ins}},
		// The same author id on another channel is another identity.
		{name: "mtroll1", ws: "demo", channel: "masto", author: "troll", action: "hide", cats: []detect.Category{ins}},
		{name: "mtroll2", ws: "demo", channel: "masto", author: "troll", action: "hide", cats: []detect.Category{ins}},
		// Held three times, but a moderator allowed one (below).
		{name: "over1", ws: "demo", channel: "fb", author: "overruled", action: "review", cats: []detect.Category{ins}},
		{name: "over2", ws: "demo", channel: "fb", author: "overruled", action: "review", cats: []detect.Category{ins}},
		{name: "over3", ws: "demo", channel: "fb", author: "overruled", action: "review", cats: []detect.Category{ins}},
		// Complaints hidden are not abuse.
		{name: "critic1", ws: "demo", channel: "fb", author: "critic", action: "hide", cats: []detect.Category{cp}},
		{name: "critic2", ws: "demo", channel: "fb", author: "critic", action: "hide", cats: []detect.Category{cp}},
		{name: "critic3", ws: "demo", channel: "fb", author: "critic", action: "hide", cats: []detect.Category{cp}},
		// Defenders: a reply to an abusive item, a later message in the
		// abusive thread; an earlier message in that thread is no defence.
		{name: "def", ws: "demo", channel: "fb", author: "defender", parentOf: "troll2", action: "allow", cats: []detect.Category{pr}},
		{name: "thr", ws: "demo", channel: "fb", author: "threader", thread: "t9", action: "allow", cats: []detect.Category{pr}},
		// Praise with an insult (sarcasm) is not praise; hidden praise neither.
		{name: "sarc1", ws: "demo", channel: "fb", author: "sarcastic", action: "allow", cats: []detect.Category{pr, ins}},
		{name: "sarc2", ws: "demo", channel: "fb", author: "sarcastic", action: "allow", cats: []detect.Category{pr, ins}},
		{name: "sarc3", ws: "demo", channel: "fb", author: "sarcastic", action: "allow", cats: []detect.Category{pr, ins}},
		{name: "hp1", ws: "demo", channel: "fb", author: "hiddenpraise", action: "hide", cats: []detect.Category{pr}},
		{name: "hp2", ws: "demo", channel: "fb", author: "hiddenpraise", action: "hide", cats: []detect.Category{pr}},
		{name: "hp3", ws: "demo", channel: "fb", author: "hiddenpraise", action: "hide", cats: []detect.Category{pr}},
		// Praise from someone who is also abusive is not a suggestion.
		{name: "mix0", ws: "demo", channel: "fb", author: "mixed", action: "hide", cats: []detect.Category{ins}},
		// Someone marked by the staff (below), with no praise at all.
		{name: "marked", ws: "demo", channel: "masto", author: "friend", action: "allow", cats: []detect.Category{cp}},
	}
	for i := range 3 {
		out = append(out,
			authorSeed{name: fmt.Sprintf("fan%d", i), ws: "demo", channel: "fb", author: "fan", action: "allow", cats: []detect.Category{pr}},
			authorSeed{name: fmt.Sprintf("mix%d", i+1), ws: "demo", channel: "fb", author: "mixed", action: "allow", cats: []detect.Category{pr}},
			authorSeed{name: fmt.Sprintf("oth%d", i), ws: "other", channel: "fb", author: "troll", action: "hide", cats: []detect.Category{ins}},
			authorSeed{name: fmt.Sprintf("ofan%d", i), ws: "other", channel: "fb", author: "otherfan", action: "allow", cats: []detect.Category{pr}},
		)
	}
	// Praise in the thread before the abuse came: insert first.
	return append([]authorSeed{{name: "early", ws: "demo", channel: "fb", author: "early", thread: "t9", action: "allow", cats: []detect.Category{pr}}}, out...)
}()

func testAuthorsOffenders(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids := authorsFixture(t, s, authorSeeds)
	now := time.Now()
	if _, err := s.ApplyStep(ctx, store.DeskStep{Workspace: "demo", ItemID: ids["over2"], UserID: 1, Kind: "allow", Key: "k-over2", Status: store.StatusAllowed, At: now}); err != nil {
		t.Fatal(err)
	}
	month := store.AuthorWindow{Since: now.Add(-30 * 24 * time.Hour), Until: now.Add(time.Minute)}
	tests := []struct {
		name string
		w    store.AuthorWindow
		min  int
		want []string // channel/author, in order
	}{
		{"three or more in the last 30 days", month, 3, []string{"fb/troll"}},
		{"per channel identities at two, ties newest first", month, 2, []string{"fb/troll", "fb/overruled", "masto/troll"}},
		{"no upper bound", store.AuthorWindow{Since: now.Add(-time.Hour)}, 3, []string{"fb/troll"}},
		{"nothing in an old window", store.AuthorWindow{Since: now.Add(-60 * 24 * time.Hour), Until: now.Add(-30 * 24 * time.Hour)}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.RepeatOffenders(ctx, "demo", tt.w, tt.min)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, o := range got {
				keys = append(keys, o.Channel+"/"+o.AuthorID)
			}
			if !slices.Equal(keys, tt.want) {
				t.Fatalf("offenders = %v, want %v", keys, tt.want)
			}
		})
	}
	got, err := s.RepeatOffenders(ctx, "demo", month, 3)
	if err != nil || len(got) != 1 {
		t.Fatalf("offenders = %+v, %v", got, err)
	}
	o := got[0]
	if o.Items != 3 || o.Categories["insult"] != 2 || o.Categories["threat"] != 2 || len(o.Categories) != 2 {
		t.Errorf("counts = %d %v, want 3 items, insult 2, threat 2", o.Items, o.Categories)
	}
	if want := []int64{ids["troll3"], ids["troll2"], ids["troll1"]}; !slices.Equal(o.ItemIDs, want) {
		t.Errorf("item ids = %v, want %v (newest first)", o.ItemIDs, want)
	}
	if o.AuthorName != "Name troll" || o.LastSeen.Before(o.FirstSeen) || o.LastSeen.IsZero() {
		t.Errorf("offender = %+v", o)
	}
	if other, _ := s.RepeatOffenders(ctx, "other", month, 3); len(other) != 1 || other[0].Items != 3 {
		t.Errorf("other workspace offenders = %+v: workspaces must not mix", other)
	}
}

func testAuthorsSupporters(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids := authorsFixture(t, s, authorSeeds)
	now := time.Now()
	if _, err := s.ApplyStep(ctx, store.DeskStep{Workspace: "demo", ItemID: ids["marked"], UserID: 1, Kind: "supporter", Key: "k-marked", AuthorLabel: "supporter", At: now}); err != nil {
		t.Fatal(err)
	}
	month := store.AuthorWindow{Since: now.Add(-30 * 24 * time.Hour)}
	tests := []struct {
		name string
		r    store.SupporterRules
		want []string // channel/author: marked first, then suggestions
	}{
		{"defaults", store.SupporterRules{AuthorWindow: month}, []string{"masto/friend", "fb/threader", "fb/defender", "fb/fan"}},
		{"more praise needed", store.SupporterRules{AuthorWindow: month, MinPraise: 4}, []string{"masto/friend", "fb/threader", "fb/defender"}},
		{"two defences needed", store.SupporterRules{AuthorWindow: month, MinDefences: 2}, []string{"masto/friend", "fb/fan"}},
		{"old window keeps only the marked", store.SupporterRules{AuthorWindow: store.AuthorWindow{Since: now.Add(-60 * 24 * time.Hour), Until: now.Add(-30 * 24 * time.Hour)}}, []string{"masto/friend"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Supporters(ctx, "demo", tt.r)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, sp := range got {
				keys = append(keys, sp.Channel+"/"+sp.AuthorID)
			}
			if !slices.Equal(keys, tt.want) {
				t.Fatalf("supporters = %v, want %v", keys, tt.want)
			}
		})
	}
	got, err := s.Supporters(ctx, "demo", store.SupporterRules{AuthorWindow: month})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]store.Supporter{}
	for _, sp := range got {
		by[sp.AuthorID] = sp
	}
	if f := by["friend"]; !f.Marked || f.MarkedAt.IsZero() || f.LastItemID != ids["marked"] || f.AuthorName != "Name friend" {
		t.Errorf("marked = %+v", f)
	}
	if d := by["defender"]; d.Marked || d.Defences != 1 || !slices.Equal(d.DefendedIDs, []int64{ids["troll2"]}) || d.LastItemID != ids["def"] {
		t.Errorf("defender = %+v, want one defence of troll2", d)
	}
	if d := by["threader"]; d.Defences != 1 || !slices.Equal(d.DefendedIDs, []int64{ids["troll1"]}) {
		t.Errorf("threader = %+v, want one defence in the thread of troll1", d)
	}
	if f := by["fan"]; f.Praise != 3 || f.Defences != 0 || f.LastItemID != ids["fan2"] {
		t.Errorf("fan = %+v", f)
	}
	if other, _ := s.Supporters(ctx, "other", store.SupporterRules{AuthorWindow: month}); len(other) != 1 || other[0].AuthorID != "otherfan" {
		t.Errorf("other workspace supporters = %+v", other)
	}
}
