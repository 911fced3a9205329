// Package lexicon owns Stormwatch's curated per-language lexicons (data/*.tsv,
// embedded in the binary) and the detector that matches them: abuse (insult,
// harassment, threat, hate, sexual, accusation, spam) and the cues of
// legitimate traffic (complaint, question, praise, crisis), in French,
// Dutch, Swedish, Norwegian (Bokmål and Nynorsk), English and German, and
// Danish (which also gets the Norwegian lexicons).
//
// All entries are matched in one pass of an Aho-Corasick automaton over the
// text as normalised by package normalize, so evasion ("i.d.i.o.t", "1d10t",
// "іdіоt", "stuuupid") is undone before matching and spans still point into
// the original. A match is then judged in its context, because the same
// word is abuse in one sentence and not in the next:
//
//   - whom it is aimed at: the reader ("you", "tu", "du"), a staff member
//     named in Context.StaffNames (which also yields harassment), a third
//     person, an identity group (which yields hate), or an object ("this
//     stupid app", "putain de bug"), which scores far lower;
//   - negation just before it ("you are not an idiot");
//   - counter-speech and quotation ("calling people 'idiots' is not okay");
//   - reclaimed slurs used of oneself ("I'm a proud dyke").
//
// Each signal says why in its Explanation, e.g.
// `fr:"connard" insult sev 3, aimed at "tu"`.
//
// Data file format: see data/README.md.
package lexicon

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Detector is the lexicon detector. It is immutable once built and safe for
// concurrent use.
type Detector struct {
	lx      *lexicon
	langBit map[string]uint16
	// spellBits are the bits of spellLangs (respell).
	spellBits uint16
}

var _ detect.Detector = (*Detector)(nil)

// New loads and compiles the embedded lexicons. A malformed line is
// reported as file:line.
func New() (*Detector, error) {
	lx, err := load()
	if err != nil {
		return nil, err
	}
	d := &Detector{lx: lx, langBit: map[string]uint16{}}
	for i, l := range lx.langs {
		d.langBit[l] = 1 << i
	}
	for _, l := range spellLangs {
		d.spellBits |= d.langBit[l]
	}
	return d, nil
}

// Name is "lexicon".
func (d *Detector) Name() string { return "lexicon" }

// Version names the code revision and a hash of the lexicon data, so a
// decision can be replayed against the exact lexicons it was made with.
func (d *Detector) Version() string { return d.lx.version }

// Stats returns the number of lexicon entries per language file and
// category ("emoji" for the language-neutral file).
func (d *Detector) Stats() map[string]map[string]int {
	out := make(map[string]map[string]int, len(d.lx.counts))
	for l, m := range d.lx.counts {
		c := make(map[string]int, len(m))
		for k, v := range m {
			c[k] = v
		}
		out[l] = c
	}
	return out
}

// Patterns reports the number of distinct normalised patterns, automaton
// states and the bytes the automaton's tables hold.
func (d *Detector) Patterns() (patterns, states, bytes int) {
	return d.lx.patterns, d.lx.ac.states(), d.lx.ac.size()
}

// famBits are the language bits of the lexicons that apply in full to a
// comment in lang (family).
func (d *Detector) famBits(lang string) uint16 {
	var fam uint16
	for _, l := range family(strings.ToLower(lang)) {
		fam |= d.langBit[l]
	}
	return fam
}

// family returns the languages whose lexicons apply in full to a comment in
// lang. Bokmål and Nynorsk share most abuse; Danish is closest to them.
func family(lang string) []string {
	switch lang {
	case "nb", "nn", "no":
		return []string{"nb", "nn"}
	case "da":
		// Danish has a lexicon of its own for what it spells or says
		// differently, and shares much abuse with Norwegian.
		return []string{"da", "nb", "nn"}
	}
	return []string{lang}
}

// Detect implements detect.Detector.
func (d *Detector) Detect(ctx context.Context, in detect.Input) ([]detect.Signal, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := statePool.Get().(*state)
	defer statePool.Put(st)
	// n and its Double live in st: nothing of them outlives this call but
	// their strings, which are never overwritten; the variants below are
	// copies, and the signals hold spans and explanations of their own.
	n := st.norm.Text(in.Text)
	res := &st.res
	res.reset()
	d.analyze(n, in, st, res)
	if dn := n.Double(); dn != nil {
		d.analyze(dn, in, st, res)
	}
	if un := d.unmask(n, in.Lang); un != nil {
		d.analyze(un, in, st, res)
	}
	if jn := d.rejoin(n, in.Lang); jn != nil {
		d.analyze(jn, in, st, res)
	}
	if sn := d.respell(n, in.Lang); sn != nil {
		d.analyze(sn, in, st, res)
	}
	if pn := d.unstop(n); pn != nil {
		d.analyze(pn, in, st, res)
	}
	if res.abusive() || res.groupless {
		if tn := d.typos(n, in.Lang, res.groupless, false); tn != nil {
			d.analyze(tn, in, st, res)
		}
	} else if tn := d.typos(n, in.Lang, false, true); tn != nil {
		// A missing space is read in any comment: "Immigrantsare parasites".
		d.analyze(tn, in, st, res)
	}
	round16Harassment(in.Text, res)
	res.round18Pieces() // pieces of harassment add up (round18harass.go)
	res.dampComplaints()
	return res.signals(d.lx.version), nil
}

func isMask(c byte) bool { return c == '*' || c == '#' }

// maskFill are the letters a masked one may stand for (after folding).
var maskFill = func() []string {
	var l []string
	for _, r := range "aeiouyåäöøæübcdfghjklmnpqrstvwxz" {
		l = append(l, string(r))
	}
	return l
}()

var maskVowels = maskFill[:12]

// unmask reads words with masked letters ("enc*lé", "f**k", "tw*ts") as the
// abusive lexicon word they most likely hide, and returns the text with
// those readings, or nil when no masked word reads as one. Each mask is one
// letter, or nothing ("p*ijpen"); three masks in a word only try vowels;
// a run of masks is read as a word of the same length (maskrun.go).
func (d *Detector) unmask(n *normalize.Normalized, lang string) *normalize.Normalized {
	text := n.String()
	if strings.IndexByte(text, '*') < 0 && strings.IndexByte(text, '#') < 0 {
		return nil
	}
	fam := d.famBits(lang)
	inWord := func(c byte) bool {
		return c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || isMask(c)
	}
	var at [][2]int
	var with []string
	for i := 0; i < len(text); {
		if !isMask(text[i]) {
			i++
			continue
		}
		s, t := i, i
		for s > 0 && inWord(text[s-1]) {
			s--
		}
		for t < len(text) && inWord(text[t]) {
			t++
		}
		i = t
		word := text[s:t]
		var masks []int
		letters := 0
		for k := 0; k < len(word); k++ {
			if isMask(word[k]) {
				masks = append(masks, k)
			} else {
				letters++
			}
		}
		if len(masks) == 0 || letters < 2 {
			continue
		}
		if len(masks) > 3 {
			if w, ok := d.lx.masks.readRun(word, fam); ok {
				at = append(at, [2]int{s, t})
				with = append(with, w)
			}
			continue
		}
		// The words around it: "einen bl*sen" reads as a phrase.
		a, z := s, t
		for a > 0 && text[a-1] == ' ' {
			a--
		}
		for a > 0 && inWord(text[a-1]) {
			a--
		}
		for z < len(text) && text[z] == ' ' {
			z++
		}
		for z < len(text) && inWord(text[z]) && !isMask(text[z]) {
			z++
		}
		if best, ok := d.readMasked(text[a:s], word, text[t:z], masks, fam); ok {
			at = append(at, [2]int{s, t})
			with = append(with, best)
		} else if w, ok := d.readVocab(word, masks, fam); ok {
			// Not abusive by itself, but maybe a word of a longer
			// pattern ("schade, w*nn ... zustößt").
			at = append(at, [2]int{s, t})
			with = append(with, w)
		} else if w, ok := d.lx.masks.readRun(word, fam); ok {
			at = append(at, [2]int{s, t})
			with = append(with, w)
		}
	}
	if len(at) == 0 {
		return nil
	}
	return n.Replace(at, with)
}

// readMasked tries the fillings of a masked word and returns the one that
// makes it (or its start or end) an abusive entry, the most severe first.
func (d *Detector) readMasked(before, word, after string, masks []int, fam uint16) (string, bool) {
	fills := maskFill
	if len(masks) == 3 {
		fills = maskVowels
	}
	best, bestSev, bestLen := "", int8(0), 0
	buf := make([]byte, 0, len(word)+8)
	var try func(k int, cur []byte, cover []int)
	try = func(k int, cur []byte, cover []int) {
		if k == len(masks) {
			w := strings.TrimSpace(string(cur))
			ctx := " " + before + w + after + " "
			off := 1 + len(before) - 1 // cover positions are relative to cur, which starts with a space
			cv := make([]int, len(cover))
			for i, c := range cover {
				cv[i] = c + off
			}
			sev, l := d.abusiveCover(ctx, cv, fam)
			if sev > bestSev || sev == bestSev && sev > 0 && l > bestLen {
				best, bestSev, bestLen = w, sev, l
			}
			return
		}
		prev := 0
		if k > 0 {
			prev = masks[k-1] + 1
		}
		base := append([]byte(nil), cur...)
		base = append(base, word[prev:masks[k]]...)
		for _, f := range fills {
			next := append(append([]byte(nil), base...), f...)
			if k == len(masks)-1 {
				next = append(next, word[masks[k]+1:]...)
				next = append(next, ' ')
			}
			try(k+1, next, append(cover, len(base)))
		}
		// The mask stands for nothing.
		next := append([]byte(nil), base...)
		if k == len(masks)-1 {
			next = append(next, word[masks[k]+1:]...)
			next = append(next, ' ')
		}
		try(k+1, next, append(cover, len(base)))
	}
	buf = append(buf, ' ')
	try(0, buf, nil)
	return best, bestSev > 0
}

// readVocab reads a masked word as the only word of the lexicons (of the
// comment's language family, or of any when unknown) it can spell, each
// mask standing for one letter. Two or more readings: none is chosen;
// but one word spelled with and without å/ä/ö/ø/æ/ü ("döda" and "doda",
// both in the lexicons) is one reading, the one with the letter.
func (d *Detector) readVocab(word string, masks []int, fam uint16) (string, bool) {
	if len(masks) > 2 || len(word)-len(masks) < 2 {
		return "", false
	}
	found := ""
	n := 0
	buf := make([]byte, 0, len(word)+8)
	var try func(k, from int)
	try = func(k, from int) {
		if n > 1 {
			return
		}
		if k == len(masks) {
			cand := string(append(buf, word[from:]...))
			if bits, ok := d.lx.vocab[cand]; ok && (fam == 0 || bits&fam != 0) && cand != found {
				switch {
				case n == 1 && sameFolded(cand, found):
					if strings.ContainsAny(cand, nordicLetters) {
						found = cand
					}
				default:
					found = cand
					n++
				}
			}
			return
		}
		mark := len(buf)
		buf = append(buf, word[from:masks[k]]...)
		for _, f := range maskFill {
			at := len(buf)
			buf = append(buf, f...)
			try(k+1, masks[k]+1)
			buf = buf[:at]
		}
		buf = buf[:mark]
	}
	try(0, 0)
	return found, n == 1
}

// abusiveCover scans s (a word with a space each side) and returns the
// highest severity and longest length of an abusive entry that matches it
// with its word boundaries and covers every position in cover.
func (d *Detector) abusiveCover(s string, cover []int, fam uint16) (int8, int) {
	lx := d.lx
	var sev int8
	var ln int
	lx.ac.scan(s, func(id, a, b int32) {
		for _, ei := range lx.entriesOf(id) {
			e := &lx.entries[ei]
			switch e.kind {
			case kInsult, kProfanity, kHarassment, kThreat, kHate, kSexual:
			default:
				continue
			}
			if e.lang != 0 && e.flags&fAny == 0 && fam != 0 && fam&e.langBit() == 0 {
				continue
			}
			if !e.pre && isWordAt(s, int(a)) && isWordBefore(s, int(a)) {
				continue
			}
			if !e.suf && isWordBefore(s, int(b)) && isWordAt(s, int(b)) {
				continue
			}
			ok := true
			for _, c := range cover {
				if c < int(a) || c > int(b) {
					ok = false
				}
			}
			if !ok {
				continue
			}
			if e.sev > sev || e.sev == sev && int(b-a) > ln {
				sev, ln = e.sev, int(b-a)
			}
		}
	})
	return sev, ln
}

// hit is one match of an entry in the normalised text.
type hit struct {
	e      int32 // entry index
	s, t   int32 // byte range in the normalised text
	w0, w1 int32 // first and last word index
	sent   int32
	gone   bool
	name   string // for staff-name hits
	g0, g1 int32  // for patterns with gaps: from the end of the first part to the start of the last
}

type state struct {
	words []int32 // byte offset of each word start
	ends  []int32 // byte offset just past each word
	sents []int32 // sentence of each word
	// wordOf is the word at or before each byte (analyze's wordAt).
	wordOf []int32
	hits   []hit
	parts  []hit
	names  []hit        // staff names (appendNames), found before parts are joined
	found  []occurrence // matches collected to be put in order (joined words)
	// sortIdx and sortTmp are sortHits' scratch.
	sortIdx []int32
	sortTmp []hit
	// res is Detect's, recycled from comment to comment (results.reset).
	res results
	// norm holds the text Detect normalises.
	norm normalize.Buffer
}

