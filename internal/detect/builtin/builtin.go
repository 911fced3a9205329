// Package builtin assembles the detectors that ship in the binary into the
// default engine, loading their embedded data once per process.
package builtin

import (
	"sync"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/lang"
	"github.com/stormwatch/stormwatch/internal/detect/lexicon"
	"github.com/stormwatch/stormwatch/internal/detect/pii"
)

var (
	once   sync.Once
	engine *detect.Engine
	err    error
)

// Engine returns the default engine: language identification, personal
// data with checksums, and the multilingual lexicons. It is built once and
// safe for concurrent use.
func Engine() (*detect.Engine, error) {
	once.Do(func() {
		lex, lerr := lexicon.New()
		if lerr != nil {
			err = lerr
			return
		}
		id := lang.Default()
		// Load the language models now rather than on the first comment
		// that needs them, so no item pays seconds of latency.
		id.Warm()
		engine = detect.NewEngine(id, pii.New(), lex)
	})
	return engine, err
}
