package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
)

// Two defences against cross-site request forgery, both needed by the desk:
//
//   - NewCrossOriginProtection (net/http's, Go 1.25+) wraps the whole
//     handler and rejects unsafe cross-origin browser requests by their
//     Sec-Fetch-Site or Origin header; it also covers the login form, which
//     has no session yet.
//   - A synchronizer token per session: every form carries CSRFToken(sess)
//     in a hidden field named CSRFField (or scripts send it in the
//     CSRFHeader header), and CheckCSRF compares it in constant time. It
//     still holds for old browsers that send neither header.

// Where CheckCSRF looks for the token.
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// ErrCSRF: an unsafe request without the session's token.
var ErrCSRF = errors.New("missing or invalid CSRF token: reload the page and try again")

// csrfSecretBytes is the size of each session's CSRF secret.
const csrfSecretBytes = 32

func newCSRFSecret() []byte {
	b := make([]byte, csrfSecretBytes)
	rand.Read(b) // never fails
	return b
}

// CSRFToken returns the token to put in the session's forms. Each call
// masks the secret with a fresh random pad (token = pad || pad XOR
// secret), so the bytes differ on every page: a compression side channel
// (BREACH) cannot recover the secret from responses. Empty for a nil
// session.
func CSRFToken(sess *Session) string {
	if sess == nil || len(sess.csrfSecret) == 0 {
		return ""
	}
	n := len(sess.csrfSecret)
	b := make([]byte, 2*n)
	rand.Read(b[:n]) // never fails
	subtle.XORBytes(b[n:], b[:n], sess.csrfSecret)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CheckCSRF accepts safe methods (GET, HEAD, OPTIONS, TRACE: they must not
// change anything) and otherwise requires the session's token, from the
// CSRFHeader header or else the CSRFField form field (net/http reads form
// bodies of POST, PUT and PATCH only: send DELETE's token in the header).
// Reading the form reads the body: wrap it in http.MaxBytesReader first,
// and for multipart uploads parse the form with your own limit before
// calling this.
func CheckCSRF(r *http.Request, sess *Session) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return nil
	}
	if sess == nil || len(sess.csrfSecret) == 0 {
		return fmt.Errorf("%w (no session)", ErrCSRF)
	}
	token := r.Header.Get(CSRFHeader)
	if token == "" {
		token = r.PostFormValue(CSRFField)
	}
	n := len(sess.csrfSecret)
	if token == "" || len(token) != base64.RawURLEncoding.EncodedLen(2*n) {
		return ErrCSRF
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 2*n {
		return ErrCSRF
	}
	got := make([]byte, n)
	subtle.XORBytes(got, b[:n], b[n:])
	if subtle.ConstantTimeCompare(got, sess.csrfSecret) != 1 {
		return ErrCSRF
	}
	return nil
}

// NewCrossOriginProtection returns net/http's cross-origin protection,
// trusting the given extra origins ("https://desk.example.org") — none is
// needed when the desk is served from one origin.
func NewCrossOriginProtection(trustedOrigins ...string) (*http.CrossOriginProtection, error) {
	c := http.NewCrossOriginProtection()
	for _, o := range trustedOrigins {
		if err := c.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("trusted origin %q: %w", o, err)
		}
	}
	return c, nil
}