// occurrence is one match of the automaton: pattern id, byte range.
type occurrence struct{ id, s, t int32 }

var statePool = sync.Pool{New: func() any { return new(state) }}

// target is what an abusive match is aimed at.
type target uint8

const (
	tNone target = iota
	tYou
	tNamed
	tPerson
	tGroup
	tObject
)

// scored is one judged match, ready to become part of a signal. For cues
// the explanation is rendered only if it is among those shown (lazy: most
// matches of a long comment never are).
type scored struct {
	kind  kind
	score float64
	sev   int8
	spans []detect.Span
	expl  string
	lazy  *lexicon // when set, expl is rendered from e, neg
	e     int32
	neg   string
	// damped: a complaint cue lowered because the text attacks a person.
	damped bool
	// attack: a crisis cue that is part of a threat or harassment.
	attack bool
	one    [1]detect.Span // the span, unless spans holds several (spanList)
	why    *why           // when set, expl is rendered from it
}

// appendQuote is strconv.AppendQuote: explanations quote a term or two
// for every signal, and most are printable ASCII with nothing to escape,
// which are copied between quotes here without being decoded rune by rune.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// spanList returns the spans of s. A match with one span keeps it in
// one, read through s itself: a slice of one stored in s would still
// point into the old array once the list of scored grows, or into
// another entry's once the list is sorted.
func (s *scored) spanList() []detect.Span {
	if s.spans != nil {
		return s.spans
	}
	return s.one[:]
}

// appendExplanation appends the explanation of s to b.
func (s *scored) appendExplanation(b []byte) []byte {
	if s.why != nil {
		return s.why.appendTo(b)
	}
	if s.lazy == nil {
		return append(b, s.expl...)
	}
	e := &s.lazy.entries[s.e]
	if l := s.lazy.langOf(e); l != "" {
		b = append(b, l...)
		b = append(b, ':')
	}
	b = appendQuote(b, s.lazy.term(e))
	b = append(b, ' ')
	b = append(b, e.kind.String()...)
	b = append(b, " sev "...)
	b = strconv.AppendInt(b, int64(e.sev), 10)
	if s.neg != "" {
		b = append(b, ", negated by "...)
		b = appendQuote(b, s.neg)
	}
	if s.damped {
		b = append(b, ", outweighed by a personal attack"...)
	}
	if s.attack {
		b = append(b, ", part of a threat or harassment"...)
	}
	return b
}

type results struct {
	by [nPublic][]scored
	// groupless: a phrase that is hate only about a group ("are
	// vermin") found no group; the typo pass then looks for a misspelled one.
	groupless bool
	// whys[:nwhy] hold the whys of by; the rest are recycled from
	// earlier comments (keep).
	whys []*why
	nwhy int
}

// reset empties r for another comment, keeping its storage.
func (r *results) reset() {
	for k := range r.by {
		r.by[k] = r.by[k][:0]
	}
	r.groupless = false
	r.nwhy = 0
}

// keep stores w in the next recycled why, or a new one.
func (r *results) keep(w why) *why {
	if r.nwhy == len(r.whys) {
		r.whys = append(r.whys, new(why))
	}
	p := r.whys[r.nwhy]
	r.nwhy++
	*p = w
	return p
}

func isWordAt(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return false
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return normalize.IsWordRune(r)
}

func isWordBefore(text string, i int) bool {
	if i <= 0 || i > len(text) {
		return false
	}
	c := text[i-1]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return normalize.IsWordRune(r)
}

func (d *Detector) analyze(n *normalize.Normalized, in detect.Input, st *state, res *results) {
	text := n.String()
	lx := d.lx
	// Words and sentences.
	st.words, st.ends, st.sents = st.words[:0], st.ends[:0], st.sents[:0]
	sent := int32(0)
	prevWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && asciiWord[c] {
			// A run of ASCII letters and digits, in one go: inside it
			// no word starts or ends and no sentence does.
			if !prevWord {
				st.words = append(st.words, int32(i))
				st.sents = append(st.sents, sent)
			}
			prevWord = true
			for i++; i < len(text) && text[i] < utf8.RuneSelf && asciiWord[text[i]]; i++ {
			}
			continue
		}
		w := 1
		var word bool
		if c < utf8.RuneSelf {
			word = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
			if c == '!' || c == '?' || c == ';' || c == '.' && !initialAt(text, i) && !titleDotAt(text, i) {
				sent++
			}
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(text[i:])
			word = normalize.IsWordRune(r)
		}
		if word && !prevWord {
			st.words = append(st.words, int32(i))
			st.sents = append(st.sents, sent)
		} else if !word && prevWord {
			st.ends = append(st.ends, int32(i))
		}
		prevWord = word
		i += w
	}
	if prevWord {
		st.ends = append(st.ends, int32(len(text)))
	}
	words := st.words
	// wordOf[p] is the index of the last word starting at or before byte
	// p (-1 before the first): one pass here instead of a bisection for
	// both ends of every hit.
	wordOf := slices.Grow(st.wordOf[:0], len(text))[:len(text)]
	from := 0 // wordOf[from:] is still to fill
	for w, start := range words {
		for p := from; p < int(start); p++ {
			wordOf[p] = int32(w - 1)
		}
		from = int(start)
	}
	for p := from; p < len(wordOf); p++ {
		wordOf[p] = int32(len(words) - 1)
	}
	st.wordOf = wordOf
	wordAt := func(p int32) int32 {
		switch {
		case p < 0:
			return -1
		case int(p) >= len(wordOf):
			return int32(len(words) - 1)
		}
		return wordOf[p]
	}
	sentOf := func(w int32) int32 { return sentenceOf(st.sents, w) }
	// Matching.
	hits := st.hits[:0]
	parts := st.parts[:0]
	// The folded spellings are for words typed without the letters (or
	// read from leetspeak, "br0sten"), whatever the other words of the
	// comment use: a word that has one of them is matched as written.
	// Only for abuse and groups, though: a cue sharing the pattern keeps
	// the rule of the whole comment ("Far satt i våte klær" is no "får").
	nordic := hasNordic(text)
	onMatch := func(id, s, t int32) {
		p := lx.pats[id]
		foldedHere := nordic && p.folded != 0
		if foldedHere && nordicWord(text, int(s), int(t)) {
			return
		}
		// Whether the match starts, and ends, inside a word: tested once
		// for all the pattern's entries. An entry that moves s or t (a
		// wildcard, an ending) moves it to the edge of a word, where the
		// test is false from then on.
		inS := isWordAt(text, int(s)) && isWordBefore(text, int(s))
		inT := isWordBefore(text, int(t)) && isWordAt(text, int(t))
		// Most matches are pieces of longer words ("n" in "martin"): the
		// two word-boundary tests below reject them for every entry of
		// the pattern when its facts say none has a wildcard (or takes
		// endings) on that side, without reading the entries.
		if f := p.facts; f&factNoPre != 0 && inS && (t-s < 4 || !n.Joined(int(s))) {
			return
		} else if f&factNoSuf != 0 && (t-s < 4 || f&factNoInflect != 0) && inT && (t-s < 4 || !n.Joined(int(t))) {
			return
		}
		for _, ei := range lx.entriesOf(id) {
			if foldedHere && !foldsKind(lx.kindOf(&lx.entries[ei])) {
				continue
			}
			e := &lx.entries[ei]
			// Inside a word joined from spaced letters any position may start
			// or end a match, but only for matches long enough to mean
			// something ("n" inside "martin" is no negation).
			if !e.pre && inS && (t-s < 4 || !n.Joined(int(s))) {
				continue
			}
			if !e.suf && inT && (t-s < 4 || !n.Joined(int(t))) {
				end := lx.inflection(e, text, int(s), int(t))
				if end < 0 {
					continue
				}
				t, inT = int32(end), false
			}
			// A wildcard match covers the whole word it sits in, so that
			// "idiot*" and "idiots" from another lexicon compete as equals
			// and the span shows the word as written.
			if e.suf {
				for int(t) < len(text) && isWordAt(text, int(t)) {
					t++
				}
				inT = false
			}
			if e.pre {
				for s > 0 && isWordBefore(text, int(s)) {
					s--
				}
				inS = false
			}
			h := hit{e: ei, s: s, t: t, w0: wordAt(s), w1: wordAt(t - 1)}
			h.sent = sentOf(max(h.w0, 0))
			if e.kind == kPart {
				parts = append(parts, h)
			} else {
				hits = append(hits, h)
			}
		}
	}
	if !n.HasJoined() {
		// Without joined words, onMatch drops what scanWords skips.
		lx.ac.scanWords(text, onMatch)
	} else {
		// Inside a word joined from spaced letters a match may start at
		// any letter, where the automaton's scan sees no word start:
		// those starts are walked one by one, and all matches are put in
		// the scan's order (by end, longest first) before they are read.
		found := st.found[:0]
		collect := func(id, s, t int32) { found = append(found, occurrence{id, s, t}) }
		lx.ac.scan(text, collect)
		for p := 1; p < len(text); p++ {
			if n.Joined(p) && isWordAt(text, p) && isWordBefore(text, p) {
				lx.ac.scanFrom(text, p, collect)
			}
		}
		slices.SortFunc(found, func(x, y occurrence) int {
			if c := cmp.Compare(x.t, y.t); c != 0 {
				return c
			}
			return cmp.Compare(x.s, y.s)
		})
		for _, o := range found {
			onMatch(o.id, o.s, o.t)
		}
		st.found = found
	}
	// Staff names are found before the parts are joined: they fill the
	// staff slots of terms ("hoppas <staff> dör").
	names := st.names[:0]
	if in.Context != nil {
		names = appendNames(names, n, in.Context.StaffNames, wordAt, sentOf)
	}
	st.names = names
	hits = joinParts(lx, text, hits, parts, names)
	st.parts = parts
	// Language: the caller's, else a guess from function words, else all.
	active, lean := d.activeLangs(in.Lang, hits)
	for i := range hits {
		e := &lx.entries[hits[i].e]
		if e.lang != 0 && e.flags&fAny == 0 && active&e.langBit() == 0 {
			hits[i].gone = true
		}
		if e.flags&fStart != 0 && hits[i].w0 > 0 && sentOf(hits[i].w0-1) == hits[i].sent {
			hits[i].gone = true
		}
		if e.flags&fEnd != 0 && !clauseEndsAt(text, int(hits[i].t)) {
			hits[i].gone = true
		}
	}
	// By start, longer first: whatever a hit contains comes after it.
	st.sortIdx, st.sortTmp = sortHits(hits, st.sortIdx, st.sortTmp)
	suppress(lx, hits, uint32(active)|uint32(lean)<<16)
	// Staff names, and anyone named with a title or a handle.
	hits = append(hits, names...)
	hits = appendTitled(hits, n, st.words, st.ends, sentOf)
	st.hits = hits
	j := judge{d: d, n: n, text: text, hits: hits, sents: st.sents}
	// An errand or an appointment's hour lifts a presence threat (presence.go).
	j.presence(st.words, st.ends)
	// Banter, games, a customer leaving, reports and citations (round16prec.go).
	j.round16(res)
	j.round17() // group-only hate entries that find no group (round17hate.go)
	j.round18nordic(res)
	j.round20Tease(res) // a mild name with a laugh and fondness (round20da.go)
	j.round18Threat()
	j.round19Threat() // "I know where you live" between friends (round19threat.go)
	for i := range hits {
		h := &hits[i]
		if h.gone || h.name != "" {
			continue
		}
		e := &lx.entries[h.e]
		switch e.kind {
		case kInsult, kProfanity, kHarassment, kThreat, kHate, kSexual, kAccusation:
			j.abuse(h, res)
		case kComplaint, kCrisis, kPraise, kSpam:
			j.cue(h, res)
		}
	}
	j.question(res, st)
	j.threatGrammar(res)
}

// nordicWord reports whether the words that text[s:t] touches have one of
// the letters å ä ö ø æ ü.
func nordicWord(text string, s, t int) bool {
	for s > 0 && isWordBefore(text, s) {
		_, w := utf8.DecodeLastRuneInString(text[:s])
		s -= w
	}
	for t < len(text) && isWordAt(text, t) {
		_, w := utf8.DecodeRuneInString(text[t:])
		t += w
	}
	return hasNordic(text[s:t])
}

// clauseEndsAt reports whether no word follows text[:t] before the next
// punctuation mark or emoji: "ferme-la !", "ferme la, connard", not "ferme
// la clinique".
func clauseEndsAt(text string, t int) bool {
	for t < len(text) && text[t] == ' ' {
		t++
	}
	return !isWordAt(text, t)
}

// hasNordic is strings.ContainsAny(s, nordicLetters), without decoding
// every rune: each of the letters is two bytes, 0xC3 and one of six.
func hasNordic(s string) bool {
	for {
		i := strings.IndexByte(s, 0xc3)
		if i < 0 || i+1 >= len(s) {
			return false
		}
		switch s[i+1] {
		case 0xa5, 0xa4, 0xb6, 0xb8, 0xa6, 0xbc: // å ä ö ø æ ü
			return true
		}
		s = s[i+1:]
	}
}

