// Package desktest builds a whole desk for tests: a SQLite store with the
// demo clinic's policy and items, one account per role, and the server's
// real handler (route table, sessions, permissions, CSRF) on httptest.
package desktest

import (
	"context"
	"encoding/base32"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/desk"
	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/replies"
	"github.com/stormwatch/stormwatch/internal/server"
	"github.com/stormwatch/stormwatch/internal/store"
	"github.com/stormwatch/stormwatch/internal/store/sqlite"
)

// Password is every test account's password.
const Password = "correct horse battery staple"

// Workspace is the fixture's workspace; Other is a second one nobody of
// the fixture belongs to.
const (
	Workspace = "demo"
	Other     = "other"
)

// Fixture is a running desk.
type Fixture struct {
	URL    string
	Store  *sqlite.Store
	Auth   *auth.Service
	Desk   *desk.Desk
	Server *server.Server
	// Replies is the reply service; the workspace has the starter library.
	Replies *replies.Service
	// Cases is the case service behind the case screens; tests may lower
	// its MaxEvidenceBytes.
	Cases *cases.Service
	// Items are the seeded items' ids, in insertion order.
	Items []int64
}

// Email is the account of a role.
func Email(role auth.Role) string { return string(role) + "@demo.example" }

// Options tune New.
type Options struct {
	// Now is the auth and desk clock (time.Now).
	Now func() time.Time
	// ExtraItems adds that many generated items (for benchmarks).
	ExtraItems int
	// OnAdmitted is the server's hook (see server.Server.OnAdmitted).
	OnAdmitted func(*http.Request)
}

