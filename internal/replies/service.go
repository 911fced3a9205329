package replies

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Errors of the approval rules. The store's errors are re-exported so
// callers need only this package.
var (
	ErrForbidden       = errors.New("not allowed")
	ErrUnknownTemplate = errors.New("unknown template")
	ErrNotLive         = errors.New("template not approved for use")
	ErrInvalid         = errors.New("invalid")
	ErrCommentRequired = errors.New("a rejection needs a comment for the drafter")
	ErrAlreadyDecided  = store.ErrAlreadyDecided
	ErrOwnDraft        = store.ErrOwnDraft
	ErrNotApproved     = store.ErrNotApproved
	ErrStaleVersion    = store.ErrStaleVersion
)

// ForbiddenError says which permission was missing.
type ForbiddenError struct {
	Role       auth.Role
	Permission auth.Permission
}

func (e *ForbiddenError) Error() string {
	if e.Role == "" {
		return fmt.Sprintf("not allowed: not a member of this workspace (needs %s)", e.Permission)
	}
	return fmt.Sprintf("not allowed: role %s lacks permission %s", e.Role, e.Permission)
}

// Is makes errors.Is(err, ErrForbidden) true.
func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// Store is what the rules need from storage.
type Store interface {
	store.Replies
	Membership(ctx context.Context, workspace string, userID int64) (store.Membership, error)
	Item(ctx context.Context, workspace string, id int64) (ingest.Item, error)
	Workspace(ctx context.Context, id string) (store.Workspace, error)
}

// Service applies the approval rules over a store.
type Service struct {
	st   Store
	tone *ToneChecker
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// New returns a service; tone may be nil for a checker without the
// lexicon.
func New(st Store, tone *ToneChecker) *Service {
	if tone == nil {
		tone = NewToneChecker(nil)
	}
	return &Service{st: st, tone: tone, Now: func() time.Time { return time.Now().UTC() }}
}

// Actor is the audit actor of a desk user.
func Actor(userID int64) string { return fmt.Sprintf("user:%d", userID) }

// require reads the user's role in the workspace (fresh each time, so a
// demotion takes effect at once) and checks one permission.
func (s *Service) require(ctx context.Context, workspace string, userID int64, p auth.Permission) (auth.Role, error) {
	m, err := s.st.Membership(ctx, workspace, userID)
	if errors.Is(err, store.ErrNotFound) {
		return "", &ForbiddenError{Permission: p}
	}
	if err != nil {
		return "", fmt.Errorf("role of user %d: %w", userID, err)
	}
	r := auth.Role(m.Role)
	if !auth.Can(r, p) {
		return r, &ForbiddenError{Role: r, Permission: p}
	}
	return r, nil
}

// TemplateInput is a template as written in the desk.
type TemplateInput struct {
	ID         string
	Group      string
	Lang       string
	Name       string
	Tone       string
	Situations []string
	Body       string
}

var templateIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

// maxBody bounds a template or draft before any channel's limit applies.
const maxBody = 8000

func invalid(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, a...))
}

func (in TemplateInput) validate(needID bool) error {
	switch {
	case needID && !templateIDRe.MatchString(in.ID):
		return invalid("template id %q: lower-case letters, digits, _ . and -, up to 64", in.ID)
	case needID && !slices.Contains(Languages, in.Lang):
		return invalid("language %q: want one of %s", in.Lang, strings.Join(Languages, ", "))
	case strings.TrimSpace(in.Name) == "" || utf8.RuneCountInString(in.Name) > 120:
		return invalid("template name must be 1 to 120 characters")
	case !slices.Contains(Tones, in.Tone):
		return invalid("tone %q: want one of %s", in.Tone, strings.Join(Tones, ", "))
	case strings.TrimSpace(in.Body) == "":
		return invalid("template body is empty")
	case utf8.RuneCountInString(in.Body) > maxBody:
		return invalid("template body is longer than %d characters", maxBody)
	}
	for _, sit := range in.Situations {
		if !slices.Contains(Situations, sit) {
			return invalid("situation %q: want one of %s", sit, strings.Join(Situations, ", "))
		}
	}
	if _, err := Parse(in.Body); err != nil {
		return err
	}
	return nil
}

// CreateTemplate proposes a new template (version 1, draft). Anyone who
// may draft replies may propose one; it is usable once someone else with
// approve_reply approves it. The tone warnings are for the approver.
func (s *Service) CreateTemplate(ctx context.Context, workspace string, userID int64, in TemplateInput) (store.Template, []Warning, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermDraftReply); err != nil {
		return store.Template{}, nil, err
	}
	if err := in.validate(true); err != nil {
		return store.Template{}, nil, fmt.Errorf("create template: %w", err)
	}
	t, err := s.st.CreateTemplate(ctx, store.Template{Workspace: workspace, ID: in.ID, Group: in.Group, Lang: in.Lang, Name: in.Name, Tone: in.Tone,
		Situations: in.Situations, Body: in.Body, Status: store.TemplateDraft, CreatedAt: s.Now()}, Actor(userID))
	if err != nil {
		return t, nil, err
	}
	return t, s.tone.Check(ctx, t.Body, t.Lang), nil
}

