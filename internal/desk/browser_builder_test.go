package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return s
}

// switchLang changes the signed-in person's interface language.
func switchLang(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	must(t, ctx, "switch the interface to "+lang, chromedp.WaitVisible(chromedp.CSS("#lang-select")),
		chromedp.SetValue(chromedp.CSS("#lang-select"), lang),
		chromedp.Click(chromedp.CSS("#lang-apply")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="`+lang+`"] main`)))
}

// buildAndPublish goes through the builder's forms: the starting point,
// the organization's name, a preview, a save with a note, and Publish.
func buildAndPublish(t *testing.T, ctx context.Context, base, kind, lang, name, note, prefix string) {
	t.Helper()
	must(t, ctx, "open the builder", chromedp.Navigate(base+"/w/demo/policy/builder"),
		chromedp.WaitVisible(chromedp.CSS("#preset-form")))
	must(t, ctx, "load the "+kind+" starting point in "+lang, chromedp.Click(chromedp.CSS("#kind-"+kind)),
		chromedp.SetValue(chromedp.CSS("#preset-lang"), lang),
		chromedp.Click(chromedp.CSS("#preset-load")),
		chromedp.WaitReady(chromedp.CSS(`#builder-form input[name="kind"][value="`+kind+`"]`)))
	if got := evalString(t, ctx, `document.querySelector("#q-lang").value`); got != lang {
		t.Fatalf("organization language after loading = %q", got)
	}
	must(t, ctx, "name the organization", chromedp.SetValue(chromedp.CSS("#q-name"), name),
		chromedp.Click(chromedp.CSS("#builder-preview")),
		chromedp.WaitVisible(chromedp.CSS("#preview-public")))
	fullShot(t, ctx, prefix+"-builder-preview.png")
	if got := text(t, ctx, "#preview-public h3"); !strings.Contains(got, name) {
		t.Errorf("preview title = %q", got)
	}
	must(t, ctx, "save", chromedp.SendKeys(chromedp.CSS("#q-note"), note),
		chromedp.Click(chromedp.CSS("#builder-save")),
		chromedp.WaitVisible(chromedp.CSS("#publish")))
	must(t, ctx, "publish", chromedp.Click(chromedp.CSS("#publish")),
		chromedp.WaitVisible(chromedp.CSS("#live-chip")))
	fullShot(t, ctx, prefix+"-version.png")
}

// TestBrowserPolicyBuilder drives the policy builder in a real headless
// Chromium: an admin builds, saves and publishes a policy for a women's
// shelter in French, then one for a municipality in Swedish (the desk in
// each language), compares the two versions, and the public guidelines
// page is opened without a session after each publication.
func TestBrowserPolicyBuilder(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	admin := f.SignIn(t, auth.RoleAdmin) // enrols TOTP; its secret signs in below
	b := newBrowser(t)
	must(t, b, "sign in", chromedp.Navigate(f.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), desktest.Email(auth.RoleAdmin)),
		chromedp.SendKeys(chromedp.CSS("#password"), desktest.Password),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#code")))
	next := time.Unix((auth.TOTPStep(time.Now())+1)*auth.TOTPPeriod, 0) // the enrolment used the current code
	must(t, b, "TOTP", chromedp.SendKeys(chromedp.CSS("#code"), auth.TOTPCode(admin.TOTPSecret, next)),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("#queue-list")))

	// A shelter, in French, with the desk in French.
	switchLang(t, b, "fr")
	buildAndPublish(t, b, f.URL, "shelter", "fr", "Maison des Lilas", "Première version des règles", "shelter-fr")
	must(t, b, "the staff guidelines", chromedp.Navigate(f.URL+"/w/demo/guidelines"),
		chromedp.WaitVisible(chromedp.CSS("#staff-guidelines")))
	if got := text(t, b, "#int-help"); !strings.Contains(got, "Demandes d'aide") {
		t.Errorf("staff guidelines: help section = %q", got)
	}
	fullShot(t, b, "shelter-fr-staff-guidelines.png")

	// The public page, from a browser with no session at all.
	pub := newBrowser(t)
	must(t, pub, "public page (shelter)", chromedp.Navigate(f.URL+"/g/demo#R4"),
		chromedp.WaitVisible(chromedp.CSS("#guidelines h1")))
	if lang := evalString(t, pub, `document.documentElement.lang`); lang != "fr" {
		t.Errorf("public page lang = %q, want fr", lang)
	}
	if got := text(t, pub, "#guidelines h1"); got != "Maison des Lilas : les règles de notre communauté" {
		t.Errorf("public title = %q", got)
	}
	if got := evalString(t, pub, `document.querySelector(":target") ? document.querySelector(":target").id : ""`); got != "R4" {
		t.Errorf("the rule anchor is not the target: %q", got)
	}
	body := text(t, pub, "body")
	for _, want := range []string{"Tout message qui pourrait révéler où vit ou séjourne une femme", "Pourquoi :", "notre ligne d'écoute confidentielle"} {
		if !strings.Contains(body, want) {
			t.Errorf("public page lacks %q", want)
		}
	}
	for _, leak := range []string{"Clinique des Tilleuls", "Stormwatch", "Première version", "double authentification"} {
		if strings.Contains(body, leak) {
			t.Errorf("public page shows %q", leak)
		}
	}
	must(t, pub, "top of the public page", chromedp.Navigate(f.URL+"/g/demo"), chromedp.WaitVisible(chromedp.CSS("#guidelines h1")))
	fullShot(t, pub, "shelter-fr-public.png")

	// A municipality, in Swedish, with the desk in Swedish.
	switchLang(t, b, "sv")
	buildAndPublish(t, b, f.URL, "municipality", "sv", "Åsby kommun", "Kommunens regler", "municipality-sv")
	must(t, b, "compare the versions", chromedp.Navigate(f.URL+"/w/demo/policy/versions"),
		chromedp.WaitVisible(chromedp.CSS("#diff-form")),
		chromedp.Click(chromedp.CSS("#diff-go")),
		chromedp.WaitVisible(chromedp.CSS("#diff-public tr.d-ins")))
	fullShot(t, b, "municipality-sv-diff.png")

	must(t, pub, "public page (municipality)", chromedp.Navigate(f.URL+"/g/demo"),
		chromedp.WaitVisible(chromedp.CSS("#guidelines h1")))
	if lang := evalString(t, pub, `document.documentElement.lang`); lang != "sv" {
		t.Errorf("public page lang = %q, want sv", lang)
	}
	body = text(t, pub, "body")
	for _, want := range []string{"Åsby kommun: regler för våra sidor", "yttrandefriheten", "allmänna handlingar", "Varför:"} {
		if !strings.Contains(body, want) {
			t.Errorf("public page lacks %q", want)
		}
	}
	if strings.Contains(body, "Maison des Lilas") {
		t.Error("the public page still shows the previous version")
	}
	fullShot(t, pub, "municipality-sv-public.png")
	must(t, pub, "phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#guidelines h1")))
	fullShot(t, pub, "municipality-sv-public-phone.png")
}
