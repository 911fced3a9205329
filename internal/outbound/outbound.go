// Package outbound owns the organization's own posts before they go out:
// drafts (text, channels, an optional schedule, the people named, tagged or
// shown in photos), the pre-publication check (someone else's personal
// data; names on the protected-persons list; a private event's place with a
// day in its window; confidential keywords; people without a valid
// consent), the approval by a second person, and the publication, which
// queues one publish action per channel in the outbox. It also keeps the
// registers the check reads (consents, protected persons, private events)
// and recognises direct messages that ask for help, so the desk can point
// them to the workspace's confidential channels (seed 004: never provide
// services in public or in DMs).
//
// Storage is store.Outbound; this package holds the rules and never SQL.
// Every change is audited by the store in its transaction.
package outbound

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

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Errors of the rules; the store's are re-exported so callers need only
// this package.
var (
	ErrForbidden       = auth.ErrForbidden // a refusal of auth.Require
	ErrInvalid         = errors.New("invalid")
	ErrBlocked         = errors.New("the pre-publication check blocks this post")
	ErrCommentRequired = errors.New("a rejection needs a comment for the author")
	ErrOwnDraft        = store.ErrOwnDraft
	ErrAlreadyDecided  = store.ErrAlreadyDecided
	ErrNotApproved     = store.ErrNotApproved
	ErrStaleVersion    = store.ErrStaleVersion
	ErrPublished       = store.ErrPublished
)

// BlockedError carries the findings that block a post.
type BlockedError struct{ Findings []Finding }

func (e *BlockedError) Error() string {
	n := 0
	for _, f := range e.Findings {
		if f.Block {
			n++
		}
	}
	return fmt.Sprintf("%v: %d blocking finding(s)", ErrBlocked, n)
}

// Is makes errors.Is(err, ErrBlocked) true.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// Store is what the rules need from storage.
type Store interface {
	store.Outbound
	TemplateCreator
	Membership(ctx context.Context, workspace string, userID int64) (store.Membership, error)
	Workspace(ctx context.Context, id string) (store.Workspace, error)
}