// New starts a fixture; everything is closed when the test ends.
func New(t testing.TB, o Options) *Fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	yaml := policy.ExampleClinicYAML()
	p, err := policy.Parse(yaml, "example_clinic.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, ws := range []string{Workspace, Other} {
		if err := st.CreateWorkspace(ctx, store.Workspace{ID: ws, Name: "Clinique des Tilleuls", PolicyYAML: yaml, PolicyVersion: p.Version()}, "system"); err != nil {
			t.Fatal(err)
		}
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	svc, err := auth.NewService(st, auth.Config{Now: now, Password: auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
		InsecureCookies: true, LoginPerMinute: 10000, LoginBurst: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range auth.Roles() {
		lang := "en"
		if r == auth.RoleModerator {
			lang = "fr"
		}
		if _, err := svc.AddUser(ctx, "system", Workspace, auth.NewAccount{Email: Email(r), DisplayName: "Test " + string(r), Lang: lang, Password: Password, Role: r}); err != nil {
			t.Fatal(err)
		}
	}
	cs := &cases.Service{Store: st}
	rs := replies.New(st, replies.NewToneChecker(nil))
	if _, err := rs.SeedStarterLibrary(ctx, Workspace); err != nil {
		t.Fatal(err)
	}
	d, err := desk.New(desk.Options{Store: st, Auth: svc, Now: now, Replies: rs, Cases: cs, Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := &server.Server{Store: st, Log: log, Metrics: server.NewMetrics(st), MaxBodyBytes: 1 << 20, Ingested: func() {}, Desk: d, Auth: svc, OnAdmitted: o.OnAdmitted}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	f := &Fixture{URL: hs.URL, Store: st, Auth: svc, Desk: d, Server: srv, Replies: rs, Cases: cs}
	f.Items = Seed(t, st, Workspace, o.ExtraItems)
	return f
}

type seedItem struct {
	channel, author, name, thread, lang, text string
	action, rule                              string
	sigs                                      []seedSignal
}

type seedSignal struct {
	cat   detect.Category
	score float64
	span  string // the substring to highlight
	why   string
}

var seeds = []seedItem{
	{"facebook:page", "fb:marc", "Marc D.", "post-1", "fr", "Vous êtes des incapables et des assassins, je sais où vous habitez.", "hide", "C1",
		[]seedSignal{{detect.Threat, 0.93, "je sais où vous habitez", "lexicon: « je sais où vous habitez » (menace voilée)"}, {detect.Insult, 0.8, "incapables", "lexicon: insult « incapables »"}}},
	{"facebook:page", "fb:marc", "Marc D.", "post-1", "fr", "Le Dr Martin a tué mon chien. Honte à vous, Dr Martin !", "review", "C7",
		[]seedSignal{{detect.Harassment, 0.72, "Honte à vous, Dr Martin", "named staff member + reproach"}, {detect.Accusation, 0.6, "a tué mon chien", "accusation against a named person"}}},
	{"facebook:page", "fb:claire", "Claire B.", "post-1", "fr", "Je suis déçue, l'attente était trop longue et personne ne m'a rappelée.", "allow", "C6",
		[]seedSignal{{detect.Complaint, 0.85, "l'attente était trop longue", "complaint about waiting time"}}},
	{"mastodon:clinic", "@anna@social.example", "Anna", "", "en", "Thank you for taking such good care of Luna ❤️", "allow", "",
		[]seedSignal{{detect.Praise, 0.9, "Thank you", "praise"}}},
	{"mastodon:clinic", "@deals@spam.example", "Deals", "", "en", "Buy followers cheap at http://spam.example/now", "hide", "C9",
		[]seedSignal{{detect.Spam, 0.97, "http://spam.example/now", "link to a known spam domain"}}},
	{"mastodon:clinic", "@troll@x.example", "<b>Troll</b>", "", "en", "<script>alert(1)</script> you idiots", "review", "C12",
		[]seedSignal{{detect.Insult, 0.66, "idiots", "lexicon: insult \"idiots\""}}},
	{"facebook:page", "fb:jan", "Jan", "", "nl", "Jullie zijn oplichters, ik ga naar de krant.", "review", "C4",
		[]seedSignal{{detect.Accusation, 0.7, "oplichters", "accusation (fraud)"}, {detect.Crisis, 0.8, "naar de krant", "press threat"}}},
}

// Seed stores the fixture's items and decisions (and n generated ones),
// plus one item still undecided; it returns the ids in order.
func Seed(t testing.TB, st store.Store, ws string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	all := append([]seedItem(nil), seeds...)
	for i := range n {
		s := seeds[i%len(seeds)]
		s.author = fmt.Sprintf("%s-%d", s.author, i%40)
		s.thread = ""
		all = append(all, s)
	}
	var items []ingest.Item
	for i, s := range all {
		items = append(items, ingest.Item{Channel: s.channel, PlatformID: fmt.Sprintf("p%d", i), Text: s.text, AuthorID: s.author, AuthorName: s.name, ThreadID: s.thread, Lang: s.lang, Kind: ingest.KindComment})
	}
	items = append(items, ingest.Item{Channel: "facebook:page", PlatformID: "pending", Text: "Nouveau message pas encore analysé", AuthorID: "fb:new", AuthorName: "Nouvelle", Lang: "fr"})
	res, err := st.InsertItems(ctx, ws, items, "token:1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var ds []store.Decision
	for i, r := range res {
		ids = append(ids, r.ID)
		if i >= len(all) {
			continue
		}
		s := all[i]
		d := store.Decision{ItemID: r.ID, Workspace: ws, Lang: s.lang, Action: s.action, PolicyVersion: "test", Rules: []string{}, DecidedAt: time.Now()}
		if s.rule != "" {
			d.Rules = []string{s.rule}
		}
		for _, sg := range s.sigs {
			at := strings.Index(s.text, sg.span)
			d.Signals = append(d.Signals, detect.Signal{Category: sg.cat, Score: sg.score, Spans: []detect.Span{{at, at + len(sg.span)}}, Detector: "lexicon", Version: "1", Explanation: sg.why})
		}
		ds = append(ds, d)
	}
	if err := st.SaveDecisions(ctx, ds); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Client is a browser-less client signed in as one role.
type Client struct {
	*http.Client
	Base    string
	CSRF    string
	Session *auth.Session
	// TOTPSecret is the enrolled secret, for roles that need TOTP.
	TOTPSecret []byte
}

// NoRedirect makes a client that reports redirects instead of following.
func NoRedirect() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// SignIn signs a role in through the service (enrolling TOTP where the
// role needs it) and returns a client carrying the session cookie.
func (f *Fixture) SignIn(t testing.TB, role auth.Role) *Client {
	t.Helper()
	ctx := context.Background()
	sess, err := f.Auth.Login(ctx, Email(role), Password, "127.0.0.1:1")
	if err != nil {
		t.Fatalf("login as %s: %v", role, err)
	}
	c := &Client{Client: NoRedirect(), Base: f.URL, Session: sess}
	if sess.Next == auth.StepEnrolTOTP {
		en, err := f.Auth.EnrolTOTP(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.TOTPSecret = DecodeSecret(t, en.Secret)
		if _, err := f.Auth.ConfirmTOTP(ctx, sess.ID, auth.TOTPCode(c.TOTPSecret, time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	c.CSRF = auth.CSRFToken(sess)
	u, _ := url.Parse(f.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: f.Auth.CookieName(), Value: sess.ID, Path: "/"}})
	return c
}

// DecodeSecret turns the base32 secret shown at enrolment into bytes.
func DecodeSecret(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimSpace(s))
	if err != nil {
		t.Fatalf("TOTP secret %q: %v", s, err)
	}
	return b
}

// Get fetches a path.
func (c *Client) Get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Client.Get(c.Base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// Post sends a form, adding the CSRF token unless the form has one.
func (c *Client) Post(t testing.TB, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	form = cloneValues(form)
	if !form.Has(auth.CSRFField) {
		form.Set(auth.CSRFField, c.CSRF)
	}
	req, _ := http.NewRequest(http.MethodPost, c.Base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// testWriter sends the desk's warnings and errors to the test's log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
