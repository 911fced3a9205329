package app

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/source"
)

// setupChannels builds the connected channels: the credentials key ring,
// the service that changes channels, and the supervisor that runs them.
// Credentials sealed with an older key are re-sealed with the newest one
// here, at every start, so rotation is: add the new key first, restart,
// then drop the old key.
func (a *App) setupChannels(ctx context.Context) error {
	keys, err := a.credentialsKeys()
	if err != nil {
		return err
	}
	// One client for every connector; keep enough idle connections per
	// platform host for the outbox's concurrent actions, or each action
	// opens a new connection (and a new TLS handshake).
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32
	a.Channels = &channels.Service{Store: a.Store, Keys: keys, HTTPClient: &http.Client{Timeout: 30 * time.Second, Transport: tr}}
	a.Supervisor = &channels.Supervisor{
		Service: a.Channels, Store: a.Store, Alerts: a.Escalator, Log: a.Log.With("component", "channels"),
		Ingested: func(int) {
			if a.Processor != nil {
				a.Processor.Wake()
			}
		},
	}
	a.Channels.Changed = a.Supervisor.Reload
	if keys != nil {
		n, err := a.Channels.RotateKeys(ctx, "system:rotate-keys")
		if n > 0 {
			a.Log.Info("channel credentials re-sealed with the newest key", "channels", n, "key", keys.NewestKeyID())
		}
		if err != nil {
			a.Log.Warn("some channel credentials could not be re-sealed", "err", err)
		}
	}
	return nil
}

// credentialsKeys reads STORMWATCH_CREDENTIALS_KEY; without it the demo
// generates a key file in the data dir (0600) and says so, and any other
// server runs without one (channels can be listed, not connected).
func (a *App) credentialsKeys() (*channels.KeyRing, error) {
	if a.Cfg.CredentialsKey != "" {
		keys, err := channels.ParseKeyRing(a.Cfg.CredentialsKey)
		if err != nil {
			return nil, fmt.Errorf("STORMWATCH_CREDENTIALS_KEY: %w", err)
		}
		return keys, nil
	}
	if !a.Cfg.Demo {
		a.Log.Warn("no STORMWATCH_CREDENTIALS_KEY: channels cannot be connected until one is set")
		return nil, nil
	}
	path := filepath.Join(a.Cfg.DataDir, channels.DemoKeyFile)
	keys, created, err := channels.LoadOrCreateKeyFile(path)
	if err != nil {
		return nil, err
	}
	if created {
		a.Log.Warn("demo: generated a credentials key for channel secrets; set STORMWATCH_CREDENTIALS_KEY_FILE to it (or your own) outside the demo", "file", path)
	}
	return keys, nil
}

// channelRoute picks the actor of an action:
//   - escalations: the case actor, inside Stormwatch;
//   - an item from a channel that is not connected (the demo simulator,
//     the ingest API): the dry-run actor, as before channels existed;
//   - a connected channel of a sandbox (drill) workspace: the dry-run
//     actor only, never the connector;
//   - a connected channel: its connector (which refuses, as a failed
//     action, a kind it cannot do); while it is disabled or cannot be
//     built, a stand-in that asks the outbox to retry later. A policy's
//     reply or author notice gets its approved text on the way
//     (withText, render.go).
func (a *App) channelRoute(dry, cases act.Actor) act.Router {
	var sandboxes sync.Map // workspace id -> bool
	return func(ac act.Action) act.Actor {
		if ac.Kind == act.Escalate {
			return cases
		}
		actor, connected := a.Supervisor.Actor(ac.Channel)
		if !connected {
			return dry
		}
		sandbox, err := a.isSandbox(&sandboxes, ac.Workspace)
		switch {
		case err != nil:
			return unavailable{fmt.Errorf("workspace %s: %w", ac.Workspace, err)}
		case sandbox:
			return dry
		case actor == nil:
			return unavailable{fmt.Errorf("channel %s is disabled or not connected", ac.Channel)}
		}
		if ac.Kind == act.NotifyAuthor && !actor.Can(act.NotifyAuthor) && actor.Can(act.Reply) {
			actor = notifyAsReply{actor}
		}
		if needsText(ac) {
			actor = withText{Actor: actor, render: a.policyText}
		}
		return actor
	}
}

// channelCapable answers the pipeline's question (pipeline.Capable) from
// the kind registry: what a connected channel's kind declares it can do,
// without building the channel. Channels not made by the channels package
// (the simulator's, an API import's) are not connected and keep the dry
// run; escalations are carried out inside Stormwatch and always possible.
func channelCapable(_, channel string, k act.Kind) (connected, can bool) {
	caps, connected := channels.CapabilitiesOf(channel)
	if !connected {
		return false, true
	}
	c, onPlatform := channels.CapabilityFor(k)
	return true, !onPlatform || source.Has(caps, c)
}

// isSandbox reports whether a workspace is a drill's sandbox. A
// workspace is created sandbox or not and never changes, so the answer is
// kept (the router asks once per action).
func (a *App) isSandbox(cache *sync.Map, workspace string) (bool, error) {
	if v, ok := cache.Load(workspace); ok {
		return v.(bool), nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ws, err := a.Store.Workspace(ctx, workspace)
	if err != nil {
		return false, err
	}
	cache.Store(workspace, ws.Sandbox)
	return ws.Sandbox, nil
}

// unavailable stands in for a connected channel's actor that cannot run
// now: nothing happens, and the outbox retries later.
type unavailable struct{ err error }

func (unavailable) Can(act.Kind) bool  { return true }
func (unavailable) Deduplicates() bool { return false } // an earlier attempt may have run on the real actor
func (u unavailable) Execute(context.Context, act.Action, ingest.Item) (string, error) {
	return "", act.RetryAfter(u.err, time.Minute)
}

// notifyAsReply tells the author which rule was applied by replying, on
// connectors without a notification of their own.
type notifyAsReply struct{ act.Actor }

func (n notifyAsReply) Can(k act.Kind) bool { return k == act.NotifyAuthor || n.Actor.Can(k) }
func (n notifyAsReply) Execute(ctx context.Context, a act.Action, it ingest.Item) (string, error) {
	if a.Kind == act.NotifyAuthor {
		a.Kind = act.Reply
	}
	return n.Actor.Execute(ctx, a, it)
}
func (n notifyAsReply) DeduplicatesKind(k act.Kind) bool {
	if k == act.NotifyAuthor {
		k = act.Reply
	}
	if d, ok := n.Actor.(act.KindDeduplicator); ok {
		return d.DeduplicatesKind(k)
	}
	return n.Actor.Deduplicates()
}

var _ act.KindDeduplicator = notifyAsReply{}
