package desk

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stormwatch/stormwatch/internal/policy"
	"github.com/stormwatch/stormwatch/internal/policy/builder"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The guidelines screens: the saved versions of the policy builder's
// output (listed, shown, compared line by line, published), the staff
// guidelines members read, and the public page of the published community
// guidelines, /g/{ws}, which needs no sign-in so that a rule cited to an
// author can link to it (/g/{ws}#R2).
//
// Reading takes view; publishing takes manage_policy, as building does.

func init() {
	pageNames = append(pageNames, "policy_versions", "policy_version", "policy_diff", "staff_guidelines")
}

// docHTML renders a guidelines document (package builder's Markdown
// subset) as HTML. Every text is escaped; ids come from ParseDoc, which
// accepts only plain ids. prefix keeps the ids of a document shown inside
// a desk page apart from the page's own; top is the level of the title.
func docHTML(md, prefix string, top int, anchors bool) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	for _, bl := range builder.ParseDoc(md) {
		switch bl.Kind {
		case builder.Title:
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", top, esc(bl.Text), top)
		case builder.Heading:
			if bl.ID == "" {
				fmt.Fprintf(&b, "<h%d>%s</h%d>\n", top+1, esc(bl.Text), top+1)
				continue
			}
			id := esc(prefix + bl.ID)
			cls := ""
			if bl.RuleID != "" {
				cls = ` class="rule-head"`
			}
			fmt.Fprintf(&b, "<h%d id=\"%s\"%s>%s", top+1, id, cls, esc(bl.Text))
			if anchors {
				fmt.Fprintf(&b, " <a class=\"anchor\" href=\"#%s\" aria-hidden=\"true\" tabindex=\"-1\">#</a>", id)
			}
			fmt.Fprintf(&b, "</h%d>\n", top+1)
		case builder.Paragraph:
			fmt.Fprintf(&b, "<p>%s</p>\n", esc(bl.Text))
		case builder.Note:
			fmt.Fprintf(&b, "<p class=\"why\">%s</p>\n", esc(bl.Text))
		case builder.List:
			b.WriteString("<ul>\n")
			for _, it := range bl.Items {
				fmt.Fprintf(&b, "<li>%s</li>\n", esc(it))
			}
			b.WriteString("</ul>\n")
		}
	}
	return template.HTML(b.String()) // every piece above is escaped
}

// publicPath is the public page of a workspace's guidelines.
func publicPath(ws string) string { return "/g/" + url.PathEscape(ws) }

// RuleLink returns the public address of a rule in a workspace's published
// guidelines, in lang when they exist in it: "" when no public address is
// configured, nothing is published, or the rule is not on the page.
func (d *Desk) RuleLink(ctx context.Context, ws, ruleID, lang string) string {
	if d.publicURL == "" || ruleID == "" {
		return ""
	}
	v, err := d.st.LivePolicyVersion(ctx, ws)
	if err != nil {
		return ""
	}
	l := v.Lang
	if _, ok := v.Public[lang]; ok {
		l = lang
	}
	if !strings.Contains(v.Public[l], "{#"+builder.Anchor(ruleID)+"}") {
		return ""
	}
	u := d.publicURL + publicPath(ws)
	if l != v.Lang {
		u += "?lang=" + url.QueryEscape(l)
	}
	return u + "#" + builder.Anchor(ruleID)
}

// citeRule adds the rule's public address to a rule text told to an
// author, when there is one.
func (d *Desk) citeRule(ctx context.Context, ws, ruleID, lang, text string) string {
	if u := d.RuleLink(ctx, ws, ruleID, lang); u != "" {
		return text + " " + u
	}
	return text
}

// The public page.

var publicTemplate = sync.OnceValues(func() (*template.Template, error) {
	return template.New("guidelines_public.html").ParseFS(templateFS, "templates/guidelines_public.html")
})

type publicLang struct {
	Code, Name string
	Current    bool
}

