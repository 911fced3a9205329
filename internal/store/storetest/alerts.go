package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/store"
)

func stormAlert(at time.Time, examples ...int64) store.NewAlert {
	return store.NewAlert{Kind: store.AlertStorm, Severity: store.AlertCritical, Title: "Volume x6 on facebook:page",
		DedupeKey: "storm:facebook:page", At: at, ExampleItemIDs: examples,
		Metrics: []store.AlertMetric{{Name: "volume", Channel: "facebook:page", Window: "15m", Observed: 120, Baseline: 20, Factor: 6}}}
}

func alertAuditKinds(t *testing.T, s store.Store) []string {
	t.Helper()
	var kinds []string
	if err := s.WalkAudit(context.Background(), func(e audit.Event) error {
		if strings.HasPrefix(e.Kind, "alert.") {
			kinds = append(kinds, e.Kind)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return kinds
}

// testAlertDedupe: the same storm raised again counts, it does not open a
// second alert; after resolution it may open anew.
func testAlertDedupe(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 11, 20, 17, 30, 0, 0, time.UTC) // a Friday evening
	a, created, err := s.OpenAlert(ctx, "demo", stormAlert(t0, 1, 2), "listen")
	if err != nil || !created || a.ID == 0 || a.Occurrences != 1 || !a.CreatedAt.Equal(t0) || !a.LevelSince.Equal(t0) {
		t.Fatalf("OpenAlert = %+v, %v, %v", a, created, err)
	}
	if len(a.Metrics) != 1 || a.Metrics[0].Factor != 6 || fmt.Sprint(a.ExampleItemIDs) != "[1 2]" {
		t.Errorf("alert facts = %+v / %v", a.Metrics, a.ExampleItemIDs)
	}
	for i := 0; i < 9; i++ {
		b, created, err := s.OpenAlert(ctx, "demo", stormAlert(t0.Add(time.Duration(i+1)*time.Minute), 2, 3), "listen")
		if err != nil || created || b.ID != a.ID {
			t.Fatalf("repeat %d = %+v, %v, %v; want the same alert", i, b, created, err)
		}
	}
	got, err := s.Alert(ctx, "demo", a.ID)
	if err != nil || got.Occurrences != 10 || fmt.Sprint(got.ExampleItemIDs) != "[1 2 3]" || !got.LastSeenAt.Equal(t0.Add(9*time.Minute)) {
		t.Errorf("after repeats = %+v, %v", got, err)
	}
	// The same key in another workspace is another alert.
	if o, created, err := s.OpenAlert(ctx, "other", stormAlert(t0), "listen"); err != nil || !created || o.ID == a.ID {
		t.Errorf("other workspace = %+v, %v, %v", o, created, err)
	}
	if _, err := s.Alert(ctx, "other", a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("alert across workspaces = %v, want ErrNotFound", err)
	}
	if _, err := s.ResolveAlert(ctx, "demo", a.ID, "user:1", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	n, created, err := s.OpenAlert(ctx, "demo", stormAlert(t0.Add(2*time.Hour)), "listen")
	if err != nil || !created || n.ID == a.ID {
		t.Errorf("after resolve = %+v, %v, %v; want a new alert", n, created, err)
	}
	if _, _, err := s.OpenAlert(ctx, "ghost", stormAlert(t0), "listen"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown workspace = %v, want ErrNotFound", err)
	}
	open, err := s.ListAlerts(ctx, "demo", store.AlertFilter{OpenOnly: true})
	if err != nil || len(open) != 1 || open[0].ID != n.ID {
		t.Errorf("open alerts = %v, %v", open, err)
	}
	if all, _ := s.ListAlerts(ctx, "demo", store.AlertFilter{}); len(all) != 2 {
		t.Errorf("all alerts = %d, want 2", len(all))
	}
	want := "[alert.opened alert.repeated alert.repeated alert.repeated alert.repeated alert.repeated alert.repeated alert.repeated alert.repeated alert.repeated alert.opened alert.resolved alert.opened]"
	if got := fmt.Sprint(alertAuditKinds(t, s)); got != want {
		t.Errorf("audit = %s\nwant    %s", got, want)
	}
}

// testAlertLifecycle: escalation only while unacknowledged, at the level
// expected; acknowledgement and resolution are idempotent and audited.
func testAlertLifecycle(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	t0 := time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC)
	a, _, err := s.OpenAlert(ctx, "demo", stormAlert(t0), "listen")
	if err != nil {
		t.Fatal(err)
	}
	if un, _ := s.UnacknowledgedAlerts(ctx); len(un) != 1 || un[0].ID != a.ID {
		t.Fatalf("unacknowledged = %v", un)
	}
	e, err := s.EscalateAlert(ctx, "demo", a.ID, 0, 1, "not acknowledged in 15m", "escalator", t0.Add(15*time.Minute))
	if err != nil || e.EscalationLevel != 1 || !e.LevelSince.Equal(t0.Add(15*time.Minute)) {
		t.Fatalf("EscalateAlert = %+v, %v", e, err)
	}
	// A second escalator that read the old level loses.
	if _, err := s.EscalateAlert(ctx, "demo", a.ID, 0, 1, "dup", "escalator", t0.Add(16*time.Minute)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale escalation = %v, want ErrConflict", err)
	}
	ack, err := s.AcknowledgeAlert(ctx, "demo", a.ID, "user:2", t0.Add(20*time.Minute))
	if err != nil || ack.AckedBy != "user:2" || !ack.Acknowledged() {
		t.Fatalf("AcknowledgeAlert = %+v, %v", ack, err)
	}
	if again, err := s.AcknowledgeAlert(ctx, "demo", a.ID, "user:3", t0.Add(21*time.Minute)); err != nil || again.AckedBy != "user:2" {
		t.Errorf("second ack = %+v, %v; want the first kept", again, err)
	}
	if _, err := s.EscalateAlert(ctx, "demo", a.ID, 1, 2, "late", "escalator", t0.Add(30*time.Minute)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("escalating an acknowledged alert = %v, want ErrConflict", err)
	}
	if un, _ := s.UnacknowledgedAlerts(ctx); len(un) != 0 {
		t.Errorf("unacknowledged after ack = %v", un)
	}
	r, err := s.ResolveAlert(ctx, "demo", a.ID, "user:2", t0.Add(time.Hour))
	if err != nil || !r.Resolved() || r.ResolvedBy != "user:2" {
		t.Fatalf("ResolveAlert = %+v, %v", r, err)
	}
	if _, err := s.AcknowledgeAlert(ctx, "demo", a.ID, "user:2", t0.Add(2*time.Hour)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("ack after resolve = %v, want ErrConflict", err)
	}
	if _, err := s.EscalateAlert(ctx, "demo", 9999, 0, 1, "", "escalator", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("escalate unknown = %v, want ErrNotFound", err)
	}
	want := "[alert.opened alert.escalated alert.acknowledged alert.resolved]"
	if got := fmt.Sprint(alertAuditKinds(t, s)); got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
}

func testAlertDeliveriesAndRota(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	t0 := time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC)
	a, _, err := s.OpenAlert(ctx, "demo", stormAlert(t0), "listen")
	if err != nil {
		t.Fatal(err)
	}
	attempts := []store.AlertDelivery{
		{AlertID: a.ID, Level: 0, Recipient: "Ana", Route: "slack", Attempt: 1, Status: store.DeliveryRetry, HTTPStatus: 500, Error: "500 Internal Server Error", At: t0},
		{AlertID: a.ID, Level: 0, Recipient: "Ana", Route: "slack", Attempt: 2, Status: store.DeliverySent, HTTPStatus: 200, At: t0.Add(time.Second)},
	}
	for _, d := range attempts {
		if got, err := s.RecordDelivery(ctx, "demo", d); err != nil || got.ID == 0 {
			t.Fatalf("RecordDelivery = %+v, %v", got, err)
		}
	}
	if _, err := s.RecordDelivery(ctx, "other", attempts[0]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delivery for another workspace's alert = %v, want ErrNotFound", err)
	}
	ds, err := s.AlertDeliveries(ctx, "demo", a.ID)
	if err != nil || len(ds) != 2 || ds[0].HTTPStatus != 500 || ds[1].Status != store.DeliverySent || !ds[1].At.Equal(t0.Add(time.Second)) {
		t.Errorf("AlertDeliveries = %+v, %v", ds, err)
	}
	if ds, _ := s.AlertDeliveries(ctx, "other", a.ID); len(ds) != 0 {
		t.Errorf("deliveries seen from another workspace: %v", ds)
	}

	if _, err := s.Rota(ctx, "demo"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Rota before set = %v, want ErrNotFound", err)
	}
	for _, doc := range []string{`{"levels":[]}`, `{"levels":[{"name":"first"}]}`} {
		if err := s.SetRota(ctx, "demo", []byte(doc), "user:1"); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.Rota(ctx, "demo")
	if err != nil || string(r.Doc) != `{"levels":[{"name":"first"}]}` || r.UpdatedBy != "user:1" || r.UpdatedAt.IsZero() {
		t.Errorf("Rota = %+v, %v", r, err)
	}
	if err := s.SetRota(ctx, "ghost", []byte(`{}`), "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetRota(ghost) = %v, want ErrNotFound", err)
	}
	want := "[alert.opened alert.delivery_retry alert.delivery_sent alert.rota_changed alert.rota_changed]"
	if got := fmt.Sprint(alertAuditKinds(t, s)); got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
}
