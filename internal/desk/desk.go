// Package desk is the web desk: server-rendered pages (html/template,
// embedded) where a small team signs in, reviews the inbox, acts on items
// and watches the dashboard, in six interface languages. JavaScript (htmx
// and a few lines of our own) only enhances: every core path is a plain
// link or form.
//
// The desk has no routes of its own: package server lists them in its one
// route table and runs the session, permission and CSRF checks before a
// handler here is called; handlers read who is asking with ViewerFrom.
package desk

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/channels"
	"github.com/stormwatch/stormwatch/internal/drill"
	"github.com/stormwatch/stormwatch/internal/outbound"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/registry"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed i18n/*.json
var i18nFS embed.FS

// Options configure a Desk.
type Options struct {
	Store store.Store
	Auth  *auth.Service
	Log   *slog.Logger
	// Now is the clock; tests inject one.
	Now func() time.Time
	// ClaimTTL is how long a claim holds without renewal (15 minutes).
	ClaimTTL time.Duration
	// MaxFormBytes bounds a form's body (64 KiB); larger gets 413.
	MaxFormBytes int64
	// Cases and Replies are the domain services behind the case and reply
	// screens; a desk without them hides those screens' links.
	Cases   *cases.Service
	Replies *replies.Service
	// Channels changes the connected channels and ChannelHooks serves
	// their webhooks (the running supervisor); without them the channels
	// screen lists nothing and webhooks answer 404.
	Channels     *channels.Service
	ChannelHooks ChannelHooks
	// Outbound and Registry are the services behind the outbound posts,
	// consents and account registry screens; nil builds them on the store.
	Outbound *outbound.Service
	Registry *registry.Service
	// PublicURL is the address the public reaches this server at
	// ("https://stormwatch.example.org"); rule citations sent to authors
	// link to the published guidelines under it. Empty: no link.
	PublicURL string
}

// Desk serves the desk's pages.
type Desk struct {
	st       store.Store
	auth     *auth.Service
	log      *slog.Logger
	now      func() time.Time
	claimTTL time.Duration
	maxForm  int64
	pages    map[string]*template.Template
	cats     catalogs
	hub      *hub
	cases    *cases.Service
	replies  *replies.Service
	channels *channels.Service
	hooks    ChannelHooks
	outbound *outbound.Service
	registry *registry.Service
	// publicURL: see Options.PublicURL (no trailing slash).
	publicURL string
	// drills runs tabletop drills (set by UseDrills; nil: unavailable).
	drills *drill.Service

	polMu    sync.Mutex
	policies map[string]cachedPolicy
}

type cachedPolicy struct {
	version string
	p       *policy.Policy
}

