package spam

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Repeats counts how many distinct authors posted the same text, after
// aggressive normalisation, within a sliding window: copy-paste spam and
// coordinated campaigns. It keeps a bounded in-memory table (least recently
// seen texts are dropped first) and is safe for concurrent use.
//
// The fingerprint of a text is a 64-bit FNV-1a hash of its words folded
// (case, accents, look-alike letters), with links, @mentions, digits,
// punctuation and emoji removed and repeated letters collapsed, so that
// "Great offer!!! 🔥 bit.ly/a1 @anna" and "great offer bit.ly/zz @bob"
// are one text. Texts under MinWords words are not counted: "merci !" from
// many people is not a campaign.
type Repeats struct {
	cfg RepeatsConfig

	mu      sync.Mutex
	entries map[repeatKey]*repeatEntry
	head    *repeatEntry // most recently seen
	tail    *repeatEntry // least recently seen
	now     time.Time    // the latest time observed
}

// RepeatsConfig bounds and tunes a Repeats. Zero fields take the defaults.
type RepeatsConfig struct {
	// Window is how far back authors are counted. Default 10 minutes.
	Window time.Duration
	// MinAuthors is how many distinct authors make a repeat. Default 5.
	MinAuthors int
	// MaxTexts caps the fingerprints kept, all workspaces together.
	// Default 50,000.
	MaxTexts int
	// MaxAuthors caps the authors kept per fingerprint; counts saturate
	// there. Default 256.
	MaxAuthors int
	// MinWords is the fewest words a text needs to be counted. Default 5.
	MinWords int
}

// Defaults of RepeatsConfig.
const (
	DefaultRepeatWindow     = 10 * time.Minute
	DefaultRepeatMinAuthors = 5
	DefaultRepeatMaxTexts   = 50000
	DefaultRepeatMaxAuthors = 256
	DefaultRepeatMinWords   = 5
	repeatsDetectorName     = "spam.repeats"
	sampleLen               = 120
	fnvOffset               = 14695981039346656037
	fnvPrime                = 1099511628211
)

func (c RepeatsConfig) withDefaults() RepeatsConfig {
	if c.Window <= 0 {
		c.Window = DefaultRepeatWindow
	}
	if c.MinAuthors <= 0 {
		c.MinAuthors = DefaultRepeatMinAuthors
	}
	if c.MaxTexts <= 0 {
		c.MaxTexts = DefaultRepeatMaxTexts
	}
	if c.MaxAuthors <= 0 {
		c.MaxAuthors = DefaultRepeatMaxAuthors
	}
	if c.MinWords <= 0 {
		c.MinWords = DefaultRepeatMinWords
	}
	return c
}

type repeatKey struct {
	workspace string
	fp        uint64
}

type repeatEntry struct {
	key        repeatKey
	authors    map[string]time.Time // last post per author
	posts      int
	last       time.Time
	sample     string
	hasLink    bool
	prev, next *repeatEntry
}

// Repeat describes one repeated text at a moment.
type Repeat struct {
	Workspace   string
	Fingerprint uint64
	// Authors is how many distinct authors posted it within the window.
	Authors int
	// Posts is how many times it was observed while kept (all authors,
	// repeats of one author included).
	Posts int
	// First and Last bound the in-window posts of those authors.
	First, Last time.Time
	// Sample is the beginning of one of the texts, for the desk.
	Sample string
	// HasLink reports whether the text carries a link.
	HasLink bool
}

// NewRepeats returns an empty table.
func NewRepeats(cfg RepeatsConfig) *Repeats {
	return &Repeats{cfg: cfg.withDefaults(), entries: map[repeatKey]*repeatEntry{}}
}

// Config returns the configuration in force, defaults filled in.
func (r *Repeats) Config() RepeatsConfig { return r.cfg }

// Fingerprint returns the fingerprint of text and whether it is long
// enough to be counted.
func (r *Repeats) Fingerprint(text string) (uint64, bool) {
	fp, words, _ := fingerprint(text)
	return fp, words >= r.cfg.MinWords
}

