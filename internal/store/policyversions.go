package store

// PolicyVersions: policy builder answers and kept versions of the policy and guidelines.
type PolicyVersions interface {
}