// inflections are the endings a noun flagged `i` may take in the
// compounding languages (German too), normalised: definite singular and plural,
// plural, genitive ("idioterna", "horungen", "drittsekkene",
// "mongooltje"). Vowel and consonant changes ("fitta" → "fittor",
// "klootzak" → "klootzakken") are spelled out in the lexicon; these only
// append.
var inflections = map[string]map[string]bool{
	"sv": setOf("n", "en", "et", "t", "na", "ar", "arna", "er", "erna", "or", "orna", "s", "ns", "ens", "ets", "arnas", "ernas"),
	"nb": setOf("en", "et", "a", "er", "ene", "ne", "ar", "ane", "s", "ens", "enes", "ers", "e", "n"),
	"nn": setOf("en", "et", "a", "ar", "ane", "er", "ene", "ne", "s", "ens", "e", "n"),
	"da": setOf("en", "et", "er", "erne", "e", "s", "ens", "ernes", "n"),
	"nl": setOf("en", "s", "tje", "tjes", "je", "jes", "e", "n"),
	// German declension and the feminine suffix ("Schlampen",
	// "Dreckskerle", "Bastarden", "Idiotin"); umlaut plurals are spelled out.
	"de": setOf("e", "en", "er", "n", "s", "es", "em", "ern", "in", "innen"),
}

func setOf(w ...string) map[string]bool {
	m := make(map[string]bool, len(w))
	for _, x := range w {
		m[x] = true
	}
	return m
}

// inflection returns the end of the word when the match [s,t) of entry
// e stops inside a word whose rest is one of the inflectional endings of
// e's language and e is flagged `i`; otherwise -1. Stems shorter than
// four bytes never inflect, so a short word cannot swallow an unrelated
// one ("as" in "asen").
func (lx *lexicon) inflection(e *entry, text string, s, t int) int {
	if e.flags&fInflect == 0 || t-s < 4 {
		return -1
	}
	ends := inflections[lx.langOf(e)]
	if ends == nil {
		return -1
	}
	end := t
	for end < len(text) && end-t <= 5 && isWordAt(text, end) {
		_, w := utf8.DecodeRuneInString(text[end:])
		end += w
	}
	if end-t > 5 || isWordAt(text, end) || !ends[text[t:end]] {
		return -1
	}
	return end
}

// firstFrom returns the index of the first of parts (sorted by start)
// that starts at or after t: slices.BinarySearchFunc, without a call and
// a copy of a part for every step.
func firstFrom(parts []hit, t int32) int {
	lo, hi := 0, len(parts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if parts[m].s < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// joinParts turns the parts of patterns with gaps into whole hits: each
// part must follow the previous one within three words, in one sentence.
// Where the term has a staff slot, a staff name (one of names) must fill
// the space between the parts, or stand right before the first or after
// the last, with nothing but spaces around it.
func joinParts(lx *lexicon, text string, hits, parts, names []hit) []hit {
	if len(parts) == 0 {
		return hits
	}
	// slices.SortFunc runs the same pdqsort as sort.Slice (cmp < 0 where
	// less was true), so the parts keep their order, ties included,
	// without the swapper sort.Slice allocates.
	slices.SortFunc(parts, func(x, y hit) int { return cmp.Compare(x.s, y.s) })
	for i := range parts {
		p := &parts[i]
		pe := &lx.entries[p.e]
		if pe.part != 0 {
			continue
		}
		whole := &lx.entries[pe.whole]
		if whole.named != 0 && len(names) == 0 {
			continue // a staff slot and no staff name in the comment
		}
		s, w0, sent := p.s, p.w0, p.sent
		if whole.named&1 != 0 {
			k := nameAround(text, names, -1, p.s, whole.gapped&1 != 0, whole.genitive)
			if k < 0 {
				continue
			}
			// The name's sentence: "Dr. Müller" has a full stop in it.
			s, w0, sent = names[k].s, names[k].w0, names[k].sent
		}
		last := p
		ok := true
		for k := int8(1); k < whole.parts && ok; k++ {
			ok = false
			slot := whole.named&(1<<k) != 0
			// The parts are sorted by start: those before last ends are
			// skipped at once, and without a staff slot between, the
			// search stops at the first part too far to follow (its
			// words, like all later parts', start more than 3 words on).
			// A long comment has many parts; this keeps it from reading
			// every part's entry for every first part.
			from := firstFrom(parts, last.t)
			for m := from; m < len(parts); m++ {
				q := &parts[m]
				if !slot && q.w0-last.w1-1 > 3 {
					break
				}
				qe := &lx.entries[q.e]
				if qe.whole != pe.whole || qe.part != k {
					continue
				}
				if slot {
					if nameBetween(text, names, last.t, q.s, whole.gapped&(1<<k) != 0, whole.genitive) {
						last, ok = q, true
						break
					}
					continue
				}
				if q.sent != last.sent {
					continue
				}
				// gap is -1 when the next part starts no word (an emoji
				// right after the words: "vi ses snart 🔪").
				if gap := q.w0 - last.w1 - 1; gap >= -1 && gap <= 3 {
					last, ok = q, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		t, w1 := last.t, last.w1
		if whole.named&(1<<whole.parts) != 0 {
			k := nameAround(text, names, last.t, -1, false, whole.genitive)
			if k < 0 {
				continue
			}
			t, w1 = names[k].t, names[k].w1
		}
		hits = append(hits, hit{e: pe.whole, s: s, t: t, w0: w0, w1: w1, sent: sent, g0: p.t, g1: last.s})
	}
	return hits
}

// spaces reports whether text[a:b] is one or more spaces and nothing else.
func spaces(text string, a, b int32) bool {
	if a >= b || b-a > 3 {
		return false
	}
	for i := a; i < b; i++ {
		if text[i] != ' ' {
			return false
		}
	}
	return true
}

// beforeName reports whether text[a:b], between a part and the staff
// name after it (or a name and the part after it), is spaces, maybe after
// a comma ("ich hoffe, Dr. Müller stirbt", "Sara, dö").
func beforeName(text string, a, b int32) bool {
	if a < b && text[a] == ',' {
		a++
	}
	return spaces(text, a, b)
}

// fewWords reports whether text[a:b] is up to three words in one clause
// (no punctuation), or only spaces.
func fewWords(text string, a, b int32) bool {
	if a >= b || strings.ContainsAny(text[a:b], ".!?;:,") {
		return false
	}
	n := 0
	for i := a; i < b; i++ {
		if text[i] != ' ' && (i == a || text[i-1] == ' ') {
			n++
		}
	}
	return n <= 3
}

// slotName reports whether name hit n may fill a staff slot: the name as
// written, not its genitive ("ingen skulle sakna Ingrids attityd" is
// about her manner, not her); for a genitive slot (gen), only the
// genitive ("dela Saras bild").
func slotName(n *hit, gen bool) bool {
	if gen {
		return int(n.t-n.s) == len(n.name)+1
	}
	return int(n.t-n.s) == len(n.name)
}

// nameAround returns the staff name that starts right after from (when
// from >= 0) or ends right before to (when to >= 0; with gap, up to
// three words before it), only spaces between, the longest ("erik berg"
// rather than "berg"), or -1.
func nameAround(text string, names []hit, from, to int32, gap, gen bool) int {
	best := -1
	for k := range names {
		n := &names[k]
		if !slotName(n, gen) || from >= 0 && !beforeName(text, from, n.s) {
			continue
		}
		// After the name a comma may set it off as the one addressed
		// ("Sara, dö!").
		if to >= 0 && !(beforeName(text, n.t, to) || gap && fewWords(text, n.t, to)) {
			continue
		}
		if best < 0 || n.t-n.s > names[best].t-names[best].s {
			best = k
		}
	}
	return best
}

// nameBetween reports whether a staff name is all that stands between
// from and to, besides spaces (with gap, up to three words after it).
func nameBetween(text string, names []hit, from, to int32, gap, gen bool) bool {
	for k := range names {
		n := &names[k]
		if slotName(n, gen) && beforeName(text, from, n.s) && (spaces(text, n.t, to) || gap && fewWords(text, n.t, to)) {
			return true
		}
	}
	return false
}

// activeLangs returns the set of languages whose language-specific entries
// apply. With no usable language given, function words decide when they
// clearly point one way; otherwise every lexicon applies.
//
// lean is the language the function words point to, however weakly; it
// only breaks ties between equal matches from several lexicons.
func (d *Detector) activeLangs(lang string, hits []hit) (active, lean uint16) {
	var set uint16
	for _, l := range family(strings.ToLower(lang)) {
		set |= d.langBit[l]
	}
	if set != 0 {
		return set, set
	}
	var votes [16]int
	for _, h := range hits {
		e := &d.lx.entries[h.e]
		if e.kind == kLang && e.lang != 0 {
			votes[e.lang-1]++
		}
	}
	best, second := -1, 0
	for i := range d.lx.langs {
		if best < 0 || votes[i] > votes[best] {
			best = i
		}
	}
	for i := range d.lx.langs {
		if i != best && votes[i] > second {
			second = votes[i]
		}
	}
	if best >= 0 && votes[best] > 0 {
		for _, l := range family(d.lx.langs[best]) {
			lean |= d.langBit[l]
		}
	}
	if votes[best] >= 2 && votes[best] >= 2*second {
		return lean, lean
	}
	return ^uint16(0), lean
}

// group returns the comparison class for suppression: public kinds and
// profanity compete with insults.
func group(k kind) kind {
	if k == kProfanity {
		return kInsult
	}
	return k
}

// sortHits sorts hits by start, longer first. It sorts their indices and
// moves each hit once: a hit is 56 bytes with a string in it, and swapping
// them cost a twentieth of the detector's time. The order is the one
// slices.SortFunc gives the hits themselves (its moves depend only on the
// comparisons), ties included. idx and tmp are scratch, returned grown.
func sortHits(hits []hit, idx []int32, tmp []hit) ([]int32, []hit) {
	if len(hits) < 2 {
		return idx, tmp
	}
	idx = idx[:0]
	for i := range hits {
		idx = append(idx, int32(i))
	}
	slices.SortFunc(idx, func(a, b int32) int {
		x, y := &hits[a], &hits[b]
		if c := cmp.Compare(x.s, y.s); c != 0 {
			return c
		}
		return cmp.Compare(y.t, x.t)
	})
	tmp = append(tmp[:0], hits...)
	for i, k := range idx {
		hits[i] = tmp[k]
	}
	clear(tmp) // keep no staff name alive in the pooled state
	return idx, tmp
}

// suppress hides a match inside a longer match of the same kind ("idiot"
// inside "jävla idiot"), duplicates of one term from several languages
// (keeping the active language's), and anything inside an override entry
// ("thanks for nothing" hides "thanks").
func suppress(lx *lexicon, hits []hit, active uint32) {
	for a := range hits {
		if hits[a].gone {
			continue
		}
		ea := &lx.entries[hits[a].e]
		for b := a + 1; b < len(hits) && hits[b].s < max(hits[a].t, hits[a].s+1); b++ {
			if hits[b].gone {
				continue
			}
			eb := &lx.entries[hits[b].e]
			if !(hits[a].s <= hits[b].s && hits[b].t <= hits[a].t) {
				continue
			}
			longer := hits[a].t-hits[a].s > hits[b].t-hits[b].s
			if !longer && eb.flags&fOverride != 0 && ea.flags&fOverride == 0 {
				// Same span, the later one overrides.
				hits[a].gone = true
				break
			}
			if ea.flags&fOverride != 0 && eb.flags&fOverride == 0 {
				hits[b].gone = true
				continue
			}
			if longer && group(ea.kind) == group(eb.kind) {
				hits[b].gone = true
				continue
			}
			if !longer && ea.kind == eb.kind && a < b {
				// Same span, same kind: keep the better entry.
				if rank(eb, active) > rank(ea, active) {
					hits[a].gone = true
					break
				}
				hits[b].gone = true
			}
		}
	}
}

// rank orders equal matches of one term from several lexicons: the
// language the comment leans to first, then severity. active carries the
// active set in its low 16 bits and the leaning in the high ones.
func rank(e *entry, active uint32) int {
	r := int(e.sev)
	if (active>>16)&uint32(e.langBit()) != 0 {
		r += 10
	}
	return r
}

// appendNames adds a hit for each occurrence of a staff name: the full name,
// or one part of it of three letters or more written with a capital.
func appendNames(hits []hit, n *normalize.Normalized, names []string, wordAt func(int32) int32, sentOf func(int32) int32) []hit {
	text := n.String()
	orig := n.Original()
	add := func(key string, needCap bool) {
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], key)
			if i < 0 {
				return
			}
			s, t := from+i, from+i+len(key)
			from = s + 1
			if isWordBefore(text, s) {
				continue
			}
			if isWordAt(text, t) {
				// The genitive: "Lindqvists jävla fejs", "Ingrids".
				if text[t] != 's' || isWordAt(text, t+1) {
					continue
				}
				t++
			}
			if needCap {
				sp := n.Span(s, t)
				r, _ := utf8.DecodeRuneInString(orig[sp.Start():])
				if !(r >= 'A' && r <= 'Z') && !(r > utf8.RuneSelf && strings.ToLower(string(r)) != string(r)) {
					continue
				}
			}
			h := hit{e: -1, s: int32(s), t: int32(t), name: key, w0: wordAt(int32(s)), w1: wordAt(int32(t - 1))}
			h.sent = sentOf(max(h.w0, 0))
			hits = append(hits, h)
		}
	}
	for _, name := range names {
		key := normalize.Key(name)
		if key == "" {
			continue
		}
		add(key, false)
		if strings.Contains(key, " ") {
			for _, p := range strings.Fields(key) {
				if utf8.RuneCountInString(p) >= 3 {
					add(p, true)
				}
			}
		}
	}
	return hits
}

// isTitle reports whether w announces a person's name: "Dr Lindqvist",
// "Frau Weber". (A switch: it is asked for every word of every comment.)
func isTitle(w string) bool {
	switch w {
	case "dr", "doctor", "docteur", "doktor", "dokter", "prof", "professor",
		"mme", "madame", "mlle", "monsieur", "mr", "mrs", "ms", "miss",
		"herr", "herrn", "frau", "fru", "mevrouw", "meneer", "mevr", "dhr":
		return true
	}
	return false
}

// appendTitled adds a name hit for a capitalised word after a title ("Dr
// Hansen", "Frau Weber") and for a handle ("@sanne_balie"): a named person,
// whether or not the workspace lists them as staff. words and ends are the
// byte offsets where each word of n starts and ends.
func appendTitled(hits []hit, n *normalize.Normalized, words, ends []int32, sentOf func(int32) int32) []hit {
	text := n.String()
	orig := n.Original()
	add := func(k int) {
		s, t := words[k], ends[k]
		h := hit{e: -1, s: s, t: t, name: text[s:t], w0: int32(k), w1: int32(k)}
		h.sent = sentOf(int32(k))
		hits = append(hits, h)
	}
	for k := range words {
		p := words[k]
		if p > 0 && text[p-1] == '@' {
			add(k)
			continue
		}
		if k+1 >= len(words) {
			continue
		}
		e := ends[k] // the end of the word before the name
		w := text[p:e]
		next := k + 1
		if w == "d" && k+2 < len(words) && words[k+1] <= e+1 {
			// "D r Hansen": the title spelled out.
			if r := ends[k+1]; text[words[k+1]:r] == "r" {
				next, e = k+2, r
			}
		}
		if next == k+1 && !isTitle(w) {
			continue
		}
		q := words[next]
		if gap := text[e:q]; len(gap) > 3 || strings.ContainsAny(gap, ",;:!?") {
			continue
		}
		sp := n.Span(int(q), int(q)+1)
		r, _ := utf8.DecodeRuneInString(orig[sp.Start():])
		if unicode.IsUpper(r) {
			add(next)
		}
	}
	return hits
}

// judge scores matches in their context.
type judge struct {
	d     *Detector
	n     *normalize.Normalized
	text  string
	hits  []hit
	sents []int32 // the sentence of each word
}

// sentOf is the sentence of word w (0 for none). A method, not a closure
// in judge: what judge holds escapes, and a closure would be allocated.
func (j *judge) sentOf(w int32) int32 { return sentenceOf(j.sents, w) }

// sentenceOf is sents[w], or 0 when w is no word.
func sentenceOf(sents []int32, w int32) int32 {
	if w < 0 || int(w) >= len(sents) {
		return 0
	}
	return sents[w]
}

// dist is the distance in words between two hits in one sentence
// (0 when they overlap), or -1 when in different sentences.
func dist(a, b *hit) int32 {
	if a.sent != b.sent {
		return -1
	}
	switch {
	case b.w1 < a.w0:
		return a.w0 - b.w1
	case b.w0 > a.w1:
		return b.w0 - a.w1
	}
	return 0
}

// kName stands for staff-name hits in nearest (they have no entry).
const kName = kPart

// nearest finds the closest hit of kind k (or a staff name when k is
// kName) within max words of h, returning its index or -1.
func (j *judge) nearest(h *hit, k kind, maxd int32, poss int) int {
	best, bd := -1, maxd+1
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c == h {
			continue
		}
		if k == kName {
			if c.name == "" {
				continue
			}
		} else {
			if c.name != "" || c.e < 0 {
				continue
			}
			e := &j.d.lx.entries[c.e]
			if e.kind != k {
				continue
			}
			if poss == 1 && e.flags&fPoss == 0 || poss == 0 && e.flags&fPoss != 0 {
				continue
			}
		}
		if dd := dist(h, c); dd >= 0 && dd < bd {
			best, bd = i, dd
		}
	}
	return best
}

// topicWords introduce what a text is about ("your post about refugees",
// "lögner om judar") or what is done to a group ("violence against
// women"): a group named after one is not the target.
var topicWords = map[string]bool{
	"about": true, "regarding": true, "concerning": true, "sur": true, "concernant": true,
	"over": true, "om": true, "angående": true, "omkring": true, "vedrørende": true, "angåande": true,
	"über": true, "uber": true, "bezüglich": true,
	// "Våld mot kvinnor är en belastning": what is done against a group
	// is the subject, not the group.
	"against": true, "mot": true, "contre": true, "gegen": true, "tegen": true, "mod": true,
}

// topicArticles may stand between a topic word and the group.
var topicArticles = map[string]bool{"the": true, "les": true, "des": true, "de": true, "die": true, "den": true, "het": true}

// topic reports whether hit c comes right after a topic word.
func (j *judge) topic(c int) bool {
	end := int(j.hits[c].s)
	for range 2 {
		w, s := prevWord(j.text, end)
		if w == "" {
			return false
		}
		if topicWords[w] {
			return true
		}
		if !topicArticles[w] {
			return false
		}
		end = s
	}
	return false
}

// prevWord returns the word that ends before text[end:] (skipping spaces
// only: punctuation ends the search) and its start.
func prevWord(text string, end int) (string, int) {
	t := end
	for t > 0 && text[t-1] == ' ' {
		t--
	}
	s := t
	for s > 0 && isWordBefore(text, s) {
		_, w := utf8.DecodeLastRuneInString(text[:s])
		s -= w
	}
	return text[s:t], s
}

// initialAt reports whether the '.' at i ends an initial ("A.L.", "O. H.")
// rather than a sentence: one letter after a space, a '.' or the start.
func initialAt(text string, i int) bool {
	if i < 1 || !('a' <= text[i-1] && text[i-1] <= 'z') {
		return false
	}
	return i == 1 || text[i-2] == ' ' || text[i-2] == '.'
}

// titleDotAt reports whether the '.' at i ends an abbreviated title ("Dr.
// Müller", "Mme. Dubois", "Mr. Hansen") rather than a sentence: a pattern
// with a gap ("jeder muss wissen, dass Dr. Müller eine Betrügerin ist")
// must not stop at it. Only abbreviations: "the doctor. Then" ends one.
func titleDotAt(text string, i int) bool {
	s := i
	for s > 0 && 'a' <= text[s-1] && text[s-1] <= 'z' {
		s--
	}
	if s > 0 && text[s-1] != ' ' {
		return false
	}
	switch text[s:i] {
	case "dr", "prof", "mr", "mrs", "ms", "mme", "mlle", "mevr", "dhr":
		return true
	}
	return false
}

// vocativePossessives are "your" in the Scandinavian vocative ("din idiot").
var vocativePossessives = map[string]bool{"din": true, "ditt": true, "dina": true, "dine": true, "dit": true, "dykkar": true, "dokker": true}

// curseWords may stand between the possessive and the name ("din jävla
// idiot").
var curseWords = map[string]bool{"jävla": true, "javla": true, "jävel": true, "djävla": true, "jævla": true, "jaevla": true,
	"satans": true, "förbannade": true, "forbanna": true, "forbannede": true, "fucking": true, "fkn": true, "helvetes": true, "fordømte": true, "forpulede": true,
	"forbandede": true, "forbandet": true, "faens": true, "fandens": true, "jævlige": true, "scheiß": true, "scheiss": true, "damned": true}

// vocativeBefore reports whether the words before text[s:] are a
// possessive, maybe with a curse word after it.
func vocativeBefore(text string, s int) bool {
	w, at := prevWord(text, s)
	if curseWords[w] {
		w, _ = prevWord(text, at)
	}
	return vocativePossessives[w]
}

// pluralPronoun holds the third-person plural pronouns, after folding,
// that may refer back to a group named before ("they", "de", "ils", "ze").
// German "sie" and Dutch "zij"/"ze" are also singular: groupBefore still
// requires the group to be named just before.
var pluralPronoun = map[string]bool{
	"they": true, "them": true, "these": true, "those": true,
	"ils": true, "elles": true, "eux": true,
	"ze": true, "zij": true, "die": true,
	"de": true, "dom": true, "dem": true, "dei": true, "dessa": true, "desse": true, "disse": true,
	"sie": true, "diese": true,
}

// groupBefore finds the identity group named last before h, in h's
// sentence or the one before it, or -1.
func (j *judge) groupBefore(h *hit) int {
	best := -1
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c == h || c.e < 0 || c.name != "" || j.d.lx.entries[c.e].kind != kGroup {
			continue
		}
		// In the same sentence, a group that is the topic ("your post
		// about refugees does not belong here") is not who is spoken of;
		// in the sentence before, it is ("… about refugees. They are …").
		if !(c.sent == h.sent-1 || c.sent == h.sent && c.w1 < h.w0 && !j.topic(i)) {
			continue
		}
		if best < 0 || c.w1 > j.hits[best].w1 {
			best = i
		}
	}
	return best
}

