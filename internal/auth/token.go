// Package auth owns who may do what: API tokens now (random, shown once,
// stored only as a hash); accounts, sessions and roles as the desk grows.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

// TokenPrefix marks Stormwatch API tokens, so a leaked one is recognisable
// by secret scanners.
const TokenPrefix = "sw_"

// NewToken returns a new random API token (160 bits).
func NewToken() string {
	b := make([]byte, 20)
	rand.Read(b) // never fails: crypto/rand panics rather than return weak bytes
	return TokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// HashToken is how a token is stored and looked up. A fast hash is right
// here: tokens are long and random, so there is nothing to brute-force.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// BearerToken extracts the token from an Authorization header value.
func BearerToken(header string) (string, bool) {
	const p = "Bearer "
	if len(header) <= len(p) || !strings.EqualFold(header[:len(p)], p) {
		return "", false
	}
	return strings.TrimSpace(header[len(p):]), true
}
