// Package lang owns language identification of short comments: which of the
// languages Stormwatch supports (French, Dutch, Swedish, Norwegian Bokmål and
// Nynorsk, English, German, Danish) a text is written in, as an ISO 639-1
// code with a confidence, or "" when it cannot tell.
//
// Two stages, because comments are short and the detect engine must be fast:
//
//  1. a function-word lexicon (about 200 of the commonest words per
//     language) decides whenever the words point clearly to one language.
//     It costs under a microsecond, allocates nothing, and does better than
//     n-gram models on three-word comments ("takk for sist", "merci !").
//     It decides about nine comments in ten of the simulator's stream.
//  2. otherwise github.com/pemistahl/lingua-go, restricted to the eight
//     languages, decides. It costs 100-250 µs per call and its models are
//     loaded once, lazily, on first use.
//
// lingua runs in low-accuracy mode (trigrams only) by default. On this
// package's 181 hand-written comments it loses 2.7 points against full mode
// (nearly all between Bokmål, Swedish and Danish), but on the 5,700 labelled
// texts of the eval sets and corpus held-out splits it does better (95.4 %
// against 94.8 %, `stormwatch eval --withhold-lang`), it saves 150 MiB of
// heap, and without that heap's garbage-collector scans the ingest
// benchmark's p99 at 5,000 items/s drops from 50-240 ms to under 20 ms.
// Options{LowAccuracy: false} gives full mode.
//
// Bokmål and Nynorsk are told apart by their marker words (eg/jeg,
// ikkje/ikke, kva/hva, ...); Norwegian text without any marker is Bokmål,
// the written standard of most Norwegians.
package lang

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// Version identifies the identifier's behaviour, for decisions that record
// which detector versions they were made with.
const Version = "lang-1"

// Languages lists the codes Identify can return, besides "".
var Languages = []string{"fr", "nl", "sv", "nb", "nn", "en", "de", "da"}

// Options tune an Identifier. The zero value is the production setting.
type Options struct {
	// LowAccuracy loads only lingua's trigram models: measured 6 MiB of heap
	// (10 MiB resident) instead of 154 MiB (197 MiB resident), and lingua
	// calls a third cheaper, at the price of more errors on the short texts
	// that reach lingua (TestCompareModes, TestSimulatedStream). For
	// machines with little memory.
	LowAccuracy bool
	// LinguaOnly skips the lexicon stage; it exists to measure lingua alone.
	LinguaOnly bool
	// MinConfidence is the confidence below which Identify answers "".
	// Zero means DefaultMinConfidence.
	MinConfidence float64
}

// DefaultMinConfidence is the confidence under which a guess is not worth
// returning: with eight candidates, lingua spreads short texts thinly.
const DefaultMinConfidence = 0.4

// maxLinguaRunes caps what lingua reads. Its cost grows with length, and
// from 120 letters on it switches to trigrams alone (less accurate, and its
// softmax then falls into slow arbitrary-precision arithmetic); the first
// hundred-odd characters of a comment tell its language well enough.
const maxLinguaRunes = 119

// Method says which stage decided.
type Method string

// The stages.
const (
	MethodNone    Method = ""        // nothing to go on (no letters, or too unsure)
	MethodLexicon Method = "lexicon" // function words
	MethodLingua  Method = "lingua"  // n-gram models
)

// Result is a detailed answer, for tests, evaluation and the desk.
type Result struct {
	Lang       string
	Confidence float64
	Method     Method
}

// Identifier implements detect.LanguageIdentifier. It is safe for
// concurrent use; lingua's models are loaded on the first call that needs
// them, exactly once.
type Identifier struct {
	opts Options
	once sync.Once
	det  lingua.LanguageDetector
}

// New returns an identifier; nothing heavy happens until it is used.
func New(opts Options) *Identifier {
	if opts.MinConfidence <= 0 {
		opts.MinConfidence = DefaultMinConfidence
	}
	return &Identifier{opts: opts}
}

var (
	defaultOnce sync.Once
	defaultID   *Identifier
)

// Default returns the process-wide identifier with the production options,
// so that every user shares one copy of the models.
func Default() *Identifier {
	defaultOnce.Do(func() { defaultID = New(Options{LowAccuracy: true}) }) // see the package comment
	return defaultID
}

var linguaLanguages = []lingua.Language{
	lingua.French, lingua.Dutch, lingua.Swedish, lingua.Bokmal,
	lingua.Nynorsk, lingua.English, lingua.German, lingua.Danish,
}

