package cli

import (
	"context"
	"strings"
	"testing"

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
