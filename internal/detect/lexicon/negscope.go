package lexicon

import "strings"

// Negation scope (judge.negation). A negation cue excuses an abusive match
// only when it negates the predicate or noun phrase the match belongs to:
// "you are not an idiot", "t'es pas un con", "du bist kein Idiot", "du är
// ingen idiot", "I don't hate women", "jag hatar inte kvinnor". It does not
// when it sits in another clause ("you didn't pass yet you bitch"), when it
// negates another verb and the match is that verb's object or a vocative
// ("don't fail bitch", "I don't like pussy boys"), or when it is an answer
// particle ("no bitch", "nein du Idiot", "nej din idiot").

// answerParticle reports whether neg cue word w is "no" as an answer, not
// as a determiner: the particles of the other languages are never
// determiners; English "no" is one only inside a sentence ("you're no
// idiot"), never as its first word ("no bitch w my dick").
func answerParticle(w string, first bool) bool {
	switch w {
	case "non", "nee", "nein", "nej", "nei":
		return true
	case "no":
		return first
	}
	return false
}

// clauseOpeners start another clause (conjunctions, relative pronouns): a
// negation before one does not reach a match after it ("you didn't even
// pass yet you bitch", "je rate pas mais toi t'es un con"). Per language,
// since a word may be a conjunction in one and a noun in another ("men").
var clauseOpeners = map[string]map[string]bool{
	"en": set("and", "but", "yet", "because", "cause", "cuz", "coz", "who", "which", "when", "while", "whereas", "although", "though", "until", "unless", "since"),
	"fr": set("et", "mais", "car", "donc", "qui", "quand", "lorsque", "parce", "puisque", "alors", "sinon"),
	"nl": set("en", "maar", "want", "dus", "omdat", "wie", "toen", "terwijl", "tenzij", "anders"),
	"de": set("und", "aber", "denn", "sondern", "weil", "wer", "wenn", "während", "obwohl", "sonst"),
	"sv": set("och", "men", "eftersom", "när", "medan", "annars"),
	"nb": set("og", "men", "fordi", "når", "mens", "ellers"),
	"nn": set("og", "men", "fordi", "når", "medan", "elles"),
	"da": set("og", "men", "fordi", "når", "mens", "ellers"),
}

