package desk_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/lexicon"
	"github.com/stormwatch/stormwatch/internal/detect/pii"
	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
)

// waitFor reloads path until sel is on the page (the drill's clock moves
// on its own; the page may need a fresh look).
func waitFor(t *testing.T, ctx context.Context, url, sel string) {
	t.Helper()
	for range 60 {
		must(t, ctx, "open "+url, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("main")))
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("!!document.querySelector(%q)", sel)))
		if err == nil && ok {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("%s never showed %s", url, sel)
}

// startPipeline decides items as the app does (detectors, the workspace's
// policy) and advances drills, in the background, until the test ends.
func startPipeline(t *testing.T, f *desktest.Fixture, svc *drill.Service) {
	t.Helper()
	lex, err := lexicon.New()
	if err != nil {
		t.Fatal(err)
	}
	proc := &pipeline.Processor{Store: f.Store, Engine: detect.NewEngine(nil, pii.New(), lex), Poll: 100 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Resolve: func(ctx context.Context, ws string) (*pipeline.Runtime, error) {
			w, err := f.Store.Workspace(ctx, ws)
			if err != nil {
				return nil, err
			}
			p := policy.Default()
			if len(w.PolicyYAML) > 0 {
				if p, err = policy.Parse(w.PolicyYAML, ws); err != nil {
					return nil, err
				}
			}
			return &pipeline.Runtime{Policy: app.PolicyVerdict{P: p}, Context: &w.Context}, nil
		}}
	svc.Wake = proc.Wake
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { proc.Run(ctx); done <- struct{}{} }()
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			svc.Tick(ctx)
			select {
			case <-ctx.Done():
				done <- struct{}{}
				return
			case <-tick.C:
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done; <-done })
}

