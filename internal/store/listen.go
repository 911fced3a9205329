package store

// Listen is the part of the store for listening: durable minute and hour roll-ups of volume and tone per workspace, channel and topic.
type Listen interface{}
