package builder

// QuestionKind says how a question is answered.
type QuestionKind string

// The question kinds.
const (
	One   QuestionKind = "one"   // one choice
	Many  QuestionKind = "many"  // any number of choices
	Text  QuestionKind = "text"  // a line of free text
	Long  QuestionKind = "long"  // a paragraph of free text
	Check QuestionKind = "check" // yes or no
)

// Question is one question of the questionnaire, worded in a language.
type Question struct {
	Field   string // the Answers field, as in its JSON name
	Step    int    // 1: the organization, 2: moderation, 3: people and speaking, 4: help and security
	Kind    QuestionKind
	Label   string
	Help    string
	Options []Option
	Max     int // for free text, the most characters accepted
}

// Option is one choice of a question.
type Option struct {
	Value, Label string
}

// Steps are the questionnaire's steps, for headings.
var Steps = []int{1, 2, 3, 4}

// StepTitle names a step in a language.
func StepTitle(lang string, step int) string {
	s, _ := lookup(normLang(lang), "step."+string(rune('0'+step)))
	return s
}

// KindLabel names a starting point in a language.
func KindLabel(lang string, k Kind) string {
	s, _ := lookup(normLang(lang), "opt.kind."+string(k))
	return s
}

// nativeNames name each language in itself.
var nativeNames = map[string]string{"fr": "Français", "nl": "Nederlands", "sv": "Svenska", "nb": "Norsk bokmål", "en": "English", "de": "Deutsch"}

// Questions returns the questionnaire worded in a language (the desk
// user's, which need not be the organization's).
func Questions(lang string) []Question {
	lang = normLang(lang)
	opts := func(field string, values []string) []Option {
		out := make([]Option, len(values))
		for i, v := range values {
			l, ok := nativeNames[v]
			if field != "lang" || !ok {
				l, _ = lookup(lang, "opt."+field+"."+v)
			}
			out[i] = Option{v, l}
		}
		return out
	}
	kinds := make([]string, len(Kinds))
	for i, k := range Kinds {
		kinds[i] = string(k)
	}
	qs := []Question{
		{Field: "kind", Step: 1, Kind: One, Options: opts("kind", kinds)},
		{Field: "name", Step: 1, Kind: Text, Max: maxName},
		{Field: "lang", Step: 1, Kind: One, Options: opts("lang", Languages)},
		{Field: "extra", Step: 1, Kind: Many, Options: opts("lang", Languages)},
		{Field: "audiences", Step: 1, Kind: Many, Options: opts("audiences", AudienceOptions)},
		{Field: "never", Step: 2, Kind: Many, Options: opts("never", NeverOptions)},
		{Field: "strictness", Step: 2, Kind: One, Options: opts("strictness", StrictnessOptions)},
		{Field: "coverage", Step: 2, Kind: One, Options: opts("coverage", CoverageOptions)},
		{Field: "response_time", Step: 2, Kind: One, Options: opts("response_time", ResponseOptions)},
		{Field: "spokespeople", Step: 3, Kind: Long, Max: maxLong},
		{Field: "protect_staff", Step: 3, Kind: Check},
		{Field: "protected", Step: 3, Kind: Long, Max: maxLong},
		{Field: "confidential", Step: 3, Kind: Many, Options: opts("confidential", ConfidentialOptions)},
		{Field: "confidential_note", Step: 3, Kind: Long, Max: maxLong},
		{Field: "help_contact", Step: 4, Kind: Text, Max: maxShort},
		{Field: "emergency", Step: 4, Kind: Text, Max: 40},
	}
	for i := range qs {
		qs[i].Label, _ = lookup(lang, "q."+qs[i].Field)
		qs[i].Help, _ = lookup(lang, "q."+qs[i].Field+".help")
	}
	return qs
}
