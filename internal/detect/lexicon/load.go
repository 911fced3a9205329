package lexicon

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

//go:embed data/*.tsv
var dataFS embed.FS

// kind is an entry's category: the public ones, then the cues that only
// steer scoring and are never emitted.
type kind uint8

const (
	kInsult kind = iota
	kHarassment
	kThreat
	kHate
	kSexual
	kAccusation
	kSpam
	kComplaint
	kQuestion
	kPraise
	kCrisis
	nPublic // number of public kinds

	kProfanity // an expletive: an insult only when aimed at a person
	kYou       // second person: the target is the reader
	kPerson    // third person or a person noun: the target is someone
	kObject    // a thing: app, site, bug, service
	kSelf      // first person, for reclaimed words
	kGroup     // an identity group: "immigrants", "gays"
	kNeg       // a negation: "not", "pas", "niet", "inte"
	kCounter   // counter-speech: "calling people", "is not okay"
	kLang      // a function word, to guess the language
	kOK        // an innocent phrase hiding a bad word ("chink in the armor")
	kCond      // a conditional conjunction: "if", "si", "om", "wenn"
	// The threat grammar's word classes (threatgrammar.go).
	kAgent  // who means harm: "i ll", "je vais", "jag ska", "someone should", "i hope"
	kHarm   // a harm done to someone: "kill", "stab", "break", "tuer", "döda"
	kFate   // a harm that befalls: "never walk again", "in a body bag", "à l'hôpital"
	kVictim // someone's own, to be harmed: "your kids", "your car", "ta famille"
	kAnimal // an animal or pest: a pronoun after it is not a person ("the rats, I'll kill them")
	kIdiom  // a harm word that harms no one ("kill time", "afraid i ll"): hides what it holds, like ok
	kErrand // an errand or shared plan ("to pick up", "pour récupérer", "så kjører vi"): lifts a presence threat (presence.go)
	kPart   // one part of a pattern with gaps (internal)
)

var kindNames = map[string]kind{
	"insult": kInsult, "harassment": kHarassment, "threat": kThreat, "hate": kHate,
	"sexual": kSexual, "accusation": kAccusation, "spam": kSpam, "complaint": kComplaint,
	"question": kQuestion, "praise": kPraise, "crisis": kCrisis,
	"profanity": kProfanity, "you": kYou, "person": kPerson, "object": kObject,
	"self": kSelf, "group": kGroup, "neg": kNeg, "counter": kCounter, "lang": kLang, "ok": kOK, "cond": kCond,
	"agent": kAgent, "harm": kHarm, "fate": kFate, "victim": kVictim, "animal": kAnimal, "idiom": kIdiom,
	"errand": kErrand,
}

var kindList = func() []string {
	l := make([]string, kPart+1)
	for n, k := range kindNames {
		l[k] = n
	}
	l[kPart] = "part"
	return l
}()

var publicCats = [nPublic]detect.Category{
	detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Sexual,
	detect.Accusation, detect.Spam, detect.Complaint, detect.Question, detect.Praise, detect.Crisis,
}

func (k kind) String() string {
	if int(k) < len(kindList) {
		return kindList[k]
	}
	return "?"
}

// Entry flags (the flags column, one letter each).
const (
	fAny       uint16 = 1 << iota // x: unambiguous in any language
	fReclaimed                    // r: a slur reclaimed by the group it names
	fTarget                       // t: only abusive when aimed at a person
	fGroup                        // g: hate only when aimed at an identity group
	fPoss                         // p: a possessive (for you cues): "your app"
	fStart                        // s: only at the start of a sentence
	fOverride                     // o: hides shorter entries inside it
	fVeiled                       // v: a veiled threat, worded politely
	fInflect                      // i: a noun that takes its language's definite and plural endings
	fDirect                       // d: a sexual word that is harassment said to the reader or a named person
	fEnd                          // e: only where a clause ends (no word follows before punctuation)
	fMild                         // m: mild whatever it is aimed at (condescension: "learn to read"), reviewed, never removed on its own
	fCall                         // c: on the threat grammar's classes, an incitement form: an imperative or first-person present harm, an opener, a pointed-at target
	fPresence                     // w: a presence threat (lying in wait at someone's home or car): an errand or a clock time in its sentence lifts it (presence.go)
	fGroupOnly                    // n: with g, counts only with an identity group or a slur in reach; said of a person it is dropped, not read as an insult (round17hate.go)
)

