package sim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// A template is one sentence with slots, written in one language, and the
// categories a text made from it carries.
//
// Corpus lines read "bucket [category ...] | text". The bucket is the family
// a generator draws from (question, praise, complaint, threat, ..., and the
// storm-only families pileon, campaign and defend); when the bucket is
// itself a category it is one of the text's categories. In the text,
// {slot} is replaced (see slotNames) and *word* marks a word that abusers
// disguise ("c0nnard", "c*nnard", "c o n n a r d").
type template struct {
	id     string // lang/bucket/n
	lang   string
	bucket string
	cats   []detect.Category
	text   string
}

var slotNames = []string{"pet", "species", "staff", "day", "time", "amount", "wait", "friend", "addr", "phone", "idnum", "email", "url", "iban", "tag", "city", "clinic", "n", "emo+", "emo-", "handle"}

// bucketsNotCategories are the families that are no category themselves.
var bucketsNotCategories = []string{"neutral", "pileon", "campaign", "defend"}

// corpusLangs lists the languages with a corpus, in a fixed order.
var corpusLangs = []string{"fr", "nl", "en", "de", "sv", "nb", "nn"}

var corpusText = map[string]string{
	"fr": corpusFR, "nl": corpusNL, "en": corpusEN, "de": corpusDE, "sv": corpusSV, "nb": corpusNB, "nn": corpusNN,
}

// templates[lang][bucket] lists the templates of a family.
var templates, corpusErrors = parseCorpora()

func parseCorpora() (map[string]map[string][]*template, []error) {
	out := map[string]map[string][]*template{}
	var errs []error
	for _, lang := range corpusLangs {
		out[lang] = map[string][]*template{}
		for i, line := range strings.Split(corpusText[lang], "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			head, text, ok := strings.Cut(line, "|")
			text = strings.TrimSpace(text)
			fields := strings.Fields(head)
			if !ok || len(fields) == 0 || text == "" {
				errs = append(errs, fmt.Errorf("%s line %d: want \"bucket [category ...] | text\": %q", lang, i+1, line))
				continue
			}
			t := &template{lang: lang, bucket: fields[0], text: text}
			names := fields[1:]
			if !slices.Contains(bucketsNotCategories, t.bucket) {
				names = append([]string{t.bucket}, names...)
			}
			for _, n := range names {
				c, err := detect.ParseCategory(n)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s line %d: %v", lang, i+1, err))
					continue
				}
				if !slices.Contains(t.cats, c) {
					t.cats = append(t.cats, c)
				}
			}
			slices.SortFunc(t.cats, func(a, b detect.Category) int {
				return slices.Index(detect.Categories, a) - slices.Index(detect.Categories, b)
			})
			if err := checkSlots(text); err != nil {
				errs = append(errs, fmt.Errorf("%s line %d: %v", lang, i+1, err))
			}
			t.id = fmt.Sprintf("%s/%s/%d", lang, t.bucket, len(out[lang][t.bucket]))
			out[lang][t.bucket] = append(out[lang][t.bucket], t)
		}
	}
	return out, errs
}

func checkSlots(text string) error {
	for rest := text; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return fmt.Errorf("unclosed slot in %q", text)
		}
		if name := rest[i+1 : i+j]; !slices.Contains(slotNames, name) {
			return fmt.Errorf("unknown slot {%s} in %q", name, text)
		}
		rest = rest[i+j+1:]
	}
	if strings.Count(text, "*")%2 != 0 {
		return fmt.Errorf("unpaired * in %q", text)
	}
	return nil
}

// pickTemplate draws a template of bucket in lang. Nynorsk has a smaller
// corpus; what it lacks comes from Bokmål. Any language lacking a family
// falls back to French, which has them all.
func pickTemplate(rng *rand.Rand, lang, bucket string) *template {
	ts := templates[lang][bucket]
	if len(ts) == 0 && lang == "nn" {
		ts = templates["nb"][bucket]
	}
	if len(ts) == 0 {
		ts = templates["fr"][bucket]
	}
	if len(ts) == 0 {
		ts = templates["fr"]["neutral"]
	}
	return ts[rng.IntN(len(ts))]
}

// binding holds the values slots take in one text. Storms fix some of them
// (the pet that died, the staff member targeted, the leaked address) so
// that a storm's items speak of the same things.
type binding struct {
	lang, staff, pet       string
	org                    []string
	addr, phone, id, email string
	tag                    string
}

