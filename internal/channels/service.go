package channels

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/store"
)

// Service changes a workspace's channels: it checks settings against the
// kind, seals secrets before they reach the store, and re-seals them when
// the key ring rotates. Secrets go in and never come back out of it,
// except to build a connector (Config).
type Service struct {
	Store store.Channels
	// Keys is nil when no credentials key is configured: channels can
	// then be listed and removed, not connected.
	Keys *KeyRing
	// HTTPClient is given to the connectors; default 30 s timeout.
	HTTPClient *http.Client
	// MaxRetryWait caps the platforms' Retry-After in connectors that
	// support it; 0 keeps their default (tests shorten it).
	MaxRetryWait time.Duration
	// Changed, when set, is called after every change (the supervisor's
	// Reload), so a channel starts or stops at once.
	Changed func()
}

// Errors a person can act on.
var (
	ErrUnknownKind = errors.New("unknown channel kind")
	ErrName        = errors.New("a channel needs a name of at most 100 characters")
)

// NewID returns a new opaque channel id: "ch_" and 26 base32 characters
// (128 random bits), safe in a URL and unguessable.
func NewID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails
	return IDPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

func clean(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			out[k] = v
		}
	}
	return out
}

func checkName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 100 {
		return "", ErrName
	}
	return name, nil
}

func (s *Service) changed() {
	if s.Changed != nil {
		s.Changed()
	}
}

// Create connects a new channel, enabled.
func (s *Service) Create(ctx context.Context, workspace, kind, name string, settings, secrets map[string]string, actor string) (store.Channel, error) {
	k, ok := Lookup(kind)
	if !ok {
		return store.Channel{}, fmt.Errorf("%w %q", ErrUnknownKind, kind)
	}
	name, err := checkName(name)
	if err != nil {
		return store.Channel{}, err
	}
	settings, secrets = clean(settings), clean(secrets)
	if err := k.Validate(settings, secrets, false); err != nil {
		return store.Channel{}, err
	}
	ch := store.Channel{ID: NewID(), Workspace: workspace, Kind: kind, Name: name, Settings: settings, Enabled: true}
	if len(secrets) > 0 {
		if s.Keys == nil {
			return store.Channel{}, ErrNoKey
		}
		ch.Credentials, ch.KeyID, err = s.Keys.Seal(workspace, ch.ID, secrets)
		if err != nil {
			return store.Channel{}, err
		}
		ch.SecretHints, ch.CredentialsSetAt = hints(secrets), time.Now().UTC()
	}
	// Build once before storing: a bad URL is refused at entry, not
	// found by the supervisor later.
	if _, err := k.New(s.config(ch, secrets)); err != nil {
		return store.Channel{}, fmt.Errorf("%s: %w", k.Label, err)
	}
	if err := s.Store.CreateChannel(ctx, ch, actor); err != nil {
		return store.Channel{}, err
	}
	s.changed()
	return ch, nil
}

func hints(secrets map[string]string) map[string]string {
	h := map[string]string{}
	for k, v := range secrets {
		h[k] = Hint(v)
	}
	return h
}

// Update changes a channel's name and settings; secrets stay.
func (s *Service) Update(ctx context.Context, workspace, id, name string, settings map[string]string, actor string) (store.Channel, error) {
	ch, err := s.Store.Channel(ctx, workspace, id)
	if err != nil {
		return ch, err
	}
	k, ok := Lookup(ch.Kind)
	if !ok {
		return ch, fmt.Errorf("%w %q", ErrUnknownKind, ch.Kind)
	}
	if name, err = checkName(name); err != nil {
		return ch, err
	}
	settings = clean(settings)
	if err := k.Validate(settings, nil, true); err != nil {
		return ch, err
	}
	ch, err = s.Store.UpdateChannel(ctx, workspace, id, name, settings, actor)
	if err == nil {
		s.changed()
	}
	return ch, err
}