var flagLetters = map[byte]uint16{'x': fAny, 'r': fReclaimed, 't': fTarget, 'g': fGroup, 'p': fPoss, 's': fStart, 'o': fOverride, 'v': fVeiled, 'i': fInflect, 'd': fDirect, 'e': fEnd, 'm': fMild, 'c': fCall, 'w': fPresence, 'n': fGroupOnly}

// entry is one spelled-out form of a lexicon line (or one part of a form
// with gaps). There are hundreds of thousands of them, and every match
// reads some: an entry holds no pointers, so that the collector never
// scans them, and refers to its strings by index (lx.term, lx.langOf,
// lx.where).
type entry struct {
	// The term as written in the file: lx.text[termAt : termAt+termLen].
	termAt  int32
	termLen uint16
	lang    uint8 // 1 + its index in lx.langs; 0 for language-neutral files (emoji)
	kind    kind
	sev     int8
	flags   uint16
	pre     bool // a leading '*': may end another word ("*idiot" in "vollidiot")
	suf     bool // a trailing '*': may continue ("idiot*" in "idiots")
	// For a pattern with gaps ("i will .. kill you"), the whole entry
	// has parts >= 2 and each part is an entry of kind kPart pointing back.
	parts int8
	whole int32 // for kPart: the index of the whole entry
	part  int8  // for kPart: which part
	// named marks, for a term with the staff placeholder ("hoppas
	// <staff> dör"), where a staff name stands: bit k before part k, bit
	// parts after the last one. Such a term is split into parts there.
	// gapped marks the names followed by a gap ("folk som <staff> ..
	// hamnar på sjukhus"): bit k, up to three words between the name and
	// part k.
	named, gapped uint8
	// genitive: the term's staff slots take the name in the genitive
	// ("<staff's> hemadress": "Lindqvists", "Ingrids"), and only that.
	genitive bool
	src      int32 // the line it comes from: lx.sources[src]
}

// source is one lexicon line, shared by all the entries it spells out.
type source struct {
	where string // file:line, for errors
	note  string
}

// parsed is one lexicon line as read: an entry, and the strings it refers
// to by index once it is in a lexicon.
type parsed struct {
	entry
	term, note string
}

// Lexicon is the compiled set of entries.
type lexicon struct {
	entries []entry
	// text holds the terms of all entries end to end (entry.termAt): one
	// string without pointers instead of one per entry. arena builds it
	// while loading.
	text    string
	arena   strings.Builder
	sources []source
	// pats and patEntries are what the matcher's callback reads of a
	// pattern (entriesOf), laid out so that it costs one cache miss.
	pats       []patInfo
	patEntries []int32
	ac         *automaton
	version    string
	langs      []string
	counts     map[string]map[string]int // lang -> category -> entries
	patterns   int
	// vocab holds every word of every term, with the bits of the
	// languages (index in langs) whose lexicons use it: a masked word
	// ("w*nn", "b*ck") is read as the one word of the lexicons it can be.
	vocab map[string]uint16
	// typos holds the words a misspelling may be read as (typos.go).
	typos *typoIndex
	// joins holds the words a word split in two may be read as (rejoin.go).
	joins *joinIndex
	// masks holds the words a run of masks may hide (maskrun.go).
	masks *maskIndex
}

// patInfo is one pattern of the automaton.
type patInfo struct {
	// Its entries are patEntries[first : first+n].
	first int32
	n     uint16
	facts uint8 // what its entries all lack (matchFacts)
	// folded marks a pattern that is another with its Nordic or German
	// letters folded ("jaevla" for "jævla"): 1 + the index in foldings,
	// 0 for a pattern as written.
	folded uint8
}

