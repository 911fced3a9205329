package store

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Errors of the accounts part of the contract.
var (
	// ErrExpired: an invitation past its expiry.
	ErrExpired = errors.New("expired")
	// ErrLastAdmin: the change would leave a workspace without an active
	// admin, and so without anyone able to manage its members (the seeds
	// ask for access continuity when staff leave).
	ErrLastAdmin = errors.New("workspace would have no admin left")
)

// AdminRole is the one role name the store itself must know, to keep every
// workspace with at least one admin. The other roles, and what each may
// do, belong to package auth.
const AdminRole = "admin"

// NormalizeEmail is how every backend compares e-mail addresses: trimmed
// and lower-cased, so that one person cannot hold two accounts by case.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// User is a person with a desk account. It carries no secret, so it may be
// listed and logged freely; secrets are in Credentials.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"` // normalised
	DisplayName  string    `json:"display_name"`
	Lang         string    `json:"lang"` // interface language: en, fr, nl, sv, nb, de
	TOTPEnabled  bool      `json:"totp_enabled"`
	FailedLogins int       `json:"failed_logins"` // consecutive failures since the last success
	LockedUntil  time.Time `json:"locked_until,omitzero"`
	CreatedAt    time.Time `json:"created_at"`
	DisabledAt   time.Time `json:"disabled_at,omitzero"`
}

// Disabled reports whether the account was disabled.
func (u User) Disabled() bool { return !u.DisabledAt.IsZero() }

// Credentials are a user's secrets. Only Accounts.Credentials returns them;
// no listing does, and they never print.
type Credentials struct {
	PasswordHash string // argon2id, PHC string format
	// TOTPSecret is opaque here: package auth seals it before storing it.
	// Set while enrolment is pending as well as once enabled.
	TOTPSecret []byte
	// TOTPLastStep is the last accepted TOTP time step; codes of that step
	// or earlier are refused, so a code cannot be used twice.
	TOTPLastStep int64
}

// String keeps credentials out of logs and error messages.
func (Credentials) String() string { return "store.Credentials{redacted}" }

// GoString keeps credentials out of %#v as well.
func (Credentials) GoString() string { return "store.Credentials{redacted}" }

// NewUser is what creating an account needs.
type NewUser struct {
	Email        string
	DisplayName  string
	Lang         string
	PasswordHash string
}

// Membership gives a user a role in a workspace.
type Membership struct {
	Workspace string    `json:"workspace"`
	UserID    int64     `json:"user_id"`
	Role      string    `json:"role"`
	AddedBy   string    `json:"added_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Member is a membership with its user, for member lists.
type Member struct {
	Membership
	User User `json:"user"`
}

// Session is a desk login. The session id itself lives only in the
// browser's cookie; the store keeps its SHA-256.
type Session struct {
	IDHash     []byte    `json:"-"`
	UserID     int64     `json:"user_id"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"` // absolute; the idle limit is package auth's
	// SecondFactorAt is when the session passed TOTP; zero while it has not.
	SecondFactorAt time.Time `json:"second_factor_at,omitzero"`
	CSRFSecret     []byte    `json:"-"`
	IP             string    `json:"ip"`
	UserAgent      string    `json:"user_agent"`
}

// Invitation lets a person join a workspace with a role.
type Invitation struct {
	ID         int64     `json:"id"`
	Workspace  string    `json:"workspace"`
	Email      string    `json:"email"` // normalised
	Role       string    `json:"role"`
	TokenHash  []byte    `json:"-"` // SHA-256 of the token sent to the person
	InvitedBy  string    `json:"invited_by"`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	AcceptedAt time.Time `json:"accepted_at,omitzero"`
	AcceptedBy int64     `json:"accepted_by,omitempty"`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
}

// Revoked counts what a removal or a disable ended.
type Revoked struct {
	Sessions int `json:"sessions"`
	Tokens   int `json:"tokens"`
}

