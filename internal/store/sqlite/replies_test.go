package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// What was approved is what is sent: the schema refuses to change an
// approved template's words or a draft's text, even through plain SQL.
func TestReplyWordsImmutableThroughSQL(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	if err := s.CreateWorkspace(ctx, store.Workspace{ID: "demo", Name: "Demo"}, "system"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateTemplate(ctx, store.Template{Workspace: "demo", ID: "t.fr", Lang: "fr", Name: "n", Tone: "firm", Body: "Bonjour", Status: store.TemplateApproved}, "system"); err != nil {
		t.Fatal(err)
	}
	res, err := s.InsertItems(ctx, "demo", []ingest.Item{{Channel: "facebook:page", PlatformID: "p1", Kind: ingest.KindComment, Text: "x", CreatedAt: time.Now()}}, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateDraft(ctx, store.Draft{Workspace: "demo", ItemID: res[0].ID, Lang: "fr", Text: "Bonjour", RequestKey: "k", Status: store.DraftPending, CreatedBy: "user:1"}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE reply_template_versions SET body = 'Autre chose'`,
		`UPDATE reply_template_versions SET status = 'draft'`,
		`DELETE FROM reply_template_versions`,
		`UPDATE reply_drafts SET text = 'Autre chose'`,
		`UPDATE reply_drafts SET status = 'sent'`,
		`UPDATE reply_drafts SET status = 'approved', basis = 'approver', decided_by = 'user:1'`,
	} {
		if _, err := s.w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: accepted", q)
		} else if !strings.Contains(err.Error(), "immutable") && !strings.Contains(err.Error(), "status") && !strings.Contains(err.Error(), "kept") && !strings.Contains(err.Error(), "CHECK") && !strings.Contains(err.Error(), "CHECK") {
			t.Errorf("%s: unexpected refusal %v", q, err)
		}
	}
}
