package store

// Cases is the part of the store for cases: incidents with items, evidence files, notes, timeline, roles, agreements.
type Cases interface{}