// TestBrowserDrill runs one drill end to end in a real headless Chromium
// with two people in two separate browser sessions: the crisis lead
// starts the clinic scenario with a moderator at 300 times speed (one
// scenario hour in twelve seconds); the moderator sees the first inject
// in the drill's alerts and acknowledges it, hides an abusive comment and
// drafts a reply to a complaint; the lead approves the reply, switches the
// drill's workspace to crisis mode, watches the injects arrive, ends the
// drill and reads the debrief.
func TestBrowserDrill(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	svc := &drill.Service{Store: f.Store, Prepare: func(ctx context.Context, sandbox string) error {
		_, err := f.Replies.SeedStarterLibrary(ctx, sandbox)
		return err
	}}
	f.Desk.UseDrills(svc)
	startPipeline(t, f, svc)
	lead := f.SignIn(t, auth.RoleCrisisLead) // enrols TOTP; its secret signs in below
	modID := userID(t, f, auth.RoleModerator)

	a := newBrowser(t)
	b, cancelB := chromedp.NewContext(a, chromedp.WithNewBrowserContext())
	defer cancelB()
	signInBrowser(t, a, f.URL, desktest.Email(auth.RoleCrisisLead), lead.TOTPSecret)
	signInBrowser(t, b, f.URL, desktest.Email(auth.RoleModerator), nil)

	// The lead picks the scenario and the moderator, at 300 times speed.
	must(t, a, "drill library", chromedp.Navigate(f.URL+"/w/demo/drills"), chromedp.WaitVisible(chromedp.CSS("#drill-start")))
	fullShot(t, a, "drills-library.png")
	must(t, a, "start the drill", chromedp.SetValue(chromedp.CSS("#ds-scenario"), "vet-clinic"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="p"][value="%d"]`, modID))),
		chromedp.SetValue(chromedp.CSS("#ds-speed"), "300"),
		chromedp.Click(chromedp.CSS("#ds-go")),
		chromedp.WaitVisible(chromedp.CSS("#drill-live")))
	runs, err := f.Store.ListDrills(ctx, desktest.Workspace, 0)
	if err != nil || len(runs) != 1 || runs[0].Speed != 300 || len(runs[0].Participants) != 2 {
		t.Fatalf("drills after start = %+v, %v", runs, err)
	}
	run := runs[0]
	live := fmt.Sprintf("%s/w/demo/drills/%d", f.URL, run.ID)
	sb := f.URL + "/w/" + run.Sandbox

	// The moderator: the first inject arrives as an alert of the drill.
	waitFor(t, b, sb+"/alerts", "#alert-list li.alert")
	fullShot(t, b, "drill-sandbox-alerts.png")
	must(t, b, "open the inject", chromedp.Click(chromedp.CSS("#alert-list li.alert a")), chromedp.WaitVisible(chromedp.CSS("#alert-ack")))
	must(t, b, "acknowledge", chromedp.Click(chromedp.CSS("#alert-ack")), chromedp.WaitVisible(chromedp.CSS(".flash")))

	// The moderator hides an abusive comment and drafts a reply to a
	// complaint, chosen by what the scenario says they are.
	evs, err := svc.Traffic(run)
	if err != nil {
		t.Fatal(err)
	}
	kindOf := map[string]drill.Event{}
	for _, e := range evs {
		kindOf[e.Item.PlatformID] = e
	}
	// The traffic arrives on the drill's clock and is decided by the
	// pipeline: wait (bounded) until both kinds are there and decided.
	var abusive, complaint int64
	var q []store.QueueItem
	for deadline := time.Now().Add(45 * time.Second); ; time.Sleep(250 * time.Millisecond) {
		q, err = f.Store.Queue(ctx, run.Sandbox, store.QueueFilter{Limit: 1000}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		abusive, complaint = 0, 0
		for _, qi := range q {
			e := kindOf[qi.Item.PlatformID]
			switch {
			case abusive == 0 && e.Expect == drill.Remove && qi.Status != store.StatusHidden && qi.Status != store.StatusDeleted && qi.Status != store.StatusPending:
				abusive = qi.Item.ID
			case e.Kind == "complaint" && qi.Status != store.StatusPending:
				complaint = qi.Item.ID // the oldest complaint: the list is newest first
			}
		}
		if (abusive != 0 && complaint != 0) || time.Now().After(deadline) {
			break
		}
	}
	if abusive == 0 || complaint == 0 {
		t.Fatalf("no abusive (%d) or complaint (%d) item in the drill's %d items yet", abusive, complaint, len(q))
	}
	must(t, b, "sandbox inbox", chromedp.Navigate(sb+"/queue"), chromedp.WaitVisible(chromedp.CSS("#queue-list .q-item")))
	fullShot(t, b, "drill-sandbox-queue.png")
	must(t, b, "open the abusive item", chromedp.Navigate(fmt.Sprintf("%s/items/%d", sb, abusive)),
		chromedp.WaitVisible(chromedp.CSS(`button[name="kind"][value="hide"]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/claim"] button[value="claim"]`)),
		// Wait for the page after the claim (its release button): the old
		// page's hide button would be clicked as it goes away.
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/claim"] button[value="release"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[name="kind"][value="hide"]`)),
		chromedp.Click(chromedp.CSS(`button[name="kind"][value="hide"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[name="kind"][value="unhide"]`)))
	reply := "Bonjour, nous sommes profondément désolés pour votre animal. Nous rassemblons les faits et vous rappelons aujourd'hui."
	must(t, b, "open the complaint", chromedp.Navigate(fmt.Sprintf("%s/items/%d#reply", sb, complaint)), chromedp.WaitVisible(chromedp.CSS("#reply")))
	// Claim the conversation unless this moderator already holds it.
	if claimed, err := chromedp.Run(b, chromedp.Evaluate[bool](`(() => { const c = document.querySelector('form[action$="/claim"] button[value="claim"]'); if (c) { c.click(); return true } return false })()`)); err != nil {
		t.Fatal(err)
	} else if claimed {
		must(t, b, "claimed", chromedp.WaitVisible(chromedp.CSS(`form[action$="/claim"] button[value="release"]`)))
	}
	must(t, b, "draft a reply", chromedp.WaitVisible(chromedp.CSS("#reply-text")),
		chromedp.SendKeys(chromedp.CSS("#reply-text"), reply),
		chromedp.Click(chromedp.CSS("#reply-submit")),
		chromedp.WaitVisible(chromedp.CSS("#reply-notice")))
	fullShot(t, b, "drill-moderator-reply.png")
	ds, err := f.Store.Drafts(ctx, run.Sandbox, store.DraftFilter{})
	if err != nil || len(ds) != 1 {
		t.Fatalf("drafts in the sandbox = %+v, %v", ds, err)
	}

	// The lead approves the reply and switches the drill to crisis mode.
	sel := fmt.Sprintf(`#draft-%d button[value="approve"]`, ds[0].ID)
	must(t, a, "approvals", chromedp.Navigate(sb+"/approvals"), chromedp.WaitVisible(chromedp.CSS(sel)))
	must(t, a, "approve", chromedp.Click(chromedp.CSS(sel)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	must(t, a, "crisis mode", chromedp.Navigate(sb+"/crisis"), chromedp.WaitVisible(chromedp.CSS("#crisis-start")),
		chromedp.SendKeys(chromedp.CSS("#cs-title"), "Tempête : décès de Filou"),
		chromedp.Click(chromedp.CSS("#crisis-start button")),
		chromedp.WaitVisible(chromedp.CSS("#crisis-active")))

	// The injects keep coming: the journalist calls at scenario minute 35.
	waitFor(t, a, live, "#drill-injects li:nth-child(2)")
	if s := text(t, a, "#drill-injects"); !strings.Contains(s, "journalist") {
		t.Errorf("injects on the live view = %q", s)
	}
	fullShot(t, a, "drill-live.png")
	must(t, b, "the moderator's live view", chromedp.Navigate(live), chromedp.WaitVisible(chromedp.CSS("#drill-injects")))
	fullShot(t, b, "drill-live-moderator.png")

	must(t, a, "end the drill", chromedp.Click(chromedp.CSS("#drill-end-button")), chromedp.WaitVisible(chromedp.CSS("#debrief-timeline")))
	fullShot(t, a, "drill-debrief.png")
	good, improve, people := text(t, a, "#debrief-good"), text(t, a, "#debrief-improve"), text(t, a, "#debrief-people")
	// Where each measure lands (went well / to improve) depends on how fast
	// this machine let the two people act on the accelerated clock; that
	// the debrief measured each one does not.
	if !strings.Contains(good+improve, "Acknowledged") || !strings.Contains(good+improve, "approved reply") || !strings.Contains(good+improve, "Crisis mode") {
		t.Errorf("debrief findings: went well %q; to improve %q", good, improve)
	}
	if !strings.Contains(people, "Test moderator") || !strings.Contains(people, "hid an item") || !strings.Contains(people, "approved a reply") {
		t.Errorf("per participant = %q", people)
	}
	ended, err := f.Store.Drill(ctx, desktest.Workspace, run.ID)
	if err != nil || ended.Running() || len(ended.Debrief) == 0 {
		t.Fatalf("drill after the end = %+v, %v", ended, err)
	}
	deb, err := svc.DebriefOf(ctx, ended)
	if err != nil || !deb.Ack.Done || !deb.Reply.Done || !deb.Crisis.Done || deb.Judged == 0 {
		t.Errorf("debrief = ack %+v reply %+v crisis %+v judged %d (%v)", deb.Ack, deb.Reply, deb.Crisis, deb.Judged, err)
	}
	must(t, a, "debrief at phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#debrief-timeline")))
	fullShot(t, a, "drill-debrief-phone.png")
}