// New parses the templates and catalogs and builds a Desk.
func New(o Options) (*Desk, error) {
	if o.Store == nil || o.Auth == nil {
		return nil, errors.New("desk: a store and an auth service are required")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ClaimTTL <= 0 {
		o.ClaimTTL = 15 * time.Minute
	}
	if o.MaxFormBytes <= 0 {
		o.MaxFormBytes = 64 << 10
	}
	cats, err := loadCatalogs()
	if err != nil {
		return nil, err
	}
	d := &Desk{st: o.Store, auth: o.Auth, log: o.Log, now: o.Now, claimTTL: o.ClaimTTL, maxForm: o.MaxFormBytes,
		cats: cats, hub: newHub(), policies: map[string]cachedPolicy{}, cases: o.Cases, replies: o.Replies,
		channels: o.Channels, hooks: o.ChannelHooks}
	d.outbound, d.registry = o.Outbound, o.Registry
	d.publicURL = strings.TrimRight(o.PublicURL, "/")
	if d.pages, err = parsePages(); err != nil {
		return nil, err
	}
	return d, nil
}

// MaxFormBytes is the body limit the server applies to desk forms.
func (d *Desk) MaxFormBytes() int64 { return d.maxForm }

// Pages are the page templates, each parsed with the layout.
var pageNames = []string{"login", "totp", "enrol", "recovery", "queue", "item", "dashboard", "error", "cases", "case", "case_new", "approvals", "templates", "members", "invite", "policy"}

// pageParts names the shared template files (blocks defined once) a page
// is parsed with besides the layout, for pages that share a form.
var pageParts = map[string][]string{}

func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		files := []string{"templates/layout.html", "templates/" + name + ".html"}
		for _, part := range pageParts[name] {
			files = append(files, "templates/"+part+".html")
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return nil, fmt.Errorf("desk: template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"join": strings.Join,
	"time": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04")
	},
	"iso":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"pct":      func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"contains": func(list []string, s string) bool { return contains(list, s) },
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Viewer is who is asking: the server's middleware puts it in the request
// context after checking the session (and, for workspace routes, the
// permission).
type Viewer struct {
	Session   *auth.Session
	User      store.User
	Workspace string    // the route's workspace, "" on routes without one
	Role      auth.Role // the role in Workspace
	// Pending is the step a session still has to pass, on the routes that
	// accept such a session (TOTP, enrolment, logout).
	Pending auth.Step
}

// Can reports whether the viewer's role grants p.
func (v *Viewer) Can(p string) bool { return v != nil && auth.Can(v.Role, auth.Permission(p)) }

type viewerKey struct{}

// WithViewer returns ctx carrying v.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the request's viewer, nil if none.
func ViewerFrom(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// base is what every page's layout needs.
type base struct {
	L        *Lang
	Title    string
	V        *Viewer
	CSRF     string
	WS       string
	Nav      string
	Flash    string
	Error    string
	Path     string
	Langs    []langOption
	NoChrome bool // sign-in pages: no navigation
	HasCases bool // the case screens are there (a desk built with a cases.Service)
	// HasReplies: the reply, approval and template screens are there (a
	// desk built with a replies.Service).
	HasReplies bool
	// Crisis is the workspace's active crisis (nil when none): every page
	// shows the crisis banner while it is on.
	Crisis *store.CrisisRecord
	// Sandbox: the workspace is a drill's; every page says so.
	Sandbox bool
}

type langOption struct {
	Code, Name string
	Current    bool
}

// base builds the layout data for a request.
func (d *Desk) base(r *http.Request, titleKey string) base {
	v := ViewerFrom(r.Context())
	l := d.langFor(r, v)
	b := base{L: l, V: v, Path: r.URL.RequestURI(), HasCases: d.cases != nil, HasReplies: d.replies != nil}
	b.Title = l.T(titleKey)
	if v != nil {
		b.CSRF = auth.CSRFToken(v.Session)
		b.WS = v.Workspace
		b.Crisis = d.activeCrisis(r.Context(), v.Workspace)
		if v.Workspace != "" {
			if ws, err := d.st.Workspace(r.Context(), v.Workspace); err == nil {
				b.Sandbox = ws.Sandbox
			}
		}
	}
	for _, code := range auth.Languages {
		b.Langs = append(b.Langs, langOption{Code: code, Name: langNames[code], Current: code == l.Code})
	}
	if f := r.URL.Query().Get("flash"); f != "" && validFlash(f) {
		b.Flash = l.T("flash." + f)
	}
	return b
}

func validFlash(f string) bool {
	for _, c := range f {
		if !(c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return len(f) < 40
}

// render writes a page with status.
func (d *Desk) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	d.renderTemplate(w, r, status, page, "layout", data)
}

func (d *Desk) renderTemplate(w http.ResponseWriter, r *http.Request, status int, page, name string, data any) {
	t, ok := d.pages[page]
	if !ok {
		http.Error(w, "no such page", http.StatusInternalServerError)
		return
	}
	var buf strings.Builder
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		d.log.Error("render", "page", page, "template", name, "err", err)
		http.Error(w, "internal error; the server logged it", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	setSecurityHeaders(h)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(buf.String()))
}

// setSecurityHeaders: no framing, no sniffing, scripts only from us.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

type errorPage struct {
	base
	Status  int
	Message string
	Back    string
}

// Error renders a calm error page: the status, a sentence in the viewer's
// language, and a way back. The server's middleware uses it for 403 and
// 413 as well.
func (d *Desk) Error(w http.ResponseWriter, r *http.Request, status int, msgKey string) {
	b := d.base(r, "error.title")
	p := errorPage{base: b, Status: status, Message: b.L.T(msgKey), Back: "/"}
	if r.Header.Get("HX-Request") == "true" {
		// htmx does not swap error responses: say it where it will be read.
		w.Header().Set("HX-Reswap", "none")
	}
	d.render(w, r, status, "error", p)
}

// newNonce makes the per-form value that, with the user, item and kind,
// makes an action's idempotency key: the same form sent twice acts once.
func newNonce() string {
	b := make([]byte, 12)
	rand.Read(b) // never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// localPath accepts only a path on this site for redirects ("/w/x/queue?..."),
// never "//host" or a scheme.
func localPath(p, fallback string) string {
	if p == "" || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return fallback
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return fallback
	}
	return p
}

// withFlash adds a flash message key to a local path.
func withFlash(p, flash string) string {
	u, err := url.Parse(p)
	if err != nil {
		return p
	}
	q := u.Query()
	q.Set("flash", flash)
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

// Static serves the embedded static files, cacheable for a day.
func (d *Desk) Static(w http.ResponseWriter, r *http.Request) {
	sub, _ := fs.Sub(staticFS, "static")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.StripPrefix("/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}

// policyOf returns a workspace's compiled policy, cached by version.
func (d *Desk) policyOf(ctx context.Context, workspace string) (*policy.Policy, error) {
	ws, err := d.st.Workspace(ctx, workspace)
	if err != nil {
		return nil, fmt.Errorf("policy of %s: %w", workspace, err)
	}
	d.polMu.Lock()
	c, ok := d.policies[workspace]
	d.polMu.Unlock()
	if ok && c.version == ws.PolicyVersion {
		return c.p, nil
	}
	p := policy.Default()
	if len(ws.PolicyYAML) > 0 {
		if p, err = policy.Parse(ws.PolicyYAML, "workspace "+workspace+" policy"); err != nil {
			return nil, fmt.Errorf("policy of %s: %w", workspace, err)
		}
	}
	d.polMu.Lock()
	d.policies[workspace] = cachedPolicy{version: ws.PolicyVersion, p: p}
	d.polMu.Unlock()
	return p, nil
}
