package store

// Tasks: follow-up tasks (from survey answers and elsewhere).
type Tasks interface {
}