// ReviseTemplate proposes a new version; approved versions never change.
func (s *Service) ReviseTemplate(ctx context.Context, workspace string, userID int64, id string, baseVersion int, in TemplateInput) (store.Template, []Warning, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermDraftReply); err != nil {
		return store.Template{}, nil, err
	}
	if err := in.validate(false); err != nil {
		return store.Template{}, nil, fmt.Errorf("revise template %q: %w", id, err)
	}
	t, err := s.st.ReviseTemplate(ctx, store.Template{Workspace: workspace, ID: id, Name: in.Name, Tone: in.Tone, Situations: in.Situations, Body: in.Body, CreatedAt: s.Now()}, baseVersion, Actor(userID))
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("%w: %w", ErrUnknownTemplate, err)
	}
	if err != nil {
		return t, nil, err
	}
	return t, s.tone.Check(ctx, t.Body, t.Lang), nil
}

// ApproveTemplate makes the latest version live. Its author cannot.
func (s *Service) ApproveTemplate(ctx context.Context, workspace string, userID int64, id string, version int) (store.Template, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermApproveReply); err != nil {
		return store.Template{}, err
	}
	t, err := s.st.ApproveTemplate(ctx, workspace, id, version, s.Now(), Actor(userID))
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("%w: %w", ErrUnknownTemplate, err)
	}
	return t, err
}

// RetireTemplate withdraws a template from use.
func (s *Service) RetireTemplate(ctx context.Context, workspace string, userID int64, id string) error {
	if _, err := s.require(ctx, workspace, userID, auth.PermApproveReply); err != nil {
		return err
	}
	err := s.st.RetireTemplate(ctx, workspace, id, s.Now(), Actor(userID))
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("%w: %w", ErrUnknownTemplate, err)
	}
	return err
}

// Templates lists the library for anyone who may view the workspace.
func (s *Service) Templates(ctx context.Context, workspace string, userID int64, f store.TemplateFilter) ([]store.Template, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermView); err != nil {
		return nil, err
	}
	return s.st.Templates(ctx, workspace, f)
}

// SeedStarterLibrary adds the starter library's templates the workspace
// does not have yet, and returns how many it added; running it twice adds
// nothing.
func (s *Service) SeedStarterLibrary(ctx context.Context, workspace string) (int, error) {
	n := 0
	for _, t := range StarterLibrary(workspace) {
		t.CreatedAt = s.Now()
		_, err := s.st.CreateTemplate(ctx, t, "system")
		if errors.Is(err, store.ErrConflict) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("seed reply templates: %w", err)
		}
		n++
	}
	return n, nil
}

// defaults are the variables Stormwatch knows about an item; whatever the
// person gives overrides them.
func (s *Service) defaults(ctx context.Context, workspace string, it ingest.Item, given map[string]string) (map[string]string, error) {
	vars := map[string]string{"channel": it.Channel}
	if it.AuthorName != "" {
		vars["author"] = it.AuthorName
	}
	ws, err := s.st.Workspace(ctx, workspace)
	if err != nil {
		return nil, fmt.Errorf("workspace %q: %w", workspace, err)
	}
	vars["organization"] = ws.Name
	for k, v := range given {
		if !slices.Contains(Variables, k) {
			return nil, fmt.Errorf("%w {{%s}} (known: %s)", ErrUnknownVariable, k, strings.Join(Variables, ", "))
		}
		if strings.TrimSpace(v) != "" {
			vars[k] = v
		}
	}
	return vars, nil
}

func (s *Service) item(ctx context.Context, workspace string, id int64) (ingest.Item, error) {
	it, err := s.st.Item(ctx, workspace, id)
	if err != nil {
		return it, fmt.Errorf("reply to item %d: %w", id, err)
	}
	return it, nil
}

func (s *Service) liveTemplate(ctx context.Context, workspace, id string) (store.Template, error) {
	t, err := s.st.LiveTemplate(ctx, workspace, id)
	if errors.Is(err, store.ErrNotFound) {
		if _, err2 := s.st.Template(ctx, workspace, id, 0); errors.Is(err2, store.ErrNotFound) {
			return t, fmt.Errorf("%w %q", ErrUnknownTemplate, id)
		}
		return t, fmt.Errorf("%w: %q has no approved version", ErrNotLive, id)
	}
	return t, err
}