type langSlots struct {
	days, times, species, waits, cities, friends []string
	amount                                       func(rng *rand.Rand) string
	tag                                          string // campaign hashtag prefix
	// Greetings and sign-offs people wrap around what they say, by tone;
	// they vary the stream without changing what a text is.
	openers                     []string
	closeNeutral, closePositive []string
	closeNegative               []string
}

var petNames = []string{"Luna", "Max", "Milo", "Bella", "Simba", "Filou", "Minou", "Noisette", "Bamse", "Sixten", "Molly", "Charlie", "Oscar", "Nala", "Rocky", "Pluto", "Tijger", "Mira", "Lotte", "Kasper", "Sessan", "Pelle", "Mango", "Loki", "Pipa", "Caramel", "Bruno", "Frida", "Rufus", "Mimi", "Happy", "Tasso"}

func euros(rng *rand.Rand) string {
	n := 40 + rng.IntN(80)*5
	return oneOf(rng, fmt.Sprintf("%d €", n), fmt.Sprintf("%d€", n), fmt.Sprintf("%d euros", n), fmt.Sprintf("€%d", n))
}

func kronor(rng *rand.Rand) string {
	n := 400 + rng.IntN(90)*50
	return oneOf(rng, fmt.Sprintf("%d kr", n), fmt.Sprintf("%d:-", n), fmt.Sprintf("%d kronor", n))
}

func kroner(rng *rand.Rand) string {
	n := 450 + rng.IntN(90)*50
	return oneOf(rng, fmt.Sprintf("%d kr", n), fmt.Sprintf("kr %d,-", n), fmt.Sprintf("%d kroner", n))
}