// Warm loads lingua's models now rather than on the first ambiguous text,
// so a server can pay the cost (about a second) at start-up.
func (id *Identifier) Warm() { id.detector() }

func (id *Identifier) detector() lingua.LanguageDetector {
	id.once.Do(func() {
		b := lingua.NewLanguageDetectorBuilder().FromLanguages(linguaLanguages...).WithPreloadedLanguageModels()
		if id.opts.LowAccuracy {
			b = b.WithLowAccuracyMode()
		}
		id.det = b.Build()
	})
	return id.det
}

// Identify returns the ISO 639-1 code of text's language and a confidence in
// [0,1], or "" and the best confidence it had when it cannot tell.
func (id *Identifier) Identify(text string) (string, float64) {
	r := id.IdentifyDetail(text)
	return r.Lang, r.Confidence
}

// IdentifyDetail is Identify, also saying which stage decided.
func (id *Identifier) IdentifyDetail(text string) Result {
	text = dropAddresses(text)
	var sc scores
	if !sc.read(text) {
		return Result{} // no letters: emoji, numbers, links only
	}
	if sc.letters < minLetters && sc.hits == 0 {
		return Result{} // "ok", "DMV", "xD": n-grams of so little say nothing
	}
	if !id.opts.LinguaOnly {
		if lang, conf, ok := sc.decide(); ok {
			return Result{Lang: lang, Confidence: conf, Method: MethodLexicon}
		}
	}
	lang, conf := id.lingua(text, &sc)
	if conf < id.opts.MinConfidence {
		return Result{Confidence: conf}
	}
	return Result{Lang: lang, Confidence: conf, Method: MethodLingua}
}

// lingua asks the n-gram models. Bokmål and Nynorsk are scored together as
// Norwegian (they share most n-grams, so lingua splits its confidence
// between them), then the marker words choose between the two.
func (id *Identifier) lingua(text string, sc *scores) (lang string, conf float64) {
	defer func() {
		// lingua panics on some internal inconsistencies; a detector must
		// not, so a panic there means "cannot tell".
		if recover() != nil {
			lang, conf = "", 0
		}
	}()
	text = clip(strings.ToValidUTF8(text, " "), maxLinguaRunes)
	values := id.detector().ComputeLanguageConfidenceValues(text)
	var best lingua.Language
	var bestConf, nb, nn float64
	for _, v := range values {
		switch v.Language() {
		case lingua.Bokmal:
			nb = v.Value()
		case lingua.Nynorsk:
			nn = v.Value()
		default:
			if v.Value() > bestConf {
				best, bestConf = v.Language(), v.Value()
			}
		}
	}
	if nb+nn > bestConf {
		// Without marker words, lean to Bokmål unless lingua is clearly
		// for Nynorsk: Bokmål is what nine Norwegians in ten write.
		return sc.norwegian(2*nb >= nn), nb + nn
	}
	if bestConf == 0 {
		return "", 0
	}
	return code(best), bestConf
}

func code(l lingua.Language) string {
	switch l {
	case lingua.French:
		return "fr"
	case lingua.Dutch:
		return "nl"
	case lingua.Swedish:
		return "sv"
	case lingua.Bokmal:
		return "nb"
	case lingua.Nynorsk:
		return "nn"
	case lingua.English:
		return "en"
	case lingua.German:
		return "de"
	case lingua.Danish:
		return "da"
	}
	return ""
}

