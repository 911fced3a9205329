package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Errors the desk tells apart. Their messages are safe to show: none says
// whether an e-mail address has an account (a locked-out unknown address
// gets ErrLocked too, and both failures should be shown with one text).
var (
	ErrBadCredentials = errors.New("wrong e-mail address or password")
	ErrLocked         = errors.New("too many failed attempts: sign-in is paused for a while")
	ErrRateLimited    = errors.New("too many sign-in attempts from this address: wait a minute")
	ErrNoAccess       = errors.New("this account belongs to no workspace")
	// ErrSecondFactorRequired: the session has yet to pass TOTP; only the
	// TOTP step may be reached.
	ErrSecondFactorRequired = errors.New("second factor required")
	// ErrEnrolmentRequired: a role demands TOTP and none is set up; only
	// enrolment may be reached. It is also an ErrSecondFactorRequired.
	ErrEnrolmentRequired = fmt.Errorf("%w: set up an authenticator app first", ErrSecondFactorRequired)
	ErrNoSession         = errors.New("not signed in")
	ErrExpired           = errors.New("expired")
	ErrForbidden         = errors.New("not allowed for your role")
	ErrInvalidInvite     = errors.New("invitation not found or withdrawn")
	ErrInviteUsed        = errors.New("invitation already used")
	ErrAlreadyMember     = errors.New("already a member of this workspace")
	ErrTOTPEnabled       = errors.New("two-factor authentication is already set up")
	ErrNoEnrolment       = errors.New("start setting up two-factor authentication first")
	ErrInvalid           = errors.New("invalid input")
	// ErrLastAdmin: the change would leave a workspace without an admin.
	ErrLastAdmin = store.ErrLastAdmin
)

// Languages are the desk's interface languages.
var Languages = []string{"en", "fr", "nl", "sv", "nb", "de"}

// Config tunes a Service; zero values take the defaults.
type Config struct {
	// Now is the clock (time.Now); tests inject a fake one.
	Now func() time.Time
	// Password are the argon2id parameters for new hashes (DefaultParams).
	// Tests lower them; production should not.
	Password Params
	// HashConcurrency bounds simultaneous password hashes (4).
	HashConcurrency int
	// InsecureCookies drops the Secure attribute (and so the __Host-
	// prefix): only for plain-http development on loopback.
	InsecureCookies bool
	IdleTimeout     time.Duration // DefaultIdleTimeout
	AbsoluteTimeout time.Duration // DefaultAbsoluteTimeout
	InviteTTL       time.Duration // 7 days
	Lockout         LockoutPolicy // DefaultLockout
	// LoginPerMinute and LoginBurst rate-limit sign-in attempts per client
	// address (10 a minute after a burst of 20: an office behind one
	// address signing in at nine still passes).
	LoginPerMinute float64
	LoginBurst     int
	// SecretKey, 32 bytes, seals TOTP secrets with AES-256-GCM. Without
	// it they are stored unsealed (still never listed); set it in
	// production, and keep it out of the database's backups.
	SecretKey []byte
	// Issuer names the service in authenticator apps ("Stormwatch").
	Issuer string
}

