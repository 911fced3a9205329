package auth

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rfcSecret is the SHA-1 seed of RFC 4226 and RFC 6238's test vectors.
var rfcSecret = []byte("12345678901234567890")

// TestHOTPVectors: RFC 4226 appendix D.
func TestHOTPVectors(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for counter, w := range want {
		if got := hotp(rfcSecret, uint64(counter), 6); got != w {
			t.Errorf("HOTP(%d) = %s, want %s", counter, got, w)
		}
	}
}

// TestTOTPVectors: RFC 6238 appendix B, SHA-1 rows (8 digits in the RFC;
// the 6-digit code is the same number modulo 10^6, so its last 6 digits).
func TestTOTPVectors(t *testing.T) {
	tests := []struct {
		unix int64
		want string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		at := time.Unix(tt.unix, 0)
		if got := hotp(rfcSecret, uint64(TOTPStep(at)), 8); got != tt.want {
			t.Errorf("TOTP8(%d) = %s, want %s", tt.unix, got, tt.want)
		}
		if got := TOTPCode(rfcSecret, at); got != tt.want[2:] {
			t.Errorf("TOTP6(%d) = %s, want %s", tt.unix, got, tt.want[2:])
		}
	}
}

func TestValidateTOTPWindowAndReplay(t *testing.T) {
	now := time.Unix(1111111111, 0)
	step := TOTPStep(now)
	code := func(d int64) string { return hotp(rfcSecret, uint64(step+d), 6) }
	tests := []struct {
		name     string
		code     string
		lastStep int64
		want     bool
		wantStep int64
	}{
		{"current step", code(0), 0, true, step},
		{"one step behind (clock skew)", code(-1), 0, true, step - 1},
		{"one step ahead", code(1), 0, true, step + 1},
		{"two steps behind", code(-2), 0, false, 0},
		{"two steps ahead", code(2), 0, false, 0},
		{"replay of the last accepted step", code(0), step, false, 0},
		{"older than the last accepted step", code(-1), step, false, 0},
		{"after the last accepted step", code(1), step, true, step + 1},
		{"wrong code", "000000", 0, code(0) == "000000" || code(-1) == "000000" || code(1) == "000000", step},
	}
	for _, tt := range tests {
		got, ok := ValidateTOTP(rfcSecret, tt.code, now, tt.lastStep)
		if ok != tt.want || (ok && got != tt.wantStep) {
			t.Errorf("%s: ValidateTOTP = %d, %v; want %d, %v", tt.name, got, ok, tt.wantStep, tt.want)
		}
	}
}

func TestParseTOTPCode(t *testing.T) {
	for in, want := range map[string]string{
		"123456":       "123456",
		" 123456 ":     "123456",
		"123 456":      "123456",
		"123-456":      "123456",
		"\t012345\n":   "012345",
		"12345":        "",
		"1234567":      "",
		"12a456":       "",
		"123  456":     "",
		"12 3456":      "",
		"１２３４５６":       "", // full-width digits
		"":             "",
		"abcd-efgh-ij": "",
	} {
		got, err := ParseTOTPCode(in)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("ParseTOTPCode(%q) = %q, %v; want %q", in, got, err, want)
		}
		if err != nil && !errors.Is(err, ErrBadCode) {
			t.Errorf("ParseTOTPCode(%q) error %v is not ErrBadCode", in, err)
		}
	}
}

func FuzzParseTOTPCode(f *testing.F) {
	for _, s := range []string{"123456", "123 456", "123-456", " 000000 ", "12345", "", "\x00\x00\x00\x00\x00\x00", "١٢٣٤٥٦"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ParseTOTPCode(s)
		if err != nil {
			return
		}
		if len(code) != TOTPDigits || strings.Trim(code, "0123456789") != "" {
			t.Fatalf("ParseTOTPCode(%q) = %q: not %d ASCII digits", s, code, TOTPDigits)
		}
		if again, err := ParseTOTPCode(code); err != nil || again != code {
			t.Fatalf("not idempotent: %q -> %q, %v", code, again, err)
		}
		// A parsed code never panics validation.
		ValidateTOTP(rfcSecret, code, time.Unix(59, 0), 0)
	})
}

