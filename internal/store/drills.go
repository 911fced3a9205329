package store

// Drills: tabletop drills and checklists (self-assessments).
type Drills interface {
}