// groupNearer reports whether an identity group is named closer to h
// than d words: a phrase that is hate about a group ("sont une plaie")
// is said of the group it sits next to, not of a "you" further off ("als
// je schrijft 'Roma zijn een plaag'", "you Muslims are vermin").
func (j *judge) groupNearer(h *hit, d int32) bool {
	c := j.nearest(h, kGroup, 5, -1)
	return c >= 0 && dist(h, &j.hits[c]) < d && !j.topic(c)
}

// nearestSlur finds the closest slur (a hate entry that names people:
// flags t or r) within maxd words of h, or -1.
func (j *judge) nearestSlur(h *hit, maxd int32) int {
	best, bd := -1, maxd+1
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c == h || c.e < 0 || c.name != "" {
			continue
		}
		e := &j.d.lx.entries[c.e]
		if e.kind != kHate || e.flags&(fTarget|fReclaimed) == 0 {
			continue
		}
		dd := dist(h, c)
		if dd == 0 && j.d.lx.entries[h.e].pieced() && c.s >= h.g0 && c.t <= h.g1 {
			// In the gap of the phrase: "gi noen pakkiser juling".
			dd = 1
		}
		if dd > 0 && dd < bd {
			best, bd = i, dd
		}
	}
	return best
}

// negation finds a negation cue up to three words before h with no
// punctuation in between ("no, you're an idiot" is not a negation).
func (j *judge) negation(h *hit) int {
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kNeg) {
			continue
		}
		if c.sent == h.sent && c.s >= h.g0 && c.t <= h.g1 && j.d.lx.entries[h.e].pieced() {
			if negQuantified(j.text[h.s:h.t]) {
				// "aucun réfugié ne devrait …": the "ne" (or "jamais")
				// of French negative concord belongs to the quantifier
				// the pattern opens with; it does not negate the pattern.
				continue
			}
			// Inside the gap of a pattern: "I will never hurt you"; but
			// not in a condition the pattern opens with ("si vous ne
			// payez pas, on vient chez vous").
			if j.d.lx.entries[h.e].kind == kThreat && j.inCondition(c, false) {
				continue
			}
			return i
		}
		reach := int32(3)
		if strings.IndexByte(j.d.lx.term(&j.d.lx.entries[c.e]), ' ') > 0 {
			// "nobody is saying", "ich sage nicht": a clause-level
			// negation reaches over the subject of the next clause.
			reach = 6
		}
		if c.sent != h.sent || c.w1 >= h.w0 || h.w0-c.w1-1 > reach || c.t > h.s {
			continue
		}
		if between := j.text[c.t:h.s]; strings.ContainsAny(between, ",.;:!?\"") && !(reach > 3 && reportedClause(between)) {
			continue
		}
		if j.conditional(c, h) {
			// "if you don't pay I'll kill you": the negation belongs to
			// the condition, not to what follows it.
			continue
		}
		if lang := j.d.lx.entries[c.e].lang; lang > 0 && j.negOutOfScope(c, h, j.text[c.t:h.s], j.d.lx.langs[lang-1]) {
			// Another clause or verb, or an answer ("no bitch"): negscope.go.
			continue
		}
		return i
	}
	// "jag hatar inte kvinnor", "Ich töte dich nicht": negscope.go.
	return j.negAfter(h)
}

// negQuantified reports whether a match opens on a French negative
// quantifier ("aucun", "aucune", "nul", "nulle"), whose clause takes a "ne"
// that is part of it.
func negQuantified(m string) bool {
	w, _ := cutWord(m)
	return w == "aucun" || w == "aucune" || w == "nul" || w == "nulle"
}

// ownGroupName reports whether group cue c is a longer name that takes in
// name-calling word h ("behinderte Menschen", with "behinderte" also listed
// as an insult): the word is then part of the group's neutral name ("ist der
// Eingang für behinderte Menschen zugänglich?"), not an insult aimed at the
// group. The bare word as the group's name ("Behinderte sollten kein
// Wahlrecht haben") still is.
func (j *judge) ownGroupName(c int, h *hit) bool {
	g := &j.hits[c]
	return j.d.lx.entries[h.e].kind == kInsult && g.s <= h.s && h.t <= g.t && (g.t-g.s > h.t-h.s || j.sameGroupWord(g, h))
}