// TestBrowserChecklist: an admin answers the ten questions in the browser
// and reads the score with what to do next.
func TestBrowserChecklist(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	admin := f.SignIn(t, auth.RoleAdmin)
	b := newBrowser(t)
	signInBrowser(t, b, f.URL, desktest.Email(auth.RoleAdmin), admin.TOTPSecret)
	must(t, b, "checklists", chromedp.Navigate(f.URL+"/w/demo/checklists"), chromedp.WaitVisible(chromedp.CSS("#checklist-list")))
	fullShot(t, b, "checklists.png")
	must(t, b, "open the ten questions", chromedp.Click(chromedp.CSS(`#cl-ten-questions h2 a`)), chromedp.WaitVisible(chromedp.CSS("#checklist-form")))
	for q, v := range map[string]string{"q1": "yes", "q2": "partly", "q3": "no", "q4": "yes", "q5": "na", "q6": "yes", "q7": "yes", "q8": "no", "q9": "partly", "q10": "yes"} {
		must(t, b, "answer "+q, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="a.%s"][value="%s"]`, q, v))))
	}
	must(t, b, "a note", chromedp.SendKeys(chromedp.CSS("#n-q8"), "Nobody trained in mediation yet"))
	fullShot(t, b, "checklist-form.png")
	must(t, b, "submit", chromedp.Click(chromedp.CSS("#checklist-submit")), chromedp.WaitVisible(chromedp.CSS("#gaps")))
	if pct := text(t, b, "#total-pct"); pct != "67%" {
		t.Errorf("total = %q, want 67%% (12 of 18)", pct)
	}
	if g := text(t, b, "#gaps"); !strings.Contains(g, "Name who mediates") || !strings.Contains(g, "Nobody trained in mediation yet") {
		t.Errorf("gaps = %q", g)
	}
	fullShot(t, b, "checklist-score.png")
}