// entriesOf returns the entries of pattern id.
func (lx *lexicon) entriesOf(id int32) []int32 {
	p := lx.pats[id]
	return lx.patEntries[p.first : p.first+int32(p.n) : p.first+int32(p.n)]
}

// abuseKind reports whether k is one of the abusive public categories.
func abuseKind(k kind) bool {
	switch k {
	case kInsult, kHarassment, kThreat, kHate, kSexual:
		return true
	}
	return false
}

// kindOf is the kind of an entry, or of the whole pattern a part is of.
func (lx *lexicon) kindOf(e *entry) kind {
	if e.kind == kPart {
		return lx.entries[e.whole].kind
	}
	return e.kind
}

// term is e's term as written in the file (one of its spellings).
func (lx *lexicon) term(e *entry) string {
	return lx.text[e.termAt : e.termAt+int32(e.termLen)]
}

// setTerm makes s the term of entry ei.
func (lx *lexicon) setTerm(ei int32, s string) error {
	at := lx.arena.Len()
	if len(s) > math.MaxUint16 || at+len(s) > math.MaxInt32 {
		return fmt.Errorf("%s: term %.40q… too long", lx.where(&lx.entries[ei]), s)
	}
	lx.arena.WriteString(s)
	// The builder never changes the bytes it has handed out: text stays
	// valid for the entries before, however the arena grows.
	lx.text = lx.arena.String()
	lx.entries[ei].termAt, lx.entries[ei].termLen = int32(at), uint16(len(s))
	return nil
}

// where is the file and line e comes from.
func (lx *lexicon) where(e *entry) string { return lx.sources[e.src].where }

// langOf is e's language; "" for the language-neutral entries (emoji).
func (lx *lexicon) langOf(e *entry) string {
	if e.lang == 0 {
		return ""
	}
	return lx.langs[e.lang-1]
}

// langBit is the bit of e's language among the lexicons' languages (as
// in Detector.langBit); 0 for the language-neutral entries.
func (e *entry) langBit() uint16 {
	if e.lang == 0 {
		return 0
	}
	return 1 << (e.lang - 1)
}

// langBits is the bit of e's language; every bit for the
// language-neutral entries (emoji).
func langBits(e *entry) uint16 {
	if e.lang == 0 {
		return ^uint16(0)
	}
	return e.langBit()
}

// foldable reports whether a pattern's entries are worth a folded or
// spoken spelling: abuse and the identity groups it is aimed at. Cues
// for complaints, praise or the language are left as written.
func (lx *lexicon) foldable(es []int32) bool {
	for _, ei := range es {
		if foldsKind(lx.kindOf(&lx.entries[ei])) {
			return true
		}
	}
	return false
}

// foldsKind reports whether entries of kind k get folded spellings.
func foldsKind(k kind) bool { return abuseKind(k) || k == kProfanity || k == kGroup }

// speak gives key in lang's spoken spelling of the object pronouns, or
// key itself.
func speak(lang, key string) string {
	r := spoken[lang]
	if r == nil {
		return key
	}
	v := r.Replace(" " + key + " ")
	return v[1 : len(v)-1]
}

// spoken replaces the written object pronouns of a language by their
// spoken spellings, as whole words (the pattern is padded with spaces).
var spoken = map[string]*strings.Replacer{
	"sv": strings.NewReplacer(" dig ", " dej ", " mig ", " mej ", " sig ", " sej "),
	"nb": strings.NewReplacer(" deg ", " dæ ", " meg ", " mæ "),
	"nn": strings.NewReplacer(" deg ", " dæ ", " meg ", " mæ "),
}

// nordicLetters are the letters normalisation keeps (normalize.Text).
const nordicLetters = "åäöøæü"

// foldings spell them the two ways keyboards without them do: one
// letter ("javla", "doda") or two ("jaevla", "duemmer", "paa").
var foldings = [...]*strings.Replacer{
	strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "ø", "o", "æ", "a", "ü", "u"),
	strings.NewReplacer("å", "aa", "ä", "ae", "ö", "oe", "ø", "oe", "æ", "ae", "ü", "ue"),
}

