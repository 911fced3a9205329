package channels

import (
	"errors"
	"testing"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/source"
)

func TestRegistry(t *testing.T) {
	for _, name := range []string{"mastodon", "meta_page", "meta_instagram", "webhook"} {
		k, ok := Lookup(name)
		if !ok || k.Label == "" || len(k.Capabilities) == 0 {
			t.Errorf("kind %s = %+v, %v", name, k, ok)
		}
	}
	if _, ok := Lookup("myspace"); ok {
		t.Error("unknown kind found")
	}
	names := []string{}
	for _, k := range Kinds() {
		names = append(names, k.Name)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("Kinds not sorted: %v", names)
		}
	}
	for _, bad := range []Kind{
		{Name: "Bad Name", New: func(Config) (Built, error) { return Built{}, nil }},
		{Name: "nonew"},
		{Name: "pushless", Push: true, New: func(Config) (Built, error) { return Built{}, nil }},
		{Name: "dupfield", New: func(Config) (Built, error) { return Built{}, nil }, Settings: []Field{{Name: "a"}}, Secrets: []Field{{Name: "a"}}},
	} {
		if err := bad.check(); err == nil {
			t.Errorf("kind %+v accepted", bad)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("registering mastodon twice did not panic")
			}
		}()
		k, _ := Lookup("mastodon")
		Register(k)
	}()
}

func TestValidate(t *testing.T) {
	k, _ := Lookup("mastodon")
	tests := []struct {
		name             string
		settings, secret map[string]string
		optional         bool
		missing, unknown bool
	}{
		{"ok", map[string]string{"base_url": "https://social.example"}, map[string]string{"token": "t"}, false, false, false},
		{"missing token", map[string]string{"base_url": "https://social.example"}, nil, false, true, false},
		{"token kept on edit", map[string]string{"base_url": "https://social.example"}, nil, true, false, false},
		{"missing url", nil, map[string]string{"token": "t"}, false, true, false},
		{"unknown field", map[string]string{"base_url": "x", "evil": "1"}, map[string]string{"token": "t"}, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := k.Validate(tt.settings, tt.secret, tt.optional)
			if errors.Is(err, ErrMissing) != tt.missing || (tt.unknown && err == nil) || (!tt.missing && !tt.unknown && err != nil) {
				t.Errorf("Validate = %v", err)
			}
		})
	}
}

func TestChannelNames(t *testing.T) {
	id := NewID()
	if len(id) != len(IDPrefix)+26 || NewID() == id {
		t.Fatalf("NewID = %q", id)
	}
	kind, got, ok := SplitChannelName(ChannelName("mastodon", id))
	if !ok || kind != "mastodon" || got != id {
		t.Errorf("split = %q %q %v", kind, got, ok)
	}
	for _, other := range []string{"mastodon:@clinic@social.example", "facebook:page", "survey", ""} {
		if _, _, ok := SplitChannelName(other); ok {
			t.Errorf("%q taken for a connected channel", other)
		}
	}
}

func TestCanDo(t *testing.T) {
	m := ChannelName("mastodon", NewID())
	fb := ChannelName("meta_page", NewID())
	tests := []struct {
		channel string
		kind    act.Kind
		want    bool
	}{
		{m, act.Hide, false}, // Mastodon cannot hide a reply
		{m, act.Unhide, false},
		{m, act.Block, true},
		{m, act.Mute, true},
		{m, act.NotifyAuthor, true}, // by replying
		{m, act.Escalate, true},     // inside Stormwatch
		{m, act.Kind("allow"), true},
		{fb, act.Hide, true},
		{fb, act.Block, false},
		{fb, act.Publish, true},
		{"facebook:page", act.Block, true}, // the demo's channels: dry run, everything
		{ChannelName("gone_kind", NewID()), act.Hide, false},
	}
	for _, tt := range tests {
		if got := CanDo(tt.channel, tt.kind); got != tt.want {
			t.Errorf("CanDo(%s, %s) = %v, want %v", tt.channel, tt.kind, got, tt.want)
		}
	}
	if c, ok := CapabilityFor(act.Publish); !ok || c != source.Publish {
		t.Error("publish capability")
	}
}