var slotData = map[string]*langSlots{
	"fr": {
		days:          []string{"samedi", "demain", "lundi", "ce soir", "dimanche", "mercredi après-midi", "jeudi matin", "le 1er mai"},
		times:         []string{"10h30", "14h", "9h", "18h15", "16h45", "midi"},
		species:       []string{"chien", "chat", "chaton", "lapin", "chiot", "furet", "cochon d'Inde"},
		waits:         []string{"2h", "1h30", "45 minutes", "3 heures", "plus d'une heure", "2h30"},
		cities:        []string{"Ixelles", "Uccle", "Etterbeek", "Schaerbeek", "Forest", "Saint-Gilles", "Bruxelles"},
		friends:       []string{"Julie", "Marie", "Kevin", "Sarah", "Nico", "Léa", "Maman"},
		amount:        euros,
		tag:           "#JusticePour",
		openers:       []string{"Bonjour, ", "Bonsoir, ", "Hello, ", "Coucou, "},
		closeNeutral:  []string{" Merci d'avance", " Merci !", " Bonne journée", " Cordialement"},
		closePositive: []string{" Merci encore", " Vous êtes top", " Continuez comme ça"},
		closeNegative: []string{" Vraiment déçue.", " Franchement.", " Je ne reviendrai pas.", " C'est dommage."},
	},
	"nl": {
		days:          []string{"zaterdag", "morgen", "maandag", "vanavond", "zondag", "woensdagmiddag", "donderdagochtend"},
		times:         []string{"10u30", "14u", "9.00 uur", "18.15u", "half vijf", "12 uur"},
		species:       []string{"hond", "kat", "kitten", "konijn", "pup", "cavia"},
		waits:         []string{"2 uur", "anderhalf uur", "45 minuten", "3 uur", "meer dan een uur"},
		cities:        []string{"Jette", "Anderlecht", "Brussel", "Vilvoorde", "Zaventem", "Dilbeek"},
		friends:       []string{"Lotte", "Bram", "Sofie", "Koen", "Ine", "mama"},
		amount:        euros,
		tag:           "#GerechtigheidVoor",
		openers:       []string{"Hallo, ", "Goeiemiddag, ", "Dag, ", "Hoi, "},
		closeNeutral:  []string{" Alvast bedankt", " Bedankt!", " Mvg"},
		closePositive: []string{" Nogmaals bedankt", " Toppers!", " Ga zo door"},
		closeNegative: []string{" Echt jammer.", " Heel teleurgesteld.", " Nooit meer."},
	},
	"en": {
		days:          []string{"saturday", "tomorrow", "monday", "tonight", "sunday", "wednesday afternoon", "Thursday morning"},
		times:         []string{"10:30", "2pm", "9am", "6.15pm", "4:45", "noon"},
		species:       []string{"dog", "cat", "kitten", "rabbit", "puppy", "guinea pig"},
		waits:         []string{"2 hours", "an hour and a half", "45 minutes", "3 hours", "over an hour"},
		cities:        []string{"Brussels", "Ixelles", "Woluwe", "Etterbeek", "Uccle"},
		friends:       []string{"Emma", "Dan", "Priya", "Josh", "Kate", "mum"},
		amount:        euros,
		tag:           "#JusticeFor",
		openers:       []string{"Hi, ", "Hello, ", "Hey, "},
		closeNeutral:  []string{" Thanks in advance", " Thanks!", " Cheers"},
		closePositive: []string{" Thanks again", " You're the best", " Keep it up"},
		closeNegative: []string{" Really disappointed.", " Not good enough.", " Won't be back."},
	},
	"de": {
		days:          []string{"Samstag", "morgen", "Montag", "heute Abend", "Sonntag", "Mittwochnachmittag"},
		times:         []string{"10:30 Uhr", "14 Uhr", "9 Uhr", "18:15", "16.45 Uhr"},
		species:       []string{"Hund", "Kater", "Welpe", "Hase", "Dackel"},
		waits:         []string{"2 Stunden", "anderthalb Stunden", "45 Minuten", "3 Stunden", "über eine Stunde"},
		cities:        []string{"Eupen", "Aachen", "Sankt Vith", "Brüssel", "Kelmis"},
		friends:       []string{"Lena", "Jonas", "Steffi", "Tim", "Mama"},
		amount:        euros,
		tag:           "#GerechtigkeitFür",
		openers:       []string{"Hallo, ", "Guten Tag, ", "Moin, "},
		closeNeutral:  []string{" Danke im Voraus", " Danke!", " LG"},
		closePositive: []string{" Nochmals danke", " Ihr seid super", " Weiter so"},
		closeNegative: []string{" Echt enttäuschend.", " Nie wieder.", " Schade."},
	},
	"sv": {
		days:          []string{"lördag", "imorgon", "måndag", "ikväll", "söndag", "onsdag eftermiddag"},
		times:         []string{"kl 10.30", "kl. 14", "09:00", "18.15", "halv fem"},
		species:       []string{"hund", "katt", "kanin", "valp", "kattunge"},
		waits:         []string{"2 timmar", "en och en halv timme", "45 minuter", "3 timmar", "över en timme"},
		cities:        []string{"Uppsala", "Västerås", "Göteborg", "Malmö", "Stockholm"},
		friends:       []string{"Elsa", "Oskar", "Maja", "Johan", "mamma"},
		amount:        kronor,
		tag:           "#RättvisaFör",
		openers:       []string{"Hej, ", "Hejsan, ", "Hej hej, "},
		closeNeutral:  []string{" Tack på förhand", " Tack!", " Mvh"},
		closePositive: []string{" Tack igen", " Ni är bäst", " Fortsätt så"},
		closeNegative: []string{" Riktigt besviken.", " Aldrig mer.", " Tråkigt."},
	},
	"nb": {
		days:          []string{"lørdag", "i morgen", "mandag", "i kveld", "søndag", "onsdag ettermiddag"},
		times:         []string{"kl. 10.30", "kl 14", "09:00", "18.15", "halv fem"},
		species:       []string{"hund", "katt", "kanin", "valp"}, // templates add the definite -en
		waits:         []string{"2 timer", "halvannen time", "45 minutter", "3 timer", "over en time"},
		cities:        []string{"Oslo", "Bergen", "Trondheim", "Drammen", "Lillestrøm"},
		friends:       []string{"Nora", "Magnus", "Silje", "Ola", "mamma"},
		amount:        kroner,
		tag:           "#RettferdighetFor",
		openers:       []string{"Hei, ", "Hallo, ", "Heisann, "},
		closeNeutral:  []string{" Takk på forhånd", " Takk!", " Mvh"},
		closePositive: []string{" Takk igjen", " Dere er best", " Fortsett sånn"},
		closeNegative: []string{" Skikkelig skuffet.", " Aldri igjen.", " Synd."},
	},
	"nn": {
		days:          []string{"laurdag", "i morgon", "måndag", "i kveld", "sundag"},
		times:         []string{"kl. 10.30", "kl 14", "09:00", "halv fem"},
		species:       []string{"hund", "katt", "kanin", "kvalp"},
		waits:         []string{"2 timar", "halvannan time", "45 minutt", "3 timar"},
		cities:        []string{"Voss", "Førde", "Bergen", "Ørsta", "Volda"},
		friends:       []string{"Sigrid", "Olav", "Synnøve", "Knut", "mamma"},
		amount:        kroner,
		tag:           "#RettferdFor",
		openers:       []string{"Hei, ", "Hallo, "},
		closeNeutral:  []string{" Takk på førehand", " Takk!"},
		closePositive: []string{" Takk att", " De er best"},
		closeNegative: []string{" Skikkeleg skuffa.", " Aldri meir."},
	},
}

