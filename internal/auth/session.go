package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"time"
)

// Session lifetimes: a session ends after IdleTimeout without a request or
// AbsoluteTimeout after login, whichever comes first.
const (
	DefaultIdleTimeout     = 12 * time.Hour
	DefaultAbsoluteTimeout = 7 * 24 * time.Hour
	// touchEvery spares a write per request: last-seen moves at most once
	// a minute, which is precision enough for a 12-hour idle limit.
	touchEvery = time.Minute
)

// Cookie names. The __Host- prefix makes browsers refuse the cookie unless
// it is Secure, has Path=/ and no Domain, so a sibling subdomain cannot
// plant or overwrite it; without Secure (plain-http development on
// loopback) the prefix is not allowed, hence a second name.
const (
	CookieName         = "__Host-stormwatch_session"
	InsecureCookieName = "stormwatch_session"
)

// Step is what a session still has to pass before the desk opens.
type Step string

const (
	StepNone       Step = ""
	StepVerifyTOTP Step = "verify_totp" // TOTP enabled: enter a code (or a recovery code)
	StepEnrolTOTP  Step = "enrol_totp"  // a role demands TOTP and none is set up yet
)

// Session is a desk login as the desk sees it.
type Session struct {
	// ID is the secret session id, the cookie's value. The store only has
	// its SHA-256.
	ID           string    `json:"-"`
	UserID       int64     `json:"user_id"`
	CreatedAt    time.Time `json:"created_at"`
	LastSeenAt   time.Time `json:"last_seen_at"`
	ExpiresAt    time.Time `json:"expires_at"` // absolute
	SecondFactor bool      `json:"second_factor"`
	// Next is the step left before anything else may be reached.
	Next Step `json:"next,omitempty"`

	csrfSecret []byte
	idHash     []byte
	ip         string
}

// sessionIDBytes: 256 bits, so ids cannot be guessed or enumerated.
const sessionIDBytes = 32

var sessionIDLen = base64.RawURLEncoding.EncodedLen(sessionIDBytes)

func newSessionID() string {
	b := make([]byte, sessionIDBytes)
	rand.Read(b) // never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashSessionID is how a session id is stored and looked up; like API
// tokens, ids are long and random, so a fast hash is right.
func hashSessionID(id string) []byte {
	h := sha256.Sum256([]byte(id))
	return h[:]
}

// wellFormedSessionID spares the database lookups of junk cookies.
func wellFormedSessionID(id string) bool {
	if len(id) != sessionIDLen {
		return false
	}
	// The decoded length matters too: the decoder skips \r and \n.
	b, err := base64.RawURLEncoding.Strict().DecodeString(id)
	return err == nil && len(b) == sessionIDBytes
}

// CookieName is the session cookie's name under this configuration.
func (s *Service) CookieName() string {
	if s.cfg.InsecureCookies {
		return InsecureCookieName
	}
	return CookieName
}

// SetSessionCookie sends the session cookie: HttpOnly (no script reads
// it), Secure unless configured off, SameSite=Lax (not sent on cross-site
// posts), Path=/, living no longer than the session.
func (s *Service) SetSessionCookie(w http.ResponseWriter, sess *Session) {
	if sess == nil || sess.ID == "" {
		return
	}
	maxAge := int(sess.ExpiresAt.Sub(s.cfg.Now()).Seconds())
	if maxAge <= 0 {
		s.ClearSessionCookie(w)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.CookieName(), Value: sess.ID, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie tells the browser to drop the session cookie.
func (s *Service) ClearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: s.CookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode,
	})
}