// Rendered is a template filled for one item, for the desk to preview.
type Rendered struct {
	Template store.Template
	Vars     map[string]string // every variable the body uses, with its value
	Text     string
	Warnings []Warning
}

// RenderTemplate fills an approved template for an item without storing
// anything: the desk's preview, and the first half of SendTemplate.
func (s *Service) RenderTemplate(ctx context.Context, workspace string, userID int64, itemID int64, templateID string, vars map[string]string) (Rendered, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermModerate); err != nil {
		return Rendered{}, err
	}
	return s.render(ctx, workspace, itemID, templateID, vars)
}

func (s *Service) render(ctx context.Context, workspace string, itemID int64, templateID string, given map[string]string) (Rendered, error) {
	t, err := s.liveTemplate(ctx, workspace, templateID)
	if err != nil {
		return Rendered{}, err
	}
	it, err := s.item(ctx, workspace, itemID)
	if err != nil {
		return Rendered{}, err
	}
	all, err := s.defaults(ctx, workspace, it, given)
	if err != nil {
		return Rendered{}, err
	}
	text, err := Expand(t.Body, all)
	if err != nil {
		return Rendered{}, fmt.Errorf("template %q: %w", templateID, err)
	}
	if err := CheckLength(it.Channel, text); err != nil {
		return Rendered{}, fmt.Errorf("template %q: %w", templateID, err)
	}
	used, _ := VariablesOf(t.Body) // parsed by Expand already
	vars := make(map[string]string, len(used))
	for _, v := range used {
		vars[v] = strings.TrimSpace(all[v])
	}
	return Rendered{Template: t, Vars: vars, Text: text, Warnings: s.tone.Check(ctx, text, t.Lang)}, nil
}

// TemplateReply is a moderator's request to send an approved template.
type TemplateReply struct {
	ItemID     int64
	TemplateID string
	Vars       map[string]string
	// RequestKey identifies the click (a form nonce); empty derives one
	// from the request, so the same reply to the same item by the same
	// person is sent once.
	RequestKey string
}

// SendTemplate sends an approved template with its variables filled, and
// nothing else: the words were approved with the template, so no second
// approval is needed. It needs the moderate permission.
func (s *Service) SendTemplate(ctx context.Context, workspace string, userID int64, r TemplateReply) (store.Draft, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermModerate); err != nil {
		return store.Draft{}, err
	}
	rd, err := s.render(ctx, workspace, r.ItemID, r.TemplateID, r.Vars)
	if err != nil {
		return store.Draft{}, err
	}
	actor := Actor(userID)
	key := r.RequestKey
	if key == "" {
		key = act.Key("template", fmt.Sprint(r.ItemID), actor, rd.Template.ID, fmt.Sprint(rd.Template.Version), rd.Text)
	}
	d := store.Draft{Workspace: workspace, ItemID: r.ItemID, Lang: rd.Template.Lang, Text: rd.Text,
		TemplateID: rd.Template.ID, TemplateVersion: rd.Template.Version, Vars: rd.Vars, Warnings: warningsJSON(rd.Warnings),
		RequestKey: key, Status: store.DraftApproved, Basis: store.BasisTemplate,
		CreatedBy: actor, CreatedAt: s.Now(), DecidedBy: rd.Template.ApprovedBy}
	return s.st.CreateDraft(ctx, d, true)
}

// DraftInput is a free-text reply, or a template someone edited.
type DraftInput struct {
	ItemID int64
	Text   string
	// Lang defaults to the item's language.
	Lang string
	// TemplateID is the template the text started from, if any; Vars
	// fill any {{variables}} still in the text.
	TemplateID string
	Vars       map[string]string
	// Send sends at once when the draft needs no approval (its author
	// may speak for the organization, or the text is the template's own).
	Send       bool
	RequestKey string
}

