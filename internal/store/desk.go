package store

// Desk is the part of the store for what the desk's inbox and review queue need: listing and filtering items with their decisions, claims, moderation state, corrections.
type Desk interface{}