// predicateWords may stand between a negation and the word it negates
// within one predicate or noun phrase: articles, determiners, pronouns,
// possessives, copulas, verbs of calling and holding an opinion, degree
// words. A negation followed by any other word right before the match
// negates something else, whose object or vocative the match is ("don't
// fail bitch", "I don't like pussy boys"). Degree words and copulas with
// the apostrophe normalised away ("you re", "t es") are listed as pieces.
var predicateWords = map[string]map[string]bool{
	"en": set("a", "an", "the", "this", "that", "these", "those", "such", "so", "very", "really", "even", "quite", "too", "at", "all", "any", "some", "one", "of", "kind", "sort", "bit", "an", "ever", "exactly", "necessarily", "always", "being", "be", "is", "are", "am", "was", "were", "re", "m", "s", "been", "become", "becoming", "seem", "seems", "think", "thinks", "thought", "believe", "say", "says", "said", "saying", "call", "calls", "called", "calling", "consider", "considered", "find", "mean", "meant", "i", "he", "she", "they", "we", "it", "him", "her", "them", "me", "us", "my", "your", "his", "their", "our", "its", "ur", "total", "complete", "real", "big", "little", "absolute", "utter", "actual", "as", "more", "most", "less", "than", "gonna", "going", "to", "will", "would", "ll", "d"),
	"fr": set("un", "une", "le", "la", "les", "l", "des", "du", "de", "d", "ce", "cet", "cette", "ces", "si", "très", "tres", "vraiment", "même", "meme", "tout", "toute", "totalement", "complètement", "completement", "peu", "es", "est", "êtes", "etes", "sont", "suis", "étais", "etais", "était", "etait", "être", "etre", "t", "c", "il", "elle", "ils", "elles", "on", "je", "j", "vous", "te", "me", "se", "m", "s", "lui", "leur", "ton", "ta", "tes", "votre", "vos", "son", "sa", "ses", "mon", "ma", "mes", "traite", "traites", "traitez", "trouve", "trouves", "pense", "dis", "dit", "crois", "que", "qu", "gros", "grosse", "vrai", "vraie", "espèce", "espece", "pas", "jamais", "plus", "ai", "as", "a", "avez", "vais", "va", "vas", "veux", "voulais"),
	"nl": set("een", "de", "het", "die", "dat", "deze", "dit", "zo", "zo n", "n", "zon", "heel", "echt", "wel", "eens", "eigenlijk", "helemaal", "ben", "bent", "is", "zijn", "was", "waren", "wordt", "word", "worden", "je", "u", "jullie", "hij", "zij", "ze", "het", "ik", "we", "wij", "hem", "haar", "hen", "hun", "mij", "me", "jou", "jouw", "uw", "zijn", "mijn", "ons", "onze", "noem", "noemt", "vind", "vindt", "zeg", "zegt", "dat", "grote", "echte", "totale", "complete", "nou", "ook", "toch", "beetje", "greintje"),
	"de": set("ein", "eine", "einen", "einem", "einer", "der", "die", "das", "den", "dem", "des", "so", "solch", "solche", "solcher", "sehr", "wirklich", "echt", "gar", "ganz", "völlig", "voellig", "total", "eigentlich", "bist", "ist", "sind", "seid", "bin", "war", "warst", "waren", "wäre", "waere", "sein", "wirst", "wird", "sie", "er", "es", "ich", "wir", "ihr", "dich", "dir", "ihn", "ihm", "mich", "uns", "euch", "dein", "deine", "deiner", "ihre", "sein", "seine", "nenne", "nennt", "halte", "hält", "haelt", "finde", "findet", "sage", "sagt", "dass", "großer", "grosser", "großes", "echter", "doch", "mal", "ja", "auch", "einfach", "bisschen", "bißchen", "wenig"),
	"sv": set("en", "ett", "den", "det", "de", "så", "sån", "sådan", "sådana", "så", "riktigt", "verkligen", "helt", "särskilt", "speciellt", "direkt", "är", "var", "blir", "vara", "varit", "ni", "han", "hon", "dom", "jag", "vi", "dig", "dej", "er", "honom", "henne", "dem", "mig", "mej", "din", "ditt", "dina", "era", "hans", "hennes", "deras", "kallar", "tycker", "tror", "säger", "anser", "att", "stor", "stora", "jävla", "javla", "ju", "nån", "någon", "något", "ens", "heller", "alls", "dugg", "minsta", "skvatt", "lite"),
	"nb": set("en", "ei", "et", "den", "det", "de", "så", "sånn", "sånne", "slik", "skikkelig", "virkelig", "helt", "spesielt", "er", "var", "blir", "være", "vært", "dere", "han", "hun", "dem", "jeg", "vi", "deg", "dæ", "ham", "henne", "meg", "mæ", "din", "ditt", "dine", "deres", "hans", "hennes", "kaller", "synes", "tror", "sier", "mener", "at", "stor", "store", "jævla", "javla", "jo", "noen", "noe", "engang", "heller", "spor", "grann", "litt"),
	"nn": set("ein", "eit", "den", "det", "dei", "så", "slik", "skikkeleg", "verkeleg", "heilt", "er", "var", "blir", "vere", "vore", "de", "han", "ho", "eg", "me", "vi", "deg", "dykk", "honom", "henne", "meg", "din", "ditt", "dine", "dykkar", "hans", "hennar", "kallar", "synest", "trur", "seier", "meiner", "at", "stor", "store", "jo", "nokon", "noko", "eingong", "heller"),
	"da": set("en", "et", "den", "det", "de", "så", "sådan", "sådanne", "virkelig", "helt", "er", "var", "bliver", "være", "været", "i", "han", "hun", "dem", "jeg", "vi", "dig", "jer", "ham", "hende", "mig", "din", "dit", "dine", "jeres", "hans", "hendes", "kalder", "synes", "tror", "siger", "mener", "at", "stor", "store", "jo", "nogen", "noget", "engang", "heller"),
}

