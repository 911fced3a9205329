package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// testParams keep argon2 cheap in tests; the format and code paths are
// the same as with DefaultParams.
var testParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashVerifyRehash(t *testing.T) {
	other := testParams
	other.Time = 2
	tests := []struct {
		name       string
		hashWith   Params
		password   string
		try        string
		want       bool
		rehashWith Params
		rehash     bool
	}{
		{"right password", testParams, "correct horse battery", "correct horse battery", true, testParams, false},
		{"wrong password", testParams, "correct horse battery", "correct horse batterY", false, testParams, false},
		{"empty try", testParams, "correct horse battery", "", false, testParams, false},
		{"parameters changed", testParams, "correct horse battery", "correct horse battery", true, other, true},
		{"NFKC: decomposed accent matches composed", testParams, "caf\u00e9 au lait s'il vous pla\u00eet", "cafe\u0301 au lait s'il vous plai\u0302t", true, testParams, false},
		{"NFKC: full-width digits", testParams, "passphrase ０１２３", "passphrase 0123", true, testParams, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := HashPassword(tt.password, tt.hashWith)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
				t.Errorf("hash %q is not the expected PHC string", h)
			}
			ok, err := VerifyPassword(tt.try, h)
			if err != nil || ok != tt.want {
				t.Errorf("VerifyPassword = %v, %v; want %v", ok, err, tt.want)
			}
			if got := NeedsRehash(h, tt.rehashWith); got != tt.rehash {
				t.Errorf("NeedsRehash = %v, want %v", got, tt.rehash)
			}
		})
	}
	a, _ := HashPassword("same password", testParams)
	b, _ := HashPassword("same password", testParams)
	if a == b {
		t.Error("two hashes of one password are equal: salt not random")
	}
	if !NeedsRehash("garbage", testParams) {
		t.Error("an unreadable hash does not need a rehash")
	}
}

// TestVerifyReferenceHash checks interoperability with the argon2
// reference implementation's output for password/somesalt.
func TestVerifyReferenceHash(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB hash")
	}
	const ref = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
	ok, err := VerifyPassword("password", ref)
	if err != nil || !ok {
		t.Errorf("reference hash: %v, %v", ok, err)
	}
}

func TestParsePHCRejects(t *testing.T) {
	good, _ := HashPassword("x", testParams)
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	for _, s := range []string{
		"",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,      // order
		"$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + key,     // leading zero
		"$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + key,     // sign
		"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,      // t=0
		"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,      // p=0
		"$argon2id$v=19$m=4,t=1,p=1$" + salt + "$" + key,       // m < 8p
		"$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key, // 4 GiB: over the bound
		"$argon2id$v=19$m=64,t=1,p=1,keyid=x$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "=$" + key, // padding
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key,        // salt too short
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$c2hvcnQ", // hash too short
		"$argon2id$v=19$m=64,t=1,p=1$" + salt,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$",
		"x$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key,
	} {
		if _, _, _, err := ParsePHC(s); !errors.Is(err, ErrBadHash) {
			t.Errorf("ParsePHC(%q) = %v, want ErrBadHash", s, err)
		}
		if ok, err := VerifyPassword("x", s); ok || err == nil {
			t.Errorf("VerifyPassword against %q = %v, %v", s, ok, err)
		}
	}
	p, gotSalt, gotKey, err := ParsePHC(good)
	if err != nil || p != testParams || len(gotSalt) != 16 || len(gotKey) != 32 {
		t.Errorf("ParsePHC(good) = %+v, %d, %d, %v", p, len(gotSalt), len(gotKey), err)
	}
}

func TestCheckPassword(t *testing.T) {
	for pw, ok := range map[string]bool{
		"":                                      false,
		"short":                                 false,
		"elevenchars":                           false,
		"twelve chars":                          true,
		"ééééééééééé":                           false, // 11 characters, 22 bytes
		"éééééééééééé":                          true,
		strings.Repeat("a", MaxPasswordLen):     true,
		strings.Repeat("a", MaxPasswordLen+1):   false,
		"correct horse battery staple, in full": true,
	} {
		if err := CheckPassword(pw); (err == nil) != ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v", pw, err, ok)
		} else if err != nil && !errors.Is(err, ErrWeakPassword) {
			t.Errorf("CheckPassword(%q) = %v, want ErrWeakPassword", pw, err)
		}
	}
}

func TestHasherBoundsConcurrency(t *testing.T) {
	h := newHasher(testParams, 1)
	h.sem <- struct{}{} // the one slot is taken
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := h.hash(ctx, "password password"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hash with no slot = %v, want the context's deadline", err)
	}
	<-h.sem
	if _, err := h.hash(context.Background(), "password password"); err != nil {
		t.Errorf("hash with a free slot: %v", err)
	}
}

func FuzzParsePHC(f *testing.F) {
	good, _ := HashPassword("x", testParams)
	f.Add(good)
	f.Add("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
	f.Add("$argon2id$v=19$m=99999999999,t=1,p=1$AAAA$AAAA")
	f.Add("$$$$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := ParsePHC(s)
		if err != nil {
			if !errors.Is(err, ErrBadHash) {
				t.Fatalf("error %v is not ErrBadHash", err)
			}
			return
		}
		// Whatever parses is within bounds and encodes back to itself.
		if p.validate() != nil {
			t.Fatalf("parsed out-of-bounds parameters %+v", p)
		}
		if again := encodePHC(p, salt, key); again != s {
			t.Fatalf("re-encoded %q as %q", s, again)
		}
	})
}
