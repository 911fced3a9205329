package detect

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Result is what the engine found in one text.
type Result struct {
	// Lang is the language used for detection: the one given, or the one
	// identified, or "" when neither.
	Lang string `json:"lang"`
	// Signals holds one merged signal per category (per entity for pii and
	// doxxing), strongest first.
	Signals []Signal `json:"signals"`
	// Versions names every detector that ran, "name/version", so a decision
	// can be explained and replayed.
	Versions []string `json:"versions"`
	// Errors holds detectors that failed; the others' signals still count.
	Errors []string `json:"errors,omitempty"`
}

// Engine runs detectors over a text and merges their signals.
type Engine struct {
	detectors []Detector
	langID    LanguageIdentifier
	versions  []string
	refiner   Refiner
	agree     map[Category]Agreement
	deferTo   map[Category]Deference
	corrob    map[Category]Corroboration
	consensus *Consensus
}

// Deference caps a category that one detector alone reports when another
// detector has judged the abuse in the same text to be mild (a signal of
// one of Judges with severity 1: negated, quoted, counter-speech, aimed
// at a thing, a mild word): a model that reads the words but not their
// context must not remove what the contextual reading let through.
//
// Contrary does the same, at ContraryCap, when another detector found no
// abuse at all but one of these categories at or above the severity given:
// a lone model insult in a text the lexicon reads as strong praise ("Wat een
// schatje van een pup, ga zo door!") is the model misreading the words;
// sarcasm so read is a mild remark by the sets' guide, not a removal.
//
// The cap also holds where several detectors report the category together
// and one of them found the words only mentioned (Signal.Mentioned: named
// by counter-speech): the highest score would otherwise stand, and
// a model reading the words would remove the counter-speech the context
// reading let through.
type Deference struct {
	Cap    float64
	Judges []Category

	Contrary    map[Category]int
	ContraryCap float64
}

// WithDeference returns a copy of the engine that applies d (nil turns it
// off).
func (e *Engine) WithDeference(d map[Category]Deference) *Engine {
	c := *e
	c.deferTo = d
	return &c
}

// Agreement says how two detectors that find the same category on their
// own grounds (a lexicon entry judged in context, a statistical model)
// strengthen each other: when the stronger gives at least Lead and another
// at least Support, the merged score is their noisy-OR, 1-(1-a)(1-b), at
// most Max. Below those floors the highest score wins as usual, so a
// lexicon match that context has lowered (negated, quoted, aimed at a
// thing) is never raised back by a model that cannot see the context.
type Agreement struct {
	Lead, Support, Max float64
	// MinSeverity, when set, is the merged severity the lift needs: a
	// detector that judged the harm mild (severity 1: a comparison said of
	// "them", a word aimed at a thing) keeps its verdict for a person to
	// read, whatever the other one thinks.
	MinSeverity int
	// Unless lists categories that, at or above their score in the merged
	// result, forbid the lift: a complaint is not confirmed in a text that
	// also insults, harasses or threatens someone.
	Unless map[Category]float64
}

// WithAgreement returns a copy of the engine that lifts the categories in
// agree when independent detectors agree on them (nil turns it off).
func (e *Engine) WithAgreement(agree map[Category]Agreement) *Engine {
	c := *e
	c.agree = agree
	return &c
}

// Refiner revisits a merged result, for example by asking an external
// scorer about ambiguous items. It must return the primary result
// unchanged (with a note in Errors) when it cannot help in time.
type Refiner interface {
	Refine(ctx context.Context, in Input, primary Result) Result
}

// WithRefiner returns a copy of the engine that passes every result
// through r (nil turns refining off).
func (e *Engine) WithRefiner(r Refiner) *Engine {
	c := *e
	c.refiner = r
	return &c
}

// NewEngine builds an engine. langID may be nil, in which case the language
// is only what the caller says.
func NewEngine(langID LanguageIdentifier, detectors ...Detector) *Engine {
	e := &Engine{detectors: detectors, langID: langID}
	if v, ok := langID.(interface{ Version() string }); ok {
		e.versions = append(e.versions, "lang/"+v.Version())
	}
	for _, d := range detectors {
		e.versions = append(e.versions, d.Name()+"/"+d.Version())
	}
	return e
}

// Versions names the detectors this engine runs.
func (e *Engine) Versions() []string { return append([]string(nil), e.versions...) }

