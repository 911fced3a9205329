package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// deskFixture stores three decided items (an insult to hide, a complaint
// to allow, a threat to review) and one undecided item.
func deskFixture(t *testing.T, s store.Store) []int64 {
	t.Helper()
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	in := []ingest.Item{
		{Channel: "facebook:page", PlatformID: "1", Text: "espèce d'idiot", AuthorID: "a1", AuthorName: "Jeanne Dupont", ThreadID: "t1", Lang: "fr"},
		{Channel: "facebook:page", PlatformID: "2", Text: "service trop lent", AuthorID: "a2", AuthorName: "Paul", ThreadID: "t1", Lang: "fr"},
		{Channel: "mastodon:acct", PlatformID: "3", Text: "I know where you live", AuthorID: "a1", AuthorName: "Jeanne Dupont", Lang: "en"},
		{Channel: "mastodon:acct", PlatformID: "4", Text: "hello", AuthorID: "a3", Lang: "en"},
	}
	res, err := s.InsertItems(ctx, "demo", in, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{res[0].ID, res[1].ID, res[2].ID, res[3].ID}
	now := time.Now()
	sig := func(c detect.Category, score float64, sev int) []detect.Signal {
		return []detect.Signal{{Category: c, Score: score, Severity: sev, Spans: []detect.Span{{0, 4}}, Detector: "lexicon", Version: "1"}}
	}
	ds := []store.Decision{
		{ItemID: ids[0], Workspace: "demo", Lang: "fr", Action: "hide", Rules: []string{"insults"}, PolicyVersion: "v1", Signals: sig(detect.Insult, 0.95, 0), DecidedAt: now},
		{ItemID: ids[1], Workspace: "demo", Lang: "fr", Action: "allow", Rules: []string{}, PolicyVersion: "v1", Signals: sig(detect.Complaint, 0.8, 0), DecidedAt: now},
		{ItemID: ids[2], Workspace: "demo", Lang: "en", Action: "review", Rules: []string{"threats"}, PolicyVersion: "v1", Signals: sig(detect.Threat, 0.5, 2), DecidedAt: now},
	}
	if err := s.SaveDecisions(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, store.NewUser{Email: "mod@example.org", DisplayName: "Mo", Lang: "en", PasswordHash: "x"}, "demo", "moderator", now, "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, store.NewUser{Email: "ann@example.org", DisplayName: "Ann", Lang: "fr", PasswordHash: "x"}, "demo", "approver", now, "system"); err != nil {
		t.Fatal(err)
	}
	return ids
}

func queueIDs(t *testing.T, s store.Store, f store.QueueFilter) []int64 {
	t.Helper()
	qs, err := s.Queue(context.Background(), "demo", f, time.Now())
	if err != nil {
		t.Fatalf("Queue(%+v): %v", f, err)
	}
	var ids []int64
	for _, q := range qs {
		ids = append(ids, q.Item.ID)
	}
	return ids
}

func testDeskQueue(t *testing.T, s store.Store) {
	ids := deskFixture(t, s)
	tests := []struct {
		name string
		f    store.QueueFilter
		want []int64
	}{
		{"all, newest first", store.QueueFilter{}, []int64{ids[3], ids[2], ids[1], ids[0]}},
		{"channel", store.QueueFilter{Channel: "facebook:page"}, []int64{ids[1], ids[0]}},
		{"category", store.QueueFilter{Category: "threat"}, []int64{ids[2]}},
		{"severity 3 from the score", store.QueueFilter{MinSeverity: 3}, []int64{ids[0]}},
		{"severity 2 from the detector's grade", store.QueueFilter{MinSeverity: 2}, []int64{ids[2], ids[0]}},
		{"complaints are not harm", store.QueueFilter{MinSeverity: 1}, []int64{ids[2], ids[0]}},
		{"language", store.QueueFilter{Lang: "fr"}, []int64{ids[1], ids[0]}},
		{"status to review", store.QueueFilter{Status: store.StatusToReview}, []int64{ids[2]}},
		{"status pending", store.QueueFilter{Status: store.StatusPending}, []int64{ids[3]}},
		{"author by id", store.QueueFilter{Author: "a1"}, []int64{ids[2], ids[0]}},
		{"author by part of the name", store.QueueFilter{Author: "dupo"}, []int64{ids[2], ids[0]}},
		{"like wildcards are literal", store.QueueFilter{Author: "%"}, nil},
		{"thread", store.QueueFilter{Thread: "t1"}, []int64{ids[1], ids[0]}},
		{"after", store.QueueFilter{AfterID: ids[1]}, []int64{ids[3], ids[2]}},
		{"before and limit", store.QueueFilter{BeforeID: ids[3], Limit: 1}, []int64{ids[2]}},
		{"since the future", store.QueueFilter{Since: time.Now().Add(time.Hour)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := queueIDs(t, s, tt.f); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	q, err := s.QueueItem(context.Background(), "demo", ids[0], time.Now())
	if err != nil || q.Decision == nil || q.Decision.Rules[0] != "insults" || q.Status != store.StatusHidden || q.Severity != 3 || len(q.Decision.Signals) != 1 {
		t.Errorf("QueueItem = %+v, %v", q, err)
	}
	if _, err := s.QueueItem(context.Background(), "other", ids[0], time.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("QueueItem in another workspace = %v, want ErrNotFound", err)
	}
	if ch, err := s.Channels(context.Background(), "demo"); err != nil || fmt.Sprint(ch) != "[facebook:page mastodon:acct]" {
		t.Errorf("Channels = %v, %v", ch, err)
	}
}

func testDeskSteps(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids := deskFixture(t, s)
	step := store.DeskStep{Workspace: "demo", ItemID: ids[2], UserID: 1, Kind: "hide", Key: "k-hide", Status: store.StatusHidden, At: time.Now(),
		Actions:    []act.Action{{Workspace: "demo", ItemID: ids[2], Kind: act.Hide, RequestedBy: "user:1", IdempotencyKey: "k-hide"}},
		Correction: &store.Correction{OldVerdict: "review", NewVerdict: "hide", Categories: []string{"threat"}}}
	for i, want := range []bool{true, false} { // the second is a double click
		applied, err := s.ApplyStep(ctx, step)
		if err != nil || applied != want {
			t.Fatalf("ApplyStep #%d = %v, %v; want %v", i, applied, err, want)
		}
	}
	if got := queueIDs(t, s, store.QueueFilter{Status: store.StatusHidden}); fmt.Sprint(got) != fmt.Sprint([]int64{ids[2], ids[0]}) {
		t.Errorf("hidden after the step = %v", got)
	}
	d, err := s.Decision(ctx, "demo", ids[2])
	if err != nil || len(d.Actions) != 1 || d.Actions[0].RequestedBy != "user:1" || d.Actions[0].Status != act.Pending {
		t.Errorf("outbox after the step = %+v, %v", d.Actions, err)
	}
	cs, err := s.Corrections(ctx, "demo")
	if err != nil || len(cs) != 1 || cs[0].OldVerdict != "review" || cs[0].NewVerdict != "hide" || cs[0].Categories[0] != "threat" || cs[0].UserID != 1 {
		t.Errorf("Corrections = %+v, %v", cs, err)
	}
	sup := store.DeskStep{Workspace: "demo", ItemID: ids[1], UserID: 1, Kind: "supporter", Key: "k-sup", AuthorLabel: "supporter", At: time.Now()}
	if _, err := s.ApplyStep(ctx, sup); err != nil {
		t.Fatal(err)
	}
	a, err := s.Author(ctx, "demo", "facebook:page", "a2")
	if err != nil || fmt.Sprint(a.Labels) != "[supporter]" || a.Items != 1 || a.Harmful != 0 {
		t.Errorf("Author = %+v, %v", a, err)
	}
	if a, _ := s.Author(ctx, "demo", "facebook:page", "a1"); a.Items != 1 || a.Harmful != 1 {
		t.Errorf("Author a1 = %+v", a)
	}
	bad := step
	bad.Key, bad.Workspace = "k-other", "other"
	if _, err := s.ApplyStep(ctx, bad); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("step on another workspace's item = %v, want ErrNotFound", err)
	}
	var kinds []string
	s.WalkAudit(ctx, func(e audit.Event) error {
		if e.Actor == "user:1" {
			kinds = append(kinds, e.Kind)
		}
		return nil
	})
	if fmt.Sprint(kinds) != "[desk.hide desk.supporter]" {
		t.Errorf("audited steps = %v, want one hide and one supporter", kinds)
	}
}

func testDeskClaims(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids := deskFixture(t, s)
	now := time.Now()
	mo, _ := s.UserByEmail(ctx, "mod@example.org")
	ann, _ := s.UserByEmail(ctx, "ann@example.org")
	c, err := s.Claim(ctx, "demo", "thread:facebook:page:t1", mo.ID, now, 10*time.Minute)
	if err != nil || c.UserID != mo.ID || c.UserName != "Mo" {
		t.Fatalf("Claim = %+v, %v", c, err)
	}
	held, err := s.Claim(ctx, "demo", "thread:facebook:page:t1", ann.ID, now.Add(time.Minute), 10*time.Minute)
	if !errors.Is(err, store.ErrConflict) || held.UserID != mo.ID {
		t.Errorf("second claim = %+v, %v; want ErrConflict naming Mo", held, err)
	}
	q, _ := s.QueueItem(ctx, "demo", ids[1], now)
	if q.Claim == nil || q.Claim.UserName != "Mo" {
		t.Errorf("item of a claimed thread shows claim %+v", q.Claim)
	}
	if _, err := s.Claim(ctx, "demo", "thread:facebook:page:t1", mo.ID, now.Add(2*time.Minute), 10*time.Minute); err != nil {
		t.Errorf("extending one's own claim = %v", err)
	}
	if _, err := s.Claim(ctx, "demo", "thread:facebook:page:t1", ann.ID, now.Add(time.Hour), 10*time.Minute); err != nil {
		t.Errorf("claiming after expiry = %v", err)
	}
	if err := s.Release(ctx, "demo", "thread:facebook:page:t1", mo.ID, now.Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("releasing someone else's claim = %v, want ErrNotFound", err)
	}
	if err := s.Release(ctx, "demo", "thread:facebook:page:t1", ann.ID, now.Add(time.Hour)); err != nil {
		t.Errorf("Release = %v", err)
	}
	if cs, _ := s.Claims(ctx, "demo", now.Add(time.Hour)); len(cs) != 0 {
		t.Errorf("claims after release = %+v", cs)
	}
}

func testDeskStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	deskFixture(t, s)
	now := time.Now()
	st, err := s.Stats(ctx, "demo", now.Add(-time.Hour), now.Add(time.Minute), 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	total, harmful := 0, 0
	for _, b := range st.Volume {
		total += b.Total
		harmful += b.Harmful
	}
	if len(st.Volume) != 7 || total != 4 || harmful != 2 {
		t.Errorf("volume = %d buckets, %d items, %d harmful; want 7, 4, 2", len(st.Volume), total, harmful)
	}
	if st.Categories["insult"] != 1 || st.Categories["complaint"] != 1 || st.Channels["mastodon:acct"] != 2 || st.Statuses[store.StatusToReview] != 1 || st.Statuses[store.StatusPending] != 1 {
		t.Errorf("stats = %+v", st)
	}
	if _, err := s.Stats(ctx, "demo", now, now, time.Minute); err == nil {
		t.Errorf("empty period accepted")
	}
}