func (c Config) withDefaults() Config {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Password == (Params{}) {
		c.Password = DefaultParams
	}
	if c.HashConcurrency <= 0 {
		c.HashConcurrency = 4
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.AbsoluteTimeout <= 0 {
		c.AbsoluteTimeout = DefaultAbsoluteTimeout
	}
	if c.InviteTTL <= 0 {
		c.InviteTTL = 7 * 24 * time.Hour
	}
	if c.Lockout == (LockoutPolicy{}) {
		c.Lockout = DefaultLockout
	}
	if c.LoginPerMinute <= 0 {
		c.LoginPerMinute = 10
	}
	if c.LoginBurst <= 0 {
		c.LoginBurst = 20
	}
	if c.Issuer == "" {
		c.Issuer = "Stormwatch"
	}
	return c
}

// Service is accounts, sessions, second factors, invitations and roles for
// the desk. Every human step is audited by the store in the same
// transaction as the change, with actor "user:<id>".
type Service struct {
	st       store.Accounts
	cfg      Config
	hasher   *hasher
	dummy    string // a hash to verify against when there is no account, so that both take as long
	ipLimit  *Limiter
	phantoms *phantoms
}

// NewService builds a Service over the store.
func NewService(st store.Accounts, cfg Config) (*Service, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Password.validate(); err != nil {
		return nil, fmt.Errorf("auth: password parameters: %w", err)
	}
	if n := len(cfg.SecretKey); n != 0 && n != 32 {
		return nil, fmt.Errorf("auth: secret key must be 32 bytes, got %d", n)
	}
	dummy, err := HashPassword("stormwatch timing equaliser", cfg.Password)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	return &Service{
		st: st, cfg: cfg, dummy: dummy,
		hasher:   newHasher(cfg.Password, cfg.HashConcurrency),
		ipLimit:  NewLimiter(cfg.LoginPerMinute, cfg.LoginBurst, cfg.Now),
		phantoms: newPhantoms(),
	}, nil
}

// UserActor is the audit actor of a person.
func UserActor(userID int64) string { return fmt.Sprintf("user:%d", userID) }

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// CheckLang tells whether lang is an interface language.
func CheckLang(lang string) error {
	if !slices.Contains(Languages, lang) {
		return fmt.Errorf("%w: interface language %q: want one of %v", ErrInvalid, lang, Languages)
	}
	return nil
}

// checkEmail accepts a bare address ("anna@example.org"), returning it
// normalised.
func checkEmail(email string) (string, error) {
	e := store.NormalizeEmail(email)
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || len(e) > 254 {
		return "", fmt.Errorf("%w: %q is not an e-mail address", ErrInvalid, email)
	}
	return e, nil
}

// checkName accepts a display name: 1 to 100 printable characters.
func checkName(name string) (string, error) {
	name = strings.TrimSpace(name)
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 100 || !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return "", fmt.Errorf("%w: a name of 1 to 100 printable characters", ErrInvalid)
	}
	return name, nil
}

// NewAccount is what AddUser needs.
type NewAccount struct {
	Email, DisplayName, Lang, Password string
	Role                               Role
}

