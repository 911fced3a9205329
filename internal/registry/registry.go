// Package registry owns the account registry: every brand account of the
// organization (platform, handle, purpose), who owns it and who backs the
// owners up (workspace members), its second factor, its recovery contacts
// (roles, not private numbers) and its last access review. It finds what
// puts an account at risk (seed 003: passwords, 2FA, breach response; seed
// 004: access continuity when staff leave) and raises alerts for it: an
// owner who left the workspace, a review overdue, no backup owner, no
// second factor.
//
// Storage is store.Outbound's registry part; this package holds the rules.
package registry

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Errors of the rules.
var (
	ErrForbidden = auth.ErrForbidden // a refusal of auth.Require
	ErrInvalid   = errors.New("invalid")
)

// TwoFactorMethods are the second factors an account may record; "" is
// none. SMS counts, but is flagged as weak (SIM swapping).
var TwoFactorMethods = []string{"app", "key", "sms"}

// Problem kinds.
const (
	OwnerLeft     = "owner_left"     // an owner is no longer a member of the workspace
	BackupLeft    = "backup_left"    // a backup owner is no longer a member
	NoOwner       = "no_owner"       // nobody owns the account
	NoBackup      = "no_backup"      // nobody can step in when the owner is away or leaves
	NoTwoFactor   = "no_2fa"         // a password alone guards it
	WeakTwoFactor = "weak_2fa"       // SMS codes: better than nothing, open to SIM swapping
	ReviewDue     = "review_overdue" // the last access review is older than the workspace's interval
	NeverReviewed = "never_reviewed"
)

// Problem is one risk of one account.
type Problem struct {
	Kind string `json:"kind"`
	// UserID names the member concerned (owner_left, backup_left).
	UserID int64 `json:"user_id,omitempty"`
	// Since is when a review became due (review_overdue).
	Since time.Time `json:"since,omitzero"`
	// Alert: the problem raises an alert (the others show on the page).
	Alert bool `json:"alert"`
}

// Problems lists what puts account a at risk at now. members are the
// workspace's current members by user id; reviewDays is the review
// interval (90 when 0).
func Problems(a store.BrandAccount, members map[int64]bool, reviewDays int, now time.Time) []Problem {
	if reviewDays <= 0 {
		reviewDays = 90
	}
	var out []Problem
	live := 0
	for _, id := range a.Owners {
		if members[id] {
			live++
		} else {
			out = append(out, Problem{Kind: OwnerLeft, UserID: id, Alert: true})
		}
	}
	if len(a.Owners) == 0 {
		out = append(out, Problem{Kind: NoOwner, Alert: true})
	}
	backups := 0
	for _, id := range a.BackupOwners {
		if members[id] {
			backups++
		} else {
			out = append(out, Problem{Kind: BackupLeft, UserID: id})
		}
	}
	if backups == 0 {
		out = append(out, Problem{Kind: NoBackup, Alert: true})
	}
	switch a.TwoFactor {
	case "":
		out = append(out, Problem{Kind: NoTwoFactor, Alert: true})
	case "sms":
		out = append(out, Problem{Kind: WeakTwoFactor})
	}
	if a.LastReviewAt.IsZero() {
		// A new record is its first review's reason: it is due from the day
		// the account was registered.
		if due := a.UpdatedAt.AddDate(0, 0, reviewDays); !a.UpdatedAt.IsZero() && now.After(due) {
			out = append(out, Problem{Kind: ReviewDue, Since: due, Alert: true})
		} else {
			out = append(out, Problem{Kind: NeverReviewed})
		}
	} else if due := a.LastReviewAt.AddDate(0, 0, reviewDays); now.After(due) {
		out = append(out, Problem{Kind: ReviewDue, Since: due, Alert: true})
	}
	return out
}

// Alert kinds raised for accounts.
const (
	AlertOwnerLeft     store.AlertKind = "account_owner_left"
	AlertReviewOverdue store.AlertKind = "account_review_overdue"
	AlertNoBackup      store.AlertKind = "account_no_backup"
	AlertNoTwoFactor   store.AlertKind = "account_no_2fa"
	AlertNoOwner       store.AlertKind = "account_no_owner"
)

