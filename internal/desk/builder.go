package desk

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/policy/builder"
	"github.com/stormwatch/stormwatch/internal/store"
)

// The policy builder screen: a starting point picker, then one long form
// in four steps (the organization, moderation, people and speaking, help
// and contact) worded in the viewer's language, a preview of the three
// documents it produces (the policy file, the public guidelines, the staff
// guidelines) and Save, which keeps the build as a new version. Publishing
// is done from the version's page. Everything takes manage_policy.

func init() { pageNames = append(pageNames, "builder") }

// maxNote bounds a version's note.
const maxNote = 500

type kindOption struct {
	Value, Label string
	Current      bool
}

type questionView struct {
	builder.Question
	ID      string
	Value   string   // text questions and single choices
	Values  []string // multiple choices
	Checked bool     // yes/no questions
	Invalid bool
	Select  bool // a single choice shown as a list (the language)
}

// Has reports whether a choice is selected.
func (q questionView) Has(value string) bool {
	return q.Value == value || slices.Contains(q.Values, value)
}

type builderStep struct {
	N         int
	Title     string
	Questions []questionView
}

type builderPreview struct {
	YAML     string
	Public   template.HTML
	Internal template.HTML
	Rules    int
	Lang     string
}

type builderPage struct {
	base
	Kinds    []kindOption
	OrgLangs []kindOption
	Kind     string
	KindName string
	Steps    []builderStep
	Note     string
	Preview  *builderPreview
	Invalid  []string // labels of the questions to fix
	Latest   int
	From     int
}

// answersFromForm reads the builder's form. Validation is the builder's
// (Normalize): this only copies fields.
func answersFromForm(f url.Values) builder.Answers {
	return builder.Answers{
		Kind: builder.Kind(f.Get("kind")), Name: f.Get("name"), Lang: f.Get("lang"), Extra: f["extra"],
		Audiences: f["audiences"], Never: f["never"], Strictness: f.Get("strictness"), Spokespeople: f.Get("spokespeople"),
		ResponseTime: f.Get("response_time"), Coverage: f.Get("coverage"), Confidential: f["confidential"],
		ConfidentialNote: f.Get("confidential_note"), ProtectStaff: f.Get("protect_staff") == "1", Protected: f.Get("protected"),
		HelpContact: f.Get("help_contact"), Emergency: f.Get("emergency"),
	}
}

// fieldValue returns an answer's form value(s) by its field name.
func fieldValue(a builder.Answers, field string) (string, []string, bool) {
	switch field {
	case "kind":
		return string(a.Kind), nil, false
	case "name":
		return a.Name, nil, false
	case "lang":
		return a.Lang, nil, false
	case "extra":
		return "", a.Extra, false
	case "audiences":
		return "", a.Audiences, false
	case "never":
		return "", a.Never, false
	case "strictness":
		return a.Strictness, nil, false
	case "coverage":
		return a.Coverage, nil, false
	case "response_time":
		return a.ResponseTime, nil, false
	case "spokespeople":
		return a.Spokespeople, nil, false
	case "protect_staff":
		return "", nil, a.ProtectStaff
	case "protected":
		return a.Protected, nil, false
	case "confidential":
		return "", a.Confidential, false
	case "confidential_note":
		return a.ConfidentialNote, nil, false
	case "help_contact":
		return a.HelpContact, nil, false
	case "emergency":
		return a.Emergency, nil, false
	}
	return "", nil, false
}

// builderLang is the questionnaire's language: the viewer's.
func builderLang(l *Lang) string {
	if slices.Contains(builder.Languages, l.Code) {
		return l.Code
	}
	return "en"
}

func (d *Desk) builderPage(r *http.Request, a builder.Answers, invalid map[string]bool) builderPage {
	p := builderPage{base: d.base(r, "builder.title"), Kind: string(a.Kind)}
	p.Nav = "policy"
	ql := builderLang(p.L)
	for _, k := range builder.Kinds {
		p.Kinds = append(p.Kinds, kindOption{Value: string(k), Label: builder.KindLabel(ql, k), Current: k == a.Kind})
	}
	p.KindName = builder.KindLabel(ql, a.Kind)
	for _, code := range builder.Languages {
		p.OrgLangs = append(p.OrgLangs, kindOption{Value: code, Label: langNames[code], Current: code == a.Lang})
	}
	steps := map[int]*builderStep{}
	for _, s := range builder.Steps {
		steps[s] = &builderStep{N: s, Title: builder.StepTitle(ql, s)}
	}
	for _, q := range builder.Questions(ql) {
		if q.Field == "kind" {
			continue // chosen with the starting point
		}
		qv := questionView{Question: q, ID: "q-" + strings.ReplaceAll(q.Field, "_", "-"), Invalid: invalid[q.Field], Select: q.Field == "lang"}
		qv.Value, qv.Values, qv.Checked = fieldValue(a, q.Field)
		if q.Field == "extra" {
			// The organization's own language is always there.
			qv.Options = slices.DeleteFunc(slices.Clone(q.Options), func(o builder.Option) bool { return o.Value == a.Lang })
		}
		if qv.Invalid {
			p.Invalid = append(p.Invalid, q.Label)
		}
		steps[q.Step].Questions = append(steps[q.Step].Questions, qv)
	}
	for _, s := range builder.Steps {
		p.Steps = append(p.Steps, *steps[s])
	}
	return p
}