// dropAddresses removes links, e-mail addresses and @handles, whose letters
// are in no language and mislead n-gram models ("https" looks Danish).
// The kept fields (split as strings.Fields splits) are joined by single
// spaces, built in one allocation.
func dropAddresses(text string) string {
	if !strings.Contains(text, "://") && !strings.Contains(text, "www.") && !strings.Contains(text, "@") {
		return text // the common case costs no allocation
	}
	var b strings.Builder
	b.Grow(len(text))
	start := -1 // start of the current field, -1 between fields
	keep := func(f string) {
		if strings.Contains(f, "://") || hasWWW(f) || strings.Contains(f, "@") {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	for i := 0; i < len(text); {
		// By byte, decoding only what is not ASCII.
		c, w := text[i], 1
		space := c <= ' ' && asciiSpace&(1<<c) != 0 // isFieldSpace for ASCII, inline
		if c >= utf8.RuneSelf {
			var r rune
			r, w = utf8.DecodeRuneInString(text[i:])
			space = isFieldSpace(r)
		}
		if space {
			if start >= 0 {
				keep(text[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += w
	}
	if start >= 0 {
		keep(text[start:])
	}
	return b.String()
}

// asciiSpace has a bit set for each ASCII byte isFieldSpace accepts.
const asciiSpace = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r'

// isFieldSpace is the separator of strings.Fields: unicode.IsSpace, with
// the ASCII cases first.
func isFieldSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
	}
	return unicode.IsSpace(r)
}

// hasWWW is strings.HasPrefix(strings.ToLower(f), "www.") without the
// copy: no rune other than 'W' lowers to 'w', none to '.'.
func hasWWW(f string) bool {
	return len(f) >= 4 && f[0]|0x20 == 'w' && f[1]|0x20 == 'w' && f[2]|0x20 == 'w' && f[3] == '.'
}

// clip cuts s after n runes.
func clip(s string, n int) string {
	if len(s) <= n { // fewer bytes than n means fewer runes
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// maxTokenBytes bounds a token; longer "words" (URLs, hashes) are no
// function words.
const maxTokenBytes = 32

// scores accumulates lexicon evidence for one text.
type scores struct {
	g       [numGroups]float64
	nbMarks int
	nnMarks int
	letters int // letters read
	hits    int // tokens found in the lexicon
}

// minLetters is the fewest letters lingua is asked about.
const minLetters = 4

// read tokenises text into lower-case letter runs and scores each one. It
// reports whether the text has any letter at all.
func (s *scores) read(text string) bool {
	var buf [maxTokenBytes + utf8.UTFMax]byte
	n, tooLong, letters := 0, false, 0
	afterMask := false // the run being read follows a mask
	for i := 0; i < len(text); {
		// A run of ASCII letters, the common case, in a loop without
		// calls: this runs for nearly every byte of every comment.
		for i < len(text) {
			low := asciiLower[text[i]]
			if low == 0 {
				break
			}
			i++
			letters++
			if tooLong {
				continue
			}
			if n+utf8.UTFMax > maxTokenBytes {
				tooLong = true
				continue
			}
			buf[n] = low
			n++
		}
		if i == len(text) {
			break
		}
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		i += w
		if r < utf8.RuneSelf || !unicode.IsLetter(r) {
			// A letter run glued to a mask is part of a masked word
			// ("n*****s"), no function word: its "s" is not Dutch.
			mask := r == '*' || r == '#'
			if n > 0 && !tooLong && !mask && !afterMask {
				s.add(buf[:n])
			}
			n, tooLong, afterMask = 0, false, mask
			continue
		}
		letters++
		if tooLong {
			continue
		}
		if n+utf8.UTFMax > maxTokenBytes {
			tooLong = true
			continue
		}
		n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
	}
	if n > 0 && !tooLong && !afterMask {
		s.add(buf[:n])
	}
	s.letters += letters
	return s.letters > 0
}

// asciiLower maps the ASCII letters to their lower case and every other
// byte to 0.
var asciiLower = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

func (s *scores) add(tok []byte) {
	if !lexFilter.maybe(tok) {
		return // most words of a comment are no function word: skip the map
	}
	e, ok := lexicon[string(tok)] // no allocation: the compiler special-cases this lookup
	if !ok {
		return
	}
	s.hits++
	w := 1 / float64(e.groups.count())
	for m := e.groups; m != 0; m &= m - 1 { // each group of the word
		s.g[bits.TrailingZeros8(uint8(m))] += w
	}
	if e.nb {
		s.nbMarks++
	}
	if e.nn {
		s.nnMarks++
	}
}

// decide returns the lexicon's answer when one language leads the next by
// at least one whole distinctive word.
func (s *scores) decide() (string, float64, bool) {
	top, second := group(-1), group(-1)
	for g := range numGroups {
		switch {
		case top < 0 || s.g[g] > s.g[top]:
			top, second = g, top
		case second < 0 || s.g[g] > s.g[second]:
			second = g
		}
	}
	t, u := s.g[top], s.g[second]
	if t-u < 1-1e-9 { // shares of split words (1/3 + 1/3 + 1/3) may not add up exactly

		return "", 0, false
	}
	conf := t / (t + u + 0.5)
	if top == gNo {
		return s.norwegian(true), conf, true
	}
	return groupCodes[top], conf, true
}

// norwegian chooses between Bokmål and Nynorsk by marker words, falling back
// to lean when they are silent or tied.
func (s *scores) norwegian(leanBokmal bool) string {
	switch {
	case s.nnMarks > s.nbMarks:
		return "nn"
	case s.nbMarks > s.nnMarks:
		return "nb"
	case leanBokmal:
		return "nb"
	}
	return "nn"
}

// Version names the identifier's behaviour, recorded with every decision.
func (*Identifier) Version() string { return Version }
