package desk

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The channels screen: the workspace's connected channels with what each
// can do and how it is doing (last item, last error, silent since), and,
// for manage_channels, adding one (kind picker, then its settings and
// secrets), enabling, disabling, replacing credentials and removing.
// Secrets are typed in once and never shown again: the screen says when
// they were set and, for long ones, their last four characters.
//
// It also lists the policy rules asking for actions that none of the
// workspace's channels can do, so that what the policy promises is what
// the channels can carry out.

func init() { pageNames = append(pageNames, "channels", "channel_new") }

// ChannelHooks finds the webhook handler of an enabled push channel
// (channels.Supervisor).
type ChannelHooks interface {
	Hook(kind, id string) (http.Handler, bool)
}

// UseChannels sets the channel service and the webhook handlers after
// New (tests build the desk before the channels).
func (d *Desk) UseChannels(svc *channels.Service, hooks ChannelHooks) {
	d.channels, d.hooks = svc, hooks
}

// silentAfter is how long without an item the screen calls a channel
// silent (the supervisor's alert uses its own setting).
const silentAfter = 24 * time.Hour

type channelView struct {
	store.Channel
	KindLabel    string
	Caps         []source.Capability
	Hook         string // webhook path for push kinds
	Secrets      []secretView
	SilentSince  time.Time
	UnknownKind  bool
	SecretFields []channels.Field
}

type secretView struct {
	Name, Label, Hint string
}

type channelsPage struct {
	base
	Channels  []channelView
	Kinds     []channels.Kind
	CanManage bool
	NoKey     bool
	Gaps      []policy.ActionGap
	Confirm   *channelView // removal to confirm
}

type channelNewPage struct {
	base
	Kind     channels.Kind
	Settings map[string]string
	NoKey    bool
}

func hookPath(kind, id string) string {
	switch kind {
	case "meta_page", "meta_instagram":
		return "/hooks/meta/" + id
	case "webhook":
		return "/hooks/webhook/" + id
	}
	return ""
}

func (d *Desk) viewChannel(ch store.Channel, now time.Time) channelView {
	cv := channelView{Channel: ch, KindLabel: ch.Kind}
	if k, ok := channels.Lookup(ch.Kind); ok {
		cv.KindLabel, cv.Caps, cv.SecretFields = k.Label, k.Capabilities, k.Secrets
		if k.Push {
			cv.Hook = hookPath(ch.Kind, ch.ID)
		}
		for _, f := range k.Secrets {
			if h, ok := ch.SecretHints[f.Name]; ok {
				cv.Secrets = append(cv.Secrets, secretView{Name: f.Name, Label: f.Label, Hint: h})
			}
		}
	} else {
		cv.UnknownKind = true
	}
	last := ch.LastItemAt
	if last.IsZero() {
		last = ch.CreatedAt
	}
	if ch.Enabled && now.Sub(last) > silentAfter {
		cv.SilentSince = last
	}
	return cv
}

// ChannelsPage lists the workspace's channels.
func (d *Desk) ChannelsPage(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	list, err := d.st.ListChannels(ctx, v.Workspace)
	if err != nil {
		d.log.Error("channels", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := channelsPage{base: d.base(r, "channel.title"), Kinds: channels.Kinds(), CanManage: v.Can("manage_channels") && d.channels != nil,
		NoKey: d.channels == nil || d.channels.Keys == nil}
	p.Nav = "channels"
	now := d.now()
	var enabled []store.Channel
	for _, ch := range list {
		p.Channels = append(p.Channels, d.viewChannel(ch, now))
		if ch.Enabled {
			enabled = append(enabled, ch)
		}
	}
	if len(enabled) > 0 {
		if pol, err := d.policyOf(ctx, v.Workspace); err == nil {
			p.Gaps = policy.CapabilityGaps(pol, func(a policy.ActionName) bool {
				c, ok := channels.CapabilityFor(act.Kind(a))
				if !ok {
					return true
				}
				return slices.ContainsFunc(enabled, func(ch store.Channel) bool {
					caps, _ := channels.CapabilitiesOf(channels.ChannelName(ch.Kind, ch.ID))
					return source.Has(caps, c)
				})
			})
		}
	}
	if id := r.URL.Query().Get("remove"); id != "" && p.CanManage {
		for i := range p.Channels {
			if p.Channels[i].ID == id {
				p.Confirm = &p.Channels[i]
			}
		}
	}
	if done := r.URL.Query().Get("done"); done != "" && slices.Contains([]string{"created", "enabled", "disabled", "secrets", "removed", "updated"}, done) {
		p.Flash = p.L.T("channel.done_" + done)
	}
	d.render(w, r, http.StatusOK, "channels", p)
}

// ChannelNew shows the form for a new channel of the kind asked for.
func (d *Desk) ChannelNew(w http.ResponseWriter, r *http.Request) {
	k, ok := channels.Lookup(r.URL.Query().Get("kind"))
	if !ok {
		d.Error(w, r, http.StatusNotFound, "channel.unknown_kind")
		return
	}
	p := channelNewPage{base: d.base(r, "channel.new_title"), Kind: k, Settings: map[string]string{},
		NoKey: d.channels == nil || d.channels.Keys == nil}
	p.Nav = "channels"
	d.render(w, r, http.StatusOK, "channel_new", p)
}

func actorOf(v *Viewer) string { return "user:" + strconv.FormatInt(v.User.ID, 10) }

// formFields reads the named fields of a kind from the form.
func formFields(r *http.Request, prefix string, fields []channels.Field) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		if v := r.PostForm.Get(prefix + f.Name); v != "" {
			out[f.Name] = v
		}
	}
	return out
}