// SetEnabled starts or stops a channel.
func (s *Service) SetEnabled(ctx context.Context, workspace, id string, enabled bool, actor string) (store.Channel, error) {
	ch, err := s.Store.SetChannelEnabled(ctx, workspace, id, enabled, actor)
	if err == nil {
		s.changed()
	}
	return ch, err
}

// ReplaceSecrets seals new secrets for a channel. A secret left empty
// keeps its stored value, so replacing one token does not mean typing
// the app secret again.
func (s *Service) ReplaceSecrets(ctx context.Context, workspace, id string, secrets map[string]string, actor string) (store.Channel, error) {
	if s.Keys == nil {
		return store.Channel{}, ErrNoKey
	}
	ch, err := s.Store.Channel(ctx, workspace, id)
	if err != nil {
		return ch, err
	}
	k, ok := Lookup(ch.Kind)
	if !ok {
		return ch, fmt.Errorf("%w %q", ErrUnknownKind, ch.Kind)
	}
	secrets = clean(secrets)
	if len(secrets) == 0 {
		return ch, fmt.Errorf("secrets: %w", ErrMissing)
	}
	merged := map[string]string{}
	if len(ch.Credentials) > 0 {
		old, err := s.Keys.Open(workspace, id, ch.Credentials)
		if err != nil {
			return ch, err
		}
		merged = old
	}
	maps.Copy(merged, secrets)
	if err := k.Validate(ch.Settings, merged, false); err != nil {
		return ch, err
	}
	sealed, keyID, err := s.Keys.Seal(workspace, id, merged)
	if err != nil {
		return ch, err
	}
	ch, err = s.Store.SetChannelCredentials(ctx, workspace, id, store.ChannelCredentials{Sealed: sealed, KeyID: keyID, Hints: hints(merged), SetAt: time.Now().UTC()}, actor)
	if err == nil {
		s.changed()
	}
	return ch, err
}

// Remove disconnects a channel; its items stay.
func (s *Service) Remove(ctx context.Context, workspace, id, actor string) error {
	err := s.Store.DeleteChannel(ctx, workspace, id, actor)
	if err == nil {
		s.changed()
	}
	return err
}

// Config opens a channel's secrets into the Config its kind builds from.
func (s *Service) Config(ch store.Channel) (Config, error) {
	var secrets map[string]string
	if len(ch.Credentials) > 0 {
		if s.Keys == nil {
			return Config{}, ErrNoKey
		}
		var err error
		if secrets, err = s.Keys.Open(ch.Workspace, ch.ID, ch.Credentials); err != nil {
			return Config{}, err
		}
	}
	return s.config(ch, secrets), nil
}

func (s *Service) config(ch store.Channel, secrets map[string]string) Config {
	hc := s.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return Config{ID: ch.ID, Workspace: ch.Workspace, Channel: ChannelName(ch.Kind, ch.ID),
		Settings: maps.Clone(ch.Settings), Secrets: secrets, HTTPClient: hc, MaxRetryWait: s.MaxRetryWait}
}

// RotateKeys re-seals with the newest key every channel's secrets sealed
// with an older one. It returns how many it re-sealed; a channel whose
// key is missing from the ring is reported in the error and left as is.
func (s *Service) RotateKeys(ctx context.Context, actor string) (int, error) {
	if s.Keys == nil {
		return 0, ErrNoKey
	}
	all, err := s.Store.ListChannels(ctx, "")
	if err != nil {
		return 0, err
	}
	newest := s.Keys.NewestKeyID()
	n := 0
	var errs []error
	for _, ch := range all {
		if len(ch.Credentials) == 0 || ch.KeyID == newest {
			continue
		}
		secrets, err := s.Keys.Open(ch.Workspace, ch.ID, ch.Credentials)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sealed, keyID, err := s.Keys.Seal(ch.Workspace, ch.ID, secrets)
		clear(secrets)
		if err == nil {
			err = s.Store.RekeyChannelCredentials(ctx, ch.Workspace, ch.ID, ch.KeyID, sealed, keyID, actor)
		}
		if errors.Is(err, store.ErrConflict) {
			continue // replaced meanwhile, with the newest key
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
