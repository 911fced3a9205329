package storetest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

func init() {
	register("ChannelsLifecycle", testChannelsLifecycle)
	register("ChannelsIsolationAndHealth", testChannelsIsolationAndHealth)
}

func testChannelsLifecycle(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	sealed := []byte("sealed-secret-bytes-that-must-never-reach-the-audit")
	setAt := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ch := store.Channel{ID: "ch_abc", Workspace: "demo", Kind: "mastodon", Name: "Clinic on Mastodon",
		Settings: map[string]string{"base_url": "https://social.example"}, Credentials: sealed, KeyID: "k1",
		SecretHints: map[string]string{"token": "…wxyz"}, CredentialsSetAt: setAt, Enabled: true}
	if err := s.CreateChannel(ctx, ch, "user:1"); err != nil {
		t.Fatalf("CreateChannel: %v", err)
	}
	if err := s.CreateChannel(ctx, ch, "user:1"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second CreateChannel = %v, want ErrConflict", err)
	}
	got, err := s.Channel(ctx, "demo", "ch_abc")
	if err != nil || got.Kind != "mastodon" || got.Settings["base_url"] != "https://social.example" || !bytes.Equal(got.Credentials, sealed) ||
		got.KeyID != "k1" || got.SecretHints["token"] != "…wxyz" || !got.CredentialsSetAt.Equal(setAt) || !got.Enabled || got.CreatedAt.IsZero() {
		t.Fatalf("Channel = %+v, %v", got, err)
	}
	if got, err := s.ChannelByID(ctx, "ch_abc"); err != nil || got.Workspace != "demo" {
		t.Errorf("ChannelByID = %+v, %v", got, err)
	}
	if _, err := s.ChannelByID(ctx, "ch_nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ChannelByID(nope) = %v, want ErrNotFound", err)
	}
	if got, err := s.UpdateChannel(ctx, "demo", "ch_abc", "Mastodon", map[string]string{"base_url": "https://other.example"}, "user:1"); err != nil ||
		got.Name != "Mastodon" || got.Settings["base_url"] != "https://other.example" || !bytes.Equal(got.Credentials, sealed) {
		t.Errorf("UpdateChannel = %+v, %v", got, err)
	}
	if got, err := s.SetChannelEnabled(ctx, "demo", "ch_abc", false, "user:1"); err != nil || got.Enabled {
		t.Errorf("SetChannelEnabled(false) = %+v, %v", got, err)
	}
	sealed2 := []byte("second-sealed-blob")
	if got, err := s.SetChannelCredentials(ctx, "demo", "ch_abc", store.ChannelCredentials{Sealed: sealed2, KeyID: "k1", Hints: map[string]string{"token": "…9876"}}, "user:1"); err != nil ||
		!bytes.Equal(got.Credentials, sealed2) || got.SecretHints["token"] != "…9876" || !got.CredentialsSetAt.After(setAt) {
		t.Errorf("SetChannelCredentials = %+v, %v", got, err)
	}
	// Rekey is a compare-and-swap on the key id.
	if err := s.RekeyChannelCredentials(ctx, "demo", "ch_abc", "k0", []byte("x"), "k2", "system"); !errors.Is(err, store.ErrConflict) {
		t.Errorf("rekey from the wrong key = %v, want ErrConflict", err)
	}
	if err := s.RekeyChannelCredentials(ctx, "demo", "ch_abc", "k1", []byte("resealed"), "k2", "system"); err != nil {
		t.Fatalf("RekeyChannelCredentials: %v", err)
	}
	if got, _ := s.Channel(ctx, "demo", "ch_abc"); got.KeyID != "k2" || string(got.Credentials) != "resealed" || got.SecretHints["token"] != "…9876" {
		t.Errorf("after rekey = %+v", got)
	}
	if err := s.RekeyChannelCredentials(ctx, "demo", "ch_nope", "k1", nil, "k2", "system"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rekey of a missing channel = %v, want ErrNotFound", err)
	}
	// Removing a channel forgets its cursor, keeps its items.
	if err := s.InsertItemsAt(ctx, "demo", []ingest.Item{{Channel: "mastodon:ch_abc", PlatformID: "1", Kind: "reply", Text: "hi", CreatedAt: setAt}}, "mastodon:ch_abc", "7", "source:mastodon:ch_abc"); err != nil {
		t.Fatalf("InsertItemsAt: %v", err)
	}
	if err := s.DeleteChannel(ctx, "demo", "ch_abc", "user:1"); err != nil {
		t.Fatalf("DeleteChannel: %v", err)
	}
	if _, err := s.Channel(ctx, "demo", "ch_abc"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after delete = %v, want ErrNotFound", err)
	}
	if c, err := s.Cursor(ctx, "demo", "mastodon:ch_abc"); err != nil || c != "" {
		t.Errorf("cursor after delete = %q, %v", c, err)
	}
	if err := s.DeleteChannel(ctx, "demo", "ch_abc", "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
	// Every change is audited, and no secret, ciphertext or hint is in it.
	kinds := map[string]int{}
	err = s.WalkAudit(ctx, func(ev audit.Event) error {
		if strings.HasPrefix(ev.Kind, "channel.") {
			kinds[ev.Kind]++
			for _, bad := range []string{string(sealed), string(sealed2), "resealed", "wxyz", "9876"} {
				if strings.Contains(string(ev.Data), bad) {
					t.Errorf("audit %s leaks %q: %s", ev.Kind, bad, ev.Data)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"channel.created", "channel.updated", "channel.disabled", "channel.credentials_replaced", "channel.credentials_rekeyed", "channel.removed"} {
		if kinds[k] != 1 {
			t.Errorf("audit %s: %d events, want 1 (all: %v)", k, kinds[k], kinds)
		}
	}
}

func testChannelsIsolationAndHealth(t *testing.T, s store.Store) {
	ctx := context.Background()
	mustWorkspace(t, s, "demo")
	mustWorkspace(t, s, "other")
	for _, c := range []store.Channel{
		{ID: "ch_b", Workspace: "demo", Kind: "webhook", Name: "B", Enabled: true},
		{ID: "ch_a", Workspace: "demo", Kind: "webhook", Name: "A", Enabled: true},
		{ID: "ch_o", Workspace: "other", Kind: "webhook", Name: "O", Enabled: true},
	} {
		if err := s.CreateChannel(ctx, c, "user:1"); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.ListChannels(ctx, "demo")
	if err != nil || len(list) != 2 || list[0].ID != "ch_a" || list[1].ID != "ch_b" {
		t.Errorf("ListChannels(demo) = %+v, %v", list, err)
	}
	if all, err := s.ListChannels(ctx, ""); err != nil || len(all) != 3 {
		t.Errorf("ListChannels(all) = %d, %v", len(all), err)
	}
	if _, err := s.Channel(ctx, "other", "ch_a"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another workspace's channel = %v, want ErrNotFound", err)
	}
	if _, err := s.SetChannelEnabled(ctx, "other", "ch_a", false, "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("disable another workspace's channel = %v, want ErrNotFound", err)
	}
	if err := s.DeleteChannel(ctx, "other", "ch_a", "user:1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete another workspace's channel = %v, want ErrNotFound", err)
	}
	t1 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	msg := "429 Too Many Requests"
	if err := s.SetChannelHealth(ctx, "demo", "ch_a", store.ChannelHealth{ItemAt: t1, Err: &msg, At: t1.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	// An older item time does not move the last item back.
	if err := s.SetChannelHealth(ctx, "demo", "ch_a", store.ChannelHealth{ItemAt: t1.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Channel(ctx, "demo", "ch_a")
	if !got.LastItemAt.Equal(t1) || got.LastError != msg || !got.LastErrorAt.Equal(t1.Add(time.Minute)) {
		t.Errorf("health = %+v", got)
	}
	empty := ""
	if err := s.SetChannelHealth(ctx, "demo", "ch_a", store.ChannelHealth{Err: &empty}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Channel(ctx, "demo", "ch_a"); got.LastError != "" || !got.LastItemAt.Equal(t1) {
		t.Errorf("after clearing the error = %+v", got)
	}
}
