package store

// Replies is the part of the store for reply templates, drafts and their approvals.
type Replies interface{}
