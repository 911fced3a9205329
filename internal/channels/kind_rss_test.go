package channels

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/source"
)

func TestKindRSS(t *testing.T) {
	k, ok := Lookup("rss")
	if !ok || !k.Can(source.ReadMentions) || k.Can(source.Hide) || k.Push {
		t.Fatalf("kind rss = %+v, %v", k, ok)
	}
	cfg := func(settings map[string]string) Config {
		return Config{ID: "ch_1", Workspace: "demo", Channel: ChannelName("rss", "ch_1"), Settings: settings, HTTPClient: http.DefaultClient}
	}
	b, err := k.New(cfg(map[string]string{"feeds": "https://news.example/rss\n\nhttps://alerts.example/feed.atom\n", "interval": "30", "terms": "\"De Linde\" OR Tilleuls"}))
	if err != nil || b.Source == nil || b.Actor != nil || b.Source.Channel() != "rss:ch_1" {
		t.Fatalf("New = %+v, %v", b, err)
	}
	for settings, want := range map[string]map[string]string{
		"interval": {"feeds": "https://news.example/rss", "interval": "often"},
		"terms":    {"feeds": "https://news.example/rss", "terms": "\"unclosed"},
		"ftp":      {"feeds": "ftp://news.example/rss"},
	} {
		if _, err := k.New(cfg(want)); err == nil || !strings.Contains(err.Error(), map[string]string{"interval": "interval", "terms": "terms", "ftp": "http(s)"}[settings]) {
			t.Errorf("%s: err = %v", settings, err)
		}
	}
	if err := k.Validate(map[string]string{"feeds": "https://x/rss"}, nil, false); err != nil {
		t.Errorf("Validate = %v", err)
	}
	if err := k.Validate(map[string]string{}, nil, false); err == nil {
		t.Errorf("no feeds accepted")
	}
}
