package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are argon2id's cost parameters, as stored in each hash.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams: 64 MiB, one pass, two lanes — above OWASP's minimum
// (46 MiB, t=1, p=1) and about 50–100 ms on a small server. Changing them
// makes every older hash be replaced at its owner's next login.
var DefaultParams = Params{Memory: 64 * 1024, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}

// Bounds on what a stored hash may ask for: a hash is data, and a forged or
// corrupted one must not make a login allocate gigabytes.
const (
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxTime      = 64
	maxThreads   = 64
	minSaltLen   = 8
	maxSaltLen   = 64
	minKeyLen    = 16
	maxKeyLen    = 64
)

// Password length limits, in characters (after NFKC) for the minimum and
// bytes for the maximum. Long passphrases are welcome; the cap only keeps
// request bodies sane.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 1024
)

// ErrWeakPassword: a new password outside the length limits.
var ErrWeakPassword = errors.New("password too short or too long")

// ErrBadHash: a stored hash that is not a PHC argon2id string within bounds.
var ErrBadHash = errors.New("malformed password hash")

var b64 = base64.RawStdEncoding.Strict()

// decodeB64 decodes canonical unpadded base64. encoding/base64 skips \r and
// \n even in strict mode, so the alphabet is checked first (found by
// FuzzParsePHC).
func decodeB64(s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/') {
			return nil, fmt.Errorf("byte %q at %d is not base64", c, i)
		}
	}
	return b64.DecodeString(s)
}

// normalizePassword applies NFKC so that the same password typed on two
// keyboards (composed or decomposed accents, full-width digits) matches,
// as NIST SP 800-63B recommends. Every hash depends on it: never change it.
func normalizePassword(pw string) []byte {
	return norm.NFKC.Bytes([]byte(pw))
}

// CheckPassword tells whether pw may be set as a new password.
func CheckPassword(pw string) error {
	if len(pw) > MaxPasswordLen {
		return fmt.Errorf("%w: at most %d bytes", ErrWeakPassword, MaxPasswordLen)
	}
	if n := utf8.RuneCount(normalizePassword(pw)); n < MinPasswordLen {
		return fmt.Errorf("%w: at least %d characters, got %d", ErrWeakPassword, MinPasswordLen, n)
	}
	return nil
}

// validate reports parameters argon2 cannot use or that exceed the bounds.
func (p Params) validate() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("t=%d out of 1..%d", p.Time, maxTime)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("p=%d out of 1..%d", p.Threads, maxThreads)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemoryKiB:
		return fmt.Errorf("m=%d out of %d..%d", p.Memory, 8*uint32(p.Threads), maxMemoryKiB)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("salt of %d bytes out of %d..%d", p.SaltLen, minSaltLen, maxSaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("key of %d bytes out of %d..%d", p.KeyLen, minKeyLen, maxKeyLen)
	}
	return nil
}

// HashPassword hashes pw with fresh salt into a PHC string:
// $argon2id$v=19$m=65536,t=1,p=2$<salt>$<hash>.
func HashPassword(pw string, p Params) (string, error) {
	if err := p.validate(); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	salt := make([]byte, p.SaltLen)
	rand.Read(salt) // never fails: crypto/rand panics rather than return weak bytes
	key := argon2.IDKey(normalizePassword(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return encodePHC(p, salt, key), nil
}

func encodePHC(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// ParsePHC reads an argon2id PHC string, strictly: version 19, parameters
// m, t, p in that order without leading zeros, canonical unpadded base64,
// every value within bounds. SaltLen and KeyLen come from the decoded salt
// and hash.
func ParsePHC(s string) (p Params, salt, key []byte, err error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrBadHash, why)
	}
	if len(s) > 512 {
		return bad("too long")
	}
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("want $argon2id$v=19$m=..,t=..,p=..$salt$hash")
	}
	if parts[1] != "argon2id" {
		return bad("algorithm is not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("version is not 19")
	}
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return bad("want parameters m, t, p")
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, ok := strings.CutPrefix(fields[i], name+"=")
		if !ok || v == "" || (len(v) > 1 && v[0] == '0') {
			return bad("parameter " + name)
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return bad("parameter " + name)
		}
		vals[i] = n
	}
	if vals[2] > maxThreads {
		return bad("parameter p out of range")
	}
	if salt, err = decodeB64(parts[4]); err != nil {
		return bad("salt is not base64")
	}
	if key, err = decodeB64(parts[5]); err != nil {
		return bad("hash is not base64")
	}
	p = Params{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(vals[2]), SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if err := p.validate(); err != nil {
		return bad(err.Error())
	}
	return p, salt, key, nil
}

// VerifyPassword reports whether pw matches the PHC hash, comparing in
// constant time. An error means the hash itself is unusable.
func VerifyPassword(pw, encoded string) (bool, error) {
	p, salt, key, err := ParsePHC(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey(normalizePassword(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether a hash was made with other parameters than
// p (or cannot be read), so that it should be replaced after a login.
func NeedsRehash(encoded string, p Params) bool {
	got, _, _, err := ParsePHC(encoded)
	return err != nil || got != p
}

// hasher bounds how many hashes run at once: each holds Params.Memory, and
// a burst of logins must not exhaust a small server's memory.
type hasher struct {
	params Params
	sem    chan struct{}
}

func newHasher(p Params, concurrent int) *hasher {
	return &hasher{params: p, sem: make(chan struct{}, max(concurrent, 1))}
}

func (h *hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting to hash a password: %w", ctx.Err())
	}
}

func (h *hasher) hash(ctx context.Context, pw string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-h.sem }()
	return HashPassword(pw, h.params)
}

func (h *hasher) verify(ctx context.Context, pw, encoded string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer func() { <-h.sem }()
	return VerifyPassword(pw, encoded)
}
