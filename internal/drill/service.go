package drill

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// DefaultSpeed: one scenario hour takes six real minutes.
const DefaultSpeed = 10

// MaxSpeed bounds the accelerated clock (tests run scenarios in seconds).
const MaxSpeed = 600

// AlertKind is the kind of the sandbox alert that shows an inject in the
// desk's alert list.
const AlertKind store.AlertKind = "drill_inject"

// Errors of Start and End.
var (
	ErrUnknownScenario = errors.New("unknown scenario")
	ErrNotMember       = errors.New("participant is not a member of the workspace")
	ErrSandbox         = errors.New("a drill's sandbox cannot itself be drilled")
	ErrBadSpeed        = fmt.Errorf("speed must be between 1 and %d", MaxSpeed)
)

// Service starts, advances and ends drills.
type Service struct {
	Store store.Store
	// Now is the clock; tests inject one.
	Now func() time.Time
	// Wake tells the pipeline that items are waiting.
	Wake func()
	// Prepare, when set, readies a new sandbox (the app copies the reply
	// templates into it).
	Prepare func(ctx context.Context, sandbox string) error
	Log     *slog.Logger

	mu      sync.Mutex
	traffic map[int64][]Event // by drill id
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

// StartInput is what starting a drill needs.
type StartInput struct {
	Workspace    string
	Scenario     string
	Participants []int64 // user ids; the starter is always one of them
	StarterID    int64
	Speed        float64 // 0: DefaultSpeed
	Seed         uint64  // 0: random
}

// Start creates the sandbox workspace with the real workspace's policy,
// context and crisis plan, and the participants with their own roles, and
// replays what is due at once.
func (s *Service) Start(ctx context.Context, in StartInput) (store.DrillRun, error) {
	sc, ok := ByID(in.Scenario)
	if !ok {
		return store.DrillRun{}, fmt.Errorf("start drill: %w %q", ErrUnknownScenario, in.Scenario)
	}
	if in.Speed == 0 {
		in.Speed = DefaultSpeed
	}
	if in.Speed < 1 || in.Speed > MaxSpeed {
		return store.DrillRun{}, fmt.Errorf("start drill: %w", ErrBadSpeed)
	}
	ws, err := s.Store.Workspace(ctx, in.Workspace)
	if err != nil {
		return store.DrillRun{}, fmt.Errorf("start drill: %w", err)
	}
	if ws.Sandbox {
		return store.DrillRun{}, fmt.Errorf("start drill: %w", ErrSandbox)
	}
	members, err := s.Store.Members(ctx, in.Workspace)
	if err != nil {
		return store.DrillRun{}, fmt.Errorf("start drill: %w", err)
	}
	ids := slices.Clone(in.Participants)
	if in.StarterID != 0 && !slices.Contains(ids, in.StarterID) {
		ids = append([]int64{in.StarterID}, ids...)
	}
	var parts []store.DrillParticipant
	for _, id := range ids {
		i := slices.IndexFunc(members, func(m store.Member) bool { return m.UserID == id })
		if i < 0 || members[i].User.Disabled() {
			return store.DrillRun{}, fmt.Errorf("start drill: user %d: %w", id, ErrNotMember)
		}
		if slices.ContainsFunc(parts, func(p store.DrillParticipant) bool { return p.UserID == id }) {
			continue
		}
		m := members[i]
		parts = append(parts, store.DrillParticipant{UserID: id, Name: m.User.DisplayName, Role: m.Role})
	}
	if in.Seed == 0 {
		var b [8]byte
		rand.Read(b[:])
		for _, x := range b {
			in.Seed = in.Seed<<8 | uint64(x)
		}
		in.Seed |= 1
	}
	var suffix [4]byte
	rand.Read(suffix[:])
	sandbox := in.Workspace + "-drill-" + hex.EncodeToString(suffix[:])
	actor := fmt.Sprintf("user:%d", in.StarterID)
	run, err := s.Store.StartDrill(ctx, store.NewDrill{
		Workspace: in.Workspace, SandboxID: sandbox, SandboxName: "Drill · " + sc.Title.In(sc.Lang) + " · " + ws.Name,
		Scenario: sc.ID, Title: sc.Title.In(sc.Lang), Lang: sc.Lang, Seed: in.Seed, Speed: in.Speed, Participants: parts,
		PolicyYAML: ws.PolicyYAML, PolicyVersion: ws.PolicyVersion, Context: ws.Context, At: s.now(),
	}, actor)
	if err != nil {
		return run, err
	}
	// The team rehearses its own plan: copy it, if there is one.
	if plan, err := s.Store.CrisisPlan(ctx, in.Workspace); err == nil {
		if _, err := s.Store.SetCrisisPlan(ctx, sandbox, plan.Doc, actor); err != nil {
			s.log().Warn("drill: copy the crisis plan", "drill", run.ID, "err", err)
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		s.log().Warn("drill: read the crisis plan", "drill", run.ID, "err", err)
	}
	if s.Prepare != nil {
		if err := s.Prepare(ctx, sandbox); err != nil {
			s.log().Warn("drill: prepare the sandbox", "drill", run.ID, "err", err)
		}
	}
	if _, err := s.Advance(ctx, run); err != nil {
		s.log().Warn("drill: first replay", "drill", run.ID, "err", err)
	}
	return run, nil
}

// Elapsed is the scenario time of a drill at t.
func Elapsed(run store.DrillRun, t time.Time) time.Duration {
	d := t.Sub(run.StartedAt)
	if d < 0 {
		return 0
	}
	return time.Duration(float64(d) * run.Speed)
}

// realAt is the wall time at which scenario time off falls.
func realAt(run store.DrillRun, off time.Duration) time.Time {
	return run.StartedAt.Add(time.Duration(float64(off) / run.Speed))
}

// Traffic returns a drill's traffic (generated once, then cached).
func (s *Service) Traffic(run store.DrillRun) ([]Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if evs, ok := s.traffic[run.ID]; ok {
		return evs, nil
	}
	sc, ok := ByID(run.Scenario)
	if !ok {
		return nil, fmt.Errorf("drill %d: %w %q", run.ID, ErrUnknownScenario, run.Scenario)
	}
	evs, err := Generate(sc, run.Seed)
	if err != nil {
		return nil, err
	}
	if s.traffic == nil {
		s.traffic = map[int64][]Event{}
	}
	s.traffic[run.ID] = evs
	return evs, nil
}

// drillMark prefixes an inject's alert, so nobody mistakes it for a real one.
var drillMark = Text{"en": "Drill", "fr": "Exercice", "nl": "Oefening", "sv": "Övning", "nb": "Øvelse", "de": "Übung"}

// Tick advances every running drill; the app's runner calls it.
func (s *Service) Tick(ctx context.Context) error {
	runs, err := s.Store.RunningDrills(ctx)
	if err != nil {
		return fmt.Errorf("drills: %w", err)
	}
	var errs []error
	for _, run := range runs {
		if _, err := s.Advance(ctx, run); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Advance replays the traffic now due into the sandbox and shows the
// injects now due; it returns how many items it stored. Safe to repeat:
// items are deduplicated by platform id and injects by their id.
func (s *Service) Advance(ctx context.Context, run store.DrillRun) (int, error) {
	sc, ok := ByID(run.Scenario)
	if !ok {
		return 0, fmt.Errorf("drill %d: %w %q", run.ID, ErrUnknownScenario, run.Scenario)
	}
	evs, err := s.Traffic(run)
	if err != nil {
		return 0, err
	}
	now := s.now()
	el := min(Elapsed(run, now), sc.Duration)
	actor := fmt.Sprintf("drill:%d", run.ID)
	cursor := min(run.Cursor, len(evs))
	end := cursor
	for end < len(evs) && evs[end].Offset <= el {
		end++
	}
	for from := cursor; from < end; from += 500 {
		to := min(from+500, end)
		items := make([]ingest.Item, 0, to-from)
		for _, e := range evs[from:to] {
			it := e.Item
			it.Workspace = run.Sandbox
			it.CreatedAt = realAt(run, e.Offset)
			items = append(items, it)
		}
		if _, err := s.Store.InsertItems(ctx, run.Sandbox, items, actor); err != nil {
			return 0, fmt.Errorf("drill %d: replay: %w", run.ID, err)
		}
	}
	shown, err := s.Store.DrillEvents(ctx, run.Workspace, run.ID)
	if err != nil {
		return 0, err
	}
	var due []store.DrillEvent
	for _, inj := range sc.Injects {
		if inj.At > el || slices.ContainsFunc(shown, func(e store.DrillEvent) bool { return e.Kind == store.DrillEventInject && e.Ref == inj.ID }) {
			continue
		}
		title := inj.Title.In(run.Lang)
		// The inject reaches the desk as a sandbox alert: the team sees it
		// where a real warning would appear, and acknowledges it there.
		sev := store.AlertSeverity(inj.Severity)
		if sev == "" {
			sev = store.AlertWarning
		}
		if _, _, err := s.Store.OpenAlert(ctx, run.Sandbox, store.NewAlert{Kind: AlertKind, Severity: sev, Title: drillMark.In(run.Lang) + " · " + title,
			Summary: sc.Title.In(run.Lang), DedupeKey: fmt.Sprintf("drill:%d:%s", run.ID, inj.ID), At: realAt(run, inj.At)}, actor); err != nil {
			return 0, fmt.Errorf("drill %d: inject %s: %w", run.ID, inj.ID, err)
		}
		data, _ := json.Marshal(map[string]string{"severity": inj.Severity})
		due = append(due, store.DrillEvent{Kind: store.DrillEventInject, Ref: inj.ID, Offset: inj.At, Text: title, Data: data, At: now})
	}
	if end > cursor || len(due) > 0 {
		if _, err := s.Store.AdvanceDrill(ctx, run.Workspace, run.ID, end, due, actor); err != nil {
			return 0, err
		}
	}
	if end > cursor && s.Wake != nil {
		s.Wake()
	}
	return end - cursor, nil
}

// End ends a running drill and freezes its debrief.
func (s *Service) End(ctx context.Context, workspace string, id int64, userID int64) (store.DrillRun, error) {
	run, err := s.Store.Drill(ctx, workspace, id)
	if err != nil {
		return run, err
	}
	if !run.Running() {
		return run, fmt.Errorf("drill %d has already ended: %w", id, store.ErrConflict)
	}
	now := s.now()
	deb, err := s.Debrief(ctx, run, now)
	if err != nil {
		return run, err
	}
	b, err := json.Marshal(deb)
	if err != nil {
		return run, fmt.Errorf("debrief: %w", err)
	}
	return s.Store.EndDrill(ctx, workspace, id, b, fmt.Sprintf("user:%d", userID), now)
}

// DebriefOf returns a drill's debrief: the frozen one once it has ended,
// the measures so far while it runs.
func (s *Service) DebriefOf(ctx context.Context, run store.DrillRun) (*Debrief, error) {
	if !run.Running() && len(run.Debrief) > 0 {
		var d Debrief
		if err := json.Unmarshal(run.Debrief, &d); err != nil {
			return nil, fmt.Errorf("drill %d debrief: %w", run.ID, err)
		}
		return &d, nil
	}
	return s.Debrief(ctx, run, s.now())
}

// LiveOf returns what the live view shows: the frozen debrief once the
// drill has ended, the cheap live measures while it runs.
func (s *Service) LiveOf(ctx context.Context, run store.DrillRun) (*Debrief, error) {
	if !run.Running() {
		return s.DebriefOf(ctx, run)
	}
	return s.Live(ctx, run, s.now())
}