// Analyze runs every detector over in.Text. A detector that fails or
// returns out-of-range spans is reported in Result.Errors; it never stops
// the others, because a missed signal is better than a lost item.
func (e *Engine) Analyze(ctx context.Context, in Input) Result {
	res := Result{Lang: in.Lang, Versions: e.versions}
	if res.Lang == "" && e.langID != nil {
		res.Lang, _ = e.langID.Identify(in.Text)
		in.Lang = res.Lang
	}
	// Room for a typical text's signals on the stack: growing the slice
	// one append at a time was a good share of the engine's allocations.
	var buf [16]Signal
	all := buf[:0]
	for _, d := range e.detectors {
		sigs, err := safeDetect(ctx, d, in)
		if err != nil {
			res.Errors = append(res.Errors, fmt.Sprintf("%s: %v", d.Name(), err))
			continue
		}
		for _, s := range sigs {
			if err := checkSignal(s, in.Text); err != nil {
				res.Errors = append(res.Errors, fmt.Sprintf("%s: %v", d.Name(), err))
				continue
			}
			all = append(all, s)
		}
	}
	res.Signals = Merge(all)
	if len(e.agree) > 0 {
		liftAgreeing(res.Signals, all, e.agree)
	}
	if len(e.corrob) > 0 {
		// Before the deference, which still caps what is lifted here when
		// the lexicon judged abuse in the text mild or read strong praise.
		corroborate(ctx, in, res.Signals, e.corrob)
	}
	if e.consensus != nil {
		// Also before the deference: a category lifted here is still
		// capped where the lexicon judged the abuse mild.
		consent(ctx, in, res.Signals, e.consensus)
	}
	if len(e.deferTo) > 0 {
		deferToContext(res.Signals, all, e.deferTo)
	}
	if e.refiner != nil {
		res = e.refiner.Refine(ctx, in, res)
	}
	return res
}

func safeDetect(ctx context.Context, d Detector, in Input) (sigs []Signal, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("detector panicked: %v", r)
		}
	}()
	return d.Detect(ctx, in)
}

func checkSignal(s Signal, text string) error {
	if _, err := ParseCategory(string(s.Category)); err != nil {
		return err
	}
	if s.Score < 0 || s.Score > 1 || s.Score != s.Score {
		return fmt.Errorf("score %v of %s outside [0,1]", s.Score, s.Category)
	}
	for _, sp := range s.Spans {
		if sp[0] < 0 || sp[1] > len(text) || sp[0] > sp[1] {
			return fmt.Errorf("span %v of %s outside text of %d bytes", sp, s.Category, len(text))
		}
		if (sp[0] < len(text) && !utf8.RuneStart(text[sp[0]])) || (sp[1] < len(text) && !utf8.RuneStart(text[sp[1]])) {
			return fmt.Errorf("span %v of %s splits a character", sp, s.Category)
		}
	}
	return nil
}

// Merge folds signals into one per category (and per entity for pii and
// doxxing): the highest score wins, spans are united, and detectors and
// explanations are listed together. The result is sorted by score, then
// category, so output is deterministic.
func Merge(sigs []Signal) []Signal {
	if len(sigs) == 0 {
		return []Signal{}
	}
	// A text yields a handful of categories: a linear search finds the key
	// faster than a map, and allocates nothing. A first pass groups the
	// signals so that the merged signals and their spans take one
	// allocation each: the spans of every merged signal share one array,
	// each part capped so that appending to one never writes into another.
	type key struct {
		c Category
		e string
	}
	var keyBuf [8]key
	keys := keyBuf[:0]
	var groupBuf [16]int
	group := groupBuf[:0] // the merged signal each of sigs goes to
	var countBuf [8]int
	count := countBuf[:0] // spans per merged signal
	for _, s := range sigs {
		i := 0
		for i < len(keys) && (keys[i].c != s.Category || keys[i].e != s.Entity) {
			i++
		}
		if i == len(keys) {
			keys = append(keys, key{s.Category, s.Entity})
			count = append(count, 0)
		}
		group = append(group, i)
		count[i] += len(s.Spans)
	}
	out := make([]Signal, 0, len(keys))
	for k, s := range sigs {
		i := group[k]
		if i == len(out) {
			s.Spans = nil
			out = append(out, s)
			continue
		}
		m := &out[i]
		if s.Score > m.Score {
			m.Score = s.Score
		}
		if s.Severity > m.Severity {
			m.Severity = s.Severity
		}
		// One concatenation each: `x += a + b` would build a + b first.
		if !strings.Contains(m.Detector, s.Detector) {
			m.Detector = m.Detector + "+" + s.Detector
			m.Version = m.Version + "+" + s.Version
		}
		if s.Explanation != "" && !strings.Contains(m.Explanation, s.Explanation) {
			if m.Explanation != "" {
				m.Explanation = m.Explanation + "; " + s.Explanation
			} else {
				m.Explanation = s.Explanation
			}
		}
	}
	total := 0
	for _, c := range count {
		total += c
	}
	slab := make([]Span, total)
	at := 0
	for i, c := range count {
		out[i].Spans = slab[at : at : at+c]
		at += c
	}
	for k, s := range sigs {
		g := group[k]
		out[g].Spans = append(out[g].Spans, s.Spans...)
	}
	for i := range out {
		out[i].Spans = unionSpans(out[i].Spans)
	}
	sortSignals(out)
	return out
}