// Accounts is the persistence of desk accounts: users, memberships,
// sessions, second factors and invitations. Policy (lock-out durations,
// session lifetimes, who may do what) is package auth's; the store
// records, enforces what must be atomic (single use, replay, last admin),
// and audits every change in the same transaction. Times come from the
// caller so that tests can drive a fake clock.
type Accounts interface {
	// CreateUser creates an account and, when workspace is not empty, its
	// membership with role, at once. ErrConflict if the e-mail is taken.
	CreateUser(ctx context.Context, nu NewUser, workspace, role string, at time.Time, actor string) (User, error)
	User(ctx context.Context, id int64) (User, error)
	// UserByEmail finds an account by e-mail, compared normalised.
	UserByEmail(ctx context.Context, email string) (User, error)
	// Credentials returns a user's secrets; only package auth calls it.
	Credentials(ctx context.Context, userID int64) (Credentials, error)
	// UpdateProfile changes the display name and interface language.
	UpdateProfile(ctx context.Context, userID int64, displayName, lang string, at time.Time, actor string) error
	// DisableUser disables an account, deletes all its sessions and
	// revokes every API token it created. ErrLastAdmin if it is the last
	// active admin of a workspace.
	DisableUser(ctx context.Context, userID int64, at time.Time, actor string) (Revoked, error)

	// LoginFailed counts a failed password or second-factor attempt
	// (reason says which) and locks the account until at+lock(failures)
	// when that duration is positive; returns the user as it now is.
	LoginFailed(ctx context.Context, userID int64, at time.Time, ip, reason string, lock func(failures int) time.Duration) (User, error)
	// LoginSucceeded stores the new session after a good password,
	// replaces the password hash when rehash is not empty, and resets the
	// failure count when resetFailures (not while a TOTP code is still to
	// come: otherwise knowing the password would reset the count between
	// guesses of the code).
	LoginSucceeded(ctx context.Context, sess Session, rehash string, resetFailures bool) error

	Session(ctx context.Context, idHash []byte) (Session, error)
	// TouchSession records activity (not audited: bookkeeping, not a step).
	TouchSession(ctx context.Context, idHash []byte, at time.Time) error
	// DeleteSession ends one session (logout); ErrNotFound if none.
	DeleteSession(ctx context.Context, idHash []byte, at time.Time, actor string) error
	// PurgeSessions deletes sessions whose absolute expiry is at or before
	// at, or last seen at or before idleBefore; returns how many.
	PurgeSessions(ctx context.Context, at, idleBefore time.Time) (int, error)

	// SetTOTPSecret stores a pending TOTP secret (enrolment started).
	// ErrConflict if TOTP is already enabled.
	SetTOTPSecret(ctx context.Context, userID int64, sealed []byte, at time.Time, actor string) error
	// EnableTOTP turns TOTP on after the first good code of the given
	// step, replaces the recovery codes, and marks the session as having
	// passed the second factor. ErrConflict if already enabled. It, like
	// VerifySecondFactor and UseRecoveryCode, resets the failure count.
	EnableTOTP(ctx context.Context, userID int64, step int64, recoveryHashes [][]byte, sessionHash []byte, at time.Time, actor string) error
	// VerifySecondFactor marks the session as having passed TOTP with a
	// code of the given step. ErrConflict when the step is not after the
	// last accepted one (a replayed code).
	VerifySecondFactor(ctx context.Context, sessionHash []byte, userID, step int64, at time.Time, actor string) error
	// UseRecoveryCode spends one unused recovery code and marks the
	// session as having passed the second factor; returns how many unused
	// codes remain. ErrNotFound if no unused code has that hash.
	UseRecoveryCode(ctx context.Context, sessionHash []byte, userID int64, codeHash []byte, at time.Time, actor string) (remaining int, err error)

	// AddMember adds a user to a workspace; ErrConflict if already a member.
	AddMember(ctx context.Context, m Membership, at time.Time, actor string) error
	Membership(ctx context.Context, workspace string, userID int64) (Membership, error)
	// Memberships lists a user's memberships, by workspace.
	Memberships(ctx context.Context, userID int64) ([]Membership, error)
	// Members lists a workspace's members with their users, by e-mail.
	Members(ctx context.Context, workspace string) ([]Member, error)
	// SetRole changes a member's role; ErrLastAdmin when it would demote
	// the last active admin.
	SetRole(ctx context.Context, workspace string, userID int64, role string, at time.Time, actor string) error
	// RemoveMember removes a member and, in the same transaction, deletes
	// all the user's sessions and revokes the API tokens the user created
	// in that workspace. ErrLastAdmin for the last active admin.
	RemoveMember(ctx context.Context, workspace string, userID int64, at time.Time, actor string) (Revoked, error)
	// RevokeTokensOf revokes every live API token the user created, in
	// every workspace; returns how many.
	RevokeTokensOf(ctx context.Context, userID int64, at time.Time, actor string) (int, error)

	// CreateInvitation stores an invitation, revoking any other pending
	// one for the same workspace and e-mail. ErrConflict if that e-mail
	// is already a member.
	CreateInvitation(ctx context.Context, inv Invitation, actor string) (int64, error)
	// Invitation finds an invitation by its token's hash, whatever its state.
	Invitation(ctx context.Context, tokenHash []byte) (Invitation, error)
	// Invitations lists a workspace's pending (not accepted, revoked or
	// expired at at) invitations, newest first.
	Invitations(ctx context.Context, workspace string, at time.Time) ([]Invitation, error)
	RevokeInvitation(ctx context.Context, workspace string, id int64, at time.Time, actor string) error
	// AcceptInvitation spends an invitation: exactly one call succeeds per
	// invitation. With userID 0 it creates the account from nu (whose
	// e-mail must be the invitation's); otherwise it adds the existing
	// user, who must have the invitation's e-mail. ErrNotFound for an
	// unknown or revoked invitation, ErrConflict if already accepted,
	// ErrExpired once past its expiry.
	AcceptInvitation(ctx context.Context, tokenHash []byte, at time.Time, userID int64, nu *NewUser) (User, error)
}
