package pipeline

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stormwatch/stormwatch/internal/act"
)

// capsOf answers like the app's hook: channels named in caps are
// connected and can do the kinds listed; escalate is always possible;
// any other channel is not connected.
func capsOf(caps map[string][]act.Kind) Capable {
	return func(_, channel string, k act.Kind) (bool, bool) {
		kinds, ok := caps[channel]
		if !ok {
			return false, false
		}
		if k == act.Escalate {
			return true, true
		}
		for _, x := range kinds {
			if x == k {
				return true, true
			}
		}
		return true, false
	}
}

func req(kinds ...act.Kind) []Requested {
	out := make([]Requested, len(kinds))
	for i, k := range kinds {
		out[i] = Requested{Kind: k, RuleID: "R1"}
	}
	return out
}

func kindsOf(rs []Requested) []act.Kind {
	out := []act.Kind{}
	for _, r := range rs {
		out = append(out, r.Kind)
	}
	return out
}

func TestWithinCapabilities(t *testing.T) {
	caps := capsOf(map[string][]act.Kind{
		"rss:ch_news":     {},
		"mastodon:ch_m":   {act.Reply, act.NotifyAuthor, act.Delete, act.Block, act.Mute, act.Report},
		"facebook:ch_fb":  {act.Hide, act.Unhide, act.Delete, act.Reply},
		"bluesky:ch_bsky": {act.Hide, act.Reply, act.Block},
	})
	tests := []struct {
		name     string
		channel  string
		verdict  string
		actions  []act.Kind
		capable  Capable
		want     string
		wantKept []act.Kind
		wantGone []act.Kind
		wantWas  string
	}{
		{"no hook: unchanged", "rss:ch_news", "hide", []act.Kind{act.Hide, act.Escalate}, nil, "hide", []act.Kind{act.Hide, act.Escalate}, nil, ""},
		{"unconnected channel: unchanged", "facebook:page", "hide", []act.Kind{act.Hide, act.Reply}, caps, "hide", []act.Kind{act.Hide, act.Reply}, nil, ""},
		{"news feed hide: review, escalation kept", "rss:ch_news", "hide", []act.Kind{act.Hide, act.Escalate}, caps, "review", []act.Kind{act.Escalate}, []act.Kind{act.Hide}, "hide"},
		{"news feed reply on allow: dropped, verdict kept", "rss:ch_news", "allow", []act.Kind{act.Reply}, caps, "allow", []act.Kind{}, []act.Kind{act.Reply}, ""},
		{"mastodon hide: review, block kept", "mastodon:ch_m", "hide", []act.Kind{act.Hide, act.Block, act.Report}, caps, "review", []act.Kind{act.Block, act.Report}, []act.Kind{act.Hide}, "hide"},
		{"mastodon notify by reply: kept", "mastodon:ch_m", "allow", []act.Kind{act.NotifyAuthor}, caps, "allow", []act.Kind{act.NotifyAuthor}, nil, ""},
		{"mastodon delete: possible", "mastodon:ch_m", "delete", []act.Kind{act.Delete}, caps, "delete", []act.Kind{act.Delete}, nil, ""},
		{"delete impossible, hide possible: hide", "bluesky:ch_bsky", "delete", []act.Kind{act.Delete, act.Hide}, caps, "hide", []act.Kind{act.Hide}, []act.Kind{act.Delete}, "delete"},
		{"hide impossible, delete possible: delete", "mastodon:ch_m", "delete", []act.Kind{act.Hide, act.Delete}, caps, "delete", []act.Kind{act.Delete}, []act.Kind{act.Hide}, ""},
		{"everything possible", "facebook:ch_fb", "hide", []act.Kind{act.Hide, act.Reply, act.Escalate}, caps, "hide", []act.Kind{act.Hide, act.Reply, act.Escalate}, nil, ""},
		{"review verdict, report dropped", "facebook:ch_fb", "review", []act.Kind{act.Report}, caps, "review", []act.Kind{}, []act.Kind{act.Report}, ""},
		{"no actions", "rss:ch_news", "hide", nil, caps, "hide", []act.Kind{}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Verdict{Action: tt.verdict, Rules: []string{"R1"}, PolicyVersion: "v1", Actions: req(tt.actions...)}
			before := kindsOf(in.Actions)
			got, gone, was := withinCapabilities(in, "ws", tt.channel, tt.capable)
			if got.Action != tt.want || was != tt.wantWas {
				t.Errorf("verdict %q (was %q), want %q (was %q)", got.Action, was, tt.want, tt.wantWas)
			}
			if k := kindsOf(got.Actions); !reflect.DeepEqual(k, tt.wantKept) {
				t.Errorf("kept %v, want %v", k, tt.wantKept)
			}
			var goneKinds []act.Kind
			for _, u := range gone {
				goneKinds = append(goneKinds, u.Action)
				if u.Channel != tt.channel || u.Rule != "R1" || u.Reason == "" {
					t.Errorf("unavailable entry %+v", u)
				}
			}
			if !reflect.DeepEqual(goneKinds, tt.wantGone) {
				t.Errorf("dropped %v, want %v", goneKinds, tt.wantGone)
			}
			if !reflect.DeepEqual(kindsOf(in.Actions), before) {
				t.Errorf("the policy's verdict was modified: %v", kindsOf(in.Actions))
			}
		})
	}
}

func TestUnavailableIn(t *testing.T) {
	tests := []struct {
		name   string
		detail string
		want   []Unavailable
	}{
		{"empty", ``, nil},
		{"not json", `{"unavailable":`, nil},
		{"other detail", `{"policy":{"shadow":[]}}`, nil},
		{"wrong shape", `{"unavailable":"hide"}`, nil},
		{"one", `{"unavailable":[{"action":"hide","rule":"R1","channel":"rss:ch_1","reason":"the channel cannot hide"}]}`,
			[]Unavailable{{Action: act.Hide, Rule: "R1", Channel: "rss:ch_1", Reason: "the channel cannot hide"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := UnavailableIn(json.RawMessage(tt.detail)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("UnavailableIn = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func FuzzUnavailableIn(f *testing.F) {
	f.Add([]byte(`{"unavailable":[{"action":"hide","channel":"rss:ch_1","reason":"x"}]}`))
	f.Add([]byte(`{"policy":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		UnavailableIn(b) // must not panic on a stored detail of any shape
	})
}