// ChannelCreate connects a new channel.
func (d *Desk) ChannelCreate(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if d.channels == nil {
		d.Error(w, r, http.StatusServiceUnavailable, "channel.no_service")
		return
	}
	k, ok := channels.Lookup(r.PostForm.Get("kind"))
	if !ok {
		d.Error(w, r, http.StatusBadRequest, "channel.unknown_kind")
		return
	}
	settings := formFields(r, "setting_", k.Settings)
	secrets := formFields(r, "secret_", k.Secrets)
	_, err := d.channels.Create(r.Context(), v.Workspace, k.Name, r.PostForm.Get("name"), settings, secrets, actorOf(v))
	clear(secrets)
	if err != nil {
		// Show the form again with the settings (never the secrets).
		p := channelNewPage{base: d.base(r, "channel.new_title"), Kind: k, Settings: settings, NoKey: d.channels.Keys == nil}
		p.Nav = "channels"
		p.Error = d.channelError(p.L, err)
		d.render(w, r, http.StatusUnprocessableEntity, "channel_new", p)
		return
	}
	http.Redirect(w, r, "/w/"+v.Workspace+"/channels?done=created", http.StatusSeeOther)
}

// channelError says what went wrong in words a person can act on, never
// echoing a secret.
func (d *Desk) channelError(l *Lang, err error) string {
	switch {
	case errors.Is(err, channels.ErrNoKey):
		return l.T("channel.err_no_key")
	case errors.Is(err, channels.ErrName):
		return l.T("channel.err_name")
	case errors.Is(err, channels.ErrMissing):
		return l.T("channel.err_missing")
	}
	d.log.Warn("channel form refused", "err", err)
	return l.T("channel.err_invalid")
}

// ChannelAct enables, disables, replaces the credentials of, or removes
// a channel (op=enable|disable|secrets|remove).
func (d *Desk) ChannelAct(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if d.channels == nil {
		d.Error(w, r, http.StatusServiceUnavailable, "channel.no_service")
		return
	}
	ctx, id, actor := r.Context(), r.PathValue("id"), actorOf(v)
	back := "/w/" + v.Workspace + "/channels"
	var err error
	op := r.PostForm.Get("op")
	switch op {
	case "enable", "disable":
		_, err = d.channels.SetEnabled(ctx, v.Workspace, id, op == "enable", actor)
		op += "d"
	case "secrets":
		var ch store.Channel
		if ch, err = d.st.Channel(ctx, v.Workspace, id); err == nil {
			k, _ := channels.Lookup(ch.Kind)
			secrets := formFields(r, "secret_", k.Secrets)
			_, err = d.channels.ReplaceSecrets(ctx, v.Workspace, id, secrets, actor)
			clear(secrets)
		}
	case "remove":
		if r.PostForm.Get("confirm") != "yes" {
			http.Redirect(w, r, back+"?remove="+id+"#confirm", http.StatusSeeOther)
			return
		}
		err = d.channels.Remove(ctx, v.Workspace, id, actor)
		op = "removed"
	default:
		d.Error(w, r, http.StatusBadRequest, "channel.bad_op")
		return
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		d.Error(w, r, http.StatusNotFound, "channel.not_found")
		return
	case errors.Is(err, channels.ErrUnknownKind):
		d.Error(w, r, http.StatusBadRequest, "channel.unknown_kind")
		return
	case errors.Is(err, channels.ErrNoKey), errors.Is(err, channels.ErrMissing):
		b := d.base(r, "channel.title")
		d.log.Warn("channel change refused", "op", op, "err", err)
		p := errorPage{base: b, Status: http.StatusUnprocessableEntity, Message: d.channelError(b.L, err), Back: back}
		d.render(w, r, http.StatusUnprocessableEntity, "error", p)
		return
	case err != nil:
		d.log.Error("channel act", "op", op, "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, back+"?done="+op, http.StatusSeeOther)
}

// ChannelHook serves a push channel's webhook: /hooks/meta/{channel} for
// Facebook Pages and Instagram accounts, /hooks/webhook/{channel} for the
// generic webhook. The channel's own handler verifies the signature
// before parsing and answers 200 only once the items are stored.
func (d *Desk) ChannelHook(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("channel")
	var kinds []string
	switch {
	case r.Pattern == "GET /hooks/meta/{channel}" || r.Pattern == "POST /hooks/meta/{channel}":
		kinds = []string{"meta_page", "meta_instagram"}
	case r.Pattern == "POST /hooks/webhook/{channel}":
		kinds = []string{"webhook"}
	}
	if d != nil && d.hooks != nil { // nil on an API-only server
		for _, k := range kinds {
			if h, ok := d.hooks.Hook(k, id); ok {
				h.ServeHTTP(w, r)
				return
			}
		}
	}
	// Unknown, disabled or removed: the same answer for all, so ids
	// cannot be probed.
	http.Error(w, "no such channel", http.StatusNotFound)
}
