package channels

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func key(b byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, 32)) }

func TestParseKeyRing(t *testing.T) {
	tests := []struct {
		name, in string
		ids      []string
		bad      string
	}{
		{"one", "k1:" + key(1), []string{"k1"}, ""},
		{"newest first", "k2:" + key(2) + ", k1:" + key(1), []string{"k2", "k1"}, ""},
		{"newlines", "k2:" + key(2) + "\nk1:" + key(1) + "\n", []string{"k2", "k1"}, ""},
		{"url base64", "k1:" + base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{0xfb}, 32)), []string{"k1"}, ""},
		{"empty", "  ", nil, "STORMWATCH_CREDENTIALS_KEY"},
		{"no id", key(1), nil, "id:base64key"},
		{"short key", "k1:" + base64.StdEncoding.EncodeToString([]byte("short")), nil, "32 bytes"},
		{"not base64", "k1:%%%%", nil, "not base64"},
		{"duplicate id", "k1:" + key(1) + ",k1:" + key(2), nil, "twice"},
		{"bad id", "k 1:" + key(1), nil, "id:base64key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseKeyRing(tt.in)
			if tt.bad != "" {
				if err == nil || !strings.Contains(err.Error(), tt.bad) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.bad)
				}
				if strings.Contains(err.Error(), key(1)) || strings.Contains(err.Error(), key(2)) {
					t.Errorf("error leaks key material: %v", err)
				}
				return
			}
			if err != nil || strings.Join(r.KeyIDs(), ",") != strings.Join(tt.ids, ",") {
				t.Fatalf("ParseKeyRing = %v, %v", r, err)
			}
		})
	}
}

func TestSealOpen(t *testing.T) {
	old, _ := ParseKeyRing("k1:" + key(1))
	ring, _ := ParseKeyRing("k2:" + key(2) + ",k1:" + key(1))
	secrets := map[string]string{"token": "tok-abcdefghijklmnop1234", "app_secret": "s3cr3t"}
	sealed, id, err := old.Seal("demo", "ch_a", secrets)
	if err != nil || id != "k1" {
		t.Fatalf("Seal = %v, %v", id, err)
	}
	if bytes.Contains(sealed, []byte("tok-abc")) || bytes.Contains(sealed, []byte("s3cr3t")) {
		t.Fatal("secret in clear in the sealed blob")
	}
	if got, _ := SealedKeyID(sealed); got != "k1" {
		t.Errorf("SealedKeyID = %q", got)
	}
	// The new ring still opens what the old key sealed.
	got, err := ring.Open("demo", "ch_a", sealed)
	if err != nil || got["token"] != secrets["token"] || got["app_secret"] != "s3cr3t" {
		t.Fatalf("Open = %v, %v", got, err)
	}
	// New seals use the newest key; two seals differ (random nonce).
	s2, id2, _ := ring.Seal("demo", "ch_a", secrets)
	s3, _, _ := ring.Seal("demo", "ch_a", secrets)
	if id2 != "k2" || bytes.Equal(s2, s3) {
		t.Errorf("newest key %q, nonces reused %v", id2, bytes.Equal(s2, s3))
	}
	for _, tt := range []struct {
		name, ws, ch string
		blob         []byte
		r            *KeyRing
	}{
		{"another channel", "demo", "ch_b", sealed, ring},
		{"another workspace", "other", "ch_a", sealed, ring},
		{"key dropped", "demo", "ch_a", s2, old},
		{"tampered", "demo", "ch_a", append(bytes.Clone(sealed[:len(sealed)-1]), sealed[len(sealed)-1]^1), ring},
		{"truncated", "demo", "ch_a", sealed[:10], ring},
		{"garbage", "demo", "ch_a", []byte("hello"), ring},
		{"empty", "demo", "ch_a", nil, ring},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := tt.r.Open(tt.ws, tt.ch, tt.blob); err == nil {
				t.Errorf("opened: %v", got)
			} else if strings.Contains(err.Error(), "tok-abc") {
				t.Errorf("error leaks the secret: %v", err)
			}
		})
	}
}

func TestLoadOrCreateKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", DemoKeyFile)
	r1, created, err := LoadOrCreateKeyFile(path)
	if err != nil || !created {
		t.Fatalf("first = %v, %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", fi.Mode(), err)
	}
	r2, created, err := LoadOrCreateKeyFile(path)
	if err != nil || created {
		t.Fatalf("second = %v, %v", created, err)
	}
	sealed, _, _ := r1.Seal("w", "c", map[string]string{"a": "b"})
	if got, err := r2.Open("w", "c", sealed); err != nil || got["a"] != "b" {
		t.Errorf("the reloaded key does not open: %v", err)
	}
}

func TestHint(t *testing.T) {
	for in, want := range map[string]string{"": "…", "short": "…", "EAAGm0PX4ZCpsBAKZCZCx1234": "…1234", "  0123456789abcdefWXYZ  ": "…WXYZ"} {
		if got := Hint(in); got != want {
			t.Errorf("Hint(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzOpen(f *testing.F) {
	ring, _ := ParseKeyRing("k1:" + key(1))
	sealed, _, _ := ring.Seal("w", "c", map[string]string{"token": "x"})
	f.Add(sealed)
	f.Add([]byte("swc1\x02k1"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, blob []byte) {
		got, err := ring.Open("w", "c", blob)
		if err == nil && !bytes.Equal(blob, sealed) && got == nil {
			t.Fatalf("opened a forged blob")
		}
	})
}

func FuzzParseKeyRing(f *testing.F) {
	f.Add("k1:" + key(1))
	f.Add("k2:" + key(2) + ",k1:" + key(1))
	f.Add(":,::")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseKeyRing(s)
		if err == nil && (len(r.KeyIDs()) == 0 || r.NewestKeyID() == "") {
			t.Fatalf("empty ring accepted from %q", s)
		}
	})
}
