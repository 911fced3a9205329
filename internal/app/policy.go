package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/pipeline"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/store"
)

// PolicyVerdict adapts a policy to the pipeline.
type PolicyVerdict struct{ P *policy.Policy }

// Evaluate decides on an analysed item.
func (a PolicyVerdict) Evaluate(it ingest.Item, res detect.Result) pipeline.Verdict {
	d := a.P.Decide(policy.InputFor(&it, res.Lang, res.Signals))
	return VerdictOf(d)
}

// VerdictOf converts a policy decision: verdict-only actions (allow,
// review) stay in the verdict; the others become outbox requests.
func VerdictOf(d policy.Decision) pipeline.Verdict {
	v := pipeline.Verdict{Action: string(d.Action), Rules: d.Rules, PolicyVersion: d.PolicyVersion}
	if len(d.Shadow) > 0 || len(d.Errors) > 0 {
		v.Detail = map[string]any{"shadow": d.Shadow, "errors": d.Errors}
	}
	for _, pa := range d.Actions {
		kind, ok := actionKinds[pa.Name]
		if !ok {
			continue
		}
		var params json.RawMessage
		if len(pa.Params) > 0 {
			params, _ = json.Marshal(pa.Params) // map keys marshal sorted: stable idempotency keys
		}
		v.Actions = append(v.Actions, pipeline.Requested{Kind: kind, Params: params, RuleID: pa.Rule})
	}
	return v
}

var actionKinds = map[policy.ActionName]act.Kind{
	policy.ActionHide: act.Hide, policy.ActionDelete: act.Delete, policy.ActionReply: act.Reply,
	policy.ActionNotifyAuthor: act.NotifyAuthor, policy.ActionBlock: act.Block, policy.ActionReport: act.Report,
	policy.ActionEscalate: act.Escalate,
}

// resolver caches each workspace's compiled policy, re-reading the
// workspace at most every ttl so a policy change takes effect quickly.
type resolver struct {
	st  store.Store
	ttl time.Duration

	mu    sync.Mutex
	cache map[string]cachedRuntime
}

type cachedRuntime struct {
	rt      *pipeline.Runtime
	version string
	loaded  time.Time
}

func newResolver(st store.Store, ttl time.Duration) *resolver {
	return &resolver{st: st, ttl: ttl, cache: map[string]cachedRuntime{}}
}

func (r *resolver) Resolve(ctx context.Context, workspace string) (*pipeline.Runtime, error) {
	r.mu.Lock()
	c, ok := r.cache[workspace]
	r.mu.Unlock()
	if ok && time.Since(c.loaded) < r.ttl {
		return c.rt, nil
	}
	ws, err := r.st.Workspace(ctx, workspace)
	if err != nil {
		return nil, err
	}
	// While the workspace is in crisis mode, its crisis profile (copied
	// into the crisis when it started) is the policy.
	version, yaml, name := ws.PolicyVersion, ws.PolicyYAML, "workspace "+workspace+" policy"
	if cr, err := r.st.ActiveCrisis(ctx, workspace); err == nil && len(cr.ProfileYAML) > 0 {
		version, yaml, name = fmt.Sprintf("crisis:%d:%s", cr.ID, cr.ProfileVersion), cr.ProfileYAML, fmt.Sprintf("workspace %s crisis %d profile", workspace, cr.ID)
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if ok && version == c.version {
		c.loaded = time.Now()
	} else {
		p := policy.Default()
		if len(yaml) > 0 {
			p, err = policy.Parse(yaml, name)
			if err != nil {
				return nil, fmt.Errorf("policy of workspace %s: %w", workspace, err)
			}
		}
		wctx := ws.Context
		c = cachedRuntime{rt: &pipeline.Runtime{Policy: PolicyVerdict{p}, Context: &wctx}, version: version, loaded: time.Now()}
	}
	r.mu.Lock()
	r.cache[workspace] = c
	r.mu.Unlock()
	return c.rt, nil
}
