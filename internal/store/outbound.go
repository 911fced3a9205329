package store

// Outbound: outbound drafts, the account registry, consents and protected persons.
type Outbound interface {
}