// complementizers open a reported clause: "never said, that you are ...".
var complementizers = map[string]bool{
	"dass": true, "that": true, "que": true, "qu": true, "att": true, "at": true, "dat": true, "ob": true, "wie": true, "om": true, "of": true,
}

// reportedClause reports whether the text between a clause-level negation
// ("nie gesagt", "never said") and a match is only a comma and a
// complementizer: German and French put a comma there ("Ich habe nie
// gesagt, dass du ein Idiot bist"), and the negation still holds.
func reportedClause(between string) bool {
	f := strings.FieldsFunc(between, func(r rune) bool { return r == ' ' || r == ',' })
	if strings.Count(between, ",") != 1 || strings.ContainsAny(between, ".;:!?\"") || len(f) == 0 {
		return false
	}
	comma := strings.IndexByte(between, ',')
	rest := strings.Fields(between[comma+1:])
	return len(rest) > 0 && complementizers[rest[0]]
}

// conditional reports whether negation c sits in a condition clause ("if
// you don't pay", "om du inte betalar") that h, a threat, follows: a
// conditional conjunction before c in its sentence (inCondition), and a
// word between c and h to start the main clause — or h opening on the
// writer as its subject, which starts it too when no comma marks it ("si
// tu ne viens pas je te tue").
func (j *judge) conditional(c, h *hit) bool {
	if j.d.lx.entries[h.e].kind != kThreat {
		return false
	}
	if h.w0-c.w1 < 2 {
		if w, _ := cutWord(j.text[h.s:h.t]); !writerSubject(w) {
			return false
		}
	}
	return j.inCondition(c, true)
}

// writerSubject reports whether w is a first-person subject pronoun that
// can open a main clause ("on" and Nynorsk "me" are left out: English
// reads them otherwise).
func writerSubject(w string) bool {
	switch w {
	case "i", "je", "j", "nous", "ich", "wir", "ik", "wij", "we", "jag", "jeg", "eg", "vi":
		return true
	}
	return false
}

// inCondition reports whether the negation c follows a conditional
// conjunction of its sentence closely ("if you don't", "si vous ne … pas"):
// within four words, or, when far is set, six with no punctuation between,
// as a French "ne … pas" around a reflexive verb puts its "pas" six words
// after "si" ("si le chat ne se réveille pas je …"). Far is for a negation
// before the threat; one inside a threat's gap is read closely ("if you
// ask me I will not kill you" negates).
func (j *judge) inCondition(c *hit, far bool) bool {
	for i := range j.hits {
		k := &j.hits[i]
		if !j.isCue(k, kCond) || k.sent != c.sent || k.w1 >= c.w0 {
			continue
		}
		if d := c.w0 - k.w1; d <= 4 || far && d <= 6 && !strings.ContainsAny(j.text[k.t:c.s], ",;:") {
			return true
		}
	}
	return false
}

// quoted reports whether the original text has quote marks around h.
func (j *judge) quoted(h *hit) bool {
	sp := j.n.Span(int(h.s), int(h.t))
	o := j.n.Original()
	isQ := func(r rune) bool {
		switch r {
		case '"', '\'', '«', '»', '“', '”', '‘', '’', '„', '‹', '›', '`':
			return true
		}
		return false
	}
	before := strings.TrimRight(o[:sp.Start()], " ")
	after := strings.TrimLeft(o[sp.End():], " ")
	rb, _ := utf8.DecodeLastRuneInString(before)
	ra, _ := utf8.DecodeRuneInString(after)
	// A plural or possessive ending may sit inside the quotes: "idiots".
	if !isQ(ra) {
		if k := strings.IndexFunc(after, func(r rune) bool { return !('a' <= r && r <= 'z') }); k > 0 && k <= 2 {
			ra, _ = utf8.DecodeRuneInString(after[k:])
		}
	}
	return isQ(rb) && isQ(ra) || insideQuotes(o, sp.Start(), sp.End())
}

// insideQuotes reports whether o[s:t] lies inside a short quotation in
// double quotes or guillemets ("muslimer är ohyra" är vidrigt): words
// cited, usually to condemn or report them. Single quotes are left out:
// they are apostrophes too often.
func insideQuotes(o string, s, t int) bool {
	const reach = 120 // bytes: a quotation of a sentence or so
	lo := max(0, s-reach)
	before := o[lo:s]
	for i := len(before); i > 0; {
		r, w := utf8.DecodeLastRuneInString(before[:i])
		i -= w
		cl := closingQuotes(r)
		if cl == "" {
			continue
		}
		if r == '"' && strings.Count(o[:lo+i], "\"")%2 == 1 {
			return false // the nearest '"' before closes a quotation
		}
		if r == '”' || r == '»' && strings.ContainsRune(before[i+w:], '«') {
			return false
		}
		after := o[t:min(len(o), t+reach)]
		k := strings.IndexAny(after, cl)
		if k < 0 {
			return false
		}
		// A quotation is cited only when the writer says something around
		// it ("Writing "…" is vile"): a retweet or a message that is all
		// quotation ("RT @x: "…"") repeats the words as its own.
		return framed(o[:lo+i] + " " + after[k+1:])
	}
	return false
}

// closingQuotes returns the marks that may close a quotation opened by r,
// or "" when r opens none.
func closingQuotes(r rune) string {
	switch r {
	case '"':
		return "\""
	case '«':
		return "»"
	case '»':
		return "«"
	case '“':
		return "”\""
	case '”':
		return "”"
	case '„':
		return "“”\""
	}
	return ""
}

