package pipeline

import (
	"encoding/json"

	"github.com/stormwatch/stormwatch/internal/act"
)

// Capable reports whether the channel an item came from can carry out an
// action kind. connected is false for a channel that is not a connected
// account (the demo simulator, the ingest API): its actions keep going to
// the dry run, so nothing is dropped for it. Kinds done inside Stormwatch
// (escalate) are always possible.
type Capable func(workspace, channel string, k act.Kind) (connected, can bool)

// Unavailable is an action the policy chose that the item's connected
// channel cannot carry out (a news feed cannot hide, Mastodon cannot hide
// someone else's reply). It is dropped before it reaches the outbox, where
// it could only fail, and recorded in the decision's detail under
// "unavailable" so the desk can say why nothing happened.
type Unavailable struct {
	Action  act.Kind `json:"action"`
	Rule    string   `json:"rule,omitempty"`
	Channel string   `json:"channel"`
	Reason  string   `json:"reason"`
}

// UnavailableIn reads the unavailable actions recorded in a decision's
// detail; nil when there are none or the detail is not one of the
// pipeline's.
func UnavailableIn(detail json.RawMessage) []Unavailable {
	if len(detail) == 0 {
		return nil
	}
	var d struct {
		Unavailable []Unavailable `json:"unavailable"`
	}
	if json.Unmarshal(detail, &d) != nil {
		return nil
	}
	return d.Unavailable
}

// verbs say what an action does, in the reason given to people.
var verbs = map[act.Kind]string{
	act.Hide: "hide", act.Unhide: "unhide", act.Delete: "delete", act.Reply: "reply",
	act.NotifyAuthor: "notify the author", act.Block: "block", act.Report: "report", act.Mute: "mute", act.Publish: "publish",
}

// withinCapabilities drops the actions of v that the item's connected
// channel cannot do. When that leaves a removal verdict (hide, delete)
// without any removal it can still carry out, the verdict becomes review:
// the policy wanted the item gone, so a person must see that it is not.
// The policy's own verdict is returned as was ("" when unchanged). v's
// slices are not modified: they may be shared with the policy.
func withinCapabilities(v Verdict, workspace, channel string, capable Capable) (out Verdict, gone []Unavailable, was string) {
	if capable == nil || len(v.Actions) == 0 {
		return v, nil, ""
	}
	kept := make([]Requested, 0, len(v.Actions))
	removalDropped := false
	for _, r := range v.Actions {
		connected, can := capable(workspace, channel, r.Kind)
		if !connected || can {
			kept = append(kept, r)
			continue
		}
		verb := verbs[r.Kind]
		if verb == "" {
			verb = string(r.Kind)
		}
		gone = append(gone, Unavailable{Action: r.Kind, Rule: r.RuleID, Channel: channel, Reason: "the channel cannot " + verb})
		removalDropped = removalDropped || r.Kind == act.Hide || r.Kind == act.Delete
	}
	if len(gone) == 0 {
		return v, nil, ""
	}
	out = v
	out.Actions = kept
	if removalDropped && (v.Action == string(act.Hide) || v.Action == string(act.Delete)) {
		// The strongest removal still possible, or a person.
		out.Action = "review"
		for _, r := range kept {
			switch {
			case r.Kind == act.Delete:
				out.Action = string(act.Delete)
			case r.Kind == act.Hide && out.Action == "review":
				out.Action = string(act.Hide)
			}
		}
		if out.Action != v.Action {
			was = v.Action
		}
	}
	return out, gone, was
}
