package replies

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// ToneKind is what is wrong with a draft's tone.
type ToneKind string

// The two failures the seeds warn about when answering criticism.
const (
	Aggressive ToneKind = "aggressive"
	Defensive  ToneKind = "defensive"
)

// Cue names the pattern found; the desk translates suggestions by cue.
type Cue string

// The cues.
const (
	CueInsult       Cue = "insult"
	CueSarcasm      Cue = "sarcasm"
	CueShouting     Cue = "shouting"
	CueExclamations Cue = "exclamations"
	CueYouPeople    Cue = "you_people"
	CueLegalThreat  Cue = "legal_threat"
	CueBlame        Cue = "blame"
	CueRepetition   Cue = "repetition"
	CueContradict   Cue = "contradiction"
	CueDenial       Cue = "denial"
	CuePolicyWall   Cue = "policy"
	CueDueRespect   Cue = "due_respect"
	CueMinimising   Cue = "minimising"
)

var cueKind = map[Cue]ToneKind{
	CueInsult: Aggressive, CueSarcasm: Aggressive, CueShouting: Aggressive, CueExclamations: Aggressive,
	CueYouPeople: Aggressive, CueLegalThreat: Aggressive,
	CueBlame: Defensive, CueRepetition: Defensive, CueContradict: Defensive, CueDenial: Defensive,
	CuePolicyWall: Defensive, CueDueRespect: Defensive, CueMinimising: Defensive,
}

// Suggestions, in English; the desk shows its own translation per cue.
var suggestions = map[Cue]string{
	CueInsult:       "Remove the insult: describe the situation, never the person.",
	CueSarcasm:      "Drop the irony: say plainly that you hear them; sarcasm reads as contempt in public.",
	CueShouting:     "Write in normal case: capitals read as shouting.",
	CueExclamations: "Use one full stop instead of a run of ! or ?: calm punctuation lowers the temperature.",
	CueYouPeople:    "Speak to the person, not to a group: use their name.",
	CueLegalThreat:  "Never threaten legal action in public: leave it to management and move to a private channel.",
	CueBlame:        "Acknowledge the feeling first; do not put the fault on the person.",
	CueRepetition:   "Answer as if for the first time: most readers have not seen the earlier replies.",
	CueContradict:   "Do not argue facts in public: acknowledge the feeling first and move to a private channel to go through them together.",
	CueDenial:       "Acknowledge the feeling first instead of declaring yourselves blameless, and offer to talk in private.",
	CuePolicyWall:   "Explain with empathy instead of pointing at rules; offer a private channel for the details.",
	CueDueRespect:   "Drop \"with all due respect\": it signals the opposite. Thank them for telling you.",
	CueMinimising:   "Do not minimise what they feel: acknowledge the feeling first.",
}

// Suggestion returns the advice for a cue, in English.
func Suggestion(c Cue) string { return suggestions[c] }

// Warning is one finding of the tone check.
type Warning struct {
	Kind       ToneKind    `json:"kind"`
	Cue        Cue         `json:"cue"`
	Span       detect.Span `json:"span"` // byte offsets in the draft
	Text       string      `json:"text"` // the words found
	Suggestion string      `json:"suggestion"`
}

// ToneChecker warns when a reply reads as aggressive or defensive. It is
// safe for concurrent use.
type ToneChecker struct {
	cues map[string][]phrase // by language; "" holds the language-neutral cues
	// insults, when set, is a detector (the lexicon) whose insult, threat,
	// harassment and hate findings in a draft become warnings too.
	insults detect.Detector
}

type phrase struct {
	cue    Cue
	text   string // normalised
	prefix bool   // matches words starting with text ("idiot*")
}

// NewToneChecker builds a checker from the built-in cue lists; insults
// may be nil.
func NewToneChecker(insults detect.Detector) *ToneChecker {
	c := &ToneChecker{cues: map[string][]phrase{}, insults: insults}
	for lang, byCue := range cueLists {
		for cue, list := range byCue {
			for _, p := range list {
				ph := phrase{cue: cue}
				if strings.HasSuffix(p, "*") {
					ph.prefix, p = true, strings.TrimSuffix(p, "*")
				}
				ph.text = normalize(p).s
				c.cues[lang] = append(c.cues[lang], ph)
			}
		}
	}
	return c
}