// NewAlerts turns an account's alerting problems into alerts. Dedupe keys
// name the account and the condition (and the member, or the due date),
// so a condition raises one alert until it is resolved, and an owner who
// leaves later raises a new one.
func NewAlerts(a store.BrandAccount, ps []Problem, names map[int64]string, now time.Time) []store.NewAlert {
	acct := fmt.Sprintf("%s %s", a.Platform, a.Handle)
	var out []store.NewAlert
	for _, p := range ps {
		if !p.Alert {
			continue
		}
		na := store.NewAlert{Severity: store.AlertWarning, At: now, DedupeKey: fmt.Sprintf("registry:%d:%s", a.ID, p.Kind)}
		switch p.Kind {
		case OwnerLeft:
			who := names[p.UserID]
			if who == "" {
				who = fmt.Sprintf("user %d", p.UserID)
			}
			na.Kind, na.Severity = AlertOwnerLeft, store.AlertCritical
			na.Title = fmt.Sprintf("Account owner left the organization: %s", acct)
			na.Summary = fmt.Sprintf("%s owns %s but is no longer a member of the workspace. Hand the account over, change its password and recovery details, and revoke their sessions (breach runbook).", who, acct)
			na.DedupeKey += fmt.Sprintf(":%d", p.UserID)
		case NoOwner:
			na.Kind, na.Title = AlertNoOwner, fmt.Sprintf("Account has no owner: %s", acct)
			na.Summary = "Nobody in the workspace is recorded as owning this account."
		case NoBackup:
			na.Kind, na.Title = AlertNoBackup, fmt.Sprintf("Account has no backup owner: %s", acct)
			na.Summary = "If its owner is away or leaves, nobody can act on this account. Name a backup owner."
		case NoTwoFactor:
			na.Kind, na.Title = AlertNoTwoFactor, fmt.Sprintf("Account without two-factor authentication: %s", acct)
			na.Summary = "A password alone guards this account. Turn on an authenticator app or a security key."
		case ReviewDue:
			na.Kind, na.Severity = AlertReviewOverdue, store.AlertInfo
			na.Title = fmt.Sprintf("Access review overdue: %s", acct)
			na.Summary = fmt.Sprintf("The access review was due on %s: check who has access, the recovery contacts and the second factor.", p.Since.UTC().Format("2006-01-02"))
			na.DedupeKey += ":" + p.Since.UTC().Format("2006-01-02")
		default:
			continue
		}
		out = append(out, na)
	}
	return out
}

// Store is what the registry needs from storage.
type Store interface {
	BrandAccounts(ctx context.Context, workspace string) ([]store.BrandAccount, error)
	BrandAccount(ctx context.Context, workspace string, id int64) (store.BrandAccount, error)
	PutBrandAccount(ctx context.Context, a store.BrandAccount, actor string) (store.BrandAccount, error)
	DeleteBrandAccount(ctx context.Context, workspace string, id int64, actor string) error
	ReviewBrandAccount(ctx context.Context, workspace string, id int64, at time.Time, actor string) (store.BrandAccount, error)
	OutboundSettings(ctx context.Context, workspace string) (store.OutboundSettings, error)
	Members(ctx context.Context, workspace string) ([]store.Member, error)
	User(ctx context.Context, id int64) (store.User, error)
	Membership(ctx context.Context, workspace string, userID int64) (store.Membership, error)
	Workspaces(ctx context.Context) ([]store.Workspace, error)
}

// Service applies the registry's rules over a store.
type Service struct {
	st  Store
	Now func() time.Time
}

// New returns a service.
func New(st Store) *Service {
	return &Service{st: st, Now: func() time.Time { return time.Now().UTC() }}
}

func actor(userID int64) string { return fmt.Sprintf("user:%d", userID) }

func (s *Service) require(ctx context.Context, workspace string, userID int64, p auth.Permission) error {
	_, err := auth.Require(ctx, s.st, workspace, userID, p)
	return err
}

var platformRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,39}$`)

// phoneLike catches a private phone number typed as a recovery contact:
// the registry keeps roles and shared addresses.
var phoneLike = regexp.MustCompile(`\d[\d\s().-]{6,}\d`)

// Save creates (ID 0) or updates an account's record (manage_channels).
// Owners and backup owners must be members of the workspace.
func (s *Service) Save(ctx context.Context, workspace string, userID int64, a store.BrandAccount) (store.BrandAccount, error) {
	if err := s.require(ctx, workspace, userID, auth.PermManageChannels); err != nil {
		return a, err
	}
	a.Workspace = workspace
	a.Platform = strings.ToLower(strings.TrimSpace(a.Platform))
	a.Handle, a.URL, a.Purpose = strings.TrimSpace(a.Handle), strings.TrimSpace(a.URL), strings.TrimSpace(a.Purpose)
	var rc []string
	for _, c := range a.RecoveryContacts {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(rc, c) {
			rc = append(rc, c)
		}
	}
	a.RecoveryContacts = rc
	switch {
	case !platformRe.MatchString(a.Platform):
		return a, fmt.Errorf("%w: platform %q (lower-case letters, digits, . _ -)", ErrInvalid, a.Platform)
	case a.Handle == "" || utf8.RuneCountInString(a.Handle) > 200:
		return a, fmt.Errorf("%w: a handle of 1 to 200 characters", ErrInvalid)
	case a.URL != "" && !strings.HasPrefix(a.URL, "https://"):
		return a, fmt.Errorf("%w: the address must start with https://", ErrInvalid)
	case a.TwoFactor != "" && !slices.Contains(TwoFactorMethods, a.TwoFactor):
		return a, fmt.Errorf("%w: second factor %q (app, key, sms or none)", ErrInvalid, a.TwoFactor)
	case utf8.RuneCountInString(a.Purpose) > 300:
		return a, fmt.Errorf("%w: purpose longer than 300 characters", ErrInvalid)
	}
	for _, c := range a.RecoveryContacts {
		if phoneLike.MatchString(c) {
			return a, fmt.Errorf("%w: recovery contact %q looks like a phone number: record a role or a shared address, not a private number", ErrInvalid, c)
		}
	}
	members, _, err := s.members(ctx, workspace)
	if err != nil {
		return a, err
	}
	for _, id := range append(slices.Clone(a.Owners), a.BackupOwners...) {
		if !members[id] {
			return a, fmt.Errorf("%w: user %d is not a member of this workspace", ErrInvalid, id)
		}
	}
	a.UpdatedAt = s.Now()
	return s.st.PutBrandAccount(ctx, a, actor(userID))
}

// Delete removes an account's record (manage_channels).
func (s *Service) Delete(ctx context.Context, workspace string, userID int64, id int64) error {
	if err := s.require(ctx, workspace, userID, auth.PermManageChannels); err != nil {
		return err
	}
	return s.st.DeleteBrandAccount(ctx, workspace, id, actor(userID))
}

// Review records an access review done now (manage_channels).
func (s *Service) Review(ctx context.Context, workspace string, userID int64, id int64) (store.BrandAccount, error) {
	if err := s.require(ctx, workspace, userID, auth.PermManageChannels); err != nil {
		return store.BrandAccount{}, err
	}
	return s.st.ReviewBrandAccount(ctx, workspace, id, s.Now(), actor(userID))
}

func (s *Service) members(ctx context.Context, workspace string) (map[int64]bool, map[int64]string, error) {
	ms, err := s.st.Members(ctx, workspace)
	if err != nil {
		return nil, nil, fmt.Errorf("members of %s: %w", workspace, err)
	}
	live, names := map[int64]bool{}, map[int64]string{}
	for _, m := range ms {
		if m.User.DisabledAt.IsZero() {
			live[m.UserID] = true
		}
		names[m.UserID] = m.User.DisplayName
	}
	return live, names, nil
}

// Entry is an account with its problems.
type Entry struct {
	Account  store.BrandAccount
	Problems []Problem
}

// List returns the workspace's accounts with their problems (view).
func (s *Service) List(ctx context.Context, workspace string, userID int64) ([]Entry, map[int64]string, error) {
	if err := s.require(ctx, workspace, userID, auth.PermView); err != nil {
		return nil, nil, err
	}
	return s.entries(ctx, workspace)
}

func (s *Service) entries(ctx context.Context, workspace string) ([]Entry, map[int64]string, error) {
	accts, err := s.st.BrandAccounts(ctx, workspace)
	if err != nil {
		return nil, nil, err
	}
	set, err := s.st.OutboundSettings(ctx, workspace)
	if err != nil {
		return nil, nil, err
	}
	live, names, err := s.members(ctx, workspace)
	if err != nil {
		return nil, nil, err
	}
	now := s.Now()
	out := make([]Entry, 0, len(accts))
	for _, a := range accts {
		e := Entry{Account: a, Problems: Problems(a, live, set.ReviewDays, now)}
		for _, p := range e.Problems {
			if _, ok := names[p.UserID]; p.UserID != 0 && !ok {
				// Someone who left: their name says whose access to revoke.
				if u, err := s.st.User(ctx, p.UserID); err == nil {
					names[p.UserID] = u.DisplayName
				}
			}
		}
		out = append(out, e)
	}
	return out, names, nil
}

// Raiser raises alerts (the alert escalator).
type Raiser interface {
	Raise(ctx context.Context, workspace, actor string, na store.NewAlert) (store.Alert, error)
}

// ActorRegistry is the audit actor of the registry's alerts.
const ActorRegistry = "system:registry"

// Watch raises the alerts of every workspace's accounts once. An alert
// already open for the same condition only counts another occurrence.
func (s *Service) Watch(ctx context.Context, r Raiser, log *slog.Logger) (int, error) {
	wss, err := s.st.Workspaces(ctx)
	if err != nil {
		return 0, fmt.Errorf("registry watch: %w", err)
	}
	n := 0
	var errs []error
	for _, ws := range wss {
		if ws.Sandbox {
			continue // a drill's accounts are made up
		}
		es, names, err := s.entries(ctx, ws.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range es {
			for _, na := range NewAlerts(e.Account, e.Problems, names, s.Now()) {
				if _, err := r.Raise(ctx, ws.ID, ActorRegistry, na); err != nil {
					errs = append(errs, fmt.Errorf("raise %s: %w", na.DedupeKey, err))
					continue
				}
				n++
			}
		}
	}
	if len(errs) > 0 && log != nil {
		log.Warn("registry watch", "errors", len(errs), "first", errs[0])
	}
	return n, errors.Join(errs...)
}
