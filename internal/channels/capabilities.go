package channels

import (
	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/source"
)

// CapabilitiesOf returns what a channel can do, by the name on its items,
// as its kind declares; connected is false for a channel name not made by
// this package (the demo simulator's, an API import's), which keeps the
// dry-run behaviour and may be offered everything.
func CapabilitiesOf(channel string) (caps []source.Capability, connected bool) {
	kind, _, ok := SplitChannelName(channel)
	if !ok {
		return nil, false
	}
	k, ok := Lookup(kind)
	if !ok {
		return nil, true // a kind of another build: offer nothing
	}
	return k.Capabilities, true
}

// CapabilityFor is the capability an action kind needs on the platform;
// ok is false for kinds carried out inside Stormwatch (escalate).
func CapabilityFor(k act.Kind) (c source.Capability, ok bool) {
	switch k {
	case act.Hide, act.Unhide:
		return source.Hide, true
	case act.Delete:
		return source.Delete, true
	case act.Reply, act.NotifyAuthor: // telling the author is a reply
		return source.Reply, true
	case act.Block:
		return source.Block, true
	case act.Mute:
		return source.Mute, true
	case act.Report:
		return source.Report, true
	case act.Publish:
		return source.Publish, true
	}
	return "", false
}

// CanDo reports whether a channel (by the name on its items) can carry out
// an action kind: always for an unconnected channel (dry run) and for
// kinds done inside Stormwatch.
func CanDo(channel string, k act.Kind) bool {
	caps, connected := CapabilitiesOf(channel)
	if !connected {
		return true
	}
	c, ok := CapabilityFor(k)
	return !ok || source.Has(caps, c)
}
