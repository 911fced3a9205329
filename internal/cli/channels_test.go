package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	auditpkg "github.com/stormwatch/stormwatch/internal/audit"

	"github.com/stormwatch/stormwatch/internal/app"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/config"
)

// TestChannelsRotateKeys: a channel sealed with k1 is re-sealed with k2
// by `channels rotate-keys` once k2 is put first, and still opens with
// k2 alone; genkey prints a usable entry; list shows the key id.
func TestChannelsRotateKeys(t *testing.T) {
	dir := t.TempDir()
	k1 := strings.TrimSpace(run(t, nil, "", "channels", "genkey", "k1").stdout)
	r := run(t, nil, "", "channels", "genkey", "k2")
	k2 := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(k2, "k2:") || !strings.Contains(r.stderr, "rotate-keys") {
		t.Fatalf("genkey: %+v", r)
	}
	env := map[string]string{"STORMWATCH_DATA_DIR": dir, "STORMWATCH_CREDENTIALS_KEY": k1}
	if r := run(t, env, "", "workspace", "create", "clinic", "--name", "Clinique"); r.code != 0 {
		t.Fatalf("workspace create: %+v", r)
	}
	ctx := context.Background()
	cfg, _ := config.FromEnv(func(k string) string { return env[k] })
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	keys1, _ := channels.ParseKeyRing(k1)
	ch, err := (&channels.Service{Store: st, Keys: keys1}).Create(ctx, "clinic", "webhook", "Hook", nil, map[string]string{"secret": "s-0123456789abcdef"}, "test")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	env["STORMWATCH_CREDENTIALS_KEY"] = k2 + "," + k1
	if r := run(t, env, "", "channels", "rotate-keys"); r.code != 0 || !strings.Contains(r.stdout, "re-sealed 1 channel(s) with key k2") {
		t.Fatalf("rotate-keys: %+v", r)
	}
	if r := run(t, env, "", "channels", "list", "--workspace", "clinic"); r.code != 0 || !strings.Contains(r.stdout, ch.ID) || !strings.Contains(r.stdout, "k2") {
		t.Errorf("list: %+v", r)
	}
	st, _ = app.OpenStore(ctx, cfg)
	defer st.Close()
	got, _ := st.Channel(ctx, "clinic", ch.ID)
	keys2, _ := channels.ParseKeyRing(k2)
	if c, err := (&channels.Service{Store: st, Keys: keys2}).Config(got); err != nil || c.Secret("secret") != "s-0123456789abcdef" {
		t.Errorf("after rotation, k2 alone: %v", err)
	}
	delete(env, "STORMWATCH_CREDENTIALS_KEY")
	if r := run(t, env, "", "channels", "rotate-keys"); r.code == 0 || !strings.Contains(r.stderr, "STORMWATCH_CREDENTIALS_KEY") {
		t.Errorf("rotate without a key: %+v", r)
	}
	if r := run(t, env, "", "channels"); r.code != 2 {
		t.Errorf("no subcommand: %+v", r)
	}
}

// TestChannelsMastodonFilters: keyword filters are added, listed and
// removed on a connected Mastodon channel's account (a local server
// speaking the v2 filters API), each change audited; other kinds refuse.
func TestChannelsMastodonFilters(t *testing.T) {
	var mu sync.Mutex
	var posted url.Values
	var deleted []string
	mux := http.NewServeMux()
	entity := `{"id":"19972","title":"Storm","context":["notifications","thread"],"expires_at":null,"filter_action":"hide","keywords":[{"id":"1","keyword":"assassins","whole_word":true}],"statuses":[]}`
	mux.HandleFunc("POST /api/v2/filters", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		posted = r.PostForm
		mu.Unlock()
		w.Write([]byte(entity))
	})
	mux.HandleFunc("GET /api/v2/filters", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("[" + entity + "]")) })
	mux.HandleFunc("DELETE /api/v2/filters/{id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		deleted = append(deleted, r.PathValue("id"))
		mu.Unlock()
		w.Write([]byte("{}"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	k1 := strings.TrimSpace(run(t, nil, "", "channels", "genkey", "k1").stdout)
	env := map[string]string{"STORMWATCH_DATA_DIR": dir, "STORMWATCH_CREDENTIALS_KEY": k1}
	if r := run(t, env, "", "workspace", "create", "clinic", "--name", "Clinique"); r.code != 0 {
		t.Fatalf("workspace create: %+v", r)
	}
	ctx := context.Background()
	cfg, _ := config.FromEnv(func(k string) string { return env[k] })
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := channels.ParseKeyRing(k1)
	svc := &channels.Service{Store: st, Keys: keys}
	masto, err := svc.Create(ctx, "clinic", "mastodon", "Mastodon", map[string]string{"base_url": srv.URL}, map[string]string{"token": "tok-0123456789abcdef"}, "test")
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	hook, err := svc.Create(ctx, "clinic", "webhook", "Hook", nil, map[string]string{"secret": "s-0123456789abcdef"}, "test")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	r := run(t, env, "", "channels", "filter", "--workspace", "clinic", "--channel", masto.ID, "--title", "Storm", "--keyword", "assassins", "--keyword", "tueurs", "--hide", "--whole-word", "--expires", "48h")
	if r.code != 0 || !strings.Contains(r.stdout, "filter 19972 added (hide") {
		t.Fatalf("filter: %+v", r)
	}
	mu.Lock()
	if posted.Get("filter_action") != "hide" || strings.Join(posted["keywords_attributes[][keyword]"], ",") != "assassins,tueurs" || posted.Get("expires_in") != "172800" {
		t.Errorf("posted %v", posted)
	}
	mu.Unlock()
	if r := run(t, env, "", "channels", "filters", "--workspace", "clinic", "--channel", masto.ID); r.code != 0 || !strings.Contains(r.stdout, "19972") || !strings.Contains(r.stdout, "assassins") {
		t.Errorf("filters: %+v", r)
	}
	if r := run(t, env, "", "channels", "unfilter", "--workspace", "clinic", "--channel", masto.ID, "--id", "19972"); r.code != 0 || len(deleted) != 1 {
		t.Errorf("unfilter: %+v, deleted %v", r, deleted)
	}
	if r := run(t, env, "", "channels", "filter", "--workspace", "clinic", "--channel", hook.ID, "--title", "x", "--keyword", "y"); r.code == 0 || !strings.Contains(r.stderr, "Mastodon feature") {
		t.Errorf("filter on a webhook channel: %+v", r)
	}

	st, _ = app.OpenStore(ctx, cfg)
	defer st.Close()
	var kinds []string
	st.WalkAudit(ctx, func(ev auditpkg.Event) error {
		if strings.HasPrefix(ev.Kind, "channel.filter") {
			kinds = append(kinds, ev.Kind)
			if strings.Contains(string(ev.Data), "tok-") {
				t.Errorf("a secret in the audit: %s", ev.Data)
			}
		}
		return nil
	})
	if strings.Join(kinds, ",") != "channel.filter_added,channel.filter_removed" {
		t.Errorf("audited %v", kinds)
	}
}