// predicateVerbs are copulas and verbs of calling or holding an opinion:
// right before the negation (French "ne … pas" and the V2 languages put
// the finite verb there, "les femmes ne sont pas faites pour …", "du är
// inte …", "you are not …") they make what follows their predicate, which
// the negation covers whatever words it holds.
var predicateVerbs = map[string]map[string]bool{
	"en": set("is", "are", "am", "was", "were", "re", "m", "s", "be", "been"),
	"fr": set("es", "est", "êtes", "etes", "sont", "suis", "sommes", "étais", "etais", "était", "etait", "étaient", "etaient", "serai", "sera", "seront", "traite", "traites", "traitez", "trouve", "trouves", "pense", "penses", "dis", "dit", "crois", "appelle"),
	"nl": set("ben", "bent", "is", "zijn", "was", "waren", "wordt", "worden", "noem", "noemt", "vind", "vindt", "zeg", "zegt"),
	"de": set("bist", "ist", "sind", "seid", "bin", "war", "warst", "waren", "wäre", "waere", "wird", "wirst", "werden", "nenne", "nennt", "halte", "hält", "haelt", "finde", "findet", "sage", "sagt"),
	"sv": set("är", "var", "blir", "vore", "kallar", "tycker", "tror", "säger", "anser"),
	"nb": set("er", "var", "blir", "kaller", "synes", "tror", "sier", "mener"),
	"nn": set("er", "var", "blir", "kallar", "synest", "trur", "seier", "meiner"),
	"da": set("er", "var", "bliver", "kalder", "synes", "tror", "siger", "mener"),
}

// complementizers in between: the negation is on a verb of saying or
// holding true, whose reported clause it denies ("jeg ville aldri sagt at
// kvinner …", "det er ikke sant att …").
var scopeComplementizers = set("that", "que", "qu", "dat", "dass", "att", "at")

// degreeNegations are negation cues of several words that negate a
// predicate like "not" does ("not even", "pas du tout"), not a clause.
var degreeNegations = set("not even", "far from", "by no means", "pas du tout", "loin d être", "loin d etre", "helemaal niet", "zeker niet", "bepaald geen", "gar nicht", "überhaupt nicht", "alles andere als", "inte alls", "långt ifrån", "slett ikke", "langt fra", "slet ikke", "ikke engang", "slett ikkje")

// clauseLevel reports whether neg cue text (normalised) is a clause-level
// negation: two words or more, not counting the pieces an apostrophe
// leaves ("don t", "n ai"), and not a degree negation.
func clauseLevel(cue string) bool {
	n := 0
	for rest := cue; ; {
		var w string
		w, rest = cutWord(rest)
		if w == "" {
			break
		}
		if len(w) > 1 {
			n++
		}
	}
	return n >= 2 && !degreeNegations[cue]
}

// stopVerbs before the match, under a negation, ask to stop it: "kan du
// inte sluta skicka nakenbilder", "can't you stop calling me a bitch".
var stopVerbs = set("stop", "stopping", "quit", "sluta", "slutta", "slutte", "stoppe", "stopp", "slutt", "aufhören", "aufhoeren", "stoppen", "ophouden", "arrêter", "arreter", "arrête", "arrete", "cesser")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// lastWord is the last word of s (words are separated by spaces in the
// normalised text).
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	if k := strings.LastIndexByte(s, ' '); k >= 0 {
		return s[k+1:]
	}
	return s
}

