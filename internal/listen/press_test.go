package listen

import (
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

func TestPress(t *testing.T) {
	at := time.Date(2026, 11, 21, 7, 30, 0, 0, time.UTC)
	obs := []Obs{
		{Workspace: "demo", Channel: "facebook:page", ItemID: 1, At: at, Text: "not press", Negative: true},
		{Workspace: "demo", Channel: "rss:www.ouest-info.example", ItemID: 2, At: at, AuthorName: "Ouest Info", Text: "Chats empoisonnés : la Clinique des Tilleuls mise en cause\n\nUne propriétaire accuse..."},
		{Workspace: "demo", Channel: "rss:www.ouest-info.example", ItemID: 3, At: at.Add(time.Hour), AuthorName: "Ouest Info", Text: "Le Dr Martin répond\n\n...", Categories: []detect.Category{detect.Accusation}},
		{Workspace: "demo", Channel: "rss:news.example", ItemID: 4, At: at, AuthorID: "news.example", Text: "Portes ouvertes à la clinique"},
		{Workspace: "demo", Channel: "rss:news.example", ItemID: 5, At: at.Add(24 * time.Hour), AuthorID: "news.example", Text: "Another day"},
	}
	got := Press(obs)
	if len(got) != 3 {
		t.Fatalf("%d alerts, want 3 (two outlets, one of them on two days): %+v", len(got), got)
	}
	a := got[0].Alert
	if got[0].Workspace != "demo" || a.Kind != PressKind || a.Severity != store.AlertCritical || a.Title != "In the press: Ouest Info" ||
		a.Metrics[0].Observed != 2 || len(a.ExampleItemIDs) != 2 || !strings.Contains(a.Summary, "“Chats empoisonnés : la Clinique des Tilleuls mise en cause”") ||
		a.DedupeKey != "press:rss:www.ouest-info.example:Ouest Info:2026-11-21" || !a.At.Equal(at.Add(time.Hour)) {
		t.Errorf("first alert = %+v", a)
	}
	if b := got[1].Alert; b.Severity != store.AlertWarning || b.Title != "In the press: news.example" || b.DedupeKey == got[2].Alert.DedupeKey {
		t.Errorf("plain coverage = %+v / %+v", b, got[2].Alert)
	}
	if Press(obs[:1]) != nil {
		t.Errorf("a non-press item raised a press alert")
	}
	if !IsPress("rss:x") || IsPress("mastodon:x") {
		t.Errorf("IsPress")
	}
}
