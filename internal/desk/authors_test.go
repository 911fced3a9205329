package desk_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// TestAuthors: the page lists a repeat offender (per channel, with counts
// per category and links to their items) and a suggested supporter who
// defended the organization; it says identities are per channel. A
// viewer reads but gets no mark button; a forged CSRF token on the mark
// step is refused; a moderator marks the supporter in one click, and the
// author moves to the marked list. Another workspace's page is refused.
func TestAuthors(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	ctx := context.Background()
	// fb:marc already has two abusive items hidden or held; one more.
	var in []ingest.Item
	in = append(in, ingest.Item{Channel: "facebook:page", PlatformID: "marc-3", Text: "bande de nuls", AuthorID: "fb:marc", AuthorName: "Marc D.", ThreadID: "post-9", Lang: "fr"})
	in = append(in, ingest.Item{Channel: "facebook:page", PlatformID: "def-1", Kind: ingest.KindReply, Text: "Merci à l'équipe, ils ont sauvé mon chat", AuthorID: "fb:lea", AuthorName: "Léa", ThreadID: "post-9", ParentID: "marc-3", Lang: "fr"})
	res, err := f.Store.InsertItems(ctx, desktest.Workspace, in, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	sig := func(c detect.Category) []detect.Signal {
		return []detect.Signal{{Category: c, Score: 0.9, Detector: "lexicon", Version: "1"}}
	}
	if err := f.Store.SaveDecisions(ctx, []store.Decision{
		{ItemID: res[0].ID, Workspace: desktest.Workspace, Lang: "fr", Action: "hide", Rules: []string{}, PolicyVersion: "t", Signals: sig(detect.Insult), DecidedAt: time.Now()},
		{ItemID: res[1].ID, Workspace: desktest.Workspace, Lang: "fr", Action: "allow", Rules: []string{}, PolicyVersion: "t", Signals: sig(detect.Praise), DecidedAt: time.Now()},
	}); err != nil {
		t.Fatal(err)
	}
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleModerator)

	resp, body := view.Get(t, "/w/demo/authors")
	if resp.StatusCode != 200 {
		t.Fatalf("viewer GET = %d", resp.StatusCode)
	}
	pageHas(t, body, `id="authors-privacy"`, "two platforms shows as two authors", `id="offenders"`, "Marc D.", "facebook:page",
		"insult × 2", "threat × 1", "harassment × 1", fmt.Sprintf(`href="/w/demo/items/%d"`, res[0].ID),
		`href="/w/demo/queue?author=fb%3Amarc&amp;channel=facebook%3Apage"`,
		`id="suggested"`, "Léa", "defended the organization 1 time(s) in reply to abuse", `id="supporters-none"`)
	if strings.Contains(body, "mark-supporter") {
		t.Errorf("a viewer is offered the mark button")
	}
	if strings.Contains(body, "Deals") || strings.Contains(body, "Anna") {
		t.Errorf("spam or a single praise is listed: %s", body)
	}

	_, body = mod.Get(t, "/w/demo/authors")
	pageHas(t, body, "mark-supporter", fmt.Sprintf(`action="/w/demo/items/%d/act"`, res[1].ID), `name="back" value="/w/demo/authors"`)
	mark := fmt.Sprintf("/w/demo/items/%d/act", res[1].ID)
	if resp, _ := view.Post(t, mark, url.Values{"kind": {"supporter"}, "nonce": {"v1"}}); resp.StatusCode != 403 {
		t.Errorf("viewer marks = %d, want 403", resp.StatusCode)
	}
	if resp, _ := mod.Post(t, mark, url.Values{"kind": {"supporter"}, "nonce": {"m0"}, "back": {"/w/demo/authors"}, "csrf_token": {"forged"}}); resp.StatusCode != 403 {
		t.Errorf("forged CSRF = %d, want 403", resp.StatusCode)
	}
	if a, _ := f.Store.Author(ctx, desktest.Workspace, "facebook:page", "fb:lea"); len(a.Labels) != 0 {
		t.Fatalf("labelled by a refused request: %v", a.Labels)
	}
	resp, _ = mod.Post(t, mark, url.Values{"kind": {"supporter"}, "nonce": {"m1"}, "back": {"/w/demo/authors"}})
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/w/demo/authors?flash=done_supporter") {
		t.Fatalf("mark = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = view.Get(t, "/w/demo/authors")
	pageHas(t, body, `id="supporters"`, "Léa", `id="suggested-none"`)

	if resp, _ := view.Get(t, "/w/other/authors"); resp.StatusCode != 403 && resp.StatusCode != 404 {
		t.Errorf("other workspace = %d, want 403 or 404", resp.StatusCode)
	}
}