// AddUser creates an account that is a member of workspace with a role,
// without an invitation: for the command line (the first admin of a
// workspace) and tests. actor is who does it ("system" from the CLI).
func (s *Service) AddUser(ctx context.Context, actor, workspace string, a NewAccount) (store.User, error) {
	email, err := checkEmail(a.Email)
	if err != nil {
		return store.User{}, err
	}
	name, err := checkName(a.DisplayName)
	if err != nil {
		return store.User{}, err
	}
	if err := CheckLang(a.Lang); err != nil {
		return store.User{}, err
	}
	if _, err := ParseRole(string(a.Role)); err != nil {
		return store.User{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := CheckPassword(a.Password); err != nil {
		return store.User{}, err
	}
	hash, err := s.hasher.hash(ctx, a.Password)
	if err != nil {
		return store.User{}, err
	}
	u, err := s.st.CreateUser(ctx, store.NewUser{Email: email, DisplayName: name, Lang: a.Lang, PasswordHash: hash}, workspace, string(a.Role), s.now(), actor)
	if err != nil {
		return u, fmt.Errorf("add user: %w", err)
	}
	return u, nil
}

// Login checks an e-mail address and password and starts a session. The
// session may still need a second factor: see Session.Next, and set the
// cookie either way. Unknown, disabled and wrong all answer
// ErrBadCredentials after the same argon2 work; ip is the client address
// (for the rate limit and the audit).
func (s *Service) Login(ctx context.Context, email, password, ip string) (*Session, error) {
	now := s.now()
	if !s.ipLimit.Allow(IPKey(ip)) {
		return nil, ErrRateLimited
	}
	if len(password) > MaxPasswordLen {
		return nil, ErrBadCredentials // never hash megabytes; no account has such a password
	}
	email = store.NormalizeEmail(email)
	u, err := s.st.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, s.noAccount(ctx, email, password, now)
	case err != nil:
		return nil, fmt.Errorf("login: %w", err)
	case u.Disabled():
		return nil, s.noAccount(ctx, email, password, now)
	case now.Before(u.LockedUntil):
		s.hasher.verify(ctx, password, s.dummy)
		return nil, ErrLocked
	}
	cred, err := s.st.Credentials(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	ok, err := s.hasher.verify(ctx, password, cred.PasswordHash)
	if err != nil {
		return nil, fmt.Errorf("login of user %d: %w", u.ID, err)
	}
	if !ok {
		return nil, s.failed(ctx, u.ID, now, ip, "password", ErrBadCredentials)
	}
	ms, err := s.st.Memberships(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	if len(ms) == 0 {
		return nil, ErrNoAccess
	}
	var rehash string
	if NeedsRehash(cred.PasswordHash, s.cfg.Password) {
		if rehash, err = s.hasher.hash(ctx, password); err != nil {
			return nil, fmt.Errorf("login: rehash: %w", err)
		}
	}
	return s.startSession(ctx, u, ms, ip, rehash)
}

// noAccount answers for an address without a usable account exactly as
// for an account: same hashing, same lock-out.
func (s *Service) noAccount(ctx context.Context, email, password string, now time.Time) error {
	if s.phantoms.locked(email, now) {
		s.hasher.verify(ctx, password, s.dummy)
		return ErrLocked
	}
	s.hasher.verify(ctx, password, s.dummy)
	if s.phantoms.fail(email, now, s.cfg.Lockout) {
		return ErrLocked
	}
	return ErrBadCredentials
}

// failed records a failed password or code and returns ErrLocked when it
// locked the account, otherwise bad.
func (s *Service) failed(ctx context.Context, userID int64, now time.Time, ip, reason string, bad error) error {
	u, err := s.st.LoginFailed(ctx, userID, now, ip, reason, s.cfg.Lockout.Duration)
	if err != nil {
		return fmt.Errorf("record failed attempt: %w", err)
	}
	if now.Before(u.LockedUntil) {
		return ErrLocked
	}
	return bad
}

// startSession stores a new session for a user whose password was checked.
func (s *Service) startSession(ctx context.Context, u store.User, ms []store.Membership, ip, rehash string) (*Session, error) {
	now := s.now()
	sess := &Session{ID: newSessionID(), UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.AbsoluteTimeout), csrfSecret: newCSRFSecret(), ip: ip}
	sess.idHash = hashSessionID(sess.ID)
	sess.Next = nextStep(u, ms, false)
	// While a TOTP code is still to come the failure count stays: the
	// password alone must not reset it between guesses of the code.
	reset := sess.Next != StepVerifyTOTP
	err := s.st.LoginSucceeded(ctx, store.Session{IDHash: sess.idHash, UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: sess.ExpiresAt, CSRFSecret: sess.csrfSecret, IP: ip}, rehash, reset)
	if err != nil {
		return nil, fmt.Errorf("start session: %w", err)
	}
	return sess, nil
}

// nextStep is what a session must still pass: TOTP when the user has it,
// enrolment when a role demands it and the user has none.
func nextStep(u store.User, ms []store.Membership, verified bool) Step {
	switch {
	case verified:
		return StepNone
	case u.TOTPEnabled:
		return StepVerifyTOTP
	}
	for _, m := range ms {
		if Role(m.Role).RequiresTOTP() {
			return StepEnrolTOTP
		}
	}
	return StepNone
}

// session loads a live session by its id, with its user, and computes its
// next step. It does not refuse a session with a step left.
func (s *Service) session(ctx context.Context, id string) (*Session, store.User, error) {
	if !wellFormedSessionID(id) {
		return nil, store.User{}, ErrNoSession
	}
	h := hashSessionID(id)
	ss, err := s.st.Session(ctx, h)
	if errors.Is(err, store.ErrNotFound) {
		return nil, store.User{}, ErrNoSession
	}
	if err != nil {
		return nil, store.User{}, fmt.Errorf("session: %w", err)
	}
	now := s.now()
	if !now.Before(ss.ExpiresAt) || now.Sub(ss.LastSeenAt) >= s.cfg.IdleTimeout {
		return nil, store.User{}, fmt.Errorf("session: %w", ErrExpired) // PurgeExpired removes it
	}
	u, err := s.st.User(ctx, ss.UserID)
	if err != nil {
		return nil, u, fmt.Errorf("session: %w", err)
	}
	if u.Disabled() {
		return nil, u, ErrNoSession
	}
	ms, err := s.st.Memberships(ctx, u.ID)
	if err != nil {
		return nil, u, fmt.Errorf("session: %w", err)
	}
	if now.Sub(ss.LastSeenAt) >= touchEvery {
		if err := s.st.TouchSession(ctx, h, now); err != nil {
			return nil, u, fmt.Errorf("session: %w", err)
		}
		ss.LastSeenAt = now
	}
	sess := &Session{ID: id, UserID: u.ID, CreatedAt: ss.CreatedAt, LastSeenAt: ss.LastSeenAt, ExpiresAt: ss.ExpiresAt,
		SecondFactor: !ss.SecondFactorAt.IsZero(), csrfSecret: ss.CSRFSecret, idHash: h, ip: ss.IP}
	sess.Next = nextStep(u, ms, sess.SecondFactor)
	return sess, u, nil
}

// Authenticate reads the session cookie. With a session that still has a
// step to pass it returns the session and user together with
// ErrSecondFactorRequired (or ErrEnrolmentRequired, which is one too):
// the TOTP handlers accept that; every other handler must refuse on any
// error. Other errors: ErrNoSession, ErrExpired.
func (s *Service) Authenticate(r *http.Request) (*Session, *store.User, error) {
	c, err := r.Cookie(s.CookieName())
	if err != nil {
		return nil, nil, ErrNoSession
	}
	sess, u, err := s.session(r.Context(), c.Value)
	if err != nil {
		return nil, nil, err
	}
	switch sess.Next {
	case StepVerifyTOTP:
		return sess, &u, ErrSecondFactorRequired
	case StepEnrolTOTP:
		return sess, &u, ErrEnrolmentRequired
	}
	return sess, &u, nil
}

// Authorize returns the user's role in the workspace if it grants perm,
// ErrForbidden otherwise (not a member included).
func (s *Service) Authorize(ctx context.Context, userID int64, workspace string, perm Permission) (Role, error) {
	return Require(ctx, s.st, workspace, userID, perm)
}

// Memberships reads a person's role in a workspace (the store).
type Memberships interface {
	Membership(ctx context.Context, workspace string, userID int64) (store.Membership, error)
}

// Require reads userID's role in workspace afresh, so that a removal or a
// demotion takes effect at once, and checks one permission. A refusal
// wraps ErrForbidden and says what was missing.
func Require(ctx context.Context, ms Memberships, workspace string, userID int64, perm Permission) (Role, error) {
	m, err := ms.Membership(ctx, workspace, userID)
	if errors.Is(err, store.ErrNotFound) {
		return "", fmt.Errorf("%w: not a member of workspace %q (needs %s)", ErrForbidden, workspace, perm)
	}
	if err != nil {
		return "", fmt.Errorf("role of user %d in %q: %w", userID, workspace, err)
	}
	r := Role(m.Role)
	if !Can(r, perm) {
		return r, fmt.Errorf("%w: role %s lacks permission %s", ErrForbidden, r, perm)
	}
	return r, nil
}

// VerifyTOTP passes a session's second factor with a TOTP code or, when
// the phone is lost, one of the recovery codes. Wrong codes count towards
// the account's lock-out.
func (s *Service) VerifyTOTP(ctx context.Context, sessionID, code string) error {
	sess, u, err := s.session(ctx, sessionID)
	if err != nil {
		return err
	}
	if sess.SecondFactor {
		return nil
	}
	if !u.TOTPEnabled {
		return ErrEnrolmentRequired
	}
	now := s.now()
	if now.Before(u.LockedUntil) {
		return ErrLocked
	}
	actor := UserActor(u.ID)
	if c, perr := ParseTOTPCode(code); perr == nil {
		cred, err := s.st.Credentials(ctx, u.ID)
		if err != nil {
			return fmt.Errorf("verify TOTP: %w", err)
		}
		secret, err := openSecret(s.cfg.SecretKey, u.ID, cred.TOTPSecret)
		if err != nil {
			return fmt.Errorf("verify TOTP of user %d: %w", u.ID, err)
		}
		if step, ok := ValidateTOTP(secret, c, now, cred.TOTPLastStep); ok {
			err := s.st.VerifySecondFactor(ctx, sess.idHash, u.ID, step, now, actor)
			if !errors.Is(err, store.ErrConflict) { // conflict: the same code won a race just now
				return err
			}
		}
	} else if rc, ok := parseRecoveryCode(code); ok {
		_, err := s.st.UseRecoveryCode(ctx, sess.idHash, u.ID, hashRecoveryCode(rc), now, actor)
		if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	return s.failed(ctx, u.ID, now, sess.ip, "second_factor", ErrBadCode)
}

// Enrolment is a new TOTP secret, shown once: URL for a QR code, Secret
// for typing into an app.
type Enrolment struct {
	URL    string
	Secret string
}

// EnrolTOTP starts (or restarts) setting up TOTP for the session's user
// and returns the secret once; ConfirmTOTP finishes with a code from the
// app. Refused once TOTP is enabled: replacing it would bypass it.
func (s *Service) EnrolTOTP(ctx context.Context, sessionID string) (*Enrolment, error) {
	_, u, err := s.session(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if u.TOTPEnabled {
		return nil, ErrTOTPEnabled
	}
	secret := NewTOTPSecret()
	sealed, err := sealSecret(s.cfg.SecretKey, u.ID, secret)
	if err != nil {
		return nil, err
	}
	err = s.st.SetTOTPSecret(ctx, u.ID, sealed, s.now(), UserActor(u.ID))
	if errors.Is(err, store.ErrConflict) {
		return nil, ErrTOTPEnabled
	}
	if err != nil {
		return nil, fmt.Errorf("enrol TOTP: %w", err)
	}
	return &Enrolment{URL: TOTPURL(s.cfg.Issuer, u.Email, secret), Secret: TOTPSecretString(secret)}, nil
}

// ConfirmTOTP checks a first code against the pending secret, turns TOTP
// on, passes the session's second factor, and returns the recovery codes,
// shown this once.
func (s *Service) ConfirmTOTP(ctx context.Context, sessionID, code string) ([]string, error) {
	sess, u, err := s.session(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if u.TOTPEnabled {
		return nil, ErrTOTPEnabled
	}
	cred, err := s.st.Credentials(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("confirm TOTP: %w", err)
	}
	if len(cred.TOTPSecret) == 0 {
		return nil, ErrNoEnrolment
	}
	c, err := ParseTOTPCode(code)
	if err != nil {
		return nil, err
	}
	secret, err := openSecret(s.cfg.SecretKey, u.ID, cred.TOTPSecret)
	if err != nil {
		return nil, fmt.Errorf("confirm TOTP of user %d: %w", u.ID, err)
	}
	now := s.now()
	step, ok := ValidateTOTP(secret, c, now, 0)
	if !ok {
		return nil, ErrBadCode
	}
	codes, hashes := newRecoveryCodes()
	err = s.st.EnableTOTP(ctx, u.ID, step, hashes, sess.idHash, now, UserActor(u.ID))
	if errors.Is(err, store.ErrConflict) {
		return nil, ErrTOTPEnabled
	}
	if err != nil {
		return nil, fmt.Errorf("confirm TOTP: %w", err)
	}
	return codes, nil
}

// Logout ends a session; an unknown or already ended one is not an error.
func (s *Service) Logout(ctx context.Context, sessionID string) error {
	if !wellFormedSessionID(sessionID) {
		return nil
	}
	h := hashSessionID(sessionID)
	ss, err := s.st.Session(ctx, h)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	err = s.st.DeleteSession(ctx, h, s.now(), UserActor(ss.UserID))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}

// PurgeExpired deletes expired sessions; run it now and then.
func (s *Service) PurgeExpired(ctx context.Context) (int, error) {
	now := s.now()
	return s.st.PurgeSessions(ctx, now, now.Add(-s.cfg.IdleTimeout))
}

// Invite is a new invitation. Token goes to the person (in a link), once:
// only its hash is stored.
type Invite struct {
	ID        int64
	Token     string
	Workspace string
	Email     string
	Role      Role
	ExpiresAt time.Time
}

// Invite lets by (who must manage members) invite an e-mail address into
// the workspace with a role. A new invitation to the same address
// replaces a pending one.
func (s *Service) Invite(ctx context.Context, by int64, workspace, email string, role Role) (*Invite, error) {
	if _, err := s.Authorize(ctx, by, workspace, PermManageMember); err != nil {
		return nil, err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	e, err := checkEmail(email)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 32)
	rand.Read(b) // never fails
	token := base64.RawURLEncoding.EncodeToString(b)
	now := s.now()
	inv := &Invite{Token: token, Workspace: workspace, Email: e, Role: role, ExpiresAt: now.Add(s.cfg.InviteTTL)}
	inv.ID, err = s.st.CreateInvitation(ctx, store.Invitation{Workspace: workspace, Email: e, Role: string(role), TokenHash: hashInviteToken(token), CreatedAt: now, ExpiresAt: inv.ExpiresAt}, UserActor(by))
	if errors.Is(err, store.ErrConflict) {
		return nil, ErrAlreadyMember
	}
	if err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	return inv, nil
}

func hashInviteToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// InviteInfo is what the acceptance page shows before the person acts.
type InviteInfo struct {
	Workspace  string
	Email      string
	Role       Role
	ExpiresAt  time.Time
	HasAccount bool // sign in with the existing password instead of choosing one
}

// Invitation describes a usable invitation: ErrInvalidInvite,
// ErrInviteUsed or ErrExpired otherwise.
func (s *Service) Invitation(ctx context.Context, token string) (*InviteInfo, error) {
	inv, err := s.usableInvitation(ctx, token)
	if err != nil {
		return nil, err
	}
	info := &InviteInfo{Workspace: inv.Workspace, Email: inv.Email, Role: Role(inv.Role), ExpiresAt: inv.ExpiresAt}
	_, err = s.st.UserByEmail(ctx, inv.Email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("invitation: %w", err)
	}
	info.HasAccount = err == nil
	return info, nil
}

func (s *Service) usableInvitation(ctx context.Context, token string) (store.Invitation, error) {
	if len(token) == 0 || len(token) > 100 {
		return store.Invitation{}, ErrInvalidInvite
	}
	inv, err := s.st.Invitation(ctx, hashInviteToken(token))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return inv, ErrInvalidInvite
	case err != nil:
		return inv, fmt.Errorf("invitation: %w", err)
	case !inv.RevokedAt.IsZero():
		return inv, ErrInvalidInvite
	case !inv.AcceptedAt.IsZero():
		return inv, ErrInviteUsed
	case !s.now().Before(inv.ExpiresAt):
		return inv, fmt.Errorf("invitation: %w", ErrExpired)
	}
	return inv, nil
}

// AcceptInvite spends an invitation and signs the person in. Someone new
// chooses a name, interface language and password; someone who already
// has an account (in another workspace) gives their existing password,
// and name and language are left as they are. The returned session may
// still need TOTP enrolment (Session.Next) when the role requires it.
func (s *Service) AcceptInvite(ctx context.Context, token, displayName, lang, password, ip string) (*Session, error) {
	inv, err := s.usableInvitation(ctx, token)
	if err != nil {
		return nil, err
	}
	now := s.now()
	existing, err := s.st.UserByEmail(ctx, inv.Email)
	var u store.User
	switch {
	case err == nil:
		if existing.Disabled() {
			return nil, ErrInvalidInvite
		}
		if now.Before(existing.LockedUntil) {
			return nil, ErrLocked
		}
		cred, err := s.st.Credentials(ctx, existing.ID)
		if err != nil {
			return nil, fmt.Errorf("accept invitation: %w", err)
		}
		ok, err := s.hasher.verify(ctx, password, cred.PasswordHash)
		if err != nil {
			return nil, fmt.Errorf("accept invitation: %w", err)
		}
		if !ok {
			return nil, s.failed(ctx, existing.ID, now, ip, "password", ErrBadCredentials)
		}
		u, err = s.st.AcceptInvitation(ctx, hashInviteToken(token), now, existing.ID, nil)
		if err != nil {
			return nil, inviteError(err)
		}
	case errors.Is(err, store.ErrNotFound):
		name, err := checkName(displayName)
		if err != nil {
			return nil, err
		}
		if err := CheckLang(lang); err != nil {
			return nil, err
		}
		if err := CheckPassword(password); err != nil {
			return nil, err
		}
		hash, err := s.hasher.hash(ctx, password)
		if err != nil {
			return nil, err
		}
		u, err = s.st.AcceptInvitation(ctx, hashInviteToken(token), now, 0, &store.NewUser{Email: inv.Email, DisplayName: name, Lang: lang, PasswordHash: hash})
		if err != nil {
			return nil, inviteError(err)
		}
	default:
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	ms, err := s.st.Memberships(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	return s.startSession(ctx, u, ms, ip, "")
}

// inviteError maps the store's answer to a lost race onto the desk's errors.
func inviteError(err error) error {
	switch {
	case errors.Is(err, store.ErrConflict):
		return fmt.Errorf("%w (%v)", ErrInviteUsed, err)
	case errors.Is(err, store.ErrExpired):
		return fmt.Errorf("invitation: %w", ErrExpired)
	case errors.Is(err, store.ErrNotFound):
		return ErrInvalidInvite
	}
	return err
}

// RevokeInvite withdraws a pending invitation.
func (s *Service) RevokeInvite(ctx context.Context, by int64, workspace string, id int64) error {
	if _, err := s.Authorize(ctx, by, workspace, PermManageMember); err != nil {
		return err
	}
	if err := s.st.RevokeInvitation(ctx, workspace, id, s.now(), UserActor(by)); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return ErrInvalidInvite
		}
		return fmt.Errorf("revoke invitation: %w", err)
	}
	return nil
}

// SetRole lets by (who must manage members) change a member's role. A
// raise to a role that requires TOTP takes effect at the member's next
// request: until they pass TOTP they reach nothing else.
func (s *Service) SetRole(ctx context.Context, by int64, workspace string, userID int64, role Role) error {
	if _, err := s.Authorize(ctx, by, workspace, PermManageMember); err != nil {
		return err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := s.st.SetRole(ctx, workspace, userID, string(role), s.now(), UserActor(by)); err != nil {
		return fmt.Errorf("set role: %w", err)
	}
	return nil
}

// RemoveMember lets by (who must manage members) remove a member; all the
// member's sessions end and the API tokens they created in the workspace
// are revoked, in the same transaction.
func (s *Service) RemoveMember(ctx context.Context, by int64, workspace string, userID int64) (store.Revoked, error) {
	if _, err := s.Authorize(ctx, by, workspace, PermManageMember); err != nil {
		return store.Revoked{}, err
	}
	rv, err := s.st.RemoveMember(ctx, workspace, userID, s.now(), UserActor(by))
	if err != nil {
		return rv, fmt.Errorf("remove member: %w", err)
	}
	return rv, nil
}

// DisableUser lets by disable an account, ending its sessions and revoking
// its API tokens everywhere. Accounts are shared across workspaces, so by
// must manage members in every workspace the account belongs to.
func (s *Service) DisableUser(ctx context.Context, by, userID int64) (store.Revoked, error) {
	ms, err := s.st.Memberships(ctx, userID)
	if err != nil {
		return store.Revoked{}, fmt.Errorf("disable user: %w", err)
	}
	if len(ms) == 0 {
		return store.Revoked{}, fmt.Errorf("%w: user %d belongs to no workspace you manage", ErrForbidden, userID)
	}
	for _, m := range ms {
		if _, err := s.Authorize(ctx, by, m.Workspace, PermManageMember); err != nil {
			return store.Revoked{}, err
		}
	}
	rv, err := s.st.DisableUser(ctx, userID, s.now(), UserActor(by))
	if err != nil {
		return rv, fmt.Errorf("disable user: %w", err)
	}
	return rv, nil
}

// UpdateProfile changes a user's own display name and interface language.
func (s *Service) UpdateProfile(ctx context.Context, userID int64, displayName, lang string) error {
	name, err := checkName(displayName)
	if err != nil {
		return err
	}
	if err := CheckLang(lang); err != nil {
		return err
	}
	if err := s.st.UpdateProfile(ctx, userID, name, lang, s.now(), UserActor(userID)); err != nil {
		return fmt.Errorf("update profile: %w", err)
	}
	return nil
}