// fingerprint hashes the normalised words of text.
func fingerprint(text string) (fp uint64, words int, hasLink bool) {
	if len(text) > maxText {
		text = text[:maxText]
	}
	sc := pool.Get().(*scratch)
	defer pool.Put(sc)
	sc.links = findLinks(text, sc.links[:0])
	sc.skip = sc.skip[:0]
	last := 0
	for _, l := range sc.links {
		if l.start >= last {
			sc.skip = append(sc.skip, byteRange{l.start, l.end})
			last = l.end
		}
	}
	sc.buf, sc.toks = tokenize(text, sc.buf[:0], sc.toks[:0], sc.skip)
	h := uint64(fnvOffset)
	var word [64]byte
	for _, t := range sc.toks {
		if t.mention {
			continue
		}
		w := word[:0]
		var prev byte
		for _, c := range sc.buf[t.fs:t.fe] {
			if c >= '0' && c <= '9' {
				continue
			}
			if c == prev && c < utf8.RuneSelf {
				continue // "sooo" is "so"
			}
			prev = c
			if len(w) < cap(w) {
				w = append(w, c)
			}
		}
		if len(w) == 0 {
			continue
		}
		if words > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		for _, c := range w {
			h = (h ^ uint64(c)) * fnvPrime
		}
		words++
	}
	return h, words, len(sc.links) > 0
}

// Observe records that authorID posted text in workspace at the given
// time, and returns how many distinct authors (this one included) posted
// the same text within the window ending then. It returns 0 for texts too
// short to count. A zero time means now.
func (r *Repeats) Observe(workspace, authorID, text string, at time.Time) int {
	rep, _ := r.observe(workspace, authorID, text, at, true)
	return rep.Authors
}

// ObserveRepeat is Observe returning the whole description.
func (r *Repeats) ObserveRepeat(workspace, authorID, text string, at time.Time) (Repeat, bool) {
	return r.observe(workspace, authorID, text, at, true)
}

// Lookup describes text as seen so far, without recording anything.
func (r *Repeats) Lookup(workspace, text string, at time.Time) (Repeat, bool) {
	return r.observe(workspace, "", text, at, false)
}

func (r *Repeats) observe(workspace, authorID, text string, at time.Time, record bool) (Repeat, bool) {
	fp, words, hasLink := fingerprint(text)
	if words < r.cfg.MinWords {
		return Repeat{}, false
	}
	if at.IsZero() {
		at = time.Now()
	}
	k := repeatKey{workspace, fp}
	r.mu.Lock()
	defer r.mu.Unlock()
	if at.After(r.now) {
		r.now = at
	}
	e := r.entries[k]
	if record {
		if e == nil {
			e = &repeatEntry{key: k, authors: map[string]time.Time{}, sample: sample(text), hasLink: hasLink}
			r.entries[k] = e
			r.pushFront(e)
		} else {
			r.moveFront(e)
		}
		e.posts++
		if at.After(e.last) {
			e.last = at
		}
		if prev, ok := e.authors[authorID]; !ok || at.After(prev) {
			if ok || len(e.authors) < r.cfg.MaxAuthors {
				e.authors[authorID] = at
			} else if r.pruneAuthors(e, at) < r.cfg.MaxAuthors {
				e.authors[authorID] = at
			}
		}
		r.evict()
	}
	if e == nil {
		return Repeat{Workspace: workspace, Fingerprint: fp}, true
	}
	return r.describe(e, at), true
}

// describe counts e's authors within the window ending at.
func (r *Repeats) describe(e *repeatEntry, at time.Time) Repeat {
	rep := Repeat{Workspace: e.key.workspace, Fingerprint: e.key.fp, Posts: e.posts, Sample: e.sample, HasLink: e.hasLink}
	from := at.Add(-r.cfg.Window)
	for _, t := range e.authors {
		if t.Before(from) || t.After(at) {
			continue
		}
		rep.Authors++
		if rep.First.IsZero() || t.Before(rep.First) {
			rep.First = t
		}
		if t.After(rep.Last) {
			rep.Last = t
		}
	}
	return rep
}

func (r *Repeats) pruneAuthors(e *repeatEntry, at time.Time) int {
	from := at.Add(-r.cfg.Window)
	for a, t := range e.authors {
		if t.Before(from) {
			delete(e.authors, a)
		}
	}
	return len(e.authors)
}

// evict drops texts not seen within the window, then the least recently
// seen ones beyond MaxTexts.
func (r *Repeats) evict() {
	from := r.now.Add(-r.cfg.Window)
	for r.tail != nil && (len(r.entries) > r.cfg.MaxTexts || r.tail.last.Before(from)) {
		e := r.tail
		r.unlink(e)
		delete(r.entries, e.key)
	}
}