// Service applies the rules over a store.
type Service struct {
	st Store
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// New returns a service.
func New(st Store) *Service {
	return &Service{st: st, Now: func() time.Time { return time.Now().UTC() }}
}

// Actor is the audit actor of a desk user.
func Actor(userID int64) string { return fmt.Sprintf("user:%d", userID) }

func (s *Service) require(ctx context.Context, workspace string, userID int64, p auth.Permission) error {
	_, err := auth.Require(ctx, s.st, workspace, userID, p)
	return err
}

// Limits on what a post carries.
const (
	MaxText    = 8000
	MaxPeople  = 50
	MaxName    = 120
	maxChannel = 128
)

var channelRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$`)

// PostInput is a post as written in the desk.
type PostInput struct {
	Text        string
	Lang        string
	Channels    []string
	ScheduledAt time.Time
	Tagged      []string
	PhotoPeople []string
}

func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func (in *PostInput) normalize() error {
	in.Text = strings.TrimSpace(in.Text)
	in.Channels, in.Tagged, in.PhotoPeople = cleanList(in.Channels), cleanList(in.Tagged), cleanList(in.PhotoPeople)
	switch {
	case in.Text == "":
		return fmt.Errorf("%w: the post has no text", ErrInvalid)
	case len(in.Text) > MaxText:
		return fmt.Errorf("%w: the post is longer than %d bytes", ErrInvalid, MaxText)
	case !utf8.ValidString(in.Text):
		return fmt.Errorf("%w: the text is not valid UTF-8", ErrInvalid)
	case len(in.Tagged) > MaxPeople || len(in.PhotoPeople) > MaxPeople:
		return fmt.Errorf("%w: more than %d people", ErrInvalid, MaxPeople)
	}
	for _, c := range in.Channels {
		if len(c) > maxChannel || !channelRe.MatchString(c) {
			return fmt.Errorf("%w: channel %q", ErrInvalid, c)
		}
	}
	for _, n := range append(slices.Clone(in.Tagged), in.PhotoPeople...) {
		if utf8.RuneCountInString(n) > MaxName || !utf8.ValidString(n) {
			return fmt.Errorf("%w: name %q is too long", ErrInvalid, n)
		}
	}
	return nil
}

// Create stores a new draft post (draft_reply).
func (s *Service) Create(ctx context.Context, workspace string, userID int64, in PostInput) (store.Post, error) {
	if err := s.require(ctx, workspace, userID, auth.PermDraftReply); err != nil {
		return store.Post{}, err
	}
	if err := in.normalize(); err != nil {
		return store.Post{}, err
	}
	return s.st.CreatePost(ctx, store.Post{Workspace: workspace, Text: in.Text, Lang: in.Lang, Channels: in.Channels, ScheduledAt: in.ScheduledAt,
		Tagged: in.Tagged, PhotoPeople: in.PhotoPeople, CreatedAt: s.Now()}, Actor(userID))
}

// Update stores a new revision of a post (draft_reply). A post changed
// after its approval goes back to draft and needs approval again.
func (s *Service) Update(ctx context.Context, workspace string, userID int64, id int64, base int, in PostInput) (store.Post, error) {
	if err := s.require(ctx, workspace, userID, auth.PermDraftReply); err != nil {
		return store.Post{}, err
	}
	if err := in.normalize(); err != nil {
		return store.Post{}, err
	}
	return s.st.UpdatePost(ctx, store.Post{ID: id, Workspace: workspace, Text: in.Text, Lang: in.Lang, Channels: in.Channels, ScheduledAt: in.ScheduledAt,
		Tagged: in.Tagged, PhotoPeople: in.PhotoPeople, UpdatedAt: s.Now()}, base, Actor(userID))
}

// Registers reads the lists the check needs.
func (s *Service) Registers(ctx context.Context, workspace string) (Registers, error) {
	var r Registers
	var err error
	if r.Protected, err = s.st.ProtectedPersons(ctx, workspace); err != nil {
		return r, err
	}
	if r.Consents, err = s.st.Consents(ctx, workspace); err != nil {
		return r, err
	}
	if r.Events, err = s.st.PrivateEvents(ctx, workspace); err != nil {
		return r, err
	}
	if r.Settings, err = s.st.OutboundSettings(ctx, workspace); err != nil {
		return r, err
	}
	ws, err := s.st.Workspace(ctx, workspace)
	if err != nil {
		return r, fmt.Errorf("workspace %q: %w", workspace, err)
	}
	r.Context = ws.Context
	return r, nil
}

// PublicationTime is when a post would go out if published now.
func (s *Service) PublicationTime(p store.Post) time.Time {
	now := s.Now()
	if p.ScheduledAt.After(now) {
		return p.ScheduledAt
	}
	return now
}

// CheckPost runs the pre-publication check on a post as stored (view).
func (s *Service) CheckPost(ctx context.Context, workspace string, userID int64, p store.Post) ([]Finding, error) {
	if err := s.require(ctx, workspace, userID, auth.PermView); err != nil {
		return nil, err
	}
	return s.check(ctx, workspace, p)
}

func (s *Service) check(ctx context.Context, workspace string, p store.Post) ([]Finding, error) {
	reg, err := s.Registers(ctx, workspace)
	if err != nil {
		return nil, fmt.Errorf("pre-publication check: %w", err)
	}
	return Check(ctx, Draft{Text: p.Text, Lang: p.Lang, Channels: p.Channels, Tagged: p.Tagged, PhotoPeople: p.PhotoPeople, At: s.PublicationTime(p)}, reg), nil
}

// checked loads a post and checks it; a blocking finding is an error.
func (s *Service) checked(ctx context.Context, workspace string, id int64, rev int) (store.Post, []Finding, error) {
	p, err := s.st.Post(ctx, workspace, id)
	if err != nil {
		return p, nil, err
	}
	if rev != 0 && p.Revision != rev {
		return p, nil, fmt.Errorf("post %d is at revision %d, not %d: %w", id, p.Revision, rev, ErrStaleVersion)
	}
	fs, err := s.check(ctx, workspace, p)
	if err != nil {
		return p, nil, err
	}
	if Blocking(fs) {
		return p, fs, &BlockedError{Findings: fs}
	}
	return p, fs, nil
}

// Submit checks revision rev of a post and sends it to approval with its
// findings (draft_reply). Blocking findings stop it: fix the post first.
func (s *Service) Submit(ctx context.Context, workspace string, userID int64, id int64, rev int) (store.Post, []Finding, error) {
	if err := s.require(ctx, workspace, userID, auth.PermDraftReply); err != nil {
		return store.Post{}, nil, err
	}
	p, fs, err := s.checked(ctx, workspace, id, rev)
	if err != nil {
		return p, fs, err
	}
	if len(p.Channels) == 0 {
		return p, fs, fmt.Errorf("%w: choose at least one channel", ErrInvalid)
	}
	b, _ := json.Marshal(fs) // plain structs always marshal
	p, err = s.st.SubmitPost(ctx, workspace, id, rev, b, s.Now(), Actor(userID))
	return p, fs, err
}

// Approve approves revision rev (approve_reply), never the author's or
// last editor's own. The check runs again: a register may have changed
// since the post was submitted.
func (s *Service) Approve(ctx context.Context, workspace string, userID int64, id int64, rev int, comment string) (store.Post, error) {
	if err := s.require(ctx, workspace, userID, auth.PermApproveReply); err != nil {
		return store.Post{}, err
	}
	if _, _, err := s.checked(ctx, workspace, id, rev); err != nil {
		return store.Post{}, err
	}
	return s.st.DecidePost(ctx, workspace, id, rev, true, strings.TrimSpace(comment), s.Now(), Actor(userID))
}

// Reject sends revision rev back to its author with a comment
// (approve_reply).
func (s *Service) Reject(ctx context.Context, workspace string, userID int64, id int64, rev int, comment string) (store.Post, error) {
	if err := s.require(ctx, workspace, userID, auth.PermApproveReply); err != nil {
		return store.Post{}, err
	}
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return store.Post{}, ErrCommentRequired
	}
	return s.st.DecidePost(ctx, workspace, id, rev, false, comment, s.Now(), Actor(userID))
}

// Publish queues an approved post on its channels (speak). The check runs
// a last time at publication: a consent may have run out meanwhile.
func (s *Service) Publish(ctx context.Context, workspace string, userID int64, id int64) (store.Post, error) {
	if err := s.require(ctx, workspace, userID, auth.PermSpeak); err != nil {
		return store.Post{}, err
	}
	p, err := s.st.Post(ctx, workspace, id)
	if err != nil {
		return p, err
	}
	if p.Status == store.PostPublished {
		return p, nil // a second click
	}
	if p.Status != store.PostApproved {
		return p, fmt.Errorf("post %d is %s: %w", id, p.Status, ErrNotApproved)
	}
	if _, _, err := s.checked(ctx, workspace, id, p.Revision); err != nil {
		return p, err
	}
	return s.st.PublishPost(ctx, workspace, id, s.Now(), Actor(userID))
}

// ConsentInput is a consent as entered in the desk.
type ConsentInput struct {
	ID        int64
	Name      string
	Scope     string
	Channels  []string
	GivenAt   time.Time
	ExpiresAt time.Time
	Evidence  string
}

// SaveConsent creates or updates a consent (manage_policy).
func (s *Service) SaveConsent(ctx context.Context, workspace string, userID int64, in ConsentInput) (store.Consent, error) {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return store.Consent{}, err
	}
	in.Name, in.Evidence = strings.TrimSpace(in.Name), strings.TrimSpace(in.Evidence)
	switch {
	case in.Name == "" || utf8.RuneCountInString(in.Name) > MaxName:
		return store.Consent{}, fmt.Errorf("%w: a name of 1 to %d characters", ErrInvalid, MaxName)
	case in.Scope != store.ConsentPhoto && in.Scope != store.ConsentName && in.Scope != store.ConsentBoth:
		return store.Consent{}, fmt.Errorf("%w: scope %q (photo, name or both)", ErrInvalid, in.Scope)
	case in.GivenAt.IsZero():
		return store.Consent{}, fmt.Errorf("%w: the date the consent was given", ErrInvalid)
	case !in.ExpiresAt.IsZero() && !in.ExpiresAt.After(in.GivenAt):
		return store.Consent{}, fmt.Errorf("%w: the consent ends before it starts", ErrInvalid)
	case utf8.RuneCountInString(in.Evidence) > 200:
		return store.Consent{}, fmt.Errorf("%w: the evidence note says where the evidence is, in 200 characters at most", ErrInvalid)
	}
	return s.st.PutConsent(ctx, store.Consent{ID: in.ID, Workspace: workspace, Name: in.Name, Scope: in.Scope, Channels: cleanList(in.Channels),
		GivenAt: in.GivenAt, ExpiresAt: in.ExpiresAt, Evidence: in.Evidence, UpdatedAt: s.Now()}, Actor(userID))
}

// DeleteConsent erases a consent (manage_policy): withdrawn consents are
// deleted, not kept.
func (s *Service) DeleteConsent(ctx context.Context, workspace string, userID int64, id int64) error {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return err
	}
	return s.st.DeleteConsent(ctx, workspace, id, Actor(userID))
}

// SaveProtected creates or updates a protected person (manage_policy).
func (s *Service) SaveProtected(ctx context.Context, workspace string, userID int64, p store.ProtectedPerson) (store.ProtectedPerson, error) {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return p, err
	}
	p.Workspace, p.Name, p.Aliases = workspace, strings.TrimSpace(p.Name), cleanList(p.Aliases)
	switch {
	case p.Name == "" || utf8.RuneCountInString(p.Name) > MaxName:
		return p, fmt.Errorf("%w: a name of 1 to %d characters", ErrInvalid, MaxName)
	case !slices.Contains(store.ProtectedReasons, p.Reason):
		return p, fmt.Errorf("%w: reason %q (one of %s)", ErrInvalid, p.Reason, strings.Join(store.ProtectedReasons, ", "))
	case len(p.Aliases) > 10:
		return p, fmt.Errorf("%w: at most 10 aliases", ErrInvalid)
	}
	p.UpdatedAt = s.Now()
	return s.st.PutProtectedPerson(ctx, p, Actor(userID))
}

// DeleteProtected removes a protected person (manage_policy).
func (s *Service) DeleteProtected(ctx context.Context, workspace string, userID int64, id int64) error {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return err
	}
	return s.st.DeleteProtectedPerson(ctx, workspace, id, Actor(userID))
}

// SaveEvent creates or updates a private event (manage_policy).
func (s *Service) SaveEvent(ctx context.Context, workspace string, userID int64, e store.PrivateEvent) (store.PrivateEvent, error) {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return e, err
	}
	e.Workspace, e.Label, e.Places = workspace, strings.TrimSpace(e.Label), cleanList(e.Places)
	switch {
	case e.Label == "" || utf8.RuneCountInString(e.Label) > MaxName:
		return e, fmt.Errorf("%w: a label of 1 to %d characters", ErrInvalid, MaxName)
	case len(e.Places) == 0:
		return e, fmt.Errorf("%w: at least one place name or address", ErrInvalid)
	case e.Start.IsZero() || e.End.Before(e.Start):
		return e, fmt.Errorf("%w: a start and an end after it", ErrInvalid)
	}
	e.UpdatedAt = s.Now()
	return s.st.PutPrivateEvent(ctx, e, Actor(userID))
}

// DeleteEvent removes a private event (manage_policy).
func (s *Service) DeleteEvent(ctx context.Context, workspace string, userID int64, id int64) error {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return err
	}
	return s.st.DeletePrivateEvent(ctx, workspace, id, Actor(userID))
}

// SaveSettings saves the own contacts, confidential keywords and help
// channels (manage_policy).
func (s *Service) SaveSettings(ctx context.Context, workspace string, userID int64, set store.OutboundSettings) error {
	if err := s.require(ctx, workspace, userID, auth.PermManagePolicy); err != nil {
		return err
	}
	set.Workspace, set.OwnContacts, set.Keywords = workspace, cleanList(set.OwnContacts), cleanList(set.Keywords)
	set.HelpPhone, set.HelpURL = strings.TrimSpace(set.HelpPhone), strings.TrimSpace(set.HelpURL)
	if set.HelpURL != "" && !strings.HasPrefix(set.HelpURL, "https://") {
		return fmt.Errorf("%w: the secure form must be an https:// address", ErrInvalid)
	}
	if set.ReviewDays <= 0 {
		set.ReviewDays = 90
	}
	set.UpdatedAt = s.Now()
	if err := s.st.SetOutboundSettings(ctx, set, Actor(userID)); err != nil {
		return err
	}
	if set.HelpPhone != "" || set.HelpURL != "" {
		// Confidential channels are set: the approved reply pointing to
		// them must exist too (added once; an edited one is kept).
		if _, err := SeedHelpTemplates(ctx, s.st, workspace, s.Now()); err != nil {
			return err
		}
	}
	return nil
}

// ExpiringConsents lists the consents that end within ExpiryWarning of
// now, or have ended: the people to ask again (or whose photos to take
// down).
func ExpiringConsents(cs []store.Consent, now time.Time) []store.Consent {
	var out []store.Consent
	for _, c := range cs {
		if !c.ExpiresAt.IsZero() && c.ExpiresAt.Sub(now) < ExpiryWarning {
			out = append(out, c)
		}
	}
	return out
}

// AlertConsentExpiring is the alert kind raised when a consent runs out
// within ExpiryWarning.
const AlertConsentExpiring store.AlertKind = "consent_expiring"

// ConsentAlerts are the alerts for consents running out within
// ExpiryWarning of now (not those already over: they were raised while
// running out). An alert names no one: it goes out by e-mail and chat,
// and the Consents screen says who.
func ConsentAlerts(cs []store.Consent, now time.Time) []store.NewAlert {
	var out []store.NewAlert
	for _, c := range cs {
		if c.ExpiresAt.IsZero() || !now.Before(c.ExpiresAt) || c.ExpiresAt.Sub(now) >= ExpiryWarning {
			continue
		}
		day := c.ExpiresAt.UTC().Format("2006-01-02")
		out = append(out, store.NewAlert{Kind: AlertConsentExpiring, Severity: store.AlertInfo, At: now,
			Title:     "A photo or name consent runs out on " + day,
			Summary:   "Ask the person again, or take down the posts that show or name them after that day (Consents screen).",
			DedupeKey: fmt.Sprintf("consent:%d:expires:%s", c.ID, day)})
	}
	return out
}
