package desk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/alert"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

// TestBrowserRota edits the on-call rota in headless Chromium: an admin
// (signed in by cookie, as TestBrowserCases does) fills the empty rota's
// primary and backup levels, sees the week with its gaps, then moves the
// primary person to weekends only and removes nobody by accident.
func TestBrowserRota(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := newBrowser(t)
	c := f.SignIn(t, auth.RoleAdmin)
	yes := true
	must(t, ctx, "session cookie", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: f.Auth.CookieName(), Value: c.Session.ID, URL: f.URL, Path: "/", HTTPOnly: &yes})
		return err
	}))

	must(t, ctx, "rota page", chromedp.Navigate(f.URL+"/w/demo/rota"),
		chromedp.WaitVisible(chromedp.CSS("#rota-none")),
		chromedp.WaitVisible(chromedp.CSS("#rota-form")))
	must(t, ctx, "fill the rota",
		chromedp.SetValue(chromedp.CSS("#rota-tz"), "Europe/Paris"),
		chromedp.SendKeys(chromedp.CSS("#l0_name"), "équipe communauté"),
		chromedp.SetValue(chromedp.CSS("#l0_ack"), "10"),
		chromedp.SendKeys(chromedp.CSS("#l0_p0_name"), "Ana"),
		chromedp.SetValue(chromedp.CSS("#l0_p0_when"), "weekdays 08:00-18:00"),
		chromedp.SendKeys(chromedp.CSS("#l0_p0_routes"), "email:ana@clinic.example"),
		chromedp.SendKeys(chromedp.CSS("#l1_name"), "responsable de crise"),
		chromedp.SendKeys(chromedp.CSS("#l1_p0_name"), "Bo"),
		chromedp.SendKeys(chromedp.CSS("#l1_p0_routes"), "slack"),
		chromedp.Click(chromedp.CSS("#rota-save")),
		chromedp.WaitVisible(chromedp.CSS("#rota-week-table")))
	if s := text(t, ctx, "p.flash"); !strings.Contains(s, "The rota was saved") {
		t.Errorf("flash = %q", s)
	}
	week := text(t, ctx, "#rota-week-table")
	for _, want := range []string{"08:00–18:00 Ana", "18:00–24:00 nobody on call", "00:00–24:00 Bo"} {
		if !strings.Contains(week, want) {
			t.Errorf("week lacks %q:\n%s", want, week)
		}
	}
	if s := text(t, ctx, "#rota-level-1"); !strings.Contains(s, "after 10 min") {
		t.Errorf("primary level = %q", s)
	}
	shot(t, ctx, "rota.png")

	// Ana moves to weekends; the form came back filled with what is saved.
	// The page after saving has the same address and elements as this
	// one: mark this one, and wait for a page without the mark.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.setAttribute("data-stale", "1"), true`)); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "edit the rota",
		chromedp.SetValue(chromedp.CSS("#l0_p0_when"), "weekends"),
		chromedp.Click(chromedp.CSS("#rota-save")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-stale]) #rota-week-table")))
	week = strings.Join(strings.Fields(text(t, ctx, "#rota-week-table")), " ")
	if !strings.Contains(week, "Saturday 00:00–24:00 Ana") || !strings.Contains(week, "Monday 00:00–24:00 nobody on call") {
		t.Errorf("after the edit, the week = %s", week)
	}
	doc, err := f.Store.Rota(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	r, err := alert.ParseRota(doc.Doc)
	if err != nil || len(r.Levels) != 2 || r.Levels[0].People[0].When.String() != "weekends" || r.Levels[1].People[0].Name != "Bo" ||
		r.Levels[0].Name != "équipe communauté" || r.Location().String() != "Europe/Paris" {
		t.Errorf("stored rota = %s, %v", doc.Doc, err)
	}
}