func TestTOTPURL(t *testing.T) {
	secret := NewTOTPSecret()
	if len(secret) != 20 || bytes.Equal(secret, NewTOTPSecret()) {
		t.Fatal("secrets are not 20 random bytes")
	}
	raw := TOTPURL("Stormwatch", "anna@clinique.example", secret)
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Stormwatch:anna@clinique.example" ||
		q.Get("secret") != TOTPSecretString(secret) || q.Get("issuer") != "Stormwatch" || q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("TOTPURL = %s", raw)
	}
	if len(TOTPSecretString(secret)) != 32 || strings.Contains(TOTPSecretString(secret), "=") {
		t.Errorf("secret string %q: want 32 base32 characters, no padding", TOTPSecretString(secret))
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes := newRecoveryCodes()
	if len(codes) != recoveryCodeCount || len(hashes) != recoveryCodeCount {
		t.Fatalf("%d codes, %d hashes", len(codes), len(hashes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if len(c) != 19 || seen[c] {
			t.Errorf("code %q: want xxxx-xxxx-xxxx-xxxx, unique", c)
		}
		seen[c] = true
		for _, typed := range []string{c, strings.ToUpper(c), strings.ReplaceAll(c, "-", ""), strings.ReplaceAll(c, "-", " ")} {
			n, ok := parseRecoveryCode(typed)
			if !ok || !bytes.Equal(hashRecoveryCode(n), hashes[i]) {
				t.Errorf("typed %q does not match its code", typed)
			}
		}
	}
	for _, bad := range []string{"", "123456", "abcd-efgh-ijkl-mno", "abcd-efgh-ijkl-mnopq", "abcd-efgh-ijkl-mn0p", "abcd-efgh-ijkl-mnö"} {
		if _, ok := parseRecoveryCode(bad); ok {
			t.Errorf("parseRecoveryCode(%q) accepted", bad)
		}
	}
}

func TestSealSecret(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	other := bytes.Repeat([]byte{8}, 32)
	secret := NewTOTPSecret()
	sealed, err := sealSecret(key, 42, secret)
	if err != nil || sealed[0] != sealGCM || bytes.Contains(sealed, secret) {
		t.Fatalf("sealSecret = %x, %v", sealed, err)
	}
	plain, err := sealSecret(nil, 42, secret)
	if err != nil || plain[0] != sealPlain {
		t.Fatalf("sealSecret without key = %x, %v", plain, err)
	}
	tests := []struct {
		name   string
		key    []byte
		user   int64
		sealed []byte
		ok     bool
	}{
		{"right key and user", key, 42, sealed, true},
		{"another user's row", key, 43, sealed, false},
		{"another key", other, 42, sealed, false},
		{"no key for a sealed secret", nil, 42, sealed, false},
		{"tampered", key, 42, append(append([]byte{}, sealed[:len(sealed)-1]...), sealed[len(sealed)-1]^1), false},
		{"truncated", key, 42, sealed[:5], false},
		{"empty", key, 42, nil, false},
		{"unknown format", key, 42, []byte{9, 1, 2}, false},
		{"unsealed, read with a key (before a key was set)", key, 42, plain, true},
		{"unsealed, no key", nil, 42, plain, true},
	}
	for _, tt := range tests {
		got, err := openSecret(tt.key, tt.user, tt.sealed)
		if tt.ok != (err == nil) || (tt.ok && !bytes.Equal(got, secret)) {
			t.Errorf("%s: openSecret = %x, %v; want ok=%v", tt.name, got, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrSecretKey) {
			t.Errorf("%s: error %v is not ErrSecretKey", tt.name, err)
		}
	}
}
