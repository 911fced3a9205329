package store

import (
	"context"
	"time"
)

// Channel is one connected account or page of a workspace. Its secrets
// are sealed by the channels package (AES-256-GCM) before they reach the
// store: the store keeps ciphertext it cannot read, the id of the key that
// sealed it, and harmless hints for the desk ("set on …, ends …1234").
type Channel struct {
	// ID is opaque and random ("ch_…"); it names the channel in webhook
	// URLs and on items ("<kind>:<id>"), never the workspace.
	ID        string `json:"id"`
	Workspace string `json:"workspace"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	// Settings are the kind's non-secret settings, as entered.
	Settings map[string]string `json:"settings"`
	// Credentials is the sealed secrets blob; KeyID the key that sealed it.
	Credentials []byte `json:"-"`
	KeyID       string `json:"-"`
	// SecretHints are per secret the last characters shown in the desk
	// ("…1234"), at most four; CredentialsSetAt when they were entered.
	SecretHints      map[string]string `json:"secret_hints,omitempty"`
	CredentialsSetAt time.Time         `json:"credentials_set_at,omitzero"`
	Enabled          bool              `json:"enabled"`
	CreatedAt        time.Time         `json:"created_at"`
	UpdatedAt        time.Time         `json:"updated_at"`
	// Health, written by the supervisor and the webhooks (not audited:
	// it is observation, not a change anyone made).
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	LastItemAt  time.Time `json:"last_item_at,omitzero"`
}

// ChannelCredentials is a new sealed secrets blob for a channel.
type ChannelCredentials struct {
	Sealed []byte
	KeyID  string
	Hints  map[string]string
	SetAt  time.Time
}

// ChannelHealth is what the supervisor observed. A zero ItemAt leaves the
// last item time; Err nil leaves the last error, "" clears it.
type ChannelHealth struct {
	ItemAt time.Time
	Err    *string
	At     time.Time
}

// Channels: connected channels per workspace (kind, settings, encrypted credentials, health).
// Every change made by someone is audited in the same transaction, with
// no secret, no ciphertext and no hint in the audit data.
type Channels interface {
	// CreateChannel stores a new channel; ErrConflict when the id exists.
	CreateChannel(ctx context.Context, ch Channel, actor string) error
	Channel(ctx context.Context, workspace, id string) (Channel, error)
	// ChannelByID finds a channel by id alone, for webhooks whose URL
	// carries only the id.
	ChannelByID(ctx context.Context, id string) (Channel, error)
	// ListChannels lists a workspace's channels by name; workspace ""
	// lists every workspace's (the supervisor, key rotation).
	ListChannels(ctx context.Context, workspace string) ([]Channel, error)
	// UpdateChannel changes a channel's name and settings.
	UpdateChannel(ctx context.Context, workspace, id, name string, settings map[string]string, actor string) (Channel, error)
	SetChannelEnabled(ctx context.Context, workspace, id string, enabled bool, actor string) (Channel, error)
	// SetChannelCredentials replaces the sealed secrets (a person entered
	// new ones).
	SetChannelCredentials(ctx context.Context, workspace, id string, c ChannelCredentials, actor string) (Channel, error)
	// RekeyChannelCredentials stores the same secrets sealed with another
	// key, only if they are still sealed with fromKeyID (ErrConflict
	// otherwise: someone replaced them meanwhile). Hints and dates stay.
	RekeyChannelCredentials(ctx context.Context, workspace, id, fromKeyID string, sealed []byte, keyID, actor string) error
	DeleteChannel(ctx context.Context, workspace, id, actor string) error
	SetChannelHealth(ctx context.Context, workspace, id string, h ChannelHealth) error
}