// framed reports whether the text outside a quotation has words of its
// own: at least two, not counting handles, "RT" and links.
func framed(outside string) bool {
	n := 0
	for _, f := range strings.Fields(outside) {
		lf := strings.ToLower(strings.Trim(f, ".,:;!?()[]-–—…"))
		if lf == "" || lf == "rt" || strings.HasPrefix(lf, "@") || strings.HasPrefix(lf, "http") || strings.HasPrefix(lf, "#") {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(lf); !unicode.IsLetter(r) {
			continue
		}
		n++
	}
	return n >= 2
}

var baseScore = [4]float64{0, 0.5, 0.72, 0.9}

// appendTerm appends the entry of h as explanations name it: fr:"connard".
func (j *judge) appendTerm(b []byte, h *hit) []byte {
	e := &j.d.lx.entries[h.e]
	if l := j.d.lx.langOf(e); l != "" {
		b = append(b, l...)
		b = append(b, ':')
	}
	if e.pieced() {
		// The term has alternatives and gaps: show what matched.
		return appendQuote(b, j.text[h.s:h.t])
	}
	return appendQuote(b, j.d.lx.term(e))
}

// abuse judges an abusive match.
func (j *judge) abuse(h *hit, res *results) {
	e := &j.d.lx.entries[h.e]
	tgt, tcue := tNone, -1
	you := j.nearest(h, kYou, 6, 0)
	obj := j.nearest(h, kObject, 4, -1)
	if obj >= 0 && dist(h, &j.hits[obj]) == 0 {
		// An object word inside the phrase itself is part of it.
		obj = -1
	}
	// A slur with no flag ("that cripple", "faggot") names a person: a
	// thing next to it ("get that cripple out of the queue") is not what it
	// is aimed at.
	slur := e.kind == kHate && e.flags&(fGroup|fTarget|fReclaimed) == 0
	dYou, dObj := int32(99), int32(99)
	if you >= 0 {
		dYou = dist(h, &j.hits[you])
	}
	if obj >= 0 {
		dObj = dist(h, &j.hits[obj])
	}
	switch {
	case obj >= 0 && dObj <= 2 && dObj <= dYou && dYou > 0 && !(e.kind == kThreat && e.flags&fVeiled != 0) && !slur && !(e.flags&fGroup != 0 && j.groupNearer(h, dObj)):
		// (A group phrase aimed at a group nearer than the thing, "why are
		// all X so loud in the queue", is aimed at the group: round 20.)
		// A veiled threat names what may happen to ("shame if something
		// happened to your car"): the thing is not its target.
		tgt, tcue = tObject, obj
	case you >= 0 && !(e.flags&fGroup != 0 && j.groupNearer(h, dYou)):
		tgt, tcue = tYou, you
	default:
		if c := j.nearest(h, kName, 6, -1); c >= 0 {
			tgt, tcue = tNamed, c
		} else if c := j.nearest(h, kGroup, 5, -1); c >= 0 && !j.topic(c) && !j.ownGroupName(c, h) {
			tgt, tcue = tGroup, c
		} else if c := j.nearestSlur(h, 5); c >= 0 && e.flags&fGroup != 0 {
			// "we hate dykes": a slur names the group it is aimed at.
			tgt, tcue = tGroup, c
		} else if c := j.nearest(h, kPerson, 5, -1); c >= 0 {
			tgt, tcue = tPerson, c
		} else if c := j.nearest(h, kYou, 4, 1); c >= 0 && e.flags&fTarget == 0 && e.kind != kProfanity {
			// "your X" is about X: it makes an adjective or an expletive
			// personal only when nothing else does ("your stupid app").
			tgt, tcue = tYou, c
		} else if obj >= 0 && !slur && !(e.kind == kThreat && e.flags&fVeiled != 0) {
			// A veiled threat names what may happen to, even when no
			// person is named ("dem Auto fehlen bald die Reifen",
			// "remboursez avant lundi sinon je règle ça à ma façon"):
			// the thing is not its target, as in the case above.
			tgt, tcue = tObject, obj
		}
	}
	// "🍆💦" under a photo of the team: a comment made of emoji alone is
	// a reply to the post and the people in it, so a sexual emoji there
	// is said to them as much as "you" would ("🍆 tonight?" still needs a
	// person; "😍🔥" is no sexual entry).
	if tgt == tNone && e.kind == kSexual && wordless(j.text) {
		tgt = tYou
	}
	// "sara je t'invite au resto … et après chez moi pour le dessert",
	// "Sophie tu me files ton 06 ? … chez moi": a comment that opens on a
	// staff member's name is said to her, so a sexual advance later in it,
	// past the usual few words or the sentence, is aimed at her too.
	// Only phrases (severity 2 or more): a lone sexual word ("Titten")
	// after an opening "@user" is not an advance.
	if tgt == tNone && e.kind == kSexual && e.sev >= 2 {
		if c := j.openingName(); c >= 0 {
			tgt, tcue = tNamed, c
		}
	}
	tgt, tcue = j.r18sTarget(h, e, tgt, tcue) // a subject further back (round18sexual.go)
	// "din svartskalle", "ditt pack", "dine jævla svartinger": in the
	// Scandinavian languages a possessive right before a name for a
	// person is the vocative, said to the reader.
	if tgt != tYou && e.flags&(fTarget|fReclaimed) != 0 && (e.kind == kInsult || e.kind == kHate) && vocativeBefore(j.text, int(h.s)) {
		if c := j.nearest(h, kYou, 2, -1); c >= 0 {
			tgt, tcue = tYou, c
		}
	}
	// "Damn, the women's team smashed it", "Shit, I forgot the talk on
	// Black history": an expletive that opens its sentence and is cut off
	// by a comma or "!" is an interjection, aimed at no one in it.
	if e.kind == kProfanity && tgt != tNone && j.interjection(h) {
		tgt, tcue = tNone, -1
	}
	// A named person beats a third-person pronoun or nobody.
	named := j.nearest(h, kName, 6, -1)
	if named >= 0 && (tgt == tNone || tgt == tPerson) {
		tgt, tcue = tNamed, named
	}
	// "Don't talk to me about refugees. They are animals": a plural
	// pronoun, or no subject at all ("Het zijn beesten", "Das sind Tiere"),
	// refers back to the identity group named just before.
	if (tgt == tPerson && pluralPronoun[j.raw(tcue)]) || (tgt == tNone && e.flags&fGroup != 0) {
		c := j.groupBefore(h)
		if c < 0 {
			c = j.groupNamedAfter(h) // "… pratar om somalierna alltså" (round20north.go)
		}
		if c >= 0 {
			tgt, tcue = tGroup, c
		}
	}

	// An expletive right before a slur ("jävla blattar", "Scheiß
	// Kanaken") makes it an attack on the people it names, never a
	// reclaimed or neutral use.
	cursed := false
	if e.kind == kHate && e.flags&(fTarget|fReclaimed) != 0 {
		if c := j.nearest(h, kProfanity, 1, -1); c >= 0 && j.hits[c].w1 < h.w0 {
			cursed = true
			if tgt == tNone || tgt == tObject {
				tgt, tcue = tPerson, c
			}
		}
	}

	// "Håll käften, tattare", "Hold kjeft, tater", "Shut up, gypsy": a
	// group's name called out after an abusive order and a comma is
	// hurled at the reader, never a neutral mention.
	if !cursed && e.kind == kHate && e.flags&(fTarget|fReclaimed) != 0 {
		if c := j.orderBefore(h); c >= 0 {
			cursed = true
			if tgt != tYou && tgt != tNamed {
				tgt, tcue = tYou, c
			}
		}
	}

	score := baseScore[e.sev]
	// Name-calling words stacked on one another ("hjernedød klovn",
	// "incompetente clowns", "stupid fat cow") hurt more than either.
	stacked := e.kind == kInsult && e.sev < 3 && j.stacked(h)
	if stacked {
		score = baseScore[e.sev+1]
	}
	// The harm is at most moderate whatever the entry's severity; a
	// condescending phrase (flag m: "lär dig läsa", "gå og legg deg") is
	// mild even said to the reader, so the model's agreement cannot lift
	// it to removal: native raters call it toxic, the policy reviews it.
	mild := e.flags&fMild != 0 || j.r17Mild(h) // r17Mild: said of a generic group, round17insult.go
	w := why{lx: j.d.lx, e: h.e, tgt: tgt}
	if e.pieced() {
		w.matched = j.text[h.s:h.t]
	}
	if tcue >= 0 {
		w.tcue = j.raw(tcue)
	}
	kind := e.kind
	switch {
	case e.kind == kProfanity:
		kind = kInsult
		switch tgt {
		case tYou, tNamed:
			score *= 0.9
		case tPerson, tGroup:
			score *= 0.7
		default:
			score *= 0.3
			w.expletive = true
		}
	case e.flags&fGroup != 0:
		// "are vermin", "should be deported": hate when aimed at a group,
		// an insult when aimed at a person, nothing otherwise.
		switch tgt {
		case tGroup:
			// A threat stays a threat ("… borde hängas", "… og skyte
			// dem"): the hate it also is is derived below.
			if kind != kThreat {
				kind = kHate
			}
		case tYou, tNamed:
			if kind == kHate {
				kind = kInsult
			}
		case tPerson:
			// "they are animals" may well be about animals (a vet's
			// patients, pests): said of a third person it is at most a
			// moderate insult, for a person to read.
			if kind == kHate {
				kind = kInsult
			}
			score *= 0.8
			mild = true
			res.groupless = true // "disabld people shouldn't exist": maybe a misspelled group
		default:
			res.groupless = true
			return
		}
	case e.flags&fTarget != 0:
		// An adjective aimed at a third person ("the vet is useless") is
		// closer to a harsh complaint than one hurled at the reader.
		switch tgt {
		case tYou:
			if e.flags&fDirect != 0 {
				// "du är så sexig", "Anna, dina tuttar": a sexual word said
				// to the reader or a staff member by name is harassment.
				score = max(score, baseScore[2])
			}
		case tNamed:
			if e.kind != kThreat {
				// A weapon aimed at a staff member by name ("🔪 Anna 🔪")
				// is as much a threat as one aimed at the reader.
				score *= 0.9
			}
			if e.flags&fDirect != 0 {
				score = max(score, baseScore[2])
			}
		case tPerson, tGroup:
			score *= 0.8
		case tObject:
			score *= 0.2
		default:
			score *= 0.45
		}
	default:
		switch tgt {
		case tYou, tNamed:
			score = min(score*1.08, 0.97)
		case tObject:
			score *= 0.35
		case tNone:
			if kind != kThreat {
				score *= 0.9
			}
		}
	}
	w.kind = kind
	if cursed {
		score = max(score, baseScore[3]*0.9)
	} else if s := j.selfClaim(h); s >= 0 && e.kind == kHate && e.flags&(fReclaimed|fGroup) == 0 && tgt != tNamed {
		// "We fags from the choir", "Nous, les pédés du club", "Wir
		// Schwuchteln vom Chor": a slur right after a first person that
		// opens the clause names the speaker's own group, a use the
		// reclaimed flag does not cover for words that are mostly abuse
		// ("come with us fag" is not: "us" is an object there).
		score *= 0.2
		w.self = j.raw(s)
	} else if e.flags&fReclaimed != 0 {
		if s := j.self(h); s >= 0 {
			score *= 0.2
			w.self = j.raw(s)
		} else if tgt != tYou && tgt != tNamed {
			score *= 0.5
			w.reclaimed = true
		}
	} else if kind == kInsult && e.kind != kHate {
		if s := j.selfRightBefore(h); s >= 0 {
			// "Jag är en sån idiot", "jeg følte meg som en idiot":
			// a name called right after a first-person copula is
			// said of oneself, whoever is named nearby.
			score *= 0.2
			w.self = j.raw(s)
		}
	} else if kind == kThreat {
		if s := undergoer(j.text, h); s != "" {
			// "mitt ex sa att jag ska få stryk", "jeg får bank hvis jeg
			// drar": a beating with no agent in the phrase, and the writer
			// its subject, is a fear or a report, not a threat.
			score *= 0.2
			w.self = s
		}
	}
	if ng := j.negation(h); ng >= 0 {
		score *= 0.25
		w.neg = j.raw(ng)
	}
	cs := j.nearest(h, kCounter, 6, -1)
	if cs >= 0 && j.insideAbuse(cs) {
		// "stop paying them" is part of the abuse, not counter-speech.
		cs = -1
	}
	w.quoted = j.quoted(h)
	switch {
	case cs >= 0:
		score *= 0.3
		w.counter = j.raw(cs)
	case w.quoted:
		score *= 0.5
	}
	sp := j.n.Span(int(h.s), int(h.t))
	sev := e.sev
	if stacked {
		sev++
	}
	if mild {
		// Said of a third person ("they are animals"): for a person to
		// read, so graded mild, which also keeps another detector's
		// agreement from raising it to removal.
		sev = 1
	}
	if (tgt == tYou || tgt == tNamed) && !mild && kind == kInsult {
		// Even a mild word is moderate harm hurled at the reader or at a
		// named person ("du är korkad").
		sev = max(sev, 2)
	}
	if tgt == tObject || w.neg != "" || w.counter != "" || w.quoted || w.self != "" {
		// Aimed at a thing, negated, quoted or said of oneself: whatever
		// the word, the harm is mild.
		sev = 1
	}
	if (kind == kInsult || kind == kSexual || kind == kHate) && score >= 0.5 && score < 0.82 && tgt != tObject &&
		w.neg == "" && w.counter == "" && !w.quoted && w.self == "" && j.evasive(h) {
		// Written to slip past filters ("d€biel", "v*u*i*l*e", "i\u200bdiot"):
		// the disguise shows the writer knows the word is abuse, so an
		// insult aimed at someone no longer waits for the model to agree
		// (which reads the disguised word poorly).
		score = 0.82
		w.evasive = true
	}
	res.addWhy(kind, score, sev, w, sp)
	if w.neg != "" || w.counter != "" || w.quoted {
		return
	}
	// Derived signals: an insult or accusation aimed at an identity group
	// is hate; abuse near a staff member's name is harassment of them.
	if tgt == tGroup && kind != kHate && (kind == kInsult || kind == kAccusation || kind == kThreat) && score >= 0.35 {
		hs := max(score, baseScore[2])
		if e.kind == kProfanity {
			// A bare expletive near a group ("it's damn women in their
			// forties") is for a person to read, not hate by itself:
			// slurs and cursed group names have entries of their own.
			hs = min(hs, 0.6)
			if j.cursesGroup(h, tcue) {
				// … but one that qualifies the group's name itself
				// ("Satans judar", "Faens sigøynere", "fucking
				// muslimer") curses the people it names.
				hs = max(score, baseScore[2]+0.03)
			}
		}
		res.addWhy(kHate, hs, max(e.sev, 2), w, sp)
	}
	// A name-calling word aimed squarely at a named staff member ("Anna
	// is so ugly", "Sophie is a witch"): even a word that is only a harsh
	// adjective about a service is a personal attack when the name is its
	// subject, within a few words; "Dr Martin did not call back" has no
	// such word and stays a complaint.
	nameCalled := named >= 0 && tgt == tNamed && e.kind == kInsult && score >= 0.4 && j.copulaFrom(named, h)
	if named < 0 && e.kind == kInsult && (tgt == tNone || tgt == tPerson) {
		// Someone the workspace does not list, called a name: "Sara is a
		// witch", "Ingrid er ei heks". A noun after a copula and an
		// article is said of a person, not of a service.
		if name, ns, ok := j.subjectName(h); ok {
			hw := w
			hw.staff = name
			res.addWhy(kHarassment, 0.72, 2, hw, sp, ns)
		}
	}
	if named >= 0 && (score >= 0.5 || nameCalled) && !(kind == kHarassment && e.sev < 2) {
		ns := j.n.Span(int(j.hits[named].s), int(j.hits[named].t))
		hw := w
		hw.staff = j.raw(named)
		hs := max(score, 0.6)
		switch {
		case nameCalled && e.sev < 2:
			hs = max(score, 0.72)
		case kind == kAccusation:
			// An accusation against a named person may be true: a person
			// checks it (rule on accusations), it is not harassment by itself.
			hs = 0.6
		case e.sev >= 2 && (dist(h, &j.hits[named]) <= 4 || tgt == tNamed):
			// A serious insult, threat or sexual remark aimed at a named
			// person: within a few words of the name, or the name is what
			// it is aimed at ("Sophie is lazy and a fat cow").
			hs = max(score, 0.75)
		}
		if e.kind == kInsult && (tgt == tNamed || tgt == tYou) && !stacked && e.sev < 3 && !w.evasive && j.loneAbuse(h) && j.criticises(h, tgt == tYou) {
			// One name-calling word about a staff member inside criticism
			// of the service ("Dr Martin is useless, he forgot the
			// vaccines", "Dr Janssens is een prutser"): a harsh complaint
			// with a mild insult, for a person to read, never removed as
			// harassment; a campaign has entries of its own. Said to her
			// ("Ingrid, du är en skam för yrket – …") the word itself must
			// judge her work, so a slur hurled at the reader stays.
			hs = min(hs, 0.6)
		}
		res.addWhy(kHarassment, hs, e.sev, hw, sp, ns)
	}
}

// criticises reports whether the comment carries a complaint cue that is
// not negated: the text criticises a service or someone's work. With
// inside, the cue must overlap h: the insult is itself a word of
// criticism ("useless", "nul", "en skam").
func (j *judge) criticises(h *hit, inside bool) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.e < 0 || c.name != "" || j.d.lx.entries[c.e].kind != kComplaint {
			continue
		}
		if inside && (c.t <= h.s || c.s >= h.t) {
			continue
		}
		if j.negation(c) < 0 {
			return true
		}
	}
	return false
}

// loneAbuse reports whether h is the only abuse in the comment: no other
// insult, harassment, threat, hate or sexual match, and no expletive
// beyond a mild one ("putain", "fan" as emphasis).
func (j *judge) loneAbuse(h *hit) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if c == h || c.gone || c.e < 0 || c.name != "" || (c.s >= h.s && c.t <= h.t) {
			continue
		}
		switch ce := &j.d.lx.entries[c.e]; ce.kind {
		case kProfanity:
			if ce.sev >= 2 {
				return false
			}
		case kInsult, kHarassment, kThreat, kHate, kSexual:
			return false
		}
	}
	return true
}

// openingName finds a staff name among the first two words of the
// comment ("Sara …", "Frau Dr. Müller …", "hej Ingrid …"), or -1.
func (j *judge) openingName() int {
	for i := range j.hits {
		if c := &j.hits[i]; c.name != "" && !c.gone && c.w0 <= 1 {
			return i
		}
	}
	return -1
}

// wordless reports whether s holds no letter and no digit: a comment of
// emoji, punctuation and spaces only. It stops at the first letter, so
// an ordinary comment costs a byte or two; it does not allocate.
func wordless(s string) bool {
	for _, r := range s {
		if normalize.IsWordRune(r) {
			return false
		}
	}
	return true
}

// orderBefore finds an abusive order or insult that ends right before h
// with one comma between ("Håll käften, tattare"), or -1.
func (j *judge) orderBefore(h *hit) int {
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c == h || c.e < 0 || c.name != "" || c.sent != h.sent || c.t > h.s {
			continue
		}
		if k := j.d.lx.entries[c.e].kind; k != kInsult && k != kHarassment && k != kThreat {
			continue
		}
		if between := j.text[c.t:h.s]; strings.Count(between, ",") == 1 && strings.Trim(between, ", ") == "" {
			return i
		}
	}
	return -1
}

// cursesGroup reports whether the expletive h stands right before the
// group's name c, with nothing but spaces between ("jävla muzzar", "de
// forbandede jøder"), so that it qualifies the name.
func (j *judge) cursesGroup(h *hit, c int) bool {
	if c < 0 || c >= len(j.hits) {
		return false
	}
	g := &j.hits[c]
	if g.e < 0 || g.name != "" || j.d.lx.entries[g.e].kind != kGroup || g.sent != h.sent || g.w0 != h.w1+1 || g.s < h.t {
		return false
	}
	// Only a curse that can qualify a noun: a sentence adverb ("det
	// er sgu kvinder i fyrrerne", "it's damn women …") is emphasis.
	return strings.Trim(j.text[h.t:g.s], " ") == "" && curseWords[j.text[h.s:h.t]]
}

// copulas link a subject to what it is called, in the six languages
// (normalised: lower case, most accents removed).
var copulas = map[string]bool{
	"is": true, "was": true, "s": true, "est": true, "etait": true, "c": true, "ist": true, "war": true,
	"ar": true, "är": true, "var": true, "er": true, "blir": true, "bent": true, "wird": true, "bleibt": true, "reste": true,
}

// copulaFrom reports whether the staff name hit n is the subject of match
// h: the name comes first, then within four words and no punctuation a
// copula ("Anna is so ugly", "Karim är en äcklig gubbe").
func (j *judge) copulaFrom(n int, h *hit) bool {
	c := &j.hits[n]
	if c.sent != h.sent || c.t > h.s || h.w0-c.w1 > 5 {
		return false
	}
	between := j.text[c.t:h.s]
	if strings.ContainsAny(between, ",.;:!?\"") {
		return false
	}
	for _, w := range strings.Fields(between) {
		if copulas[w] {
			return true
		}
	}
	return false
}

