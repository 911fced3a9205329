package desk

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/source"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The channels screen: the workspace's connected channels with what each
// can do and how it is doing (last item, last error, silent since), and,
// for manage_channels, adding one (kind picker, then its settings and
// secrets), changing its name and settings, enabling, disabling,
// replacing credentials and removing.
// Secrets are typed in once and never shown again: the screen says when
// they were set and, for long ones, their last four characters.
//
// It also lists the policy rules asking for actions that none of the
// workspace's channels can do, so that what the policy promises is what
// the channels can carry out.

func init() { pageNames = append(pageNames, "channels", "channel_new", "channel_edit") }

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
	HasSettings  bool
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

func (d *Desk) viewChannel(l *Lang, ch store.Channel, now time.Time) channelView {
	cv := channelView{Channel: ch, KindLabel: ch.Kind}
	if k, ok := channels.Lookup(ch.Kind); ok {
		k = localKind(l, k)
		cv.KindLabel, cv.Caps, cv.SecretFields, cv.HasSettings = k.Label, k.Capabilities, k.Secrets, true
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
		p.Channels = append(p.Channels, d.viewChannel(p.L, ch, now))
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
	b := d.base(r, "channel.new_title")
	p := channelNewPage{base: b, Kind: localKind(b.L, k), Settings: map[string]string{},
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
		b := d.base(r, "channel.new_title")
		p := channelNewPage{base: b, Kind: localKind(b.L, k), Settings: settings, NoKey: d.channels.Keys == nil}
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

// localKind returns k with its fields' labels and help in the reader's
// language, where the catalogs have "channels.field.<kind>.<name>" (and
// ".help"); the kind's own English text otherwise.
func localKind(l *Lang, k channels.Kind) channels.Kind {
	k.Settings = localFields(l, k.Name, k.Settings)
	k.Secrets = localFields(l, k.Name, k.Secrets)
	return k
}

func localFields(l *Lang, kind string, fields []channels.Field) []channels.Field {
	out := slices.Clone(fields) // the registry's slices are shared
	for i := range out {
		key := "channels.field." + kind + "." + out[i].Name
		if s, ok := catalogText(l, key); ok {
			out[i].Label = s
		}
		if s, ok := catalogText(l, key+".help"); ok {
			out[i].Help = s
		}
	}
	return out
}

// catalogText is l.T for an optional key: ok is false when no catalog
// has it (T would return the key itself).
func catalogText(l *Lang, key string) (string, bool) {
	if s, ok := l.msgs[key]; ok {
		return s, true
	}
	s, ok := l.en[key]
	return s, ok
}

// settingView is one setting of the settings form: the field, the value
// shown (stored, or as typed when the form comes back) and its error.
type settingView struct {
	channels.Field
	Value, Err string
}

type channelEditPage struct {
	base
	Channel   store.Channel
	KindLabel string
	Name      string
	NameErr   string
	Fields    []settingView
	// HasSecrets: the kind has credentials, changed elsewhere (never here).
	HasSecrets bool
}

func (d *Desk) channelEditPage(r *http.Request, ch store.Channel, k channels.Kind, name string, settings, errs map[string]string) channelEditPage {
	b := d.base(r, "channel.edit_title")
	b.Nav = "channels"
	p := channelEditPage{base: b, Channel: ch, KindLabel: k.Label, Name: name, NameErr: errs["name"], HasSecrets: len(k.Secrets) > 0}
	for _, f := range localKind(b.L, k).Settings {
		p.Fields = append(p.Fields, settingView{Field: f, Value: settings[f.Name], Err: errs[f.Name]})
	}
	return p
}

// editableChannel loads the channel of the request's {id} and its kind,
// or answers the error and returns ok false.
func (d *Desk) editableChannel(w http.ResponseWriter, r *http.Request) (store.Channel, channels.Kind, bool) {
	v := ViewerFrom(r.Context())
	if d.channels == nil {
		d.Error(w, r, http.StatusServiceUnavailable, "channel.no_service")
		return store.Channel{}, channels.Kind{}, false
	}
	ch, err := d.st.Channel(r.Context(), v.Workspace, r.PathValue("id"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		d.Error(w, r, http.StatusNotFound, "channel.not_found")
		return ch, channels.Kind{}, false
	case err != nil:
		d.log.Error("channel settings", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return ch, channels.Kind{}, false
	}
	k, ok := channels.Lookup(ch.Kind)
	if !ok {
		// A kind this binary no longer has: nothing to edit it with.
		d.Error(w, r, http.StatusNotFound, "channel.unknown_kind")
		return ch, k, false
	}
	return ch, k, true
}

// ChannelEdit shows a channel's name and settings, pre-filled. Secrets
// are not on this form: they are replaced from the list, never shown.
func (d *Desk) ChannelEdit(w http.ResponseWriter, r *http.Request) {
	ch, k, ok := d.editableChannel(w, r)
	if !ok {
		return
	}
	d.render(w, r, http.StatusOK, "channel_edit", d.channelEditPage(r, ch, k, ch.Name, ch.Settings, nil))
}

// ChannelUpdate saves a channel's name and settings (audited
// channel.updated by the store; the service's Changed reloads the
// supervisor, so the channel runs with them at once). A refusal shows the
// form again, 422, with the input kept and the error next to its field.
func (d *Desk) ChannelUpdate(w http.ResponseWriter, r *http.Request) {
	ch, k, ok := d.editableChannel(w, r)
	if !ok {
		return
	}
	v := ViewerFrom(r.Context())
	l := d.langFor(r, v)
	name := r.PostForm.Get("name")
	settings := formFields(r, "setting_", k.Settings)
	errs := map[string]string{}
	var general string
	if n := strings.TrimSpace(name); n == "" || utf8.RuneCountInString(n) > 100 {
		errs["name"] = l.T("channel.err_name")
	}
	if err := k.Validate(settings, nil, true); err != nil {
		general = settingErrors(l, k, settings, err, errs)
	}
	if len(errs) == 0 && general == "" {
		general = d.tryBuild(l, ch, k, settings, errs)
	}
	if len(errs) == 0 && general == "" {
		_, err := d.channels.Update(r.Context(), v.Workspace, ch.ID, name, settings, actorOf(v))
		switch {
		case err == nil:
			http.Redirect(w, r, "/w/"+v.Workspace+"/channels?done=updated", http.StatusSeeOther)
			return
		case errors.Is(err, store.ErrNotFound): // removed meanwhile
			d.Error(w, r, http.StatusNotFound, "channel.not_found")
			return
		case errors.Is(err, channels.ErrName):
			errs["name"] = l.T("channel.err_name")
		case errors.Is(err, channels.ErrMissing):
			general = settingErrors(l, k, settings, err, errs)
		default:
			d.log.Error("channel update", "channel", ch.ID, "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
	}
	p := d.channelEditPage(r, ch, k, name, settings, errs)
	p.Error = general
	d.render(w, r, http.StatusUnprocessableEntity, "channel_edit", p)
}

// tryBuild builds the channel's connector with the new settings and its
// stored secrets, as Create does before storing, so that a malformed
// address or interval is refused here rather than found later by the
// supervisor. It returns a message for the top of the form, or fills
// errs for a field the error names.
func (d *Desk) tryBuild(l *Lang, ch store.Channel, k channels.Kind, settings, errs map[string]string) string {
	cfg, err := d.channels.Config(ch)
	if errors.Is(err, channels.ErrNoKey) {
		return "" // cannot open the secrets: the settings are saved, the list says why it cannot run
	}
	if err != nil {
		d.log.Warn("channel settings: opening credentials", "channel", ch.ID, "err", err)
		return l.T("channel.err_invalid")
	}
	cfg.Settings = settings
	_, err = k.New(cfg)
	clear(cfg.Secrets)
	if err == nil {
		return ""
	}
	return settingErrors(l, k, settings, err, errs)
}

// settingErrors puts each error of err (a kind's Validate or New) next
// to the setting it is about: the one it starts with ("interval: ..."),
// or whose value it quotes (`"htp://x" is not a feed URL`). It returns a
// message for the top of the form when one names no setting. Only
// settings are ever quoted back, never a secret.
func settingErrors(l *Lang, k channels.Kind, settings map[string]string, err error, errs map[string]string) string {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	general := ""
	for _, e := range list {
		msg := l.T("channel.err_value")
		if errors.Is(e, channels.ErrMissing) {
			msg = l.T("channel.err_required")
		}
		field := ""
		for _, f := range k.Settings {
			if strings.HasPrefix(e.Error(), f.Name+":") {
				field = f.Name
				break
			}
			for line := range strings.SplitSeq(settings[f.Name], "\n") {
				if line = strings.TrimSpace(line); line != "" && strings.Contains(e.Error(), strconv.Quote(line)) {
					field = f.Name
				}
			}
		}
		if field == "" {
			general = l.T("channel.err_invalid")
			continue
		}
		if _, dup := errs[field]; !dup {
			errs[field] = msg
		}
	}
	return general
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