// sameFolded reports whether a and b are one word spelled with and without
// å, ä, ö, ø, æ or ü ("döda" and "doda", "jävla" and "jaevla").
func sameFolded(a, b string) bool {
	for _, r := range foldings {
		if r.Replace(a) == r.Replace(b) {
			return true
		}
	}
	return false
}

func load() (*lexicon, error) {
	lx, _, err := loadPatterns()
	return lx, err
}

// loadPatterns is load that also returns the matcher's patterns by id
// (the tests compare the matcher with a naive one over them).
func loadPatterns() (*lexicon, []string, error) {
	names, err := fs.Glob(dataFS, "data/*.tsv")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	lx := &lexicon{counts: map[string]map[string]int{}}
	h := sha256.New()
	patID := map[string]int32{}
	var patterns []string
	var byPat [][]int32 // pattern id -> entries
	addPat := func(key string, e int32) {
		id, ok := patID[key]
		if !ok {
			id = int32(len(patterns))
			patID[key] = id
			patterns = append(patterns, key)
			byPat = append(byPat, nil)
		}
		byPat[id] = append(byPat[id], e)
	}
	for _, name := range names {
		b, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		h.Write([]byte(name))
		h.Write(b)
		lang := strings.TrimSuffix(path.Base(name), ".tsv")
		var li uint8 // entry.lang
		if lang == "emoji" {
			lang = ""
		} else {
			// A language is a bit of a uint16 (langBit).
			if len(lx.langs) == 16 {
				return nil, nil, fmt.Errorf("%s: more than 16 language files", name)
			}
			lx.langs = append(lx.langs, lang)
			li = uint8(len(lx.langs))
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		line := 0
		for sc.Scan() {
			line++
			text := sc.Text()
			if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") || (line == 1 && strings.HasPrefix(text, "term\t")) {
				continue
			}
			where := fmt.Sprintf("%s:%d", name, line)
			p, err := parseLine(text, lang, where)
			if err != nil {
				return nil, nil, err
			}
			p.lang, p.src = li, int32(len(lx.sources))
			lx.sources = append(lx.sources, source{where: where, note: strings.Clone(p.note)})
			idx := int32(len(lx.entries))
			lx.entries = append(lx.entries, p.entry)
			if err := lx.setTerm(idx, p.term); err != nil {
				return nil, nil, err
			}
			if err := lx.addEntry(idx, addPat); err != nil {
				return nil, nil, err
			}
		}
		if err := sc.Err(); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	// Without å, ä, ö, ø, æ or ü on the keyboard (or to slip past a
	// filter) people write "javla", "doda", "jaevla", "duemmer": every
	// pattern with one of them also gets its folded spellings, which count
	// only in words written without any of those letters (analyze).
	folded := make([]uint8, len(patterns), len(patterns)+len(patterns)/2)
	// addVariant makes v another spelling of pattern id.
	addVariant := func(id int, v string, fold uint8) {
		if o, ok := patID[v]; ok {
			// Spelled out already (by another entry, or another
			// variant): that pattern stands for these entries too.
			for _, e := range byPat[id] {
				if !slices.Contains(byPat[o], e) {
					byPat[o] = append(byPat[o], e)
				}
			}
			return
		}
		patID[v] = int32(len(patterns))
		patterns = append(patterns, v)
		byPat = append(byPat, slices.Clone(byPat[id]))
		folded = append(folded, fold)
	}
	for id, n := 0, len(patterns); id < n; id++ {
		key := patterns[id]
		if !strings.ContainsAny(key, nordicLetters) || !lx.foldable(byPat[id]) {
			continue
		}
		for fi, r := range foldings {
			if fi == 1 && !strings.ContainsAny(key, "æøü") && lx.langOf(&lx.entries[byPat[id][0]]) != "de" {
				// Two letters for one is the German and Danish-Norwegian
				// habit ("duemmer", "jaevla"); Swedes write "javla".
				continue
			}
			addVariant(id, r.Replace(key), uint8(fi+1))
		}
	}
	// Spoken spellings of the object pronouns, as common in comments as
	// the written ones: "häng dej", "ta livet av dej", "æ ska drepe dæ".
	for id, n := 0, len(patterns); id < n; id++ {
		key := patterns[id]
		if v := speak(lx.langOf(&lx.entries[byPat[id][0]]), key); v != key && lx.foldable(byPat[id]) {
			addVariant(id, v, folded[id])
		}
	}
	lx.pats = make([]patInfo, len(byPat))
	for id, es := range byPat {
		if len(es) > math.MaxUint16 {
			return nil, nil, fmt.Errorf("lexicon: pattern %q has %d entries, more than %d", patterns[id], len(es), math.MaxUint16)
		}
		lx.pats[id] = patInfo{first: int32(len(lx.patEntries)), n: uint16(len(es)), facts: lx.matchFacts(es), folded: folded[id]}
		lx.patEntries = append(lx.patEntries, es...)
	}
	// A pattern none of whose entries has a leading wildcard is matched
	// at word starts only (see automaton).
	anchored := make([]bool, len(patterns))
	for id, p := range lx.pats {
		anchored[id] = p.facts&factNoPre != 0
	}
	// The parse's garbage goes before the automaton's building arrays
	// come, and theirs before the typo and join indexes: at most one
	// phase's temporaries are ever in the heap, which is what the
	// process's peak memory is made of.
	runtime.GC()
	lx.ac = compile(patterns, anchored)
	runtime.GC()
	// The detector drops a match that a word goes on after when no entry
	// of its pattern has a trailing wildcard, and none takes endings or
	// the pattern is short (analyze's onMatch): the scan can skip those.
	drop := make([]bool, len(patterns))
	for id, p := range lx.pats {
		f := p.facts
		drop[id] = f&factNoSuf != 0 && (len(patterns[id]) < 4 || f&factNoInflect != 0) && isWordBefore(patterns[id], len(patterns[id]))
	}
	lx.ac.dropInWord(drop)
	lx.patterns = len(patterns)
	// The terms are all in: text without the arena's spare capacity.
	lx.text = strings.Clone(lx.text)
	lx.arena = strings.Builder{}
	lx.vocab = map[string]uint16{}
	for _, e := range lx.entries {
		if grammarKind(e.kind) {
			continue // the threat grammar's classes leave masked and misspelled words as they were read
		}
		bit := langBits(&e)
		for _, w := range strings.Fields(normalize.Key(strings.ReplaceAll(lx.term(&e), staffSlot, " "))) {
			if len(w) >= 3 {
				lx.vocab[w] |= bit
			}
		}
	}
	lx.typos = buildTypos(lx)
	lx.joins = buildJoins(lx)
	lx.masks = buildMaskRuns(lx)
	lx.version = "1.0+" + hex.EncodeToString(h.Sum(nil))[:12]
	return lx, patterns, nil
}

// staffSlot in a term stands for one of the workspace's staff names
// (detect.Context.StaffNames) exactly as the detector finds them in a
// comment (appendNames): "hoppas <staff> dör", "(hon|han|<staff>) ska få
// betala". Staff names are known per comment, not when the lexicons are
// compiled, so the text around the slot is matched as parts and joined
// only where a staff name fills the slot (joinParts).
const staffSlot = "<staff>"

// staffGenSlot is the slot for a staff name in the genitive, as the
// detector reads it ("Saras", "Dr Lindqvists": the name and an s): "dela
// <staff's> bild". A term has slots of one kind only.
const staffGenSlot = "<staff's>"

// addEntry registers the patterns of entry idx. A term with the staff
// placeholder among alternatives ("(hon|han|<staff>) dör") becomes two
// entries: one with the other alternatives, one with the slot.
func (lx *lexicon) addEntry(idx int32, addPat func(string, int32)) error {
	written := lx.term(&lx.entries[idx])
	term := written
	if strings.Contains(term, staffGenSlot) {
		term = strings.ReplaceAll(term, staffGenSlot, staffSlot)
		if strings.Count(term, staffSlot) != strings.Count(written, staffGenSlot) {
			return fmt.Errorf("%s: %q mixes %s and %s: a term takes one kind of staff slot", lx.where(&lx.entries[idx]), written, staffSlot, staffGenSlot)
		}
		if err := lx.setTerm(idx, term); err != nil {
			return err
		}
		lx.entries[idx].genitive = true
	}
	if !strings.Contains(term, staffSlot) {
		return lx.addTerm(idx, addPat)
	}
	plain, slotted, err := staffTerms(term)
	if err != nil {
		return fmt.Errorf("%s: %v", lx.where(&lx.entries[idx]), err)
	}
	ni := idx
	if plain != "" {
		ni = int32(len(lx.entries))
		lx.entries = append(lx.entries, lx.entries[idx])
		if err := lx.setTerm(idx, plain); err != nil {
			return err
		}
		if err := lx.addTerm(idx, addPat); err != nil {
			return err
		}
	}
	if err := lx.setTerm(ni, slotted); err != nil {
		return err
	}
	return lx.addSlotted(ni, addPat)
}

// staffTerms splits a term with the staff placeholder in two: plain has
// each group that offers the slot without it ("" when some slot has no
// alternative), slotted has each such group reduced to the slot.
func staffTerms(term string) (plain, slotted string, err error) {
	var p, s strings.Builder
	noPlain := false
	for rest := term; rest != ""; {
		i := strings.IndexByte(rest, '(')
		j := strings.IndexByte(rest, ')')
		if i < 0 || j < i {
			if strings.Contains(rest, staffSlot) {
				noPlain = true // a slot outside any group
			}
			p.WriteString(rest)
			s.WriteString(rest)
			break
		}
		if strings.Contains(rest[:i], staffSlot) {
			noPlain = true
		}
		p.WriteString(rest[:i])
		s.WriteString(rest[:i])
		alts := strings.Split(rest[i+1:j], "|")
		if !slices.Contains(alts, staffSlot) {
			if strings.Contains(rest[i+1:j], staffSlot) {
				return "", "", fmt.Errorf("%q: the staff placeholder must be a whole alternative", term)
			}
			p.WriteString(rest[i : j+1])
			s.WriteString(rest[i : j+1])
		} else {
			others := slices.DeleteFunc(alts, func(a string) bool { return a == staffSlot })
			if len(others) == 0 {
				noPlain = true
			}
			p.WriteString("(" + strings.Join(others, "|") + ")")
			s.WriteString(staffSlot)
		}
		rest = rest[j+1:]
	}
	if noPlain {
		return "", s.String(), nil
	}
	return p.String(), s.String(), nil
}

// countForms adds the spelled-out terms an entry stands for to the counts
// by language (emoji entries have none) and kind.
func (lx *lexicon) countForms(e *entry, forms int) {
	cl := lx.langOf(e)
	if cl == "" {
		cl = "emoji"
	}
	if lx.counts[cl] == nil {
		lx.counts[cl] = map[string]int{}
	}
	lx.counts[cl][e.kind.String()] += forms
}

// addSlotted registers a term with staff slots ("(hoppas|jag hoppas)
// <staff> dör"): the text between slots and gaps becomes parts, and the
// whole entry records where the names stand. A slot may open or close the
// term; two slots, or a slot and a gap, must have text between them.
func (lx *lexicon) addSlotted(idx int32, addPat func(string, int32)) error {
	e := lx.entries[idx]
	term, where := lx.term(&e), lx.where(&e)
	var texts []string
	var named, gapped uint8
	pieces := strings.Split(term, staffSlot)
	for i, piece := range pieces {
		piece = strings.TrimSpace(piece)
		if i > 0 {
			// Slot i-1 stands between pieces i-1 and i.
			if i > 1 && strings.TrimSpace(pieces[i-1]) == "" {
				return fmt.Errorf("%s: two staff placeholders with no words between them in %q", where, term)
			}
			named |= 1 << len(texts)
		}
		if i > 0 && strings.HasPrefix(piece, "..") {
			// "<staff> .. dör": a few words may follow the name.
			gapped |= 1 << len(texts)
			piece = strings.TrimSpace(piece[2:])
			if piece == "" {
				return fmt.Errorf("%s: a gap after a staff placeholder needs words after it in %q", where, term)
			}
		}
		if piece == "" {
			continue
		}
		if strings.HasPrefix(piece, "..") || strings.HasSuffix(piece, "..") {
			return fmt.Errorf("%s: a gap needs words on both sides, and may follow a staff placeholder but not precede one, in %q", where, term)
		}
		texts = append(texts, splitGaps(piece)...)
	}
	if len(texts) == 0 {
		return fmt.Errorf("%s: a term needs words besides the staff placeholder: %q", where, term)
	}
	if len(texts) > 4 {
		return fmt.Errorf("%s: at most 4 parts (between gaps and staff placeholders) in %q", where, term)
	}
	lx.entries[idx].parts = int8(len(texts))
	lx.entries[idx].named, lx.entries[idx].gapped = named, gapped
	forms, err := lx.addParts(idx, texts, addPat)
	if err != nil {
		return err
	}
	lx.countForms(&e, forms)
	return nil
}

// pieced reports whether e is matched in parts (gaps or staff slots), so
// that what matched, not the term, shows in explanations.
func (e *entry) pieced() bool { return e.parts > 1 || e.named != 0 }

// addTerm registers the patterns of entry idx. Alternatives in a term
// without gaps become entries of their own; in a term with gaps
// ("(i will|i ll) .. kill (you|her)") they are expanded per part, so the
// parts stay few however many spellings each has.
func (lx *lexicon) addTerm(idx int32, addPat func(string, int32)) error {
	e := lx.entries[idx]
	term, where := lx.term(&e), lx.where(&e)
	forms := 1 // spelled-out terms this line stands for
	defer func() { lx.countForms(&e, forms) }()
	parts := splitGaps(term)
	if len(parts) > 4 {
		return fmt.Errorf("%s: at most 3 gaps (..) in a term", where)
	}
	if len(parts) == 1 {
		all, err := expand(term)
		if err != nil {
			return fmt.Errorf("%s: %v", where, err)
		}
		forms = len(all)
		for fi, form := range all {
			ei := idx
			if fi > 0 {
				ei = int32(len(lx.entries))
				lx.entries = append(lx.entries, e)
			}
			form, pre, suf, err := wild(form)
			if err != nil {
				return fmt.Errorf("%s: %v", where, err)
			}
			if err := lx.setTerm(ei, form); err != nil {
				return err
			}
			lx.entries[ei].pre, lx.entries[ei].suf = pre, suf
			key := normalize.Key(form)
			if key == "" {
				return fmt.Errorf("%s: term %q is empty once normalised", where, form)
			}
			addPat(key, ei)
		}
		return nil
	}
	lx.entries[idx].parts = int8(len(parts))
	var err error
	forms, err = lx.addParts(idx, parts, addPat)
	return err
}

// addParts registers the parts of entry idx (the text between its gaps
// and staff slots), each expanded to its spellings, and returns how many
// spelled-out terms they stand for.
func (lx *lexicon) addParts(idx int32, parts []string, addPat func(string, int32)) (int, error) {
	e := lx.entries[idx]
	term, where := lx.term(&e), lx.where(&e)
	forms := 1
	for i, p := range parts {
		all, err := expand(p)
		if err != nil {
			return forms, fmt.Errorf("%s: %v", where, err)
		}
		forms *= len(all)
		for _, form := range all {
			form, pre, suf, err := wild(form)
			if err != nil || (pre && i > 0) || (suf && i < len(parts)-1) {
				return forms, fmt.Errorf("%s: bad wildcard in %q", where, term)
			}
			key := normalize.Key(form)
			if key == "" {
				return forms, fmt.Errorf("%s: part %d of %q is empty", where, i+1, term)
			}
			pe := entry{lang: e.lang, kind: kPart, whole: idx, part: int8(i), src: e.src, pre: pre, suf: suf}
			pi := int32(len(lx.entries))
			lx.entries = append(lx.entries, pe)
			if err := lx.setTerm(pi, form); err != nil {
				return forms, err
			}
			addPat(key, pi)
		}
	}
	return forms, nil
}

// wild strips the wildcards of one spelled-out form: a leading '*' lets the
// term end another word ("*idiot" in "vollidiot"), a trailing one lets it
// continue ("idiot*" in "idiots").
func wild(form string) (string, bool, bool, error) {
	pre := strings.HasPrefix(form, "*")
	suf := strings.HasSuffix(form, "*") && len(form) > 1
	form = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(form, "*"), "*"))
	if form == "" || strings.Contains(form, "*") {
		return form, pre, suf, fmt.Errorf("bad term %q ('*' only at the start or end)", form)
	}
	return form, pre, suf, nil
}