// articles mark a noun after a copula ("is a", "er ei", "ist eine").
var articles = map[string]bool{
	"a": true, "an": true, "een": true, "n": true, "en": true, "ett": true, "ei": true, "et": true,
	"ein": true, "eine": true, "einer": true, "un": true, "une": true,
}

// determiners before a capitalised word make it a noun, not a name ("Our
// service is a joke", German "Die Hotline ist ...").
var determiners = map[string]bool{
	"the": true, "this": true, "that": true, "our": true, "your": true, "my": true, "their": true, "his": true, "her": true, "its": true,
	"de": true, "het": true, "die": true, "dat": true, "deze": true, "onze": true, "mijn": true, "jullie": true, "uw": true, "hun": true, "haar": true, "zijn": true,
	"le": true, "la": true, "les": true, "l": true, "ce": true, "cet": true, "cette": true, "mon": true, "ma": true, "notre": true, "votre": true, "leur": true, "son": true, "sa": true,
	"der": true, "das": true, "dieser": true, "diese": true, "dieses": true, "unser": true, "unsere": true, "mein": true, "meine": true, "ihr": true, "ihre": true, "euer": true, "eure": true, "dein": true, "deine": true, "sein": true, "seine": true,
	"den": true, "det": true, "denna": true, "detta": true, "vår": true, "vårt": true, "min": true, "mitt": true, "din": true, "ditt": true, "er": true, "ert": true, "hans": true, "hennes": true,
	"dette": true, "denne": true, "vårs": true, "deres": true,
}

// subjectName finds a person named without a title as the subject of a
// name-calling noun: a capitalised word that is no word of the lexicons,
// right before a copula and an article that lead to match h within a few
// words and no punctuation. It returns the name and its span.
func (j *judge) subjectName(h *hit) (string, detect.Span, bool) {
	start := strings.LastIndexAny(j.text[:h.s], ".!?\n,;:\"") + 1
	seg := j.text[start:h.t]
	type word struct{ s, t int }
	var ws []word
	for i := 0; i < len(seg); {
		for i < len(seg) && !isWordAt(seg, i) {
			i++
		}
		a := i
		for i < len(seg) && isWordAt(seg, i) {
			_, w := utf8.DecodeRuneInString(seg[i:])
			i += w
		}
		if i > a {
			ws = append(ws, word{a, i})
		}
	}
	at := func(k int) string { return seg[ws[k].s:ws[k].t] }
	// The name opens its clause: "Sanne is een heks", not "mijn kat Luna
	// is een heks" (a vet's patients have names too).
	for k := 1; k < len(ws) && k <= 1; k++ {
		if !copulas[at(k)] || start+ws[k-1].t > int(h.s) {
			continue
		}
		art := false
		for m := k + 1; m < len(ws) && m <= k+3; m++ {
			art = art || articles[at(m)]
		}
		if !art || len(ws)-k > 6 {
			continue
		}
		cand := at(k - 1)
		if utf8.RuneCountInString(cand) < 3 || k >= 2 && determiners[at(k-2)] || determiners[cand] || copulas[cand] {
			continue
		}
		if _, known := j.d.lx.vocab[cand]; known {
			continue
		}
		sp := j.n.Span(start+ws[k-1].s, start+ws[k-1].t)
		r, _ := utf8.DecodeRuneInString(j.n.Original()[sp.Start():])
		if !unicode.IsUpper(r) {
			continue
		}
		return cand, sp, true
	}
	return "", detect.Span{}, false
}

// evasive reports whether match h was disguised in the original text:
// letters spaced out and joined, or written with digits, symbols, masks,
// invisible characters or look-alike letters of another script.
func (j *judge) evasive(h *hit) bool {
	for i := h.s + 1; i < h.t; i++ {
		if j.n.Joined(int(i)) {
			return true
		}
	}
	sp := j.n.Span(int(h.s), int(h.t))
	orig := j.n.Original()[sp.Start():sp.End()]
	for _, r := range orig {
		if r == 0x00AD || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF ||
			unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r) {
			return true
		}
	}
	for _, run := range strings.Fields(orig) {
		if disguisedWord(strings.TrimRight(run, "!?.,;:")) {
			return true
		}
	}
	return false
}

// disguisedWord reports a word that mixes letters with digits or the
// symbols of leetspeak and masking ("d€biel", "a$$hole", "f*ck", "h0re"),
// but not an ordinal ("2nd", "3e") or a number with a unit ("50€").
func disguisedWord(w string) bool {
	letters, marks, inner, lead := 0, 0, 0, true
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			lead = false
			inner += marks // marks followed by a letter are inside the word
			marks = 0
		case r == '*' || r == '@' || r == '$' || r == '€' || r == '|' || r == '!' || '0' <= r && r <= '9':
			if lead && '0' <= r && r <= '9' {
				continue // a leading number: "2nd", "10x"
			}
			marks++
		}
	}
	// A final mark only after a real word: "hor@" and "vou$", not "US$".
	return letters >= 2 && inner >= 1 || letters >= 3 && marks >= 1
}

// stacked reports whether another insult word stands right before or
// after match h in its sentence.
func (j *judge) stacked(h *hit) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if c == h || c.gone || c.e < 0 || c.sent != h.sent || j.d.lx.entries[c.e].kind != kInsult {
			continue
		}
		if c.w1+1 == h.w0 || h.w1+1 == c.w0 {
			return true
		}
	}
	return false
}

// insideAbuse reports whether cue hit i lies inside an abusive match.
func (j *judge) insideAbuse(i int) bool {
	c := &j.hits[i]
	for k := range j.hits {
		o := &j.hits[k]
		if k == i || o.gone || o.e < 0 || o.s > c.s || o.t < c.t {
			continue
		}
		if abuseKind(j.d.lx.entries[o.e].kind) {
			return true
		}
	}
	return false
}

// raw is the normalised text of a cue hit (or the staff name).
func (j *judge) raw(i int) string {
	c := &j.hits[i]
	if c.name != "" {
		return c.name
	}
	return j.text[c.s:c.t]
}

// why holds what an abuse judgement rests on; it is rendered into an
// Explanation only for the matches a signal shows.
type why struct {
	lx        *lexicon
	e         int32
	kind      kind
	matched   string // the matched text, for patterns with gaps
	tgt       target
	tcue      string
	staff     string // set for derived harassment
	neg       string
	counter   string
	self      string
	quoted    bool
	expletive bool
	reclaimed bool
	evasive   bool // the match was disguised in the original text
}

// appendTo appends the explanation w renders to b.
func (w *why) appendTo(b []byte) []byte {
	e := &w.lx.entries[w.e]
	term := func(b []byte) []byte {
		if l := w.lx.langOf(e); l != "" {
			b = append(b, l...)
			b = append(b, ':')
		}
		if w.matched != "" {
			return appendQuote(b, w.matched)
		}
		return appendQuote(b, w.lx.term(e))
	}
	if w.staff != "" {
		b = append(b, "staff name "...)
		b = appendQuote(b, w.staff)
		b = append(b, " near "...)
		b = term(b)
		b = append(b, ' ')
		return append(b, w.kind.String()...)
	}
	b = term(b)
	b = append(b, ' ')
	b = append(b, w.kind.String()...)
	b = append(b, " sev "...)
	b = strconv.AppendInt(b, int64(e.sev), 10)
	switch {
	case w.tcue == "":
		b = append(b, ", no target"...)
	case w.tgt == tObject:
		b = append(b, ", aimed at object "...)
	case w.tgt == tGroup:
		b = append(b, ", aimed at group "...)
	case w.tgt == tNamed:
		b = append(b, ", aimed at staff "...)
	default:
		b = append(b, ", aimed at "...)
	}
	if w.tcue != "" {
		b = appendQuote(b, w.tcue)
	}
	if w.expletive {
		b = append(b, ", expletive"...)
	}
	if w.evasive {
		b = append(b, ", disguised"...)
	}
	if w.self != "" && e.flags&fReclaimed == 0 {
		b = append(b, ", said of oneself ("...)
		b = appendQuote(b, w.self)
		b = append(b, ')')
	} else if w.self != "" {
		b = append(b, ", reclaimed, said of oneself ("...)
		b = appendQuote(b, w.self)
		b = append(b, ')')
	} else if w.reclaimed {
		b = append(b, ", reclaimed word"...)
	}
	if w.neg != "" {
		b = append(b, ", negated by "...)
		b = appendQuote(b, w.neg)
	}
	if w.counter != "" {
		b = append(b, ", counter-speech cue "...)
		b = appendQuote(b, w.counter)
	}
	if w.quoted {
		b = append(b, ", quoted"...)
	}
	return b
}

// standing returns hit i and its entry while it still stands as a match of
// an entry (not dropped, not a staff name), or nil: the later passes that
// revise hits in place all start from it.
func (j *judge) standing(i int) (*hit, *entry) {
	h := &j.hits[i]
	if h.gone || h.name != "" || h.e < 0 {
		return nil, nil
	}
	return h, &j.d.lx.entries[h.e]
}

// standingHarm is standing for a threat or a harm hit only.
func (j *judge) standingHarm(i int) (*hit, *entry) {
	if h, e := j.standing(i); h != nil && (e.kind == kThreat || e.kind == kHarm) {
		return h, e
	}
	return nil, nil
}

// isCue reports whether c is a live match of an entry of kind k.
func (j *judge) isCue(c *hit, k kind) bool {
	return !c.gone && c.e >= 0 && j.d.lx.entries[c.e].kind == k
}

// self finds a first-person cue up to three words before h.
func (j *judge) self(h *hit) int {
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kSelf) {
			continue
		}
		if c.sent == h.sent && c.w1 <= h.w0 && h.w0-c.w1 <= 4 && !j.abuseBetween(c.t, h.s) {
			return i
		}
	}
	return -1
}

// selfFillers may stand between a first person that opens its clause and
// the word it claims for the speaker: "I am a proud fag", "we loud old
// dykes"; nothing else ("we hate fags" is not a claim).
var selfFillers = setOf("a", "an", "proud", "happy", "loud", "old", "out", "and", "fellow", "openly", "queer", "just", "another")

// selfClaim finds a first-person cue that opens its clause (no word before
// it in the sentence) and is followed, up to h, by one word at most or
// only by selfFillers: a slur said of the speaker's own group. -1 when
// there is none.
func (j *judge) selfClaim(h *hit) int {
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kSelf) || c.sent != h.sent || c.t > h.s || h.w0-c.w1 > 4 {
			continue
		}
		if w, _ := prevWord(j.text, int(c.s)); w != "" {
			continue
		}
		// One word between, whatever it is ("Nous, les pédés du club"), or
		// only fillers; walk the words without allocating.
		between, ok := j.text[c.t:h.s], true
		if h.w0-c.w1 <= 1 {
			return i
		}
		for between != "" && ok {
			var w string
			w, between = cutWord(between)
			ok = w == "" || selfFillers[w]
		}
		if ok {
			return i
		}
	}
	return -1
}

// cutWord returns the first space-separated word of s and what follows it,
// without allocating.
func cutWord(s string) (w, rest string) {
	s = strings.TrimLeft(s, " ")
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k], s[k:]
	}
	return s, ""
}

// undergoerSubject reports whether w is a first-person subject pronoun of
// the Nordic languages.
func undergoerSubject(w string) bool {
	switch w {
	case "jag", "jeg", "eg", "æ", "vi", "me":
		return true
	}
	return false
}

// undergoer returns the first-person subject right before a threat phrase
// that opens on what its subject is to undergo ("ska få stryk", "får bank",
// "kommer til å få juling") and names no one else in it, or "": "jag ska få
// stryk" is said of the writer, "du ska få stryk" is a threat, and "jag får
// tag på dig" names its victim.
func undergoer(text string, h *hit) string {
	subj, _ := prevWord(text, int(h.s))
	if !undergoerSubject(subj) {
		return ""
	}
	gets, lead := false, true
	for m := text[h.s:h.t]; m != ""; {
		var w string
		w, m = cutWord(m)
		switch w {
		case "dig", "dej", "er", "deg", "dæ", "dere", "dykk", "henne", "honom", "ham", "han", "hon", "hun", "ho", "dem", "dom", "du":
			return "" // someone else is named in it
		case "få", "får", "fick", "fikk", "fekk":
			gets = gets || lead
		case "ska", "skal", "skall", "kommer", "kjem", "att", "til", "å":
			// auxiliaries before "få"
		default:
			lead = false
		}
	}
	if !gets {
		return ""
	}
	return subj
}

// interjection reports whether the expletive h opens its sentence and is
// followed at once by a comma or "!" ("Damn, …", "Fuck, …").
func (j *judge) interjection(h *hit) bool {
	if w, _ := prevWord(j.text, int(h.s)); w != "" {
		return false
	}
	for i := int(h.t); i < len(j.text); i++ {
		switch j.text[i] {
		case ' ':
			continue
		case ',', '!':
			return true
		}
		return false
	}
	return false
}

// selfRightBefore finds a first-person cue of three words or more ("jag är
// en sån", "jeg følte meg som en") that ends right before h, in its sentence:
// a shorter one ("själv", "stolt", "jag är") may end a sentence about
// someone else ("skyll dig själv, idiot").
func (j *judge) selfRightBefore(h *hit) int {
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kSelf) {
			continue
		}
		if c.sent == h.sent && c.w1-c.w0 >= 2 && c.w1+1 == h.w0 {
			return i
		}
	}
	return -1
}

