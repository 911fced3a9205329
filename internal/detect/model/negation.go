package model

// Negation scope. A bag of words reads "je ne vais pas te tuer" and "I
// will never hurt you" as the threats they deny: every word of the threat
// is there. Each word that follows a negator closely, in the same clause,
// also emits a "negated" variant of its word feature (its own namespace),
// so the model can learn that "tuer" after "pas" is not "tuer" — the usual
// negation marking of sentiment models, for every head and language.

// nsNeg is the namespace of negated word features.
const nsNeg uint64 = 0x27d4eb2f165667c5

// negScope is how many words after a negator are marked: enough for "nobody
// here is going to hurt you", short of the next clause's verb.
const negScope = 5

// negators are the negating words of the product languages (and Danish),
// as the tokenizer leaves them: lower case, apostrophes split ("don't" is
// "don" + "t", "n'importe" is "n" + "importe").
var negators = []string{
	// en
	"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "t",
	"dont", "wont", "cant", "isnt", "arent", "didnt", "doesnt", "wouldnt", "shouldnt", "couldnt",
	// fr
	"ne", "n", "pas", "jamais", "rien", "aucun", "aucune", "personne", "nul", "nulle",
	// nl
	"niet", "nooit", "geen", "niemand", "niets", "nergens",
	// de
	"nicht", "nie", "niemals", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nichts",
	// sv
	"inte", "icke", "ej", "aldrig", "ingen", "inget", "inga", "ingenting",
	// nb, nn, da
	"ikke", "ikkje", "aldri", "intet",
}

// negSet holds the word hashes of negators, open-addressed: one or two
// probes per token instead of a map lookup.
var negSet = func() (t [256]uint64) {
	for _, w := range negators {
		h := wordHash([]rune(w))
		i := mix(h) & 255
		for t[i] != 0 && t[i] != h {
			i = (i + 1) & 255
		}
		t[i] = h
	}
	return t
}()

func isNegator(h uint64) bool {
	for i := mix(h) & 255; negSet[i] != 0; i = (i + 1) & 255 {
		if negSet[i] == h {
			return true
		}
	}
	return false
}

// clauseBreak reports punctuation that ends a negation's scope.
func clauseBreak(s string) bool {
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '.', ',', ';', ':', '!', '?', '\n':
			return true
		}
	}
	return false
}

// negationFeatures emits the negated word feature of every token within
// negScope words after a negator, in its clause. The tokens' word hashes
// must be set.
func (x *Extractor) negationFeatures(text string) {
	left := 0
	for t := range x.toks {
		tk := &x.toks[t]
		if t > 0 && left > 0 && clauseBreak(text[x.toks[t-1].end:tk.start]) {
			left = 0
		}
		if isNegator(tk.wordHash) {
			left = negScope
			continue
		}
		if left > 0 {
			left--
			// Counted for the token twice, as its own features are, by
			// explain.
			x.emit(nsNeg^tk.wordHash, int32(t), int32(t))
		}
	}
}
