package desk_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// chromium finds Debian's chromium; the browser tests are part of `make
// test`, so a missing browser is a failure with the fix in the message.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("STORMWATCH_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if testing.Short() {
		t.Skip("chromium not installed (-short)")
	}
	t.Fatal("chromium is not installed: run `make deps` (it installs Debian's chromium), or set STORMWATCH_CHROMIUM to a Chromium binary")
	return ""
}

// screenshotDir is test-output/screenshots at the repository's root.
func screenshotDir(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "test-output", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fullShot saves a full-page PNG of what ctx shows under screenshotDir.
func fullShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Nothing but the test server on 127.0.0.1 resolves.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 gives a PNG; below, a JPEG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// TestBrowser drives the desk in a real headless Chromium: the admin's
// first sign-in with TOTP enrolment, a second sign-in with a code, hiding
// an item from the queue with the keyboard, the item and dashboard pages,
// switching to French, and the phone width.
func TestBrowser(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := newBrowser(t)
	email := desktest.Email(auth.RoleAdmin)

	must(t, ctx, "sign in", chromedp.Navigate(f.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), desktest.Password),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#secret")))
	shot(t, ctx, "enrol.png")
	secret := desktest.DecodeSecret(t, text(t, ctx, "#secret"))
	must(t, ctx, "confirm TOTP", chromedp.SendKeys(chromedp.CSS("#code"), auth.TOTPCode(secret, time.Now())),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("#recovery-codes")),
		chromedp.Click(chromedp.CSS("#continue")),
		chromedp.WaitVisible(chromedp.CSS("#queue-list")))

	// Sign out, and in again with a code from the app (the next step's:
	// the enrolment's code cannot be used twice).
	must(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#email")))
	must(t, ctx, "sign in again", chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), desktest.Password),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("#code")))
	next := time.Unix((auth.TOTPStep(time.Now())+1)*auth.TOTPPeriod, 0)
	must(t, ctx, "verify TOTP", chromedp.SendKeys(chromedp.CSS("#code"), auth.TOTPCode(secret, next)),
		chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("#queue-list .q-item")))
	shot(t, ctx, "queue.png")

	// The keyboard: j twice to the second item, h to hide it.
	must(t, ctx, "move with j", chromedp.KeyEvent("j"), chromedp.KeyEvent("j"))
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.dataset.id || ""`))
	if err != nil || id == "" {
		t.Fatalf("after j j, the focused element is not a queue item (%q, %v)", id, err)
	}
	must(t, ctx, "hide with h", chromedp.KeyEvent("h"),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#item-%s[data-status="hidden"]`, id))))
	var itemID int64
	fmt.Sscan(id, &itemID)
	qi, err := f.Store.QueueItem(context.Background(), desktest.Workspace, itemID, time.Now())
	if err != nil || qi.Status != store.StatusHidden {
		t.Fatalf("item %d after h: %+v, %v", itemID, qi.Status, err)
	}
	still, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.dataset.id || ""`))
	if err != nil || still != id {
		t.Errorf("focus after hiding = %q, want the same item %s", still, id)
	}
	shot(t, ctx, "queue-after-hide.png")

	// Live arrival: a new decided item shows up on the open page.
	fresh := desktest.Seed(t, f.Store, desktest.Workspace, 1)
	newest := fresh[len(fresh)-2] // the last decided one (the very last is undecided)
	f.Desk.Notify([]store.Decision{{Workspace: desktest.Workspace, ItemID: newest}})
	must(t, ctx, "live arrival", chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#item-%d.new", newest))))

	must(t, ctx, "item page", chromedp.Navigate(fmt.Sprintf("%s/w/demo/items/%d", f.URL, f.Items[0])),
		chromedp.WaitVisible(chromedp.CSS(".item-text mark")))
	shot(t, ctx, "item.png")

	must(t, ctx, "dashboard", chromedp.Navigate(f.URL+"/w/demo/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("svg.chart")))
	shot(t, ctx, "dashboard.png")

	must(t, ctx, "switch to French", chromedp.Navigate(f.URL+"/w/demo/queue"),
		chromedp.WaitVisible(chromedp.CSS("#lang-select")),
		chromedp.SetValue(chromedp.CSS("#lang-select"), "fr"),
		chromedp.Click(chromedp.CSS("#lang-apply")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="fr"] #queue-list`)))
	if h1 := text(t, ctx, "h1"); !strings.Contains(h1, "Boîte de réception") {
		t.Errorf("heading after switching to French = %q", h1)
	}
	shot(t, ctx, "queue-fr.png")

	must(t, ctx, "phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#queue-list")))
	shot(t, ctx, "queue-phone.png")
}