// SubmitDraft stores a reply draft. Text from someone with the speak
// permission is approved on that basis; text identical to an approved
// template's expansion is approved on the template's; anything else waits
// in the approval queue. The tone warnings are stored with the draft.
func (s *Service) SubmitDraft(ctx context.Context, workspace string, userID int64, in DraftInput) (store.Draft, []Warning, error) {
	role, err := s.require(ctx, workspace, userID, auth.PermDraftReply)
	if err != nil {
		return store.Draft{}, nil, err
	}
	it, err := s.item(ctx, workspace, in.ItemID)
	if err != nil {
		return store.Draft{}, nil, err
	}
	lang := in.Lang
	if lang == "" {
		lang = it.Lang
	}
	if !slices.Contains(Languages, lang) {
		return store.Draft{}, nil, invalid("reply language %q: want one of %s", lang, strings.Join(Languages, ", "))
	}
	if strings.TrimSpace(in.Text) == "" {
		return store.Draft{}, nil, invalid("the reply is empty")
	}
	if utf8.RuneCountInString(in.Text) > maxBody {
		return store.Draft{}, nil, &TooLongError{Channel: it.Channel, Limit: Limit{Platform: Platform(it.Channel), Max: maxBody, Unit: Chars}, Length: utf8.RuneCountInString(in.Text)}
	}
	vars, err := s.defaults(ctx, workspace, it, in.Vars)
	if err != nil {
		return store.Draft{}, nil, err
	}
	text, err := Expand(in.Text, vars)
	if err != nil {
		return store.Draft{}, nil, fmt.Errorf("reply text: %w", err)
	}
	text = strings.TrimSpace(text)
	if err := CheckLength(it.Channel, text); err != nil {
		return store.Draft{}, nil, err
	}
	actor := Actor(userID)
	d := store.Draft{Workspace: workspace, ItemID: in.ItemID, Lang: lang, Text: text, Status: store.DraftPending, CreatedBy: actor, CreatedAt: s.Now()}
	if in.TemplateID != "" {
		t, err := s.liveTemplate(ctx, workspace, in.TemplateID)
		if err != nil {
			return store.Draft{}, nil, err
		}
		d.TemplateID, d.TemplateVersion = t.ID, t.Version
		own, err := Expand(t.Body, vars)
		d.Edited = err != nil || own != text
		if !d.Edited && auth.Can(role, auth.PermModerate) {
			d.Status, d.Basis, d.DecidedBy = store.DraftApproved, store.BasisTemplate, t.ApprovedBy
		}
	}
	if d.Status == store.DraftPending && auth.Can(role, auth.PermSpeak) {
		d.Status, d.Basis, d.DecidedBy = store.DraftApproved, store.BasisSpeak, actor
	}
	warnings := s.tone.Check(ctx, text, lang)
	d.Warnings = warningsJSON(warnings)
	d.RequestKey = in.RequestKey
	if d.RequestKey == "" {
		d.RequestKey = act.Key("draft", fmt.Sprint(in.ItemID), actor, lang, text)
	}
	out, err := s.st.CreateDraft(ctx, d, in.Send)
	return out, warnings, err
}

// Approve approves someone else's pending draft.
func (s *Service) Approve(ctx context.Context, workspace string, userID int64, draftID int64, comment string) (store.Draft, error) {
	return s.decide(ctx, workspace, userID, draftID, true, comment)
}

// Reject sends a pending draft back with a comment saying why.
func (s *Service) Reject(ctx context.Context, workspace string, userID int64, draftID int64, comment string) (store.Draft, error) {
	if strings.TrimSpace(comment) == "" {
		return store.Draft{}, ErrCommentRequired
	}
	return s.decide(ctx, workspace, userID, draftID, false, comment)
}

func (s *Service) decide(ctx context.Context, workspace string, userID int64, draftID int64, approve bool, comment string) (store.Draft, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermApproveReply); err != nil {
		return store.Draft{}, err
	}
	if utf8.RuneCountInString(comment) > 2000 {
		return store.Draft{}, invalid("comment is longer than 2000 characters")
	}
	return s.st.DecideDraft(ctx, workspace, draftID, approve, strings.TrimSpace(comment), s.Now(), Actor(userID))
}

// Send sends an approved draft. Anyone who may moderate may press send:
// the approval is of the words, and the words cannot change.
func (s *Service) Send(ctx context.Context, workspace string, userID int64, draftID int64) (store.Draft, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermModerate); err != nil {
		return store.Draft{}, err
	}
	return s.st.SendDraft(ctx, workspace, draftID, s.Now(), Actor(userID))
}

// Queue lists the drafts waiting for approval, oldest first.
func (s *Service) Queue(ctx context.Context, workspace string, userID int64) ([]store.Draft, error) {
	if _, err := s.require(ctx, workspace, userID, auth.PermView); err != nil {
		return nil, err
	}
	return s.st.Drafts(ctx, workspace, store.DraftFilter{Status: store.DraftPending})
}

// DraftWarnings decodes the tone warnings stored with a draft.
func DraftWarnings(d store.Draft) ([]Warning, error) {
	if len(d.Warnings) == 0 {
		return nil, nil
	}
	var ws []Warning
	if err := json.Unmarshal(d.Warnings, &ws); err != nil {
		return nil, fmt.Errorf("warnings of draft %d: %w", d.ID, err)
	}
	return ws, nil
}

func warningsJSON(ws []Warning) []byte {
	if len(ws) == 0 {
		return nil
	}
	b, _ := json.Marshal(ws) // plain structs always marshal
	return b
}