// negOutOfScope reports whether negation cue c, before match h with the
// text between them, negates something other than h (see the top of this
// file). lang is the cue's language.
func (j *judge) negOutOfScope(c, h *hit, between, lang string) bool {
	cue := j.text[c.s:c.t]
	first := c.w0 == 0 || j.sentOf(c.w0-1) != c.sent
	if answerParticle(cue, first) {
		return true
	}
	if strings.TrimSpace(between) == "" {
		return false
	}
	opens := clauseOpeners[lang]
	for rest := between; ; {
		var w string
		w, rest = cutWord(rest)
		if w == "" {
			break
		}
		if opens[w] {
			return true
		}
	}
	if clauseLevel(cue) {
		// A clause-level negation ("no one should ever say", "det passer
		// ikke"): it denies the whole clause that follows.
		return false
	}
	for rest := between; ; {
		var w string
		w, rest = cutWord(rest)
		if w == "" {
			break
		}
		if scopeComplementizers[w] {
			return false
		}
	}
	if fw, _ := cutWord(j.text[h.s:h.t]); predicateWords[lang][fw] {
		// The match is itself a predicate ("är ohyra"): what stands
		// between is its subject, which the negation quantifies ("ingen
		// människa är ohyra").
		return false
	}
	if c.w0 > 0 && j.sentOf(c.w0-1) == c.sent && predicateVerbs[lang][lastWord(j.text[:c.s])] {
		return false
	}
	// The word right before the match: one of the predicate's own words,
	// or a word of another abusive match ("not a fucking idiot").
	w := lastWord(between)
	if w == "" || predicateWords[lang][w] || stopVerbs[w] || j.abuseBetween(h.s-int32(len(w))-1, h.s) {
		return false
	}
	return true
}

// negAfter finds a negation that follows a first-person hate or threat
// phrase and negates its verb: the Germanic languages put the negation
// after the finite verb (V2), French its "pas": "jag hatar inte
// kvinnor", "jeg dreper deg ikke", "Ich töte dich nicht", "ik haat Roma
// niet", "je te tuerai pas". Only for phrases opening on the speaker or
// ending on the reader, so a negation after a predicate about others ("…
// sind Ungeziefer, nicht Menschen") keeps its own scope. Dutch and German
// may put it at the end of the clause, after the object.
func (j *judge) negAfter(h *hit) int {
	e := &j.d.lx.entries[h.e]
	if e.kind != kHate && e.kind != kThreat && e.kind != kHarassment {
		return -1
	}
	m := j.text[h.s:h.t]
	fw, _ := cutWord(m)
	lw := lastWord(m)
	if !speakerWord(fw) && !readerObject(lw) {
		return -1
	}
	for i := range j.hits {
		c := &j.hits[i]
		if !j.isCue(c, kNeg) || c.sent != h.sent || c.w0 <= h.w1 || c.s < h.t {
			continue
		}
		lang := ""
		if ce := &j.d.lx.entries[c.e]; ce.lang > 0 {
			lang = j.d.lx.langs[ce.lang-1]
		}
		cue := j.text[c.s:c.t]
		if lang == "en" || answerParticle(cue, false) || strings.IndexByte(cue, ' ') > 0 && !afterDegreeNeg(lang, cue) {
			continue
		}
		between := j.text[h.t:c.s]
		if strings.ContainsAny(between, ",.;:!?\"") {
			continue
		}
		gap := c.w0 - h.w1 - 1
		if gap == 0 {
			return i
		}
		if (lang == "nl" || lang == "de") && gap <= 2 && !j.abuseBetween(h.t, c.s) {
			// "Ik haat Roma niet": only where the clause ends.
			after := strings.TrimLeft(j.text[c.t:], " ")
			if after == "" || strings.IndexAny(after[:1], ",.;:!?") == 0 || c.w1+1 < int32(len(j.sents)) && j.sentOf(c.w1+1) != c.sent {
				return i
			}
		}
	}
	return -1
}

// speakerWord reports whether w is a first-person subject pronoun.
func speakerWord(w string) bool {
	switch w {
	case "jag", "jeg", "eg", "vi", "me", "ik", "wij", "we", "ich", "wir", "je", "j", "on", "nous":
		return true
	}
	return false
}

// readerObject reports whether w is a second-person object pronoun.
func readerObject(w string) bool {
	switch w {
	case "dig", "dej", "deg", "dæ", "dich", "dir", "euch", "je", "jou", "jullie", "te", "t", "vous", "dere", "dykk", "er":
		return true
	}
	return false
}