// liftAgreeing raises merged signals whose category independent detectors
// agree on (see Agreement), then restores the order Merge gives.
func liftAgreeing(merged, all []Signal, agree map[Category]Agreement) {
	lifted := false
	for i := range merged {
		m := &merged[i]
		ag, ok := agree[m.Category]
		if !ok || !strings.Contains(m.Detector, "+") || m.Severity < ag.MinSeverity || vetoed(merged, ag.Unless) {
			continue
		}
		// The best score of each detector for this category.
		var best [8]struct {
			name  string
			score float64
		}
		n := 0
		for _, s := range all {
			if s.Category != m.Category || s.Entity != m.Entity {
				continue
			}
			k := 0
			for k < n && best[k].name != s.Detector {
				k++
			}
			if k == n {
				if n == len(best) {
					continue
				}
				best[k].name = s.Detector
				n++
			}
			best[k].score = max(best[k].score, s.Score)
		}
		a, b := 0.0, 0.0
		for _, x := range best[:n] {
			switch {
			case x.score > a:
				a, b = x.score, a
			case x.score > b:
				b = x.score
			}
		}
		if a < ag.Lead || b < ag.Support {
			continue
		}
		if v := min(1-(1-a)*(1-b), ag.Max); v > m.Score {
			m.Score = float64(int(v*1000+0.5)) / 1000
			m.Explanation = agreeNote(m.Explanation, a, b)
			lifted = true
		}
	}
	if lifted {
		sortSignals(merged)
	}
}

// agreeNote is expl + fmt.Sprintf(" [detectors agree: %.2f and %.2f]", a,
// b), without fmt (noteWith).
func agreeNote(expl string, a, b float64) string {
	return noteWith(expl, " [detectors agree: ", a, " and ", b, ']')
}

// noteWith is expl, open, a, mid, b (each to two decimals) and end, built
// on the stack: the string is the one allocation. The engine's notes run
// for most comments, and fmt's reflection was a good share of them.
func noteWith(expl, open string, a float64, mid string, b float64, end byte) string {
	var buf [256]byte
	x := append(buf[:0], expl...)
	x = append(x, open...)
	x = strconv.AppendFloat(x, a, 'f', 2, 64)
	x = append(x, mid...)
	x = strconv.AppendFloat(x, b, 'f', 2, 64)
	x = append(x, end)
	return string(x)
}

// deferToContext applies the deferences to merged signals; the order is
// restored when a score changed.
func deferToContext(merged, all []Signal, deferTo map[Category]Deference) {
	changed := false
	for i := range merged {
		m := &merged[i]
		d, ok := deferTo[m.Category]
		if !ok {
			continue
		}
		if strings.Contains(m.Detector, "+") {
			// Found by several detectors: Agreement has already weighed
			// them (and does not lift what was judged mild), but the
			// highest score stands unless one found the words only
			// mentioned.
			if m.Score > d.Cap {
				if by := mentionedBy(m, all); by != "" {
					m.Explanation += fmt.Sprintf(" [capped at %.2f: %s found the words mentioned, not used]", d.Cap, by)
					m.Score = d.Cap
					changed = true
				}
			}
			continue
		}
		judge := ""
		abuse := false // another detector found abuse of any severity
		for _, o := range merged {
			if !judges(&o, m) || !slices.Contains(d.Judges, o.Category) {
				continue
			}
			abuse = true
			// The judge must be another detector: a lexicon hate match
			// is not capped because the lexicon found a mild expletive
			// beside it ("jævla pakkis": "lexicon+model" vs "lexicon").
			if o.Severity == 1 {
				judge = o.Detector
				break
			}
		}
		if judge != "" && m.Score > d.Cap {
			m.Explanation += fmt.Sprintf(" [capped at %.2f: %s judged the abuse in this text mild]", d.Cap, judge)
			m.Score = d.Cap
			changed = true
			continue
		}
		if abuse || d.Contrary == nil || m.Score <= d.ContraryCap {
			continue
		}
		for _, o := range merged {
			if sev, ok := d.Contrary[o.Category]; ok && o.Severity >= sev && judges(&o, m) {
				m.Explanation += fmt.Sprintf(" [capped at %.2f: %s read no abuse but %s]", d.ContraryCap, o.Detector, o.Category)
				m.Score = d.ContraryCap
				changed = true
				break
			}
		}
	}
	if changed {
		sortSignals(merged)
	}
}