// langsFor returns the cue lists that apply to a draft in lang: its own
// (Nynorsk with Bokmål), the neutral one, and all of them when the
// language is unknown.
func (c *ToneChecker) langsFor(lang string) []string {
	switch lang {
	case "nb", "nn":
		return []string{"", "nb", "nn"}
	case "":
	default:
		if _, ok := c.cues[lang]; ok {
			return []string{"", lang}
		}
	}
	out := make([]string, 0, len(c.cues))
	for l := range c.cues {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Check returns the tone warnings for text in lang, in text order. A
// failing insult detector is ignored: the cue lists still apply, and a
// warning is advice, not a gate.
func (c *ToneChecker) Check(ctx context.Context, text, lang string) []Warning {
	var out []Warning
	add := func(cue Cue, start, end int) {
		out = append(out, Warning{Kind: cueKind[cue], Cue: cue, Span: detect.Span{start, end}, Text: text[start:end], Suggestion: suggestions[cue]})
	}
	n := normalize(text)
	for _, l := range c.langsFor(lang) {
		for _, p := range c.cues[l] {
			for _, m := range n.find(p) {
				add(p.cue, m[0], m[1])
			}
		}
	}
	for _, s := range shouting(text) {
		add(CueShouting, s[0], s[1])
	}
	for _, s := range punctuationRuns(text) {
		add(CueExclamations, s[0], s[1])
	}
	if c.insults != nil {
		sigs, err := c.insults.Detect(ctx, detect.Input{Text: text, Lang: lang})
		if err == nil {
			for _, s := range sigs {
				switch s.Category {
				case detect.Insult, detect.Threat, detect.Harassment, detect.Hate:
				default:
					continue
				}
				if s.Score < 0.5 {
					continue
				}
				for _, sp := range s.Spans {
					if sp[0] >= 0 && sp[0] < sp[1] && sp[1] <= len(text) {
						add(CueInsult, sp[0], sp[1])
					}
				}
			}
		}
	}
	return dedupe(out)
}

// dedupe sorts warnings and drops a warning whose span lies inside
// another of the same cue (the lexicon and the cue list finding the same
// insult, "c'est faux" inside "c'est totalement faux").
func dedupe(ws []Warning) []Warning {
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].Span[0] != ws[j].Span[0] {
			return ws[i].Span[0] < ws[j].Span[0]
		}
		return ws[i].Span[1] > ws[j].Span[1]
	})
	out := ws[:0]
	for _, w := range ws {
		dup := false
		for _, o := range out {
			if o.Cue == w.Cue && o.Span[0] <= w.Span[0] && w.Span[1] <= o.Span[1] {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, w)
		}
	}
	return out
}

// normalized is text lower-cased, with typographic apostrophes and runs
// of white space folded, keeping each byte's origin in the original.
type normalized struct {
	s          string
	start, end []int // original byte range of the rune each byte came from
}

func normalize(text string) normalized {
	var b strings.Builder
	var start, end []int
	space := false
	for i, r := range text {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			size = 1
		}
		switch {
		case unicode.IsSpace(r):
			if space {
				// extend the previous space to cover this one
				end[len(end)-1] = i + size
				continue
			}
			space = true
			r = ' '
		case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`':
			space, r = false, '\''
		default:
			space = false
			r = unicode.ToLower(r)
		}
		n, _ := b.WriteRune(r)
		for k := 0; k < n; k++ {
			start, end = append(start, i), append(end, i+size)
		}
	}
	return normalized{s: b.String(), start: start, end: end}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// find returns the original byte spans where p occurs on word boundaries.
func (n normalized) find(p phrase) [][2]int {
	if p.text == "" {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(p.text)
	last, _ := utf8.DecodeLastRuneInString(p.text)
	var out [][2]int
	for from := 0; from < len(n.s); {
		i := strings.Index(n.s[from:], p.text)
		if i < 0 {
			break
		}
		i += from
		j := i + len(p.text)
		from = i + 1
		if isWordRune(first) && i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(n.s[:i]); isWordRune(r) {
				continue
			}
		}
		if isWordRune(last) && j < len(n.s) {
			r, _ := utf8.DecodeRuneInString(n.s[j:])
			if isWordRune(r) && !p.prefix {
				continue
			}
		}
		if p.prefix { // cover the whole word
			for j < len(n.s) {
				r, size := utf8.DecodeRuneInString(n.s[j:])
				if !isWordRune(r) {
					break
				}
				j += size
			}
		}
		out = append(out, [2]int{n.start[i], n.end[j-1]})
	}
	return out
}

// shouting finds text written in capitals: the whole draft when most of
// its letters are capitals, otherwise runs of capitalised words long
// enough not to be acronyms (SPCA, AFSCA, NAV stay quiet).
func shouting(text string) [][2]int {
	letters, upper := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 12 && upper*10 >= letters*6 {
		return [][2]int{{0, len(text)}}
	}
	var out [][2]int
	runStart, runEnd, runLetters, runWords := -1, -1, 0, 0
	flush := func() {
		if runWords >= 2 && runLetters >= 6 || runWords == 1 && runLetters >= 6 {
			out = append(out, [2]int{runStart, runEnd})
		}
		runStart, runLetters, runWords = -1, 0, 0
	}
	for _, w := range words(text) {
		word := text[w[0]:w[1]]
		nl, caps := 0, true
		for _, r := range word {
			if unicode.IsLetter(r) {
				nl++
				if !unicode.IsUpper(r) {
					caps = false
				}
			}
		}
		if caps && nl >= 2 {
			if runStart < 0 {
				runStart = w[0]
			}
			runEnd, runLetters, runWords = w[1], runLetters+nl, runWords+1
			continue
		}
		flush()
	}
	flush()
	return out
}

// words returns the byte spans of letter/digit runs (apostrophes and
// hyphens inside a word keep it whole).
func words(text string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		inner := (r == '\'' || r == '-' || r == '\u2019') && start >= 0
		if isWordRune(r) || inner {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// punctuationRuns finds "!!", "?!", "!!!" and "???": one ! or ? is fine.
func punctuationRuns(text string) [][2]int {
	var out [][2]int
	start, last, bangs, qs := -1, -1, 0, 0
	flush := func() {
		if start >= 0 && (bangs >= 2 || bangs >= 1 && qs >= 1 || qs >= 3) {
			out = append(out, [2]int{start, last})
		}
		start, bangs, qs = -1, 0, 0
	}
	for i, r := range text {
		switch r {
		case '!', '\uff01':
			bangs++
		case '?', '\uff1f':
			qs++
		case ' ', '\u00a0', '\u202f': // "! !" and French spacing stay one run
			continue
		default:
			flush()
			continue
		}
		if start < 0 {
			start = i
		}
		last = i + utf8.RuneLen(r)
	}
	flush()
	return out
}
