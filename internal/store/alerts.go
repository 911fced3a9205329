package store

// Alerts is the part of the store for alerts: early warnings, their acknowledgement, the on-call rota and escalations.
type Alerts interface{}