func (r *Repeats) pushFront(e *repeatEntry) {
	e.prev, e.next = nil, r.head
	if r.head != nil {
		r.head.prev = e
	}
	r.head = e
	if r.tail == nil {
		r.tail = e
	}
}

func (r *Repeats) unlink(e *repeatEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		r.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		r.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (r *Repeats) moveFront(e *repeatEntry) {
	if r.head == e {
		return
	}
	r.unlink(e)
	r.pushFront(e)
}

// Len is the number of fingerprints kept.
func (r *Repeats) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.entries)
}

// Campaigns lists the texts of workspace posted by at least minAuthors
// distinct authors within the window ending at, most authors first: what
// the listen package watches for storms. minAuthors <= 0 means MinAuthors.
func (r *Repeats) Campaigns(workspace string, at time.Time, minAuthors int) []Repeat {
	if minAuthors <= 0 {
		minAuthors = r.cfg.MinAuthors
	}
	r.mu.Lock()
	var out []Repeat
	for e := r.head; e != nil; e = e.next {
		if e.key.workspace != workspace {
			continue
		}
		if rep := r.describe(e, at); rep.Authors >= minAuthors {
			out = append(out, rep)
		}
	}
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Authors != out[j].Authors {
			return out[i].Authors > out[j].Authors
		}
		return out[i].Fingerprint < out[j].Fingerprint
	})
	return out
}

func sample(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	if len(s) > sampleLen {
		s = s[:sampleLen]
		for len(s) > 0 && !utf8.RuneStart(s[len(s)-1]) {
			s = s[:len(s)-1]
		}
		if len(s) > 0 {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Score is the spam score of a repeat: 0 below MinAuthors, then 0.5
// rising by 0.03 an author to 0.75 for a text without link, and 0.7 rising
// to 0.95 with a link (copy-pasted links are the classic spam run).
func (r *Repeats) Score(rep Repeat) float64 {
	if rep.Authors < r.cfg.MinAuthors {
		return 0
	}
	extra := float64(rep.Authors-r.cfg.MinAuthors) * 0.03
	if rep.HasLink {
		return min(0.7+extra, 0.95)
	}
	return min(0.5+extra, 0.75)
}

// Explain says what a repeat is, in a moderator's words:
// "same text from 7 authors in 10 min".
func Explain(rep Repeat) string {
	d := rep.Last.Sub(rep.First)
	var span string
	switch {
	case d < time.Minute:
		span = "under a minute"
	case d < time.Hour:
		span = fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	default:
		span = fmt.Sprintf("%.1f h", d.Hours())
	}
	s := fmt.Sprintf("same text from %d authors in %s", rep.Authors, span)
	if rep.HasLink {
		s += ", with a link"
	}
	return s
}

// Detector returns a detect.Detector (Name "spam.repeats") that observes
// every item whose Input names its workspace and author, and emits a spam
// signal once MinAuthors distinct authors posted the same text within the
// window. Items without an author (classify, eval) are not observed and get
// no signal. A zero In.At means now.
func (r *Repeats) Detector() detect.Detector { return repeatsDetector{r} }

type repeatsDetector struct{ r *Repeats }

func (d repeatsDetector) Name() string    { return repeatsDetectorName }
func (d repeatsDetector) Version() string { return detectorVersion }

func (d repeatsDetector) Detect(ctx context.Context, in detect.Input) ([]detect.Signal, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.AuthorID == "" {
		return nil, nil
	}
	at := in.At
	if at.IsZero() {
		at = time.Now()
	}
	rep, ok := d.r.ObserveRepeat(in.Workspace, in.AuthorID, in.Text, at)
	if !ok || rep.Authors < d.r.cfg.MinAuthors {
		return nil, nil
	}
	score := d.r.Score(rep)
	spans := []detect.Span{}
	trimStart, trimEnd := trimSpace(in.Text)
	if sp, ok := snap(in.Text, trimStart, trimEnd); ok {
		spans = append(spans, sp)
	}
	return []detect.Signal{{
		Category:    detect.Spam,
		Score:       round3(score),
		Spans:       spans,
		Severity:    severity(score),
		Detector:    repeatsDetectorName,
		Version:     detectorVersion,
		Explanation: Explain(rep),
	}}, nil
}

// trimSpace returns the bounds of text without leading and trailing ASCII
// white space (always on rune boundaries).
func trimSpace(text string) (int, int) {
	s, e := 0, len(text)
	for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\n' || text[s] == '\r') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\n' || text[e-1] == '\r') {
		e--
	}
	return s, e
}