type publicPage struct {
	Lang      string
	LangLabel string // "Language", in the page's language
	Title     string
	Doc       template.HTML
	Langs     []publicLang
	Published string
	Missing   bool
	Message   string
}

// PublicGuidelines serves a workspace's published community guidelines to
// anyone, without a session. It shows the published guidelines and nothing
// else of the workspace; a workspace that published none, or does not
// exist, gets the same 404.
func (d *Desk) PublicGuidelines(w http.ResponseWriter, r *http.Request) {
	if d == nil {
		http.NotFound(w, r)
		return
	}
	ws := r.PathValue("ws")
	v, err := d.st.LivePolicyVersion(r.Context(), ws)
	if errors.Is(err, store.ErrNotFound) {
		l := d.langFor(r, nil)
		d.writePublic(w, r, http.StatusNotFound, "", time.Time{}, publicPage{Lang: l.Code, Title: l.T("guidelines.public_none_title"), Missing: true, Message: l.T("guidelines.public_none")})
		return
	}
	if err != nil {
		d.log.Error("public guidelines", "workspace", ws, "err", err)
		http.Error(w, "The guidelines cannot be shown right now; please try again later.", http.StatusInternalServerError)
		return
	}
	lang := r.URL.Query().Get("lang")
	if _, ok := v.Public[lang]; !ok {
		lang = v.Lang
	}
	md, ok := v.Public[lang]
	if !ok {
		for _, code := range builder.Languages {
			if md, ok = v.Public[code]; ok {
				lang = code
				break
			}
		}
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	p := publicPage{Lang: lang, LangLabel: d.lang(lang).T("nav.language"), Title: builder.DocTitle(md), Doc: docHTML(md, "", 1, true),
		Published: v.PublishedAt.UTC().Format("2006-01-02")}
	for _, code := range builder.Languages {
		if _, ok := v.Public[code]; ok && len(v.Public) > 1 {
			p.Langs = append(p.Langs, publicLang{Code: code, Name: langNames[code], Current: code == lang})
		}
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d\x00%s", ws, v.Number, v.PublishedAt.UnixMicro(), lang))
	d.writePublic(w, r, http.StatusOK, `"`+hex.EncodeToString(sum[:16])+`"`, v.PublishedAt, p)
}

// writePublic renders the public page with cache headers. Caches may keep
// it but must check it is still current (no-cache): a rule cited to an
// author must read as it is enforced now, not as it was before the last
// publication. The check is cheap: a strong ETag (the version, its
// publication and the language) answered with 304, and Last-Modified.
func (d *Desk) writePublic(w http.ResponseWriter, r *http.Request, status int, etag string, lastMod time.Time, p publicPage) {
	h := w.Header()
	setSecurityHeaders(h)
	h.Set("Cache-Control", "public, no-cache")
	if etag != "" {
		h.Set("ETag", etag)
		h.Set("Last-Modified", lastMod.UTC().Format(http.TimeFormat))
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	t, err := publicTemplate()
	var buf bytes.Buffer
	if err == nil {
		err = t.Execute(&buf, p)
	}
	if err != nil {
		d.log.Error("render public guidelines", "err", err)
		h.Del("ETag")
		h.Set("Cache-Control", "no-store")
		http.Error(w, "The guidelines cannot be shown right now; please try again later.", http.StatusInternalServerError)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// etagMatch reads an If-None-Match list ("*", or tags, weak or not).
func etagMatch(header, etag string) bool {
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if part == "*" || part == etag {
			return true
		}
	}
	return false
}

// The staff guidelines.

type staffPage struct {
	base
	PV     *store.PolicyVersion
	Doc    template.HTML
	Public string
}

// StaffGuidelines shows members the internal guidelines of the published
// version.
func (d *Desk) StaffGuidelines(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	p := staffPage{base: d.base(r, "guidelines.staff_title")}
	p.Nav = "guidelines"
	live, err := d.st.LivePolicyVersion(r.Context(), v.Workspace)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		d.log.Error("staff guidelines", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	default:
		p.PV = &live
		p.Doc = docHTML(live.Internal, "int-", 2, true)
		p.Public = publicPath(v.Workspace)
	}
	d.render(w, r, http.StatusOK, "staff_guidelines", p)
}

// The versions.

type versionsPage struct {
	base
	Versions []store.PolicyVersion
	Live     int
	Public   string
	A, B     int
}

// PolicyVersionList lists the saved versions, with a form to compare two.
func (d *Desk) PolicyVersionList(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	vs, err := d.st.PolicyVersions(r.Context(), v.Workspace)
	if err != nil {
		d.log.Error("policy versions", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	p := versionsPage{base: d.base(r, "guidelines.versions_title"), Versions: vs}
	p.Nav = "policy"
	for _, x := range vs {
		if x.Live {
			p.Live, p.Public = x.Number, publicPath(v.Workspace)
		}
	}
	if len(vs) >= 2 {
		p.B, p.A = vs[0].Number, vs[1].Number
	}
	d.render(w, r, http.StatusOK, "policy_versions", p)
}

// versionTab is one language of a version's public guidelines.
type versionTab struct {
	Code, Name string
	Current    bool
}

type versionPage struct {
	base
	PV       store.PolicyVersion
	Public   template.HTML
	Internal template.HTML
	YAML     string
	Tabs     []versionTab
	GLang    string
	Path     string
	Prev     int
	CanEdit  bool
}

func (d *Desk) versionFromPath(w http.ResponseWriter, r *http.Request) (store.PolicyVersion, bool) {
	v := ViewerFrom(r.Context())
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n <= 0 {
		d.Error(w, r, http.StatusNotFound, "guidelines.not_found")
		return store.PolicyVersion{}, false
	}
	pv, err := d.st.PolicyVersionByNumber(r.Context(), v.Workspace, n)
	if errors.Is(err, store.ErrNotFound) {
		d.Error(w, r, http.StatusNotFound, "guidelines.not_found")
		return pv, false
	}
	if err != nil {
		d.log.Error("policy version", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return pv, false
	}
	return pv, true
}

// PolicyVersionPage shows one version: its public guidelines (per
// language), its staff guidelines and its policy file.
func (d *Desk) PolicyVersionPage(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	pv, ok := d.versionFromPath(w, r)
	if !ok {
		return
	}
	p := versionPage{base: d.base(r, "guidelines.version_title"), PV: pv, YAML: string(pv.PolicyYAML), Prev: pv.Number - 1,
		CanEdit: v.Can("manage_policy"), Path: publicPath(v.Workspace)}
	p.Title = p.L.T("guidelines.version_title_n", pv.Number)
	p.Nav = "policy"
	p.GLang = r.URL.Query().Get("glang")
	if _, ok := pv.Public[p.GLang]; !ok {
		p.GLang = pv.Lang
	}
	for _, code := range builder.Languages {
		if _, ok := pv.Public[code]; ok {
			p.Tabs = append(p.Tabs, versionTab{Code: code, Name: langNames[code], Current: code == p.GLang})
		}
	}
	p.Public = docHTML(pv.Public[p.GLang], "pub-", 3, false)
	p.Internal = docHTML(pv.Internal, "int-", 3, false)
	d.render(w, r, http.StatusOK, "policy_version", p)
}

// PolicyPublish makes a version live: its policy is enforced from now on
// and its public guidelines are the public page.
func (d *Desk) PolicyPublish(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	pv, ok := d.versionFromPath(w, r)
	if !ok {
		return
	}
	// A version that no longer parses (the engine changed since it was
	// saved) must not replace a working policy.
	if _, err := policy.Parse(pv.PolicyYAML, fmt.Sprintf("version %d", pv.Number)); err != nil {
		d.log.Warn("publish: the saved policy does not load", "workspace", v.Workspace, "number", pv.Number, "err", err)
		d.Error(w, r, http.StatusUnprocessableEntity, "guidelines.publish_invalid")
		return
	}
	actor := fmt.Sprintf("user:%d", v.User.ID)
	if _, err := d.st.PublishPolicyVersion(r.Context(), v.Workspace, pv.Number, actor, d.now()); err != nil {
		d.log.Error("publish policy version", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	http.Redirect(w, r, withFlash(fmt.Sprintf("/w/%s/policy/versions/%d", url.PathEscape(v.Workspace), pv.Number), "guidelines_published"), http.StatusSeeOther)
}

// The diff.

type diffLine struct {
	Op       string // eq, ins, del
	Sign     string
	Old, New int
	Text     string
}

type diffSection struct {
	ID, Title string
	Ins, Del  int
	Hunks     [][]diffLine
}

type diffPage struct {
	base
	Versions []store.PolicyVersion
	A, B     int
	Sections []diffSection
	Same     bool
}

// diffContext is how many unchanged lines surround a change.
const diffContext = 3

// hunks keeps the changed lines with a little context around them.
func hunks(ls []builder.Line) [][]diffLine {
	keep := make([]bool, len(ls))
	for i, l := range ls {
		if l.Op == builder.Equal {
			continue
		}
		for j := max(0, i-diffContext); j <= min(len(ls)-1, i+diffContext); j++ {
			keep[j] = true
		}
	}
	var out [][]diffLine
	var cur []diffLine
	for i, l := range ls {
		if !keep[i] {
			if cur != nil {
				out, cur = append(out, cur), nil
			}
			continue
		}
		dl := diffLine{Op: "eq", Sign: " ", Old: l.OldLine, New: l.NewLine, Text: l.Text}
		switch l.Op {
		case builder.Insert:
			dl.Op, dl.Sign = "ins", "+"
		case builder.Delete:
			dl.Op, dl.Sign = "del", "−"
		}
		cur = append(cur, dl)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// PolicyDiff compares two versions line by line: the policy file, the
// public guidelines in the organization's language, the staff guidelines.
func (d *Desk) PolicyDiff(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	vs, err := d.st.PolicyVersions(ctx, v.Workspace)
	if err != nil {
		d.log.Error("policy diff", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	q := r.URL.Query()
	a, errA := strconv.Atoi(q.Get("a"))
	b, errB := strconv.Atoi(q.Get("b"))
	find := func(n int) (store.PolicyVersion, bool) {
		i := slices.IndexFunc(vs, func(x store.PolicyVersion) bool { return x.Number == n })
		if i < 0 {
			return store.PolicyVersion{}, false
		}
		return vs[i], true
	}
	va, okA := find(a)
	vb, okB := find(b)
	if errA != nil || errB != nil || !okA || !okB {
		d.Error(w, r, http.StatusNotFound, "guidelines.not_found")
		return
	}
	p := diffPage{base: d.base(r, "guidelines.diff_title"), Versions: vs, A: a, B: b}
	p.Title = p.L.T("guidelines.diff_title_n", a, b)
	p.Nav = "policy"
	lang := vb.Lang
	pubA, pubB := va.Public[lang], vb.Public[lang]
	if pubA == "" {
		pubA = va.Public[va.Lang]
	}
	for _, s := range []struct{ id, title, old, new string }{
		{"diff-policy", p.L.T("guidelines.policy_file"), string(va.PolicyYAML), string(vb.PolicyYAML)},
		{"diff-public", p.L.T("guidelines.public_guidelines"), pubA, pubB},
		{"diff-internal", p.L.T("guidelines.staff_guidelines"), va.Internal, vb.Internal},
	} {
		ls := builder.Diff(s.old, s.new)
		ins, del := builder.Changed(ls)
		p.Sections = append(p.Sections, diffSection{ID: s.id, Title: s.title, Ins: ins, Del: del, Hunks: hunks(ls)})
	}
	d.render(w, r, http.StatusOK, "policy_diff", p)
}
