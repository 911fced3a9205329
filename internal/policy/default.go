package policy

import (
	_ "embed"
	"slices"
	"sync"
)

//go:embed default.yaml
var defaultYAML []byte

//go:embed example_clinic.yaml
var exampleClinicYAML []byte

// DefaultFile and ExampleClinicFile are the names the embedded policies are
// parsed under, so that their problems and decisions name a file.
const (
	DefaultFile       = "default.yaml"
	ExampleClinicFile = "example_clinic.yaml"
)

var (
	defaultOnce   sync.Once
	defaultPolicy *Policy
)

// Default returns the built-in default policy, used when an organization has
// not written its own. It is parsed once and shared.
func Default() *Policy {
	defaultOnce.Do(func() {
		p, err := Parse(defaultYAML, DefaultFile)
		if err != nil {
			// The embedded file is part of the build and covered by tests;
			// reaching this is a build defect, not bad input.
			panic("policy: the embedded default policy is invalid:\n" + err.Error())
		}
		defaultPolicy = p
	})
	return defaultPolicy
}

// DefaultYAML returns the text of the default policy, to start a policy of
// one's own from.
func DefaultYAML() []byte { return slices.Clone(defaultYAML) }

// ExampleClinicYAML returns the example policy of the demo workspace: a
// veterinary clinic, written in French first.
func ExampleClinicYAML() []byte { return slices.Clone(exampleClinicYAML) }

// ExampleClinic parses the example clinic policy.
func ExampleClinic() (*Policy, error) { return Parse(exampleClinicYAML, ExampleClinicFile) }
