package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// TOTP is RFC 6238 with the parameters every authenticator app supports:
// HMAC-SHA-1, 6 digits, 30-second steps, and one step of clock skew either
// way. It is implemented here on the standard library (HOTP is one HMAC and
// a truncation) rather than with a dependency: it is short, pinned by the
// RFC test vectors, and this way the replay guard and the sealing of
// secrets fit it exactly.
const (
	TOTPDigits = 6
	TOTPPeriod = 30 // seconds
	totpSkew   = 1  // steps accepted either side of now
)

// ErrBadCode: a second-factor code that is malformed, wrong, or already used.
var ErrBadCode = errors.New("wrong or already used code")

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a new random 160-bit secret (RFC 4226's advice).
func NewTOTPSecret() []byte {
	b := make([]byte, 20)
	rand.Read(b) // never fails
	return b
}

// TOTPSecretString is a secret as people type it into an app: base32.
func TOTPSecretString(secret []byte) string { return b32.EncodeToString(secret) }

// hotp is RFC 4226's HOTP value of counter, as a zero-padded decimal.
func hotp(secret []byte, counter uint64, digits int) string {
	mac := hmac.New(sha1.New, secret)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	s := strconv.FormatUint(uint64(bin%mod), 10)
	return strings.Repeat("0", digits-len(s)) + s
}

// TOTPStep is the time step t falls in.
func TOTPStep(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return 0 // before 1970: no valid step; never happens with a real clock
	}
	return u / TOTPPeriod
}

// TOTPCode is the code for t.
func TOTPCode(secret []byte, t time.Time) string {
	return hotp(secret, uint64(TOTPStep(t)), TOTPDigits)
}

// ParseTOTPCode accepts a code as people type it: six ASCII digits,
// possibly split by one space or dash ("123 456") and surrounded by
// spaces. It returns the six digits.
func ParseTOTPCode(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) == TOTPDigits+1 && (s[3] == ' ' || s[3] == '-') {
		s = s[:3] + s[4:]
	}
	if len(s) != TOTPDigits {
		return "", fmt.Errorf("%w: want %d digits", ErrBadCode, TOTPDigits)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", fmt.Errorf("%w: want %d digits", ErrBadCode, TOTPDigits)
		}
	}
	return s, nil
}

// ValidateTOTP checks a parsed code against the steps around t and returns
// the step it matched. A step at or before lastStep is refused, so each
// code works once. Every candidate is compared, in constant time.
func ValidateTOTP(secret []byte, code string, t time.Time, lastStep int64) (int64, bool) {
	now := TOTPStep(t)
	var matched int64
	found := false
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		step := now + d
		if step < 0 {
			continue
		}
		ok := subtle.ConstantTimeCompare([]byte(hotp(secret, uint64(step), TOTPDigits)), []byte(code)) == 1
		if ok && step > lastStep && !found {
			matched, found = step, true
		}
	}
	return matched, found
}

// TOTPURL is the otpauth:// URL an authenticator app reads from a QR code.
func TOTPURL(issuer, account string, secret []byte) string {
	q := url.Values{}
	q.Set("secret", TOTPSecretString(secret))
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", strconv.Itoa(TOTPDigits))
	q.Set("period", strconv.Itoa(TOTPPeriod))
	return "otpauth://totp/" + url.PathEscape(issuer) + ":" + url.PathEscape(account) + "?" + q.Encode()
}

// Recovery codes: 80 random bits each, shown once, stored as SHA-256 (a
// fast hash is enough for 80 bits of randomness).
const (
	recoveryCodeCount = 10
	recoveryCodeBytes = 10
)

// newRecoveryCodes returns codes formatted for people ("abcd-efgh-ijkl-mnop")
// and the hashes to store.
func newRecoveryCodes() (codes []string, hashes [][]byte) {
	for range recoveryCodeCount {
		b := make([]byte, recoveryCodeBytes)
		rand.Read(b) // never fails
		s := strings.ToLower(b32.EncodeToString(b))
		codes = append(codes, s[0:4]+"-"+s[4:8]+"-"+s[8:12]+"-"+s[12:16])
		hashes = append(hashes, hashRecoveryCode(strings.ToUpper(s)))
	}
	return codes, hashes
}

// parseRecoveryCode normalises a typed recovery code (any case, dashes and
// spaces ignored); ok is false when it cannot be one.
func parseRecoveryCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || r == ' ':
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case (r >= 'A' && r <= 'Z') || (r >= '2' && r <= '7'):
			b.WriteRune(r)
		default:
			return "", false
		}
		if b.Len() > 16 {
			return "", false
		}
	}
	if b.Len() != 16 {
		return "", false
	}
	return b.String(), true
}

func hashRecoveryCode(normalized string) []byte {
	h := sha256.Sum256([]byte("stormwatch recovery code\x00" + normalized))
	return h[:]
}

// Sealed TOTP secrets start with a format byte. With a key configured they
// are AES-256-GCM encrypted, bound to their user id, so that a copy of the
// database (a backup, an export) does not hand out second factors. Without
// a key they are stored as they are, marked so, and still never listed.
const (
	sealPlain = 0x00
	sealGCM   = 0x01
)

// ErrSecretKey: a sealed TOTP secret that cannot be opened with the
// configured key (none, or another one).
var ErrSecretKey = errors.New("cannot open TOTP secret with the configured key")

func totpAAD(userID int64) []byte { return fmt.Appendf(nil, "stormwatch totp user:%d", userID) }

func sealSecret(key []byte, userID int64, secret []byte) ([]byte, error) {
	if len(key) == 0 {
		return append([]byte{sealPlain}, secret...), nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("seal TOTP secret: %w", err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("seal TOTP secret: %w", err)
	}
	out := make([]byte, 1+gcm.NonceSize(), 1+gcm.NonceSize()+len(secret)+gcm.Overhead())
	out[0] = sealGCM
	rand.Read(out[1:]) // never fails
	return gcm.Seal(out, out[1:], secret, totpAAD(userID)), nil
}

func openSecret(key []byte, userID int64, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrSecretKey)
	}
	switch sealed[0] {
	case sealPlain:
		return sealed[1:], nil
	case sealGCM:
		if len(key) == 0 {
			return nil, fmt.Errorf("%w: it is encrypted and no key is configured", ErrSecretKey)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSecretKey, err)
		}
		gcm, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSecretKey, err)
		}
		if len(sealed) < 1+gcm.NonceSize() {
			return nil, fmt.Errorf("%w: truncated", ErrSecretKey)
		}
		nonce := sealed[1 : 1+gcm.NonceSize()]
		plain, err := gcm.Open(nil, nonce, sealed[1+gcm.NonceSize():], totpAAD(userID))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSecretKey, err)
		}
		return plain, nil
	}
	return nil, fmt.Errorf("%w: unknown format %d", ErrSecretKey, sealed[0])
}
