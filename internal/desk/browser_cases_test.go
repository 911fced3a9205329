package desk_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
)

// TestBrowserCases drives the case screens in headless Chromium: from an
// item's page to a new case, an evidence upload through the file input, a
// mediation note, the evidence bundle downloaded by the browser and
// verified with cases.Verify, and the page at phone width. The sign-in
// itself is TestBrowser's: here the approver's session cookie is handed
// to the browser, which keeps this test fast.
func TestBrowserCases(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := newBrowser(t)
	c := f.SignIn(t, auth.RoleApprover)
	yes := true
	must(t, ctx, "session cookie", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: f.Auth.CookieName(), Value: c.Session.ID, URL: f.URL, Path: "/", HTTPOnly: &yes})
		return err
	}))

	item := f.Items[0]
	must(t, ctx, "item page", chromedp.Navigate(fmt.Sprintf("%s/w/demo/items/%d", f.URL, item)),
		chromedp.WaitVisible(chromedp.CSS("#item-to-case")),
		chromedp.Click(chromedp.CSS("#item-to-case")),
		chromedp.WaitVisible(chromedp.CSS("#nc-title")))
	must(t, ctx, "create the case",
		chromedp.SetValue(chromedp.CSS("#nc-title"), "Threats against Dr Martin"),
		chromedp.SetValue(chromedp.CSS("#nc-severity"), "high"),
		chromedp.SendKeys(chromedp.CSS("#nc-summary"), "Marc D. wrote that he knows where the staff live. The police were told on Monday."),
		chromedp.Click(chromedp.CSS("#create-case")),
		chromedp.WaitVisible(chromedp.CSS("article.case")))
	if s := text(t, ctx, "p.flash"); !strings.Contains(s, "The case is open") {
		t.Errorf("flash after creating = %q", s)
	}
	if s := text(t, ctx, "#case-severity"); !strings.Contains(s, "high") {
		t.Errorf("severity = %q", s)
	}
	caseURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(caseURL, f.URL), "/w/demo/cases/%d", &id); err != nil {
		t.Fatalf("case URL %q: %v", caseURL, err)
	}

	logFile := filepath.Join(t.TempDir(), "reception-call-log.txt")
	callLog := "2025-03-03 09:14  withheld number  4 min  caller threatened Dr Martin by name\n2025-03-03 11:02  withheld number  1 min  silence, then hung up\n"
	if err := os.WriteFile(logFile, []byte(callLog), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, "upload evidence",
		chromedp.SetUploadFiles(chromedp.CSS("#ev-file"), []string{logFile}),
		chromedp.SendKeys(chromedp.CSS("#ev-desc"), "Reception's call log, Monday"),
		chromedp.Click(chromedp.CSS("#upload-evidence")),
		chromedp.WaitVisible(chromedp.CSS(".case-evidence li code.hash")))
	cf := caseFile(t, f, id)
	if len(cf.Evidence) != 1 || cf.Evidence[0].Name != "reception-call-log.txt" || len(cf.Items) != 1 || cf.Items[0].Item.ID != item {
		t.Fatalf("case after upload: %d evidence %+v, %d items", len(cf.Evidence), cf.Evidence, len(cf.Items))
	}
	if got := text(t, ctx, ".case-evidence li code.hash"); got != cf.Evidence[0].SHA256 {
		t.Errorf("page shows hash %q, stored %q", got, cf.Evidence[0].SHA256)
	}
	must(t, ctx, "mediation note",
		chromedp.SetValue(chromedp.CSS("#cn-kind"), "mediation"),
		chromedp.SendKeys(chromedp.CSS("#cn-text"), "Phone call with Marc D. He apologised and agreed to remove his posts."),
		chromedp.Click(chromedp.CSS("#add-note")),
		chromedp.WaitVisible(chromedp.CSS(".case-notes li.note-mediation")))
	// Two more items from the queue's bulk bar, into the same case: the
	// form works without JavaScript (a formaction on the bulk bar's button).
	must(t, ctx, "bulk from the queue", chromedp.Navigate(f.URL+"/w/demo/queue"),
		chromedp.WaitVisible(chromedp.CSS("#bulk-case")),
		chromedp.Click(chromedp.CSS(fmt.Sprintf("#sel-%d", f.Items[1]))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf("#sel-%d", f.Items[6]))),
		chromedp.Click(chromedp.CSS("#bulk-case")),
		chromedp.WaitVisible(chromedp.CSS("#add-to-case-form")))
	shot(t, ctx, "case-new.png")
	must(t, ctx, "add to the case", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#add-to-case-form button[formaction="/w/demo/cases/%d/items"]`, id))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#case-item-%d", f.Items[6]))))
	if n := len(caseFile(t, f, id).Items); n != 3 {
		t.Errorf("items on the case after the bulk action = %d, want 3", n)
	}
	must(t, ctx, "cases list", chromedp.Navigate(f.URL+"/w/demo/cases"), chromedp.WaitVisible(chromedp.CSS(".case-list")))
	shot(t, ctx, "cases.png")

	must(t, ctx, "top of the page", chromedp.Navigate(fmt.Sprintf("%s/w/demo/cases/%d", f.URL, id)), chromedp.WaitVisible(chromedp.CSS("article.case")))
	shot(t, ctx, "case.png")

	// The bundle, downloaded by the browser itself.
	dir := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	must(t, ctx, "export the bundle", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes})
		return err
	}), chromedp.Click(chromedp.CSS("#export-bundle")))
	var zipPath string
	deadline := time.Now().Add(15 * time.Second)
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the browser cancelled the download")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			zipPath = filepath.Join(dir, ev.GUID)
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the download did not complete")
		}
	}
	zf, err := os.Open(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zf.Close()
	st, _ := zf.Stat()
	v := cases.Verify(zf, st.Size())
	if !v.OK() || v.Manifest == nil || v.Manifest.Case.ID != id || v.Manifest.Case.Evidence != 1 || v.Manifest.Case.Notes != 1 {
		t.Fatalf("downloaded bundle does not verify: %+v", v)
	}
	cf = caseFile(t, f, id)
	if last := cf.Audit[len(cf.Audit)-1]; last.Kind != "case.exported" || !strings.Contains(string(last.Data), v.ManifestSHA256) {
		t.Errorf("the export is not audited with the manifest's hash: %+v", last)
	}

	must(t, ctx, "case at phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("article.case")))
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil || wide {
		t.Errorf("the case page scrolls sideways at phone width (%v)", err)
	}
	shot(t, ctx, "case-phone.png")
}
