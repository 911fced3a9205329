package mastodon

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

func TestPublish(t *testing.T) {
	f := newFake(t)
	c := f.connector(t, nil)
	if !c.Can(act.Publish) || !source.Has(c.Capabilities(), source.Publish) || !c.DeduplicatesKind(act.Publish) {
		t.Fatal("publish is not declared")
	}
	draft := ingest.Item{ID: 9, Channel: c.Channel(), PlatformID: "draft:3"}
	tests := []struct {
		name   string
		params string
		key    string
		vis    string
		perm   bool
	}{
		{"default public", `{"text":"Our clinic is open on Saturday."}`, "k1", "public", false},
		{"unlisted", `{"text":"Notice","visibility":"unlisted","lang":"fr"}`, "k2", "unlisted", false},
		{"no text", `{}`, "k3", "", true},
		{"bad visibility", `{"text":"x","visibility":"everyone"}`, "k4", "", true},
		{"no key", `{"text":"x"}`, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := act.Action{Kind: act.Publish, IdempotencyKey: tt.key, Params: json.RawMessage(tt.params)}
			before := f.posts
			r1, err := c.Execute(context.Background(), a, draft)
			if tt.perm {
				if !act.IsPermanent(err) || f.posts != before {
					t.Fatalf("err %v, posts %d→%d; want a permanent error and nothing posted", err, before, f.posts)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r2, err := c.Execute(context.Background(), a, draft) // a retry under the same key
			if err != nil || r1 != r2 || f.posts != before+1 {
				t.Fatalf("retry: %q %q %v, posts %d→%d", r1, r2, err, before, f.posts)
			}
			st := f.statuses[f.keys[tt.key]]
			if st["visibility"] != tt.vis || st["in_reply_to_id"] != "" {
				t.Errorf("status %v", st)
			}
		})
	}
}
