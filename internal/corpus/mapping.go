package corpus

import (
	"fmt"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/model"
)

// The label mappings. Every corpus has its own scheme; each function below
// says, label by label, what the model's heads learn from it and which
// Stormwatch category the held-out files carry. Head targets: 1 yes, 0 no,
// -1 the label says nothing about this head (the head skips the row).

const (
	ab = model.HeadAbusive
	ha = model.HeadHate
	th = model.HeadThreat
)

// heads sets the abusive, hate and threat heads. The complaint head learns
// what a legitimate complaint is from the project's own examples
// (mapProject); from the corpora it only learns that abuse is not one. No
// corpus labels threats: their clean texts are no threat, their hostile
// ones may be (threat unknown); only the project's lines teach a threat.
func heads(abusive, hate, threat int8) [model.NumHeads]int8 {
	var h [model.NumHeads]int8
	h[ab], h[ha], h[th], h[model.HeadComplaint] = abusive, hate, threat, -1
	if abusive == 1 {
		// Abuse is no legitimate complaint: the corpora's abusive texts
		// teach the complaint head to keep the two apart. Their clean
		// texts stay unknown (a clean tweet may well be a complaint).
		h[model.HeadComplaint] = 0
	}
	return h
}

// projectHeads is heads with the complaint head known.
func projectHeads(abusive, hate, threat, complaint int8) [model.NumHeads]int8 {
	h := heads(abusive, hate, threat)
	h[model.HeadComplaint] = complaint
	return h
}

// mapGermEval maps GermEval 2018 fine-grained labels (German tweets).
//
//   - other: not offensive -> clean on every head.
//   - insult (INSULT, offends an individual) -> abusive; not hate (the
//     target is a person, not a group); threat unknown (as for every
//     hostile corpus text).
//   - abuse (ABUSE, degrading a person or group, often for who they
//     are) -> abusive. Many ABUSE tweets are identity attacks, but the
//     label does not say which, so the hate head learns nothing from them
//     rather than something wrong.
//   - profanity (PROFANITY, swearing without a target) -> explicitly NOT
//     abusive (untargeted swearing must not be removed), no hate, no threat.
func mapGermEval(label string) (h [model.NumHeads]int8, cat detect.Category, trust float32, err error) {
	switch label {
	case "other":
		return heads(0, 0, 0), "", 1, nil
	case "insult":
		return heads(1, 0, -1), detect.Insult, 1, nil
	case "sexual":
		// Sexual remarks aimed at someone are abusive; the lexicon owns
		// the category, the model learns they are hostile.
		return heads(1, 0, -1), detect.Sexual, 1, nil
	case "harassment":
		return heads(1, 0, -1), detect.Harassment, 1, nil
	case "abuse":
		return heads(1, -1, -1), detect.Insult, 1, nil
	case "profanity":
		return heads(0, 0, 0), "", 1, nil
	}
	return h, "", 0, fmt.Errorf("unknown GermEval label %q", label)
}

// mapDavidson maps Davidson et al. 2017 (English tweets sampled with a
// hate lexicon).
//
//   - hate_speech -> hate, and abusive (an identity attack is abusive
//     too). Known to be noisy: trust 0.7.
//   - offensive_language -> abusive, not hate. This class mixes insults
//     with slurs and swearing used casually (much of it in African
//     American English): trust 0.4, so it does not teach the model that
//     every "bitch" or "shit" is an attack.
//   - neither -> clean.
func mapDavidson(label string) (h [model.NumHeads]int8, cat detect.Category, trust float32, err error) {
	switch label {
	case "hate_speech":
		return heads(1, 1, -1), detect.Hate, 0.7, nil
	case "offensive_language":
		return heads(1, 0, -1), detect.Insult, 0.4, nil
	case "neither":
		return heads(0, 0, 0), "", 1, nil
	}
	return h, "", 0, fmt.Errorf("unknown Davidson label %q", label)
}

// mapMLMA maps the MLMA hostility types (French and English tweets, all
// collected with hate keywords). A label joins several annotators' types
// with "_".
//
//   - any "hateful" -> hate and abusive.
//   - otherwise any of offensive, abusive, disrespectful -> abusive, not
//     hate (the annotators saw hostility and chose not to call it hateful).
//   - fearful alone (fear of a group, "they are invading us") -> not
//     abusive; the hate head skips it: it is often the prelude of hate
//     but not an attack in words.
//   - normal alone -> clean. These rows mention identity groups
//     neutrally, which is exactly what the model must not flag.
//
// A label that mixes "normal" with hostile types means the annotators
// disagreed: trust 0.4.
func mapMLMA(label string) (h [model.NumHeads]int8, cat detect.Category, trust float32, err error) {
	types := map[string]bool{}
	for _, t := range strings.Split(label, "_") {
		switch t {
		case "offensive", "abusive", "hateful", "disrespectful", "fearful", "normal":
			types[t] = true
		default:
			return h, "", 0, fmt.Errorf("unknown MLMA hostility type %q in %q", t, label)
		}
	}
	trust = 1
	if types["normal"] && len(types) > 1 {
		trust = 0.4
	}
	switch {
	case types["hateful"]:
		return heads(1, 1, -1), detect.Hate, trust, nil
	case types["offensive"] || types["abusive"] || types["disrespectful"]:
		return heads(1, 0, -1), detect.Insult, trust, nil
	case types["fearful"]:
		return heads(0, -1, 0), "", 0.5, nil
	}
	return heads(0, 0, 0), "", 1, nil
}