// Builder shows the questionnaire: a starting point's answers (?kind=
// and ?lang=), a saved version's (?from=N), or else the latest version's,
// or a company preset in the viewer's language.
func (d *Desk) Builder(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	q := r.URL.Query()
	vs, err := d.st.PolicyVersions(ctx, v.Workspace)
	if err != nil {
		d.log.Error("builder", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	l := d.langFor(r, v)
	var a builder.Answers
	from := 0
	kind := q.Get("kind")
	switch {
	case kind != "":
		lang := q.Get("lang")
		if lang == "" {
			lang = builderLang(l)
		}
		if a, err = builder.Preset(builder.Kind(kind), lang); err != nil {
			d.Error(w, r, http.StatusBadRequest, "builder.bad_preset")
			return
		}
		// The workspace's own name rather than the example's.
		if ws, err := d.st.Workspace(ctx, v.Workspace); err == nil && ws.Name != "" {
			a.Name = ws.Name
		}
	case q.Get("from") != "" || len(vs) > 0:
		n := 0
		if q.Get("from") != "" {
			n, _ = strconv.Atoi(q.Get("from"))
		} else {
			n = vs[0].Number
		}
		i := slices.IndexFunc(vs, func(x store.PolicyVersion) bool { return x.Number == n })
		if i < 0 || json.Unmarshal(vs[i].Answers, &a) != nil {
			d.Error(w, r, http.StatusNotFound, "guidelines.not_found")
			return
		}
		from = n
	default:
		a, _ = builder.Preset(builder.Company, builderLang(l))
		if ws, err := d.st.Workspace(ctx, v.Workspace); err == nil && ws.Name != "" {
			a.Name = ws.Name
		}
	}
	p := d.builderPage(r, a, nil)
	p.From = from
	if len(vs) > 0 {
		p.Latest = vs[0].Number
	}
	d.render(w, r, http.StatusOK, "builder", p)
}

// BuilderPost previews (op=preview) or saves (op=save) a build.
func (d *Desk) BuilderPost(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	ctx := r.Context()
	a := answersFromForm(r.PostForm)
	note := strings.TrimSpace(r.PostForm.Get("note"))
	vs, err := d.st.PolicyVersions(ctx, v.Workspace)
	if err != nil {
		d.log.Error("builder", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	next := 1
	if len(vs) > 0 {
		next = vs[0].Number + 1
	}
	version := func(n int) string { return fmt.Sprintf("%s.%d", d.now().UTC().Format("2006-01-02"), n) }
	res, err := builder.Build(a, version(next))
	var ferrs builder.Errors
	if errors.As(err, &ferrs) || len([]rune(note)) > maxNote {
		invalid := map[string]bool{}
		for _, e := range ferrs {
			invalid[e.Field] = true
		}
		a, _ = a.Normalize() // cleaned, to show back what will be kept
		p := d.builderPage(r, a, invalid)
		p.Note = note
		if len([]rune(note)) > maxNote {
			p.Invalid = append(p.Invalid, p.L.T("builder.note"))
		}
		p.Error = p.L.T("builder.invalid")
		d.render(w, r, http.StatusUnprocessableEntity, "builder", p)
		return
	}
	if err != nil {
		d.log.Error("builder", "err", err)
		d.Error(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	if r.PostForm.Get("op") != "save" {
		p := d.builderPage(r, res.Answers, nil)
		p.Note = note
		if len(vs) > 0 {
			p.Latest = vs[0].Number
		}
		p.Preview = &builderPreview{YAML: string(res.PolicyYAML), Public: docHTML(res.Public[res.Answers.Lang], "pub-", 3, false),
			Internal: docHTML(res.Internal, "int-", 3, false), Rules: len(res.Rules), Lang: res.Answers.Lang}
		d.render(w, r, http.StatusOK, "builder", p)
		return
	}
	actor := fmt.Sprintf("user:%d", v.User.ID)
	// Someone may save at the same moment: the store refuses a number
	// already taken, and the build is redone with the next one.
	for try := 0; ; try++ {
		answers, _ := json.Marshal(res.Answers) // plain strings and lists: cannot fail
		saved, err := d.st.SavePolicyVersion(ctx, v.Workspace, store.NewPolicyVersion{Number: next, Answers: answers, PolicyYAML: res.PolicyYAML,
			PolicyVersion: res.Version, Lang: res.Answers.Lang, Public: res.Public, Internal: res.Internal, Note: note, At: d.now()}, actor)
		if errors.Is(err, store.ErrConflict) && try < 3 {
			next++
			if res, err = builder.Build(res.Answers, version(next)); err != nil {
				break
			}
			continue
		}
		if err != nil {
			d.log.Error("save policy version", "err", err)
			d.Error(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		http.Redirect(w, r, withFlash(fmt.Sprintf("/w/%s/policy/versions/%d", url.PathEscape(v.Workspace), saved.Number), "builder_saved"), http.StatusSeeOther)
		return
	}
	d.log.Error("save policy version: rebuilding failed")
	d.Error(w, r, http.StatusInternalServerError, "error.internal")
}
