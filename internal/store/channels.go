package store

// Channels: connected channels per workspace (kind, settings, encrypted credentials, health).
type Channels interface {
}
