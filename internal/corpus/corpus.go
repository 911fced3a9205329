// Package corpus owns the training data of Stormwatch's statistical model:
// readers for the shared corpora (../shared/corpora) with the explicit
// mapping of each corpus' own labels to the model's heads and to
// Stormwatch categories, the project's own labelled examples (data/, for
// the languages no open corpus covers and for hard cases), and the
// deterministic train / validation / held-out split.
//
// Nothing here is needed at run time: the detector only embeds the weights
// the trainer (cmd/stormwatch-train) makes from these examples.
package corpus

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/model"
)

// Part is where the split puts an example.
type Part int

// The parts.
const (
	Train Part = iota
	Validation
	Heldout
)

func (p Part) String() string {
	switch p {
	case Train:
		return "train"
	case Validation:
		return "validation"
	case Heldout:
		return "heldout"
	}
	return "unknown"
}

// Example is one labelled text, mapped to the model's heads.
type Example struct {
	Text string
	Lang string // ISO 639-1 (nb and nn for Norwegian)
	// Source names the corpus ("germeval2018", "davidson2017",
	// "mlma2019", "dkhate", "ldnoobw", "project").
	Source string
	// Group is the unit of class balancing and corpus weighting: the
	// source, split by language where a source has several.
	Group string
	// Label is the label as the source wrote it.
	Label string
	// Heads holds the target of each model head: 1, 0, or -1 when the
	// source's label says nothing about that head.
	Heads [model.NumHeads]int8
	// Trust scales the example's weight: below 1 for labels known to be
	// noisy.
	Trust float32
	// Category is the Stormwatch category the label maps to, "" when the
	// text should not be acted on (clean, complaint, profanity only).
	Category detect.Category
	// Part is the split, fixed by the source (GermEval's official test
	// set is held out) or by Split.
	Part Part
}

// Action is what Stormwatch should do with the text: "remove" for hate,
// insult/abusive language and threats, "keep" otherwise (clean text,
// legitimate complaints, profanity without a target).
func (e Example) Action() string {
	switch e.Category {
	case detect.Hate, detect.Insult, detect.Threat, detect.Harassment:
		return "remove"
	}
	return "keep"
}

// EvalCategory is the gold category written to the held-out files: the
// mapped category, or for the project's own examples the category of
// ordinary customer messages (complaint, question, praise), else "none"
// (the evaluation format's word for a text with no category).
func (e Example) EvalCategory() string {
	if e.Category != "" {
		return string(e.Category)
	}
	if e.Source == "project" {
		switch e.Label {
		case "complaint", "question", "praise":
			return e.Label
		}
	}
	return "none"
}

// Tags names the hard-case family of a project example for the
// evaluation report ("complaint", "counter-speech", ...), nil otherwise.
func (e Example) Tags() []string {
	if e.Source != "project" {
		return nil
	}
	switch e.Label {
	case "complaint":
		return []string{"complaint"}
	case "counter":
		return []string{"counter-speech"}
	case "neutral":
		return []string{"neutral-identity"}
	case "profanity":
		return []string{"profanity"}
	case "clean":
		return []string{"negation-or-object"}
	}
	return nil
}

var (
	keyMu sync.Mutex
	keyX  = model.NewExtractor(model.DefaultConfig)
)

// Key returns the normalised form of text used by Split and for
// deduplication: the model's own word normalisation, with handles, URLs
// and retweet markers dropped.
func Key(text string) string {
	keyMu.Lock()
	defer keyMu.Unlock()
	return keyX.Key(text)
}

// Split puts a text in a part by a fixed hash of its normalised form:
// 80 % train, 10 % validation, 10 % held out. The same text (up to case,
// handles and URLs) always lands in the same part, whichever corpus it
// comes from.
func Split(text string) Part {
	h := fnv.New64a()
	io.WriteString(h, "stormwatch-split-v1\x00")
	io.WriteString(h, Key(text))
	switch v := h.Sum64() % 100; {
	case v < 80:
		return Train
	case v < 90:
		return Validation
	}
	return Heldout
}

// SampleKey is a fixed hash of the normalised text, used to sample the
// held-out files deterministically.
func SampleKey(text string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, "stormwatch-sample-v1\x00")
	io.WriteString(h, Key(text))
	return h.Sum64()
}

// readTSV reads a corpus file: header text, label, lang, then rows split
// on tabs without quoting.
func readTSV(r io.Reader, name string, fn func(text, label, lang string, extra []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			if !strings.HasPrefix(sc.Text(), "text\tlabel\tlang") {
				return fmt.Errorf("%s: header %q, want text<TAB>label<TAB>lang", name, sc.Text())
			}
			continue
		}
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 3 {
			return fmt.Errorf("%s:%d: %d fields, want at least 3", name, line, len(f))
		}
		if err := fn(f[0], strings.TrimSpace(f[1]), strings.TrimSpace(f[2]), f[3:]); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

func readFile(dir, rel string, fn func(text, label, lang string, extra []string) error) error {
	f, err := os.Open(filepath.Join(dir, rel))
	if err != nil {
		return err
	}
	defer f.Close()
	return readTSV(f, rel, fn)
}

// Load reads every shared corpus under dir (../shared/corpora) and maps
// its labels. The order of the result is fixed: corpora in a fixed order,
// rows in file order.
func Load(dir string) ([]Example, error) {
	var all []Example
	for _, l := range []func(string) ([]Example, error){GermEval, Davidson, MLMA, DKHate, LDNOOBW} {
		ex, err := l(dir)
		if err != nil {
			return nil, err
		}
		all = append(all, ex...)
	}
	return all, nil
}
