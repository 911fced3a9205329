//go:build !linux

package builtin

// releaseReadOnlyData does nothing where mappings cannot be listed.
func releaseReadOnlyData() {}