var (
	emoPos  = []string{"❤️", "🙏", "😍", "🐾", "👏", "🥰", "💕", "😊", "🐶", "🐱", "👍"}
	emoNeg  = []string{"😡", "🤬", "😤", "👎", "💔", "😢", "😠", "🤮", "😭"}
	emoMild = []string{"🙏", "😊", "🐾", "🤔", "😅", "🙂"}
)

// render fills a template's slots and disguises its marked words, then
// writes it the way people write.
func render(rng *rand.Rand, t *template, b *binding) string {
	text := fillText(rng, t, b)
	tone := toneOf(t)
	if tone != toneAbusive {
		text = wrap(rng, t, text, tone)
	}
	return humanize(rng, text, tone)
}

type tone int

const (
	toneNeutral tone = iota
	tonePositive
	toneNegative
	toneAbusive
)

func toneOf(t *template) tone {
	switch {
	case hasAny(t.cats, removeCats):
		return toneAbusive
	case hasAny(t.cats, negativeCats):
		return toneNegative
	case slices.Contains(t.cats, detect.Praise):
		return tonePositive
	}
	return toneNeutral
}

// wrap sometimes adds a greeting before a text and a sign-off after it.
func wrap(rng *rand.Rand, t *template, text string, tn tone) string {
	ls := slotData[t.lang]
	if t.bucket == "question" && rng.Float64() < 0.2 && !strings.HasPrefix(t.text, "{") {
		r, size := utf8.DecodeRuneInString(text)
		text = ls.openers[rng.IntN(len(ls.openers))] + string(unicode.ToLower(r)) + text[size:]
	}
	if rng.Float64() < 0.2 {
		closers := ls.closeNeutral
		switch tn {
		case tonePositive:
			closers = ls.closePositive
		case toneNegative:
			closers = ls.closeNegative
		}
		text = strings.TrimRight(text, " ") + closers[rng.IntN(len(closers))]
	}
	return text
}

// fillText fills a template's slots and disguises its marked words.
func fillText(rng *rand.Rand, t *template, b *binding) string {
	ls := slotData[t.lang]
	abusive := toneOf(t) == toneAbusive
	var out strings.Builder
	s := t.text
	for len(s) > 0 {
		switch s[0] {
		case '{':
			j := strings.IndexByte(s, '}')
			if j < 0 {
				out.WriteString(s)
				s = ""
				continue
			}
			out.WriteString(fill(rng, s[1:j], ls, b))
			s = s[j+1:]
		case '*':
			j := strings.IndexByte(s[1:], '*')
			if j < 0 {
				out.WriteString(s[1:])
				s = ""
				continue
			}
			out.WriteString(disguise(rng, s[1:j+1], abusive))
			s = s[j+2:]
		default:
			out.WriteByte(s[0])
			s = s[1:]
		}
	}
	return out.String()
}

func fill(rng *rand.Rand, slot string, ls *langSlots, b *binding) string {
	pickS := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	switch slot {
	case "pet":
		return b.pet
	case "staff":
		return b.staff
	case "species":
		return pickS(ls.species)
	case "day":
		return pickS(ls.days)
	case "time":
		return pickS(ls.times)
	case "amount":
		return ls.amount(rng)
	case "wait":
		return pickS(ls.waits)
	case "friend":
		return pickS(ls.friends)
	case "city":
		return pickS(ls.cities)
	case "clinic":
		return b.org[0] // the full name; the other names are for detectors
	case "n":
		return fmt.Sprint(2 + rng.IntN(9))
	case "emo+":
		return strings.Repeat(pickS(emoPos), 1+rng.IntN(2))
	case "emo-":
		return strings.Repeat(pickS(emoNeg), 1+rng.IntN(3))
	case "handle":
		return "@" + oneOf(rng, "anna_trades", "crypto.mentor", "linda_fx", "btc_coach_mike", "support.meta.help")
	case "url":
		return fakeURL(rng)
	case "iban":
		return belgianIBAN(rng)
	case "addr":
		if b.addr != "" {
			return b.addr
		}
		return fakeAddress(rng, b.lang)
	case "phone":
		if b.phone != "" {
			return b.phone
		}
		return fakePhone(rng, b.lang)
	case "idnum":
		if b.id != "" {
			return b.id
		}
		return fakeID(rng, b.lang)
	case "email":
		if b.email != "" {
			return b.email
		}
		return fakeEmail(rng, b.lang, b.staff)
	case "tag":
		if b.tag != "" {
			return b.tag
		}
		return ls.tag + b.pet
	}
	return "{" + slot + "}"
}