// expand spells out alternatives: "(i will|i ll) kill you" gives
// "i will kill you" and "i ll kill you". An empty alternative is allowed:
// "(my |)dog". Groups do not nest.
func expand(term string) ([]string, error) {
	raw, err := expandRaw(term)
	for k, r := range raw {
		raw[k] = strings.Join(strings.Fields(r), " ")
	}
	return raw, err
}

func expandRaw(term string) ([]string, error) {
	i := strings.IndexByte(term, '(')
	if i < 0 {
		if strings.ContainsAny(term, ")|") {
			return nil, fmt.Errorf("unbalanced alternatives in %q", term)
		}
		return []string{term}, nil
	}
	j := strings.IndexByte(term[i:], ')')
	if j < 0 {
		return nil, fmt.Errorf("unclosed '(' in %q", term)
	}
	j += i
	if strings.IndexByte(term[i+1:j], '(') >= 0 {
		return nil, fmt.Errorf("nested '(' in %q", term)
	}
	rest, err := expandRaw(term[j+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(term[i+1:j], "|") {
		for _, r := range rest {
			out = append(out, term[:i]+alt+r)
			if len(out) > maxSpelled {
				return nil, fmt.Errorf("%q spells out more than %d alternatives: put a .. gap between its groups or split it into several lines (every one is a pattern of the automaton)", term, maxSpelled)
			}
		}
	}
	return out, nil
}

// maxSpelled bounds the alternatives one part of a term spells out: groups
// multiply, and lines of a few thousand once made the automaton twice as
// large (and the detector slower) for a handful of sentences.
const maxSpelled = 512

// splitGaps splits "i will .. kill you" into its parts.
func splitGaps(term string) []string {
	if !strings.Contains(term, "..") {
		return []string{term}
	}
	var parts []string
	for _, p := range strings.Split(term, "..") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// parseLine reads one line of a lexicon in lang ("" for the
// language-neutral one).
func parseLine(text, lang, where string) (parsed, error) {
	cols := strings.Split(text, "\t")
	if len(cols) < 3 {
		return parsed{}, fmt.Errorf("%s: want term<TAB>category<TAB>severity[<TAB>flags[<TAB>note]], got %d columns", where, len(cols))
	}
	e := parsed{term: strings.TrimSpace(cols[0])}
	k, ok := kindNames[strings.TrimSpace(cols[1])]
	if !ok {
		return e, fmt.Errorf("%s: unknown category %q", where, cols[1])
	}
	e.kind = k
	sev, err := strconv.Atoi(strings.TrimSpace(cols[2]))
	if err != nil || sev < 1 || sev > 3 {
		return e, fmt.Errorf("%s: severity must be 1, 2 or 3, got %q", where, cols[2])
	}
	e.sev = int8(sev)
	if len(cols) > 3 {
		for _, c := range []byte(strings.TrimSpace(cols[3])) {
			f, ok := flagLetters[c]
			if !ok && c != '-' {
				return e, fmt.Errorf("%s: unknown flag %q (valid: x r t g p s o v)", where, c)
			}
			e.flags |= f
		}
	}
	if len(cols) > 4 {
		e.note = strings.TrimSpace(cols[4])
	}
	if e.term == "" {
		return e, fmt.Errorf("%s: empty term", where)
	}
	if lang == "" {
		e.flags |= fAny
	}
	if e.kind == kOK || e.kind == kIdiom {
		e.flags |= fOverride
	}
	return e, nil
}
