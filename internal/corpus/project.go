package corpus

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect/model"
)

// data holds the project's own labelled examples, written for Stormwatch
// (see data/README.md). They are embedded so tests run without ../shared.
//
//go:embed data/*.tsv
var data embed.FS

// ProjectFiles lists the embedded example files in a fixed order.
func ProjectFiles() []string {
	names, _ := fs.Glob(data, "data/*.tsv")
	sort.Strings(names)
	return names
}

// ProjectData returns the raw bytes of the embedded example files, in the
// order of ProjectFiles (the trainer hashes them into the weights).
func ProjectData() [][]byte {
	var out [][]byte
	for _, n := range ProjectFiles() {
		b, _ := data.ReadFile(n)
		out = append(out, b)
	}
	return out
}

// ThreatsFile holds hand-written threats and the innocent texts that share
// their words, for the threat head only (data/README.md).
const ThreatsFile = "threats.tsv"

// Project returns the project's own examples, mapped with mapProject and
// split with Split; each language of each kind (hand-written, templates)
// is its own balancing group. The lines of ThreatsFile and TuningFile
// teach the threat head only: on the abusive head, 2,000 threats and
// look-alikes written in one batch cost two blind removals and a
// complaint; on the threat head they are what it learns from.
func Project() ([]Example, error) {
	var out []Example
	for _, n := range ProjectFiles() {
		b, err := data.ReadFile(n)
		if err != nil {
			return nil, err
		}
		// templates.tsv holds sentences expanded from templates over
		// identity groups (see data/README.md): its own balancing group
		// per language, at trust 0.6, so the template structure does not
		// outweigh the hand-written lines.
		group, tmplTrust := "project/", float32(1)
		switch {
		case strings.HasPrefix(path.Base(n), "templates"):
			// templates-positive.tsv (groups praised) balances on its own,
			// so it adds to the hateful templates rather than diluting them.
			group, tmplTrust = strings.TrimSuffix(path.Base(n), ".tsv")+"/", 0.6
		case strings.HasPrefix(path.Base(n), "probes"):
			group, tmplTrust = "probes/", 0.3
		case path.Base(n) == IndependentFile:
			// Written by third parties in phrasings the engine missed:
			// a balancing group of its own, so the sets that grow each
			// session do not outweigh the project's hand-written lines.
			group = "independent/"
		case path.Base(n) == TuningFile, path.Base(n) == ThreatsFile:
			group = "threat-only/"
		}
		err = readTSV(bytes.NewReader(b), n, func(text, label, lang string, _ []string) error {
			h, cat, trust, err := mapProject(label)
			if err != nil {
				return err
			}
			trust *= tmplTrust
			// A threat teaches the threat head only, wherever it comes
			// from: on the abusive head the threats of the independent
			// sets made "I'll be outside your house at 8 to take you to
			// the appointment" an insult.
			if group == "threat-only/" || (group == "independent/" && label == "threat") {
				for i := range h {
					if i != model.HeadThreat {
						h[i] = -1
					}
				}
			}
			out = append(out, Example{Text: text, Lang: lang, Source: "project", Group: group + lang, Label: label,
				Heads: h, Trust: trust, Category: cat, Part: Split(text)})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ProjectHash is the SHA-256 of the embedded example files.
func ProjectHash() [32]byte {
	h := sha256.New()
	for i, b := range ProjectData() {
		h.Write([]byte(ProjectFiles()[i]))
		h.Write(b)
	}
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s
}