// disguise writes a marked word plainly or the way abusers dodge filters;
// abusive texts disguise more often.
func disguise(rng *rand.Rand, w string, abusive bool) string {
	p := 0.15
	if abusive {
		p = 0.35
	}
	if rng.Float64() >= p {
		return w
	}
	rs := []rune(w)
	switch rng.IntN(5) {
	case 0: // leet
		leet := map[rune]rune{'a': '4', 'e': '3', 'i': '1', 'o': '0', 's': '$'}
		for i, r := range rs {
			if l, ok := leet[unicode.ToLower(r)]; ok && rng.IntN(2) == 0 {
				rs[i] = l
			}
		}
		return string(rs)
	case 1: // a masked vowel
		for i := 1; i < len(rs)-1; i++ {
			if strings.ContainsRune("aeiouyéèäöåø", unicode.ToLower(rs[i])) {
				rs[i] = '*'
				break
			}
		}
		return string(rs)
	case 2: // spaced out
		parts := make([]string, len(rs))
		for i, r := range rs {
			parts[i] = string(r)
		}
		return strings.Join(parts, oneOf(rng, " ", ".", "-"))
	case 3: // a stretched vowel
		for i, r := range rs {
			if strings.ContainsRune("aeiouy", unicode.ToLower(r)) {
				return string(rs[:i+1]) + strings.Repeat(string(r), 2+rng.IntN(3)) + string(rs[i+1:])
			}
		}
		return w
	default: // capitals for emphasis
		return strings.ToUpper(w)
	}
}

var accentFold = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "à", "a", "ç", "c", "ù", "u", "î", "i", "ô", "o", "â", "a", "ë", "e", "ï", "i", "ü", "u", "ö", "o", "ä", "a", "ß", "ss")

// humanize applies the habits of people typing on a phone: no capitals,
// all capitals when angry, no accents, a typo, extra punctuation, emoji.
func humanize(rng *rand.Rand, s string, tn tone) string {
	abusive := tn == toneAbusive
	if rng.Float64() < 0.18 {
		s = strings.ToLower(s)
	} else if abusive && rng.Float64() < 0.12 || rng.Float64() < 0.02 {
		s = strings.ToUpper(s)
	}
	if rng.Float64() < 0.08 {
		s = accentFold.Replace(s)
	}
	if rng.Float64() < 0.08 {
		s = typo(rng, s)
	}
	if rng.Float64() < 0.12 {
		switch {
		case strings.HasSuffix(s, "?"):
			s += strings.Repeat("?", 1+rng.IntN(3))
		case strings.HasSuffix(s, "!"):
			s += strings.Repeat("!", 1+rng.IntN(3))
		case strings.HasSuffix(s, "."):
			s = strings.TrimSuffix(s, ".")
		default:
			s += oneOf(rng, " !!", "...", " !", "!!!")
		}
	}
	if rng.Float64() < 0.15 {
		set := emoMild
		switch tn {
		case tonePositive:
			set = emoPos
		case toneNegative, toneAbusive:
			set = emoNeg
		}
		s += " " + strings.Repeat(set[rng.IntN(len(set))], 1+rng.IntN(3))
	}
	return s
}

// typo swaps two neighbouring letters inside one word, or drops one.
func typo(rng *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 6 {
		return s
	}
	for range 8 {
		i := 1 + rng.IntN(len(rs)-3)
		if !unicode.IsLetter(rs[i]) || !unicode.IsLetter(rs[i+1]) {
			continue
		}
		if rng.IntN(3) == 0 {
			return string(rs[:i]) + string(rs[i+1:])
		}
		rs[i], rs[i+1] = rs[i+1], rs[i]
		return string(rs)
	}
	return s
}