// abuseBetween reports whether an abusive match reaches into [from, to):
// "we hate dykes" is no reclaimed use of "dykes" by those it names.
func (j *judge) abuseBetween(from, to int32) bool {
	for k := range j.hits {
		o := &j.hits[k]
		if o.gone || o.e < 0 || o.t <= from || o.s >= to {
			continue
		}
		switch j.d.lx.entries[o.e].kind {
		case kInsult, kProfanity, kHarassment, kThreat, kHate, kSexual:
			return true
		}
	}
	return false
}

var cueScore = [4]float64{0, 0.45, 0.65, 0.8}

// cue judges a complaint, crisis, praise or spam cue.
func (j *judge) cue(h *hit, res *results) {
	e := &j.d.lx.entries[h.e]
	score := cueScore[e.sev]
	sc := scored{kind: e.kind, score: score, sev: e.sev, lazy: j.d.lx, e: h.e}
	if ng := j.negation(h); ng >= 0 {
		sc.score *= 0.3
		sc.neg = j.text[j.hits[ng].s:j.hits[ng].t]
	}
	if e.kind == kComplaint && j.campaign(h) {
		// "I'll post every day that Dr X is incompetent": the complaint
		// word is the content of a campaign against someone.
		sc.score *= 0.5
	}
	if e.kind == kCrisis && j.partOfAttack(h) {
		// "Nobody would miss Ingrid if she died": the death is wished on
		// someone, not reported; the crisis rule would otherwise keep the
		// attack up for review instead of removing it.
		sc.score *= 0.3
		sc.attack = true
	}
	sc.one[0] = j.n.Span(int(h.s), int(h.t))
	res.addScored(sc)
}

// campaign reports whether h shares its sentence with a severe harassment
// entry (a campaign, a pile-on, stalking) that is not negated.
func (j *judge) campaign(h *hit) bool {
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.e < 0 || c.sent != h.sent {
			continue
		}
		if e := &j.d.lx.entries[c.e]; e.kind == kHarassment && e.sev >= 3 && j.negation(c) < 0 {
			return true
		}
	}
	return false
}

// partOfAttack reports whether crisis cue h belongs to a threat or to
// harassment (an entry of severity 2 or more, not negated, quoted or
// countered) aimed at someone: inside the match ("ingen skulle sakna
// Ingrid om hon dog", "alla ska få veta vad hon är") or, for a single cue
// word, in its clause right before or after it. A crisis phrase that
// carries its own report ("my dog died after", "ni dödade min") is only
// discounted inside the match.
func (j *judge) partOfAttack(h *hit) bool {
	he := &j.d.lx.entries[h.e]
	for i := range j.hits {
		c := &j.hits[i]
		if c.gone || c.e < 0 || c.name != "" || c == h {
			continue
		}
		ce := &j.d.lx.entries[c.e]
		if ce.kind != kThreat && ce.kind != kHarassment || ce.sev < 2 {
			continue
		}
		inside := c.s <= h.s && h.t <= c.t
		if !inside && (he.sev >= 3 || !j.sameClause(c, h)) {
			continue
		}
		if j.negation(c) >= 0 || j.quoted(c) || !j.aimed(c) {
			continue
		}
		if cs := j.nearest(c, kCounter, 6, -1); cs >= 0 && !j.insideAbuse(cs) {
			continue
		}
		return true
	}
	return false
}

// aimed reports whether abusive match c has someone to be aimed at: the
// reader, a staff member, a third person.
func (j *judge) aimed(c *hit) bool {
	return j.nearest(c, kYou, 6, -1) >= 0 || j.nearest(c, kName, 6, -1) >= 0 || j.nearest(c, kPerson, 5, -1) >= 0
}

// clauseJoins start a clause of their own: "… och polisen är kontaktad".
// ("en", Dutch "and", is left out: it is the article in the Nordic
// languages.)
var clauseJoins = map[string]bool{
	"and": true, "but": true, "or": true, "och": true, "men": true, "eller": true, "samt": true,
	"og": true, "mens": true, "und": true, "aber": true, "oder": true, "sondern": true,
	"maar": true, "of": true, "et": true, "mais": true, "ou": true,
}

// sameClause reports whether hits a and b stand in one clause: one
// sentence, at most three words apart, with no punctuation and no
// conjunction between them.
func (j *judge) sameClause(a, b *hit) bool {
	if a.sent != b.sent {
		return false
	}
	from, to := a.t, b.s
	if b.t <= a.s {
		from, to = b.t, a.s
	}
	if from >= to {
		return true // they overlap
	}
	between := j.text[from:to]
	if strings.ContainsAny(between, ",;:()\"-–—/|") {
		return false
	}
	n := 0
	for _, w := range strings.Fields(between) {
		if n++; n > 3 || clauseJoins[w] {
			return false
		}
	}
	return true
}

// dampComplaints lowers the complaint cues of a text that also attacks a
// person head-on (a severe insult at the reader or a named person, sexual
// harassment, harassment of staff): complaint words do not make "Sophie is
// a lazy cow who should be ashamed" a legitimate complaint, and the policy
// keeps whatever scores as a complaint. A harsh word about a service, a
// negated or quoted one, or one about a third person leaves them as they are.
func (r *results) dampComplaints() {
	if len(r.by[kComplaint]) == 0 || !r.personalAttack() {
		return
	}
	for i := range r.by[kComplaint] {
		c := &r.by[kComplaint][i]
		c.score *= 0.6
		c.damped = true
	}
}

func (r *results) personalAttack() bool {
	clean := func(w *why) bool { return w != nil && w.neg == "" && w.counter == "" && !w.quoted && w.self == "" }
	for _, s := range r.by[kInsult] {
		if s.score >= 0.8 && clean(s.why) && (s.why.tgt == tYou || s.why.tgt == tNamed) {
			return true
		}
		// A slur for a person ("kärring", "Fotze") aimed at a third person
		// — a staff member named by their role, "she" — is an attack
		// whatever complaint comes with it; milder names ("idiot") leave
		// the complaint standing.
		if s.score >= 0.9 && s.sev >= 3 && clean(s.why) && s.why.tgt == tPerson {
			return true
		}
	}
	for _, s := range r.by[kSexual] {
		if s.score >= 0.7 && clean(s.why) && (s.why.tgt == tYou || s.why.tgt == tNamed) {
			return true
		}
		// A severe sexual demand needs no pronoun to be aimed at the
		// reader ("send nudes and I drop my complaint").
		if s.score >= 0.8 && s.sev >= 3 && clean(s.why) && s.why.tgt != tObject {
			return true
		}
	}
	for _, s := range r.by[kHarassment] {
		if s.score >= 0.75 && clean(s.why) && s.why.staff != "" && s.sev >= 2 {
			return true
		}
		// A campaign, pile-on or wish entry aimed at a person ("I'll post
		// this every day until she is gone"): the complaint words are its
		// content, wherever they stand. Aimed at the reader it takes a
		// severe one: "I won't stop until you answer" is said to the
		// organisation as often as to a person.
		if w := s.why; s.score >= 0.7 && clean(w) && w.staff == "" && s.sev >= 2 && w.lx.entries[w.e].kind == kHarassment &&
			(w.tgt == tNamed || w.tgt == tPerson || w.tgt == tYou && s.sev >= 3) {
			return true
		}
	}
	return false
}

// addWhy adds a judged abusive match; the explanation is rendered later.
func (r *results) addWhy(k kind, score float64, sev int8, w why, spans ...detect.Span) {
	if k >= nPublic || score <= 0 {
		return
	}
	// The stretched-letters variant finds most matches twice.
	for i, o := range r.by[k] {
		if o.why != nil && *o.why == w && r.by[k][i].spanList()[0] == spans[0] {
			r.by[k][i].score = max(o.score, score)
			return
		}
	}
	sc := scored{kind: k, score: score, sev: sev, why: r.keep(w)}
	if len(spans) == 1 {
		sc.one[0] = spans[0]
	} else {
		sc.spans = append([]detect.Span(nil), spans...)
	}
	r.by[k] = append(r.by[k], sc)
}

// addScored adds a lazily explained cue, once per entry and span.
func (r *results) addScored(sc scored) {
	for i, o := range r.by[sc.kind] {
		if o.lazy != nil && o.e == sc.e && o.one == sc.one {
			r.by[sc.kind][i].score = max(o.score, sc.score)
			return
		}
	}
	r.by[sc.kind] = append(r.by[sc.kind], sc)
}

// question: a question mark, interrogative words, or both in one sentence.
func (j *judge) question(res *results, st *state) {
	qm := strings.IndexByte(j.text, '?')
	qsent := int32(-1)
	if qm >= 0 {
		k := sort.Search(len(st.words), func(i int) bool { return st.words[i] > int32(qm) })
		qsent = j.sentOf(int32(k - 1))
	}
	found := false
	var bufArr [128]byte // the explanation is built here, then copied once
	buf := bufArr[:0]
	for i := range j.hits {
		h := &j.hits[i]
		if !j.isCue(h, kQuestion) {
			continue
		}
		e := &j.d.lx.entries[h.e]
		score := cueScore[e.sev]
		b := j.appendTerm(buf[:0], h)
		b = append(b, " question sev "...)
		b = strconv.AppendInt(b, int64(e.sev), 10)
		if h.sent == qsent {
			score = min(score+0.25, 0.9)
			b = append(b, ", with a question mark"...)
		}
		buf = b
		res.add(kQuestion, score, e.sev, string(b), j.n.Span(int(h.s), int(h.t)))
		found = true
	}
	if qm >= 0 && !found {
		res.add(kQuestion, 0.5, 1, `"?" question mark`, j.n.Span(qm, qm+1))
	}
}

func (r *results) add(k kind, score float64, sev int8, expl string, spans ...detect.Span) {
	if k >= nPublic || score <= 0 {
		return
	}
	// The stretched-letters variant finds most matches twice.
	for i, o := range r.by[k] {
		if o.expl == expl && len(o.spans) > 0 && len(spans) > 0 && o.spans[0] == spans[0] {
			r.by[k][i].score = max(o.score, score)
			return
		}
	}
	r.by[k] = append(r.by[k], scored{kind: k, score: score, sev: sev, expl: expl, spans: spans})
}

// signals merges the judged matches into one signal per category: the best
// score, raised a little by independent further evidence (at most +0.15),
// every span, and the explanations of the strongest matches.
func (r *results) signals(version string) []detect.Signal {
	// One allocation for the signals and one for all their spans, sized
	// up front.
	nsig, nspan := 0, 0
	for k := kind(0); k < nPublic; k++ {
		if len(r.by[k]) > 0 {
			nsig++
		}
		for i := range r.by[k] {
			nspan += len(r.by[k][i].spanList())
		}
	}
	if nsig == 0 {
		return nil
	}
	out := make([]detect.Signal, 0, nsig)
	all := make([]detect.Span, 0, nspan)
	var bufArr [512]byte // most explanations fit: one allocation, the string, per signal
	buf := bufArr[:0]
	for k := kind(0); k < nPublic; k++ {
		list := r.by[k]
		if len(list) == 0 {
			continue
		}
		slices.SortStableFunc(list, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
		best := list[0].score
		miss := 1.0
		var sev int8
		// Every match named by counter-speech. (Quotation alone is not
		// enough: on the corpora a quoted insult is as often a retweet
		// that repeats it as a mention.)
		mentioned := true
		first := len(all)
		// The explanations of the first three distinct matches, rendered
		// straight into the signal's: seen marks where each one sits.
		b := append(buf[:0], "lexicon "...)
		var seen [3][2]int
		nseen := 0
		for i := range list {
			s := &list[i]
			miss *= 1 - s.score
			sev = max(sev, s.sev)
			mentioned = mentioned && s.why != nil && s.why.counter != ""
			for _, sp := range s.spanList() {
				if !slices.Contains(all[first:], sp) {
					all = append(all, sp)
				}
			}
			if nseen < len(seen) {
				mark := len(b)
				if nseen > 0 {
					b = append(b, "; "...)
				}
				from := len(b)
				b = s.appendExplanation(b)
				dup := false
				for _, at := range seen[:nseen] {
					dup = dup || bytes.Equal(b[at[0]:at[1]], b[from:])
				}
				if dup {
					b = b[:mark]
				} else {
					seen[nseen] = [2]int{from, len(b)}
					nseen++
				}
			}
		}
		buf = b
		var spans []detect.Span // nil when none, as before
		if len(all) > first {
			// Capped: appending to one signal's spans must not reach the next's.
			spans = all[first:len(all):len(all)]
		}
		lift := 0.15
		if k == kThreat {
			// Veiled threats come in pieces that are mild alone: a demand
			// ("I strongly advise you to refund me") and a condition ("for
			// your own safety"). Together they are one threat.
			lift = 0.3
		}
		score := min(1-miss, best+lift, 0.99)
		slices.SortFunc(spans, func(a, b detect.Span) int {
			if c := cmp.Compare(a[0], b[0]); c != 0 {
				return c
			}
			return cmp.Compare(a[1], b[1])
		})
		out = append(out, detect.Signal{
			Category:    publicCats[k],
			Score:       float64(int(score*1000+0.5)) / 1000,
			Spans:       spans,
			Severity:    int(sev),
			Detector:    "lexicon",
			Version:     version,
			Explanation: string(b),
			Mentioned:   mentioned,
		})
	}
	return out
}