// mentionedBy returns the detector among those merged into m that found
// the words of m's category only mentioned (Signal.Mentioned), or "".
func mentionedBy(m *Signal, all []Signal) string {
	for _, s := range all {
		if s.Mentioned && s.Category == m.Category && s.Entity == m.Entity {
			return s.Detector
		}
	}
	return ""
}

// shareDetector reports whether two merged detector names ("lexicon",
// "lexicon+model") have a detector in common.
func shareDetector(a, b string) bool {
	for x := range strings.SplitSeq(a, "+") {
		for y := range strings.SplitSeq(b, "+") {
			if x == y {
				return true
			}
		}
	}
	return false
}

// judges reports whether signal o can judge signal m's context: o must
// come from another detector. A merged o shares one with m only when m is
// a lone model's (no severity): then o's severity is its other detector's
// ("lexicon+model" threat of severity 1 judges a "model" insult, as the
// lexicon's own threat did before the model reported threats too).
func judges(o, m *Signal) bool {
	if within(o.Detector, m.Detector) {
		return false
	}
	return m.Severity == 0 || !shareDetector(o.Detector, m.Detector)
}

// within reports whether every detector of merged name a ("lexicon",
// "lexicon+model") is one of merged name b's: a brings no detector of its
// own to judge b by.
func within(a, b string) bool {
	for x := range strings.SplitSeq(a, "+") {
		found := false
		for y := range strings.SplitSeq(b, "+") {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sortSignals orders signals by score, then category, then entity.
// slices.SortStableFunc runs the same generated algorithm as
// sort.SliceStable, asking only whether cmp < 0, so with the same "less"
// it orders exactly as before, without the reflection-built swapper that
// sort.SliceStable allocated.
func sortSignals(s []Signal) {
	slices.SortStableFunc(s, func(a, b Signal) int {
		if signalLess(&a, &b) {
			return -1
		}
		if signalLess(&b, &a) {
			return 1
		}
		return 0
	})
}

func signalLess(a, b *Signal) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.Category != b.Category {
		return a.Category < b.Category
	}
	return a.Entity < b.Entity
}

func vetoed(merged []Signal, unless map[Category]float64) bool {
	for _, s := range merged {
		if t, ok := unless[s.Category]; ok && s.Score >= t {
			return true
		}
	}
	return false
}

// unionSpans sorts spans and joins overlapping ones.
func unionSpans(spans []Span) []Span {
	if len(spans) < 2 {
		if spans == nil {
			return []Span{}
		}
		return spans
	}
	// Spans that compare equal are equal, so any sort gives this order.
	slices.SortFunc(spans, func(a, b Span) int {
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		return cmp.Compare(a[1], b[1])
	})
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] {
			if s[1] > last[1] {
				last[1] = s[1]
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// Score returns the highest score of category c among sigs, 0 if absent.
func Score(sigs []Signal, c Category) float64 {
	best := 0.0
	for _, s := range sigs {
		if s.Category == c && s.Score > best {
			best = s.Score
		}
	}
	return best
}

// Weighted scales the scores of a detector's signals per category, so that
// a broad but less precise detector (a statistical model) can send items
// to review on its own but needs another detector's agreement, through the
// merge, to reach the thresholds that remove. Categories not listed pass
// unchanged; a weight of 0 drops the category.
func Weighted(d Detector, weights map[Category]float64) Detector {
	return weighted{d, weights}
}

type weighted struct {
	Detector
	weights map[Category]float64
}

func (w weighted) Detect(ctx context.Context, in Input) ([]Signal, error) {
	sigs, err := w.Detector.Detect(ctx, in)
	if err != nil {
		return nil, err
	}
	out := make([]Signal, 0, len(sigs)) // not in place: a detector may return shared slices
	for _, s := range sigs {
		if k, ok := w.weights[s.Category]; ok {
			if k == 0 {
				continue
			}
			s.Explanation = weightedNote(s.Explanation, s.Score, k)
			s.Score *= k
		}
		out = append(out, s)
	}
	return out, nil
}

// weightedNote is fmt.Sprintf("%s (score %.2f weighted ×%.2f)", expl,
// score, k), without fmt (noteWith).
func weightedNote(expl string, score, k float64) string {
	return noteWith(expl, " (score ", score, " weighted ×", k, ')')
}