// mapDKHate maps DKHate / OffensEval 2020 Danish. Danish is not a product
// language; it is the closest neighbour of Norwegian Bokmål and teaches
// the character n-grams Scandinavian abuse.
//
//   - OFF (offensive, including untargeted profanity) -> abusive, trust
//     0.8 since some of it is mere swearing; the hate head skips it.
//   - NOT -> clean.
func mapDKHate(label string) (h [model.NumHeads]int8, cat detect.Category, trust float32, err error) {
	switch label {
	case "OFF":
		return heads(1, -1, -1), detect.Insult, 0.8, nil
	case "NOT":
		return heads(0, 0, 0), "", 1, nil
	}
	return h, "", 0, fmt.Errorf("unknown DKHate label %q", label)
}

// mapLDNOOBW maps the word lists: every entry is "profanity", many are
// sexual terms rather than insults, so they say nothing of abuse or hate;
// a swear word alone is no threat (trust 0.5, single words being weak
// evidence). Never held out: they are not comments.
func mapLDNOOBW(label string) (h [model.NumHeads]int8, cat detect.Category, trust float32, err error) {
	if label != "profanity" {
		return h, "", 0, fmt.Errorf("unknown LDNOOBW label %q", label)
	}
	return heads(-1, -1, 0), "", 0.5, nil
}

// mapProject maps the labels of the project's own examples (data/*.tsv).
//
//   - clean, complaint (harsh but legitimate criticism), counter
//     (counter-speech, which may quote abuse), neutral (identity mentioned
//     without hostility), praise, question -> clean on every head;
//   - insult, sexual, harassment -> abusive, not hate, no threat;
//   - hate -> hate and abusive, threat unknown (a call for violence
//     against a group may be labelled either way);
//   - threat -> threat and abusive, hate unknown;
//   - profanity (swearing for emphasis, at nobody) -> not abusive, no
//     hate, no threat; complaint unknown.
func mapProject(label string) (h [model.NumHeads]int8, cat detect.Category, trust float32, err error) {
	switch label {
	case "complaint":
		return projectHeads(0, 0, 0, 1), detect.Complaint, 1, nil
	case "clean", "counter", "neutral", "praise", "question":
		return projectHeads(0, 0, 0, 0), "", 1, nil
	case "insult":
		return projectHeads(1, 0, 0, 0), detect.Insult, 1, nil
	case "sexual":
		// Sexual remarks aimed at someone are abusive; the lexicon owns
		// the category, the model learns they are hostile.
		return projectHeads(1, 0, 0, 0), detect.Sexual, 1, nil
	case "harassment":
		return projectHeads(1, 0, 0, 0), detect.Harassment, 1, nil
	case "hate":
		return projectHeads(1, 1, -1, 0), detect.Hate, 1, nil
	case "threat":
		return projectHeads(1, -1, 1, 0), detect.Threat, 1, nil
	case "profanity":
		// Swearing at a thing may well be part of a complaint: unknown.
		return projectHeads(0, 0, 0, -1), "", 1, nil
	}
	return h, "", 0, fmt.Errorf("unknown project label %q", label)
}

type mapper func(string) ([model.NumHeads]int8, detect.Category, float32, error)

func load(dir, rel, source string, m mapper, fixed func(text string) Part, group func(lang string) string) ([]Example, error) {
	var out []Example
	err := readFile(dir, rel, func(text, label, lang string, _ []string) error {
		h, cat, trust, err := m(label)
		if err != nil {
			return err
		}
		if lang == "no" {
			lang = "nb"
		}
		out = append(out, Example{Text: text, Lang: lang, Source: source, Group: group(lang), Label: label,
			Heads: h, Trust: trust, Category: cat, Part: fixed(text)})
		return nil
	})
	return out, err
}

func bySource(s string) func(string) string { return func(string) string { return s } }

func byLang(s string) func(string) string { return func(l string) string { return s + "/" + l } }

// GermEval reads germeval2018: train.tsv is split into train and
// validation by Split (its held-out share goes to training, since the
// official test set is the held-out part); test.tsv is held out whole.
func GermEval(dir string) ([]Example, error) {
	tr, err := load(dir, "germeval2018/train.tsv", "germeval2018", mapGermEval, func(t string) Part {
		if Split(t) == Validation {
			return Validation
		}
		return Train
	}, bySource("germeval2018"))
	if err != nil {
		return nil, err
	}
	te, err := load(dir, "germeval2018/test.tsv", "germeval2018", mapGermEval, func(string) Part { return Heldout }, bySource("germeval2018"))
	return append(tr, te...), err
}

// Davidson reads davidson2017/data.tsv.
func Davidson(dir string) ([]Example, error) {
	return load(dir, "davidson2017/data.tsv", "davidson2017", mapDavidson, Split, bySource("davidson2017"))
}

// MLMA reads mlma2019/fr.tsv and en.tsv.
func MLMA(dir string) ([]Example, error) {
	fr, err := load(dir, "mlma2019/fr.tsv", "mlma2019", mapMLMA, Split, byLang("mlma2019"))
	if err != nil {
		return nil, err
	}
	en, err := load(dir, "mlma2019/en.tsv", "mlma2019", mapMLMA, Split, byLang("mlma2019"))
	return append(fr, en...), err
}

// DKHate reads dkhate/train.tsv.
func DKHate(dir string) ([]Example, error) {
	return load(dir, "dkhate/train.tsv", "dkhate", mapDKHate, Split, bySource("dkhate"))
}

// LDNOOBW reads ldnoobw/words.tsv; the words always train.
func LDNOOBW(dir string) ([]Example, error) {
	return load(dir, "ldnoobw/words.tsv", "ldnoobw", mapLDNOOBW, func(string) Part { return Train }, bySource("ldnoobw"))
}
