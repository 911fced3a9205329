package channels

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// KeyRing seals channel credentials with AES-256-GCM. Its first key is the
// newest and seals everything new; older keys only open what they sealed,
// until RotateKeys has re-sealed it. Rotation is: put the new key first
// (STORMWATCH_CREDENTIALS_KEY="k2:…,k1:…"), restart (or run
// `stormwatch channels rotate-keys`), then drop the old key.
//
// A sealed blob is
//
//	"swc1" | len(key id) (1 byte) | key id | 12-byte nonce | ciphertext+tag
//
// and its additional data binds it to one workspace and one channel, so a
// blob copied onto another channel's row does not open.
type KeyRing struct {
	keys []ringKey
}

type ringKey struct {
	id   string
	aead cipher.AEAD
}

const sealMagic = "swc1"

var keyIDRE = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// ErrNoKey means no key ring is configured: credentials cannot be sealed.
var ErrNoKey = errors.New("no credentials key: set STORMWATCH_CREDENTIALS_KEY (or _FILE) to id:base64 of 32 random bytes, e.g. k1:$(openssl rand -base64 32)")

// ParseKeyRing reads "id1:base64key,id2:base64key" (newest first; spaces
// and newlines allowed between entries). Each key is 32 bytes, in standard
// or URL base64. Error messages never include key material.
func ParseKeyRing(s string) (*KeyRing, error) {
	r := &KeyRing{}
	seen := map[string]bool{}
	for i, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ' ' || r == '\t' || r == '\r' }) {
		id, b64, ok := strings.Cut(entry, ":")
		if !ok || !keyIDRE.MatchString(id) {
			return nil, fmt.Errorf("credentials key %d: want id:base64key with an id of letters, digits, _ . -", i+1)
		}
		if seen[id] {
			return nil, fmt.Errorf("credentials key %q appears twice", id)
		}
		seen[id] = true
		key, err := decodeKey(b64)
		if err != nil {
			return nil, fmt.Errorf("credentials key %q: %w", id, err)
		}
		block, _ := aes.NewCipher(key) // 32 bytes: cannot fail
		aead, _ := cipher.NewGCM(block)
		r.keys = append(r.keys, ringKey{id: id, aead: aead})
	}
	if len(r.keys) == 0 {
		return nil, ErrNoKey
	}
	return r, nil
}

func decodeKey(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			if len(b) != 32 {
				return nil, fmt.Errorf("want 32 bytes, got %d", len(b))
			}
			return b, nil
		}
	}
	return nil, errors.New("not base64")
}

// NewestKeyID is the id of the key that seals new credentials.
func (r *KeyRing) NewestKeyID() string { return r.keys[0].id }

// KeyIDs lists the ring's key ids, newest first.
func (r *KeyRing) KeyIDs() []string {
	out := make([]string, len(r.keys))
	for i, k := range r.keys {
		out[i] = k.id
	}
	return out
}

func additionalData(workspace, channelID string) []byte {
	return []byte("stormwatch/channel-credentials/v1\x00" + workspace + "\x00" + channelID)
}

// Seal encrypts secrets for one channel with the newest key.
func (r *KeyRing) Seal(workspace, channelID string, secrets map[string]string) (sealed []byte, keyID string, err error) {
	plain, err := json.Marshal(secrets)
	if err != nil {
		return nil, "", fmt.Errorf("seal credentials: %w", err)
	}
	k := r.keys[0]
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, "", fmt.Errorf("seal credentials: %w", err)
	}
	out := make([]byte, 0, len(sealMagic)+1+len(k.id)+len(nonce)+len(plain)+k.aead.Overhead())
	out = append(out, sealMagic...)
	out = append(out, byte(len(k.id)))
	out = append(out, k.id...)
	out = append(out, nonce...)
	out = k.aead.Seal(out, nonce, plain, additionalData(workspace, channelID))
	clear(plain)
	return out, k.id, nil
}

// SealedKeyID reads the key id a blob records, without opening it.
func SealedKeyID(sealed []byte) (string, error) {
	if len(sealed) < len(sealMagic)+1 || string(sealed[:len(sealMagic)]) != sealMagic {
		return "", errors.New("not a sealed credentials blob")
	}
	n := int(sealed[len(sealMagic)])
	if len(sealed) < len(sealMagic)+1+n {
		return "", errors.New("sealed credentials blob is truncated")
	}
	return string(sealed[len(sealMagic)+1 : len(sealMagic)+1+n]), nil
}

// Open decrypts a channel's sealed secrets with the key that sealed them.
func (r *KeyRing) Open(workspace, channelID string, sealed []byte) (map[string]string, error) {
	id, err := SealedKeyID(sealed)
	if err != nil {
		return nil, fmt.Errorf("open credentials of channel %s: %w", channelID, err)
	}
	for _, k := range r.keys {
		if k.id != id {
			continue
		}
		rest := sealed[len(sealMagic)+1+len(id):]
		if len(rest) < k.aead.NonceSize()+k.aead.Overhead() {
			return nil, fmt.Errorf("open credentials of channel %s: blob is truncated", channelID)
		}
		nonce, ct := rest[:k.aead.NonceSize()], rest[k.aead.NonceSize():]
		plain, err := k.aead.Open(nil, nonce, ct, additionalData(workspace, channelID))
		if err != nil {
			return nil, fmt.Errorf("open credentials of channel %s: they do not authenticate with key %q (wrong key, or moved from another channel)", channelID, id)
		}
		var secrets map[string]string
		err = json.Unmarshal(plain, &secrets)
		clear(plain)
		if err != nil {
			return nil, fmt.Errorf("open credentials of channel %s: %w", channelID, err)
		}
		return secrets, nil
	}
	return nil, fmt.Errorf("open credentials of channel %s: sealed with key %q, which is not in STORMWATCH_CREDENTIALS_KEY any more", channelID, id)
}

// GenerateKeyEntry returns a new "id:base64key" entry.
func GenerateKeyEntry(id string) string {
	key := make([]byte, 32)
	rand.Read(key) // never fails (crypto/rand)
	return id + ":" + base64.StdEncoding.EncodeToString(key)
}

// DemoKeyFile is the key ring file the demo generates in its data dir.
const DemoKeyFile = "credentials.key"

// LoadOrCreateKeyFile reads the key ring in path, or creates the file
// (mode 0600) with one new key; created says which. For the demo only: a
// real deployment gives STORMWATCH_CREDENTIALS_KEY(_FILE).
func LoadOrCreateKeyFile(path string) (ring *KeyRing, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		ring, err := ParseKeyRing(string(b))
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		return ring, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("credentials key file: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("credentials key file: %w", err)
	}
	entry := GenerateKeyEntry("demo1")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("credentials key file: %w", err)
	}
	if _, err := f.WriteString(entry + "\n"); err != nil {
		f.Close()
		return nil, false, fmt.Errorf("credentials key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, false, fmt.Errorf("credentials key file: %w", err)
	}
	ring, err = ParseKeyRing(entry)
	return ring, true, err
}

// Hint is what the desk may show of a secret: its last four characters
// when it is long enough for that to reveal little, else nothing.
func Hint(secret string) string {
	r := []rune(strings.TrimSpace(secret))
	if len(r) < 16 {
		return "…"
	}
	return "…" + string(r[len(r)-4:])
}
